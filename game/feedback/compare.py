"""Cell-by-cell comparison of two tensor previews, for marking mismatched cells and for the
Professor's guesses about *how* values differ (offset, scale, sign, transpose).

The runner's verdict is authoritative; this only re-derives, from the preview values, which
cells to mark, using the runner's per-dtype tolerance floors. PURE: no pygame, no torch.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import product
from typing import Any

from game.content.tolerance import DEFAULT_TOLERANCE
from game.feedback.numbers import short_dtype
from game.runner.protocol import TensorPreview

Index = tuple[int, ...]
Cell = float | complex  # complex tensors' cells arrive spelled as text, e.g. "1+2j"


def tolerance_for(dtype: str) -> tuple[float, float]:
    """The runner's per-dtype floor (`game.content.tolerance`), so the cells marked here are
    the ones the verdict counted; a puzzle's own tolerance or a loud case can only widen it."""
    return DEFAULT_TOLERANCE.get(short_dtype(dtype), (0.0, 0.0))


def _number(value: Any) -> Cell:
    if isinstance(value, bool):
        return 1.0 if value else 0.0
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, complex):
        return value
    if isinstance(value, str):  # non-finite values and complex numbers come as text
        for parse in (float, complex):
            try:
                return parse(value.strip())
            except ValueError:
                continue
    return math.nan


def is_nan(value: Cell) -> bool:
    return value != value  # NaN is the one value unequal to itself (either part of a complex)


def is_finite(value: Cell) -> bool:
    return not is_nan(value) and math.isfinite(abs(value))


def iter_cells(values: Any, shape: list[int]) -> Iterator[tuple[Index, Cell]]:
    """Every (index, value) of a nested-list tensor, row-major. A 0-d tensor yields ((), v)."""
    if not shape:
        yield (), _number(values)
        return
    for index in product(*(range(n) for n in shape)):
        node = values
        try:
            for i in index:
                node = node[i]
        except (IndexError, TypeError, KeyError):
            continue
        yield index, _number(node)


def cell_map(preview: TensorPreview | None) -> dict[Index, Cell] | None:
    """All cells of a preview that carries values, else None."""
    if preview is None or preview.values is None:
        return None
    return dict(iter_cells(preview.values, preview.shape))


def cells_differ(got: Cell, expected: Cell, atol: float, rtol: float) -> bool:
    if is_nan(got) or is_nan(expected):
        return not (is_nan(got) and is_nan(expected))
    if not is_finite(got) or not is_finite(expected):
        return got != expected
    return abs(got - expected) > atol + rtol * abs(expected)


@dataclass(frozen=True)
class Comparison:
    """Which cells differ between `got` and `expected` previews of the same shape."""

    mismatched: frozenset[Index]
    total: int
    max_abs_diff: float | None

    @property
    def count(self) -> int:
        return len(self.mismatched)


def compare_previews(
    expected: TensorPreview | None,
    got: TensorPreview | None,
    mismatch_index: list[int] | None = None,
) -> Comparison | None:
    """Compare two previews cell by cell; None when shapes differ or values are missing."""
    exp_cells, got_cells = cell_map(expected), cell_map(got)
    if expected is None or got is None or exp_cells is None or got_cells is None:
        return None
    if list(expected.shape) != list(got.shape):
        return None
    atol, rtol = tolerance_for(expected.dtype)
    mismatched: set[Index] = set()
    worst: float | None = None
    for index, e in exp_cells.items():
        g = got_cells.get(index, math.nan)
        differs = cells_differ(g, e, atol, rtol)
        if differs:
            mismatched.add(index)
        if is_finite(g) and is_finite(e):
            worst = max(worst or 0.0, abs(g - e))
        elif differs:  # a NaN or inf where a number belongs: as far off as it gets
            worst = math.inf
    if mismatch_index is not None and tuple(mismatch_index) in exp_cells:
        mismatched.add(tuple(mismatch_index))
    return Comparison(frozenset(mismatched), len(exp_cells), worst)


@dataclass(frozen=True)
class Pattern:
    """A recognisable relation between wrong and right values."""

    kind: str  # "offset", "scale", "negated", "transposed"
    amount: float | None = None


def value_pattern(expected: TensorPreview | None, got: TensorPreview | None) -> Pattern | None:
    """Spot a whole-tensor slip: a constant offset or factor, a flipped sign, a transpose."""
    exp_cells, got_cells = cell_map(expected), cell_map(got)
    if not exp_cells or not got_cells or expected is None:
        return None
    pairs = [(got_cells[i], e) for i, e in exp_cells.items() if i in got_cells]
    if len(pairs) < 2 or not all(_real_finite(g) and _real_finite(e) for g, e in pairs):
        return None  # the slips spotted here are for real numbers
    atol, rtol = tolerance_for(expected.dtype)
    atol, rtol = max(atol, 1e-6), max(rtol, 1e-5)
    if all(not cells_differ(g, e, atol, rtol) for g, e in pairs):
        return None
    if all(not cells_differ(g, -e, atol, rtol) for g, e in pairs):
        return Pattern("negated")
    if (
        len(expected.shape) == 2
        and expected.shape[0] == expected.shape[1]
        and all(
            not cells_differ(got_cells[(c, r)], e, atol, rtol) for (r, c), e in exp_cells.items()
        )
    ):
        return Pattern("transposed")
    offset = pairs[0][0].real - pairs[0][1].real  # every cell is real: checked above
    if all(not cells_differ(g - offset, e, atol, rtol) for g, e in pairs):
        return Pattern("offset", offset)
    base = next(((g, e) for g, e in pairs if abs(e) > 1e-12), None)
    if base is not None and base[0] != 0:
        factor = base[0].real / base[1].real
        if all(not cells_differ(g / factor, e, atol, rtol) for g, e in pairs):
            return Pattern("scale", factor)
    return None


def _real_finite(value: Cell) -> bool:
    return isinstance(value, float) and math.isfinite(value)


def value_at(preview: TensorPreview | None, index: list[int] | None) -> Cell | None:
    cells = cell_map(preview)
    if cells is None or index is None:
        return None
    return cells.get(tuple(index))
