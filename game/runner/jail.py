"""Kernel isolation of one run on Linux: user, PID, mount, network, IPC and UTS namespaces
around a private root that holds only a read-only Python/torch install and a size-limited
scratch tmpfs.

The zygote forks a *run parent* per run, which:
1. gets a mount namespace it may change (as root: a plain one; otherwise with a user namespace),
   and builds the new root under `JOB/root`: read-only binds of the interpreter, site-packages,
   the `game` package, /usr and the loader's files; /dev with null/zero/full/random/urandom;
   `/job` (the job's inputs, read-only); `/tmp` (= /dev/shm) a private tmpfs of fixed size;
2. as root, drops to the run's own unprivileged outside uid (the owner of its JOB/out,
   `idmap.folder_identity`); then enters new user, PID, network, IPC and UTS namespaces,
   mapping only its own outside id (so the run is nobody special outside);
3. forks the run's *init* (PID 1 of the new PID namespace): it mounts a fresh /proc, pivots
   into the new root and detaches the old one, then becomes the sandbox (`sandbox.enter`);
4. relays progress and copies results out of the scratch into `JOB/out` (`relay`), waits
   for the init and exits as it did. When the init dies, the kernel kills everything left in
   its PID namespace, so nothing of a run can outlive it.

Where the kernel refuses namespaces (or TORCHENSTEIN_SANDBOX_NAMESPACES=0 simulates that),
the run goes on with the layers that need none (Landlock, seccomp, rlimits) and says so in
`sandbox.json`. Must not import torch or pygame.
"""

from __future__ import annotations

import json
import os
import signal
from dataclasses import replace
from pathlib import Path
from typing import Any, NoReturn

from game.runner import protections, syscalls
from game.runner.exitmirror import mirror, open_proc, wait_for
from game.runner.idmap import become, become_run_uid, folder_identity, map_own_ids
from game.runner.limits import SandboxLimits
from game.runner.newroot import (
    JOB_MOUNT,
    PUZZLE_MOUNT,
    RESULTS,
    SCRATCH,
    RootPlan,
    build_root,
)
from game.runner.relay import RUN_DONE, Relay
from game.runner.syscalls import (
    CLONE_NEWIPC,
    CLONE_NEWNET,
    CLONE_NEWNS,
    CLONE_NEWPID,
    CLONE_NEWUSER,
    CLONE_NEWUTS,
    MS_BIND,
    MS_NODEV,
    MS_NOEXEC,
    MS_NOSUID,
    MS_PRIVATE,
    MS_RDONLY,
    MS_REC,
    MS_REMOUNT,
)

EXIT_LOST = 71
MAX_REQUEST = 1 << 16  # a request line (paths and limits) is a few hundred bytes
# run parent -> zygote, instead of RUN_DONE: every result file is written and the run's only
# process (it could start none: seccomp) is SIGKILLed, so no code of it can run again
RUN_ALONE = b"a"
WALLS_UP = b"w"  # run parent -> zygote: the run's walls stand, its clock may start


def enter_namespaces(
    job_dir: str, plan: RootPlan, hide: list[str], puzzle: str | None = None
) -> list[str]:
    """Step 1 and 2 in the run parent; afterwards its working directory is the new root."""
    uid, gid = folder_identity(job_dir)
    as_root = os.geteuid() == 0
    if as_root:
        syscalls.unshare(CLONE_NEWNS)
    else:
        syscalls.unshare(CLONE_NEWUSER | CLONE_NEWNS)
        map_own_ids(uid, gid)
    syscalls.mount(None, "/", None, MS_REC | MS_PRIVATE)
    new_root = os.path.join(job_dir, "root")
    build_root(new_root, plan, os.path.join(job_dir, "in"), hide, uid, puzzle)
    run_ns = CLONE_NEWPID | CLONE_NEWNET | CLONE_NEWIPC | CLONE_NEWUTS
    if as_root:
        become(uid, gid)
        syscalls.unshare(CLONE_NEWUSER | CLONE_NEWNS | run_ns)
        map_own_ids(uid, gid)
        # pivot_root refuses mounts this namespace inherited (they are locked): bind a fresh one
        syscalls.mount(new_root, new_root, None, MS_BIND | MS_REC)
    else:
        syscalls.unshare(run_ns)
    os.chdir(new_root)
    return [
        "user-ns",
        "pid-ns",
        "mount-ns",
        "net-ns",
        "ipc-ns",
        "uts-ns",
        f"uid-{uid}" if as_root else "uid-self",
        "private-root",
        "scratch-tmpfs",
    ]


def enter_root() -> list[str]:
    """Step 3, in the run's init: fresh /proc, pivot into the new root, old root detached."""
    layers = []
    try:
        flags = MS_NOSUID | MS_NODEV | MS_NOEXEC
        syscalls.mount("proc", "proc", "proc", flags)
        layers.append("proc-own-pids")
    except OSError:
        pass  # a kernel that hides parts of the host /proc refuses new ones: go without
    syscalls.pivot_root(".", ".")
    syscalls.umount_detach(".")
    os.chdir("/")
    syscalls.mount(None, "/", None, MS_REMOUNT | MS_BIND | MS_RDONLY | MS_NOSUID | MS_NODEV)
    return layers


