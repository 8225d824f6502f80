# expect: values | -inf
# Wrong: softmax itself is stable, but its tiny probabilities round to 0 in float32, and
# log(0) = -inf: a row like [1000, 0, -1000] gets -inf instead of -1000 and -2000.
import torch


def stable_ce(logits: torch.Tensor, target: torch.Tensor):
    log_probs = torch.softmax(logits, dim=-1).log()
    keep = target != -100
    picked = log_probs[keep].gather(1, target[keep].unsqueeze(1))
    return log_probs, -picked.mean()
