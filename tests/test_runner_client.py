"""RunnerClient, the game's non-blocking handle on the runner service (a separate process)."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

from game.runner.client import RunnerClient
from game.runner.protocol import JobEvent

REPO = Path(__file__).resolve().parent.parent
# reads `device`, or the puzzle's static check would refuse it before it runs
LOOP = "def summon(n, device):\n    while device:\n        pass\n"
GOOD = (REPO / "puzzles/summon_tensors/reference.py").read_text(encoding="utf-8")

SCRIPT = """
import json, sys, time
from pathlib import Path
from game.runner.client import RunnerClient
client = RunnerClient([Path(sys.argv[2])])
job = client.submit("summon_tensors", open(sys.argv[1]).read())
ask = client.describe("summon_tensors")
events, deadline = [], time.monotonic() + 120
while time.monotonic() < deadline and not {job, ask} <= {e.job for e in events if e.kind in ("result", "examples", "error")}:
    events += client.poll()
    time.sleep(0.01)
print(json.dumps({"events": [e.model_dump(mode="json") for e in events], "devices": client.devices(),
                  "torch": "torch" in sys.modules}))
client.close()
"""


def wait_for(client: RunnerClient, jobs: set[str], timeout: float = 120) -> list[JobEvent]:
    events: list[JobEvent] = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        events += client.poll()
        if jobs <= {
            e.job for e in events if e.kind in ("result", "cancelled", "error", "examples")
        }:
            return events
        time.sleep(0.01)
    raise AssertionError(f"no final events for {jobs}: {events}")


@pytest.mark.slow
def test_client_runs_a_job_without_importing_torch() -> None:
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            SCRIPT,
            str(REPO / "puzzles/summon_tensors/reference.py"),
            str(REPO),
        ],
        capture_output=True,
        text=True,
        timeout=180,
        cwd=REPO,
    )
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["torch"] is False
    assert report["devices"] and "cpu" in report["devices"]
    kinds = [e["kind"] for e in report["events"] if e["job"] == "job1"]
    assert kinds[0] == "started" and kinds[-1] == "result" and "progress" in kinds
    result = next(e["result"] for e in report["events"] if e["kind"] == "result")
    assert result["verdict"] == "pass" and result["reference_metrics"] is not None
    examples = next(e["examples"] for e in report["events"] if e["kind"] == "examples")
    assert examples[0]["expected"]["items"][0]["tensor"]["values"] == [0, 1, 2]


@pytest.mark.slow
def test_cancel_service_death_and_restart() -> None:
    client = RunnerClient([REPO])
    try:
        assert client.poll() == []  # nothing started, nothing blocks
        looping = client.submit("summon_tensors", LOOP, device="cpu")
        events: list[JobEvent] = []
        while not any(e.job == looping and e.kind == "started" for e in events):
            events += client.poll()
            time.sleep(0.01)
        client.cancel(looping)
        events += wait_for(client, {looping})
        assert [e.kind for e in events if e.job == looping][-1] == "cancelled"

        running = client.submit("summon_tensors", GOOD, device="cpu")
        queued = client.submit("summon_tensors", GOOD, device="cpu")
        client.cancel(queued)  # still waiting behind `running`: it never starts
        events = wait_for(client, {running, queued})
        assert [e.kind for e in events if e.job == queued] == ["cancelled"]
        assert [e.kind for e in events if e.job == running][-1] == "result"

        doomed = client.submit("summon_tensors", LOOP, device="cpu")
        while not any(e.job == doomed and e.kind == "started" for e in client.poll()):
            time.sleep(0.01)
        assert client._proc is not None
        client._proc.kill()  # the service dies mid-run
        events = wait_for(client, {doomed})
        final = [e for e in events if e.job == doomed][-1]
        assert final.kind == "error" and "stopped unexpectedly" in final.message

        again = client.submit("summon_tensors", GOOD, device="cpu")  # restarts the service
        events = wait_for(client, {again})
        result = [e for e in events if e.job == again][-1]
        assert (
            result.kind == "result"
            and result.result is not None
            and result.result.verdict == "pass"
        )
    finally:
        client.close()


def test_unknown_puzzle_is_an_error_event() -> None:
    client = RunnerClient([REPO])
    try:
        job = client.submit("no_such_puzzle", GOOD)
        events = wait_for(client, {job})
        assert events[-1].kind == "error" and "no_such_puzzle" in events[-1].message
    finally:
        client.close()
