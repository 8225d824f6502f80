"""Red-team attacks on the spare worker (the CUDA path, forced on a CPU machine with
`TORCHENSTEIN_SANDBOX=spare`), on a GPU run's file walls, and on the fallback without namespaces
(`TORCHENSTEIN_SANDBOX_NAMESPACES=0`, zygote and spare), issue #12, third round.

When written, the spare worker entered its own user, PID, network, IPC and UTS namespaces but
had no mount namespace or private root: its files were walled by Landlock alone. Each test is
one attack and asserts the safe outcome; its docstring says what the attack does and what it got
when written (as root and as an unprivileged user). Every hole found was closed in the same
round: the spare worker now pivots into a private root per job, a run allowed no processes gets
no socket, job folders left /dev/shm, IPC creation is refused, sandboxes get a short
environment and start with `python -P`, a bare worker is a subreaper and becomes the run's uid,
and a spare run's children and written files count against its memory.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import textwrap
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from game.runner import jobdir as jobdir_module
from game.runner import jobrun as jobrun_module
from game.runner import landlock
from game.runner import preview as preview_mod
from game.runner.engine import Runner
from game.runner.idmap import RUN_UIDS
from game.runner.jobdir import make_job_dir
from game.runner.newroot import open_to_others, root_plan
from game.runner.protocol import RunResult, ValuePreview
from game.runner.spare import SpareExecutor
from tests.sandbox_procs import (
    FORK_PROBE,
    check_once,
    errno_of,
    forked_report,
    probe_report,
    put_up_gpu_walls,
    run_uid,
    sleepers,
)

pytestmark = [
    pytest.mark.skipif(
        not sys.platform.startswith("linux"), reason="the kernel's walls are Linux's"
    ),
    pytest.mark.skipif(landlock.abi() < 6, reason="the spare worker's walls need Landlock 6+"),
]

CASES = Path(__file__).resolve().parent / "runner_cases"
REFERENCE = CASES / "puzzles" / "rt_add" / "reference.py"
SHIPPED = Path(__file__).resolve().parent.parent / "puzzles"
GAME = Path(str(__import__("game").__file__)).resolve().parent
# As root with the Python install private to root, a worker without namespaces keeps uid 0
# and says so (a walled one becomes the run's uid once its private root stands)
PRIVATE_TO_ROOT = "uid-0 (the Python install is private to root)"
IMPORTS = "[torch, math, os, sys, time, ctypes, socket, signal, subprocess, builtins, json]"

# (TORCHENSTEIN_SANDBOX, TORCHENSTEIN_SANDBOX_NAMESPACES): the sandbox a check gets
SPARE = ("spare", "1")  # the CUDA path: own namespaces, a private root per job
SPARE_BARE = ("spare", "0")  # the CUDA path where the kernel refuses namespaces
FORK_BARE = ("fork", "0")  # the zygote where the kernel refuses namespaces
FORK = ("fork", "1")  # the jail: private root
GPU = ("gpu", "1")  # a GPU run's spare worker and walls, on the meta device (see `check`)
PASSED = ("pass", "fail")  # a meta-device run fails its cases even when it ran to the end


@pytest.fixture
def open_tmp() -> Iterator[Path]:
    """A scratch folder in /tmp every uid may enter and write (as root each run has its own):
    only the sandbox's own walls stand between a run and what a test puts there."""
    folder = Path(tempfile.mkdtemp(prefix="torchenstein-redteam2-", dir="/tmp"))
    folder.chmod(0o777)
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def content(tmp_path: Path) -> Path:
    """rt_add (no worker processes) and rt_procs (two allowed, as DataLoader puzzles do), both
    with generous imports so an attack reaches the kernel's walls rather than the static rules."""
    root = tmp_path / "content"
    for name in ("rt_add", "rt_procs"):
        shutil.copytree(CASES / "puzzles" / name, root / "puzzles" / name)
    spec = root / "puzzles" / "rt_procs" / "puzzle.yaml"
    spec.write_text(spec.read_text().replace("[torch, os, time, subprocess, signal]", IMPORTS))
    spec = root / "puzzles" / "rt_add" / "puzzle.yaml"
    spec.write_text(spec.read_text().replace("tempfile, mmap]", "tempfile, mmap, socket, json]"))
    return root


def check(
    monkeypatch: pytest.MonkeyPatch,
    mode: tuple[str, str],
    root: Path,
    puzzle: str,
    code: str,
    private: list[Path] | None = None,
    fresh: bool = False,
) -> RunResult:
    """One `try` check with the sandbox `mode`; the GPU mode runs on the `meta` device, which
    takes the CUDA path's spare worker and walls (`gpu = device != "cpu"`) without a GPU (its
    cases fail, but the attack runs first). The runner is the module's one for `mode`, as a
    player's game keeps one: each check takes the worker the last one warmed, which is the
    real case (and saves a start of torch per test). `fresh`: a runner of its own, for an
    attack on how workers are started (their environment, their working folder), or with
    folders kept private."""
    executor, namespaces = mode
    device = "meta" if executor == "gpu" else "cpu"
    if executor == "spare":
        monkeypatch.setenv("TORCHENSTEIN_SANDBOX", "spare")
    else:
        monkeypatch.delenv("TORCHENSTEIN_SANDBOX", raising=False)
    monkeypatch.setenv("TORCHENSTEIN_SANDBOX_NAMESPACES", namespaces)
    fresh = fresh or bool(private)  # a shared runner would keep hiding them
    runner = Runner() if fresh else _SHARED.get(mode) or _SHARED.setdefault(mode, Runner())
    try:
        runner.keep_private(private or [])
        entry = runner.find(puzzle, [root])
        return runner.check(entry, textwrap.dedent(code), device, "try", None, roots=[root])
    finally:
        if fresh:
            runner.close()


_SHARED: dict[tuple[str, str], Runner] = {}


@pytest.fixture(autouse=True, scope="module")
def _close_shared_runners() -> Iterator[None]:
    yield
    for runner in _SHARED.values():
        runner.close()
    _SHARED.clear()


# Opens with ctypes (past the audit hook): the fd, or minus the errno.
_OPEN = """
import ctypes, json, os, socket
libc = ctypes.CDLL(None, use_errno=True)
def attempt(path, flags=0):
    fd = libc.open(path.encode(), flags, 0o644)
    if fd < 0:
        return -ctypes.get_errno()
    os.close(fd)
    return fd
CREATE = 0o1101  # O_WRONLY | O_CREAT | O_TRUNC
"""


