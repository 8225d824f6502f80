"""One file shared with the player's own editor: written atomically by the game, and polled
for changes the player saves there. A change is reported once its size and time stop moving
(so a half-written save is never picked up) and only if the text differs from what the game
last wrote or read. A hidden stamp beside the file remembers, across sessions, the digest of
the text the game last wrote or read, so a later session can tell the player's own edits from
a copy the game simply had not refreshed yet. Must not import pygame or torch.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
from pathlib import Path

Signature = tuple[int, int]  # (mtime_ns, size)


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


class FileWatch:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._known_text: str | None = None
        self._known_sig: Signature | None = None
        self._pending_sig: Signature | None = None

    @property
    def known_text(self) -> str | None:
        """What the file held when the game last wrote or read it."""
        return self._known_text

    @property
    def stamp_path(self) -> Path:
        return self.path.with_name(f".{self.path.name}.synced")

    def synced(self, text: str) -> bool:
        """Whether `text` is what the game itself last wrote to or read from the file (in this
        session or an earlier one)."""
        try:
            return self.stamp_path.read_text(encoding="ascii").strip() == _digest(text)
        except (OSError, UnicodeDecodeError):
            return False

    def _remember(self, text: str) -> None:
        self._known_text = text
        # Without a stamp a later session treats the file as edited elsewhere.
        with contextlib.suppress(OSError):
            self.stamp_path.write_text(_digest(text), encoding="ascii")

    def _signature(self) -> Signature | None:
        try:
            st = self.path.stat()
        except OSError:
            return None
        return st.st_mtime_ns, st.st_size

    def write(self, text: str) -> None:
        """Write `text` atomically; raises OSError (the caller tells the player)."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{self.path.name}.", dir=self.path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as out:
                out.write(text)
                out.flush()
                os.fsync(out.fileno())
            os.replace(tmp, self.path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        self._remember(text)
        self._known_sig = self._signature()
        self._pending_sig = None

    def adopt(self) -> str | None:
        """Start watching the file as it is now; returns its text (None if unreadable)."""
        self._known_sig = self._signature()
        self._known_text = self._read()
        return self._known_text

    def _read(self) -> str | None:
        try:
            data = self.path.read_bytes()
        except OSError:
            return None
        return data.decode("utf-8-sig", errors="replace")

    def poll(self) -> str | None:
        """The file's new text if it changed since the last write, adopt or poll, else None."""
        sig = self._signature()
        if sig is None or sig == self._known_sig:
            self._pending_sig = None
            return None
        if sig != self._pending_sig:
            self._pending_sig = sig  # moving; look again next poll
            return None
        text = self._read()
        self._known_sig, self._pending_sig = sig, None
        if text is None or text == self._known_text:
            return None
        self._remember(text)
        return text
