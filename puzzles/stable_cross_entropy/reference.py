import torch

IGNORE = -100


def stable_ce(logits: torch.Tensor, target: torch.Tensor):
    # log_softmax is shift-invariant: subtracting the row max keeps exp() from overflowing.
    shifted = logits - logits.amax(dim=-1, keepdim=True).detach()
    log_probs = shifted - shifted.exp().sum(dim=-1, keepdim=True).log()
    keep = target != IGNORE
    picked = log_probs[keep].gather(1, target[keep].unsqueeze(1))
    return log_probs, -picked.mean()
