"""Job folders whose every holder was killed (`game/runner/jobdir.py`): a game killed with
SIGKILL mid-run, or its zygote taken by the OOM killer, removes nothing, and the run's inputs,
log and results stayed in the temp folder for good. Each process that may remove a folder holds
a shared lock on its JOB/held file; a runner that starts removes the folders nobody holds. It
must never take a folder someone still holds, another user's, or anything through a link.

Each test works in a temp folder of its own (other tests' runners sweep /tmp meanwhile).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from game.runner import jobdir

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX file locks")

CASES = Path(__file__).resolve().parent / "runner_cases"
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def temp(monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A temp folder for this test alone, which a run's uid (65534 under root) may traverse."""
    folder = Path(tempfile.mkdtemp(prefix="tsweep-", dir="/tmp"))
    folder.chmod(0o755)
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    monkeypatch.setenv("TMPDIR", str(folder))
    try:
        yield folder
    finally:
        jobdir.remove_job_dir(folder)  # link-safe, whatever a test's runs left there


def _python(code: str, **kwargs: object) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-P", "-c", textwrap.dedent(code)],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        start_new_session=True,
        **kwargs,  # type: ignore[arg-type]
    )


def _sweep_elsewhere() -> int:
    """A sweep by another process, as a runner starting elsewhere would do it."""
    done = subprocess.run(
        [sys.executable, "-P", "-c", "from game.runner import jobdir; print(jobdir.sweep_stale())"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return int(done.stdout)


def _made_by_a_killed_process() -> Path:
    maker = _python("""
        import os, signal
        from game.runner import jobdir
        print(jobdir.make_job_dir(), flush=True)
        os.kill(os.getpid(), signal.SIGKILL)
    """)
    assert maker.stdout is not None
    folder = Path(maker.stdout.readline().strip())
    maker.wait(timeout=60)
    return folder


def test_a_folder_whose_maker_was_killed_is_swept(temp: Path) -> None:
    folder = _made_by_a_killed_process()
    (folder / "out" / "results.json").write_text("{}")
    assert folder.parent == temp and (folder / "held").is_file()
    assert _sweep_elsewhere() == 1
    assert list(temp.iterdir()) == []


def test_a_folder_whose_maker_was_killed_while_making_it_is_swept_once_old(temp: Path) -> None:
    """A maker killed between making the folder and naming its lock (CI's tchk phase left one,
    with `held.new` alone in it: a zygote killed as it made its standby's folder) leaves a
    folder with no lock to find. Past a minute, one that holds at most that unnamed lock, not
    locked, is swept; a young one, one with anything else in it, or one whose lock a live
    process holds, is not."""
    maker = _python(f"""
        import fcntl, os, sys, tempfile
        folder = tempfile.mkdtemp(prefix="torchenstein-run-", dir={str(temp)!r})
        lock = os.open(os.path.join(folder, "held.new"), os.O_RDONLY | os.O_CREAT, 0o600)
        fcntl.flock(lock, fcntl.LOCK_SH)
        print(folder, flush=True)
        sys.stdin.readline()
    """)
    assert maker.stdin is not None and maker.stdout is not None
    making = Path(maker.stdout.readline().strip())
    killed = _made_by_a_killed_process()
    for name in ("in", "out", "root"):
        (killed / name).rmdir()
    (killed / jobdir.HELD).rename(killed / jobdir.MAKING)
    empty = temp / "torchenstein-run-empty"
    empty.mkdir()
    other = temp / "torchenstein-run-other"
    other.mkdir()
    (other / jobdir.MAKING).write_text("")
    (other / "precious").write_text("keep me")
    young = temp / "torchenstein-run-young"
    young.mkdir()
    (young / jobdir.MAKING).write_text("")
    old = time.time() - 2 * jobdir.UNFINISHED_S
    for folder in (making, killed, empty, other):
        os.utime(folder, (old, old))
    try:
        assert _sweep_elsewhere() == 2
        assert sorted(p.name for p in temp.iterdir()) == sorted(
            [making.name, other.name, young.name]
        )
    finally:
        os.killpg(maker.pid, signal.SIGKILL)
        maker.wait(timeout=60)


def test_a_folder_held_by_a_live_process_stays(temp: Path) -> None:
    mine = jobdir.make_job_dir()
    assert _sweep_elsewhere() == 0
    assert mine.is_dir()
    jobdir.remove_job_dir(mine)
    assert not mine.exists()


def test_a_handed_over_folder_stays_while_its_new_holder_lives(temp: Path) -> None:
    """The zygote makes a standby's folder and tells the trusted side, which removes it later:
    once the trusted side holds it, the zygote's death must not make it sweepable."""
    maker = _python("""
        import sys
        from game.runner import jobdir
        print(jobdir.make_job_dir(), flush=True)
        sys.stdin.readline()
    """)
    assert maker.stdin is not None and maker.stdout is not None
    folder = Path(maker.stdout.readline().strip())
    jobdir.hold(folder)
    os.killpg(maker.pid, signal.SIGKILL)
    maker.wait(timeout=60)
    assert _sweep_elsewhere() == 0 and folder.is_dir()
    jobdir.release(folder)  # this side dies too, in effect
    assert _sweep_elsewhere() == 1 and not folder.exists()


def test_a_sweep_takes_nothing_but_free_folders_of_its_own(temp: Path) -> None:
    """Planted by whoever may write the temp folder: a link named like a job folder (to a
    folder with a free lock), a folder with no lock file, one whose lock is a FIFO (opening it
    must not hang), one whose lock is a link, and (as root) a free folder of another user's."""
    victim = temp / "victim"
    victim.mkdir()
    (victim / "held").write_text("")
    (victim / "precious").write_text("keep me")
    (temp / "torchenstein-run-link").symlink_to(victim)
    (temp / "torchenstein-run-nolock").mkdir()
    fifo = temp / "torchenstein-run-fifo"
    fifo.mkdir()
    os.mkfifo(fifo / "held")
    linked = temp / "torchenstein-run-linkedlock"
    linked.mkdir()
    (linked / "held").symlink_to(victim / "held")
    planted = sorted(p.name for p in temp.iterdir())
    if os.geteuid() == 0:
        theirs = _made_by_a_killed_process()
        for path in (theirs, *theirs.rglob("*")):
            os.lchown(path, 65534, 65534)
        planted.append(theirs.name)
    assert _sweep_elsewhere() == 0
    assert sorted(p.name for p in temp.iterdir()) == sorted(planted)
    assert (victim / "precious").read_text() == "keep me"


VICTIM = """
    import sys
    from pathlib import Path
    from game.runner.engine import Runner
    runner = Runner()
    entry = runner.find("rt_add", [Path(sys.argv[1])])
    print("go", flush=True)
    runner.check(entry, "def add(a, b):\\n    while True:\\n        pass\\n", "cpu", "try", None)
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux's sandboxes")
@pytest.mark.parametrize("sandbox", ["spare", "fork"])
def test_a_game_killed_mid_run_leaves_a_folder_the_next_runner_sweeps(
    temp: Path, monkeypatch: pytest.MonkeyPatch, sandbox: str
) -> None:
    """The game and its sandbox processes die by SIGKILL while a run goes on (the spare
    worker dies by its parent-death signal; the zygote is killed with the game, as the OOM
    killer or a logout would): the run's folder stays, held by nobody, until a runner starts."""
    if sandbox == "spare":
        monkeypatch.setenv("TORCHENSTEIN_SANDBOX", "spare")
    else:
        monkeypatch.delenv("TORCHENSTEIN_SANDBOX", raising=False)
    game = subprocess.Popen(
        [sys.executable, "-P", "-c", textwrap.dedent(VICTIM), str(CASES)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert game.stdout is not None and game.stdout.readline().strip() == "go"
        deadline = time.monotonic() + 60
        while not list(temp.glob("torchenstein-run-*/out/out.log")):
            assert time.monotonic() < deadline, "the run never started"
            time.sleep(0.05)
        assert _sweep_elsewhere() == 0  # a live game's folders are never taken
        sandboxes = subprocess.run(
            ["pgrep", "-P", str(game.pid)], capture_output=True, text=True, check=False
        ).stdout.split()
        for pid in [game.pid, *map(int, sandboxes)]:
            os.kill(pid, signal.SIGKILL)
    finally:
        if game.poll() is None:
            game.kill()
        game.wait(timeout=60)
    left = list(temp.glob("torchenstein-run-*"))
    assert left, "nothing was left to sweep: the test proves nothing"
    deadline = time.monotonic() + 30  # the sandbox's processes may take a moment to die
    while _sweep_elsewhere() == 0 and list(temp.glob("torchenstein-run-*")):
        assert time.monotonic() < deadline, [p.name for p in left]
    assert list(temp.glob("torchenstein-run-*")) == []


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the fork zygote")
def test_a_killed_zygotes_standby_folder_stays_the_live_games(
    temp: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The zygote makes the standby's folder and says so; from then on the trusted side holds
    it too. The zygote alone dying (the OOM killer's pick: it is the biggest process) must not
    hand a live game's standby folder to another runner's sweep."""
    from game.runner.engine import Runner

    monkeypatch.delenv("TORCHENSTEIN_SANDBOX", raising=False)
    runner = Runner()
    try:
        assert runner.zygote is not None
        entry = runner.find("rt_add", [CASES])
        assert (
            runner.check(entry, "def add(a, b):\n    return a + b\n", "cpu", "try", None).verdict
            == "pass"
        )
        standby = runner.zygote.collect_next()
        zygote = runner.zygote.pid
        assert standby is not None and standby.parent == temp and zygote is not None
        os.kill(zygote, signal.SIGKILL)
        assert runner.zygote.proc is not None
        runner.zygote.proc.wait(timeout=60)
        assert _sweep_elsewhere() == 0 and standby.is_dir()
    finally:
        runner.close()
    assert list(temp.glob("torchenstein-*")) == []


@pytest.mark.skipif(
    not sys.platform.startswith("linux") or os.geteuid() != 0,
    reason="the zygote is not dumpable: only root may list its open files",
)
def test_the_zygote_lets_go_of_each_runs_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    """Once a run is over its folder is the trusted side's alone: the zygote, which runs for
    the whole session, closes its lock on it (one open file per run would run it out of files)."""
    from game.runner.engine import Runner

    monkeypatch.delenv("TORCHENSTEIN_SANDBOX", raising=False)
    runner = Runner()
    try:
        assert runner.zygote is not None
        entry = runner.find("rt_add", [CASES])
        good = "def add(a, b):\n    return a + b\n"
        counts = []
        for _ in range(6):
            assert runner.check(entry, good, "cpu", "try", None).verdict == "pass"
            runner.zygote.collect_next()
            fds = Path(f"/proc/{runner.zygote.pid}/fd")
            locks = [fd for fd in fds.iterdir() if f"/{jobdir.HELD}" in _target(fd)]
            counts.append(len(locks))
    finally:
        runner.close()
    assert counts == [1] * 6, counts  # the standby's folder only


def _target(fd: Path) -> str:
    try:
        return os.readlink(fd)
    except OSError:  # closed meanwhile
        return ""
