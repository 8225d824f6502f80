"""A run's job folder on the host: where it is made (the temp folder, never /dev/shm: a run
allowed worker processes may write /dev/shm, so another check's folder there could be read and
its results forged) and how it is laid out. JOB itself is traversable only; JOB/in holds the job, readable by the run;
JOB/out receives what the judge reads, written by the run's parent, which runs as the sandbox's
uid; JOB/root is where the run's private root is mounted.

Made by the trusted runner for builds and fallbacks, and by the zygote for the standby sandbox
it keeps ready for the next run; removed by `remove_job_dir`, however deep a run's leftovers.
Every process that may still remove a folder holds a shared lock on its JOB/held file, so a
folder whose holders were all killed (a game killed mid-run, a zygote the OOM killer took) is
found by the lock nobody holds and removed when a runner next starts (`sweep_stale`).
Must not import torch or pygame.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import stat
import tempfile
import time
from pathlib import Path

if os.name == "posix":
    import fcntl

PREFIXES = ("torchenstein-run-", "torchenstein-build-")
HELD = "held"  # the folder's lock file: shared-locked by each process that may remove it
MAKING = "held.new"  # the lock file before it is locked and named
# A folder without its lock file is being made (for microseconds) or its maker was killed
# while making it; past this age it is the latter
UNFINISHED_S = 60.0
_held: dict[str, int] = {}  # this process's folders -> its open lock file


def make_job_dir(prefix: str = "torchenstein-run-") -> Path:
    job_dir = Path(tempfile.mkdtemp(prefix=prefix))
    os.chmod(job_dir, 0o711)
    if os.name == "posix":
        # Locked before it gets its name, so a sweep never sees it free (a folder without
        # its named lock is swept only once older than any making takes: `_unfinished`)
        fd = os.open(job_dir / MAKING, os.O_RDONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o600)
        fcntl.flock(fd, fcntl.LOCK_SH)
        os.rename(job_dir / MAKING, job_dir / HELD)
        _held[str(job_dir)] = fd
    (job_dir / "in").mkdir(mode=0o755)
    (job_dir / "out").mkdir(mode=0o700)
    (job_dir / "root").mkdir(mode=0o755)
    if os.name == "posix" and os.geteuid() == 0:  # its run's own ids, which its jail takes
        from game.runner.idmap import fresh_run_identity

        uid, gid = fresh_run_identity()
        os.chown(job_dir / "out", uid, gid)
    return job_dir


def hold(job_dir: Path) -> None:
    """Share the lock on a folder another process made and hands over (the zygote's standby),
    so it outlives neither this process nor that one unswept. A folder already being swept, or
    gone, is left alone: its run will find no job."""
    if os.name != "posix" or str(job_dir) in _held:
        return
    try:
        fd = os.open(job_dir / HELD, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError:
        return
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except OSError:
        os.close(fd)
        return
    _held[str(job_dir)] = fd


def release(job_dir: Path) -> None:
    """This process will not remove `job_dir`: another holder (the trusted side) will."""
    fd = _held.pop(str(job_dir), None)
    if fd is not None:
        os.close(fd)


def sweep_stale() -> int:
    """Remove the job folders in the temp folder whose lock nobody holds (every process that
    knew of them died before removing them), and those whose maker was killed before it named
    their lock (`_unfinished`); returns how many. Only this user's own folders, opened without
    following links; a run's leftovers are hostile, so a lock file that is not a regular file,
    or any surprise, leaves the folder alone."""
    if os.name != "posix":
        return 0
    top = tempfile.gettempdir()
    try:
        names = [name for name in os.listdir(top) if name.startswith(PREFIXES)]
    except OSError:
        return 0
    swept = 0
    for name in names:
        path = os.path.join(top, name)
        if path in _held:
            continue
        lock = _free_lock(path)
        if lock is not None:
            try:
                remove_job_dir(Path(path))
                swept += 1
            finally:
                os.close(lock)
    return swept


def _free_lock(path: str) -> int | None:
    """The lock file of the job folder at `path`, locked by this process, when the folder is
    this user's, its lock a regular file and nobody else's lock held; otherwise None."""
    flags = os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC
    try:
        folder = os.open(path, flags | os.O_DIRECTORY)
    except OSError:
        return None
    try:
        if os.fstat(folder).st_uid != os.geteuid():
            return None
        try:
            lock = os.open(HELD, flags | os.O_NONBLOCK, dir_fd=folder)
        except FileNotFoundError:
            return _unfinished(folder)
    except OSError:
        return None
    finally:
        os.close(folder)
    return _take(lock)


def _take(lock: int) -> int | None:
    """`lock`, locked by this process, when it is a regular file and nobody else's lock is
    held on it; otherwise closed, and None."""
    try:
        if stat.S_ISREG(os.fstat(lock).st_mode):
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return lock
    except OSError:
        pass
    os.close(lock)
    return None


def _unfinished(folder: int) -> int | None:
    """A lock on a folder whose maker was killed between making it and naming its lock: it
    holds nothing but that lock file, unlocked (or not even that), and is older than any
    making takes. Anything else in it, or a young folder, is left alone."""
    # Its age first: each step of making a folder changes it (the lock file's making, its
    # naming), so a folder that old is past its last step
    if time.time() - os.fstat(folder).st_mtime < UNFINISHED_S:
        return None
    if set(os.listdir(folder)) - {MAKING}:
        return None
    try:
        lock = os.open(
            MAKING, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC, dir_fd=folder
        )
    except FileNotFoundError:
        return os.dup(folder)  # empty: nothing to lock, and nobody making it
    return _take(lock)


def remove_job_dir(job_dir: Path) -> None:
    """Remove a job folder and whatever a run left in it, never raising. A run may leave a tree
    thousands of folders deep (too deep for a recursive removal, its paths too long to name):
    on POSIX the walk holds one folder open at a time, goes down by name and back up by `..`,
    and never follows a link. The run's code is dead by then, but a process of its uid outside
    it may still move its folders: where `..` is not the folder the walk came down from, it
    stops, and the folder waits for a later sweep (its lock file goes last)."""
    if os.name != "posix":
        shutil.rmtree(job_dir, ignore_errors=True)
        return
    with contextlib.suppress(OSError):
        _remove_tree(str(job_dir))
    release(job_dir)


def _remove_tree(top: str) -> None:
    flags = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC
    fd = os.open(top, flags)
    names: list[str] = []  # the way down from `top`
    # ...and the folders on it, by identity: a process of the run's uid may rename a folder
    # while the walk is below it, and `..` would then lead the walk somewhere else entirely
    ids = [_identity(fd)]
    try:
        while True:
            below = None
            with os.scandir(fd) as entries:
                for entry in entries:
                    if entry.is_dir(follow_symlinks=False):
                        below = entry.name
                        break
                    if not names and entry.name == HELD:
                        continue  # the lock goes last: a half-removed folder stays sweepable
                    with contextlib.suppress(FileNotFoundError):
                        os.unlink(entry.name, dir_fd=fd)
            if below is not None:
                with contextlib.suppress(OSError):  # a run may have locked its own folders
                    os.chmod(below, 0o700, dir_fd=fd, follow_symlinks=False)
                down = os.open(below, flags, dir_fd=fd)
                os.close(fd)
                fd = down
                names.append(below)
                ids.append(_identity(fd))
                continue
            if not names:
                break
            up = os.open("..", flags, dir_fd=fd)
            os.close(fd)
            fd = up
            ids.pop()
            if _identity(fd) != ids[-1]:
                raise OSError(f"{top}: a folder in it was moved during its removal")
            os.rmdir(names.pop(), dir_fd=fd)
        with contextlib.suppress(FileNotFoundError):
            os.unlink(HELD, dir_fd=fd)
    finally:
        os.close(fd)
    os.rmdir(top)


def _identity(fd: int) -> tuple[int, int]:
    info = os.fstat(fd)
    return info.st_dev, info.st_ino
