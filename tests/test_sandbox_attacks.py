"""Hostile solutions against the kernel's walls (Linux): each test is an attack that once got
through (issue #12), written so that the run PASSES only when every attempt was refused, and
prints what it saw, so a broken wall shows up as a failed test with the reason in stdout.

Attacks go through ctypes (straight to the kernel, past the Python audit hook) wherever a
Python-level guard could otherwise take the credit. The module's integrity fixture then checks
that the installed package, site-packages and the player's folder are unchanged, that no
process is left and that nothing connected to the listeners it opened.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import socket
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from game.runner.check import check_code
from game.runner.engine import shared_runner
from game.runner.newroot import SCRATCH_BYTES
from game.runner.protocol import RunResult
from tests.sandbox_procs import leftovers, sleepers

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="the kernel's walls are Linux's"
)

ROOTS = [Path(__file__).resolve().parent / "runner_cases"]
REFERENCE = ROOTS[0] / "puzzles" / "rt_add" / "reference.py"
GAME = Path(__import__("game").__file__).resolve().parent
SITE = Path(__import__("torch").__file__).resolve().parent.parent
HOME = Path("/tmp") / f"torchenstein-attack-home-{os.getpid()}"
ABSTRACT = f"\0torchenstein-attack-{os.getpid()}"

PRELUDE = """
import ctypes, os, sys
libc = ctypes.CDLL(None, use_errno=True)
libc.syscall.restype = ctypes.c_long
seen = []
def refused(what, result):
    ok = result == -1 or result is None
    seen.append(f"{what}: {'refused' if ok else 'ALLOWED'}")
    return ok
def raises(what, fn):
    try:
        fn()
    except BaseException as exc:
        seen.append(f"{what}: refused ({type(exc).__name__})")
        return True
    seen.append(f"{what}: ALLOWED")
    return False
def verdict(a, b, checks):
    print("\\n".join(seen))
    return a + b if all(checks) else a - b
