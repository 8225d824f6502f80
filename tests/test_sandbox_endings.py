"""How a sandbox's outer process ends (`game/runner/exitmirror.py`): it must pass on the guarded
process's ending exactly, read a death at the CPU time limit as SIGXCPU (a timeout) rather than
an unexplained SIGKILL, and never write a core file of its own; and the trusted side never signals
a worker's pid once it has reaped it. Each test forks the processes involved, so nothing here
touches the test process's own limits or signals. And what a run leaves is removed however it
was laid out, and counted however deep it is hidden.
"""

from __future__ import annotations

import contextlib
import os
import resource
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from game.runner import exitmirror, failures, jobdir, runtree, workerio
from game.runner.engine import Runner
from game.runner.executor import ZygoteExecutor

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


def _deep(top: Path, depth: int) -> None:
    """`depth` nested folders under `top`, built by relative steps (the full path would be too
    long to name)."""
    fd = os.open(top, os.O_RDONLY | os.O_DIRECTORY)
    for _ in range(depth):
        os.mkdir("d", dir_fd=fd)
        below = os.open("d", os.O_RDONLY | os.O_DIRECTORY, dir_fd=fd)
        os.close(fd)
        fd = below
    os.close(os.open("bottom.bin", os.O_WRONLY | os.O_CREAT, 0o600, dir_fd=fd))
    os.close(fd)


def test_a_job_folder_of_any_depth_is_removed_without_following_links(tmp_path: Path) -> None:
    """What a run may leave: 3,000 nested folders, a folder locked with mode 000, and a link
    to a folder outside. Everything goes; the link's target stays."""
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "keep.txt").write_text("the player's")
    job = jobdir.make_job_dir()
    _deep(job / "out", 3000)
    (job / "out" / "locked").mkdir()
    (job / "out" / "locked" / "x").write_text("x")
    (job / "out" / "locked").chmod(0)
    (job / "out" / "link").symlink_to(outside)
    jobdir.remove_job_dir(job)
    assert not job.exists()
    assert (outside / "keep.txt").read_text() == "the player's"
    jobdir.remove_job_dir(job)  # gone already: no error either


