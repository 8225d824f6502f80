"""Everything a screen may use, handed to it at construction (no globals): settings, fonts,
theme, art, content, runner, saves, the session in progress and the screen stack.

Must not import torch.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pygame

from game.persistence.persistent import (
    Persistent,
    load_persistent,
    queue_persistent_save,
)
from game.persistence.saves import SaveFile, SaveStore
from game.persistence.settings import Settings, save_settings
from game.persistence.writer import BackgroundWriter
from game.ui.art import Art
from game.ui.content_service import ContentService
from game.ui.fonts import Fonts
from game.ui.intents import KeyDispatch
from game.ui.keymap import KeyMap
from game.ui.runner_hub import RunnerHub
from game.ui.sound import Sound
from game.ui.speech import Announcer, Voice
from game.ui.stack import ScreenStack
from game.ui.theme import Theme, theme_for

if TYPE_CHECKING:  # the story engine loads after the first frame
    from game.session.playthrough import GameSession

THUMB_WIDTH = 256
NOTICE_SECONDS = 3.5


@dataclass
class Notice:
    text: str
    kind: str  # info, success, error
    left: float = NOTICE_SECONDS


class Context:
    def __init__(
        self,
        settings: Settings,
        mod_paths: list[Path],
        *,
        on_settings: Callable[[Settings, Settings], None],
    ):
        self.settings = settings
        self.keys = KeyDispatch(KeyMap(settings.keys))
        self.fonts = Fonts(settings.font_scale)
        self.theme: Theme = theme_for(settings.high_contrast)
        self.stack = ScreenStack()
        self.content = ContentService(mod_paths, settings.disabled_mods)
        self.runner = RunnerHub(lambda: self.content.roots_when_ready())
        self.saves = SaveStore()
        self.saves.fits = self._save_fits
        self.writer = BackgroundWriter()
        loaded = load_persistent()
        self.persistent: Persistent = loaded.model or Persistent()
        self.art = Art(self.content.asset_dirs)
        self.session: GameSession | None = None
        self.sound = Sound()
        self.voice = Voice()
        self.announcer = Announcer(self.voice)
        self.notices: list[Notice] = []
        self.startup_messages: list[str] = list(loaded.messages)
        self.quit_requested = False
        self.dev = False  # `play --dev`: the developer panel (F10)
        self.dev_saves: SaveStore | None = None  # test playthroughs save here, apart
        self._on_settings = on_settings
        if not self.saves.writable:
            self.startup_messages.append(
                "Another Torchenstein window is open and holds the saves. This window can load "
                "saves but will not write any, so the two cannot overwrite each other."
            )

    def _save_fits(self, save: SaveFile) -> bool:
        """Does `save` fit the story loaded now? (Unknown until content has loaded.)"""
        if not self.content.ready:
            return True
        from game.story.places import state_fits

        return state_fits(self.content.library, save.state)

    # -- settings -----------------------------------------------------------------------------
    def apply_settings(self, new: Settings) -> None:
        """Switch to `new` at once (fonts, theme, window) and persist it in the background."""
        old, self.settings = self.settings, new
        if new.keys != old.keys:
            self.keys = KeyDispatch(KeyMap(new.keys))
        self.fonts = Fonts(new.font_scale)
        self.theme = theme_for(new.high_contrast)
        self.sound.set_volume(new.volume)
        self._on_settings(old, new)
        self.writer.submit("settings", lambda: save_settings(new))

    def hints(self, screen: str, **labels: str) -> list[tuple[str, str]]:
        """The key hints of `screen` from the key table, with the player's own keys."""
        return self.keys.keymap.hints(screen, **labels)

    # -- messages -----------------------------------------------------------------------------
    def notify(self, text: str, kind: str = "info") -> None:
        # Time to read it: a glance for a short notice, about a third of a second per word more.
        seconds = max(NOTICE_SECONDS, 1.5 + len(text.split()) / 3)
        self.notices.append(Notice(text, kind, seconds))
        del self.notices[:-4]

    # -- saving helpers -----------------------------------------------------------------------
    def thumbnail_png(self) -> bytes | None:
        """The last drawn frame, small, as PNG bytes (for save slots)."""
        surface = pygame.display.get_surface()
        if surface is None:
            return None
        w, h = surface.get_size()
        thumb = pygame.transform.smoothscale(surface, (THUMB_WIDTH, max(1, THUMB_WIDTH * h // w)))
        buf = io.BytesIO()
        pygame.image.save(thumb, buf, "thumb.png")
        return buf.getvalue()

    def save_persistent_soon(self) -> None:
        queue_persistent_save(self.writer, self.persistent)

    def request_quit(self) -> None:
        self.quit_requested = True
