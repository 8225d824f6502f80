"""A tiny window that hosts one EditorPane: UI tests drive it with real pygame events, the
latency benchmark times it, and developers try the editor by hand:

    python -m game.ui.editor.harness [FILE.py] [--scale 2.0] [--high-contrast] [--screenshot OUT.png]

Not part of the game's screens (the lab terminal embeds the pane). Must not import torch.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

import pygame

from game.ui.editor.pane import EditorPane
from game.ui.fonts import Fonts
from game.ui.theme import theme_for
from game.ui.widgets.ink import LOG


class Harness:
    def __init__(
        self,
        text: str,
        *,
        size: tuple[int, int] = (1100, 720),
        scale: float = 1.0,
        high_contrast: bool = False,
        draft_path: Path | None = None,
        starter: str | None = None,
    ) -> None:
        pygame.display.init()
        pygame.font.init()
        self.screen = pygame.display.set_mode(size, pygame.RESIZABLE)
        pygame.display.set_caption("Torchenstein editor harness")
        self.theme = theme_for(high_contrast)
        self.pane = EditorPane(
            text, fonts=Fonts(scale), theme=self.theme, draft_path=draft_path, starter=starter
        )
        self.pane.set_rect(self.screen.get_rect().inflate(-24, -24))
        self.changes: list[str] = []
        self.pane.on_change = self.changes.append
        self.passed_on: list[pygame.event.Event] = []  # events the pane left to its screen
        self.running = True

    # -- sending real events ----------------------------------------------------------------
    def post(self, kind: int, **attrs: Any) -> None:
        pygame.event.post(pygame.event.Event(kind, **attrs))

    def key(self, key: int, mod: int = 0, unicode: str = "") -> None:
        self.post(pygame.KEYDOWN, key=key, mod=mod, unicode=unicode, scancode=0)
        self.post(pygame.KEYUP, key=key, mod=mod, unicode="", scancode=0)

    def type(self, text: str) -> None:
        """Each character as its KEYDOWN, TEXTINPUT and KEYUP, as a keyboard sends them."""
        for ch in text:
            if ch == "\n":
                self.key(pygame.K_RETURN)
                continue
            code = pygame.key.key_code(ch) if ch.isascii() and ch.isalnum() else pygame.K_UNKNOWN
            self.post(pygame.KEYDOWN, key=code, mod=0, unicode=ch, scancode=0)
            self.post(pygame.TEXTINPUT, text=ch)
            self.post(pygame.KEYUP, key=code, mod=0, unicode="", scancode=0)

    def click(self, pos: tuple[int, int], button: int = 1) -> None:
        self.post(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0))
        self.post(pygame.MOUSEBUTTONDOWN, pos=pos, button=button)
        self.post(pygame.MOUSEBUTTONUP, pos=pos, button=button)

    def drag(self, start: tuple[int, int], end: tuple[int, int]) -> None:
        self.post(pygame.MOUSEMOTION, pos=start, rel=(0, 0), buttons=(0, 0, 0))
        self.post(pygame.MOUSEBUTTONDOWN, pos=start, button=1)
        self.post(
            pygame.MOUSEMOTION,
            pos=end,
            rel=(end[0] - start[0], end[1] - start[1]),
            buttons=(1, 0, 0),
        )
        self.post(pygame.MOUSEBUTTONUP, pos=end, button=1)

    def wheel(self, y: int, x: int = 0) -> None:
        self.post(
            pygame.MOUSEWHEEL, x=x, y=y, flipped=False, precise_x=float(x), precise_y=float(y)
        )

    def point_at(self, line: int, col: int) -> tuple[int, int]:
        """Screen point of 1-based `line`, 0-based `col` in the code view (must be visible)."""
        widget = self.pane.widget.view
        x = widget.text_rect.x + widget.pad + col * widget.renderer.char_width
        y = (
            widget.rect.y
            + (line - 1 - widget.scroll_line) * widget.line_height
            + widget.line_height // 2
        )
        return x, y

    # -- running ------------------------------------------------------------------------------
    def frame(self, dt: float = 1 / 60) -> None:
        """One frame of the loop a screen runs: events, update, draw, flip."""
        for event in pygame.event.get():
            if event.type == pygame.QUIT:
                self.running = False
            elif event.type == pygame.VIDEORESIZE:
                self.pane.set_rect(self.screen.get_rect().inflate(-24, -24))
            elif not self.pane.handle_event(event):
                self.passed_on.append(event)
        self.pane.update(dt)
        LOG.begin_frame()  # as the app does: the snapshot's ink is this frame's
        self.screen.fill(self.theme.bg)
        self.pane.draw(self.screen)
        pygame.display.flip()

    def screenshot(self, path: Path) -> None:
        self.frame()
        pygame.image.save(self.screen, str(path))

    def run(self) -> None:
        clock = pygame.time.Clock()
        while self.running:
            self.frame(clock.tick(60) / 1000)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("file", nargs="?", type=Path)
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--high-contrast", action="store_true")
    parser.add_argument("--screenshot", type=Path)
    args = parser.parse_args()
    text = args.file.read_text(encoding="utf-8") if args.file else "import torch\n\n"
    harness = Harness(text, scale=args.scale, high_contrast=args.high_contrast, starter=text)
    if args.screenshot:
        harness.screenshot(args.screenshot)
    else:
        harness.run()


if __name__ == "__main__":
    main()
