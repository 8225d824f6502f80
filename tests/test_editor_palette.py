"""The code palette is derived from the theme and stays readable on every background the
editor draws behind text (plain, current line, selection, marker tints), in both themes."""

from __future__ import annotations

import pytest

from game.ui.editor.palette import contrast, mix, palette_for
from game.ui.theme import DEFAULT, HIGH_CONTRAST, Theme


@pytest.mark.parametrize("theme", [DEFAULT, HIGH_CONTRAST], ids=lambda t: t.name)
def test_every_token_colour_is_readable(theme: Theme) -> None:
    palette = palette_for(theme)
    for kind, colour in palette.tokens.items():
        assert contrast(colour, palette.background) >= 4.5, kind
        assert contrast(colour, palette.current_line) >= 4.5, kind
        assert contrast(colour, palette.selection) >= 3.0, kind
        for tint in palette.marker_line.values():
            assert contrast(colour, tint) >= 3.0, kind


def test_palette_follows_the_theme_roles() -> None:
    palette = palette_for(DEFAULT)
    assert palette.token("keyword") == DEFAULT.accent
    assert palette.token("string") == DEFAULT.success
    assert palette.token("number") == DEFAULT.accent2
    assert palette.token("comment") == DEFAULT.text_dim
    assert palette.token("no-such-kind") == DEFAULT.text
    assert palette.markers == {
        "error": DEFAULT.error,
        "rule": DEFAULT.accent,
        "warning": DEFAULT.warning,
    }
    assert (
        len(set(palette.tokens[k] for k in ("keyword", "string", "number", "comment", "text"))) == 5
    )


def test_contrast_and_mix_maths() -> None:
    assert contrast((0, 0, 0), (255, 255, 255)) == pytest.approx(21.0)
    assert contrast((10, 20, 30), (10, 20, 30)) == pytest.approx(1.0)
    assert mix((0, 0, 0), (200, 100, 50), 0.5) == (100, 50, 25)
