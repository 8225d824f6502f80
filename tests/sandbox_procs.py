"""Processes a check may leave, as the sandbox tests see them: nothing of a finished run that
can still run code may stay under the runner's zygote (a lone run's process is SIGKILLed and may
still be exiting when the check returns), only the standby it forks for the next run (one run
parent whose only child, the next run's init, has started nothing); and the `sleep MARKER`
processes a test's run starts to see whether anything outlives the check. Also the sandbox
tests' shared ways to run one check (`check_once`), to probe forks (`FORK_PROBE`) and to read
what a probing solution printed (`probe_report`)."""

from __future__ import annotations

import json
import os
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any

from game.runner.engine import Runner
from game.runner.protocol import RunResult
from game.runner.runtree import children, descendants

RUNNER_CASES = Path(__file__).resolve().parent / "runner_cases"

# `total(x)` for rt_procs (two worker processes allowed): fork as often as the kernel lets it,
# up to 200, each child waiting a while; then say how many, under which limit, as whom.
FORK_PROBE = """
import os, time
def total(x):
    made = 0
    for _ in range(200):
        try:
            if os.fork() == 0:
                time.sleep(1.5)
                os._exit(0)
            made += 1
        except OSError:
            break
    facts = (made, os.sysconf("SC_CHILD_MAX"), os.getuid(), len(os.getgroups()))
    print("PROBE", '{"made": %d, "limit": %d, "uid": %d, "groups": %d}' % facts)
    return x.sum()
"""


def check_once(
    code: str,
    puzzle: str = "rt_add",
    device: str = "cpu",
    roots: list[Path] | None = None,
    setup: Callable[[Runner], None] | None = None,
) -> RunResult:
    """One `try` check of `code` on a runner of its own, closed afterwards. `setup` prepares the
    runner first (folders kept private, a spare worker forced bare...)."""
    roots = roots or [RUNNER_CASES]
    runner = Runner()
    try:
        if setup is not None:
            setup(runner)
        entry = runner.find(puzzle, roots)
        return runner.check(entry, textwrap.dedent(code), device, "try", None, roots=roots)
    finally:
        runner.close()


def run_uid(layers: list[str]) -> int | None:
    """The outside uid a run's layers name (`uid-<n>`); None where it kept uid 0 or is the
    user's own."""
    for layer in layers:
        if layer.startswith("uid-") and layer[4:].isdigit():
            return int(layer[4:])
    return None


def probe_report(result: RunResult) -> dict[str, Any]:
    """The JSON line a probing solution printed (`PROBE {...}`)."""
    for line in (result.stdout or "").splitlines():
        if line.startswith("PROBE "):
            return dict(json.loads(line[len("PROBE ") :]))
    raise AssertionError(f"no probe report: {result.verdict} {result.message} {result.stdout}")


_PF_EXITING = 0x4
_SIGKILL_BIT = 1 << (9 - 1)


def can_run(pid: int) -> bool:
    """False for a process that will run no more of its code: a zombie, one already exiting,
    or one with SIGKILL pending."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        status = Path(f"/proc/{pid}/status").read_text().splitlines()
    except OSError:
        return False
    if stat[0] in ("Z", "X") or int(stat[6]) & _PF_EXITING:
        return False
    pending = [line.split()[1] for line in status if line.startswith(("SigPnd:", "ShdPnd:"))]
    return not any(int(mask, 16) & _SIGKILL_BIT for mask in pending)


def leftovers(zygote_pid: int) -> list[int]:
    """The processes under the zygote that can still run code and are not its standby."""
    left = [pid for pid in descendants(zygote_pid) if can_run(pid)]
    direct = [pid for pid in children(zygote_pid) if can_run(pid)]
    if len(direct) == 1:
        inits = children(direct[0])
        if len(inits) <= 1 and all(descendants(init) == [] for init in inits):
            standby = {direct[0], *inits}
            return [pid for pid in left if pid not in standby]
    return left


def sleepers(marker: str) -> list[int]:
    """Every `sleep MARKER` process on the machine: a test's run starts them to see whether
    anything of it outlives the check."""
    found = []
    for name in os.listdir("/proc"):
        try:
            argv = Path(f"/proc/{name}/cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if len(argv) > 1 and argv[0].endswith(b"sleep") and argv[1] == marker.encode():
            found.append(int(name))
    return found


def forked_report(probe: Callable[[dict[str, Any]], None]) -> dict[str, Any]:
    """Run `probe` in a forked child (so walls it puts up stay there) and return what it wrote
    into its dict, even when it stopped half way."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read_end)
        found: dict[str, Any] = {}
        try:
            probe(found)
        finally:
            os.write(write_end, json.dumps(found).encode())
            os._exit(0)
    os.close(write_end)
    text = b""
    while chunk := os.read(read_end, 65536):
        text += chunk
    os.close(read_end)
    os.waitpid(pid, 0)
    return dict(json.loads(text))


def errno_of(call: Callable[[], object]) -> int:
    """0 when `call` succeeds, else the errno it failed with."""
    try:
        call()
    except OSError as exc:
        return exc.errno or -1
    return 0


def put_up_gpu_walls(folder: Path, hide: tuple[str, ...]) -> Path:
    """The file walls a GPU run gets without a private root, put around this process (call it
    in a forked child); JOB/in and JOB/out are made in `folder`. Returns the writable JOB/out."""
    from game.runner import landlock, syscalls
    from game.runner.limits import SandboxLimits
    from game.runner.newroot import root_plan
    from game.runner.sandbox import _file_walls

    inputs, work = folder / "in", folder / "out"
    inputs.mkdir(exist_ok=True)
    work.mkdir(exist_ok=True)
    limits = SandboxLimits(
        wall_s=5, cpu_s=5, memory_bytes=1 << 30, file_bytes=1 << 20, processes=0, hide=hide
    )
    syscalls.prctl(syscalls.PR_SET_NO_NEW_PRIVS, 1)
    read, write, devices = _file_walls(inputs, work, work, limits, root_plan(), False, True, None)
    landlock.restrict(read, write, devices)
    return work
