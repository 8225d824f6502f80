"""The walls of a GPU run, proven on a machine without a GPU.

A GPU run goes to a spare worker (CUDA cannot cross the fork a jail needs): it enters its own
user, PID, mount, network, IPC and UTS namespaces when it starts, and pivots into a private root
built around its job when the job comes, with the GPU's device nodes and a read-only /sys bound
in. Where it has no private root, Landlock walls its files, and allows the GPU's device nodes
and driver files and nothing more. A worker whose device will not start inside the namespaces
is replaced by one without, and its layers say why. On a machine with CUDA,
`test_sandbox_redteam` runs the same attacks through a real CUDA run; `meta` (a device that
takes the GPU path without a GPU) runs them here.
"""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
import torch

from game.runner import gpufiles, landlock
from game.runner.engine import Runner
from game.runner.limits import SandboxLimits
from game.runner.newroot import root_plan
from game.runner.sandbox import _file_walls
from game.runner.spare import SpareExecutor
from tests.sandbox_procs import check_once, errno_of, forked_report, put_up_gpu_walls

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="the kernel's walls are Linux's"
)

ROOTS = [Path(__file__).resolve().parent / "runner_cases"]
REFERENCE = ROOTS[0] / "puzzles" / "rt_add" / "reference.py"
GAME = Path(__import__("game").__file__).resolve().parent


def _walled_child(tmp_path: Path, victim: int) -> dict[str, int]:
    """Put a GPU run's file walls around a forked child and report what each attempt got
    (0: allowed, else the errno)."""

    def probe(found: dict[str, int]) -> None:
        work = put_up_gpu_walls(tmp_path, (str(ROOTS[0] / "puzzles"),))
        attempts = {
            "reference": (str(REFERENCE), os.O_RDONLY),
            "outside": (str(tmp_path / "planted.txt"), os.O_WRONLY | os.O_CREAT),
            "package": (str(GAME / "evil.py"), os.O_WRONLY | os.O_CREAT),
            "scratch": (str(work / "ok.txt"), os.O_WRONLY | os.O_CREAT),
            "install": (torch.__file__, os.O_RDONLY),
        }
        for name, (path, flags) in attempts.items():
            found[name] = errno_of(lambda p=path, f=flags: os.close(os.open(p, f, 0o644)))
        for path in gpufiles.driver_files():
            found[path] = errno_of(lambda p=path: os.listdir(p))
        found["signal"] = errno_of(lambda: os.kill(victim, 0))

    return forked_report(probe)


@pytest.mark.skipif(landlock.abi() < 1, reason="needs Landlock")
def test_a_gpu_runs_file_walls_let_it_read_the_driver_but_not_references_or_write_outside(
    tmp_path: Path,
) -> None:
    victim = subprocess.Popen(["sleep", "30"])
    try:
        found = _walled_child(tmp_path, victim.pid)
    finally:
        victim.kill()
        victim.wait()
    assert found["reference"] == errno.EACCES, found
    assert found["outside"] == errno.EACCES, found
    assert found["package"] == errno.EACCES, found
    assert found["scratch"] == 0 and found["install"] == 0, found
    for path in gpufiles.driver_files():
        assert found[path] == 0, (path, found)
    if landlock.abi() >= 6:  # Landlock's signal scope
        assert found["signal"] == errno.EPERM, found
    assert not (tmp_path / "planted.txt").exists()
    assert not (GAME / "evil.py").exists()


def test_only_gpu_runs_get_the_device_nodes(tmp_path: Path) -> None:
    limits = SandboxLimits(wall_s=5, cpu_s=5, memory_bytes=1 << 30, file_bytes=1, processes=0)
    plan = root_plan()
    cpu = _file_walls(tmp_path, tmp_path, tmp_path, limits, plan, False, False, None)
    gpu = _file_walls(tmp_path, tmp_path, tmp_path, limits, plan, False, True, None)
    assert set(gpu[2]) - set(cpu[2]) == set(gpufiles.device_nodes())
    assert set(gpu[0]) - set(cpu[0]) == set(gpufiles.driver_files())
    assert gpu[1] == cpu[1]  # nothing more to write


