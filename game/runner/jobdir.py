"""A run's job folder on the host: where it is made (the temp folder, never /dev/shm: a run
allowed worker processes may write /dev/shm, so another check's folder there could be read and
its results forged) and how it is laid out. JOB itself is traversable only; JOB/in holds the job, readable by the run;
JOB/out receives what the judge reads, written by the run's parent, which runs as the sandbox's
uid; JOB/root is where the run's private root is mounted.

Made by the trusted runner for builds and fallbacks, and by the zygote for the standby sandbox
it keeps ready for the next run. Must not import torch or pygame.
"""

from __future__ import annotations

import os
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
