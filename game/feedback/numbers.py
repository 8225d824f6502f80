"""Short, readable renderings of numbers, shapes, dtypes, byte counts and scores, shared by the
Professor's reactions, the results panel and the lab notebook.

PURE: must not import pygame or torch.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

METRIC_LABELS: dict[str, str] = {
    "code_lines": "Code lines",
    "code_chars": "Code size",
    "ops": "Torch ops",
    "peak_memory_bytes": "Peak memory",
    "time_ms": "Time",
}


def fmt_number(value: object, digits: int = 4, mark_float: bool = False) -> str:
    """A compact number: ints as they are, floats to `digits` significant figures. With
    `mark_float`, whole floats keep a trailing dot as torch prints them (`2.` versus `2`)."""
    if isinstance(value, bool):
        return "T" if value else "F"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, complex):  # 1+2j, 0.5-1e-3j, nan+nanj
        imag = fmt_number(abs(value.imag), digits)
        sign = "-" if math.copysign(1.0, value.imag) < 0 else "+"
        return f"{fmt_number(value.real, digits)}{sign}{imag}j"
    if not isinstance(value, float):
        return str(value)
    if math.isnan(value):
        return "nan"
    if math.isinf(value):
        return "inf" if value > 0 else "-inf"
    if value == 0:
        return "0." if mark_float else "0"
    if value == int(value) and abs(value) < 1e6:
        return str(int(value)) + ("." if mark_float else "")
    text = f"{value:.{digits}g}"
    if "e" in text:
        mantissa, exp = text.split("e")
        text = f"{mantissa}e{int(exp)}"
    return text


def fmt_shape(shape: Sequence[int] | None) -> str:
    if shape is None:
        return "?"
    return "[" + ", ".join(str(s) for s in shape) + "]"


def short_dtype(dtype: str) -> str:
    """`torch.float32` -> `float32`."""
    return dtype.removeprefix("torch.")


def fmt_bytes(n: float) -> str:
    units = ["B", "KiB", "MiB", "GiB", "TiB"]
    value = float(n)
    for unit in units:
        if abs(value) < 1024 or unit == units[-1]:
            return f"{int(value)} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    raise AssertionError("unreachable")


def fmt_ms(ms: float) -> str:
    if ms < 1:
        return f"{ms * 1000:.0f} µs"
    if ms < 1000:
        return f"{ms:.2f} ms"
    return f"{ms / 1000:.2f} s"


def fmt_metric(metric: str, value: float | None) -> str:
    """A score as a player reads it, e.g. `1.5 KiB`, `0.42 ms`, `3 ops`."""
    if value is None:
        return "n/a"
    if metric == "peak_memory_bytes":
        return fmt_bytes(value)
    if metric == "time_ms":
        return fmt_ms(value)
    if metric == "ops":
        return f"{int(value)} op" + ("" if int(value) == 1 else "s")
    if metric == "code_lines":
        return f"{int(value)} line" + ("" if int(value) == 1 else "s")
    if metric == "code_chars":
        return f"{int(value)} chars"
    return fmt_number(float(value))
