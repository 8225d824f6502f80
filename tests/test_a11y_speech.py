"""Self-voicing: the voice speaks on its own thread (a frame never waits for the engine), newer
text replaces what was not spoken yet, the announcer speaks dialogue, choices, menu items,
messages, results and hints from the screens' snapshots, V toggles it, and Settings says so
when no speech engine can start."""

from __future__ import annotations

import json
import threading

import pytest

from game.persistence.paths import user_home
from game.ui.snapshot import Choice, Snapshot, words
from game.ui.speech import INSTALL_HINT, Announcer, Voice


class SlowEngine:
    """An engine that holds the speaking thread until the test lets it go."""

    def __init__(self) -> None:
        self.heard: list[str] = []
        self.release = threading.Event()
        self.speaking = threading.Event()

    def say(self, text: str) -> None:
        self.heard.append(text)

    def runAndWait(self) -> None:
        self.speaking.set()
        assert self.release.wait(10), "the test never released the engine"


def test_say_never_waits_for_the_engine_and_keeps_only_the_newest() -> None:
    engine = SlowEngine()
    voice = Voice(lambda: engine)
    voice.say("first")  # the engine takes it and blocks its own thread, not this one
    assert engine.speaking.wait(5)
    for i in range(50):  # a frame's worth of calls returns while the engine is still busy
        voice.say(f"line {i}")
    assert engine.heard == ["first"]
    engine.release.set()
    assert voice.wait_idle()
    voice.close()
    assert engine.heard == ["first", "line 49"]  # stale lines were replaced, not queued


def test_an_engine_that_cannot_start_says_why() -> None:
    def broken() -> SlowEngine:
        raise RuntimeError("no eSpeak here")

    voice = Voice(broken)
    assert voice.available
    voice.start()
    assert not voice.wait_idle(5)  # it never became ready to speak
    assert not voice.available and "no eSpeak here" in voice.why


def test_without_the_library_the_voice_points_at_the_extra(monkeypatch) -> None:
    import importlib.util

    monkeypatch.setattr(importlib.util, "find_spec", lambda name: None)
    voice = Voice()
    assert not voice.available and voice.why == INSTALL_HINT
    voice.say("nothing happens")  # no thread, no error


class QuietEngine:
    def say(self, text: str) -> None: ...

    def runAndWait(self) -> None: ...


class Recorder:
    available = True

    def __init__(self) -> None:
        self.said: list[str] = []

    def say(self, text: str) -> None:
        self.said.append(text)


def test_announcer_speaks_news_once_and_the_focus_when_it_moves() -> None:
    voice = Recorder()
    announcer = Announcer(voice)  # type: ignore[arg-type]
    screen = object()
    choices = (Choice("1", "1. Who are you?"), Choice("2", "2. Coffee?"))
    line = Snapshot("scene", content=("Hello.",), say=("Professor: Hello.",))
    announcer.heard(screen, line)
    announcer.heard(screen, line)  # the same frame again: silence
    asking = Snapshot("scene", say=("Professor: Hello.",), choices=choices, focus="1. Who are you?")
    announcer.heard(screen, asking)
    announcer.heard(screen, Snapshot("scene", choices=choices, focus="2. Coffee?"))
    pause = Snapshot("pause", content=("PAUSED",), focus="Resume")
    announcer.heard(object(), pause)
    assert voice.said == [
        "Professor: Hello.",
        "1. Who are you?",
        "2. Coffee?",
        "PAUSED. Resume.",
    ]


@pytest.fixture
def voiced_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    """Self-voicing on from the start, with a quiet engine whether or not pyttsx3 is installed
    (it is an optional extra), so the game starts voiced without a "no engine" notice."""
    (user_home() / "settings.json").write_text(json.dumps({"text_speed": 0, "self_voicing": True}))
    monkeypatch.setattr("game.ui.context.Voice", lambda: Voice(QuietEngine))


def test_the_game_speaks_dialogue_and_menus(voiced_settings) -> None:
    from game.ui.driver import Driver

    with Driver(size=(1024, 640), runner=False) as d:
        voice = Recorder()
        d.app.ctx.voice = Voice(QuietEngine)  # an engine is present
        d.app.ctx.announcer = Announcer(voice)  # type: ignore[arg-type]
        d.step()
        assert voice.said[-1] == "TORCHENSTEIN. New game."  # the screen, then its focus
        d.press("return")
        d.step()
        assert voice.said[-1].startswith("Static. The hiss of a dead channel.")
        d.press("s")
        # Notices are read out too: skip goes on, and stops at once at unread text.
        assert voice.said[-1] == "Skip on. Skip stops at text you have not read."
        d.press("s")
        d.press("escape")
        assert voice.said[-1] == "PAUSED. Resume."
        d.press("down")
        assert voice.said[-1] == "Save game."


def test_v_toggles_self_voicing_and_settings_say_when_no_engine() -> None:
    from game.ui.driver import Driver
    from game.ui.screens.settings import SettingsScreen

    (user_home() / "settings.json").write_text(json.dumps({"text_speed": 0}))
    with Driver(size=(1024, 640), runner=False) as d:
        ctx = d.app.ctx
        ctx.voice = Voice(QuietEngine)  # an engine that is present
        d.press("v")
        assert ctx.settings.self_voicing
        d.press("v")
        assert not ctx.settings.self_voicing
        ctx.voice = Voice()
        ctx.voice.why = "RuntimeError: no eSpeak here"  # as when the engine failed to start
        ctx.stack.push(SettingsScreen(ctx))
        for _ in range(20):
            if ctx.stack.top.snapshot().focus.startswith("Self-voicing"):
                break
            d.press("down")
        snap = ctx.stack.top.snapshot()
        assert snap.focus == "Self-voicing: no speech engine"
        assert "no eSpeak here" in " ".join(snap.content)
        assert words("Not available: no eSpeak here") <= snap.shown_words  # on screen too


def test_an_engine_failing_in_play_is_told_once(voiced_settings) -> None:
    from game.ui.driver import Driver

    def broken() -> SlowEngine:
        raise RuntimeError("no audio device")

    with Driver(size=(1024, 640), runner=False) as d:
        ctx = d.app.ctx
        ctx.voice = Voice(broken)
        ctx.announcer = Announcer(ctx.voice)
        d.until(lambda: not ctx.voice.available, what="the engine to fail")
        d.step(3)
        told = [n.text for n in ctx.notices if "speech engine" in n.text]
        assert told == ["Self-voicing needs a speech engine: RuntimeError: no audio device"]
