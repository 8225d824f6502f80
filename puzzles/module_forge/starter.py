import torch
from torch import nn


class Forge(nn.Module):
    def __init__(self, d_in: int, width: int, depth: int, d_out: int) -> None:
        super().__init__()
        self.gain = torch.ones(d_in)  # just a tensor: does the module see it?
        self.centre = nn.Parameter(torch.zeros(d_in))  # does a measured average get trained?
        self.blocks = [nn.Linear(width if i else d_in, width) for i in range(depth)]  # a plain list...
        self.head = nn.Linear(width if depth else d_in, d_out)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        h = (x - self.centre) * self.gain
        for block in self.blocks:
            h = torch.tanh(block(h))
        return self.head(h)


def forge(state_dict, x):
    d_out, width = state_dict["head.weight"].shape
    d_in = state_dict["gain"].shape[0]
    depth = 0  # how many blocks are in the state_dict?
    model = Forge(d_in, width, depth, d_out)
    model.load_state_dict(state_dict)
    with torch.no_grad():
        return model(x), 0
