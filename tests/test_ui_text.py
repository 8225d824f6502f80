"""Text on screen: markup parsing, glyph tokens never shown raw, Markdown briefs, and wrapping
that keeps every piece of text inside its box at any width and font scale."""

from __future__ import annotations

import pygame
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game.text.markup import parse_inline, parse_markdown, plain_text


def test_inline_spans() -> None:
    spans = parse_inline("Call `torch.eye(n)` **now** or *later*, snake_case stays :material-duck:")
    assert [(s.text, s.style) for s in spans] == [
        ("Call ", "plain"),
        ("torch.eye(n)", "code"),
        (" ", "plain"),
        ("now", "bold"),
        (" or ", "plain"),
        ("later", "italic"),
        (", snake_case stays ", "plain"),
        ("duck", "glyph"),
    ]


def test_glyph_tokens_are_dropped_from_plain_text() -> None:
    assert plain_text("Secure? :material-shield-check: Good.") == "Secure? Good."


def test_markdown_blocks() -> None:
    blocks = parse_markdown(
        "# Title\n\nSome *words*\nwrapped.\n\n1. one\n2. two\n   more\n- dash\n\n```\n  x = 1\n```\n"
        '!!! quote "Doctrine"\n    PyTorch is the key.\n'
    )
    kinds = [(b.kind, b.text) for b in blocks]
    assert kinds == [
        ("heading", "Title"),
        ("para", "Some *words* wrapped."),
        ("number", "one"),
        ("number", "two more"),
        ("bullet", "dash"),
        ("code", "  x = 1"),
        ("quote", "PyTorch is the key."),
    ]
    assert blocks[-1].title == "Doctrine"


@pytest.fixture(scope="module")
def fonts_at():
    pygame.font.init()
    from game.ui.fonts import Fonts

    return Fonts


WORDS = st.sampled_from(
    [
        "tensor",
        "`x.view(-1)`",
        "**bold**",
        "*it*",
        ":material-coffee:",
        "supercalifragilisticexpialidocious",
        "a",
        "Mwahahaha!",
        "\n",
        "`torch.nn.functional.scaled_dot_product_attention`",
    ]
)


@settings(max_examples=60, deadline=None)
@given(
    words=st.lists(WORDS, max_size=30),
    width=st.integers(8, 700),
    scale=st.sampled_from([0.8, 1.0, 1.5, 2.0]),
)
def test_wrapped_text_never_leaves_its_box(fonts_at, words, width, scale) -> None:
    from game.ui.theme import DEFAULT
    from game.ui.widgets.richtext import RichText

    text = RichText(" ".join(words), fonts_at(scale), DEFAULT, width, base=20)
    for piece in text.pieces:
        assert ":material-" not in piece.text
        too_wide = piece.x + piece.surface.get_width() > text.width
        # a single letter is allowed to stick out of a box narrower than one letter
        assert not too_wide or piece.chars == 1, (piece.text, piece.x, text.width)
    assert text.height == max(1, len(text.line_widths)) * text.line_height


def test_typewriter_reveal_is_monotonic(fonts_at) -> None:
    from game.ui.theme import DEFAULT
    from game.ui.widgets.richtext import RichText

    text = RichText(
        "Three tensors `arange`, `full`, `eye` :material-fire: hang there.",
        fonts_at(1.0),
        DEFAULT,
        300,
    )
    surface = pygame.Surface((320, 200))
    lit = []
    for k in range(0, text.chars + 1, 5):
        surface.fill((0, 0, 0))
        text.draw(surface, (0, 0), reveal=k)
        lit.append(pygame.mask.from_threshold(surface, (0, 0, 0), (1, 1, 1, 255)).count())
    assert lit[0] == pygame.Surface((320, 200)).get_width() * 200  # nothing drawn yet
    assert lit == sorted(lit, reverse=True)  # more text, fewer dark pixels
