# style: an nn.Module subclass with attributes named after the state_dict keys, detach() at the end
import torch
from torch import nn


class Committee(nn.Module):
    def __init__(self, d_in: int, h: int, d_out: int, n: int) -> None:
        super().__init__()
        self.stem = nn.Sequential(nn.Linear(d_in, h), nn.BatchNorm1d(h), nn.ReLU())
        self.members = nn.ModuleList(
            nn.Sequential(nn.Linear(h, h), nn.ReLU(), nn.Dropout(0.25)) for _ in range(n)
        )
        self.head = nn.Linear(h, d_out)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        z = self.stem(x)
        for member in self.members:
            z = z + member(z)
        return self.head(z)


def committee(weights, x, seed):
    h, d_in = weights["stem.0.weight"].shape
    n = len([k for k in weights if k.startswith("members.") and k.endswith("0.bias")])
    model = Committee(d_in, h, weights["head.weight"].shape[0], n)
    model.load_state_dict(weights)
    model = model.to(x.device).train()
    torch.manual_seed(seed)
    train_out = model(x).detach()
    eval_out = model.eval()(x).detach()
    return train_out, eval_out
