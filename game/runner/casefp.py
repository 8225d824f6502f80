"""Case fingerprints: a puzzle's cases for one seed, built WITHOUT running any player code or the
reference, each reduced to a sha256 of what the sandbox would receive (the JSON structure of its
arguments, the safetensors bytes of its tensors, its name, kind and tolerances).

Lint builds them twice with one seed, with the global torch/random/numpy RNGs seeded
differently each time (`disturb`), so cases that draw from the global RNG instead of the
generator `g` show up as different fingerprints. Also owns `encode_cases`, how cases are
serialised for a job. Trusted side only; imports torch; never pygame.
"""

from __future__ import annotations

import hashlib
import json
import random
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import torch
from safetensors.torch import save as safetensors_bytes

from game.runner import transfer
from game.runner.bundle import Bundle, PuzzleError
from game.runner.casekit import Case


@dataclass(frozen=True)
class CaseFingerprint:
    """One case of a run: where it came from (`examples`, `random_case`, `edge_cases`), its name
    and the sha256 of everything the sandbox would be sent for it."""

    source: str
    name: str
    digest: str


def encode_cases(
    puzzle_id: str, cases: list[Case], encoder: transfer.Encoder
) -> list[dict[str, Any]]:
    """The JSON side of `cases` (tensors collected in `encoder`); a value that cannot cross the
    sandbox boundary is the puzzle's fault, so it raises `PuzzleError`."""
    encoded = []
    for case in cases:
        try:
            encoded.append(
                {
                    "name": case.name,
                    "args": encoder.encode(case.args),
                    "kwargs": encoder.encode(case.kwargs),
                }
            )
        except transfer.EncodeError as exc:
            raise PuzzleError(f"cases.py of `{puzzle_id}`, case '{case.name}': {exc}") from exc
    return encoded


def _digest(puzzle_id: str, source: str, case: Case) -> str:
    encoder = transfer.Encoder(prefix="in", strict=True)
    [structure] = encode_cases(puzzle_id, [case], encoder)
    header = {
        "source": source,
        "case": structure,
        "note": case.note,
        "atol": case.atol,
        "rtol": case.rtol,
    }
    sha = hashlib.sha256(json.dumps(header, sort_keys=True).encode("utf-8"))
    sha.update(safetensors_bytes(encoder.tensors) if encoder.tensors else b"")
    return sha.hexdigest()


@contextmanager
def _global_rngs_seeded(seed: int | None) -> Iterator[None]:
    """Seed torch's, Python's and numpy's global RNGs for the block, then restore them, so a
    probe never changes what later code draws."""
    if seed is None:
        yield
        return
    try:
        import numpy
    except ImportError:  # numpy is optional for puzzles
        numpy = None  # type: ignore[assignment]
    py_state = random.getstate()
    np_state = numpy.random.get_state() if numpy is not None else None
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(seed)
        random.seed(seed)
        if numpy is not None:
            numpy.random.seed(seed % 2**32)
        try:
            yield
        finally:
            random.setstate(py_state)
            if numpy is not None:
                numpy.random.set_state(np_state)


def fingerprint_cases(
    bundle: Bundle, mode: str, seed: int, disturb: int | None = None
) -> list[CaseFingerprint]:
    """The fingerprints of the cases `Bundle.build(mode, seed)` would make, in its order (both
    walk `Bundle.raw_cases`). Examples and edge cases are built afresh rather than taken from the
    bundle's cache, so they are checked too."""
    pid = bundle.model.id
    with _global_rngs_seeded(disturb):
        built = [
            (source, case) for _, source, make in bundle.raw_cases(mode, seed) for case in make()
        ]
        return [
            CaseFingerprint(source, case.name, _digest(pid, source, case)) for source, case in built
        ]


__all__ = ["CaseFingerprint", "encode_cases", "fingerprint_cases"]
