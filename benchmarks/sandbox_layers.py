"""What each layer of a run's sandbox costs (Linux), measured the way the zygote pays it: in a
process that has imported torch, each sample in a fresh fork.

Prints JSON {layer: {p50_ms, p95_ms}} for: `fork_and_reap` (fork, exit, wait, with the heap in
huge pages as the zygote keeps it; `fork_and_reap_4k_pages` before that: paid twice per run, for
the run parent and its init), `namespaces` (the run parent's unshares, id maps and the private
root's mounts), `init` (fork of the run's init, fresh /proc, pivot_root), `landlock`, `seccomp`,
`capabilities`. The forks, namespaces and init are built ahead for the next run (the zygote's
standby), so a check waits only for Landlock, seccomp and capabilities. Run as root and as a
normal user: `python benchmarks/sandbox_layers.py [--samples 30]`.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent


def sample(work: Callable[[], None]) -> float:
    """Milliseconds `work` takes in a fresh fork (what the zygote's children pay)."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read_end)
        started = time.perf_counter()
        try:
            work()
            os.write(write_end, str((time.perf_counter() - started) * 1000).encode())
        finally:
            os._exit(0)
    os.close(write_end)
    data = os.read(read_end, 64)
    os.close(read_end)
    os.waitpid(pid, 0)
    return float(data or "nan")


def _landlock(plan: Any) -> None:
    from game.runner import landlock, syscalls

    syscalls.prctl(syscalls.PR_SET_NO_NEW_PRIVS, 1)
    landlock.restrict(list(plan.readonly), ["/tmp"], list(plan.devices))


def _seccomp() -> None:
    from game.runner import seccomp

    seccomp.install(forbid_forks=True, protected=[os.getppid()])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--samples", type=int, default=30)
    args = parser.parse_args()
    sys.path.insert(0, str(REPO))
    import torch  # noqa: F401  (a warm process, as in the zygote)

    from game.runner import hugepages, jail, landlock, newroot, seccomp, syscalls  # noqa: F401

    plan = newroot.root_plan()
    scratch_root = "/dev/shm" if os.access("/dev/shm", os.W_OK) else None

    def job() -> str:
        job_dir = tempfile.mkdtemp(prefix="torchenstein-bench-", dir=scratch_root)
        for sub in ("in", "root"):
            os.mkdir(os.path.join(job_dir, sub), 0o755)
        os.chmod(job_dir, 0o711)
        return job_dir

    def namespaces() -> None:
        jail.enter_namespaces(job(), plan, [])

    def forks() -> list[float]:
        times = []
        for _ in range(args.samples):
            started = time.perf_counter()
            sample(lambda: None)
            times.append((time.perf_counter() - started) * 1000)
        return times

    small_pages = forks()
    collapsed = hugepages.collapse_heap()  # as the zygote does before its first fork
    huge_pages = forks()
    layers: dict[str, Callable[[], None]] = {
        "namespaces": namespaces,
        "landlock": lambda: _landlock(plan),
        "seccomp": _seccomp,
        "capabilities": syscalls.drop_capabilities,
    }
    found: dict[str, dict[str, float]] = {
        "fork_and_reap_4k_pages": {
            "p50_ms": round(statistics.median(small_pages), 2),
            "p95_ms": round(sorted(small_pages)[-2], 2),
        },
        "fork_and_reap": {
            "p50_ms": round(statistics.median(huge_pages), 2),
            "p95_ms": round(sorted(huge_pages)[-2], 2),
            "huge_page_mb": collapsed >> 20,
        },
    }
    made_before = set(os.listdir(scratch_root or tempfile.gettempdir()))
    try:
        for name, work in layers.items():
            times = [sample(work) for _ in range(args.samples)]
            ordered = sorted(times)
            found[name] = {
                "p50_ms": round(statistics.median(times), 2),
                "p95_ms": round(
                    ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))], 2
                ),
            }
        # the init's own step, measured inside a run parent that built its namespaces
        inits: list[float] = []
        for _ in range(args.samples):
            read_end, write_end = os.pipe()
            pid = os.fork()
            if pid == 0:
                try:
                    jail.enter_namespaces(job(), plan, [])
                    os.write(write_end, str(sample(lambda: jail.enter_root() and None)).encode())
                finally:
                    os._exit(0)
            os.close(write_end)
            inits.append(float(os.read(read_end, 64) or "nan"))
            os.close(read_end)
            os.waitpid(pid, 0)
        found["init"] = {
            "p50_ms": round(statistics.median(inits), 2),
            "p95_ms": round(sorted(inits)[min(len(inits) - 1, round(0.95 * (len(inits) - 1)))], 2),
        }
    finally:
        base = scratch_root or tempfile.gettempdir()
        for name in set(os.listdir(base)) - made_before:
            if name.startswith("torchenstein-bench-"):
                shutil.rmtree(os.path.join(base, name), ignore_errors=True)
    print(
        json.dumps(
            {
                "layers": found,
                "uid": os.geteuid(),
                "samples": args.samples,
                "cpus": os.cpu_count(),
                "load_avg_1min": round(os.getloadavg()[0], 2),
            }
        )
    )


if __name__ == "__main__":
    main()
