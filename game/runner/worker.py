"""A spare worker: the non-fork way to a warm sandbox (Windows, macOS, CUDA runs, or forced by
`TORCHENSTEIN_SANDBOX=spare`). It imports torch (and for `--device cuda` initialises CUDA), says
it is ready, waits for exactly one job, becomes the sandbox for it and exits. The trusted side
keeps one spare per device and starts the next one when a run ends.

    -> {"dir": JOB_DIR, "limits": {...}}      <- {"ready": true}, then {"layers": [...]}
                                                 before any player code runs

Never imports pygame.
"""

from __future__ import annotations

import argparse
import json
import os
import select
import signal
import sys
from pathlib import Path

from game.runner.preload import preload


def _own_pid_namespace(device: str) -> list[str]:
    """Linux: go on as the first process of a new PID namespace, so that whatever the run
    starts (a setsid child included) dies with this worker. The process the trusted side
    started stays outside, waits, and exits as the worker did; the worker has a parent-death
    signal, so killing the outer process kills the namespace. Needs no privilege as root; other
    users need a user namespace, which a CUDA driver may not accept, so their CUDA workers go
    without (and the layers say so)."""
    from game.runner import jail, protections, syscalls

    if not protections.namespaces_wanted() or (device != "cpu" and os.geteuid() != 0):
        return []
    uid, gid = os.getuid(), os.getgid()  # inside a new user namespace both read as unmapped
    if os.geteuid() != 0:
        try:
            syscalls.unshare(syscalls.CLONE_NEWUSER)
        except OSError:
            return []
        try:
            jail.map_own_ids(uid, gid)
        except OSError:  # an unmapped identity cannot even create files: no worker at all
            os._exit(jail.EXIT_LOST)
    try:
        syscalls.unshare(syscalls.CLONE_NEWPID)
    except OSError:
        return []
    alive, holder = os.pipe()  # the outer process holds `holder` open for as long as it lives
    pid = os.fork()
    if pid == 0:
        syscalls.prctl(syscalls.PR_SET_PDEATHSIG, signal.SIGKILL)
        os.close(holder)
        gone = select.select([alive], [], [], 0)[0]  # its parent is not visible from in here
        os.close(alive)
        if gone:
            os._exit(jail.EXIT_LOST)
        return ["pid-ns"]
    os.close(alive)
    for fd in (0, 1):
        os.close(fd)  # the worker alone talks to the trusted side
    _, status = os.waitpid(pid, 0)
    jail.mirror(status)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--device", default="cpu")
    args = parser.parse_args()
    layers = _own_pid_namespace(args.device) if sys.platform.startswith("linux") else []
    out = os.fdopen(os.dup(1), "w", encoding="utf-8")
    os.dup2(2, 1)
    preload()
    if sys.platform.startswith("linux"):
        from game.runner import syscalls

        syscalls.prctl(syscalls.PR_SET_DUMPABLE, 0)
    if args.device in ("cuda", "mps"):
        import torch

        torch.empty(1, device=args.device)  # pay the device's start-up now, not during Run
    out.write(json.dumps({"ready": True, "pid": os.getpid()}) + "\n")
    out.flush()
    try:
        request = json.loads(sys.stdin.readline())
    except ValueError:  # end of input or garbage: the trusted side no longer needs this spare
        os._exit(0)
    out.flush()
    code = 70
    try:
        from game.runner.sandbox import enter_spare

        puzzle = Path(request["puzzle"]) if request.get("puzzle") else None
        limits = request["limits"]
        enter_spare(Path(request["dir"]), limits, args.device, out.fileno(), layers, puzzle)
        code = 0
    finally:
        os._exit(code)


if __name__ == "__main__":
    main()