def test_sandboxes_keep_no_kernel_cache_a_later_run_would_load() -> None:
    from game.runner.workerio import sandbox_env

    env = sandbox_env()
    assert env["CUDA_CACHE_DISABLE"] == "1"
    assert env["USE_PYTORCH_KERNEL_CACHE"] == "0"


@pytest.mark.skipif(torch.cuda.is_available(), reason="needs a device that will not start")
def test_a_device_that_will_not_start_in_the_namespaces_is_tried_once_without() -> None:
    """Here CUDA never starts: the walled worker says so, a bare one is tried (its layers would
    name why), and only then does the run fail, with a plain message."""
    spare = SpareExecutor("cuda")
    try:
        with pytest.raises(RuntimeError, match="spare worker for cuda did not start"):
            spare._ready()
    finally:
        spare.close()
    assert spare.bare is not None and spare.bare.startswith("cuda would not start in them")


def test_a_bare_worker_names_why_it_has_no_namespaces(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TORCHENSTEIN_SANDBOX", "spare")

    def bare(runner: Runner) -> None:
        runner.spares["cpu"] = SpareExecutor("cpu")
        runner.spares["cpu"].bare = "cpu would not start in them: test"

    result = check_once("def add(a, b):\n    return a + b\n", setup=bare)
    assert result.verdict == "pass", result.message
    assert "no-namespaces (cpu would not start in them: test)" in result.sandbox
    assert "user-ns" not in result.sandbox
    assert "landlock-fs" in result.sandbox and "seccomp" in result.sandbox


def test_the_gpu_landlock_switch_is_read_from_the_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert gpufiles.landlock_wanted()
    monkeypatch.setenv("TORCHENSTEIN_SANDBOX_GPU_LANDLOCK", "0")
    assert not gpufiles.landlock_wanted()


def test_a_root_worker_keeps_uid_0_only_where_others_could_not_read_the_install() -> None:
    """A spare worker reads the install where it lies (no private root): as root it becomes
    an unprivileged uid only if that uid could still import torch (pyenv under a private
    /root could not), and its layers name the uid it kept."""
    from game.runner.newroot import open_to_others

    top = Path(tempfile.mkdtemp(prefix="torchenstein-install-"))  # pytest's own is private
    try:
        home = top / "home"
        install = home / "venv"
        install.mkdir(parents=True)
        for folder in (top, home, install):
            folder.chmod(0o755)
        assert open_to_others((str(install),))
        home.chmod(0o700)
        assert not open_to_others((str(install),))
        home.chmod(0o755)
        install.chmod(0o700)
        assert not open_to_others((str(install),))
    finally:
        shutil.rmtree(top, ignore_errors=True)


def test_a_gpu_path_run_gets_a_private_root_and_cannot_see_the_host(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The `meta` device takes the GPU path (a spare worker with GPU walls) on any machine: its
    run sees its own root, not the host's /tmp, /run or /dev/shm, and its own processes only."""
    planted = Path(tempfile.mkdtemp(prefix="torchenstein-gpu-host-"))
    planted.chmod(0o755)
    code = f"""
    import os
    def add(a, b):
        seen = {{
            "host tmp": os.path.exists({str(planted)!r}),
            "run": os.path.exists("/run/systemd") or os.path.exists("/var/run/dbus"),
            "pids": sorted(int(p) for p in os.listdir("/proc") if p.isdigit()),
        }}
        print("SEEN", seen)
        return a + b
    """
    try:
        result = check_once(code, device="meta")
    finally:
        shutil.rmtree(planted, ignore_errors=True)
    assert "private-root" in result.sandbox and "mount-ns" in result.sandbox, result.sandbox
    assert "SEEN {'host tmp': False, 'run': False, 'pids': [1]}" in result.stdout, result.stdout