@pytest.mark.parametrize(
    "mode",
    [
        SPARE,
        GPU,
        SPARE_BARE,
        FORK_BARE,
        FORK,
    ],
    ids=["spare", "gpu", "spare-bare", "fork-bare", "fork"],
)
def test_a_run_cannot_talk_to_a_unix_socket_on_the_host(
    monkeypatch: pytest.MonkeyPatch, content: Path, open_tmp: Path, mode: tuple[str, str]
) -> None:
    """A network namespace isolates abstract UNIX sockets, and Landlock's scope stops them too,
    but a *pathname* socket is a file: connect() only needs write permission on it, which
    Landlock (ABI 7) does not govern, and only a mount namespace hides it. The host is full of
    them (`/run/user/UID/bus`: systemd --user runs any command for whoever connects;
    `/var/run/docker.sock`; `/tmp/.X11-unix/X0`; `/run/dbus/system_bus_socket`). Modelled by a
    listener in /tmp. When written, the spare worker (root and tchk) and both fallbacks
    connected and sent bytes; the jail (no /tmp in its root) held."""
    path = open_tmp / "host.sock"
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(path))
    path.chmod(0o777)
    server.listen(4)
    server.settimeout(30)
    heard: list[bytes] = []

    def serve() -> None:
        try:
            peer, _ = server.accept()
            heard.append(peer.recv(64))
            peer.close()
        except OSError:
            pass

    listener = threading.Thread(target=serve, daemon=True)
    listener.start()
    code = f"""
    import socket
    def add(a, b):
        try:
            s = socket.socket(socket.AF_UNIX)
            s.connect({str(path)!r})
            s.sendall(b"out of the sandbox")
            print("connected")
        except OSError as exc:
            print("refused:", exc)
        return a + b
    """
    try:
        result = check(monkeypatch, mode, content, "rt_add", code)
    finally:
        with contextlib.suppress(OSError):
            server.shutdown(socket.SHUT_RDWR)  # wakes the accept(); close() alone would not
        server.close()
        listener.join(5)
    assert result.verdict in PASSED, result.message
    assert heard == [], f"a run reached a UNIX socket on the host: {heard} {result.stdout}"


@pytest.mark.parametrize(
    "mode",
    [
        SPARE,
        GPU,
    ],
    ids=["spare", "gpu"],
)
def test_nothing_a_namespaced_spare_run_writes_in_dev_shm_outlives_it(
    monkeypatch: pytest.MonkeyPatch, content: Path, mode: tuple[str, str]
) -> None:
    """A puzzle that allows worker processes (rt_procs, like the shipped worker_seeding) gets
    write access to /dev/shm, where torch shares tensors; the spare worker has no private
    /dev/shm, so what it writes there is the host's and stays after the check (README's GPU
    runs "write only its own job folder"). When written, the planted file stayed (root, tchk)."""
    planted = Path("/dev/shm") / f"torchenstein-redteam2-{os.getpid()}"
    code = _OPEN + textwrap.dedent(f"""
    def total(x):
        print("created:", attempt({str(planted)!r}, CREATE))
        return x.sum()
    """)
    try:
        result = check(monkeypatch, mode, content, "rt_procs", code)
        left = planted.exists()
    finally:
        planted.unlink(missing_ok=True)
    assert result.verdict in PASSED, result.message
    assert not left, "a spare run left a file in the host's /dev/shm"


@pytest.mark.parametrize(
    ("mode", "puzzle"),
    [
        (SPARE, "rt_procs"),
        (GPU, "rt_procs"),
        (SPARE_BARE, "rt_procs"),
        (FORK_BARE, "rt_procs"),
        (SPARE, "rt_add"),
        (FORK, "rt_procs"),
    ],
    ids=[
        "spare-workers",
        "gpu-workers",
        "spare-bare-workers",
        "fork-bare-workers",
        "spare",
        "fork-workers",
    ],
)
def test_a_run_cannot_read_or_forge_another_checks_job_folder(
    monkeypatch: pytest.MonkeyPatch, content: Path, mode: tuple[str, str], puzzle: str
) -> None:
    """Every job folder lives in /dev/shm (`jobdir.make_job_dir`), and as root every one's
    JOB/out belonged to the same run uid (65534; now each run has its own); as a user,
    everything is the user's. A run
    allowed worker processes may write (hence read) all of /dev/shm: another check running at
    the same time (a teacher grading several submissions, the game's service beside a CLI
    check, the zygote's standby) has its job.json, which holds the code it runs (the reference's
    code when it scores the reference), read, and its results forged in its JOB/out before its
    own run writes them. When written: read and forged by the spare worker and both fallbacks
    (root and tchk; as tchk JOB/in/job.json could be rewritten too); the jail held."""
    other = make_job_dir()
    try:
        secret = f"reference-code-{os.getpid()}"
        (other / "in" / "job.json").write_text(json.dumps({"code": secret}))
        (other / "in" / "job.json").chmod(0o644)  # as the runner leaves it for its run's uid
        entry = "total" if puzzle == "rt_procs" else "add"
        code = _OPEN + textwrap.dedent(f"""
        def {entry}(*args):
            leaked = libc.open({str(other / "in" / "job.json")!r}.encode(), 0)
            seen = os.read(leaked, 4096).decode() if leaked >= 0 else ""
            forged = attempt({str(other / "out" / "case_0.json")!r}, CREATE)
            print("PROBE", json.dumps({{"read": {secret!r} in seen, "forged": forged}}))
            return sum(a.sum() for a in args)
        """)
        result = check(monkeypatch, mode, content, puzzle, code)
        forged = sorted(os.listdir(other / "out"))
    finally:
        shutil.rmtree(other, ignore_errors=True)
    report = probe_report(result)
    assert report["read"] is False, report
    assert forged == [], f"a run wrote into another check's results: {forged}"


@pytest.mark.parametrize(
    ("mode", "marker"), [(SPARE_BARE, "7343"), (FORK_BARE, "7344")], ids=["spare", "zygote"]
)
def test_without_namespaces_no_process_outlives_the_run(
    monkeypatch: pytest.MonkeyPatch, content: Path, mode: tuple[str, str], marker: str
) -> None:
    """The bare spare worker (no namespaces: the kernel refused them, or the CUDA driver would
    not start inside them) was its session's leader, and at the end the runner killed its
    process group. A child that calls setsid() leaves that group and is re-parented to the
    host's init: nothing killed it. When written, `sleep 7343` outlived the check and the
    runner (root); the bare zygote (a subreaper that kills what it inherits) held."""
    code = f"""
    import os, subprocess, time
    def total(x):
        if os.fork() == 0:
            os.setsid()
            subprocess.Popen(["sleep", "{marker}"])
            os._exit(0)
        time.sleep(0.3)
        return x.sum()
    """
    try:
        result = check(monkeypatch, mode, content, "rt_procs", code)
    finally:
        left = sleepers(marker)
        for pid in left:  # this test's own leftovers, so the next test starts clean
            os.kill(pid, signal.SIGKILL)
    assert result.verdict == "pass", result.message
    assert left == [], f"processes outlived the check: {left}"


