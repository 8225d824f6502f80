"""Rudolf Hammer's black box, as shipped: a stack of layers and a head, nothing else.

`BlackBox(state_dict)` builds the model from its published weights, on their device. Its forward
pass returns only the diagnosis scores; what happens in between is, officially, proprietary.

Read closely: between its layers the box multiplies by a `calibration_<i>` buffer registered
with `persistent=False`. Such a buffer moves with `.to()` and `forward` uses it, but
`state_dict()` leaves it out, so the published weights are not the whole model, and running the
layers one after another is not running the box. Only the box itself computes what its layers
really see.
"""

import torch
from torch import nn

_FACTORY_SEED = 1_000_003  # Hammer's "proprietary calibration", compiled into the software


def _calibration(index: int, width: int) -> torch.Tensor:
    """The positive per-unit gains applied to layer `index`'s output before the next layer."""
    g = torch.Generator().manual_seed(_FACTORY_SEED + index)
    return 0.5 + 1.5 * torch.rand(width, generator=g)


class BlackBox(nn.Module):
    def __init__(self, state_dict: dict[str, torch.Tensor]) -> None:
        super().__init__()
        n_layers = sum(1 for key in state_dict if key.startswith("layers.") and key.endswith(".0.weight"))
        layers = []
        for i in range(n_layers):
            width, fan_in = state_dict[f"layers.{i}.0.weight"].shape
            layers.append(nn.Sequential(nn.Linear(fan_in, width), nn.ReLU()))
            self.register_buffer(f"calibration_{i}", _calibration(i, width), persistent=False)
        self.layers = nn.ModuleList(layers)
        n_out, width = state_dict["head.weight"].shape
        self.head = nn.Linear(width, n_out)
        self.to(state_dict["head.weight"].device)
        self.load_state_dict(state_dict)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        for i, layer in enumerate(self.layers):
            x = layer(x) * getattr(self, f"calibration_{i}")
        return self.head(x)