"""


def run(code: str, puzzle: str = "rt_add") -> RunResult:
    source = PRELUDE + textwrap.dedent(code)
    return check_code(puzzle, source, device="cpu", mode="try", roots=ROOTS)


def zygote_pid() -> int:
    runner = shared_runner()
    runner.warm("cpu")
    assert runner.zygote is not None and runner.zygote.pid is not None
    return runner.zygote.pid


def held(result: RunResult) -> None:
    """The run passed: every attempt in it was refused."""
    assert result.verdict == "pass", f"{result.verdict}: {result.message}\n{result.stdout}"
    assert "ALLOWED" not in result.stdout, result.stdout


def _tree(root: Path, hash_files: bool) -> dict[str, tuple[int, str]]:
    found: dict[str, tuple[int, str]] = {}
    for path in sorted(root.rglob("*")):
        if "__pycache__" in path.parts:
            continue
        try:
            info = path.lstat()
        except OSError:
            continue
        digest = ""
        if hash_files and path.is_file() and not path.is_symlink():
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
        found[str(path.relative_to(root))] = (info.st_mode, digest)
    return found


def _site_top(root: Path) -> set[str]:
    return {p.name for p in root.iterdir()} | {
        f"{p.name}:{p.stat().st_mtime_ns}" for p in root.glob("*.pth")
    }


@pytest.fixture(scope="module", autouse=True)
def integrity() -> Iterator[dict[str, socket.socket]]:
    """After every attack of this module: package files, site-packages and the player's folder
    unchanged; no process of a run left; no connection made to the listeners."""
    (HOME / "mods" / "kept").mkdir(parents=True, exist_ok=True)
    (HOME / "mods" / "kept" / "mod.yaml").write_text("id: kept\n")
    game_before, home_before = _tree(GAME, True), _tree(HOME, True)
    site_before = _site_top(SITE)
    tcp = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    tcp.bind(("127.0.0.1", 0))
    tcp.listen(8)
    tcp.setblocking(False)
    unix = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    unix.bind(ABSTRACT)
    unix.listen(8)
    unix.setblocking(False)
    yield {"tcp": tcp, "unix": unix}
    try:
        for listener in (tcp, unix):
            with pytest.raises(BlockingIOError):
                listener.accept()
        assert _tree(GAME, True) == game_before
        assert _site_top(SITE) == site_before
        assert _tree(HOME, True) == home_before
        zygote = shared_runner().zygote
        if zygote is not None and zygote.pid is not None:
            left = leftovers(zygote.pid)
            assert left == [], [Path(f"/proc/{p}/stat").read_text() for p in left]
    finally:
        tcp.close()
        unix.close()
        shutil.rmtree(HOME, ignore_errors=True)


def test_reading_the_reference_or_the_runner_is_impossible() -> None:
    runner, zpid = os.getpid(), zygote_pid()
    code = f"""
    import torch
    REF = {str(REFERENCE)!r}
    def add(a, b):
        checks = [
            raises("torch.from_file", lambda: torch.from_file(REF, size=8, dtype=torch.uint8)),
            refused("libc open", libc.open(REF.encode(), 0)),
            refused("chdir", libc.chdir(os.path.dirname(REF).encode())),
            refused("dir_fd open", libc.openat(libc.open(b"{REFERENCE.parent.parent}", 0x10000),
                                               b"rt_add/reference.py", 0)),
            refused("runner memory", libc.open(b"/proc/{runner}/mem", 2)),
            refused("zygote pipe", libc.open(b"/proc/{zpid}/fd/1", 1)),
            refused("see outside " + str([p for p in ("/proc/{runner}", "/proc/{zpid}", REF) if os.path.exists(p)]), next((p for p in ("/proc/{runner}", "/proc/{zpid}", REF)
                                         if os.path.exists(p)), None)),
            refused("repository " + str(os.listdir({str(GAME.parent)!r})),
                    None if os.listdir({str(GAME.parent)!r}) == ["game"] else 0),
        ]
        return verdict(a, b, checks)
    """
    held(run(code))


def test_writing_into_the_package_site_packages_or_the_players_folder_is_impossible() -> None:
    targets = [GAME / "compare_extra.py", SITE / "evil.pth", HOME / "mods" / "evil" / "mod.yaml"]
    code = f"""
    import torch
    TARGETS = {[str(t) for t in targets]!r}
    GAME = {str(GAME)!r}
    def add(a, b):
        checks = []
        for t in TARGETS:
            checks += [
                raises("torch.save " + t, lambda: torch.save(torch.ones(1), t)),
                raises("shared from_file " + t,
                       lambda: torch.from_file(t, shared=True, size=16, dtype=torch.uint8)),
                refused("libc creat " + t, libc.open(t.encode(), 0o101, 0o644)),
                refused("mknod " + t, libc.mknod(t.encode(), 0o10644, 0)),
                refused("mkfifo " + t, libc.mkfifo(t.encode(), 0o644)),
            ]
        fd = libc.open(GAME.encode(), 0x10000)
        checks += [
            refused("dir_fd creat", libc.openat(fd, b"evil.py", 0o101, 0o644)),
            refused("append compare.py", libc.open((GAME + "/runner/compare.py").encode(), 0o2001)),
            refused("setxattr", libc.setxattr((GAME + "/runner/compare.py").encode(),
                                              b"user.x", b"1", 1, 0)),
            refused("chmod", libc.chmod((GAME + "/runner/compare.py").encode(), 0o777)),
        ]
        return verdict(a, b, checks)
    """
    held(run(code))


def test_builtins_exec_does_not_hide_forbidden_calls() -> None:
    code = """
    import torch
    def act(x):
        scope = {"x": x}
        torch.builtins.exec("import torch.nn.functional as F\\nout = F.gelu(x)", scope)
        return scope["out"]
    """
    result = check_code("rt_rules", textwrap.dedent(code), device="cpu", roots=ROOTS)
    assert result.verdict != "pass", result.message


@pytest.mark.parametrize(
    "machine_code,what",
    [
        (b"\xb8\x14\x00\x00\x00\xcd\x80\xc3", "i386 getpid via int 0x80"),
        (b"\xb8\x02\x00\x00\x00\xcd\x80\xc3", "i386 fork via int 0x80"),
        (b"\xb8\x27\x00\x00\x40\x0f\x05\xc3", "x32 getpid"),
    ],
)
def test_foreign_syscall_abis_kill_the_run(machine_code: bytes, what: str) -> None:
    if os.uname().machine != "x86_64":
        pytest.skip("x86-64 machine code")
    code = f"""
    import mmap
    def add(a, b):
        page = mmap.mmap(-1, 4096, prot=mmap.PROT_READ | mmap.PROT_WRITE | mmap.PROT_EXEC)
        page.write({machine_code!r})
        address = ctypes.addressof(ctypes.c_char.from_buffer(page))
        ctypes.CFUNCTYPE(ctypes.c_long)(address)()
        return a + b
    """
    result = run(code)
    assert result.verdict == "error", (what, result.verdict, result.stdout)
    assert "forbidden system call" in result.message


def test_signals_and_handles_to_outside_processes_are_refused() -> None:
    runner, zpid = os.getpid(), zygote_pid()
    code = f"""
    def add(a, b):
        checks = []
        for pid in ({runner}, {zpid}):
            checks += [
                refused(f"tgkill {{pid}}", libc.syscall(234, pid, pid, 0)),
                refused(f"tkill {{pid}}", libc.syscall(200, pid, 0)),
                refused(f"pidfd_open {{pid}}", libc.syscall(434, pid, 0)),
                refused(f"rt_sigqueueinfo {{pid}}", libc.syscall(129, pid, 0, None)),
            ]
        checks += [
            refused("kill everyone", libc.kill(-1, 0)),
            refused("kill own group", libc.kill(0, 0)),
            refused("pidfd_send_signal", libc.syscall(424, 0, 0, None, 0)),
            refused("ptrace traceme", libc.ptrace(0, 0, None, None)),
            refused("process_vm_readv", libc.syscall(310, 1, None, 0, None, 0, 0)),
        ]
        return verdict(a, b, checks)
    """
    held(run(code))


def test_namespaces_mounts_and_kernel_interfaces_are_refused() -> None:
    code = """
    def add(a, b):
        checks = [
            refused("unshare user", libc.unshare(0x10000000)),
            refused("setns", libc.setns(0, 0)),
            refused("mount", libc.mount(b"none", b"/tmp", b"tmpfs", 0, None)),
            refused("umount", libc.umount2(b"/usr", 2)),
            refused("clone newuser", libc.syscall(56, 0x10000000 | 17, 0, 0, 0, 0)),
            refused("bpf", libc.syscall(321, 0, None, 0)),
            refused("io_uring", libc.syscall(425, 1, None)),
            refused("keyctl", libc.syscall(250, 0, 0, 0, 0, 0)),
            refused("perf", libc.syscall(298, None, 0, -1, -1, 0)),
            refused("clone a process", libc.syscall(56, 17, 0, 0, 0, 0)),
            refused("fork", libc.fork()),
            refused("clear the parent-death signal", libc.prctl(1, 0, 0, 0, 0)),
            os.getuid() != 0 or open("/proc/self/uid_map").read().split()[1] != "0",
        ]
        return verdict(a, b, checks)
    """
    held(run(code))


def test_no_network_not_even_loopback(integrity: dict[str, socket.socket]) -> None:
    port = integrity["tcp"].getsockname()[1]
    code = f"""
    import socket
    def total(x):
        address = ctypes.create_string_buffer(16)
        address.raw = (b"\\x02\\x00" + ({port}).to_bytes(2, "big") + bytes([127, 0, 0, 1])).ljust(16, b"\\0")
        checks = [
            refused("ctypes AF_INET socket", libc.socket(2, 1, 0)),
            refused("ctypes AF_INET6 socket", libc.socket(10, 1, 0)),
            refused("ctypes netlink socket", libc.socket(16, 3, 0)),
            raises("socket.create_connection", lambda: socket.create_connection(("127.0.0.1", {port}), 1)),
        ]
        unix = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        checks.append(raises("abstract unix socket", lambda: unix.connect({ABSTRACT!r})))
        print("\\n".join(seen))
        return x.sum() if all(checks) else x
    """
    held(run(code, "rt_children"))


def test_no_process_outlives_the_check() -> None:
    code = """
    import os, signal, subprocess, time
    def total(x):
        if os.fork() == 0:
            os.setsid()
            if os.fork() == 0:
                for s in (signal.SIGTERM, signal.SIGHUP, signal.SIGINT):
                    signal.signal(s, signal.SIG_IGN)
                subprocess.Popen(["sleep", "7093"], start_new_session=True)
                time.sleep(30)
            os._exit(0)
        time.sleep(0.3)
        return x.sum()
    """
    result = check_code("rt_children", textwrap.dedent(code), device="cpu", roots=ROOTS)
    assert result.verdict == "pass", result.message + result.stdout
    assert sleepers("7093") == []


def test_a_run_dies_with_its_zygote() -> None:
    import threading
    import time

    zygote = shared_runner().zygote
    assert zygote is not None
    zygote_pid()
    code = """
    import subprocess, time
    def total(x):
        subprocess.Popen(["sleep", "7111"])
        time.sleep(3)
        return x.sum()
    """

    def kill_zygote() -> None:
        for _ in range(400):
            if sleepers("7111"):
                break
            time.sleep(0.05)
        if zygote.proc is not None:
            zygote.proc.kill()

    killer = threading.Thread(target=kill_zygote, daemon=True)
    killer.start()
    result = check_code("rt_children", textwrap.dedent(code), device="cpu", mode="try", roots=ROOTS)
    killer.join(10)
    assert result.verdict == "error", result.message
    for _ in range(200):  # the kernel tears the namespace down after the zygote's death
        if not sleepers("7111"):
            break
        time.sleep(0.05)
    assert sleepers("7111") == []


@pytest.mark.parametrize(
    "plant",
    [
        "os.mkfifo(os.path.join(work, 'done.json'))",
        "os.symlink('/dev/zero', os.path.join(work, 'done.json'))",
        "os.symlink('/dev/zero', os.path.join(work, 'case_0.json'))",
        "os.mkfifo(os.path.join(work, 'case_0.json'))",
        "open(os.path.join(work, 'case_0.json'), 'w').write('[' * 200000 + ']' * 200000)",
        "open(os.path.join(work, 'case_0.json'), 'w').write("
        '\'{"status": "ok", "time_ms": Infinity, "output": {"t": "none"}}\')',
        "open(os.path.join(work, 'case_0.json'), 'w').write("
        '\'{"status": "ok", "time_ms": 1e999, "output": {"t": "none"}}\')',
        "os.truncate(os.path.join(work, 'case_0.safetensors'), 10 ** 10)",
    ],
)
def test_hostile_result_files_end_as_plain_errors(plant: str) -> None:
    code = f"""
    def add(a, b):
        work = "/scratch/out" if os.path.isdir("/scratch/out") else os.environ["TMPDIR"]
        for name in ("done.json", "case_0.json", "case_0.safetensors"):
            try:
                os.remove(os.path.join(work, name))
            except OSError:
                pass
        open(os.path.join(work, "case_0.safetensors"), "w").close()
        {plant}
        os._exit(0)
    """
    result = run(code)
    assert result.verdict == "error", result.model_dump_json()[:2000]
    assert all(c.status != "pass" for c in result.cases)
    assert "Traceback" not in result.message


@pytest.mark.parametrize("mode", ["try", "submit"])
def test_a_forged_done_file_with_no_cases_is_no_pass(mode: str) -> None:
    """The run writes the harness's "all done" file itself and leaves before any case: no case
    reported, so none may count as passed (this once read "All 5 cases passed")."""
    code = """
    work = "/scratch/out" if os.path.isdir("/scratch/out") else os.environ["TMPDIR"]
    fd = libc.open(os.path.join(work, "done.json").encode(), 0o1101, 0o644)
    libc.write(fd, b'{"load_error": null}', 20)
    libc.close(fd)
    libc._exit(0)

    def add(a, b):
        return a - b
    """
    result = check_code(
        "rt_add", PRELUDE + textwrap.dedent(code), device="cpu", mode=mode, roots=ROOTS
    )
    assert result.verdict == "error", result.model_dump_json()[:2000]
    assert not any(c.status == "pass" for c in result.cases)
    assert "no result" in result.message


def test_dev_shm_is_the_runs_own_size_limited_scratch() -> None:
    code = """
    def add(a, b):
        written = 0
        block = b"x" * (16 << 20)
        try:
            with open("/dev/shm/fill", "wb") as f:
                while written < (2 << 30):
                    f.write(block)
                    f.flush()
                    written += len(block)
        except OSError:
            pass
        print("written", written)
        return a + b
    """
    before = os.statvfs("/dev/shm")
    result = run(code)
    assert result.verdict in ("pass", "memory"), result.message
    if result.verdict == "pass":
        written = int(result.stdout.split("written")[1].split()[0])
        assert written <= SCRATCH_BYTES
    after = os.statvfs("/dev/shm")
    assert after.f_bfree * after.f_frsize >= before.f_bfree * before.f_frsize - (64 << 20)


def test_memory_of_child_processes_counts() -> None:
    code = """
    import os, time
    def total(x):
        for _ in range(2):
            if os.fork() == 0:
                hoard = bytearray(350 << 20)
                for i in range(0, len(hoard), 4096):
                    hoard[i] = 1
                time.sleep(30)
                os._exit(0)
        time.sleep(3.5)
        return x.sum()
    """
    result = check_code("rt_children", textwrap.dedent(code), device="cpu", roots=ROOTS)
    assert result.verdict == "memory", result.message + result.stdout


def test_fork_bomb_is_capped_as_root_too() -> None:
    code = """
    import os, time
    def total(x):
        made = 0
        for _ in range(500):
            try:
                pid = os.fork()
            except OSError:
                break
            if pid == 0:
                time.sleep(30)
                os._exit(0)
            made += 1
        print("forked", made)
        return x.sum()
    """
    result = check_code("rt_children", textwrap.dedent(code), device="cpu", mode="try", roots=ROOTS)
    # forking a warm torch process dozens of times can take longer than the time limit on a
    # busy machine; the cap on the count is what matters
    assert result.verdict in ("pass", "timeout"), result.message + result.stdout
    assert 0 < int(result.stdout.split("forked")[1].split()[0]) < 64


def test_killing_itself_with_the_zygotes_pid_hits_nothing_outside() -> None:
    zpid = zygote_pid()
    code = f"""
    import signal
    def add(a, b):
        checks = [refused("kill zygote", libc.kill({zpid}, int(signal.SIGSTOP))),
                  refused("kill runner", libc.kill({os.getpid()}, int(signal.SIGSTOP)))]
        return verdict(a, b, checks)
    """
    held(run(code))
