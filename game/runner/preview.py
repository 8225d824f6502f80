"""Turn values into `protocol.ValuePreview`s the UI can draw without torch: every value of a
small tensor, or a <= 32x32 heatmap plus min/max/mean and NaN/inf counts for a large one.

Trusted side only. Imports torch; never pygame.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import torch
import torch.nn.functional as F

from game.runner.casekit import DEVICE
from game.runner.protocol import TensorPreview, ValuePreview
from game.runner.transfer import MetaTensor, Opaque, Received, dtype_name

SMALL = 256
HEAT = 32
# Elements one value's previews may read in all: a value that came back from a run may nest one
# big tensor thousands of times (16 wide, 4 deep); past this its tensors show shape and dtype only
BUDGET = 32 * 1024 * 1024
# Values one preview may describe in all: 16 wide and 4 deep is 69,905 of them, more than a
# results panel can show and seconds of the judge's time. Each container shares what it has
# left out evenly among its first items, so the outer levels show whole and the deep ones cut
NODES = 256


@dataclass
class Budget:
    """Tensor elements one value's previews may still read, shared by all of its tensors."""

    elements: int = BUDGET


def _plain(value: Any) -> Any:
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, complex):
        return f"{value.real:g}{value.imag:+g}j"
    if isinstance(value, float) and not math.isfinite(value):
        return repr(value)  # "nan"/"inf": JSON has no such numbers
    return value


def tensor_preview(t: torch.Tensor, device: str, budget: Budget) -> TensorPreview:
    """`budget`: taken from; a tensor beyond its elements gets its shape and dtype alone."""
    shape = [int(d) for d in t.shape]
    preview = TensorPreview(shape=shape, dtype=dtype_name(t.dtype), device=device)
    if t.numel() > budget.elements:
        return preview
    budget.elements -= t.numel()
    if t.numel() == 0:  # nested empty lists cost one per leading row: torch.empty(2**40, 0)
        preview.values = [] if t.dim() <= 1 or t.shape[0] == 0 else None
        return preview
    real = torch.view_as_real(t).to(torch.float64) if t.is_complex() else t.to(torch.float64)
    finite = real[torch.isfinite(real)]
    preview.nan_count = int(torch.isnan(real).sum())
    preview.inf_count = int(torch.isinf(real).sum())
    if finite.numel():
        preview.min, preview.max = float(finite.min()), float(finite.max())
        preview.mean = float(finite.mean())
    if t.numel() <= SMALL:
        preview.values = _plain(t.tolist())
        return preview
    grid = real.reshape(-1, real.shape[-1]) if real.dim() > 1 else real.reshape(1, -1)
    grid = torch.nan_to_num(grid, nan=0.0, posinf=preview.max or 0.0, neginf=preview.min or 0.0)
    pooled = F.adaptive_avg_pool2d(
        grid[None, None], (min(HEAT, grid.shape[0]), min(HEAT, grid.shape[1]))
    )
    preview.heatmap = pooled[0, 0].tolist()
    return preview


def _tensor_text(t: torch.Tensor, device: str) -> str:
    head = f"{dtype_name(t.dtype)}[{', '.join(str(d) for d in t.shape)}]"
    if device != "cpu":
        head += f" on {device}"
    if 0 < t.numel() <= 8:
        head += " " + str(_plain(t.tolist()))
    return head[:160]


def preview(
    value: Any,
    device: str = "cpu",
    depth: int = 0,
    budget: Budget | None = None,
    nodes: int = NODES,
) -> ValuePreview:
    """A preview of a trusted value (inputs, expected) or of what came back (`Received`...),
    reading at most `BUDGET` tensor elements and describing at most `nodes` values in all."""
    budget = Budget() if budget is None else budget
    if isinstance(value, Received):
        return ValuePreview(
            kind="tensor",
            text=_tensor_text(value.tensor, value.device),
            tensor=tensor_preview(value.tensor, value.device, budget),
        )
    if isinstance(value, torch.Tensor) and value.device.type == "meta":
        value = MetaTensor(tuple(value.shape), dtype_name(value.dtype), "meta")
    if isinstance(value, torch.Tensor):
        return ValuePreview(
            kind="tensor",
            text=_tensor_text(value, device),
            tensor=tensor_preview(value, device, budget),
        )
    if isinstance(value, MetaTensor):
        return ValuePreview(
            kind="other", text=f"meta tensor {value.dtype}{list(value.shape)} (no values)"
        )
    if isinstance(value, Opaque):
        return ValuePreview(kind="other", text=f"{value.type_name}: {value.text}"[:200])
    if value is None:
        return ValuePreview(kind="none", text="None")
    if value is DEVICE:
        return ValuePreview(kind="scalar", text=repr(device))
    if isinstance(value, (bool, int, float, str, torch.dtype, torch.Size)):
        return ValuePreview(kind="scalar", text=repr(value)[:160])
    if isinstance(value, (tuple, list)) and depth < 4:
        items = _items(list(value[:16]), device, depth, budget, nodes)
        return ValuePreview(
            kind="sequence", text=f"{type(value).__name__} of {len(value)}", items=items
        )
    if isinstance(value, dict) and depth < 4:
        keys = [str(k) for k in list(value)[:16]]
        items = _items([value[k] for k in list(value)[:16]], device, depth, budget, nodes)
        return ValuePreview(
            kind="mapping", text=f"dict of {len(value)}", items=items, keys=keys[: len(items)]
        )
    return ValuePreview(kind="other", text=type(value).__name__)


def _items(
    values: list[Any], device: str, depth: int, budget: Budget, nodes: int
) -> list[ValuePreview]:
    """The previews of a container's first values: as many as its `nodes` (less its own one)
    allow, each given an even share of them (the container's text names its full length, so
    a cut list reads as the first of many)."""
    shown = values[: max(0, nodes - 1)]
    share = (nodes - 1) // len(shown) if shown else 0
    return [preview(v, device, depth + 1, budget, share) for v in shown]
