"""A spare worker's private root (Linux), built when its job arrives: the same root a jailed run
gets (`newroot.build_root`: the read-only install, a scratch tmpfs that is also /dev/shm, a
fresh /proc), with the job's results folder bound in writable and, for a GPU run, the GPU's
device nodes and a read-only /sys for its driver.

The worker entered its user, PID and mount namespaces when it started, before it started the
device (CUDA cannot cross the fork a jail makes, and a process with threads may no longer
unshare its mount namespace); mounting and pivoting work with threads running, and files the
driver holds open stay open. Must not import torch or pygame.
"""

from __future__ import annotations

import os
from pathlib import Path

from game.runner import gpufiles, idmap
from game.runner.jail import enter_root
from game.runner.newroot import RESULTS, RootPlan, bind, build_root


def wall_in(
    job_dir: str, plan: RootPlan, hide: list[str], puzzle: str | None, gpu: bool
) -> list[str]:
    """Build the root under JOB/root and pivot into it; returns the layers. Raises OSError when
    the kernel refuses (the caller goes on without a private root and says so)."""
    new_root = os.path.join(job_dir, "root")
    build_root(new_root, plan, os.path.join(job_dir, "in"), hide, os.getuid(), puzzle)
    # in the root now; the run writes its results straight into JOB/out, which the judge
    # reads as hostile input
    bind(os.path.join(job_dir, "out"), "." + RESULTS, readonly=False)
    if gpu:
        for node in gpufiles.device_nodes():
            bind(node, "." + node, readonly=False)
        if os.path.isdir("/sys"):
            bind("/sys", "./sys", readonly=True)
    return ["mount-ns", "private-root", "scratch-tmpfs", *enter_root()]


def settle_identity(out: Path, jailed: bool, own: list[str]) -> list[str]:
    """A worker still uid 0 in its namespace (`idmap.unshare_mapped_by_root`: the install is
    private to root) becomes the run's uid once its private root stands. Without that root,
    the install's private parents would hide torch's lazy imports from the run's uid: it keeps
    uid 0 (capabilities are dropped later) and takes its results folder back. Returns the
    identity layer ([] when there is nothing to settle)."""
    if os.getuid() != 0 or idmap.PRIVATE_INSTALL in own:
        return []
    if jailed:
        return idmap.drop_to_run_uid()
    os.chown(out, 0, 0)
    return [idmap.PRIVATE_INSTALL]
