"""Text fitting stays bounded whatever the text: labels, wraps and the shared surface cache
(the terminal at 1024x640 and 200% once grew past a gigabyte and stopped answering, fitting
a long text one character at a time). The counts of font measurements stand in for time, so
these tests cannot be flaky."""

from __future__ import annotations

import json

import pygame
import pytest

from game.ui.fonts import Fonts
from game.ui.widgets.draw import label
from game.ui.widgets.textfit import CACHE_BYTES, TEXT, SurfaceCache, ellipsize, wrap


class CountingFont:
    """A font that counts how often it is measured and how many characters it measured."""

    def __init__(self, font: pygame.font.Font):
        self.font = font
        self.calls = 0
        self.chars = 0

    def size(self, text: str) -> tuple[int, int]:
        self.calls += 1
        self.chars += len(text)
        return self.font.size(text)

    def render(self, text: str, antialias: bool, color: tuple[int, int, int]) -> pygame.Surface:
        return self.font.render(text, antialias, color)

    def __getattr__(self, name: str) -> object:  # line sizes and the rest, uncounted
        return getattr(self.font, name)


class CountingFonts(Fonts):
    def __init__(self, scale: float):
        super().__init__(scale)
        self.counted: dict[tuple[str, int], CountingFont] = {}

    def get(self, role, base=20):  # type: ignore[no-untyped-def, override]
        key = (role, base)
        if key not in self.counted:
            self.counted[key] = CountingFont(super().get(role, base))
        return self.counted[key]


@pytest.fixture(autouse=True)
def _display() -> None:
    pygame.display.init()
    pygame.font.init()


def test_a_label_of_any_length_is_fitted_in_a_few_measurements() -> None:
    fonts = CountingFonts(2.0)
    surface = pygame.Surface((1024, 640))
    text = "Mwahahaha! " * 500  # 5,500 characters: fitting it by single characters took seconds
    rect = label(surface, text, (0, 0), fonts, (255, 255, 255), base=13, max_width=400)
    font = fonts.counted[("body", 13)]
    assert rect.width <= 400
    assert font.calls <= 20 and font.chars <= 20 * 410


def test_a_label_without_a_limit_is_no_wider_than_its_surface() -> None:
    fonts = CountingFonts(2.0)
    surface = pygame.Surface((1024, 640))
    rect = label(surface, "x" * 200_000, (0, 0), fonts, (255, 255, 255), base=13)
    assert rect.width <= 1024
    assert fonts.counted[("body", 13)].chars <= 20 * 1030


def test_wrapping_one_endless_word_costs_a_few_measurements_per_line() -> None:
    font = CountingFont(Fonts(2.0).get("mono", 13))
    lines = wrap(font, "x" * 50_000, 300)  # type: ignore[arg-type]
    assert all(font.font.size(line)[0] <= 300 for line in lines)
    assert "".join(lines) == "x" * 50_000
    assert font.calls <= 12 * len(lines)


def test_rich_text_breaks_an_endless_word_in_bounded_time() -> None:
    from game.ui.theme import DEFAULT
    from game.ui.widgets.richtext import RichText

    fonts = CountingFonts(2.0)
    text = RichText("Mwahahaha " + "a" * 20_000, fonts, DEFAULT, 400, base=16)
    font = fonts.counted[("body", 16)]
    lines = len(text.line_widths)
    assert lines > 20 and max(text.line_widths) <= 400
    assert font.chars <= 2000 * lines  # a line's worth measured per line, not the rest of it


def test_wrap_with_a_line_limit_stops_and_says_so() -> None:
    font = Fonts(1.0).get("body", 15)
    lines = wrap(font, "word " * 10_000, 200, max_lines=2)
    assert len(lines) == 2 and lines[-1].endswith("…")
    assert all(font.size(line)[0] <= 200 for line in lines)


def test_ellipsize_handles_nothing_fitting() -> None:
    font = Fonts(2.0).get("body", 15)
    assert ellipsize(font, "anything at all", 0) == ""
    assert ellipsize(font, "short", 1000) == "short"
    assert ellipsize(font, "a\x00b\nc", 1000) == "a�b c"


def test_the_surface_cache_is_bounded_by_bytes() -> None:
    cache = SurfaceCache(budget=1024 * 1024)
    font = Fonts(2.0).get("mono", 15)
    for i in range(200):
        cache.render(font, f"{i} " + "y" * 300, (255, 255, 255))
    assert cache.used <= 1024 * 1024
    assert 0 < len(cache) < 200
    cache.clear()
    assert cache.used == 0 and len(cache) == 0


def test_the_terminal_at_1024x640_and_200_percent_survives_floods() -> None:
    """The reported hang, driven through the real terminal: typing, a runner error with an
    endless message, a result with a megabyte of printed output, resizing and scrolling."""
    from game.persistence.paths import user_home
    from game.runner.protocol import CaseResult, JobEvent, RunResult
    from game.ui.driver import Driver
    from tests.test_ui_slice import new_game, walk

    (user_home() / "settings.json").write_text(json.dumps({"font_scale": 2.0, "text_speed": 0}))
    with Driver(size=(1024, 640), runner=False) as d:
        new_game(d)
        walk(d, lambda t: t.startswith("screen: terminal"))
        term = d.screen
        d.type_text("print('x' * 10**6)")
        runs = term.runs
        d.press("return", ctrl=True, shift=True)  # Try; the runner's answer is handed in below
        runs.on_event(JobEvent(job=runs.job or "", kind="error", message="boom " * 200_000))
        d.step()
        assert "boom" in d.describe()
        d.press("return", ctrl=True, shift=True)
        assert runs.busy
        flood = RunResult(
            puzzle=term.puzzle_id,
            device="cpu",
            mode="try",
            verdict="output_limit",
            stdout="x" * 1_000_000 + "\n" + "y\n" * 5000,
            cases=[
                CaseResult(
                    name="n = 3", kind="example", status="error", failure_class="output_limit"
                )
            ],
        )
        runs.on_event(JobEvent(job=runs.job or "", kind="result", result=flood))
        for size in ((1100, 700), (1024, 640), (1500, 900), (1024, 640)):
            pygame.display.set_mode(size, pygame.RESIZABLE)
            pygame.event.post(
                pygame.event.Event(pygame.VIDEORESIZE, size=size, w=size[0], h=size[1])
            )
            d.step(2)
            for _ in range(5):
                d.wheel(-3)
        text = d.describe()
        assert "output cut" in text and "long lines shortened" in text
        doc = term.results._doc
        assert doc is not None and len(doc.pieces) < 3000
        assert TEXT.used <= CACHE_BYTES
