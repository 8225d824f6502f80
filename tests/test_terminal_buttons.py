"""The terminal's buttons and header device line, from the state they present (no screen)."""

from __future__ import annotations

import pytest

from game.ui.screens.terminal_chrome import device_text
from game.ui.screens.terminal_layout import button_specs


def specs(**state: object) -> dict[str, tuple[str, bool]]:
    given = {"running": False, "continues": False, "solution": False, "hints_left": True}
    buttons = button_specs(**(given | state), device="cpu")  # type: ignore[arg-type]
    return {b.key: (b.text, b.enabled) for b in buttons}


def test_while_a_run_is_in_flight_only_hint_and_cancel_are_pressable() -> None:
    assert specs(running=True) == {
        "run": ("Run", False),
        "try": ("Try", False),
        "hint": ("Hint", True),
        "device": ("Device: cpu", False),
        "cancel": ("Cancel", True),
    }
    assert specs()["back"] == ("Back", True) and "cancel" not in specs()


def test_after_a_pass_run_continues_and_hint_opens_the_solution() -> None:
    assert specs(continues=True)["run"] == ("Continue", True)
    assert specs(solution=True, hints_left=False)["hint"] == ("Solution", True)
    assert specs(hints_left=False)["hint"] == ("Hint", False)


@pytest.mark.parametrize(
    "chosen,offline,found,shown",
    [
        ("auto", True, None, "runner offline"),
        ("cuda", False, None, "device: cuda (runner warming up)"),
        ("auto", False, ["cpu"], "device: auto → cpu"),
        ("auto", False, ["cpu", "cuda"], "device: auto → cuda"),
        ("cuda", False, ["cpu"], "device: cuda (not found: runs will fail)"),
        ("cpu", False, ["cpu"], "device: cpu"),
    ],
)
def test_the_device_line_says_what_the_runner_found(
    chosen: str, offline: bool, found: list[str] | None, shown: str
) -> None:
    assert device_text(chosen, offline=offline, found=found) == shown
