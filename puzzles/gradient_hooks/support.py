"""The OneAI Oracle's trunk, as published: a stack of Linear + ReLU layers and a head.

`Tower(state_dict)` rebuilds it from its weights, on their device. `tower.layers[i]` is the
i-th `nn.Sequential(nn.Linear, nn.ReLU)`; `tower.head` is the final `nn.Linear`.
"""

import torch
from torch import nn


class Tower(nn.Module):
    def __init__(self, state_dict: dict[str, torch.Tensor]) -> None:
        super().__init__()
        depth = sum(1 for key in state_dict if key.startswith("layers.") and key.endswith(".0.weight"))
        layers = []
        for i in range(depth):
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
