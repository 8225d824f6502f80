"""The scene screen's skip alone (pure, no pygame): S toggles it, Ctrl held skips while held,
it steps at its own pace, waits while choices are open and turns itself off at unread text."""

from __future__ import annotations

from game.ui.screens.scene_skip import STEP_S, Skip

FRAME = 1 / 60


def test_off_and_not_held_does_nothing() -> None:
    skip = Skip()
    assert skip.tick(FRAME, held=False, may_skip=True, blocked=False) is None
    assert not skip.on


def test_toggled_on_it_steps_at_once_then_at_its_pace() -> None:
    skip = Skip()
    assert skip.toggle() and skip.on
    assert skip.tick(FRAME, held=False, may_skip=True, blocked=False) == "step"
    acts = [skip.tick(FRAME, held=False, may_skip=True, blocked=False) for _ in range(60)]
    # One second of frames: never two steps within STEP_S, and no step waits two STEP_S.
    per_second = round(1 / STEP_S)
    assert per_second // 2 <= acts.count("step") <= per_second
    assert set(acts) == {"step", None}
    assert not skip.toggle() and skip.tick(FRAME, held=False, may_skip=True, blocked=False) is None


def test_ctrl_held_steps_without_turning_skip_on() -> None:
    skip = Skip()
    assert skip.tick(FRAME, held=True, may_skip=True, blocked=False) == "step"
    assert not skip.on


def test_it_waits_for_the_players_choice() -> None:
    skip = Skip()
    skip.toggle()
    assert skip.tick(FRAME, held=False, may_skip=True, blocked=True) is None
    assert skip.on, "still on: it goes on after the choice"


def test_unread_text_turns_it_off_once_and_ctrl_is_refused_quietly() -> None:
    skip = Skip()
    skip.toggle()
    assert skip.tick(FRAME, held=False, may_skip=False, blocked=False) == "refused"
    assert not skip.on
    assert skip.tick(FRAME, held=False, may_skip=False, blocked=False) is None
    assert skip.tick(FRAME, held=True, may_skip=False, blocked=False) is None
    skip.toggle()
    skip.stop()
    assert not skip.on
