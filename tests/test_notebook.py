"""The lab notebook: solved puzzles listed with solution, scores and goals; selecting and
reopening one pushes its terminal."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pygame
import pytest

from game.content.library import ContentLibrary, load_library
from game.feedback.notebook import notebook_entries
from game.story.state import GameState, PuzzleProgress
from game.ui.fonts import Fonts
from game.ui.intents import Intent
from game.ui.keymap import KeyMap
from game.ui.stack import ScreenStack
from game.ui.theme import DEFAULT
from tests.conftest import REPO

SOLUTION = "import torch\n\ndef summon(n, device):\n    return torch.arange(n, device=device)\n"


@pytest.fixture(scope="module")
def library() -> ContentLibrary:
    return load_library([REPO])


def _state(library: ContentLibrary) -> GameState:
    state = GameState(scene="s", node="n")
    state.puzzles["summon_tensors"] = PuzzleProgress(
        solved=True,
        attempts=3,
        hints_used=1,
        solution=SOLUTION,
        best={"ops": 3.0, "code_lines": 4.0, "peak_memory_bytes": 2048.0},
    )
    other = next(p for p in library.puzzles if p != "summon_tensors")
    state.puzzles[other] = PuzzleProgress(solved=True, best={"ops": 50.0})
    state.puzzles["unsolved"] = PuzzleProgress(attempts=2)
    state.puzzles["gone_mod_puzzle"] = PuzzleProgress(solved=True)
    return state


def test_entries_list_solved_puzzles_with_goals(library: ContentLibrary) -> None:
    entries = notebook_entries(_state(library), library)
    ids = [e.puzzle_id for e in entries]
    assert "summon_tensors" in ids and "unsolved" not in ids
    assert ids[-1] == "gone_mod_puzzle" and not entries[-1].loaded
    summon = next(e for e in entries if e.puzzle_id == "summon_tensors")
    assert summon.goals_met == 1 and "1/1 goals" in summon.summary()
    assert "Peak memory: 2.0 KiB" in summon.score_lines()


class _Ctx(SimpleNamespace):
    def notify(self, text: str, kind: str = "info") -> None:
        self.notices.append(text)

    def hints(self, screen: str, **labels: str) -> list[tuple[str, str]]:
        return KeyMap().hints(screen, **labels)


def _ctx(library: ContentLibrary, scale: float = 1.0) -> Any:
    pygame.display.init()
    pygame.font.init()
    session = SimpleNamespace(state=_state(library))
    return _Ctx(
        session=session,
        content=SimpleNamespace(library=library),
        fonts=Fonts(scale),
        theme=DEFAULT,
        stack=ScreenStack(),
        notices=[],
    )


def _key(name: str) -> Intent:
    return Intent(name, pygame.event.Event(pygame.USEREVENT))


@pytest.mark.parametrize(
    ("size", "scale"), [((1024, 640), 0.8), ((1024, 640), 2.0), ((1920, 1080), 1.0)]
)
def test_screen_draws_and_describes(
    library: ContentLibrary, size: tuple[int, int], scale: float
) -> None:
    from game.ui.screens.notebook import NotebookScreen

    ctx = _ctx(library, scale)
    screen = NotebookScreen(ctx)
    ctx.stack.push(screen)
    surface = pygame.Surface(size)
    screen.draw(surface)
    text = screen.describe()
    assert text.startswith("screen: notebook")
    assert "torch.arange(n, device=device)" in text
    for doc in (screen._list, screen._detail):
        assert doc is not None and doc.overflow() == []


def test_selection_and_reopen(library: ContentLibrary, monkeypatch: pytest.MonkeyPatch) -> None:
    from game.ui.screens import notebook

    ctx = _ctx(library)
    screen = notebook.NotebookScreen(ctx)
    ctx.stack.push(screen)
    screen.draw(pygame.Surface((1280, 800)))
    first = screen.entries()[0].title
    assert f"> {first}" in screen.describe()
    screen.handle(_key("down"))
    assert f"> {first}" not in screen.describe()

    opened: list[str] = []

    from game.ui.stack import Screen

    class FakeTerminal(Screen):
        def __init__(self, ctx: Any, puzzle_id: str, *, improving: bool = False):
            super().__init__(ctx)
            assert improving
            opened.append(puzzle_id)

    import game.ui.screens.terminal as terminal

    monkeypatch.setattr(terminal, "TerminalScreen", FakeTerminal)
    screen.selected = 0
    screen.handle(_key("confirm"))
    assert opened == [screen.entries()[0].puzzle_id]
    ctx.stack.pop()
    # Clicking the Reopen button does the same.
    screen.draw(pygame.Surface((1280, 800)))
    detail = screen._detail
    assert detail is not None
    button = next(h for h in detail.hits if h.action == "reopen")
    box = screen._boxes[1]
    pos = (box.x + button.rect.centerx, box.y + button.rect.centery)
    screen.handle(Intent("click", pygame.event.Event(pygame.USEREVENT), pos=pos))
    assert len(opened) == 2
    ctx.stack.pop()
    # A puzzle whose files are gone cannot be reopened, and says why.
    screen.selected = len(screen.entries()) - 1
    screen.handle(_key("confirm"))
    assert len(opened) == 2 and ctx.notices
    screen.handle(_key("back"))
    assert len(ctx.stack) == 0


def test_the_best_solution_is_shown_and_the_first_one_a_key_away(library: ContentLibrary) -> None:
    from game.ui.screens.notebook import NotebookScreen

    ctx = _ctx(library, 2.0)
    progress = ctx.session.state.puzzles["summon_tensors"]
    progress.best_solution = "import torch\n\ndef summon(n, device):\n    return 'best'\n"
    progress.best_solution_scores = {"ops": 1.0, "code_lines": 4.0}
    screen = NotebookScreen(ctx)
    screen.selected = next(
        i for i, e in enumerate(screen.entries()) if e.puzzle_id == "summon_tensors"
    )
    surface = pygame.Surface((1024, 640))
    screen.draw(surface)
    text = screen.describe()
    assert "Your best solution:" in text and "return 'best'" in text
    assert "torch.arange" not in text
    screen.handle(_key("tab"))
    screen.draw(surface)
    text = screen.describe()
    assert "Your first solution:" in text and "torch.arange" in text
    # The chip above the code switches back, by mouse.
    detail = screen._detail
    assert detail is not None and detail.overflow() == []
    chip = next(h for h in detail.hits if h.action == "solution")
    box = screen._boxes[1]
    while chip.rect.bottom - screen._scroll[1] > box.h:  # at 200% the chip is a page down
        screen.handle(_key("page_down"))
    pos = (box.x + chip.rect.centerx, box.y + chip.rect.centery - screen._scroll[1])
    screen.handle(Intent("click", pygame.event.Event(pygame.USEREVENT), pos=pos))
    assert "Your best solution:" in screen.describe()


def test_a_first_solution_that_is_still_the_best_is_shown_once(library: ContentLibrary) -> None:
    from game.ui.screens.notebook import NotebookScreen

    ctx = _ctx(library)
    screen = NotebookScreen(ctx)
    screen.selected = next(
        i for i, e in enumerate(screen.entries()) if e.puzzle_id == "summon_tensors"
    )
    screen.draw(pygame.Surface((1280, 800)))
    assert "Your solution (your first, and still your best):" in screen.describe()
    assert screen._detail is not None
    assert not any(h.action == "solution" for h in screen._detail.hits)


def test_empty_notebook(library: ContentLibrary) -> None:
    from game.ui.screens.notebook import NotebookScreen

    ctx = _ctx(library)
    ctx.session.state.puzzles.clear()
    screen = NotebookScreen(ctx)
    screen.draw(pygame.Surface((1024, 640)))
    assert "No solved puzzles yet." in screen.describe()
    screen.handle(_key("confirm"))  # nothing to reopen, nothing breaks


def test_a_player_reaches_the_notebook_from_the_pause_menu() -> None:
    from game.ui.driver import Driver

    with Driver(size=(1024, 640), runner=False) as d:
        d.until(lambda: d.describe().startswith("screen: title"), 30, "the title screen")
        d.press("return")  # New game
        d.until(lambda: d.describe().startswith("screen: scene"), 30, "the first scene")
        d.press("escape")
        for _ in range(12):
            if ">Lab notebook" in d.describe():
                break
            d.press("down")
        d.press("return")
        assert d.describe().startswith("screen: notebook")
        assert "No solved puzzles yet." in d.describe()
        d.press("escape")
        assert d.describe().startswith("screen: pause")


def test_the_professors_solution_opens_after_a_pass(library: ContentLibrary) -> None:
    from game.ui.screens.notebook import NotebookScreen

    ctx = _ctx(library, 1.0)
    assert "state_dict_surgery" not in [e.puzzle_id for e in screen_entries(ctx)]  # not solved
    ctx.session.state.puzzles["state_dict_surgery"] = PuzzleProgress(solved=True, solution="x")
    screen = NotebookScreen(ctx)
    screen.selected = next(
        i for i, e in enumerate(screen.entries()) if e.puzzle_id == "state_dict_surgery"
    )
    professor = screen.entries()[screen.selected].professor
    assert professor is not None and "def shrink" in professor.code
    assert any("removeprefix" in line for line in professor.notes)
    surface = pygame.Surface((1024, 640))
    screen.draw(surface)
    assert any(h.action == "professor" for h in screen._detail.hits)
    screen.handle(_key("hint"))  # F1
    screen.draw(surface)
    text = screen.describe()
    assert "The Professor's solution:" in text and "def shrink" in text
    screen.handle(_key("hint"))
    assert "Your solution" in screen.describe()


def screen_entries(ctx: Any) -> list:
    return notebook_entries(ctx.session.state, ctx.content.library)


def test_the_terminal_opens_the_professors_solution_at_its_entry(library: ContentLibrary) -> None:
    from game.ui.screens.notebook import NotebookScreen

    ctx = _ctx(library, 1.0)
    for pid in ("summon_tensors", "state_dict_surgery"):
        ctx.session.state.puzzles[pid] = PuzzleProgress(solved=True, solution="x")
    screen = NotebookScreen(ctx)
    screen.open_professor("state_dict_surgery")
    assert screen.entries()[screen.selected].puzzle_id == "state_dict_surgery"
    screen.draw(pygame.Surface((1024, 640)))
    assert "The Professor's solution:" in screen.describe()
