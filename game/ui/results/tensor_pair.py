"""Expected and yours as tensor pictures, side by side (or stacked when the panel is narrow):
cell grids with values when they fit, coloured cells when they do not, heatmaps for tensors too
big to ship values, a map of where two heatmaps differ, and the summary and difference lines.
Appends to a Doc and returns text descriptions for `describe()`. Must not import torch.
"""

from __future__ import annotations

import math

import pygame

from game.feedback.compare import Comparison, compare_previews, tolerance_for
from game.feedback.numbers import fmt_number, fmt_shape, short_dtype
from game.runner.protocol import TensorPreview
from game.ui.art.palette import mix
from game.ui.results.doc import Chip, Doc
from game.ui.results.style import PanelStyle
from game.ui.results.tensor_view import (
    CellStyle,
    ColourFn,
    Picture,
    cell_text,
    colour_style,
    grid_size,
    heatmap_size,
    render_grid,
    render_heatmap,
    value_style,
)
from game.ui.theme import Theme


class TensorDrawer:
    """Draws tensor previews into `doc`; one drawer per document build."""

    def __init__(self, doc: Doc, style: PanelStyle, theme: Theme):
        self.doc, self.style, self.theme = doc, style, theme

    def pair(
        self,
        exp: TensorPreview,
        got: TensorPreview,
        mismatch_index: list[int] | None,
        max_abs_diff: float | None,
    ) -> list[str]:
        s, doc = self.style, self.doc
        comparison = compare_previews(exp, got, mismatch_index)
        compared = comparison.mismatched if comparison is not None else None
        half = (doc.width - s.gap) // 2
        cell_style, side_by_side = self._layout([exp, got], half, doc.width)
        value_range = _joint_range(exp, got)
        columns = [("Expected", exp, "expected"), ("Yours", got, "got")]
        descs: list[str] = []
        if side_by_side:
            top, bottom = doc.y, doc.y
            for i, (title, t, role) in enumerate(columns):
                doc.y = top
                self.title(title, t, exp if role == "got" else None, i * (half + s.gap), half)
                bottom = max(bottom, doc.y)
            top = bottom
            for i, (title, t, role) in enumerate(columns):
                doc.y = top
                descs.append(
                    f"{title}: "
                    + self.column(
                        t, i * (half + s.gap), half, compared, role, cell_style, value_range
                    )
                )
                bottom = max(bottom, doc.y)
            doc.y = bottom
        else:
            for title, t, role in columns:
                self.title(title, t, exp if role == "got" else None, 0, doc.width)
                descs.append(
                    f"{title}: "
                    + self.column(t, 0, doc.width, compared, role, cell_style, value_range)
                )
        self._heat_difference(exp, got, value_range)
        descs.append(self._difference_line(exp, comparison, mismatch_index, max_abs_diff))
        return descs

    def _layout(
        self, tensors: list[TensorPreview], half: int, full: int
    ) -> tuple[CellStyle | None, bool]:
        """Cell style and whether to go side by side: values side by side, else values
        stacked, else coloured cells side by side, else stacked (None: nothing fits)."""
        if all(t.values is None for t in tensors):
            return None, True
        for want_values in (True, False):
            for width, side in ((half, True), (full, False)):
                style = self._choose_style(tensors, width, want_values)
                if style is not None:
                    return style, side
        return None, False

    def _choose_style(
        self, tensors: list[TensorPreview], width: int, with_values: bool = True
    ) -> CellStyle | None:
        """Cells with their values (or coloured cells only) if every grid fits `width`."""
        shown = [t for t in tensors if t.values is not None]
        if not shown:
            return None
        s = self.style
        style = value_style(shown, s.cell, s.tiny, max(2, s.pad // 2))
        if not with_values:
            cols = max(_columns(t.shape) for t in shown)
            size = min(style.cell_h, max(2, (width - s.pad) // max(1, cols) - 1))
            style = colour_style(s.tiny, size)
        return style if all(self._fits(t, style, width) for t in shown) else None

    @staticmethod
    def _fits(t: TensorPreview, style: CellStyle, width: int) -> bool:
        return grid_size(t.shape, style, _wrap_cols(t.shape, style, width))[0] <= width

    def title(
        self, title: str, t: TensorPreview, other: TensorPreview | None, x: int, width: int
    ) -> None:
        """`Yours  [3, 1] ≠  float32  cpu`: each differing part flagged with ≠ and colour."""
        s, th, doc = self.style, self.theme, self.doc
        chips = [Chip(title, s.bold, th.accent2 if other is not None else th.text)]
        parts = [
            (fmt_shape(t.shape), other is not None and t.shape != other.shape),
            (
                short_dtype(t.dtype),
                other is not None and short_dtype(t.dtype) != short_dtype(other.dtype),
            ),
            (t.device, other is not None and t.device != other.device),
        ]
        for text, differs in parts:
            chips.append(
                Chip(
                    ("≠ " if differs else "") + text,
                    s.mono,
                    th.bad_cell if differs else th.text_dim,
                )
            )
        doc.flow(chips, x=x, gap=s.pad, width=width)
        doc.gap(s.pad // 2)

    def column(
        self,
        t: TensorPreview,
        x: int,
        width: int,
        compared: frozenset | None,
        role: str,
        style: CellStyle | None,
        value_range: tuple[float | None, float | None] | None = None,
    ) -> str:
        s, th, doc = self.style, self.theme, self.doc
        value_range = value_range or (t.min, t.max)
        if 0 in t.shape:
            doc.text("(empty tensor)", s.small, th.text_dim, x, width)
            return f"empty tensor {fmt_shape(t.shape)}"
        desc = f"tensor {fmt_shape(t.shape)} {short_dtype(t.dtype)} {t.device}"
        if t.values is not None and style is None:
            style = self._choose_style([t], width) or self._choose_style([t], width, False)
        if t.values is not None and style is not None:
            picture = render_grid(
                t,
                style,
                th,
                doc.cache,
                wrap_cols=_wrap_cols(t.shape, style, width),
                compared=compared,
                role=role,
                value_range=value_range,
            )
            self._place(picture, x, t, role)
            desc += f", drawn as a {picture.mode} grid"
            if compared and role == "got":
                desc += f", {len(compared)} mismatched cell(s) marked"
        elif t.heatmap:
            size = heatmap_size(t.shape, width, self._heat_height(width))
            image = render_heatmap(t.heatmap, size, ColourFn(*value_range))
            doc.blit(image, x, doc.y)
            doc.hit(
                pygame.Rect(x, doc.y, image.get_width(), image.get_height()),
                tooltip=f"{role if role != 'got' else 'yours'}: heatmap of "
                f"{fmt_shape(t.shape)}, downsampled",
            )
            doc.y += image.get_height() + s.pad // 2
            desc += ", drawn as a heatmap"
        elif t.values is not None:
            doc.text(
                "Too wide to draw at this size: widen the window or lower the font scale.",
                s.small,
                th.text_dim,
                x,
                width,
            )
            desc += ", too wide to draw"
        else:
            desc += ", no values sent"
        summary = _summary(t)
        doc.text(summary, s.small, th.text_dim, x, width)
        doc.gap(s.pad // 2)
        return f"{desc} ({summary})"

    def _place(self, picture: Picture, x: int, t: TensorPreview, role: str) -> None:
        doc = self.doc
        top = doc.y
        doc.blit(picture.surface, x, top)
        who = "yours" if role == "got" else ("expected" if role == "expected" else "value")
        for cell in picture.cells:
            text = f"{fmt_shape(list(cell.index))} {who}: {cell_text(cell.value, t.dtype)}"
            doc.hit(cell.rect.move(x, top), tooltip=text, action=f"cell:{role}")
        doc.y = top + picture.surface.get_height() + self.style.pad // 2

    def _heat_height(self, width: int) -> int:
        """Tall enough to read on big windows, short enough to leave room on small ones."""
        return max(self.style.body.get_linesize() * 8, min(width, 360))

    def _heat_difference(
        self, exp: TensorPreview, got: TensorPreview, value_range: tuple[float | None, float | None]
    ) -> None:
        """For heatmap-only pairs of equal grids: a third map showing where they differ."""
        if (
            exp.values is not None
            or got.values is not None
            or not exp.heatmap
            or not got.heatmap
            or len(exp.heatmap) != len(got.heatmap)
        ):
            return
        diff = [
            [abs(g - e) for g, e in zip(gr, er, strict=False)]
            for gr, er in zip(got.heatmap, exp.heatmap, strict=True)
        ]
        worst = max((v for row in diff for v in row if math.isfinite(v)), default=0.0)
        if worst <= 0:
            return
        s, th, doc = self.style, self.theme, self.doc
        doc.text("Where they differ (dark: the same; brighter: a bigger gap)", s.bold, th.text)
        doc.gap(s.pad // 2)
        half = (doc.width - s.gap) // 2
        size = heatmap_size(exp.shape, half, self._heat_height(half))
        image = render_heatmap(
            diff, size, ColourFn(0.0, worst, mix(th.panel, th.bg, 0.5), th.bad_cell)
        )
        doc.hit(
            pygame.Rect(0, doc.y, *size),
            tooltip=f"|yours - expected|, brightest = {fmt_number(worst)}",
        )
        doc.blit(image, 0, doc.y)
        doc.y += image.get_height() + s.pad // 2

    def _difference_line(
        self,
        exp: TensorPreview,
        comparison: Comparison | None,
        index: list[int] | None,
        max_abs_diff: float | None,
    ) -> str:
        s, th, doc = self.style, self.theme, self.doc
        parts = []
        if comparison is not None and comparison.count == 0:
            parts.append(f"all {comparison.total} values match")
        elif comparison is not None:
            parts.append(f"{comparison.count} of {comparison.total} cells differ")
        if max_abs_diff is None and comparison is not None:
            max_abs_diff = comparison.max_abs_diff
        if max_abs_diff is not None:
            parts.append(f"max abs diff {fmt_number(max_abs_diff)}")
        if index is not None:
            parts.append(f"first mismatch at {fmt_shape(index)}")
        atol, rtol = tolerance_for(exp.dtype)
        if comparison is not None and (atol or rtol):
            parts.append(f"tolerance atol {fmt_number(atol)}, rtol {fmt_number(rtol)}")
        if not parts:
            return ""
        line = " · ".join(parts)
        color = th.bad_cell if comparison is not None and comparison.count else th.text_dim
        doc.text(line, s.small, color)
        doc.gap(s.pad)
        return line


def _columns(shape: list[int]) -> int:
    return shape[-1] if shape else 1


def _wrap_cols(shape: list[int], style: CellStyle, width: int) -> int:
    """How many cells of a 1-D tensor go in one row at this width (others ignore it)."""
    label = style.label_font.size("+000")[0] + 4 if style.show_values else 0
    return max(1, (width - label) // (style.cell_w + style.gap))


def _joint_range(a: TensorPreview, b: TensorPreview) -> tuple[float | None, float | None]:
    lows = [v for v in (a.min, b.min) if v is not None and math.isfinite(v)]
    highs = [v for v in (a.max, b.max) if v is not None and math.isfinite(v)]
    return (min(lows) if lows else None, max(highs) if highs else None)


def _summary(t: TensorPreview) -> str:
    bits = [
        f"{name} {fmt_number(v)}"
        for name, v in (("min", t.min), ("max", t.max), ("mean", t.mean))
        if v is not None
    ]
    if t.nan_count:
        bits.append(f"{t.nan_count} NaN")
    if t.inf_count:
        bits.append(f"{t.inf_count} inf")
    return " · ".join(bits) or "no summary"
