# expect: values | answer[1]
# Wrong: gives unlabelled rows (target -100) a zero loss but still divides by every row, so
# the mean is diluted whenever some rows are unlabelled.
import torch


def stable_ce(logits: torch.Tensor, target: torch.Tensor):
    shifted = logits - logits.amax(dim=-1, keepdim=True)
    log_probs = shifted - shifted.exp().sum(dim=-1, keepdim=True).log()
    keep = target != -100
    picked = log_probs.gather(1, target.clamp(min=0).unsqueeze(1)).squeeze(1)
    return log_probs, -(picked * keep).mean()
