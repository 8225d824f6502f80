# expect: exception | Unexpected
# Wrong: a plain list of layers; the strict load then finds keys the module cannot place.
import torch
from torch import nn


class Forge(nn.Module):
    def __init__(self, d_in: int, width: int, depth: int, d_out: int) -> None:
        super().__init__()
        self.gain = nn.Parameter(torch.ones(d_in))
        self.register_buffer("centre", torch.zeros(d_in))
        self.blocks = [nn.Linear(width if i else d_in, width) for i in range(depth)]
        self.head = nn.Linear(width if depth else d_in, d_out)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        h = (x - self.centre) * self.gain
        for block in self.blocks:
            h = torch.tanh(block(h))
        return self.head(h)


def forge(state_dict, x):
    d_out, width = state_dict["head.weight"].shape
    depth = sum(1 for name in state_dict if name.startswith("blocks.") and name.endswith(".weight"))
    model = Forge(state_dict["gain"].shape[0], width, depth, d_out)
    model.load_state_dict(state_dict)
    model.to(x.device)
    with torch.no_grad():
        return model(x), sum(p.numel() for p in model.parameters())
