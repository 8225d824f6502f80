"""The terminal's panes alone, on a running game's context but without the terminal screen:
the draft and the code zoom kept as they change, the look followed, runs presented."""

from __future__ import annotations

from collections.abc import Iterator

import pygame
import pytest

from game.feedback.samples import sample_runs
from game.persistence.settings import with_changes
from game.session import RunOutcome
from game.ui.driver import Driver
from game.ui.screens.terminal_layout import plan
from game.ui.screens.terminal_panes import TerminalPanes
from tests.test_ui_slice import new_game

PUZZLE = "summon_tensors"


@pytest.fixture
def game() -> Iterator[Driver]:
    with Driver(runner=False) as d:
        new_game(d)  # a session to keep drafts in
        yield d


def panes_of(d: Driver) -> TerminalPanes:
    ctx = d.app.ctx
    assert ctx.session is not None
    entry = ctx.content.library.puzzles[PUZZLE]
    panes = TerminalPanes(ctx, ctx.session, entry)
    panes.place(plan((1280, 800), ctx.fonts, [], entry.model.title))
    return panes


def test_the_code_opens_on_the_draft_and_every_change_is_kept(game: Driver) -> None:
    session = game.app.ctx.session
    assert session is not None
    panes = panes_of(game)
    starter = game.app.ctx.content.library.puzzles[PUZZLE].starter
    assert panes.editor.text == starter and PUZZLE not in session.state.drafts
    panes.editor.handle_event(pygame.event.Event(pygame.TEXTINPUT, text="#"))
    assert session.state.drafts[PUZZLE] == "#" + starter and session.draft_pending
    assert panes_of(game).editor.text == "#" + starter  # opened again: the draft


def test_the_code_zoom_goes_to_the_settings_and_comes_back_from_them(game: Driver) -> None:
    ctx = game.app.ctx
    panes = panes_of(game)
    ctrl_plus = pygame.event.Event(
        pygame.KEYDOWN, key=pygame.K_EQUALS, mod=pygame.KMOD_LCTRL, unicode="", scancode=0
    )
    panes.editor.handle_event(ctrl_plus)
    assert ctx.settings.code_zoom == panes.editor.zoom > 1.0
    ctx.apply_settings(with_changes(ctx.settings, code_zoom=1.5))
    panes.update(0.0)
    assert panes.editor.zoom == 1.5


def test_a_verdict_is_shown_and_the_owner_told(game: Driver) -> None:
    panes, told = panes_of(game), []
    panes.on_verdict = lambda: told.append(True)
    panes.show_running("submit", 1, 4)
    assert "Running" in panes.results.describe()
    panes.show_outcome(RunOutcome(sample_runs()["values"]))
    assert told == [True] and "Running" not in panes.results.describe()
    panes.show_message("Cancelled. Nothing was recorded.", "info")
    assert "Cancelled" in panes.results.describe()