# Children forked before the parent grows, each then allocating about as much as the parent
# holds: 3 x 450 MB (plus the interpreter) against a 768 MB limit.
_THREE_HOARDS = """
import os, time, torch
def total(x):
    kids = []
    for _ in range(2):
        pid = os.fork()
        if pid == 0:
            time.sleep(0.3)
            hoard = torch.ones(450 * 1024 * 1024 // 4)
            time.sleep(1.0)
            os._exit(0)
        kids.append(pid)
    hoard = torch.ones(450 * 1024 * 1024 // 4)
    for pid in kids:
        os.waitpid(pid, 0)
    return x.sum()
"""


@pytest.mark.parametrize(
    "mode",
    [SPARE, FORK],
    ids=["spare", "fork"],
)
def test_memory_held_by_a_spare_runs_children_counts(
    monkeypatch: pytest.MonkeyPatch, content: Path, mode: tuple[str, str]
) -> None:
    """`SpareRun.memory` charges each child only what it holds beyond the worker's *current*
    resident memory (re-read at every poll): a worker that grows to N lets each child hold N
    more, uncounted. The zygote charges children beyond the zygote's own size, which the run
    cannot change. When written: 1.35 GB of tensors (plus three interpreters) passed a 768 MB
    limit on the spare path (root); the zygote said `memory`. The run has 15 s: on a busy CI
    box its three 450 MB hoards once outlasted rt_procs' 4 s (a timeout, not the count tried)."""
    spec = content / "puzzles" / "rt_procs" / "puzzle.yaml"
    text = spec.read_text().replace("processes: 2", "processes: 2\n  memory_mb: 768")
    spec.write_text(text.replace("time_s: 4\n", "time_s: 15\n"))
    result = check(monkeypatch, mode, content, "rt_procs", _THREE_HOARDS)
    assert result.verdict == "memory", (result.verdict, result.message)


def test_files_a_spare_run_writes_count_against_its_memory(
    monkeypatch: pytest.MonkeyPatch, content: Path
) -> None:
    """A spare run writes straight into JOB/out, which lies in the host's /dev/shm: RAM that
    `SpareRun.memory` never counts, each file capped only by RLIMIT_FSIZE (~68 MB), their
    number not at all, even for a puzzle with no worker processes. The jail's scratch is a
    160 MB tmpfs that is counted. When written: 840 MB of files passed rt_add's 512 MB limit
    (root); the jail ended the run with an error."""
    code = """
    import os, time
    def add(a, b):
        block = b"x" * (1 << 20)
        for i in range(14):
            with open(os.path.join(os.environ["TMPDIR"], f"fill{i}"), "wb") as f:
                for _ in range(60):
                    f.write(block)
        time.sleep(0.3)
        return a + b
    """
    spec = content / "puzzles" / "rt_add" / "puzzle.yaml"
    spec.write_text(spec.read_text().replace("time_s: 1", "time_s: 8"))  # time to write it all
    result = check(monkeypatch, SPARE, content, "rt_add", code)
    assert result.verdict != "pass", (result.verdict, result.message)


def _gpu_walled_child(tmp_path: Path, victim: int) -> dict[str, int]:
    """Fork a child that stands in the reference's puzzle folder and holds descriptors to it and
    to the reference, then puts up a GPU run's file walls (`/proc/self`, `/sys/devices`,
    `/sys/bus/pci` readable) and tries every way back in. Returns {attempt: 0 or errno}."""

    def probe(found: dict[str, int]) -> None:
        os.chdir(REFERENCE.parent)
        folder = os.open(REFERENCE.parent, os.O_RDONLY | os.O_DIRECTORY)
        held = os.open(REFERENCE, os.O_RDONLY)
        put_up_gpu_walls(tmp_path, (str(CASES / "puzzles"), str(SHIPPED)))
        me, parent = os.getpid(), os.getppid()
        uevent = next(iter(sorted(Path("/sys/devices").glob("*/uevent"))), None)
        attempts: dict[str, tuple[str, int, int | None]] = {
            "relative to the cwd": ("reference.py", os.O_RDONLY, None),
            "/proc/self/cwd": ("/proc/self/cwd/reference.py", os.O_RDONLY, None),
            "/proc/self/root": (f"/proc/self/root{REFERENCE}", os.O_RDONLY, None),
            "an old folder fd": ("reference.py", os.O_RDONLY, folder),
            "/proc/self/fd/DIR": (f"/proc/self/fd/{folder}/reference.py", os.O_RDONLY, None),
            "reopen /proc/self/fd/FILE": (f"/proc/self/fd/{held}", os.O_RDONLY, None),
            "/proc/self/../VICTIM": (f"/proc/self/../{victim}/environ", os.O_RDONLY, None),
            "/proc/VICTIM/cmdline": (f"/proc/{victim}/cmdline", os.O_RDONLY, None),
            "/proc/PARENT/mem": (f"/proc/{parent}/mem", os.O_RDONLY, None),
            "/proc/self/task/../../PARENT": (
                f"/proc/{me}/task/{me}/../../../{parent}/environ", os.O_RDONLY, None
            ),
            "write /proc/self/oom_score_adj": ("/proc/self/oom_score_adj", os.O_WRONLY, None),
            "write /sys/bus/pci/rescan": ("/sys/bus/pci/rescan", os.O_WRONLY, None),
        }  # fmt: skip
        if uevent is not None:
            attempts["write a /sys/devices uevent"] = (str(uevent), os.O_WRONLY, None)
        for name, (path, flags, dir_fd) in attempts.items():
            found[name] = errno_of(
                lambda p=path, f=flags, d=dir_fd: os.close(os.open(p, f, dir_fd=d))
            )

    return forked_report(probe)


def test_a_gpu_runs_proc_and_sys_give_no_way_back_to_the_reference_or_other_processes(
    tmp_path: Path,
) -> None:
    """A GPU run may read `/proc/self` (the driver reads its own maps), `/sys/devices` and
    `/sys/bus/pci`. Tried: the magic links there (`/proc/self/cwd` and `/proc/self/root` while
    the worker stands in a puzzle folder, `/proc/self/fd/N` of a folder and a file opened before
    the walls, `..` out of `/proc/self` into another process), reading a relative path from a
    puzzle folder as cwd or through an old folder descriptor, and writing the driver's files.
    Landlock judges the file a path ends at, not the way there, and allows only reading: every
    attempt was refused when written (root, and tchk). An already open descriptor still reads
    (Landlock never takes one back); `sandbox.enter` closes every inherited one first."""
    victim = subprocess.Popen(["sleep", "30"])
    try:
        found = _gpu_walled_child(tmp_path, victim.pid)
    finally:
        victim.kill()
        victim.wait()
    assert len(found) >= 12, found
    allowed = {name: err for name, err in found.items() if err not in (errno.EACCES, errno.EPERM)}
    assert allowed == {}, f"reached through a GPU run's walls: {allowed}"


