"""Pictures of one tensor preview: a grid of cells (with values when they fit, colours only when
they do not; 3-D and higher as labelled 2-D slices, long 1-D rows wrapped) or a heatmap for
tensors too big to ship values. Mismatched cells get the theme's "differs" colour AND a cross,
so colour is never the only signal. Must not import torch.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from itertools import product

import pygame

from game.feedback.compare import Cell, Index, cell_map
from game.feedback.numbers import fmt_number, short_dtype
from game.runner.protocol import TensorPreview
from game.ui.art.palette import RGB, mix
from game.ui.results.colors import ink_on, normalise, sequential
from game.ui.theme import Theme
from game.ui.widgets.textfit import SurfaceCache


@dataclass(frozen=True)
class CellStyle:
    """How big cells are and whether they carry their values."""

    value_font: pygame.font.Font
    label_font: pygame.font.Font
    cell_w: int
    cell_h: int
    show_values: bool
    gap: int = 1


@dataclass
class CellHit:
    rect: pygame.Rect  # relative to the picture
    index: Index
    value: Cell


@dataclass
class Picture:
    surface: pygame.Surface
    cells: list[CellHit]
    mode: str  # "values", "colours" or "heatmap"


def cell_text(value: Cell, dtype: str) -> str:
    kind = short_dtype(dtype)
    if kind == "bool":
        return "T" if value else "F"
    if (
        (kind.startswith("int") or kind.startswith("uint"))
        and isinstance(value, float)
        and math.isfinite(value)
    ):
        return str(int(value))
    return fmt_number(value, 3, mark_float=True)


def value_style(
    previews: list[TensorPreview],
    value_font: pygame.font.Font,
    label_font: pygame.font.Font,
    pad: int,
) -> CellStyle:
    """Cells wide enough for the widest value of all `previews` (so paired grids align)."""
    widest = 1
    for preview in previews:
        for value in (cell_map(preview) or {}).values():
            widest = max(widest, value_font.size(cell_text(value, preview.dtype))[0])
    cell_h = value_font.get_linesize() + pad
    mark = max(5, cell_h // 3)  # room for the mismatch cross beside the value
    return CellStyle(value_font, label_font, max(cell_h, widest + 2 * pad + mark), cell_h, True)


def colour_style(label_font: pygame.font.Font, size: int) -> CellStyle:
    return CellStyle(label_font, label_font, size, size, False, gap=1 if size >= 6 else 0)


Slice = tuple[str, list[list[Index]]]


def slices(shape: list[int], wrap_cols: int) -> list[Slice]:
    """Cell indices to draw, as labelled 2-D slices; a 1-D tensor wraps every `wrap_cols`."""
    if not shape:
        return [("", [[()]])]
    if len(shape) == 1:
        n, k = shape[0], max(1, min(shape[0], wrap_cols))
        return [("", [[(i,) for i in range(s, min(n, s + k))] for s in range(0, n, k)])]
    rows, cols = shape[-2], shape[-1]
    out: list[Slice] = []
    for lead in product(*(range(n) for n in shape[:-2])):
        label = "[" + ", ".join(str(i) for i in lead) + ", :, :]" if lead else ""
        out.append((label, [[(*lead, r, c) for c in range(cols)] for r in range(rows)]))
    return out


@dataclass
class _Geometry:
    size: tuple[int, int]
    cells: list[tuple[Index, pygame.Rect]]
    labels: list[tuple[str, tuple[int, int], bool]]  # text, position, is slice title


def _geometry(shape: list[int], style: CellStyle, wrap_cols: int) -> _Geometry:
    step_w, step_h = style.cell_w + style.gap, style.cell_h + style.gap
    font = style.label_font
    indexed = style.show_values and len(shape) >= 1
    one_d = len(shape) == 1
    parts = slices(shape, wrap_cols)
    most_rows = max(len(rows) for _, rows in parts)
    most_cols = max((len(r) for _, rows in parts for r in rows), default=1)
    row_label_w = 0
    if indexed and (not one_d or most_rows > 1):
        widest = (most_rows - 1) * (most_cols if one_d else 1)
        row_label_w = font.size(("+" if one_d else "") + str(widest))[0] + 4
    col_label_h = font.get_linesize() if indexed else 0
    cells: list[tuple[Index, pygame.Rect]] = []
    labels: list[tuple[str, tuple[int, int], bool]] = []
    y = 0
    for title, rows in parts:
        if title:
            labels.append((title, (0, y), True))
            y += font.get_linesize()
        if col_label_h:
            for c in range(len(rows[0])):
                text = str(c)
                x = row_label_w + c * step_w + (style.cell_w - font.size(text)[0]) // 2
                labels.append((text, (x, y), False))
            y += col_label_h
        for r, row in enumerate(rows):
            if row_label_w:
                text = f"+{r * len(rows[0])}" if one_d else str(r)
                labels.append((text, (0, y + (style.cell_h - font.get_linesize()) // 2), False))
            for c, index in enumerate(row):
                cells.append(
                    (index, pygame.Rect(row_label_w + c * step_w, y, style.cell_w, style.cell_h))
                )
            y += step_h
        y += style.gap * 3
    width = row_label_w + most_cols * step_w
    return _Geometry((max(1, width), max(1, y)), cells, labels)


def grid_size(shape: list[int], style: CellStyle, wrap_cols: int) -> tuple[int, int]:
    return _geometry(shape, style, wrap_cols).size


def draw_cross(surface: pygame.Surface, rect: pygame.Rect, color: RGB) -> None:
    """The mismatch symbol: a small X in the cell's top-right corner."""
    size = max(3, min(rect.w, rect.h) // 3)
    x, y = rect.right - size - 2, rect.top + 2
    width = 2 if size >= 6 else 1
    pygame.draw.line(surface, color, (x, y), (x + size, y + size), width)
    pygame.draw.line(surface, color, (x, y + size), (x + size, y), width)


def render_grid(
    preview: TensorPreview,
    style: CellStyle,
    theme: Theme,
    cache: SurfaceCache,
    *,
    wrap_cols: int,
    compared: frozenset[Index] | None = None,
    role: str = "plain",
    value_range: tuple[float | None, float | None] = (None, None),
) -> Picture:
    """Draw `preview`'s cells. `compared` holds the mismatched cells when the two tensors were
    compared; `role` is "expected" (outline mismatches) or "got" (fill them with bad_cell)."""
    geo = _geometry(preview.shape, style, wrap_cols)
    surface = pygame.Surface(geo.size, pygame.SRCALPHA)
    values = cell_map(preview) or {}
    hits: list[CellHit] = []
    for text, pos, is_title in geo.labels:
        color = theme.text if is_title else theme.text_dim
        surface.blit(cache.render(style.label_font, text, color), pos)
    for index, rect in geo.cells:
        value = values.get(index, math.nan)
        bad = compared is not None and index in compared
        fill = _cell_fill(theme, style, value, value_range, compared is not None, bad, role)
        pygame.draw.rect(surface, fill, rect, 0, 2 if style.cell_w > 8 else 0)
        if bad and role == "expected":
            ring = max(1, style.cell_h // 10)
            pygame.draw.rect(surface, theme.bad_cell, rect, ring, 2)
            if not style.show_values and style.cell_w >= 6:
                # On a cell shaded by its value the orange ring may match the shade in
                # luminance (greyscale, colour blindness): a ring of black or white inside it.
                pygame.draw.rect(surface, ink_on(fill), rect.inflate(-2 * ring, -2 * ring), 1)
        if bad and role == "got" and style.cell_w >= 5:
            draw_cross(surface, rect, ink_on(theme.bad_cell))
        if style.show_values:
            ink = cache.render(style.value_font, cell_text(value, preview.dtype), ink_on(fill))
            mark = max(5, style.cell_h // 3)
            tx = rect.x + max(1, (rect.w - mark - ink.get_width()) // 2)
            surface.blit(ink, (tx, rect.y + (rect.h - ink.get_height()) // 2))
        hits.append(CellHit(rect, index, value))
    return Picture(surface, hits, "values" if style.show_values else "colours")


def _cell_fill(
    theme: Theme,
    style: CellStyle,
    value: Cell,
    value_range: tuple[float | None, float | None],
    compared: bool,
    bad: bool,
    role: str,
) -> RGB:
    if bad and role == "got":
        return theme.bad_cell
    if not style.show_values:  # a complex cell is shaded by its magnitude
        return sequential(
            normalise(abs(value) if isinstance(value, complex) else value, *value_range)
        )
    if compared and role == "got":
        return theme.ok_cell
    return mix(theme.panel_alt, theme.text, 0.08)


def render_heatmap(
    grid: list[list[float]], size: tuple[int, int], colour: ColourFn
) -> pygame.Surface:
    """A grid of numbers drawn at exactly `size`, as crisp (nearest-neighbour) blocks."""
    rows, cols = len(grid), max((len(r) for r in grid), default=0)
    small = pygame.Surface((max(1, cols), max(1, rows)))
    small.fill((128, 128, 128))
    for r, row in enumerate(grid):
        for c, value in enumerate(row):
            small.set_at((c, r), colour(float(value)))
    return pygame.transform.scale(small, (max(1, size[0]), max(1, size[1])))


def heatmap_size(shape: list[int], width: int, max_height: int) -> tuple[int, int]:
    """Display size keeping the tensor's own aspect ratio (not the downsampled grid's); the
    runner's heatmap stacks all leading dimensions as rows."""
    rows = math.prod(shape[:-1]) if len(shape) >= 2 else 1  # leading dims stacked as rows
    cols = shape[-1] if shape else 1
    w, h = float(width), width * rows / max(1, cols)
    if h > max_height:
        w, h = max_height * cols / max(1, rows), max_height
    return max(4, min(width, round(w))), max(4, round(h))


class ColourFn:
    """Maps a value to a colour; a class so callers can name what the colours mean."""

    def __init__(
        self, lo: float | None, hi: float | None, low: RGB | None = None, high: RGB | None = None
    ):
        self.lo, self.hi, self.low, self.high = lo, hi, low, high

    def __call__(self, value: float) -> RGB:
        t = normalise(value, self.lo, self.hi)
        if self.low is None or self.high is None:
            return sequential(t)
        return (128, 128, 128) if math.isnan(t) else mix(self.low, self.high, t)
