"""Which devices this machine offers and which one a run uses (`auto` = cuda, then mps, then
cpu, among the devices the puzzle supports).

Asks torch only in the trusted process (which never forks); CUDA itself is initialised only
in sandbox processes. Imports torch lazily; never pygame.
"""

from __future__ import annotations

import os
from functools import lru_cache

NAMES = {"cuda": "CUDA", "mps": "Apple MPS", "cpu": "CPU"}


class DeviceUnavailable(Exception):
    """The run asked for a device this machine or puzzle does not have."""


@lru_cache(maxsize=1)
def available_devices() -> tuple[str, ...]:
    os.environ.setdefault("PYTORCH_NVML_BASED_CUDA_CHECK", "1")  # ask NVML, not a CUDA context
    import torch

    found = ["cpu"]
    try:
        if torch.cuda.is_available():
            found.append("cuda")
    except Exception:
        pass
    try:
        if torch.backends.mps.is_available():
            found.append("mps")
    except Exception:
        pass
    return tuple(found)


def resolve_device(requested: str, puzzle_devices: list[str] | None = None) -> str:
    """The concrete device for a run, or DeviceUnavailable with a plain sentence."""
    have = available_devices()
    allowed = puzzle_devices or ["cpu", "cuda", "mps"]
    if requested == "auto":
        for name in ("cuda", "mps", "cpu"):
            if name in have and name in allowed:
                return name
        return "cpu"
    if requested not in NAMES:
        raise DeviceUnavailable(f"unknown device `{requested}` (use cpu, cuda, mps or auto)")
    if requested not in have:
        raise DeviceUnavailable(
            f"{NAMES[requested]} was asked for but this machine has no {NAMES[requested]} device"
        )
    if requested not in allowed:
        raise DeviceUnavailable(
            f"this puzzle cannot be checked on {NAMES[requested]} "
            f"(it supports: {', '.join(allowed)})"
        )
    return requested