_PROBE = """
import ctypes, json, os, socket
libc = ctypes.CDLL(None, use_errno=True)
def attempt(path, flags=0):
    fd = libc.open(path.encode(), flags, 0o644)
    if fd < 0:
        return -ctypes.get_errno()
    os.close(fd)
    return fd
CREATE = 0o1101
def connects(family, address):
    try:
        s = socket.socket(family)
        s.settimeout(1)
        s.connect(address)
        return True
    except OSError:
        return False
def signals(pid):
    try:
        os.kill(pid, 0)
        return True
    except OSError:
        return False
def total(x):
    folders = []
    for fd in range(3, 256):
        try:
            if os.fstat(fd).st_mode & 0o170000 == 0o040000:
                folders.append(fd)
        except OSError:
            pass
    found = {
        "read the test reference": attempt(REFERENCE) >= 0,
        "read a shipped reference": attempt(SHIPPED) >= 0,
        "read the player's save": attempt(HOME + "/save.json") >= 0,
        "write the player's folder": attempt(HOME + "/mods/evil.py", CREATE) >= 0,
        "read a private folder": attempt(PRIVATE + "/notes.txt") >= 0,
        "write the game package": attempt(GAME + "/redteam2_evil.py", CREATE) >= 0,
        "write site-packages": attempt(SITE + "/redteam2_evil.pth", CREATE) >= 0,
        "plant in /tmp": attempt(TMP + "/planted", CREATE) >= 0,
        "plant in ~/.cache": attempt(USER + "/.cache/planted", CREATE) >= 0,
        "plant in ~/.nv": attempt(USER + "/.nv/ComputeCache/planted", CREATE) >= 0,
        "signal the runner": signals(RUNNER),
        "signal a same-user process": signals(VICTIM),
        "abstract UNIX socket": connects(socket.AF_UNIX, ABSTRACT),
        "TCP on loopback": connects(socket.AF_INET, ("127.0.0.1", PORT)),
        "directory descriptors held": bool(folders),
    }
    print("PROBE", json.dumps(found))
    return x.sum()
"""


@pytest.mark.parametrize(
    "mode", [SPARE, SPARE_BARE, FORK_BARE], ids=["spare", "spare-bare", "fork-bare"]
)
def test_the_spare_worker_and_the_fallbacks_hold_their_file_process_and_network_walls(
    monkeypatch: pytest.MonkeyPatch, content: Path, open_tmp: Path, mode: tuple[str, str]
) -> None:
    """One run (a puzzle that allows worker processes, the weaker walls) tries the classic
    escapes from the brief on the spare path and both fallbacks, with every target open to any
    uid by its modes so only the sandbox stands in the way: read a test and a shipped reference,
    read and write the player's folder (`TORCHENSTEIN_HOME`) and read a folder handed to
    `Runner.keep_private`, write the `game` package and site-packages, plant files in /tmp,
    ~/.cache and ~/.nv, signal the runner and another process of the test's user, connect to an
    abstract UNIX socket and to TCP on loopback, and look for directory descriptors left open.
    Every attempt was refused when written (root and tchk)."""
    home, private, user = open_tmp / "home", open_tmp / "private", open_tmp / "user"
    for folder in (home / "mods", private, user / ".cache", user / ".nv" / "ComputeCache"):
        folder.mkdir(parents=True)
    for folder in (home, home / "mods", private, user, user / ".cache", user / ".nv"):
        folder.chmod(0o777)
    (user / ".nv" / "ComputeCache").chmod(0o777)
    (home / "save.json").write_text("{}")
    (private / "notes.txt").write_text("the player's own notes")
    for secret in (home / "save.json", private / "notes.txt"):
        secret.chmod(0o644)
    monkeypatch.setenv("TORCHENSTEIN_HOME", str(home))
    monkeypatch.setenv("HOME", str(user))
    abstract = socket.socket(socket.AF_UNIX)
    abstract.bind(f"\0torchenstein-redteam2-{os.getpid()}")
    abstract.listen(1)
    loopback = socket.socket()
    loopback.bind(("127.0.0.1", 0))
    loopback.listen(1)
    victim = subprocess.Popen(["sleep", "60"])
    shipped = next(iter(sorted(SHIPPED.glob("*/reference.py"))))
    site = next(p for p in sys.path if p.endswith("site-packages"))
    facts = {
        "REFERENCE": str(REFERENCE), "SHIPPED": str(shipped), "HOME": str(home),
        "PRIVATE": str(private), "GAME": str(GAME), "SITE": site, "TMP": str(open_tmp),
        "USER": str(user), "RUNNER": os.getpid(), "VICTIM": victim.pid,
        "ABSTRACT": f"\0torchenstein-redteam2-{os.getpid()}",
        "PORT": loopback.getsockname()[1],
    }  # fmt: skip
    code = "".join(f"{name} = {value!r}\n" for name, value in facts.items()) + _PROBE
    try:
        result = check(monkeypatch, mode, content, "rt_procs", code, private=[private])
    finally:
        victim.kill()
        victim.wait()
        abstract.close()
        loopback.close()
        planted = [p for p in (GAME / "redteam2_evil.py", Path(site) / "redteam2_evil.pth")]
        left = [str(p) for p in planted if p.exists()]
        for path in planted:
            path.unlink(missing_ok=True)
    report = probe_report(result)
    assert [name for name, got in report.items() if got] == [], report
    assert left == [], left
    assert sorted(os.listdir(open_tmp)) == ["home", "private", "user"]
    assert not (home / "mods" / "evil.py").exists()


