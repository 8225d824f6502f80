"""Tensor pictures: slicing of 0-d to 4-d tensors, mismatch marks (colour AND symbol),
heatmap sizes and colour maps."""

from __future__ import annotations

import pygame
import pytest

from game.feedback.compare import compare_previews, value_pattern
from game.feedback.samples import tensor
from game.runner.protocol import TensorPreview
from game.ui.fonts import Fonts
from game.ui.results.colors import ink_on, normalise, sequential
from game.ui.results.tensor_view import (
    ColourFn,
    cell_text,
    colour_style,
    grid_size,
    heatmap_size,
    render_grid,
    render_heatmap,
    slices,
    value_style,
)
from game.ui.theme import DEFAULT
from game.ui.widgets.textfit import SurfaceCache, ellipsize, wrap


@pytest.fixture(autouse=True)
def _fonts() -> None:
    pygame.display.init()
    pygame.font.init()


def test_slices_cover_every_cell_once() -> None:
    assert slices([], 8) == [("", [[()]])]
    one_d = slices([10], 4)
    assert [len(r) for r in one_d[0][1]] == [4, 4, 2]
    three_d = slices([2, 3, 4], 99)
    assert [title for title, _ in three_d] == ["[0, :, :]", "[1, :, :]"]
    four_d = slices([2, 2, 1, 3], 99)
    assert four_d[-1][0] == "[1, 1, :, :]"
    cells = [i for _, rows in four_d for row in rows for i in row]
    assert len(cells) == len(set(cells)) == 12


def test_cell_text_follows_the_dtype() -> None:
    assert cell_text(2.0, "torch.float32") == "2."
    assert cell_text(2.0, "int64") == "2"
    assert cell_text(1.0, "bool") == "T"
    assert cell_text(float("nan"), "float32") == "nan"


def _style(show_values: bool = True):  # type: ignore[no-untyped-def]
    fonts = Fonts(1.0)
    preview = tensor([[1.0, 2.0], [3.0, 4.0]]).tensor
    assert preview is not None
    if show_values:
        return value_style([preview], fonts.get("mono", 13), fonts.get("mono", 11), 4)
    return colour_style(fonts.get("mono", 11), 8)


