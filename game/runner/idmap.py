"""Who a run is on Linux: the unprivileged uid it runs as, how a process becomes it, and the id
maps of the user namespaces runs live in.

As root each sandbox gets a uid of its own (`fresh_run_identity`), drawn where no account or
service has one, so what a run's uid may touch on the host (its results folder while it runs,
the processes RLIMIT_NPROC counts) is that run's alone: no other check's run, no service
running as `nobody`. A jailed run's parent takes the ids the trusted side gave its JOB/out
(`folder_identity`); a spare worker is started with its uid pinned (`run_identity`).

An unprivileged process may map only its own ids (`map_own_ids`). A spare worker started as
root whose Python install is private to root (pyenv under a 0700 /root) needs two: uid 0, to
import torch and start the device, and the run's uid, to become before any player code runs.
Only a process holding CAP_SETUID in the parent namespace may write such a map, so a helper
left outside writes it (`unshare_mapped_by_root`); the worker drops to the run's uid once its
private root stands (`drop_to_run_uid`), where the install is bound without its private
parents. Must not import torch or pygame.
"""

from __future__ import annotations

import os
import secrets

from game.runner import syscalls
from game.runner.newroot import RootPlan, open_to_others, root_plan
from game.runner.syscalls import CLONE_NEWUSER

PRIVATE_INSTALL = "uid-0 (the Python install is private to root)"
MAPPED = 0  # the helper's exit codes: both ids mapped,
ROOT_ONLY = 2  # only uid 0 (the run's uid could not be mapped),
UNMAPPED = 1  # nothing (the worker cannot go on)


PINNED = "TORCHENSTEIN_SANDBOX_UID"  # the user's choice of every run's uid, or a worker's own
# Uids systemd's table of ranges leaves unused (1879048192-2147483647, below the 2**31 that some
# tools cannot handle): 16M of them, so two live runs share one with odds of one in millions
RUN_UIDS = range(0x70000000, 0x70000000 + (1 << 24))


def run_identity() -> tuple[int, int]:
    """The outside uid/gid of this process's run: as root the pinned one (a spare worker is
    started with its own pinned), 65534 where none is; otherwise the user itself."""
    if os.geteuid() == 0:
        uid = int(os.environ.get(PINNED, "65534"))
        return uid, uid
    return os.getuid(), os.getgid()


def fresh_run_identity() -> tuple[int, int]:
    """The ids for a new sandbox: as root the pinned uid where the user named one, else one no
    other run has (`RUN_UIDS`); otherwise the user itself."""
    if os.geteuid() != 0:
        return os.getuid(), os.getgid()
    pinned = os.environ.get(PINNED)
    uid = int(pinned) if pinned else RUN_UIDS[secrets.randbelow(len(RUN_UIDS))]
    return uid, uid


def folder_identity(job_dir: str) -> tuple[int, int]:
    """As root, the ids the trusted side gave this job's run: the owner of its JOB/out (JOB is
    root's, so no one else chose it). Raises OSError where that owner is root: a run never
    keeps uid 0 by mistake."""
    if os.geteuid() != 0:
        return os.getuid(), os.getgid()
    info = os.lstat(os.path.join(job_dir, "out"))
    if info.st_uid == 0 or info.st_gid == 0:
        raise PermissionError(f"{job_dir}/out belongs to root: the run has no identity")
    return info.st_uid, info.st_gid


def become_run_uid(
    plan: RootPlan | None = None,
    give: tuple[str, ...] = (),
    ids: tuple[int, int] | None = None,
) -> list[str]:
    """As root, become the run's unprivileged uid (`ids`, else `run_identity`), so that a run
    whose walls are thin (no private root) still owns nothing outside, unless that uid could
    not read the Python install where it lies (pyenv under a private /root): then keep uid 0,
    without capabilities later, and say so. `give`: folders handed to the run's uid first.
    Returns the layer ([] when not root)."""
    if os.geteuid() != 0:
        return []
    uid, gid = ids or run_identity()
    if not install_open(plan):
        return [PRIVATE_INSTALL]
    for folder in give:
        os.chown(folder, uid, gid)
    become(uid, gid)
    return [f"uid-{uid}"]


def install_open(plan: RootPlan | None = None) -> bool:
    """Whether the run's uid can reach the Python install where it lies on the host."""
    return open_to_others((plan or root_plan()).readonly)


def become(uid: int, gid: int) -> None:
    """Take these ids for good: no supplementary groups, no way back, no capabilities."""
    os.setgroups([])
    os.setresgid(gid, gid, gid)
    os.setresuid(uid, uid, uid)  # capabilities go with uid 0


def _write(path: str, text: str) -> None:
    fd = os.open(path, os.O_WRONLY)
    try:
        os.write(fd, text.encode())
    finally:
        os.close(fd)


def map_own_ids(uid: int, gid: int) -> None:
    """Map exactly this process's outside ids into its new user namespace (all an unprivileged
    process may map), with setgroups denied."""
    syscalls.prctl(syscalls.PR_SET_DUMPABLE, 1)  # /proc/self/*_map belong to root otherwise
    try:
        _write("/proc/self/setgroups", "deny")
        _write("/proc/self/uid_map", f"{uid} {uid} 1")
        _write("/proc/self/gid_map", f"{gid} {gid} 1")
    finally:
        syscalls.prctl(syscalls.PR_SET_DUMPABLE, 0)


def unshare_mapped_by_root() -> int:
    """As root, single-threaded: enter a new user namespace where uid 0 is root and the run's
    uid is itself. A forked helper, still in the parent namespace, writes the maps and exits
    with `MAPPED`, `ROOT_ONLY` or `UNMAPPED`, which this returns. Supplementary groups are
    dropped first: none may outlive the later drop to the run's uid. Raises OSError when the
    kernel refuses the namespace (nothing has changed then but the groups)."""
    os.setgroups([])
    uid, gid = run_identity()
    worker = os.getpid()
    go_read, go_write = os.pipe()
    helper = os.fork()
    if helper == 0:
        os.close(go_write)
        code = UNMAPPED
        try:
            if os.read(go_read, 1) == b"u":
                code = _map_from_outside(worker, uid, gid)
        finally:
            os._exit(code)
    os.close(go_read)
    try:
        syscalls.unshare(CLONE_NEWUSER)
        os.write(go_write, b"u")
    finally:
        os.close(go_write)  # unwritten: the helper leaves without mapping
        _, status = os.waitpid(helper, 0)
    return os.waitstatus_to_exitcode(status)


def _map_from_outside(worker: int, uid: int, gid: int) -> int:
    found = [_write_map(worker, "uid", uid), _write_map(worker, "gid", gid)]
    if None in found:
        return UNMAPPED
    return MAPPED if all(found) else ROOT_ONLY


def _write_map(worker: int, kind: str, run_id: int) -> bool | None:
    """True: 0 and the run's id are mapped; False: only 0; None: nothing."""
    for text, both in ((f"0 0 1\n{run_id} {run_id} 1", True), ("0 0 1", False)):
        try:
            _write(f"/proc/{worker}/{kind}_map", text)
            return both
        except OSError:
            continue  # a refused write leaves the map unwritten: the next may still take
    return None


def drop_to_run_uid() -> list[str]:
    """In a worker mapped by `unshare_mapped_by_root`, once its private root stands: become the
    run's uid. Returns the layer; uid 0's when the run's uid is not mapped."""
    try:
        become(*run_identity())
    except OSError:
        return [PRIVATE_INSTALL]
    return [f"uid-{os.getuid()}"]