def test_a_gpu_run_reaches_nothing_through_proc_self(
    monkeypatch: pytest.MonkeyPatch, content: Path
) -> None:
    """The real GPU path (a spare worker with GPU walls, on the meta device) started from inside
    a puzzle folder, as a runner started in a content root would be: the run reads its host pid
    from `/proc/self/status`, then tries the reference through `/proc/self/cwd` and
    `/proc/self/root`, the outer worker's and the runner's `/proc` entries (environ, mem, cwd)
    through `/proc/self/..`, and writing `/proc/self/mem`. All refused when written (root,
    tchk); only its own `/proc/self` entries read."""
    folder = content / "puzzles" / "rt_procs"
    monkeypatch.chdir(folder)
    code = f"""
    import ctypes, json, os
    libc = ctypes.CDLL(None, use_errno=True)
    def reads(path, flags=0):
        fd = libc.open(path.encode(), flags, 0)
        if fd < 0:
            return False
        os.close(fd)
        return True
    def total(x):
        host = 0
        if reads("/proc/self/status"):
            for line in open("/proc/self/status"):
                if line.startswith("NSpid:"):
                    host = int(line.split()[1])
        found = {{"own status": reads("/proc/self/status"), "host pid": host}}
        found["reference via cwd"] = reads("/proc/self/cwd/reference.py")
        found["reference via root"] = reads("/proc/self/root{folder}/reference.py")
        for name, pid in (("outer worker", host - 1), ("runner", {os.getpid()})):
            for what in ("environ", "mem", "cwd/reference.py"):
                found[name + " " + what] = reads(f"/proc/self/../{{pid}}/{{what}}")
        found["write own mem"] = reads("/proc/self/mem", 2)
        print("PROBE", json.dumps(found))
        return x.sum()
    """
    result = check(monkeypatch, GPU, content, "rt_procs", code, fresh=True)
    report = probe_report(result)
    assert report.pop("own status") is True, report
    report.pop("host pid")  # 1 since the GPU path's private root: it sees its own /proc only
    assert [name for name, got in report.items() if got] == [], report


_LIBC = ctypes.CDLL(None, use_errno=True)
# call -> (what the run calls, with NAME and KEY; how the test finds it; how it removes it)
_IPC: dict[str, tuple[str, Callable[[str, int], int], Callable[[str, int], object]]] = {
    "mq_open": (
        "libc.mq_open(NAME.encode(), 0o102, 0o666, None)",
        lambda name, key: _LIBC.mq_open(name.encode(), 0, 0, None),
        lambda name, found: _LIBC.mq_unlink(name.encode()),
    ),
    "msgget": (
        "libc.msgget(KEY, 0o1666)",
        lambda name, key: _LIBC.msgget(key, 0),
        lambda name, found: _LIBC.msgctl(found, 0, None),
    ),
    "semget": (
        "libc.semget(KEY, 1, 0o1666)",
        lambda name, key: _LIBC.semget(key, 0, 0),
        lambda name, found: _LIBC.semctl(found, 0, 0),
    ),
}


@pytest.mark.parametrize("call", sorted(_IPC))
@pytest.mark.parametrize(
    "mode",
    [
        SPARE,
        SPARE_BARE,
        FORK_BARE,
    ],
    ids=["spare", "spare-bare", "fork-bare"],
)
def test_no_ipc_object_a_run_makes_outlives_the_check(
    monkeypatch: pytest.MonkeyPatch, mode: tuple[str, str], call: str
) -> None:
    """Shared memory is refused (shmget, memfd_create answer ENOSYS), but a POSIX message queue
    (`mq_open`), a SysV message queue (`msgget`) and a SysV semaphore set (`semget`) are not.
    With an IPC namespace they die with the run; without one (the fallbacks) they stay in the
    host's, after the check, for any later run to find: a channel between runs, even for a
    puzzle that allows no worker processes, which no file wall sees (Landlock refuses only the
    open that follows `mq_open`'s create: the queue is made anyway). When written: all three
    outlived both fallbacks (root); the namespaced spare worker held."""
    create, find, remove = _IPC[call]
    name, key = f"/torchenstein-redteam2-{os.getpid()}", 0x7E570000 + os.getpid() % 65536
    code = f"""
    import ctypes
    libc = ctypes.CDLL(None, use_errno=True)
    NAME, KEY = {name!r}, {key}
    def add(a, b):
        made = {create}
        print("made:", made, ctypes.get_errno())
        return a + b
    """
    result = check(monkeypatch, mode, CASES, "rt_add", code)
    found = find(name, key)
    if found >= 0:
        remove(name, found)
    assert result.verdict == "pass", result.message
    assert found < 0, f"{call} made by a run outlived the check ({result.stdout})"


@pytest.mark.parametrize(
    "mode",
    [
        SPARE,
        FORK,
    ],
    ids=["spare", "fork"],
)
def test_a_run_does_not_see_the_players_environment(
    monkeypatch: pytest.MonkeyPatch, mode: tuple[str, str]
) -> None:
    """`workerio.sandbox_env` hands the zygote and every spare worker the runner's whole
    environment, so a pasted solution reads whatever the player's shell holds: API tokens, cloud
    keys, proxy passwords, and the player's folder (`TORCHENSTEIN_HOME`). It cannot send them
    far today, but together with any channel out (the UNIX-socket hole above) they leave the
    machine. When written, the run printed the token (root, both paths)."""
    token = f"tok-{os.getpid()}-redteam2"
    monkeypatch.setenv("TORCHENSTEIN_REDTEAM_API_TOKEN", token)
    code = """
    import os
    def add(a, b):
        print("seen:", [value for value in os.environ.values() if value.startswith("tok-")])
        return a + b
    """
    result = check(monkeypatch, mode, CASES, "rt_add", code, fresh=True)
    assert result.verdict == "pass", result.message
    assert token not in (result.stdout or ""), result.stdout


@pytest.mark.parametrize("mode", [SPARE, SPARE_BARE], ids=["spare", "spare-bare"])
def test_a_spare_run_cannot_rewrite_its_layers_or_the_uid_its_folder_is_given(
    monkeypatch: pytest.MonkeyPatch, mode: tuple[str, str]
) -> None:
    """The worker's channel to the trusted side carries its `ready` line (with the `uid` the
    trusted side chowns JOB/out to, as root) and its `layers`. The run writes forged lines
    (`ready` with uid 0, layers claiming a private root) into every descriptor it holds and
    every pipe `/proc` would show it, then a second check on the same runner takes the next
    worker. Both were refused when written: the layers are said and the channel closed before
    any player code runs, and the next worker's `ready` comes before its own run exists."""
    forged = (
        '{"ready": true, "pid": 1, "uid": 0}\\n'
        '{"layers": ["user-ns", "mount-ns", "private-root", "seccomp"]}\\n'
    )
    code = f"""
    import os
    def add(a, b):
        for fd in range(256):
            try:
                os.write(fd, {forged!r}.encode())
            except OSError:
                pass
        return a + b
    """
    executor, namespaces = mode
    monkeypatch.setenv("TORCHENSTEIN_SANDBOX", executor)
    monkeypatch.setenv("TORCHENSTEIN_SANDBOX_NAMESPACES", namespaces)
    runner = Runner()
    try:
        entry = runner.find("rt_add", [CASES])
        first = runner.check(entry, textwrap.dedent(code), "cpu", "try", None, roots=[CASES])
        second = runner.check(
            entry, "def add(a, b):\n    return a + b\n", "cpu", "try", None, roots=[CASES]
        )
    finally:
        runner.close()
    for result in (first, second):
        assert result.verdict == "pass", result.message
        # every real list names these; the forged one does not
        assert "no-new-privs" in result.sandbox and "landlock-fs" in result.sandbox
        if mode == SPARE_BARE:
            assert "private-root" not in result.sandbox and "mount-ns" not in result.sandbox
        assert "uid-0 (the Python install is private to root)" not in result.sandbox or (
            os.geteuid() == 0
        )
    if os.geteuid() == 0:
        if PRIVATE_TO_ROOT in second.sandbox:
            assert mode == SPARE_BARE and not open_to_others(root_plan().readonly)
        else:
            assert run_uid(second.sandbox) in RUN_UIDS, second.sandbox


