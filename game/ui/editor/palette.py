"""Colours for code, derived from the game theme so the editor follows high-contrast mode:
keywords in the accent orange, strings green, numbers cyan, comments dim. Pure colour maths,
no drawing. Must not import torch.
"""

from __future__ import annotations

from dataclasses import dataclass

from game.text.markers import MarkerKind
from game.ui.theme import RGB, Theme


def mix(a: RGB, b: RGB, t: float) -> RGB:
    """`a` moved a fraction `t` towards `b`."""
    return (
        round(a[0] + (b[0] - a[0]) * t),
        round(a[1] + (b[1] - a[1]) * t),
        round(a[2] + (b[2] - a[2]) * t),
    )


def _luminance(c: RGB) -> float:
    def channel(v: int) -> float:
        s = v / 255
        return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(c[0]) + 0.7152 * channel(c[1]) + 0.0722 * channel(c[2])


def contrast(a: RGB, b: RGB) -> float:
    """WCAG contrast ratio (1 to 21)."""
    hi, lo = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


@dataclass(frozen=True)
class Palette:
    background: RGB
    gutter: RGB
    gutter_text: RGB
    gutter_current: RGB
    current_line: RGB
    selection: RGB
    find_match: RGB
    caret: RGB
    scrollbar: RGB
    tokens: dict[str, RGB]
    markers: dict[str, RGB]
    marker_line: dict[str, RGB]

    def token(self, kind: str) -> RGB:
        return self.tokens.get(kind, self.tokens["text"])


def palette_for(theme: Theme) -> Palette:
    bg = theme.bg
    markers: dict[MarkerKind, RGB] = {
        "error": theme.error,
        "rule": theme.accent,
        "warning": theme.warning,
    }
    return Palette(
        background=bg,
        gutter=theme.panel,
        gutter_text=theme.text_dim,
        gutter_current=theme.text,
        current_line=theme.current_line,
        selection=mix(bg, theme.selection, 0.65),  # darker than the theme's, so code stays readable
        find_match=mix(bg, theme.warning, 0.35),
        caret=theme.accent2,
        scrollbar=theme.border,
        tokens={
            "text": theme.text,
            "keyword": theme.accent,
            "constant": mix(theme.accent2, theme.text, 0.35),
            "builtin": mix(theme.accent2, theme.text, 0.55),
            "self": mix(theme.accent, theme.text, 0.45),
            "function": theme.warning,
            "class": theme.warning,
            "decorator": mix(theme.accent2, theme.success, 0.5),
            "string": theme.success,
            "escape": mix(theme.success, theme.warning, 0.6),
            "number": theme.accent2,
            "comment": theme.text_dim,
            "operator": mix(theme.text, theme.accent, 0.3),
            "punct": mix(theme.text, theme.text_dim, 0.5),
            "error": theme.error,
        },
        markers={kind: colour for kind, colour in markers.items()},
        marker_line={kind: mix(bg, colour, 0.16) for kind, colour in markers.items()},
    )