def test_a_folder_moved_away_mid_removal_leads_the_walk_nowhere_else(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A process of the run's uid outside the run (another check's fallback run, any service
    running as nobody) renames JOB/out/a into a folder it may write while the removal is down
    in a/b. Climbing by `..` then led into that folder, whose files the walk unlinked as root
    thinking it was back in JOB/out. The walk must stop there and unlink nothing else."""
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "precious.txt").write_text("the player's")
    job = jobdir.make_job_dir()
    (job / "out" / "a" / "b" / "c").mkdir(parents=True)
    (job / "out" / "a" / "b" / "c" / "f").write_text("x")
    real_open = os.open
    moved: list[bool] = []

    def racing(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        fd_in = kwargs.get("dir_fd")
        inside = fd_in is not None and os.readlink(f"/proc/self/fd/{fd_in}").endswith("/out/a/b")
        if path == ".." and inside and not moved:
            os.rename(job / "out" / "a", elsewhere / "a")  # the attacker's move
            moved.append(True)
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", racing)
    jobdir.remove_job_dir(job)
    monkeypatch.undo()
    assert moved, "the walk never climbed out of a/b: the test proves nothing"
    assert (elsewhere / "precious.txt").read_text() == "the player's"
    assert sorted(p.name for p in elsewhere.iterdir()) == ["a", "precious.txt"]
    assert (job / jobdir.HELD).is_file()  # left to a later sweep, still locked as a job's
    jobdir.release(job)
    assert jobdir.sweep_stale() >= 1 and not job.exists()


def test_files_a_run_hides_in_folders_still_count(tmp_path: Path) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "f.bin").write_bytes(b"x" * 1_000_000)
    assert runtree.folder_bytes(tmp_path) >= 1_000_000
    deep = tmp_path / "deep"
    deep.mkdir()
    _deep(deep, runtree.MAX_DEPTH + 1)
    assert runtree.folder_bytes(deep) == 1 << 62  # counting stops, and the run is over budget


@pytest.mark.skipif(not hasattr(os, "fork"), reason="the zygote forks")
def test_closing_the_runner_leaves_no_standby_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    """After each run the zygote makes the next run's folder and names it; a runner closed
    before reading that name left the folder in the temp folder (about a thousand piled up
    on the test machine). When written: left 2 of 2 times (fork-bare)."""
    named: list[str] = []
    original = ZygoteExecutor.replace_next

    def recording(self: ZygoteExecutor, job_dir: object) -> None:
        if isinstance(job_dir, str):
            named.append(job_dir)
        original(self, job_dir)

    launches: list[Path] = []
    launch = ZygoteExecutor.launch

    def counting(self: ZygoteExecutor, job_dir: Path, *args: Any, **kwargs: Any) -> Any:
        launches.append(job_dir)
        return launch(self, job_dir, *args, **kwargs)

    monkeypatch.setattr(ZygoteExecutor, "replace_next", recording)
    monkeypatch.setattr(ZygoteExecutor, "launch", counting)
    monkeypatch.delenv("TORCHENSTEIN_SANDBOX", raising=False)
    cases = Path(__file__).resolve().parent / "runner_cases"
    runner = Runner()
    try:
        entry = runner.find("rt_add", [cases])
        result = runner.check(entry, "def add(a, b):\n    return a + b\n", "cpu", "try", None)
    finally:
        runner.close()
    assert result.verdict == "pass", result.message
    assert len(named) == len(launches) >= 2, (named, launches)  # one standby after each run
    assert [name for name in named if Path(name).exists()] == []


def test_an_unused_standby_folder_goes_only_once_the_zygote_dropped_it(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A check whose walls differ from the standby's (here: a folder kept private since) does
    not use the standby; its folder was removed before the zygote was even asked, while the
    standby might still be writing in it (its run log, its work folder), and a few such folders
    were left per CI run. The folder must go after the zygote said "started" (it drops and
    reaps the standby first), and go all the same."""
    from game.runner import executor

    events: list[tuple[str, str]] = []
    send, remove = executor.send, executor.remove_job_dir

    def sending(proc: Any, doc: dict[str, Any]) -> None:
        events.append(("request", str(doc.get("dir"))))
        send(proc, doc)

    def removing(job_dir: Path) -> None:
        events.append(("remove", str(job_dir)))
        remove(job_dir)

    monkeypatch.setattr(executor, "send", sending)
    monkeypatch.setattr(executor, "remove_job_dir", removing)
    monkeypatch.delenv("TORCHENSTEIN_SANDBOX", raising=False)
    cases = Path(__file__).resolve().parent / "runner_cases"
    runner = Runner()
    code = "def add(a, b):\n    return a + b\n"
    try:
        entry = runner.find("rt_add", [cases])
        assert runner.check(entry, code, "cpu", "try", None).verdict == "pass"
        assert runner.zygote is not None
        standby = runner.zygote.collect_next()
        assert standby is not None and standby.exists()
        runner.keep_private([tmp_path])
        events.clear()
        assert runner.check(entry, code, "cpu", "try", None).verdict == "pass"
    finally:
        runner.close()
    kinds = [kind for kind, where in events if where == str(standby)]
    assert kinds == ["remove"], events
    first_request = next(i for i, (kind, _) in enumerate(events) if kind == "request")
    assert events.index(("remove", str(standby))) > first_request, events
    assert not standby.exists()


def test_a_trusted_side_that_dies_mid_run_leaves_no_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    """The game (or `check`) dies while a run goes on: the zygote reads the end of its input,
    kills the run, and nobody removed the run's job folder (its inputs, log and results stayed
    in the temp folder: the runner service killed in `test_runner_client` left one per CI).
    Here the trusted side removes nothing, as a dead one would, and closes the zygote's input
    right after the run started; the zygote must remove the folder itself."""
    from game.runner import executor, jobrun

    launched: list[Path] | None = None
    launch = ZygoteExecutor.launch

    def dying(self: ZygoteExecutor, job_dir: Path, *args: Any, **kwargs: Any) -> Any:
        run = launch(self, job_dir, *args, **kwargs)
        if launched is not None and self.proc is not None and self.proc.stdin is not None:
            launched.append(job_dir)
            self.proc.stdin.close()
        return run

    remove = jobrun.remove_job_dir

    def removing(job_dir: Path) -> None:
        if launched is None:  # the runs before, of a trusted side still alive
            remove(job_dir)

    monkeypatch.setattr(ZygoteExecutor, "launch", dying)
    monkeypatch.setattr(jobrun, "remove_job_dir", removing)
    monkeypatch.setattr(executor, "remove_job_dir", removing)
    monkeypatch.delenv("TORCHENSTEIN_SANDBOX", raising=False)
    cases = Path(__file__).resolve().parent / "runner_cases"
    runner = Runner()
    try:
        entry = runner.find("rt_add", [cases])
        good = "def add(a, b):\n    return a + b\n"
        assert runner.check(entry, good, "cpu", "try", None).verdict == "pass"
        loop = "def add(a, b):\n    while True:\n        pass\n"
        launched = []  # from now on the trusted side dies once its run started
        result = runner.check(entry, loop, "cpu", "try", None)
    finally:
        runner.close()
    assert result.verdict == "error", (result.verdict, result.message)
    assert len(launched) == 1, launched
    assert not launched[0].exists(), sorted(p.name for p in launched[0].rglob("*"))


