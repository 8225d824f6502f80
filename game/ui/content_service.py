"""The game's content in the UI process: mods discovered and the library loaded in a
background thread after the first frame, and reloaded on demand (F5) without losing the
player's place. Enabled mods' puzzles are also run once per change of their files (in a child
process, `game.modhealth`); a mod whose puzzle could trap a player is reported through
`take_health_news` so the game switches it off. Must not import torch.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING

from game.content.diagnostics import Diagnostic
from game.content.locate import content_root
from game.logging_setup import logger

if TYPE_CHECKING:  # the loaders are imported in the loading thread, after the first frame
    from game.content.library import ContentLibrary
    from game.content.mods import ModStatus


def log_mods(mods: list[ModStatus]) -> None:
    """Every mod's state in the session log, with the problems that keep a broken one off."""
    log = logger("mods")
    for mod in mods:
        state = "on" if mod.enabled else ("broken" if mod.problems else "switched off")
        log.info("mod %s %s (%s): %s", mod.id, mod.version, mod.path, state)
        for problem in mod.problems:
            log.warning("  %s", problem.render())


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
        self.health_checks = True
        self.failed: dict[Path, list[Diagnostic]] = {}
        """Mods (by resolved folder) whose puzzles failed when run: kept switched off."""
        self._news: dict[Path, list[Diagnostic]] = {}
        self._news_lock = threading.Lock()
        self.checking: set[Path] = set()
        """Mods (resolved folders) whose puzzles are being run right now."""

    def start(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._load, name="content-load", daemon=True)
            self._thread.start()

    def _load(self) -> None:
        from game.content.library import ContentLibrary, load_library
        from game.content.mod_trust import trusted_mods
        from game.content.mods import discover_mods

        try:
            trusted = trusted_mods()
            found = discover_mods(
                self.mod_paths, disabled=self.disabled, failed=self.failed, trusted=trusted
            )
            unchecked: list[Path] = []
            if self.health_checks:
                from game.modhealth import split_by_cache

                known, todo = split_by_cache([m.path.resolve() for m in found.mods if m.enabled])
                unchecked = list(todo)
                failing = {root: diags for root, diags in known.items() if diags}
                if failing.keys() - self.failed.keys():
                    self.failed.update(failing)
                    found = discover_mods(
                        self.mod_paths, disabled=self.disabled, failed=self.failed, trusted=trusted
                    )
            self.roots, self.mods = found.roots, found.mods
            self._library = load_library(self.roots)
            log_mods(self.mods)
            if unchecked:
                self._check_in_background(unchecked)
        except Exception as exc:  # content must never crash the game: show it instead
            logger("content").exception("content failed to load")
            self._error = f"{type(exc).__name__}: {exc}"
            self._library = ContentLibrary()
        finally:
            self._done.set()

    def _check_in_background(self, roots: list[Path]) -> None:
        self.checking |= set(roots)

        def work() -> None:
            from game.modhealth import check_now

            log = logger("health")
            try:
                results = check_now(roots)
            except Exception:  # no verdict: the mod stays on, as lint would leave it
                log.exception("the puzzles of %s could not be checked", roots)
                return
            finally:
                self.checking -= set(roots)
            failing = {root: diags for root, diags in results.items() if diags}
            for root, diags in failing.items():
                log.warning("mod at %s: a puzzle fails when run: %s", root, diags[0].render())
            with self._news_lock:
                self._news.update(failing)

        threading.Thread(target=work, name="mod-health", daemon=True).start()

    def recheck(self) -> None:
        """After a reload: run the puzzles of enabled mods whose files changed."""
        if not self.health_checks:
            return
        from game.modhealth import split_by_cache

        enabled = [m.path.resolve() for m in self.mods if m.enabled]
        todo = list(split_by_cache(enabled)[1])
        if todo:
            self._check_in_background(todo)

    def take_health_news(self) -> dict[Path, list[Diagnostic]]:
        """Mods found failing since the last call (thread-safe)."""
        with self._news_lock:
            news, self._news = self._news, {}
        return news

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
            self._forget_fixed()
            return reload_content(self.roots)
        except Exception as exc:  # a crash in the linter must not take the game down
            return None, [Diagnostic(file="(content)", code="crash", message=str(exc))]

    def _forget_fixed(self) -> None:
        """Mods switched off for failing puzzles whose files changed since come back (and are
        checked again by `recheck`)."""
        if not self.failed:
            return
        from game.content.mods import discover_mods
        from game.modhealth import split_by_cache

        changed = split_by_cache(list(self.failed))[1]
        if not changed:
            return
        for root in changed:
            del self.failed[root]
        from game.content.mod_trust import trusted_mods

        found = discover_mods(
            self.mod_paths, disabled=self.disabled, failed=self.failed, trusted=trusted_mods()
        )
        self.roots, self.mods = found.roots, found.mods

    def adopt(self, library: ContentLibrary) -> None:
        """Make a reloaded library the one new games and loads use."""
        self._library = library
