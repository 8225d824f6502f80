"""The system clipboard through pygame-ce (SDL's clipboard), falling back to an in-process
clipboard where the platform has none (the dummy video driver, a missing X selection owner),
so copy and paste always work at least inside the game. Must not import torch.
"""

from __future__ import annotations

import contextlib

import pygame


class Clipboard:
    def __init__(self) -> None:
        self._local = ""

    def put(self, text: str) -> None:
        self._local = text
        # Where this fails, the in-process copy above is all this platform offers.
        with contextlib.suppress(pygame.error, AttributeError):
            pygame.scrap.put_text(text)

    def get(self) -> str:
        try:
            text = pygame.scrap.get_text()
        except (pygame.error, AttributeError):
            return self._local
        return text or self._local
