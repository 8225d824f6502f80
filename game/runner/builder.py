"""A mod's puzzle code, run inside the sandbox: `cases.py`, `reference.py` and `support.py` of a
mod are untrusted too, so the cases and expected answers of a mod puzzle are built here, in a
run with the same walls as the player's code, reading only its own puzzle folder (bound
read-only at /puzzle) and writing `build.json` + `build.safetensors` for the trusted side
(`modbundle`), which reads them as hostile input.

Jobs (`job.json`): {"kind": "build", "model": PUZZLE_YAML_AS_JSON, "what": "prepared" | "fixed"
| "raw", "mode", "seed", "fixed_kind", "disturb"}. Imports torch; never pygame.
"""

from __future__ import annotations

import random
import traceback
from pathlib import Path
from typing import Any

import torch

from game.runner import transfer
from game.runner.casekit import Case


def _case(case: Case, encoder: transfer.Encoder) -> dict[str, Any]:
    return {
        "name": case.name,
        "note": case.note,
        "atol": case.atol,
        "rtol": case.rtol,
        "args": encoder.encode(case.args),
        "kwargs": encoder.encode(case.kwargs),
    }


def _build(job: dict[str, Any], folder: Path, encoder: transfer.Encoder) -> dict[str, Any]:
    from game.content.puzzle_entry import PuzzleEntry
    from game.content.puzzle_models import Puzzle
    from game.runner.bundle import Bundle

    bundle = Bundle(PuzzleEntry(Puzzle.model_validate(job["model"]), folder))
    what = job["what"]
    if what == "raw":  # case fingerprints for lint: no reference, the globals seeded as asked
        if job.get("disturb") is not None:
            torch.manual_seed(int(job["disturb"]))
            random.seed(int(job["disturb"]))
        steps = [
            {"kind": kind, "source": source, "cases": [_case(c, encoder) for c in make()]}
            for kind, source, make in bundle.raw_cases(job["mode"], int(job["seed"]))
        ]
        return {"steps": steps}
    if what == "fixed":
        prepared = bundle.fixed(job["fixed_kind"])
    else:
        prepared, _ = bundle.build(job["mode"], int(job["seed"]))
    return {
        "prepared": [
            {
                "kind": p.kind,
                "case": _case(p.case, encoder),
                "expected": encoder.encode(p.expected),
                "grads": None if p.grads is None else [encoder.encode(g) for g in p.grads],
            }
            for p in prepared
        ]
    }


def _where(exc: BaseException, folder: Path) -> list[Any] | None:
    """[file name, line] of the innermost frame of the puzzle's own code in the traceback (or
    the errors that caused it), so lint can point the author at it from outside the sandbox."""
    chain: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and current not in chain:
        chain.append(current)
        current = current.__cause__ or current.__context__
    for error in reversed(chain):
        for frame in reversed(traceback.extract_tb(error.__traceback__)):
            path = Path(frame.filename)
            if path.parent == folder and path.suffix == ".py" and frame.lineno:
                return [path.name, frame.lineno]
    return None


def run_build(inputs: Path, work: Path, folder: Path) -> None:
    """Build what `job.json` asks for; a broken puzzle becomes {"error": sentence}."""
    from game.runner.bundle import PuzzleError

    job = transfer.read_json(inputs / "job.json")
    encoder = transfer.Encoder(prefix="b", strict=True)
    try:
        doc = _build(job, folder, encoder)
    except (PuzzleError, transfer.EncodeError) as exc:
        doc, encoder.tensors = {"error": str(exc)[:2000], "where": _where(exc, folder)}, {}
    except Exception as exc:
        message = f"{type(exc).__name__}: {exc}"[:2000]
        doc, encoder.tensors = {"error": message, "where": _where(exc, folder)}, {}
    transfer.save(work / "build.safetensors", encoder.tensors)
    transfer.write_json(work / "build.json", doc)
