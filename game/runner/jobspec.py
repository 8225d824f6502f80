"""What one run is told, written by the trusted side before it starts: its job folder's inputs
(`write_job`: the code, the cases' inputs as safetensors, the rules and tools; never an expected
value, a seed or the reference), its limits (`run_limits`), and the folders it must never see
even where they sit inside something it may read (`hidden_paths`). Imports torch; never pygame.
"""

from __future__ import annotations

import os
from pathlib import Path

from game.content.imports import importable
from game.runner import transfer
from game.runner.bundle import Bundle, PreparedCase
from game.runner.casefp import encode_cases
from game.runner.limits import MB, SandboxLimits, cpu_backstop_s
from game.runner.modbundle import read_source

STDOUT_MAX = 1 * MB  # printing more than this is verdict output_limit
MAX_OUTPUT_BYTES = 64 * MB  # tensors returned by one case
STARTUP_S = 1.0  # loading the job inside the sandbox, on top of the puzzle's time limit


def run_limits(bundle: Bundle, device: str, roots: list[Path], private: set[str]) -> SandboxLimits:
    """The limits a player's run (or the reference's, for its metrics) gets on `device`."""
    lim = bundle.model.limits
    return SandboxLimits(
        wall_s=lim.time_s + STARTUP_S,
        cpu_s=cpu_backstop_s(lim.time_s),
        memory_bytes=lim.memory_mb * MB,
        file_bytes=MAX_OUTPUT_BYTES + 4 * STDOUT_MAX,
        processes=lim.processes,
        address_space=device == "cpu",
        protect_pids=(os.getpid(),),
        hide=tuple(hidden_paths(bundle, roots, private)),
    )


def hidden_paths(bundle: Bundle, roots: list[Path], private: set[str]) -> list[str]:
    """Folders a run must never see even if they sit inside something it may read: the
    puzzle folders of every content root (references live there) and the player's folders
    (`private`, plus `TORCHENSTEIN_HOME` for a runner used as a library)."""
    from game.content.locate import content_root

    found = {str(bundle.folder.resolve().parent), str((content_root() / "puzzles").resolve())}
    found |= {str((root / "puzzles").resolve()) for root in roots} | private
    home = os.environ.get("TORCHENSTEIN_HOME")
    if home:
        found.add(str(Path(home).resolve()))
    return sorted(found)


def write_job(
    job_dir: Path,
    bundle: Bundle,
    code: str,
    device: str,
    cases: list[PreparedCase],
    roots: list[Path],
    rules: bool,
    tools: dict[str, dict[str, str]],
) -> None:
    """JOB/in: the job file (code, encoded cases, rules, tools, limits the harness keeps) and the
    inputs; never an expected value, a seed or the reference."""
    model = bundle.model
    encoder = transfer.Encoder(prefix="in", strict=True)
    encoded = encode_cases(model.id, [prepared.case for prepared in cases], encoder)
    transfer.save(job_dir / "inputs.safetensors", encoder.tensors)
    support = bundle.support_path
    if support is not None:
        (job_dir / "lib").mkdir(mode=0o755)
        source = read_source(support.parent, support.name)  # a mod's may be a symlink
        (job_dir / "lib" / "support.py").write_text(source, encoding="utf-8")
    protected = sorted(
        {str((root / "puzzles").resolve()) + os.sep for root in roots}
        | {str(bundle.folder.resolve()) + os.sep}
    )
    transfer.write_json(
        job_dir / "job.json",
        {
            "code": code,
            "entry": model.entry,
            "device": device,
            "cases": encoded,
            "grad_check": model.grad_check,
            "forbidden": list(model.rules.forbidden) if rules else [],
            "allowed_imports": (
                importable(model.rules, support is not None, has_tools=bool(model.tools))
                if rules
                else None
            ),
            "rules": model.rules.model_dump() if rules else None,
            "tools": tools,
            "processes": model.limits.processes,
            "protected": protected,
            "support": support is not None,
            "stdout_max": STDOUT_MAX,
            "max_output_bytes": MAX_OUTPUT_BYTES,
        },
    )
