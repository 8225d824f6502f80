"""Rudolf Hammer's black box, as published: a stack of layers and a head, nothing else.

`BlackBox(state_dict)` rebuilds the model from its weights, on their device. Its forward pass
returns only the diagnosis scores; what happens in between is, officially, proprietary.
"""

import torch
from torch import nn


class BlackBox(nn.Module):
    def __init__(self, state_dict: dict[str, torch.Tensor]) -> None:
        super().__init__()
        n_layers = sum(1 for key in state_dict if key.startswith("layers.") and key.endswith(".0.weight"))
        layers = []
        for i in range(n_layers):
            width, fan_in = state_dict[f"layers.{i}.0.weight"].shape
            layers.append(nn.Sequential(nn.Linear(fan_in, width), nn.ReLU()))
        self.layers = nn.ModuleList(layers)
        n_out, width = state_dict["head.weight"].shape
        self.head = nn.Linear(width, n_out)
        self.to(state_dict["head.weight"].device)
        self.load_state_dict(state_dict)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        for layer in self.layers:
            x = layer(x)
        return self.head(x)