def _limits(request: dict[str, Any], zygote: int) -> SandboxLimits:
    limits = SandboxLimits.from_json(request["limits"])
    # without a PID namespace the zygote is visible: seccomp must refuse signalling it too
    return replace(limits, protect_pids=(*limits.protect_pids, zygote))


def _await_request(go: int) -> bytes:
    """The request line a standby waits for; leaves quietly when the zygote drops it."""
    line = b""
    while not line.endswith(b"\n") and len(line) < MAX_REQUEST:
        chunk = os.read(go, MAX_REQUEST)
        if not chunk:
            os._exit(EXIT_LOST)
        line += chunk
    return line


def run_parent(
    job_dir: str,
    request: dict[str, Any],
    plan: RootPlan,
    zygote: int,
    ready: int,
    go: int | None = None,
) -> NoReturn:
    """The whole life of a run parent (called right after the zygote's fork; never returns).
    `ready`: a pipe to the zygote; `WALLS_UP` once the init reported its layers (the run's
    clock starts there), `RUN_DONE` once every result is copied out. A run whose harness
    finished is not waited for: the zygote answers at once and tears the run down while the
    trusted side judges (a 220 MB process takes milliseconds to exit).
    `go`: this parent is a standby, built from an earlier `request` before its own is known;
    it builds the walls, forks the init, and both wait there for the request line. A request
    whose hidden folders differ from those it walled off is refused (the run is lost)."""
    import resource

    from game.runner.sandbox import enter

    syscalls.prctl(syscalls.PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != zygote:
        os._exit(EXIT_LOST)
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))  # it may die as its init did, quietly
    limits = _limits(request, zygote)
    puzzle = str(request["puzzle"]) if request.get("puzzle") else None
    out = os.open(os.path.join(job_dir, "out"), os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW)
    log = os.open(
        "out.log", os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o644, dir_fd=out
    )
    null = os.open(os.devnull, os.O_RDWR)
    for target, source in ((0, null), (1, log), (2, log)):
        os.dup2(source, target)
    keep = {0, 1, 2, out, ready} | ({go} if go is not None else set())
    syscalls.close_fds_except(keep)  # the zygote's other pipes included
    layers = ["no-namespaces (switched off)"]
    jailed = False
    if protections.namespaces_wanted():
        try:
            layers = enter_namespaces(job_dir, plan, list(limits.hide), puzzle)
            jailed = True
        except OSError as exc:
            layers = [f"no-namespaces ({exc.strerror or exc})"[:80]]
    if jailed:
        scratch = os.open("." + RESULTS, os.O_RDONLY | os.O_DIRECTORY)
        inputs, work, temp = JOB_MOUNT, RESULTS, SCRATCH
    else:  # the run writes in JOB/work; JOB/out only ever receives checked copies
        work = os.path.join(job_dir, "work")
        os.mkdir(work, 0o700)
        # JOB/out is its uid's (`make_job_dir`)
        layers += become_run_uid(plan, give=(work,), ids=folder_identity(job_dir))
        scratch = os.open(work, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW)
        inputs, temp = os.path.join(job_dir, "in"), work
    read_end, write_end = os.pipe()
    gate_read, gate_write = os.pipe() if go is not None else (-1, -1)
    proc = open_proc()
    pid = os.fork()
    if pid == 0:
        code = 70
        try:
            syscalls.prctl(syscalls.PR_SET_PDEATHSIG, signal.SIGKILL)  # seccomp keeps it set
            for fd in (
                read_end,
                out,
                scratch,
                ready,
                *((go, gate_write) if go is not None else ()),
                *((proc,) if proc is not None else ()),
            ):
                os.close(fd)
            own = enter_root() if jailed else []
            if go is not None:
                limits = _limits(json.loads(_await_request(gate_read)), zygote)
            folder = None if puzzle is None else Path(PUZZLE_MOUNT if jailed else puzzle)
            enter(
                Path(inputs),
                Path(work),
                Path(temp),
                limits,
                plan,
                jailed,
                write_end,
                own,
                puzzle=folder,
            )
            code = 0
        except BaseException:
            if os.environ.get("TORCHENSTEIN_RUNNER_DEBUG"):
                import traceback

                traceback.print_exc()
        finally:
            os._exit(code)
    os.close(write_end)
    if go is not None:
        os.close(gate_read)
        line = _await_request(go)
        request = json.loads(line)
        if list(request["limits"].get("hide", [])) != list(limits.hide):
            os._exit(EXIT_LOST)  # its walls hide other folders than this run needs
        limits = _limits(request, zygote)
        os.write(gate_write, line)
        os.close(gate_write)
    relay = Relay(read_end, scratch, out, int(request.get("cases", 0)), limits.file_bytes)
    layers += relay.layers()
    _write_report(out, layers)
    os.write(ready, WALLS_UP)
    if relay.follow():
        alone = limits.processes == 0 and "seccomp" in layers
        if alone:
            os.kill(pid, signal.SIGKILL)  # the zygote need not wait for its exit to say so
        relay.finish()  # the init may still be exiting; every file it made is complete
        os.write(ready, RUN_ALONE if alone else RUN_DONE)
        os._exit(0)
    status = wait_for(pid, proc)
    relay.finish()
    mirror(status)


def _write_report(out: int, layers: list[str]) -> None:
    fd = os.open(
        "sandbox.json", os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o644, dir_fd=out
    )
    try:
        os.write(fd, json.dumps(layers).encode())
    finally:
        os.close(fd)
