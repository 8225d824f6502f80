"""A background thread that writes saves, so fsync never stalls a frame.

The UI encodes a save (fast, on its own thread, so the snapshot is consistent) and hands the
bytes over; a newer write to the same slot replaces an older one still waiting. Errors come
back as messages the UI shows. `flush()` waits for everything queued (on quit).
Must not import pygame or torch.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

WriteFn = Callable[[], None]


class BackgroundWriter:
    def __init__(self) -> None:
        self._pending: dict[str, WriteFn] = {}
        self._order: list[str] = []
        self._cond = threading.Condition()
        self._busy = False
        self._closed = False
        self._errors: list[str] = []
        self._thread = threading.Thread(target=self._loop, name="save-writer", daemon=True)
        self._thread.start()

    def submit(self, key: str, write: WriteFn) -> None:
        """Queue `write`; it replaces a not-yet-started write with the same key."""
        with self._cond:
            if key not in self._pending:
                self._order.append(key)
            self._pending[key] = write
            self._cond.notify_all()

    def errors(self) -> list[str]:
        """Messages of failed writes since the last call."""
        with self._cond:
            out, self._errors = self._errors, []
        return out

    @property
    def idle(self) -> bool:
        with self._cond:
            return not self._pending and not self._busy

    def flush(self, timeout: float = 10.0) -> bool:
        with self._cond:
            return self._cond.wait_for(lambda: not self._pending and not self._busy, timeout)

    def close(self) -> None:
        self.flush()
        with self._cond:
            self._closed = True
            self._cond.notify_all()
        self._thread.join(timeout=5)

    def _loop(self) -> None:
        while True:
            with self._cond:
                self._cond.wait_for(lambda: self._pending or self._closed)
                if not self._pending:
                    return
                key = self._order.pop(0)
                write = self._pending.pop(key)
                self._busy = True
            try:
                write()
            except Exception as exc:  # a full disk must not kill the game: report it
                with self._cond:
                    self._errors.append(f"Could not save ({key}): {exc}")
            finally:
                with self._cond:
                    self._busy = False
                    self._cond.notify_all()
