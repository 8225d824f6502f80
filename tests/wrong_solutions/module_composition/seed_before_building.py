# expect: values | two members
# Wrong: seeds before building the model. nn.Linear's initialisation draws random numbers
# too, so by the time dropout flips its coins the generator has moved on.
import torch
from torch import nn


def _member(h: int) -> nn.Module:
    return nn.Sequential(nn.Linear(h, h), nn.ReLU(), nn.Dropout(0.25))


def _build(weights: dict[str, torch.Tensor], device: torch.device) -> nn.ModuleDict:
    h, d_in = weights["stem.0.weight"].shape
    n = sum(1 for key in weights if key.startswith("members.") and key.endswith(".0.weight"))
    model = nn.ModuleDict({
        "stem": nn.Sequential(nn.Linear(d_in, h), nn.BatchNorm1d(h), nn.ReLU()),
        "members": nn.ModuleList([_member(h) for _ in range(n)]),
        "head": nn.Linear(h, weights["head.weight"].shape[0]),
    })
    model.load_state_dict(weights)
    return model.to(device)


def _forward(model: nn.ModuleDict, x: torch.Tensor) -> torch.Tensor:
    z = model["stem"](x)
    for member in model["members"]:
        z = z + member(z)
    return model["head"](z)


def committee(weights: dict[str, torch.Tensor], x: torch.Tensor, seed: int):
    torch.manual_seed(seed)
    model = _build(weights, x.device)
    with torch.no_grad():
        train_out = _forward(model, x)
        model.eval()
        eval_out = _forward(model, x)
    return train_out, eval_out
