"""The private root of a run (Linux): what it holds and how it is mounted. `root_plan` decides
which host folders a run may read (the interpreter, site-packages, the `game` package, /usr,
the loader cache; never the repository's top level, where puzzles and references live);
`build_root` mounts them read-only under JOB/root (working from inside the root's own tmpfs)
with devices, the job's inputs at /job, a mod's puzzle at /puzzle for the job that builds its
cases, and a size-limited scratch tmpfs at /scratch (also /dev/shm). Called by `jail` in the
run's parent and by `spareroot`. Must not import torch or pygame.
"""

from __future__ import annotations

import os
import site
import stat
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from game.runner import syscalls
from game.runner.syscalls import (
    MS_BIND,
    MS_NODEV,
    MS_NOEXEC,
    MS_NOSUID,
    MS_RDONLY,
    MS_REC,
    MS_REMOUNT,
)

# Not /tmp: the interpreter or its venv may live under /tmp (a CI's `mktemp -d`), and its
# read-only bind must not collide with the run's writable scratch.
SCRATCH = "/scratch"
RESULTS = "/scratch/out"
JOB_MOUNT = "/job"
PUZZLE_MOUNT = "/puzzle"  # a mod's own puzzle folder, for the job that builds its cases
SCRATCH_BYTES = 160 * 1024 * 1024  # results (<= 64 MB of tensors), temp files, /dev/shm
_MS_NOATIME = 1024
_DEVICES = ("/dev/null", "/dev/zero", "/dev/urandom")
_LOADER_FILES = ("/etc/ld.so.cache",)  # every mount costs each run; the loader needs only this


@dataclass(frozen=True)
class RootPlan:
    """What a run's root holds besides its scratch: host paths bound read-only at the same
    place, top-level symlinks (merged /usr), and device files."""

    readonly: tuple[str, ...]
    links: tuple[tuple[str, str], ...]
    devices: tuple[str, ...]


def root_plan() -> RootPlan:
    """Exactly what Python, torch and the sandbox side of `game` need, nothing of the player's:
    the repository's top level (puzzles, references) stays outside; only `game/` is bound."""
    package = Path(__file__).resolve().parent.parent
    wanted = [
        sys.base_prefix,
        sys.base_exec_prefix,
        sys.prefix,
        sys.exec_prefix,
        *site.getsitepackages(),
        str(package),
        "/usr",
        *_LOADER_FILES,
    ]
    links: list[tuple[str, str]] = []
    for top in ("/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32"):
        if os.path.islink(top):
            links.append((top, os.readlink(top)))
        elif os.path.isdir(top):
            wanted.append(top)
    real = sorted({os.path.realpath(p) for p in wanted if os.path.exists(p)})
    outermost = tuple(
        p for p in real if not any(q != p and p.startswith(q.rstrip("/") + "/") for q in real)
    )
    return RootPlan(outermost, tuple(links), tuple(d for d in _DEVICES if os.path.exists(d)))


def open_to_others(paths: Sequence[str]) -> bool:
    """Whether any user may reach and read `paths` by their modes: a jail binds them into a
    fresh root, but a run without one reads them where they lie."""
    for path in paths:
        parent = os.path.dirname(path)
        while parent not in ("/", ""):
            if not os.stat(parent).st_mode & stat.S_IXOTH:
                return False
            parent = os.path.dirname(parent)
        if not os.stat(path).st_mode & stat.S_IROTH:
            return False
    return True


def carve(readable: Sequence[str], hide: Sequence[str]) -> list[str]:
    """`readable` with the folders in `hide` cut out, for Landlock (which can only allow): a
    readable folder that holds a hidden one is replaced by its entries, and the entry on the way
    to the hidden folder is carved the same way. Symlinks inside are left out (Landlock checks
    where they lead); the walk lists only the folders on the way, never whole trees."""
    hidden = [os.path.realpath(h) for h in hide]
    found: list[str] = []

    def visit(path: str) -> None:
        inside = [h for h in hidden if h == path or h.startswith(path.rstrip("/") + "/")]
        if not inside:
            found.append(path)
            return
        if path in inside:
            return
        try:
            entries = sorted(os.listdir(path))
        except OSError:
            return
        for name in entries:
            child = os.path.join(path, name)
            if not os.path.islink(child):
                visit(child)

    for path in readable:
        visit(os.path.realpath(path))
    return found


def _touch(path: str) -> None:
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_NOFOLLOW, 0o644))


def bind(source: str, target: str, readonly: bool) -> None:
    if os.path.isdir(source):
        os.makedirs(target, exist_ok=True)
    else:
        os.makedirs(os.path.dirname(target), exist_ok=True)
        _touch(target)
    syscalls.mount(source, target, None, MS_BIND | MS_REC)
    if readonly:
        try:
            syscalls.make_readonly(target)
        except OSError:  # kernels before 5.12: only the top mount becomes read-only
            flags = MS_REMOUNT | MS_BIND | MS_RDONLY | MS_NOSUID | MS_NODEV
            syscalls.mount(None, target, None, flags | _locked_flags(source))


def _locked_flags(path: str) -> int:
    """Flags a user namespace may not clear on a remount, as the source mount has them."""
    found = os.statvfs(path).f_flag
    return (MS_NOEXEC if found & os.ST_NOEXEC else 0) | (
        _MS_NOATIME if found & os.ST_NOATIME else 0
    )


def mount_base(new_root: str) -> None:
    """Mount the root's own tmpfs at `new_root` and step into it. The rest of the build works
    from there by relative path: the trusted side may remove a standby's folder while its walls
    go up, which detaches this tmpfs, and a build by absolute path then recreated the folder on
    the host's disk, where nothing removed it again."""
    syscalls.mount("tmpfs", new_root, "tmpfs", MS_NOSUID | MS_NODEV, "size=4m,mode=0755")
    os.chdir(new_root)


def build_root(
    new_root: str, plan: RootPlan, inputs: str, hide: list[str], uid: int, puzzle: str | None
) -> None:
    """The whole root at `new_root`; leaves the process in it."""
    mount_base(new_root)
    fill_root(plan, inputs, hide, uid, puzzle)


def fill_root(plan: RootPlan, inputs: str, hide: list[str], uid: int, puzzle: str | None) -> None:
    """Everything inside the root, from within it (after `mount_base`)."""
    here = "."
    for path in plan.readonly:
        bind(path, here + path, readonly=True)
    for path, target in plan.links:
        os.symlink(target, here + path)
    for path in hide:  # content roots or the player's folder that happen to sit inside a bind
        if os.path.isdir(here + path):
            flags = MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC
            syscalls.mount("tmpfs", here + path, "tmpfs", flags, "size=4k,mode=0555")
    for device in plan.devices:
        bind(device, here + device, readonly=False)
    bind(inputs, here + JOB_MOUNT, readonly=True)
    if puzzle is not None:
        bind(puzzle, here + PUZZLE_MOUNT, readonly=True)
    scratch = here + SCRATCH
    os.makedirs(scratch)
    options = f"size={SCRATCH_BYTES},nr_inodes=4096,mode=1777"
    syscalls.mount("tmpfs", scratch, "tmpfs", MS_NOSUID | MS_NODEV, options)
    os.mkdir(here + RESULTS, 0o700)
    os.chown(here + RESULTS, uid, -1)
    os.makedirs(here + "/dev/shm")
    syscalls.mount(scratch, here + "/dev/shm", None, MS_BIND)  # shared memory is scratch too
    os.mkdir(here + "/proc")
