"""A run's job folder on the host: where it is made (the temp folder, never /dev/shm: a run
allowed worker processes may write /dev/shm, so another check's folder there could be read and
its results forged) and how it is laid out. JOB itself is traversable only; JOB/in holds the job, readable by the run;
JOB/out receives what the judge reads, written by the run's parent, which runs as the sandbox's
uid; JOB/root is where the run's private root is mounted.

Made by the trusted runner for builds and fallbacks, and by the zygote for the standby sandbox
it keeps ready for the next run; removed by `remove_job_dir`, however deep a run's leftovers.
Must not import torch or pygame.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from pathlib import Path


def make_job_dir(prefix: str = "torchenstein-run-") -> Path:
    from game.runner.idmap import run_identity

    job_dir = Path(tempfile.mkdtemp(prefix=prefix))
    os.chmod(job_dir, 0o711)
    (job_dir / "in").mkdir(mode=0o755)
    (job_dir / "out").mkdir(mode=0o700)
    (job_dir / "root").mkdir(mode=0o755)
    if os.geteuid() == 0:
        uid, gid = run_identity()
        os.chown(job_dir / "out", uid, gid)
    return job_dir


def remove_job_dir(job_dir: Path) -> None:
    """Remove a job folder and whatever a run left in it, never raising. A run may leave a tree
    thousands of folders deep (too deep for a recursive removal, its paths too long to name):
    on POSIX the walk holds one folder open at a time, goes down by name and back up by `..`,
    and never follows a link. Runs no code of the run's, so its tree is still by then."""
    if os.name != "posix":
        shutil.rmtree(job_dir, ignore_errors=True)
        return
    with contextlib.suppress(OSError):
        _remove_tree(str(job_dir))


def _remove_tree(top: str) -> None:
    flags = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC
    fd = os.open(top, flags)
    names: list[str] = []  # the way down from `top`
    try:
        while True:
            below = None
            with os.scandir(fd) as entries:
                for entry in entries:
                    if entry.is_dir(follow_symlinks=False):
                        below = entry.name
                        break
                    with contextlib.suppress(FileNotFoundError):
                        os.unlink(entry.name, dir_fd=fd)
            if below is not None:
                with contextlib.suppress(OSError):  # a run may have locked its own folders
                    os.chmod(below, 0o700, dir_fd=fd, follow_symlinks=False)
                down = os.open(below, flags, dir_fd=fd)
                os.close(fd)
                fd = down
                names.append(below)
                continue
            if not names:
                break
            up = os.open("..", flags, dir_fd=fd)
            os.close(fd)
            fd = up
            os.rmdir(names.pop(), dir_fd=fd)
    finally:
        os.close(fd)
    os.rmdir(top)
