"""A mod's puzzle as the trusted runner holds it: the same face as `Bundle` (model, cases, expected
answers, fixed example cases, raw cases for lint), but none of the mod's code runs here. Each
build is a sandboxed job (`builder`) that may read only the mod's own puzzle folder; what it
writes back is read with `safeio` and decoded without executing anything.

A puzzle is a mod's when its content root has a `mod.yaml` (`is_mod_puzzle`); the base game and
authors' `--root` folders keep the in-process `Bundle`. Imports torch; never pygame.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import torch

from game.content.puzzle_entry import PuzzleEntry
from game.runner import safeio, transfer
from game.runner.bundle import PreparedCase, PuzzleError, _signature, code_seed, puzzle_version
from game.runner.casekit import Case

MAX_SOURCE_BYTES = 1024 * 1024
MAX_BUILD_JSON = 32 * 1024 * 1024
MAX_BUILD_TENSORS = 512 * 1024 * 1024

# (job fields, the folder it may read) -> (build.json, its tensors); raises PuzzleError
Builder = Callable[[dict[str, Any], Path], tuple[dict[str, Any], dict[str, torch.Tensor]]]


def is_mod_puzzle(entry: PuzzleEntry) -> bool:
    return (entry.folder.parent.parent / "mod.yaml").is_file()


def read_source(folder: Path, name: str) -> str:
    """A puzzle file's text, never through a symlink and never huge."""
    try:
        return safeio.read_bytes(str(folder / name), MAX_SOURCE_BYTES).decode("utf-8")
    except (OSError, safeio.Untrusted, UnicodeDecodeError) as exc:
        raise PuzzleError(f"{name} of puzzle `{folder.name}` cannot be read: {exc}") from exc


def _case(node: dict[str, Any], tensors: dict[str, torch.Tensor]) -> Case:
    return Case(
        name=str(node["name"])[:200],
        args=tuple(transfer.decode(node["args"], tensors)),
        kwargs=dict(transfer.decode(node["kwargs"], tensors)),
        note=str(node.get("note") or "")[:2000],
        atol=None if node.get("atol") is None else float(node["atol"]),
        rtol=None if node.get("rtol") is None else float(node["rtol"]),
    )


class IsolatedBundle:
    def __init__(self, entry: PuzzleEntry, builder: Builder) -> None:
        self.entry = entry
        self.model = entry.model
        self.folder = entry.folder
        self.signature = _signature(entry)
        self.version = puzzle_version(entry.folder)
        self.builder = builder
        self.support_path = entry.support_path
        self.cases = None  # built in the sandbox: random cases are not shrunk for mod puzzles
        self.reference_code = read_source(entry.folder, "reference.py")
        self._fixed: dict[str, list[PreparedCase]] = {}

    def fresh(self) -> bool:
        return _signature(self.entry) == self.signature

    def _ask(self, job: dict[str, Any]) -> tuple[dict[str, Any], dict[str, torch.Tensor]]:
        doc, tensors = self.builder(
            {"kind": "build", "model": self.model.model_dump(mode="json"), **job}, self.folder
        )
        if "error" in doc:
            error = PuzzleError(str(doc["error"])[:2000])
            where = doc.get("where")
            if isinstance(where, list) and len(where) == 2 and isinstance(where[1], int):
                error.where = (str(where[0]), where[1])  # the puzzle file and line to blame
            raise error
        return doc, tensors

    def _prepared(self, job: dict[str, Any]) -> list[PreparedCase]:
        doc, tensors = self._ask(job)
        try:
            return [
                PreparedCase(
                    kind=str(p["kind"]),
                    case=_case(p["case"], tensors),
                    expected=transfer.decode(p["expected"], tensors),
                    grads=None
                    if p["grads"] is None
                    else [transfer.decode(g, tensors) for g in p["grads"]],
                )
                for p in doc["prepared"]
            ]
        except (KeyError, TypeError, ValueError) as exc:
            raise PuzzleError(f"the mod puzzle `{self.model.id}` sent back odd cases") from exc

    def build(self, mode: str, seed: int | None, code: str = "") -> tuple[list[PreparedCase], int]:
        """As `Bundle.build`: hidden cases from `seed`, else from the puzzle version and `code`."""
        seed = code_seed(self.model.id, self.version, code) if seed is None else seed
        return self._prepared({"what": "prepared", "mode": mode, "seed": seed}), seed

    def fixed(self, kind: str) -> list[PreparedCase]:
        if kind not in self._fixed:
            self._fixed[kind] = self._prepared({"what": "fixed", "fixed_kind": kind})
        return self._fixed[kind]

    def raw_cases(
        self, mode: str, seed: int
    ) -> Iterator[tuple[str, str, Callable[[], list[Case]]]]:
        """As `Bundle.raw_cases`, built in one sandboxed job; the global RNGs there are seeded
        with what the caller seeded here (`casefp`'s determinism probe)."""
        job = {"what": "raw", "mode": mode, "seed": seed, "disturb": torch.initial_seed()}
        doc, tensors = self._ask(job)
        for step in doc.get("steps", []):
            cases = [_case(c, tensors) for c in step["cases"]]
            yield str(step["kind"]), str(step["source"]), _given(cases)


def _given(cases: list[Case]) -> Callable[[], list[Case]]:
    return lambda: cases
