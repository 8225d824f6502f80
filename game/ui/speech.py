"""Self-voicing, as in Ren'Py: the game reads itself aloud through the platform's speech engine
(SAPI on Windows, NSSpeechSynthesizer on macOS, eSpeak on Linux) via pyttsx3, an optional
extra (`pip install "torchenstein[speech]"`).

`Voice` owns the engine on a worker thread, so speaking never blocks a frame: the frame only
puts text in a one-slot mailbox (newer text replaces what was not spoken yet, so the voice
never lags behind the player). `Announcer` decides what to say from the top screen's snapshot:
its news (a dialogue line, a message, a result, a hint) when it changes, and the focused item
when the focus moves, and each notice ("Quicksaved.") once. Must not import torch.
"""

from __future__ import annotations

import importlib.util
import shutil
import sys
import threading
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Protocol

from game.ui.snapshot import Snapshot

if TYPE_CHECKING:
    from game.ui.context import Notice

INSTALL_HINT = 'install the speech extra: pip install "torchenstein[speech]"'
# pyttsx3 (2.99) renders eSpeak's words to a WAV file on Linux and plays it with ALSA's aplay;
# when aplay is missing it only prints "not found" and the player hears nothing, so say why.
NO_PLAYER = "eSpeak works but nothing can play its voice: install alsa-utils (for aplay)"
NO_ESPEAK = "no eSpeak engine: install espeak-ng from your package manager"


class NoEngine(RuntimeError):
    """Nothing can speak on this computer; the message says what to install."""


class Engine(Protocol):
    def say(self, text: str) -> None: ...

    def runAndWait(self) -> None: ...


def _pyttsx3_engine() -> Engine:
    import pyttsx3  # an optional extra without type hints (see the mypy overrides)

    try:
        engine: Engine = pyttsx3.init()
    except (RuntimeError, OSError) as exc:  # pyttsx3 could not load libespeak(-ng)
        if sys.platform.startswith("linux") and "espeak" in str(exc).lower():
            raise NoEngine(NO_ESPEAK) from exc
        raise
    if sys.platform.startswith("linux") and shutil.which("aplay") is None:
        raise NoEngine(NO_PLAYER)
    return engine


class Voice:
    """Speaks on its own thread. `available` is False (with `why`) when no engine can start."""

    def __init__(self, make_engine: Callable[[], Engine] | None = None):
        self._make = make_engine or _pyttsx3_engine
        self.why = "" if make_engine or importlib.util.find_spec("pyttsx3") else INSTALL_HINT
        self.spoken: list[str] = []  # what the engine was given, newest last (for tests, logs)
        self._mail: str | None = None
        self._wake = threading.Condition()
        self._thread: threading.Thread | None = None
        self._closed = False
        self._ready = threading.Event()

    @property
    def available(self) -> bool:
        return not self.why

    def say(self, text: str) -> None:
        """Queue `text` to be spoken, replacing anything not yet spoken. Never blocks."""
        if not self.available or not text.strip():
            return
        with self._wake:
            self._mail = text
            self._wake.notify()
        self.start()

    def start(self) -> None:
        """Start the engine's thread (at once, so Settings can tell early if it fails)."""
        if self._thread is None and self.available:
            self._thread = threading.Thread(target=self._work, name="voice", daemon=True)
            self._thread.start()

    def wait_idle(self, timeout: float = 5.0) -> bool:
        """Wait until the engine has started and taken everything given to it; False when it
        could not start (then `why` says why) or the time ran out."""
        if not self._ready.wait(timeout) or not self.available:
            return False
        with self._wake:
            return self._wake.wait_for(lambda: self._mail is None, timeout)

    def close(self) -> None:
        with self._wake:
            self._closed = True
            self._wake.notify()

    def _work(self) -> None:
        try:
            engine = self._make()  # engines belong to the thread that made them
        except Exception as exc:  # no eSpeak, no audio device: say so in Settings
            self.why = str(exc) if isinstance(exc, NoEngine) else f"{type(exc).__name__}: {exc}"
            self._ready.set()
            return
        self._ready.set()
        while True:
            with self._wake:
                self._wake.wait_for(lambda: self._mail is not None or self._closed)
                if self._closed:
                    return
                text, self._mail = self._mail, None
                self._wake.notify_all()
            assert text is not None
            self.spoken.append(text)
            try:
                engine.say(text)
                engine.runAndWait()
            except Exception as exc:
                self.why = f"{type(exc).__name__}: {exc}"
                return


class Announcer:
    """Turns snapshots into speech: each new item of news once, and the focus when it moves;
    a screen coming on top names itself by its first text when it has no news."""

    def __init__(self, voice: Voice):
        self.voice = voice
        self._screen: object | None = None
        self._said: tuple[str, ...] = ()
        self._focus: str | None = None
        self._notices: list[object] = []

    def heard(self, screen: object, snap: Snapshot, notices: Sequence[Notice] = ()) -> None:
        """Speak what is new in `snap` and any notice not spoken yet (notices first: they
        answer what the player just did)."""
        parts = [n.text for n in notices if not any(n is old for old in self._notices)]
        self._notices = list(notices)
        if screen is not self._screen:
            self._screen, self._said, self._focus = screen, (), None
            if not snap.say and snap.content:
                parts.append(snap.content[0])
        parts += [item for item in snap.say if item and item not in self._said]
        if snap.focus and snap.focus != self._focus:
            parts.append(snap.focus)
        self._said, self._focus = snap.say, snap.focus
        if parts:
            self.voice.say(" ".join(p if p[-1:] in ".!?:" else p + "." for p in parts))

    def reset(self) -> None:
        self._screen = None
