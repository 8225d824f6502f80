"""The scripted playthrough: the real UI, headless, driven by key events only, from the title
screen to an ending, solving every puzzle on the way by typing its reference solution into the
lab terminal and pressing Ctrl+Enter. Checks the ending reached and what the save remembers.

Slow by nature (every puzzle is really checked by the runner), so it is marked `slow`.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from game.content.library import load_library
from game.content.roots import content_roots

pytestmark = pytest.mark.slow
MAX_KEYS = 5000


def play_to_ending(d, choice: int) -> dict[str, object]:
    """Play like a player who always picks choice `choice` (or the first one it can)."""
    solved: list[str] = []
    for _ in range(MAX_KEYS):
        text = d.describe()
        if text.startswith("screen: ending"):
            ending = text.split("ending: ", 1)[1].split("\n")[0]
            return {"ending": ending, "solved": solved}
        if text.startswith("screen: message"):
            raise AssertionError(f"the game showed a problem:\n{text}")
        if text.startswith("screen: terminal"):
            puzzle = d.screen.puzzle_id
            reference = (d.screen.entry.folder / "reference.py").read_text(encoding="utf-8")
            d.press("a", ctrl=True)
            d.enter_text(reference)
            d.press("return", ctrl=True)
            d.until(lambda: "running: False" in d.describe() and (
                "passed: True" in d.describe() or "Running" not in d.describe()),
                timeout_s=180, what=f"the runner's verdict on {puzzle}")
            assert "passed: True" in d.describe(), d.describe()
            solved.append(puzzle)
            d.press("escape")
        elif "choices:" in text and "puzzle:" in text:
            d.press("return")
        elif "choices:" in text:
            options = [line for line in text.split("choices:", 1)[1].splitlines() if line.strip()]
            enabled = [i + 1 for i, line in enumerate(options) if "(disabled)" not in line]
            d.press(str(choice if choice in enabled else enabled[0]))
        else:
            d.press("space")
    raise AssertionError(f"no ending after {MAX_KEYS} keys:\n{d.describe()}")


def test_title_to_an_ending_solving_every_puzzle(choice: int = 1) -> None:
    from game.ui.driver import Driver

    library = load_library(content_roots([]))
    endings = {
        node.ending.id
        for scene in library.scenes.values()
        for node in scene.nodes.values()
        if node.ending is not None
    }
    with Driver() as d:
        assert d.describe().startswith("screen: title")
        d.press("return")  # New game
        report = play_to_ending(d, choice)
        state = d.app.ctx.session.state
        assert report["ending"] in endings
        assert report["ending"] in state.endings
        gated = {e.model.id for e in library.puzzles.values()}
        assert set(report["solved"]) <= gated and len(report["solved"]) >= len(gated) // 2, report
        for puzzle in report["solved"]:
            progress = state.puzzles[puzzle]
            assert progress.solved and progress.solution and progress.attempts >= 1
        d.press("return")  # ending -> credits
        assert "phase: credits" in d.describe()
        d.press("return")  # credits -> title
        assert d.describe().startswith("screen: title")
        assert report["ending"] in d.app.ctx.persistent.endings
