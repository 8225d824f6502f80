"""How a sandbox's outer process ends (`game/runner/exitmirror.py`): it must pass on the guarded
process's ending exactly, read a death at the CPU time limit as SIGXCPU (a timeout) rather than
an unexplained SIGKILL, and never write a core file of its own; and the trusted side never signals
a worker's pid once it has reaped it. Each test forks the processes involved, so nothing here
touches the test process's own limits or signals.
"""

from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from game.runner import exitmirror, workerio

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="Linux's outer process"
)


def _outcome(body: object) -> int:
    """Fork; the child runs `body()` (which must not return); the child's wait status."""
    assert callable(body)
    pid = os.fork()
    if pid == 0:
        try:
            body()
        finally:
            os._exit(99)
    return os.waitpid(pid, 0)[1]


@pytest.mark.parametrize(
    "sig", [signal.SIGKILL, signal.SIGSEGV, signal.SIGXCPU, signal.SIGTERM], ids=lambda s: s.name
)
def test_the_outer_process_dies_by_the_runs_signal_and_leaves_no_core(
    tmp_path: Path, sig: signal.Signals
) -> None:
    """When written, mirroring a SIGKILL raised (`signal.signal(SIGKILL)` is refused), so the
    outer process exited with code 1: the verdict said the run ended before reporting a result.
    A signal whose default is a core dump must not leave one of the outer process."""

    def body() -> None:
        os.chdir(tmp_path)
        _soft, hard = resource.getrlimit(resource.RLIMIT_CORE)
        resource.setrlimit(resource.RLIMIT_CORE, (hard, hard))  # as a desktop with cores may
        signal.pthread_sigmask(signal.SIG_BLOCK, [sig])  # blocked, as a run may leave it
        exitmirror.mirror(int(sig))

    status = _outcome(body)
    assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == sig, status
    assert not os.WCOREDUMP(status)
    assert list(tmp_path.iterdir()) == []


def test_the_outer_process_exits_with_the_runs_code() -> None:
    status = _outcome(lambda: exitmirror.mirror(7 << 8))
    assert os.WIFEXITED(status) and os.WEXITSTATUS(status) == 7


def _spin_past(limit: int, ignore: bool) -> None:
    if ignore:
        signal.signal(signal.SIGXCPU, signal.SIG_IGN)
    used = resource.getrusage(resource.RUSAGE_SELF)
    total = int(used.ru_utime + used.ru_stime) + limit
    resource.setrlimit(resource.RLIMIT_CPU, (total, total))
    while True:
        pass


@pytest.mark.parametrize("ignore", [True, False], ids=["sigxcpu-ignored", "sigxcpu-default"])
def test_a_death_at_the_cpu_limit_reads_as_sigxcpu(ignore: bool) -> None:
    """A process that ignores SIGXCPU is killed by SIGKILL at its hard CPU limit: the outer
    process must report SIGXCPU (the verdict: timeout), as for one that did not ignore it."""
    proc = exitmirror.open_proc()
    pid = os.fork()
    if pid == 0:
        try:
            _spin_past(1, ignore)
        finally:
            os._exit(99)
    status = exitmirror.wait_for(pid, proc)
    assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGXCPU, status
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)  # reaped


def test_a_sigkill_before_the_cpu_limit_stays_a_sigkill() -> None:
    proc = exitmirror.open_proc()
    pid = os.fork()
    if pid == 0:
        try:
            resource.setrlimit(resource.RLIMIT_CPU, (60, 60))
            time.sleep(60)
        finally:
            os._exit(99)
    time.sleep(0.2)
    os.kill(pid, signal.SIGKILL)
    status = exitmirror.wait_for(pid, proc)
    assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL, status


def test_a_reaped_workers_pid_is_never_signalled(monkeypatch: pytest.MonkeyPatch) -> None:
    """Once `Popen` has reaped a worker, its pid number may already be another process's (CI's
    containers hand out low pids fast): the runner may signal what is left of its group, never
    the pid. When written, `SpareRun.poll` and the executors' `close` sent SIGKILL to the pid
    when the group was gone."""
    proc = subprocess.Popen(["true"], start_new_session=True)
    proc.wait()
    sent: list[int] = []
    monkeypatch.setattr(os, "kill", lambda pid, sig: sent.append(pid))
    workerio.stop_group(proc)
    workerio.kill_reaped_group(proc.pid)
    assert sent == []
