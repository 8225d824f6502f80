"""Render the results panel for every sample run to PNGs, for design review and screenshots:

    python -m game.ui.results.preview OUT_DIR [--size 1024x640] [--scale 1.0] [--only shape,...]

The panel fills the right half of the window as it does in the lab terminal. Works headless
(SDL_VIDEODRIVER=dummy). Must not import torch.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

import pygame

from game.content.puzzle_models import Goal
from game.feedback.samples import sample_runs, tensor
from game.runner.protocol import CaseResult, RunResult
from game.session.runs import record_run
from game.story.state import PuzzleProgress
from game.ui.fonts import Fonts
from game.ui.results.panel import ResultsPanel
from game.ui.theme import theme_for


def render_all(
    out: Path,
    size: tuple[int, int],
    scale: float,
    only: set[str] | None,
    high_contrast: bool = False,
    full: bool = False,
) -> list[Path]:
    """One PNG per sample; `full` makes the panel as tall as its content instead of scrolling."""
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    pygame.display.init()
    pygame.font.init()
    screen = pygame.display.set_mode(size)
    theme = theme_for(high_contrast)
    panel = ResultsPanel(fonts=Fonts(scale), theme=theme)
    panel.set_rect(pygame.Rect(size[0] // 2, 0, size[0] - size[0] // 2, size[1]))
    goals = [
        Goal(id="three_ops", text="Three torch ops or fewer", metric="ops", max=3),
        Goal(id="short", text="Ten lines or fewer", metric="code_lines", max=10),
    ]
    out.mkdir(parents=True, exist_ok=True)
    written = []
    scenes: dict[str, RunResult | None] = dict(sample_runs())
    scenes["examples"] = None
    for name, run in scenes.items():
        if only and name not in only:
            continue
        if run is None:
            panel.show_examples(
                [
                    CaseResult(
                        name="example 1",
                        kind="example",
                        status="skipped",
                        inputs=[tensor([[1.0, 2.0], [3.0, 4.0]]), tensor([10.0, 20.0])],
                        expected=tensor([[11.0, 22.0], [13.0, 24.0]]),
                    )
                ]
            )
        else:
            progress = PuzzleProgress(best={"ops": 5, "code_lines": 6, "time_ms": 0.3})
            panel.show_result(record_run(progress, run, goals))
        target = screen
        if full:
            height = max(size[1], panel.content_height)
            target = pygame.Surface((size[0], height))
            panel.set_rect(pygame.Rect(panel.rect.x, 0, panel.rect.w, height))
        target.fill(theme.bg)
        panel.draw(target)
        panel.set_rect(pygame.Rect(size[0] // 2, 0, size[0] - size[0] // 2, size[1]))
        suffix = "_full" if full else ""
        path = out / f"{name}_{size[0]}x{size[1]}_s{scale}{suffix}.png"
        pygame.image.save(target, str(path))
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--size", default="1024x640")
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--only", default="")
    parser.add_argument("--high-contrast", action="store_true")
    parser.add_argument("--full", action="store_true", help="draw the whole content, unscrolled")
    args = parser.parse_args(argv)
    w, h = (int(x) for x in args.size.lower().split("x"))
    only = set(args.only.split(",")) if args.only else None
    for path in render_all(args.out, (w, h), args.scale, only, args.high_contrast, args.full):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
