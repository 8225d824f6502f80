"""Take the README's screenshots by playing the real game headless:
`python -m game.ui.screenshots [OUTDIR]` writes title.png, dialogue.png, terminal.png and
results.png (the failing case's tensors drawn as pictures; default OUTDIR: assets/screenshots).
`python -m game.ui.screenshots --a11y [OUTDIR]` writes every screen at 200% text in a
1024x640 window (default OUTDIR: assets/screenshots/a11y), for the accessibility section.
Uses a throwaway user folder, never the player's saves.
Must not import torch (the runner is reached through the game as usual).
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path

SIZE = (1280, 800)
RESULTS_PAGES = 1  # page-downs in the results panel that bring the tensor pictures into view


def _advance_to(d, predicate, limit: int = 400) -> str:
    for _ in range(limit):
        text = d.describe()
        if predicate(text):
            return text
        if "choices:" in text and "puzzle:" in text:
            d.press("return")
        elif "choices:" in text:
            d.press("1")
        else:
            d.press("space")
    raise RuntimeError(f"the story never reached the shot:\n{d.describe()}")


def take(outdir: Path) -> list[Path]:
    from game.ui.driver import Driver

    outdir.mkdir(parents=True, exist_ok=True)
    shots = []
    with Driver(size=SIZE) as d:
        d.step(30)
        shots.append(outdir / "title.png")
        d.screenshot(shots[-1])
        d.press("return")
        # A line with an icon glyph in it, fully typed out.
        _advance_to(d, lambda t: "choices:" in t)
        d.press("1")
        d.step(400)
        shots.append(outdir / "dialogue.png")
        d.screenshot(shots[-1])
        _advance_to(d, lambda t: t.startswith("screen: terminal"))
        d.app.ctx.runner.wait_started(120)
        d.press("return", ctrl=True)  # the starter as given: the Professor explains the failure
        d.until(
            lambda: "running: False" in d.describe() and "Running" not in d.describe(),
            timeout_s=120,
            what="the starter's verdict",
        )
        d.step(10)
        shots.append(outdir / "terminal.png")
        d.screenshot(shots[-1])
        # Expected and yours as pictures: the results get the focus and scroll down to them.
        while "focus: results" not in d.describe():
            d.press("f3")
        for _ in range(RESULTS_PAGES):
            d.press("pagedown")
        d.step(10)
        shots.append(outdir / "results.png")
        d.screenshot(shots[-1])
    return shots


A11Y_SIZE = (1024, 640)
A11Y_SETTINGS = {"font_scale": 2.0, "text_speed": 0}


def take_a11y(outdir: Path) -> list[Path]:
    """Every screen at the largest text in the smallest window."""
    from game.persistence.paths import user_home
    from game.ui.driver import Driver
    from game.ui.screens.chapters import ChapterMapScreen
    from game.ui.screens.ending import EndingScreen
    from game.ui.screens.history import HistoryScreen
    from game.ui.screens.mods import ModsScreen
    from game.ui.screens.notebook import NotebookScreen
    from game.ui.screens.saves import SavesScreen
    from game.ui.screens.settings import SettingsScreen

    outdir.mkdir(parents=True, exist_ok=True)
    user_home().mkdir(parents=True, exist_ok=True)
    (user_home() / "settings.json").write_text(json.dumps(A11Y_SETTINGS))
    shots: list[Path] = []

    def shot(d, name: str) -> None:
        d.step(2)
        shots.append(outdir / f"{name}.png")
        d.screenshot(shots[-1])

    with Driver(size=A11Y_SIZE, runner=False) as d:
        ctx = d.app.ctx
        shot(d, "title")
        d.press("return")
        # The Professor's long line: its first page, with the sign that more follows.
        _advance_to(d, lambda t: "page 1/" in t and "choices:" not in t)
        shot(d, "dialogue_paged")
        _advance_to(d, lambda t: "choices:" in t)
        shot(d, "choices")
        d.press("escape")
        shot(d, "pause")
        d.press("escape")
        for name, screen in (
            ("settings", SettingsScreen(ctx)),
            ("saves", SavesScreen(ctx, mode="save")),
            ("history", HistoryScreen(ctx)),
            ("chapters", ChapterMapScreen(ctx)),
            ("notebook", NotebookScreen(ctx)),
            ("mods", ModsScreen(ctx)),
        ):
            ctx.stack.push(screen)
            shot(d, name)
            ctx.stack.pop(screen)
        ending = next(
            node.ending
            for scene in ctx.content.library.scenes.values()
            for node in scene.nodes.values()
            if node.ending is not None and node.ending.text
        )
        ctx.stack.push(EndingScreen(ctx, ending))
        shot(d, "ending")
        ctx.stack.pop()
        d.press("1")
        _advance_to(d, lambda t: t.startswith("screen: terminal"))
        shot(d, "terminal")
    return shots


def main(argv: list[str]) -> int:
    if {"-h", "--help"} & set(argv):  # not a folder to fill with pictures
        print(__doc__)
        return 0
    a11y = "--a11y" in argv
    argv = [a for a in argv if a != "--a11y"]
    default = Path(__file__).resolve().parents[2] / "assets" / "screenshots"
    outdir = Path(argv[0]) if argv else default / "a11y" if a11y else default
    with tempfile.TemporaryDirectory() as home:
        os.environ["TORCHENSTEIN_HOME"] = home
        for path in (take_a11y if a11y else take)(outdir):
            print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
