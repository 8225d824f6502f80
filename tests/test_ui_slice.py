"""Headless UI tests that press real keys through the first slice of the game: title ->
prologue -> choice -> puzzle gate -> lab terminal -> Run -> the story moves on, with drafts
kept across a quit, quicksave/quickload and a damaged autosave recovered. (Reaching an ending
is the scripted playthrough's job: tests/test_playthrough.py.)

The runs that need the runner service go through a fresh Python process (this file run as a
script), so the check that the UI process never imports torch cannot be fooled by another test
having imported it in the same worker.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
MAX_STEPS = 600


def walk(d, stop: Callable[[str], bool], choice: int = 1) -> str:
    """Press keys like a player until `stop(screen text)`: Space through lines, the number key
    of `choice` at choices, Enter at puzzle gates and endings."""
    for _ in range(MAX_STEPS):
        text = d.describe()
        if stop(text):
            return text
        if (
            text.startswith("screen: message")
            or text.startswith("screen: ending")
            or ("choices:" in text and "puzzle:" in text)
        ):
            d.press("return")
        elif "choices:" in text:
            options = text.split("choices:", 1)[1]
            n = (
                choice
                if f"{choice}. " in options and f"{choice}. " in options.split("(disabled)")[0]
                else 1
            )
            d.press(str(n))
        else:
            d.press("space")
    raise AssertionError(f"never reached the goal:\n{d.describe()}")


def new_game(d) -> None:
    assert d.describe().startswith("screen: title")
    d.press("return")  # New game is selected on a fresh install
    assert d.describe().startswith("screen: scene"), d.describe()


def test_title_menu_keyboard_and_mouse() -> None:
    from game.ui.driver import Driver

    with Driver(runner=False) as d:
        text = d.describe()
        for item in (
            "New game",
            "Continue (disabled)",
            "Load (disabled)",
            "Mods",
            "Settings",
            "Quit",
        ):
            assert item in text
        d.press("down")  # skips the disabled items
        assert ">Mods" in d.describe()
        d.press("return")
        assert d.describe().startswith("screen: mods")
        d.press("escape")
        d.press("up")
        assert ">New game" in d.describe()
        box = d.screen.menu._box(0)  # click the first item
        d.click(box.center)
        assert d.describe().startswith("screen: scene")


def test_prologue_choice_reaches_the_terminal_and_the_draft_survives_a_quit() -> None:
    from game.ui.driver import Driver

    with Driver(runner=False) as d:
        new_game(d)
        text = walk(d, lambda t: "choices:" in t and "puzzle:" not in t)
        assert "1. " in text and "2. " in text
        d.press("2")
        walk(d, lambda t: t.startswith("screen: terminal"))
        assert "puzzle: summon_tensors" in d.describe()
        d.press("end", ctrl=True)
        d.type_text("\n# my own words, apprentice")
        assert "# my own words, apprentice" in d.screen.editor.text
        node = d.app.ctx.session.state.node
        flags = list(d.app.ctx.session.state.flags)
    # The window closed mid-puzzle; a new game process continues where it was.
    with Driver(runner=False) as d:
        assert ">Continue" in d.describe()
        d.press("return")
        text = d.describe()
        assert text.startswith("screen: scene") and f"node: {node}" in text
        assert d.app.ctx.session.state.flags == flags
        walk(d, lambda t: t.startswith("screen: terminal"))
        assert "# my own words, apprentice" in d.screen.editor.text


def test_quicksave_and_quickload() -> None:
    from game.ui.driver import Driver

    with Driver(runner=False) as d:
        new_game(d)
        d.press("space")
        before = d.app.ctx.session.state.model_copy(deep=True)
        d.press("f6")
        assert "Quicksaved" in " ".join(n.text for n in d.app.ctx.notices)
        walk(d, lambda t: "choices:" in t)
        d.press("1")
        assert d.app.ctx.session.state.node != before.node
        d.app.ctx.writer.flush()
        d.press("f9")
        state = d.app.ctx.session.state
        assert (state.scene, state.node) == (before.scene, before.node)
        assert d.describe().startswith("screen: scene")


def test_damaged_autosave_loads_the_backup_with_a_message(tmp_path: Path) -> None:
    from game.persistence.paths import saves_dir
    from game.ui.driver import Driver

    with Driver(runner=False) as d:
        new_game(d)
        walk(d, lambda t: "choices:" in t)
        d.press("1")
        d.step(2)
    auto = saves_dir() / "auto.json"
    auto.write_bytes(auto.read_bytes()[:40])  # a crash mid-write on a disk without fsync
    with Driver(runner=False) as d:
        d.press("return")  # Continue
        text = d.describe()
        assert text.startswith("screen: message"), text
        assert "cut short" in text and "backup" in text
        d.press("return")
        assert d.describe().startswith("screen: scene")
    assert list(saves_dir().glob("auto.json.damaged-*"))


def test_pause_history_map_and_settings_by_keyboard() -> None:
    from game.ui.driver import Driver

    with Driver(runner=False) as d:
        new_game(d)
        d.press("space")
        d.press("space")
        d.press("h")
        history = d.describe()
        assert history.startswith("screen: history") and "Torchenstein" in history
        d.press("escape")
        d.press("m")
        assert "# Prologue" in d.describe()
        d.press("escape")
        d.press("escape")
        assert d.describe().startswith("screen: pause")
        for _ in range(12):
            if ">Settings" in d.describe():
                break
            d.press("down")
        d.press("return")
        d.press("down")  # Font size
        d.press("right")
        assert d.app.ctx.settings.font_scale == pytest.approx(1.1)
        assert ">Font size: 110%" in d.describe()
        d.press("escape")
        d.press("escape")
        assert d.describe().startswith("screen: scene")


def test_slice_with_the_runner_in_a_fresh_process(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "TORCHENSTEIN_HOME": str(tmp_path / "home"),
        "SDL_VIDEODRIVER": "dummy",
        "SDL_AUDIODRIVER": "dummy",
    }
    proc = subprocess.run(
        [sys.executable, __file__, "slice"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    report = json.loads(proc.stdout.strip().splitlines()[-1])
    assert report["starter_verdict"] != "pass"
    assert report["starter_node"] == report["gate_node"]  # a failure does not move the story
    assert report["passed"] is True
    assert report["node_after_pass"] != report["gate_node"]
    assert report["solution_saved"] is True and report["attempts"] == 2  # the cancel is none
    assert "cancelled" in report["cancel_status"] and report["still_in_terminal"]
    assert report["cancel_results"] == "Results: Cancelled. Nothing was recorded."
    assert report["scene_after_return"].startswith("screen: scene")
    assert f"node: {report['node_after_pass']}" in report["scene_after_return"]
    assert report["torch_imported"] is False


def _slice() -> dict[str, object]:
    """Play the first slice with real keys and the real runner; report what happened."""
    from game.ui.driver import Driver

    reference = (REPO / "puzzles" / "summon_tensors" / "reference.py").read_text()
    report: dict[str, object] = {}
    with Driver() as d:
        new_game(d)
        walk(d, lambda t: t.startswith("screen: terminal"))
        session = d.app.ctx.session
        report["gate_node"] = session.state.node
        d.press("return", ctrl=True)  # the starter code, as given
        d.until(
            lambda: "running: False" in d.describe() and "Running" not in d.describe(),
            what="the starter's result",
        )
        report["starter_verdict"] = "pass" if "passed: True" in d.describe() else "fail"
        report["starter_node"] = session.state.node
        d.press("a", ctrl=True)
        d.enter_text("import torch\n\ndef summon(n, device):\n    while device:\n        pass\n")
        d.press("return", ctrl=True)
        d.until(lambda: "running: True" in d.describe(), what="the endless run to start")
        d.step(30)
        d.press("escape")  # Cancel
        d.until(lambda: "running: False" in d.describe(), what="the cancel")
        report["cancel_status"] = d.describe().split("status: ", 1)[1].split("\n")[0]
        report["still_in_terminal"] = d.describe().startswith("screen: terminal")
        report["cancel_results"] = d.screen.results.describe()
        d.press("a", ctrl=True)
        d.enter_text(reference)
        d.press("return", ctrl=True)
        d.until(lambda: "passed: True" in d.describe(), what="a pass")
        report["passed"] = True
        progress = session.state.puzzles["summon_tensors"]
        report["solution_saved"] = progress.solution == progress.best_solution == reference
        report["attempts"] = progress.attempts
        report["node_after_pass"] = session.state.node
        d.press("escape")
        report["scene_after_return"] = d.describe()
    report["torch_imported"] = "torch" in sys.modules
    return report


if __name__ == "__main__":
    sys.path.insert(0, str(REPO))
    if sys.argv[1:] == ["slice"]:
        print(json.dumps(_slice()))
