"""Colour maps for tensor pictures: a colour-blind-safe sequential map for values (anchored on
viridis), a ramp towards the theme's "differs" colour for difference maps, and readable text
colours on any cell. Must not import torch.
"""

from __future__ import annotations

import math

from game.ui.art.palette import RGB, mix

# Five anchors of the viridis map (perceptually uniform, readable with colour blindness).
_VIRIDIS: list[RGB] = [(68, 1, 84), (59, 82, 139), (33, 145, 140), (94, 201, 98), (253, 231, 37)]


def sequential(t: float) -> RGB:
    """Viridis-like colour for t in [0, 1]; NaN is mid-grey so it never passes for a value."""
    if math.isnan(t):
        return (128, 128, 128)
    t = min(1.0, max(0.0, t)) * (len(_VIRIDIS) - 1)
    i = min(int(t), len(_VIRIDIS) - 2)
    return mix(_VIRIDIS[i], _VIRIDIS[i + 1], t - i)


def normalise(value: float, lo: float | None, hi: float | None) -> float:
    """`value` mapped to [0, 1] over [lo, hi]; a flat range maps to 0.5, infinities to the ends."""
    if math.isnan(value):
        return math.nan
    if math.isinf(value):
        return 1.0 if value > 0 else 0.0
    if lo is None or hi is None or not (math.isfinite(lo) and math.isfinite(hi)) or hi <= lo:
        return 0.5
    return (value - lo) / (hi - lo)


def luminance(c: RGB) -> float:
    return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2]


def ink_on(background: RGB) -> RGB:
    """Black or white, whichever reads better on `background`."""
    return (12, 12, 16) if luminance(background) > 140 else (250, 250, 250)
