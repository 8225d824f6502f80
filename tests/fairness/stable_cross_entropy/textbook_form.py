# style: the textbook stable form x - (m + log(sum(exp(x - m)))), written out in one line
import torch


def stable_ce(logits, target):
    m = logits.amax(dim=-1, keepdim=True)
    log_probs = logits - (m + torch.log(torch.sum(torch.exp(logits - m), dim=-1, keepdim=True)))
    keep = target != -100
    picked = log_probs[keep].gather(1, target[keep].unsqueeze(1))
    return log_probs, -picked.mean()