@pytest.mark.parametrize("mode", [SPARE, SPARE_BARE, GPU], ids=["spare", "spare-bare", "gpu"])
def test_a_stopped_or_stubborn_spare_run_still_ends_on_time(
    monkeypatch: pytest.MonkeyPatch, mode: tuple[str, str]
) -> None:
    """The run ignores every signal it may, blocks the rest, stops itself with SIGSTOP (the
    init of a PID namespace may not stop itself: then it spins), and its worker child does the
    same in a new session: the check must still end (verdict timeout) and leave nothing. When
    written: timeout, nothing left (root)."""
    # its own sleeper per mode: the other modes may be running on the other test worker
    marker = str(7345 + [SPARE, SPARE_BARE, GPU].index(mode))
    code = """
    import os, signal, subprocess, time
    def total(x):
        for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP, signal.SIGALRM, signal.SIGXCPU):
            signal.signal(sig, signal.SIG_IGN)
        if os.fork() == 0:
            os.setsid()
            subprocess.Popen(["sleep", "MARKER"])
            while True:
                time.sleep(1)
        os.kill(os.getpid(), signal.SIGSTOP)
        while True:
            pass
    """
    try:
        result = check(monkeypatch, mode, CASES, "rt_procs", code.replace("MARKER", marker))
    finally:
        left = sleepers(marker)
        for pid in left:
            os.kill(pid, signal.SIGKILL)
    assert result.verdict == "timeout", (result.verdict, result.message)
    assert left == [], left


@pytest.mark.parametrize(
    "mode", [SPARE, SPARE_BARE, FORK, FORK_BARE], ids=["spare", "spare-bare", "fork", "fork-bare"]
)
def test_a_run_the_kernel_kills_at_its_cpu_limit_times_out(
    monkeypatch: pytest.MonkeyPatch, mode: tuple[str, str]
) -> None:
    """The run ignores SIGXCPU, lowers its CPU time limit to 1 s and spins: the kernel kills it
    with SIGKILL, which no one on the trusted side sent. The verdict must be a timeout, as for
    any run out of time. When written, every mode said `error: The sandbox ended before
    reporting a result` (the outer process failed to pass on a SIGKILL and exited with code 1),
    the message of a CI failure of the stubborn-run test whose spinning run met its CPU limit
    before its wall-clock one."""
    code = """
    import importlib, signal
    def add(a, b):
        resource = importlib.import_module("resource")
        signal.signal(signal.SIGXCPU, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_CPU, (1, 1))
        while True:
            pass
    """
    result = check(monkeypatch, mode, CASES, "rt_add", code)
    assert result.verdict == "timeout", (result.verdict, result.message)


