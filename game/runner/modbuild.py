"""A mod puzzle's own code (its cases.py, reference.py and support.py) run in a sandbox that may
read only the mod's puzzle folder: the `Builder` an `IsolatedBundle` is given. What the build
leaves is read as hostile input (`safeio`: regular files, size caps) and decoded without
running anything; a build that overran or left nothing readable is the puzzle's fault, said so.

Imports torch (to decode the tensors); never pygame.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import torch
from safetensors.torch import load as safetensors_load

from game.content.puzzle_models import Puzzle
from game.runner import safeio, transfer
from game.runner.bundle import PuzzleError, PuzzleTimeout, reference_timeout_s
from game.runner.executor import ZygoteExecutor, supervise
from game.runner.jobdir import make_job_dir, remove_job_dir
from game.runner.limits import MB, SandboxLimits, cpu_backstop_s
from game.runner.modbundle import MAX_BUILD_JSON, MAX_BUILD_TENSORS
from game.runner.spare import SpareExecutor


def build_limits(model: Puzzle) -> SandboxLimits:
    """A build gets the time the base game's trusted code gets, and the puzzle's memory."""
    lim = model.limits
    return SandboxLimits(
        wall_s=reference_timeout_s(lim.time_s),
        cpu_s=cpu_backstop_s(reference_timeout_s(lim.time_s)),
        memory_bytes=lim.memory_mb * MB,
        file_bytes=MAX_BUILD_TENSORS,
        processes=lim.processes,
        protect_pids=(os.getpid(),),
    )


def build_in_sandbox(
    executor: ZygoteExecutor | SpareExecutor, job: dict[str, object], folder: Path
) -> tuple[dict[str, Any], dict[str, torch.Tensor]]:
    """Run the build `job` on `executor` (a CPU sandbox) with `folder` readable; its
    build.json and tensors. Raises `PuzzleTimeout` or `PuzzleError`."""
    model = Puzzle.model_validate(job["model"])
    limits = build_limits(model)
    job_dir = make_job_dir("torchenstein-build-")
    out = job_dir / "out"
    try:
        transfer.write_json(job_dir / "in" / "job.json", job)
        (job_dir / "in" / "job.json").chmod(0o644)
        run = executor.launch(job_dir, limits, 0, puzzle=folder.resolve())
        ended = supervise(run, limits, lambda: False, lambda: None)
        run.settle()
        if ended.reason == "timeout":
            raise PuzzleTimeout(
                f"the mod puzzle `{model.id}` took longer than {limits.wall_s:g} s to build "
                "its cases and expected answers; this is the puzzle's fault, not your code's"
            )
        try:
            doc = safeio.read_json(str(out / "build.json"), MAX_BUILD_JSON)
            data = safeio.read_bytes(str(out / "build.safetensors"), MAX_BUILD_TENSORS)
            tensors = safetensors_load(data)
        except (OSError, ValueError) as exc:
            why = ended.reason or (f"signal {ended.signal}" if ended.signal else "no answer")
            raise PuzzleError(
                f"the mod puzzle `{model.id}` could not build its cases in the sandbox "
                f"({why}: {exc})"
            ) from exc
        if not isinstance(doc, dict):
            raise PuzzleError(f"the mod puzzle `{model.id}` sent back no cases")
        return doc, tensors
    finally:
        remove_job_dir(job_dir)