def test_mismatches_are_orange_and_crossed_in_yours_and_outlined_in_expected() -> None:
    got = tensor([[1.0, 2.0], [3.0, 9.0]]).tensor
    assert got is not None
    style = _style()
    mismatched = frozenset({(1, 1)})
    pic = render_grid(
        got, style, DEFAULT, SurfaceCache(), wrap_cols=8, compared=mismatched, role="got"
    )
    bad = next(c for c in pic.cells if c.index == (1, 1))
    ok = next(c for c in pic.cells if c.index == (0, 0))
    assert pic.surface.get_at((bad.rect.x + 2, bad.rect.bottom - 3))[:3] == DEFAULT.bad_cell
    assert pic.surface.get_at((ok.rect.x + 2, ok.rect.bottom - 3))[:3] == DEFAULT.ok_cell
    # The symbol: the cross's centre is drawn in ink, not the fill colour.
    size = max(3, min(bad.rect.w, bad.rect.h) // 3)
    centre = (bad.rect.right - size - 2 + size // 2, bad.rect.top + 2 + size // 2)
    assert pic.surface.get_at(centre)[:3] == ink_on(DEFAULT.bad_cell)
    exp = render_grid(
        got, style, DEFAULT, SurfaceCache(), wrap_cols=8, compared=mismatched, role="expected"
    )
    cell = next(c for c in exp.cells if c.index == (1, 1))
    assert exp.surface.get_at((cell.rect.centerx, cell.rect.top))[:3] == DEFAULT.bad_cell
    assert pic.mode == "values"


def test_colour_cells_mark_mismatches_too() -> None:
    got = tensor([[1.0, 2.0], [3.0, 9.0]]).tensor
    assert got is not None
    pic = render_grid(
        got,
        _style(False),
        DEFAULT,
        SurfaceCache(),
        wrap_cols=8,
        compared=frozenset({(0, 1)}),
        role="got",
        value_range=(1.0, 9.0),
    )
    assert pic.mode == "colours"
    bad = next(c for c in pic.cells if c.index == (0, 1))
    assert pic.surface.get_at((bad.rect.x, bad.rect.bottom - 1))[:3] == DEFAULT.bad_cell


def _complex(values: list[list[str]]) -> TensorPreview:
    return TensorPreview(shape=[2, 2], dtype="torch.complex64", device="cpu", values=values)


def test_complex_cells_are_drawn_as_their_values_not_nan() -> None:
    exp = _complex([["1+2j", "0-1j"], ["3+0j", "nan+nanj"]])
    got = _complex([["1+2j", "0+1j"], ["3+0j", "nan+nanj"]])
    assert cell_text(complex(1, 2), exp.dtype) == "1+2j"
    assert cell_text(complex(0.5, -0.25), exp.dtype) == "0.5-0.25j"
    comparison = compare_previews(exp, got)
    assert comparison is not None and comparison.mismatched == {(0, 1)}
    assert comparison.max_abs_diff == 2.0
    assert value_pattern(exp, got) is None  # offsets and scales are for real numbers
    fonts = Fonts(1.0)
    for show_values in (True, False):
        style = (
            value_style([exp, got], fonts.get("mono", 13), fonts.get("mono", 11), 4)
            if show_values
            else colour_style(fonts.get("mono", 11), 8)
        )
        pic = render_grid(
            got,
            style,
            DEFAULT,
            SurfaceCache(),
            wrap_cols=8,
            compared=comparison.mismatched,
            role="got",
            value_range=(-1.0, 3.0),
        )
        values = {c.index: c.value for c in pic.cells}
        assert values[(0, 0)] == complex(1, 2) and values[(0, 1)] == complex(0, 1)
    assert style.cell_w >= 1


def test_complex_cells_widen_the_grid_to_fit_their_text() -> None:
    fonts = Fonts(1.0)
    got = _complex([["1+2j", "0+1j"], ["3+0j", "-12.5-0.125j"]])
    style = value_style([got], fonts.get("mono", 13), fonts.get("mono", 11), 4)
    assert style.cell_w > fonts.get("mono", 13).size("-12.5-0.125j")[0]


def test_grid_size_grows_with_the_tensor() -> None:
    style = _style()
    small, large = grid_size([2, 2], style, 8), grid_size([4, 6], style, 8)
    assert large[0] > small[0] and large[1] > small[1]
    assert grid_size([100], style, 10)[0] == grid_size([50], style, 10)[0]  # wrapped rows


def test_heatmap_keeps_the_tensor_aspect_and_exact_size() -> None:
    assert heatmap_size([64, 32], 200, 1000) == (200, 400)
    assert heatmap_size([64, 32], 200, 100) == (50, 100)
    assert heatmap_size([1000], 200, 100)[0] == 200
    image = render_heatmap([[0.0, 1.0], [2.0, 3.0]], (40, 20), ColourFn(0.0, 3.0))
    assert image.get_size() == (40, 20)
    assert image.get_at((0, 0))[:3] == sequential(0.0)
    assert image.get_at((39, 19))[:3] == sequential(1.0)


def test_colour_map_handles_flat_ranges_and_non_finite_values() -> None:
    assert normalise(5.0, 5.0, 5.0) == 0.5
    assert normalise(float("inf"), 0.0, 1.0) == 1.0
    assert sequential(float("nan")) == (128, 128, 128)
    ramp = ColourFn(0.0, 1.0, (0, 0, 0), (200, 100, 0))
    assert ramp(1.0) == (200, 100, 0)


def test_wrap_and_ellipsize_fit_the_width() -> None:
    font = Fonts(1.0).body
    text = "a " * 40 + "Supercalifragilisticexpialidocious" * 3
    for width in (30, 80, 300):
        assert all(font.size(line)[0] <= width for line in wrap(font, text, width))
        assert font.size(ellipsize(font, text, width))[0] <= width
    assert wrap(font, "one\n\ntwo", 500) == ["one", "", "two"]
