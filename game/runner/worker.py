"""A spare worker: the non-fork way to a warm sandbox (Windows, macOS, CUDA runs, or forced by
`TORCHENSTEIN_SANDBOX=spare`). On Linux it first enters its own namespaces; then it imports
torch (and for `--device cuda` starts CUDA), says it is ready, waits for exactly one job,
becomes the sandbox for it and exits. The trusted side keeps one spare per device and starts
the next one when a run ends.

    -> {"dir": JOB_DIR, "limits": {...}}      <- {"ready": true}, then {"layers": [...]}
                                                 before any player code runs
                                              <- {"ready": false, "walled": bool, "error": str}
                                                 when torch or the device would not start

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


def _own_namespaces() -> tuple[list[str], int]:
    """Linux: go on as the first process of new user, PID, mount, network, IPC and UTS
    namespaces, so that whatever the run starts (a setsid child included) dies with this
    worker, nothing of it reaches a network or another process's IPC, and its private root can
    be built when the job comes (`spareroot`). As root it first becomes the run's
    unprivileged uid (as a jailed run does); where that uid could not import torch (the
    install is private to root) it stays uid 0 inside, with the run's uid mapped too, and
    becomes it once its private root stands (`idmap.drop_to_run_uid`). The process the
    trusted side started stays outside, waits, and exits as the worker did; the worker has a
    parent-death signal, so killing the outer process kills the namespace. Returns the layers
    (or why there are none) and the uid the run will have."""
    from game.runner import idmap, jail, syscalls

    identity: list[str] = []
    own_ids: tuple[int, int] | None = None  # what it maps itself once in its namespace
    try:
        if os.geteuid() == 0 and not idmap.install_open():
            mapped = idmap.unshare_mapped_by_root()
            if mapped == idmap.UNMAPPED:  # an unmapped identity cannot even create files
                os._exit(jail.EXIT_LOST)
            identity = [] if mapped == idmap.MAPPED else [idmap.PRIVATE_INSTALL]
            run_uid = idmap.run_identity()[0] if mapped == idmap.MAPPED else 0
        else:
            identity = idmap.become_run_uid()
            own_ids = (os.getuid(), os.getgid())  # read now: unmapped, they read as 65534
            run_uid = own_ids[0]
            syscalls.unshare(syscalls.CLONE_NEWUSER)
    except OSError as exc:
        identity = identity or idmap.become_run_uid()  # uid 0's layer, if it stays uid 0
        _stay_outside()
        return [f"no-namespaces ({exc.strerror or exc})"[:80], *identity], os.getuid()
    layers = ["user-ns", "pid-ns", "net-ns", "ipc-ns", "uts-ns", *identity]
    try:
        if own_ids is not None:
            idmap.map_own_ids(*own_ids)
        run_ns = syscalls.CLONE_NEWPID | syscalls.CLONE_NEWNET | syscalls.CLONE_NEWIPC
        # the mount namespace now, while single-threaded: its private root comes with the job
        syscalls.unshare(run_ns | syscalls.CLONE_NEWUTS | syscalls.CLONE_NEWNS)
        syscalls.mount(None, "/", None, syscalls.MS_REC | syscalls.MS_PRIVATE)
    except OSError:  # an unmapped identity cannot even create files: no worker at all
        os._exit(jail.EXIT_LOST)
    _stay_outside()
    return layers, run_uid


def _stay_outside() -> None:
    """Fork: the child goes on as the worker; this process stays outside as its subreaper,
    waits for it, kills and reaps whatever the run left under it (a setsid() child whose
    parent exited comes here, not to the host's init), and exits as the worker did. The
    worker has a parent-death signal, so killing this process kills the worker."""
    from game.runner import exitmirror, jail, runtree, syscalls

    runtree.become_subreaper()
    alive, holder = os.pipe()  # this process holds `holder` open for as long as it lives
    proc = exitmirror.open_proc()
    pid = os.fork()
    if pid == 0:
        syscalls.prctl(syscalls.PR_SET_PDEATHSIG, signal.SIGKILL)
        os.close(holder)
        if proc is not None:
            os.close(proc)
        gone = select.select([alive], [], [], 0)[0]  # its parent may be invisible from here
        os.close(alive)
        if gone:
            os._exit(jail.EXIT_LOST)
        return
    os.close(alive)
    for fd in (0, 1):
        os.close(fd)  # the worker alone talks to the trusted side
    status = exitmirror.wait_for(pid, proc)
    runtree.sweep()
    exitmirror.mirror(status)


def _warm_device(device: str) -> None:
    """Start the device now, before the walls (whose Landlock rules never take back a file
    already open) and before the run's clock: its context, and for CUDA the matrix library."""
    import torch

    x = torch.ones(8, 8, device=device)
    (x @ x).sum().item()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--device", default="cpu")
    parser.add_argument(
        "--bare",
        metavar="WHY",
        help="enter no namespaces (the device would not start inside them), and say why",
    )
    args = parser.parse_args()
    layers: list[str] = []
    # the uid the run will have, whose the results folder must be (None: no such thing)
    run_uid = os.getuid() if sys.platform != "win32" else None
    if sys.platform.startswith("linux"):
        from game.runner import idmap, protections

        if args.bare or not protections.namespaces_wanted():
            # --bare: the device would not start inside the namespaces
            why = args.bare or "switched off"
            layers = [f"no-namespaces ({why})"[:120], *idmap.become_run_uid()]
            run_uid = os.getuid()
            _stay_outside()
        else:
            layers, run_uid = _own_namespaces()
    out = os.fdopen(os.dup(1), "w", encoding="utf-8")
    os.dup2(2, 1)
    try:
        preload()
        if sys.platform.startswith("linux"):
            from game.runner import syscalls

            syscalls.prctl(syscalls.PR_SET_DUMPABLE, 0)
        if args.device in ("cuda", "mps"):
            _warm_device(args.device)
    except Exception as exc:  # the trusted side may try again without the namespaces
        walled = "user-ns" in layers
        out.write(json.dumps({"ready": False, "walled": walled, "error": _why(exc)}) + "\n")
        out.flush()
        os._exit(70)
    # ids read the same inside its user namespace as outside (each is mapped to itself)
    out.write(json.dumps({"ready": True, "pid": os.getpid(), "uid": run_uid}) + "\n")
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


def _why(exc: BaseException) -> str:
    """One line naming what failed, short enough for a layer's name."""
    text = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {text[0] if text else ''}"[:100]


if __name__ == "__main__":
    main()
