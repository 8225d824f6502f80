# style: torch.lerp for the moving averages, a while loop, the state kept in a dict like an optimiser's
import torch


def adamw(param, grads, lr: float, betas: tuple[float, float], eps: float, weight_decay: float):
    state = {"step": 0, "exp_avg": torch.zeros_like(param), "exp_avg_sq": torch.zeros_like(param)}
    weights = param.clone()
    history = []
    while state["step"] < len(grads):
        grad = grads[state["step"]]
        state["step"] += 1
        t = state["step"]
        weights = weights - lr * weight_decay * weights
        state["exp_avg"] = torch.lerp(state["exp_avg"], grad, 1 - betas[0])
        state["exp_avg_sq"] = torch.lerp(state["exp_avg_sq"], grad.square(), 1 - betas[1])
        corrected_m = state["exp_avg"] / (1 - betas[0] ** t)
        corrected_v = state["exp_avg_sq"] / (1 - betas[1] ** t)
        weights = weights - lr * corrected_m / (torch.sqrt(corrected_v) + eps)
        history.append(weights)
    return torch.stack(history), state["exp_avg"], state["exp_avg_sq"]
