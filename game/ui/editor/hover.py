"""Hover: the pointer over the editor pane. It owns where the pointer was last seen, which
system cursor shows (the text cursor over code, the arrow elsewhere) and what the tooltip
says: a toolbar button's hint, or the runner's findings on a marked line under the pointer.
Must not import torch.
"""

from __future__ import annotations

import contextlib

import pygame

from game.text import Marker
from game.ui.editor.chrome import Button


class Hover:
    def __init__(self) -> None:
        self.at: tuple[int, int] | None = None
        self._ibeam = False

    def moved(self, xy: tuple[int, int], *, over_code: bool) -> None:
        self.at = xy
        self._set_cursor(over_code)

    def _set_cursor(self, ibeam: bool) -> None:
        """Changed only when crossing over, so other screens' cursors are left alone."""
        if ibeam == self._ibeam:
            return
        self._ibeam = ibeam
        with contextlib.suppress(pygame.error):  # no cursors on this video driver
            pygame.mouse.set_cursor(
                pygame.SYSTEM_CURSOR_IBEAM if ibeam else pygame.SYSTEM_CURSOR_ARROW
            )

    def tooltip(
        self, button: Button | None, marks: list[Marker] | None, over_code: bool
    ) -> str | None:
        """What to say at the pointer: the hint of the `button` under it, else the findings
        (`marks`) on the code line under it."""
        if self.at is None:
            return None
        if button is not None:
            return button.hint
        if marks and over_code:
            return "\n".join(f"Line {m.line} ({m.kind}): {m.message}" for m in marks)
        return None
