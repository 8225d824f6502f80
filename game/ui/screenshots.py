"""Take the README's screenshots by playing the real game headless:
`python -m game.ui.screenshots [OUTDIR]` writes title.png, dialogue.png, terminal.png and
results.png (the failing case's tensors drawn as pictures; default OUTDIR: assets/screenshots). Uses a throwaway user folder, never the player's saves.
Must not import torch (the runner is reached through the game as usual).
"""

from __future__ import annotations

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


def main(argv: list[str]) -> int:
    default = Path(__file__).resolve().parents[2] / "assets" / "screenshots"
    outdir = Path(argv[0]) if argv else default
    with tempfile.TemporaryDirectory() as home:
        os.environ["TORCHENSTEIN_HOME"] = home
        for path in take(outdir):
            print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
