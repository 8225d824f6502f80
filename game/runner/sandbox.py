"""The walls a run puts up around itself before any player code runs, then hands over to the
harness (`harness`): rlimits, Landlock (`_file_walls` says what it may read and write),
no_new_privs, capabilities dropped, seccomp; and the report of those layers to the trusted
side. `enter` is called in a jailed run's init (see `jail`); `enter_spare` in a spare worker
(see `worker`), which first pivots into its private root (`spareroot`).

Must not import pygame; torch comes in only with the harness.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

from game.runner import gpufiles, syscalls
from game.runner import limits as limits_mod
from game.runner.limits import SandboxLimits
from game.runner.newroot import RootPlan, carve

# What torch reads about the machine; outside a PID namespace the rest of /proc stays hidden.
_HARDWARE_FACTS = ("/proc/cpuinfo", "/proc/meminfo", "/sys/devices/system/cpu")


def _file_walls(
    inputs: Path,
    work: Path,
    temp: Path,
    limits: SandboxLimits,
    plan: RootPlan | None,
    jailed: bool,
    gpu: bool,
    puzzle: Path | None,
) -> tuple[list[str], list[str], list[str]]:
    """What Landlock lets a run read, write, and use as devices. In a jail the private root
    holds only what a run may see; without one the puzzle folders inside the install are cut
    out here, and a GPU run also gets its device nodes and the driver's files."""
    devices = [*(plan.devices if plan else ()), *(gpufiles.device_nodes() if gpu else ())]
    if jailed:
        return ["/"], [str(temp)], devices
    read = [*carve(plan.readonly if plan else (), limits.hide), str(inputs), *_HARDWARE_FACTS]
    read += [str(puzzle)] if puzzle is not None else []
    read += gpufiles.driver_files() if gpu else []
    write = [str(work), str(temp)]
    if limits.processes > 0:  # worker processes share tensors through /dev/shm files
        write.append("/dev/shm")
    return read, write, devices


def enter(
    inputs: Path,
    work: Path,
    temp: Path,
    limits: SandboxLimits,
    plan: RootPlan | None,
    jailed: bool,
    report: int | None,
    layers: list[str],
    gpu: bool = False,
    puzzle: Path | None = None,
    announce: int | None = None,
) -> None:
    """Become the sandbox and run the job: own session, rlimits, Landlock, no capabilities,
    seccomp; then report the layers (one JSON line on `report`, or for a spare worker one
    `{"layers": [...]}` line on `announce`, its channel to the trusted side, closed before any
    player code runs) and run. `plan`: what may be read outside a jail (None: a spare worker,
    which reads what its platform allows). The caller must `os._exit` afterwards and never
    return to its own loop."""
    from game.runner import landlock, seccomp

    with contextlib.suppress(OSError):  # a spare worker leads its session already
        os.setsid()
    keep = {fd for fd in (report, announce) if fd is not None}
    syscalls.close_fds_except({0, 1, 2} | keep)
    applied = list(layers)
    applied += [
        f"rlimit-{name}" for name in limits_mod.apply(limits, own_user_ns="user-ns" in layers)
    ]
    if sys.platform.startswith("linux"):
        syscalls.prctl(syscalls.PR_SET_NO_NEW_PRIVS, 1)
        applied.append("no-new-privs")
        try:
            if gpu and not gpufiles.landlock_wanted():
                applied.append("no-landlock (switched off for the GPU)")
            else:
                read, write, devices = _file_walls(
                    inputs, work, temp, limits, plan, jailed, gpu, puzzle
                )
                applied += landlock.restrict(read, write, devices)
        except OSError as exc:
            applied.append(f"no-landlock ({exc.strerror})")
        try:
            syscalls.drop_capabilities()
            applied.append("no-capabilities")
        except OSError:
            pass
        protected = [] if jailed else [os.getppid(), *limits.protect_pids]
        if seccomp.install(forbid_forks=limits.processes == 0, protected=protected):
            applied.append("seccomp")
    if report is not None:
        os.write(report, (json.dumps(applied) + "\n").encode())
    if announce is not None:
        os.write(announce, (json.dumps({"layers": applied}) + "\n").encode())
        os.close(announce)
    if puzzle is not None:
        from game.runner.builder import run_build

        tempfile.tempdir = str(temp)
        run_build(inputs, work, puzzle)
    else:
        from game.runner.harness import Harness

        Harness(inputs, work, temp, report).run()


def enter_spare(
    job_dir: Path,
    limits_doc: dict[str, Any],
    device: str,
    announce: int,
    own: list[str],
    puzzle: Path | None = None,
) -> None:
    """A spare worker becomes the sandbox in place, inside the namespaces it entered when it
    started (`own`: user, PID, mount, network, IPC); where it has them, it now pivots into a
    private root built around this job (`spareroot`). It writes straight into JOB/out, which
    the judge reads as hostile input anyway, and tells the trusted side its layers on
    `announce` before any player code runs (a file in JOB/out would be the run's to rewrite)."""
    from game.runner import spareroot
    from game.runner.newroot import JOB_MOUNT, PUZZLE_MOUNT, RESULTS, SCRATCH, root_plan

    out = job_dir / "out"  # the trusted side gave it to this worker's uid
    null = os.open(os.devnull, os.O_RDONLY)
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    log = os.open(out / "out.log", flags, 0o644)
    os.dup2(null, 0)
    os.dup2(log, 1)
    os.dup2(log, 2)
    plan = root_plan() if sys.platform.startswith("linux") else None
    limits = SandboxLimits.from_json(limits_doc)
    gpu = device != "cpu"
    layers = list(own)
    inputs, work, temp, jailed = job_dir / "in", out, out, False
    if plan is not None and "user-ns" in own:
        folder = str(puzzle) if puzzle is not None else None
        try:
            layers += spareroot.wall_in(str(job_dir), plan, list(limits.hide), folder, gpu)
            inputs, work, temp, jailed = Path(JOB_MOUNT), Path(RESULTS), Path(SCRATCH), True
            puzzle = Path(PUZZLE_MOUNT) if puzzle is not None else None
        except OSError as exc:  # its files are then walled by Landlock alone
            layers.append(f"no-private-root ({exc.strerror or exc})"[:80])
        layers += spareroot.settle_identity(out, jailed, own)
    enter(
        inputs,
        work,
        temp,
        limits,
        plan,
        jailed,
        None,
        layers,
        gpu=gpu,
        puzzle=puzzle,
        announce=announce,
    )
