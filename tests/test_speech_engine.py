"""The platform's speech engine, for real where it is installed: the game's own engine factory
(pyttsx3 over eSpeak on Linux) renders a dialogue line to a WAV file that holds real audio,
and the Settings toggle and the V key drive it on the voice thread, never the frame's. Where
the engine is missing, the tests with a stand-in pyttsx3 prove that Settings says what to
install instead of staying silent."""

from __future__ import annotations

import ctypes.util
import importlib.util
import json
import shutil
import sys
import threading
import types
import wave
from array import array
from pathlib import Path

import pytest

from game.persistence.paths import user_home
from game.ui import speech
from game.ui.speech import NO_ESPEAK, NO_PLAYER, Voice

pytestmark = pytest.mark.real_speech

LINE = "I am Professor Victor Py Torchenstein. You have found my laboratory."


def _espeak_missing() -> str:
    if importlib.util.find_spec("pyttsx3") is None:
        return 'pyttsx3 is not installed (pip install ".[speech]")'
    if not (ctypes.util.find_library("espeak-ng") or ctypes.util.find_library("espeak")):
        return "no eSpeak library (apt-get install espeak-ng)"
    return ""


needs_espeak = pytest.mark.skipif(bool(_espeak_missing()), reason=_espeak_missing())


class ToFile:
    """The game's real engine with its output sent to WAV files instead of the speakers (CI
    has none): each `say` becomes one file, and the thread that spoke is remembered."""

    def __init__(self, folder: Path) -> None:
        self.engine = speech._pyttsx3_engine()
        self.folder = folder
        self.files: list[Path] = []
        self.threads: list[str] = []
        self.done = threading.Event()
        self.busy = threading.Event()  # set while the engine holds its thread
        self.hold = threading.Event()  # cleared, the engine holds its thread until set
        self.hold.set()

    def say(self, text: str) -> None:
        path = self.folder / f"{len(self.files)}.wav"
        self.files.append(path)
        self.engine.save_to_file(text, str(path))  # type: ignore[attr-defined]

    def runAndWait(self) -> None:
        self.threads.append(threading.current_thread().name)
        self.busy.set()
        assert self.hold.wait(30), "the test never let the engine go"
        self.engine.runAndWait()
        self.busy.clear()
        self.done.set()


def _samples(path: Path) -> tuple[array, int]:
    with wave.open(str(path)) as w:
        assert w.getsampwidth() == 2 and w.getnchannels() == 1
        return array("h", w.readframes(w.getnframes())), w.getframerate()


def _is_speech(path: Path) -> None:
    samples, rate = _samples(path)
    seconds = len(samples) / rate
    rms = (sum(s * s for s in samples) / len(samples)) ** 0.5
    assert seconds > 1.0, f"{seconds:.2f} s of audio"
    assert max(abs(s) for s in samples) > 3000 and rms > 300, f"nearly silent (rms {rms:.0f})"


@pytest.fixture
def real_engine(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> ToFile:
    # aplay only matters for the speakers, which these tests replace with files.
    monkeypatch.setattr(shutil, "which", lambda name: f"/usr/bin/{name}")
    return ToFile(tmp_path)


@needs_espeak
def test_the_games_engine_speaks_a_dialogue_line_as_real_audio(real_engine: ToFile) -> None:
    voice = Voice(lambda: real_engine)
    voice.say(LINE)
    assert real_engine.done.wait(30), "eSpeak never finished the line"
    voice.close()
    assert real_engine.threads == ["voice"]  # spoken on the worker thread, not the caller's
    _is_speech(real_engine.files[0])


@needs_espeak
def test_settings_and_the_v_key_drive_the_real_engine_off_the_frame(real_engine: ToFile) -> None:
    from game.ui.driver import Driver
    from game.ui.screens.settings import SettingsScreen

    (user_home() / "settings.json").write_text(json.dumps({"text_speed": 0}))
    with Driver(size=(1024, 640), runner=False) as d:
        ctx = d.app.ctx
        ctx.voice = Voice(lambda: real_engine)
        ctx.announcer.voice = ctx.voice
        ctx.stack.push(SettingsScreen(ctx))
        while d.screen.snapshot().focus != "Self-voicing: off":
            d.press("down")
        real_engine.hold.clear()  # the engine will take its time, as a slow voice does
        d.press("return")  # the Settings toggle
        assert ctx.settings.self_voicing and ctx.voice.available
        assert real_engine.busy.wait(30)
        frames = d.app.frames
        d.step(5)  # the game draws on while the engine is busy speaking
        assert d.app.frames == frames + 5 and real_engine.busy.is_set()
        real_engine.hold.set()
        d.until(lambda: real_engine.done.is_set(), what="the engine to speak the screen")
        assert "Self-voicing: on" in ctx.voice.spoken[-1]
        real_engine.done.clear()
        d.press("v")  # the key turns it off, and the voice says so
        assert not ctx.settings.self_voicing
        d.until(lambda: real_engine.done.is_set(), what="the engine to say it is off")
        assert ctx.voice.spoken[-1] == "Self-voicing off."
        assert set(real_engine.threads) == {"voice"}
        assert threading.current_thread().name not in real_engine.threads
    for path in real_engine.files:
        _is_speech(path)


def _stand_in_pyttsx3(monkeypatch: pytest.MonkeyPatch, init: object) -> None:
    module = types.ModuleType("pyttsx3")
    module.init = init  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "pyttsx3", module)
    monkeypatch.setattr(importlib.util, "find_spec", lambda name: object())
    monkeypatch.setattr(sys, "platform", "linux")


class Quiet:
    def say(self, text: str) -> None: ...

    def runAndWait(self) -> None: ...


def test_without_aplay_the_voice_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    _stand_in_pyttsx3(monkeypatch, lambda: Quiet())
    monkeypatch.setattr(shutil, "which", lambda name: None)
    voice = Voice()
    voice.start()
    assert not voice.wait_idle(5)
    assert voice.why == NO_PLAYER


def test_without_espeak_the_voice_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_library() -> Quiet:  # what pyttsx3 raises when libespeak-ng is absent
        raise RuntimeError("This means you probably do not have eSpeak or eSpeak-ng installed!")

    _stand_in_pyttsx3(monkeypatch, no_library)
    voice = Voice()
    voice.start()
    assert not voice.wait_idle(5)
    assert voice.why == NO_ESPEAK


def test_settings_say_there_is_no_engine_before_it_is_turned_on(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from game.ui.driver import Driver
    from game.ui.screens.settings import SettingsScreen
    from game.ui.snapshot import words

    _stand_in_pyttsx3(monkeypatch, lambda: Quiet())
    monkeypatch.setattr(shutil, "which", lambda name: None)
    (user_home() / "settings.json").write_text(json.dumps({"text_speed": 0}))
    with Driver(size=(1024, 640), runner=False) as d:
        ctx = d.app.ctx
        ctx.voice = Voice()  # the game's own factory, over the stand-in library
        ctx.stack.push(SettingsScreen(ctx))  # opening Settings wakes the engine to ask
        d.until(lambda: not ctx.voice.available, what="the engine probe to fail")
        while not (d.screen.snapshot().focus or "").startswith("Self-voicing"):
            d.press("down")
        snap = d.screen.snapshot()
        assert snap.focus == "Self-voicing: no speech engine"
        assert words(NO_PLAYER) <= snap.shown_words
        assert not ctx.settings.self_voicing