def test_without_namespaces_a_spare_run_cannot_steal_the_reference_from_the_next_job(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The second round's reference theft (`test_sandbox_redteam`), which the spare worker's
    namespaces now stop, tried on the bare spare worker: run 1 (wrong) leaves a setsid() spy
    that waits in /dev/shm for the job the runner starts to score the reference, copies its
    code out; run 2 executes it and passes a submit. When written: run 2 passed (root, tchk)."""
    from tests.test_sandbox_redteam import _SPY, _USE

    monkeypatch.setenv("TORCHENSTEIN_SANDBOX", "spare")
    monkeypatch.setenv("TORCHENSTEIN_SANDBOX_NAMESPACES", "0")
    leak = Path("/dev/shm") / f"torchenstein-redteam2-leak-{os.getpid()}.py"
    define = f"LEAK = {str(leak)!r}\n"
    runner = Runner()
    try:
        entry = runner.find("rt_children", [CASES])
        first = runner.check(entry, define + _SPY, "cpu", "submit", None, roots=[CASES])
        assert first.verdict == "fail", first.message
        for _ in range(100):  # the spy copies within milliseconds of the reference's job
            if leak.exists():
                break
            time.sleep(0.05)
        second = runner.check(entry, define + _USE, "cpu", "submit", None, roots=[CASES])
    finally:
        runner.close()
        leak.unlink(missing_ok=True)
    assert second.verdict != "pass", "the reference leaked from another job's folder"


@pytest.mark.parametrize("mode", [SPARE, SPARE_BARE, GPU], ids=["spare", "spare-bare", "gpu"])
def test_a_spare_run_starts_no_more_processes_than_its_allowance(
    monkeypatch: pytest.MonkeyPatch, content: Path, mode: tuple[str, str]
) -> None:
    """A puzzle that allows 2 worker processes: the run forks as many as it can (each child
    waits, then leaves). RLIMIT_NPROC allows 16 + 16 per allowed process (threads count) beyond
    what the run's uid already runs; inside the worker's own user namespace it counts only the
    run's tasks, as root too. When written: 200 forks asked, at most 48 got (root, tchk)."""
    result = check(monkeypatch, mode, content, "rt_procs", FORK_PROBE)
    if PRIVATE_TO_ROOT in result.sandbox:  # uid 0 is exempt from RLIMIT_NPROC; it says so
        assert mode == SPARE_BARE, result.sandbox  # a walled worker drops uid 0 (`idmap`)
        return
    assert_forks_bound(probe_report(result), bare=mode == SPARE_BARE)


def assert_forks_bound(report: dict[str, object], bare: bool) -> None:
    """A run asked for 200 forks on a puzzle allowing 2 worker processes. Inside its own user
    namespace RLIMIT_NPROC counts only the run's tasks: 16 + 16 per allowed process (threads
    count). Without one it counts every task of the run's uid on the machine, set at the run's
    start to those plus the allowance, so other work of that uid ending meanwhile (the other
    test worker's runs) leaves room: there the limit must be set and must stop the forks."""
    made, limit = report["made"], report["limit"]
    assert isinstance(made, int) and isinstance(limit, int), report
    assert limit > 0 and made <= limit, report  # -1: no limit at all
    assert made < (200 if bare else 16 + 16 * 2 + 1), report


@pytest.mark.parametrize(
    "mode",
    [
        SPARE,
        FORK,
    ],
    ids=["spare", "fork"],
)
def test_a_game_package_in_the_working_folder_is_not_what_the_sandbox_runs(
    monkeypatch: pytest.MonkeyPatch, open_tmp: Path, mode: tuple[str, str]
) -> None:
    """The trusted side starts its sandboxes with `python -m game.runner.worker` (or `.zygote`)
    in its own working folder, and `-m` puts that folder *first* on sys.path, before the
    PYTHONPATH that names the real package: a `game/` folder where the player stands (a
    downloaded course, a mod's zip unpacked, or /tmp, where any local user may create one
    before root runs `torchenstein check` there) is imported instead, with the runner's own
    rights, before any wall exists. When written: the planted `game/__init__.py` ran (as root
    and as tchk) and the check ended in an error, on both paths."""
    (open_tmp / "game").mkdir()
    marker = open_tmp / "ran"
    (open_tmp / "game" / "__init__.py").write_text(
        f"open({str(marker)!r}, 'w').write('a shadow game package ran')\n"
    )
    monkeypatch.chdir(open_tmp)
    code = "def add(a, b):\n    return a + b\n"
    result = check(monkeypatch, mode, CASES, "rt_add", code, fresh=True)
    assert not marker.exists(), "a game package in the working folder ran outside the sandbox"
    assert result.verdict == "pass", result.message


@pytest.mark.parametrize(
    "plant",
    [
        "os.remove(log); os.mkfifo(log)",
        "os.remove(log); os.symlink('/dev/zero', log)",
        "os.remove(log); os.symlink('/etc/shadow', log)",
        "os.remove(log); os.mkdir(log)",
        "os.truncate(log, 1 << 40)",
        "os.mkfifo(os.path.join(work, 'case_0.json'))",
        "os.symlink('/dev/zero', os.path.join(work, 'done.json'))",
    ],
    ids=["log-fifo", "log-zero", "log-shadow", "log-folder", "log-huge", "case-fifo", "done-zero"],
)
def test_a_spare_run_cannot_hang_or_blind_the_judge_through_its_own_folder(
    monkeypatch: pytest.MonkeyPatch, plant: str
) -> None:
    """A spare run writes its results, and its stdout (`out.log`), straight into JOB/out, which
    the judge reads while the run goes on: the run swaps `out.log` for a FIFO, a link to
    /dev/zero or /etc/shadow, a folder or a 1 TB sparse file, or plants a FIFO or a /dev/zero
    link as a result file, then leaves. The judge must neither hang, nor read what the link
    points at, nor crash. Held when written (root, tchk): a plain `error`, or the case judged
    with the output left out."""
    code = f"""
    import os
    def add(a, b):
        work = os.environ["TMPDIR"]
        log = os.path.join(work, "out.log")
        print("root:x:0:0 a line the judge might echo")
        {plant}
        os._exit(0)
    """
    result = check(monkeypatch, SPARE, CASES, "rt_add", code)
    assert result.verdict == "error", result.model_dump_json()[:2000]
    assert "Traceback" not in result.message
    assert "root:" not in (result.stdout or "").replace("root:x:0:0 a line", "")


def test_a_gpu_run_with_its_landlock_switched_off_says_so(
    monkeypatch: pytest.MonkeyPatch, content: Path
) -> None:
    """`TORCHENSTEIN_SANDBOX_GPU_LANDLOCK=0` (for a driver that refuses Landlock) leaves a GPU
    run's files walled by its uid alone: the repository's references are readable by any uid.
    That is the documented trade, so the run's layers must say it (never a silent downgrade).
    When written: the reference was read, and the layers said `no-landlock (switched off for the
    GPU)` (root, tchk)."""
    monkeypatch.setenv("TORCHENSTEIN_SANDBOX_GPU_LANDLOCK", "0")
    code = f"""
    import json, os
    def total(x):
        try:
            os.close(os.open({str(REFERENCE)!r}, os.O_RDONLY))
            read = True
        except OSError:
            read = False
        print("PROBE", json.dumps({{"read": read}}))
        return x.sum()
    """
    result = check(monkeypatch, GPU, content, "rt_procs", code, fresh=True)
    read = probe_report(result)["read"]
    if read:
        assert "no-landlock (switched off for the GPU)" in result.sandbox, result.sandbox
    assert not any(layer.startswith("landlock") for layer in result.sandbox), result.sandbox


def test_a_bare_gpu_worker_as_root_still_becomes_the_runs_uid(
    monkeypatch: pytest.MonkeyPatch, content: Path
) -> None:
    """When a GPU will not start inside the namespaces, the runner takes a worker started with
    `--bare`, which `worker.main` leaves as it was: as root, uid 0 (capabilities dropped later).
    RLIMIT_NPROC then binds nothing (`limits.apply` skips it for root, and the kernel exempts
    uid 0), the run owns every root-owned file on the host (only Landlock keeps it from writing
    them), and its layers do not say `uid-0`, unlike every other path. Simulated with the state a
    failed CUDA start leaves (`SpareExecutor.bare`) on the meta device. When written, as root:
    uid 0, 120 of 120 forks asked where 2 worker processes (48 tasks) are allowed, no uid layer; as
    tchk the run is tchk and RLIMIT_NPROC holds."""

    def bare(runner: Runner) -> None:
        runner.spares["meta"] = SpareExecutor("meta")
        runner.spares["meta"].bare = "cuda would not start in them (simulated)"

    result = check_once(FORK_PROBE, "rt_procs", "meta", [content], setup=bare)
    if PRIVATE_TO_ROOT in result.sandbox:  # uid 0 is exempt from RLIMIT_NPROC; it says so
        return
    report = probe_report(result)
    assert report.pop("uid") != 0, (report, result.sandbox)
    assert_forks_bound(report, bare=True)


# Fourth round: an outsider's attacks on the trusted side's reading of a run (as root, all four
# sandboxes). Each hung or crashed `Runner.check` when written, as its docstring says.

_FORGE = """
import os, sys, tempfile
json = sys.modules["json"]
def add(a, b):
    where = "/scratch/out" if os.path.isdir("/scratch/out") else tempfile.gettempdir()
    FORGE
    with open(os.path.join(where, "done.json"), "w") as f:
        json.dump({"load_error": None}, f)
    os._exit(0)
"""
ALL_FOUR = [SPARE, SPARE_BARE, FORK, FORK_BARE]
ALL_FOUR_IDS = ["spare", "spare-bare", "fork", "fork-bare"]


@pytest.fixture
def roomy(content: Path) -> Path:
    """rt_add with 10 s for its run: a forging run writes megabytes, which on a busy CI box
    took longer than its own 1 s (a timeout, so the judge's reading was never tried)."""
    spec = content / "puzzles" / "rt_add" / "puzzle.yaml"
    spec.write_text(spec.read_text().replace("time_s: 1\n", "time_s: 10\n"))
    return content


@pytest.mark.parametrize("mode", ALL_FOUR, ids=ALL_FOUR_IDS)
def test_a_huge_error_message_cannot_stall_the_judge(
    monkeypatch: pytest.MonkeyPatch, mode: tuple[str, str], roomy: Path
) -> None:
    """The run writes its own report for case 0: an exception whose message is 4 MB of one
    word. Cutting torch's paths out of it took time in the square of its length (a path was
    tried from every position inside the word), inside the supervisor's tick: the check never
    returned and the run was never killed on time. When written: no verdict in 30 s."""
    forge = (
        'json.dump({"status": "exception", "type": "RuntimeError", "message": "x" * 4_000_000},'
        ' open(os.path.join(where, "case_0.json"), "w"))'
    )
    result = check(monkeypatch, mode, roomy, "rt_add", _FORGE.replace("FORGE", forge))
    assert result.verdict == "error", (result.verdict, result.message)
    assert len(result.cases[0].message or "") <= 600


@pytest.mark.parametrize("mode", ALL_FOUR, ids=ALL_FOUR_IDS)
def test_one_big_tensor_nested_thousands_of_times_cannot_stall_the_preview(
    monkeypatch: pytest.MonkeyPatch, mode: tuple[str, str], roomy: Path
) -> None:
    """The run reports as its answer tuples 16 wide and 4 deep whose every leaf is the same
    16M-element tensor: 65,536 previews of 64 MB each. When written: no verdict in 88 s; then
    5 s of previews after the run, all sent to the panel."""
    forge = """n = 16 * 1024 * 1024
    head = json.dumps({"t0": {"dtype": "F32", "shape": [n], "data_offsets": [0, 4 * n]}}).encode()
    head += b" " * (-len(head) % 8)
    with open(os.path.join(where, "case_0.safetensors"), "wb") as f:
        f.write(len(head).to_bytes(8, "little") + head)
        f.write(bytes(4 * n))
    node = {"t": "tensor", "key": "t0", "dtype": "float32", "device": "cpu"}
    for _ in range(4):
        node = {"t": "tuple", "v": [node] * 16}
    report = {"status": "ok", "output": node, "inputs_after": [], "ops": 0, "calls": 0,
              "peak_bytes": 0, "trace": []}
    json.dump(report, open(os.path.join(where, "case_0.json"), "w"))"""
    result = check(monkeypatch, mode, roomy, "rt_add", _FORGE.replace("FORGE", forge))
    assert result.verdict in ("fail", "error", "memory"), (result.verdict, result.message)
    got = result.cases[0].got if result.cases else None
    if got is not None:  # a bounded preview: its first values, the full length in its text
        assert got.text == "tuple of 16"
        assert _count(got) <= preview_mod.NODES


def _count(value: ValuePreview) -> int:
    return 1 + sum(_count(item) for item in value.items or [])


@pytest.mark.parametrize("mode", ALL_FOUR, ids=ALL_FOUR_IDS)
def test_a_folder_tree_thousands_deep_is_judged_and_removed(
    monkeypatch: pytest.MonkeyPatch, mode: tuple[str, str]
) -> None:
    """The run (a right answer) nests 3,000 folders in its scratch or results folder. Python's
    recursive `shutil.rmtree` raised RecursionError out of `Runner.check` (no verdict) and left
    the tree on the host's disk. When written: RecursionError in spare, spare-bare and
    fork-bare (a jailed run's scratch is a tmpfs that goes with it)."""
    code = """
    import os, ctypes, tempfile
    def add(a, b):
        libc = ctypes.CDLL(None, use_errno=True)
        base = "/scratch/out" if os.path.isdir("/scratch/out") else tempfile.gettempdir()
        if os.access(base, os.W_OK):
            libc.chdir(base.encode())
            for _ in range(3000):
                if libc.mkdir(b"d", 0o700) != 0 or libc.chdir(b"d") != 0:
                    break
            libc.chdir(b"/")
        return a + b
    """
    made: list[Path] = []
    original = jobdir_module.make_job_dir

    def recording(prefix: str = "torchenstein-run-") -> Path:
        made.append(original(prefix))
        return made[-1]

    monkeypatch.setattr(jobrun_module, "make_job_dir", recording)
    result = check(monkeypatch, mode, CASES, "rt_add", code, fresh=True)
    assert result.verdict in ("pass", "memory"), (result.verdict, result.message)
    assert [p for p in made if p.exists()] == []


@pytest.mark.parametrize("mode", ALL_FOUR, ids=ALL_FOUR_IDS)
def test_memory_held_by_an_orphaned_grandchild_counts(
    monkeypatch: pytest.MonkeyPatch, mode: tuple[str, str]
) -> None:
    """The run forks a child that forks a grandchild and exits; the orphan holds 440 MB, the
    run 160 MB (the puzzle allows 512). Without a PID namespace the orphan went to the zygote
    or to the spare worker's outer process, where the count never looked. When written: pass
    in fork-bare and spare-bare."""
    code = """
    import torch, os, time
    def total(x):
        r, w = os.pipe()
        pid = os.fork()
        if pid == 0:
            if os.fork() == 0:
                big = torch.ones(110 * 1024 * 1024)
                os.write(w, b"k")
                time.sleep(30)
                os._exit(0)
            os._exit(0)
        os.waitpid(pid, 0)
        os.read(r, 1)
        mine = torch.ones(40 * 1024 * 1024)
        time.sleep(0.5)
        return x.sum() + mine[0] * 0
    """
    result = check(monkeypatch, mode, CASES, "rt_children", code)
    assert result.verdict == "memory", (result.verdict, result.message)


@pytest.mark.parametrize("mode", ALL_FOUR, ids=ALL_FOUR_IDS)
def test_a_run_asking_for_many_threads_gets_the_cap_and_passes(
    monkeypatch: pytest.MonkeyPatch, mode: tuple[str, str]
) -> None:
    """`torch.set_num_threads(32)`, then matrix products: a correct answer, if a greedy one.
    OpenMP's thread cap (`limits.omp_thread_limit`) gives it at most the machine's cores, so it
    passes in every sandbox. When written: OpenMP exited when the task limit refused a thread
    ("error"); as root without namespaces and an install others cannot read (no task limit),
    glibc aborted or the run passed as the address space allowed: a verdict that flipped."""
    code = """
    import torch
    def add(a, b):
        torch.set_num_threads(32)
        x = torch.randn(512, 512)
        for _ in range(10):
            (x @ x).sum()
        return a + b
    """
    result = check(monkeypatch, mode, CASES, "rt_add", code)
    assert result.verdict == "pass", (result.verdict, result.message, result.stdout)
