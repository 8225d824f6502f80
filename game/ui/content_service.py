"""The game's content in the UI process: mods discovered and the library loaded in a
background thread after the first frame, and reloaded on demand (F5) without losing the
player's place. Must not import torch.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING

from game.content.diagnostics import Diagnostic
from game.content.locate import content_root

if TYPE_CHECKING:  # the loaders are imported in the loading thread, after the first frame
    from game.content.library import ContentLibrary
    from game.content.mods import ModStatus


class ContentService:
    def __init__(self, mod_paths: list[Path], disabled: list[str]):
        self.mod_paths = list(mod_paths)
        self.disabled = list(disabled)
        self.roots: list[Path] = [content_root()]
        self.mods: list[ModStatus] = []
        self._library: ContentLibrary | None = None
        self._error: str | None = None
        self._done = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._load, name="content-load", daemon=True)
            self._thread.start()

    def _load(self) -> None:
        from game.content.library import ContentLibrary, load_library
        from game.content.mod_trust import trusted_mods
        from game.content.mods import discover_mods

        try:
            found = discover_mods(self.mod_paths, disabled=self.disabled, trusted=trusted_mods())
            self.roots, self.mods = found.roots, found.mods
            self._library = load_library(self.roots)
        except Exception as exc:  # content must never crash the game: show it instead
            self._error = f"{type(exc).__name__}: {exc}"
            self._library = ContentLibrary()
        finally:
            self._done.set()

    def restart(self, disabled: list[str]) -> None:
        """Discover and load again (after the player switched mods on or off)."""
        self.wait()
        self.disabled = list(disabled)
        self._done.clear()
        self._thread = None
        self._error = None
        self.start()

    def wait(self) -> None:
        self.start()
        self._done.wait()

    @property
    def ready(self) -> bool:
        return self._done.is_set()

    @property
    def library(self) -> ContentLibrary:
        """The loaded library (waits for the loader the first time; it takes a moment)."""
        self.wait()
        assert self._library is not None
        return self._library

    @property
    def problems(self) -> list[str]:
        out = [self._error] if self._error else []
        return out + [d.render() for d in self.library.diagnostics if d.severity == "error"]

    def roots_when_ready(self) -> list[Path]:
        self.wait()
        return list(self.roots)

    def asset_dirs(self) -> list[Path]:
        return [root / "assets" for root in self.roots]

    def reload(self) -> tuple[ContentLibrary | None, list[Diagnostic]]:
        """Read everything again; (new library or None when it has errors, diagnostics)."""
        from game.content.reload import reload_content

        try:
            return reload_content(self.roots)
        except Exception as exc:  # a crash in the linter must not take the game down
            return None, [Diagnostic(file="(content)", code="crash", message=str(exc))]

    def adopt(self, library: ContentLibrary) -> None:
        """Make a reloaded library the one new games and loads use."""
        self._library = library
