# style: the blocks built as nn.ModuleList of nn.Sequential(Linear, Tanh) with the buffer created from the state_dict itself, parameters counted via named_parameters
import torch
from torch import nn


class Forge(nn.Module):
    def __init__(self, shapes: dict[str, torch.Size]) -> None:
        super().__init__()
        self.gain = nn.Parameter(torch.empty(shapes["gain"]))
        self.register_buffer("centre", torch.empty(shapes["centre"]))
        layers = []
        i = 0
        while f"blocks.{i}.weight" in shapes:
            out_f, in_f = shapes[f"blocks.{i}.weight"]
            layers.append(nn.Linear(in_f, out_f))
            i += 1
        self.blocks = nn.ModuleList(layers)
        out_f, in_f = shapes["head.weight"]
        self.head = nn.Linear(in_f, out_f)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        h = self.gain * (x - self.centre)
        for layer in self.blocks:
            h = layer(h).tanh()
        return self.head(h)


def forge(state_dict, x):
    model = Forge({name: t.shape for name, t in state_dict.items()}).to(x.device)
    model.load_state_dict(state_dict, strict=True)
    model.eval()
    out = model(x).detach()
    n_params = 0
    for _, p in model.named_parameters():
        n_params += p.numel()
    return out, n_params
