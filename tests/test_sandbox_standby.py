"""The standby sandbox (Linux): after each run the zygote builds the next run's walls around a
fresh job folder, so a check pays neither the forks nor the namespaces. A standby serves exactly
one run, holds nothing of the run before it, and refuses a run whose walls would differ."""

from __future__ import annotations

import sys
import textwrap
import time
from dataclasses import replace
from pathlib import Path

import pytest

from game.runner.check import check_code
from game.runner.engine import shared_runner
from game.runner.executor import supervise
from game.runner.jail import EXIT_LOST
from game.runner.jobdir import remove_job_dir
from game.runner.limits import SandboxLimits
from game.runner.runtree import children
from tests.sandbox_procs import leftovers

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="the zygote forks on Linux only"
)

ROOTS = [Path(__file__).resolve().parent / "runner_cases"]
GOOD = "def add(a, b):\n    return a + b\n"
# Writes a marker in its scratch and reports whether one was there already.
PEEK = """
import os
def add(a, b):
    here = os.environ["TMPDIR"]
    seen = os.listdir(here)
    open(os.path.join(here, "marker"), "w").close()
    print("SEEN", sorted(seen))
    return a + b
"""


def _zygote():  # type: ignore[no-untyped-def]
    zygote = shared_runner().zygote
    assert zygote is not None
    return zygote


def test_each_run_gets_the_standby_built_for_it_and_leaves_the_next_one() -> None:
    assert check_code("rt_add", GOOD, device="cpu", roots=ROOTS).verdict == "pass"
    zygote = _zygote()
    first = zygote.collect_next()
    assert first is not None and (first / "in").is_dir()
    assert zygote.pid is not None
    for _ in range(200):  # the zygote forks the standby right after it said the run was gone
        if children(zygote.pid):
            break
        time.sleep(0.01)
    assert len(children(zygote.pid)) == 1  # the standby's parent
    assert leftovers(zygote.pid) == []
    assert check_code("rt_add", GOOD, device="cpu", roots=ROOTS).verdict == "pass"
    assert not first.exists()  # used once, then removed with its run
    following = zygote.collect_next()
    assert following is not None and following != first


def test_a_standby_holds_nothing_of_the_run_before() -> None:
    for _ in range(2):
        result = check_code("rt_add", textwrap.dedent(PEEK), device="cpu", mode="try", roots=ROOTS)
        assert result.verdict == "pass", result.message
        lines = [line for line in result.stdout.splitlines() if line.startswith("SEEN")]
        assert lines and all("marker" not in line for line in lines), result.stdout


def test_a_standby_refuses_a_run_walled_otherwise() -> None:
    assert check_code("rt_add", GOOD, device="cpu", roots=ROOTS).verdict == "pass"
    zygote = _zygote()
    job_dir = zygote.collect_next()
    assert job_dir is not None
    zygote.next_dir = None  # the test drives the zygote itself
    limits = replace(
        SandboxLimits(wall_s=5, cpu_s=5, memory_bytes=1 << 30, file_bytes=1 << 20, processes=0),
        hide=(*zygote.hidden, "/somewhere-else"),
    )
    try:
        run = zygote.launch(job_dir, limits, 0)
        ended = supervise(run, limits, lambda: False, lambda: None)
        run.settle()
    finally:
        remove_job_dir(job_dir)  # the runner would have; the test took the folder from it
    assert ended.code == EXIT_LOST
    assert leftovers(zygote.pid) == []
    assert check_code("rt_add", GOOD, device="cpu", roots=ROOTS).verdict == "pass"
