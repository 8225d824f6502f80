"""Every phase of a run is bounded: a puzzle whose own code (reference, cases.py) hangs ends with
a clear error in bounded time, and the runner (in process, or the service) goes on working."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

from game.runner.check import check_code
from game.runner.engine import PuzzleTimeout

REPO = Path(__file__).resolve().parent.parent
ROOTS = [Path(__file__).resolve().parent / "runner_cases"]
ADD = "def add(a, b):\n    return a + b\n"


def test_a_hanging_reference_is_a_clear_error_and_the_runner_goes_on(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("TORCHENSTEIN_REFERENCE_TIMEOUT_S", "1.5")
    with pytest.raises(PuzzleTimeout, match=r"rt_hang_reference.*took longer than 1\.5 s"):
        check_code("rt_hang_reference", ADD, roots=ROOTS, device="cpu")
    assert check_code("rt_add", ADD, roots=ROOTS, device="cpu").verdict == "pass"


@pytest.mark.slow
def test_the_service_reports_a_hanging_cases_py_then_makes_way_for_a_fresh_one() -> None:
    env = {**__import__("os").environ, "TORCHENSTEIN_REFERENCE_TIMEOUT_S": "2"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "game.runner.service", "--root", str(ROOTS[0])],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        cwd=REPO,
        env=env,
        text=True,
    )
    assert proc.stdin is not None and proc.stdout is not None
    try:
        for job, puzzle in (("ok", "rt_add"), ("hang", "rt_hang_cases")):
            proc.stdin.write(
                json.dumps(
                    {
                        "type": "run",
                        "job": job,
                        "puzzle": puzzle,
                        "code": ADD,
                        "device": "cpu",
                        "mode": "submit",
                    }
                )
                + "\n"
            )
        proc.stdin.flush()
        started = time.monotonic()
        events = [json.loads(line) for line in proc.stdout]  # ends when the service retires itself
        assert proc.wait(timeout=30) == 0 and time.monotonic() - started < 90
    finally:
        proc.kill()
    final = {e["job"]: e for e in events if e["kind"] in ("result", "error")}
    assert final["ok"]["result"]["verdict"] == "pass"
    assert (
        final["hang"]["kind"] == "error"
        and "rt_hang_cases` took longer than 2 s" in final["hang"]["message"]
    )
    assert [e["kind"] for e in events if e["job"] == "hang"] == ["started", "error"]