def test_a_trusted_side_that_dies_before_the_run_starts_leaves_no_folder() -> None:
    """The game dies right after asking for a run: the zygote's "started" meets a closed pipe.
    It died there with a BrokenPipeError and left the run's folder (CI saw the client test's
    killed service leave one). It must tear the run down and remove the folder all the same."""
    import json

    from game.runner.limits import SandboxLimits

    proc = workerio.spawn(["-m", "game.runner.zygote"])
    assert proc.stdin is not None and proc.stdout is not None
    try:
        assert json.loads(proc.stdout.readline()).get("ready")
        job = jobdir.make_job_dir()
        limits = SandboxLimits(
            wall_s=5, cpu_s=5, memory_bytes=1 << 30, file_bytes=1 << 20, processes=0
        )
        request = {"dir": str(job), "limits": limits.to_json(), "cases": 0}
        proc.stdout.close()  # nobody will read "started"
        proc.stdin.write((json.dumps(request) + "\n").encode())
        proc.stdin.close()
        proc.wait(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
    left = (
        [job.name, *sorted(str(p.relative_to(job)) for p in job.rglob("*"))] if job.exists() else []
    )
    jobdir.remove_job_dir(job)
    assert left == [], left


@pytest.mark.parametrize(
    "said",
    [
        "\nlibgomp: Thread creation failed: Resource temporarily unavailable\n",  # task limit
        "cannot allocate memory for thread-local data: ABORT\n",  # address space, no task limit
    ],
)
def test_a_run_refused_a_thread_is_told_so(said: str) -> None:
    """How a run that starts its own threads and then asks OpenMP for more ends, when the
    sandbox refuses one (each line seen from a real run): no result, so no pass, and the
    message says why instead of asking whether the code called os._exit."""
    ended = workerio.Exit(code=1, signal=None, reason=None)
    verdict, message = failures.run_failure(ended, None, len(said), 1 << 20, None, said) or ("", "")
    assert verdict == "error"
    assert "more threads than a run may start" in message, message


def test_a_thread_message_in_the_output_never_excuses_a_result() -> None:
    """The run prints the words itself and exits 0 after reporting: its result stands."""
    said = "libgomp: Thread creation failed"
    ended = workerio.Exit(code=0, signal=None, reason=None)
    assert failures.run_failure(ended, {"cases": []}, len(said), 1 << 20, None, said) is None


def _private_mounts() -> None:
    """In a forked child: a mount namespace of its own (and, not as root, a user namespace to
    hold it), its mounts private, as a run parent's are."""
    from game.runner import idmap, syscalls

    uid, gid = os.getuid(), os.getgid()
    if uid == 0:
        syscalls.unshare(syscalls.CLONE_NEWNS)
    else:
        syscalls.unshare(syscalls.CLONE_NEWUSER | syscalls.CLONE_NEWNS)
        idmap.map_own_ids(uid, gid)
    syscalls.mount(None, "/", None, syscalls.MS_REC | syscalls.MS_PRIVATE)


@pytest.mark.skipif(not Path("/proc/self/ns/mnt").exists(), reason="mount namespaces")
def test_a_standby_folder_removed_while_its_walls_go_up_is_not_recreated() -> None:
    """The trusted side removes a standby's folder it will not use while the standby may still
    be building the run's root in it. Removing `JOB/root`, a mountpoint only in the standby's
    namespace, detaches the standby's tmpfs; the build then went on by absolute path and
    recreated JOB, JOB/root/dev/null, JOB/root/work/... on the host's disk, where nothing
    removed them again (CI left a few per run). Once the root's tmpfs stands, the build
    works from inside it, so nothing reaches the host."""
    from game.runner import newroot

    job = jobdir.make_job_dir()
    plan = newroot.root_plan()
    mounted_r, mounted_w = os.pipe()
    removed_r, removed_w = os.pipe()
    pid = os.fork()
    if pid == 0:
        code = 1
        try:
            _private_mounts()
            newroot.mount_base(str(job / "root"))
            os.write(mounted_w, b"m")
            os.read(removed_r, 1)
            with contextlib.suppress(OSError):  # the detached root may refuse its mounts
                newroot.fill_root(plan, str(job / "in"), [], os.getuid(), None)
            code = 0
        finally:
            os._exit(code)
    try:
        assert os.read(mounted_r, 1) == b"m"
        jobdir.remove_job_dir(job)
        assert not job.exists()
    finally:
        os.write(removed_w, b"r")
        status = os.waitpid(pid, 0)[1]
    assert os.waitstatus_to_exitcode(status) == 0
    recreated = sorted(str(p.relative_to(job)) for p in job.rglob("*")) if job.exists() else []
    jobdir.remove_job_dir(job)
    assert not recreated, recreated[:8]
