# expect: values | -inf
# Wrong: the textbook formula without subtracting the row maximum. exp(1e4) overflows to inf
# (and exp(-1e4) underflows to 0), so huge logits turn into nan and -inf.
import torch


def stable_ce(logits: torch.Tensor, target: torch.Tensor):
    log_probs = logits - logits.exp().sum(dim=-1, keepdim=True).log()
    keep = target != -100
    picked = log_probs[keep].gather(1, target[keep].unsqueeze(1))
    return log_probs, -picked.mean()
