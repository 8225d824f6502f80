"""What a puzzle's `cases.py` builds its cases from. Imported only on the runner side.

A `Case` holds the arguments for one call of the entry function. Put `DEVICE` anywhere among
the arguments where the run's device name (`"cpu"`, `"cuda"`...) should go; tensors are made on
the CPU and the runner moves them to the run's device.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


class _Device:
    """Placeholder replaced by the run's device name, e.g. `"cuda"`."""

    def __repr__(self) -> str:
        return "DEVICE"


DEVICE = _Device()


@dataclass
class Case:
    """One call of the entry function.

    name: shown in results ("two by three", "huge logits").
    args/kwargs: the call's arguments (tensors, numbers, strings, DEVICE, lists/dicts of them).
    note: shown under visible examples to explain what the case is about.
    atol/rtol: optional tolerance for this case only.
    """

    name: str
    args: tuple[Any, ...] = ()
    kwargs: dict[str, Any] = field(default_factory=dict)
    note: str = ""
    atol: float | None = None
    rtol: float | None = None
