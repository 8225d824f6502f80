"""'Open in my editor': the draft file in the user data folder, kept in step with the game's
buffer both ways while the game runs, and a best-effort, never-blocking launch of the
system's default editor for it. Must not import torch.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from game.text import FileWatch, clean_text

Opener = Callable[[Path], "str | None"]  # returns a message for the player when it failed

POLL_S = 0.5
MIRROR_AFTER_S = 0.6  # write in-game edits to the file once typing pauses this long

_children: list[subprocess.Popen[bytes]] = []


def open_with_system(path: Path) -> str | None:
    """Ask the desktop to open `path` for editing (never to run it). Never raises, never waits."""
    _children[:] = [child for child in _children if child.poll() is None]
    try:
        if sys.platform.startswith("win"):
            os.startfile(path, "edit")  # type: ignore[attr-defined]  # "open" would run the .py
            return None
        if sys.platform == "darwin":
            command = ["open", "-t", str(path)]  # -t: the default text editor
        else:
            opener = shutil.which("xdg-open")
            if opener is None:
                return "No desktop opener (xdg-open) was found."
            command = [opener, str(path)]
        _children.append(
            subprocess.Popen(
                command,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                start_new_session=True,
            )
        )
    except OSError as exc:
        return f"Could not start an editor ({exc.strerror or exc})."
    return None


class SharedDraft:
    def __init__(self, path: Path) -> None:
        self.watch = FileWatch(path)
        self.linked = False
        self._since_poll = 0.0
        self._since_edit: float | None = None

    @property
    def path(self) -> Path:
        return self.watch.path

    def resume(self, text: str) -> str | None:
        """Keep following a file shared in an earlier session; returns its text when the player
        changed it there since the game last wrote it."""
        if not self.path.is_file():
            return None
        self.linked = True
        disk = self.watch.adopt()
        if disk is None or clean_text(disk) == text:
            return None
        if self.watch.synced(disk):
            # The game wrote this copy and left before refreshing it: the save is newer.
            self._since_edit = MIRROR_AFTER_S
            return None
        return disk

    def open(self, text: str, opener: Opener) -> str:
        try:
            self.watch.write(text)
        except OSError as exc:
            return f"Could not write {self.path}: {exc.strerror or exc}. Your code is still here."
        self.linked = True
        failed = opener(self.path)
        where = f"Your draft is in {self.path}."
        if failed:
            return f"{where} {failed} Open it in any editor: what you save there appears here."
        return f"{where} Edit it in your own editor: what you save there appears here."

    def edited(self) -> None:
        if self.linked:
            self._since_edit = 0.0

    def update(self, dt: float, text: str) -> tuple[str | None, str | None]:
        """Returns (text saved in the other editor, message for the player)."""
        if not self.linked:
            return None, None
        self._since_poll += dt
        if self._since_poll >= POLL_S:
            self._since_poll = 0.0
            picked = self.watch.poll()
            if picked is not None:
                self._since_edit = None
                return picked, f"Picked up your changes from {self.path.name} (Ctrl+Z undoes them)."
        if self._since_edit is not None:
            self._since_edit += dt
            if self._since_edit >= MIRROR_AFTER_S:
                self._since_edit = None
                if text != self.watch.known_text:
                    try:
                        self.watch.write(text)
                    except OSError as exc:
                        return None, f"Could not update {self.path}: {exc.strerror or exc}."
        return None, None
