"""The scripted playthrough: the real UI, headless, driven by key events only, from the title
screen to every ending, solving every puzzle on the way by typing its reference solution into
the lab terminal and pressing Ctrl+Enter. At the story's last choice it quicksaves (F6), takes
each ending in turn and quickloads (F9) back, so one playthrough reaches all of them. Checks the
endings reached and what the save remembers.

Slow by nature (every puzzle is really checked by the runner), so it is marked `slow`.
"""

from __future__ import annotations

import pytest

from game.content.library import load_library
from game.content.roots import content_roots

pytestmark = pytest.mark.slow
MAX_KEYS = 5000


def at_last_choice(d) -> bool:
    """Every choice of the current node leads straight to an ending."""
    story = d.app.ctx.session.story
    choices = story.node.choices or []
    scene = story.scene.id
    for c in choices:
        target_scene, node = c.goto.split(":", 1) if ":" in c.goto else (scene, c.goto)
        target = story.library.scenes[target_scene]
        if target.nodes[node or target.start].ending is None:
            return False
    return bool(choices)


def ending_shown(d) -> str:
    return d.describe().split("ending: ", 1)[1].split("\n")[0]


def play_to_ending(d, choice: int) -> dict[str, object]:
    """Play like a player who always picks choice `choice` (or the first one it can); at the
    last choice, quicksave and take every ending that is open, quickloading between them."""
    solved: list[str] = []
    for _ in range(MAX_KEYS):
        text = d.describe()
        if text.startswith("screen: scene") and "choices:" in text and at_last_choice(d):
            d.press("f6")
            options = [line for line in text.split("choices:", 1)[1].splitlines() if line.strip()]
            open_endings = [i + 1 for i, line in enumerate(options) if "(disabled)" not in line]
            reached = []
            for number in open_endings:
                d.press(str(number))
                for _ in range(200):  # read the ending node's lines
                    if d.describe().startswith("screen: ending"):
                        break
                    d.press("space")
                reached.append(ending_shown(d))
                if number != open_endings[-1]:
                    d.press("f9", frames=10)
                    assert d.describe().startswith("screen: scene"), (
                        d.describe(),
                        d.app.ctx.notices,
                    )
                    for _ in range(50):  # the last choice's lines again, up to its choices
                        if "choices:" in d.describe():
                            break
                        d.press("space")
            return {"ending": reached[-1], "endings": reached, "solved": solved}
        if text.startswith("screen: ending"):
            return {"ending": ending_shown(d), "endings": [ending_shown(d)], "solved": solved}
        if text.startswith("screen: message"):
            raise AssertionError(f"the game showed a problem:\n{text}")
        if text.startswith("screen: terminal"):
            puzzle = d.screen.puzzle_id
            reference = (d.screen.entry.folder / "reference.py").read_text(encoding="utf-8")
            d.press("a", ctrl=True)
            d.enter_text(reference)
            d.press("return", ctrl=True)
            d.until(
                lambda: (
                    "running: False" in d.describe()
                    and ("passed: True" in d.describe() or "Running" not in d.describe())
                ),
                timeout_s=180,
                what=f"the runner's verdict on {puzzle}",
            )
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


def test_title_to_every_ending_solving_every_puzzle(choice: int = 1) -> None:
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
        assert set(report["endings"]) == endings, report["endings"]
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
        assert endings <= set(d.app.ctx.persistent.endings)  # every ending, across loads
