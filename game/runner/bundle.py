"""A puzzle as the trusted runner holds it: its metadata, `cases.py`, the reference function and
the optional `support.py`, loaded once and reloaded when a file changes. Builds the cases of a
run and the expected outputs (and, for grad checks, the reference's fp64 gradients).

Trusted side only; the reference and the seeds never leave this process. Imports torch.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

import torch
from torch.utils._pytree import tree_flatten, tree_map

from game.content.puzzle_entry import PuzzleEntry
from game.runner.casekit import DEVICE, Case


class PuzzleError(Exception):
    """The puzzle's own files are broken (not the player's code). `where`: the puzzle file and
    line to blame, when the error was raised in a sandbox and carries no traceback of ours."""

    where: tuple[str, int] | None = None


class PuzzleTimeout(PuzzleError):
    """The puzzle's own code (cases.py, reference.py, support.py) did not finish in time."""


def reference_timeout_s(time_s: float) -> float:
    """How long a puzzle's trusted code may take to build one run's cases and expected outputs
    (many cases, fp64 gradients, DataLoader workers); `TORCHENSTEIN_REFERENCE_TIMEOUT_S` overrides."""
    forced = os.environ.get("TORCHENSTEIN_REFERENCE_TIMEOUT_S", "")
    try:
        return max(0.1, float(forced))
    except ValueError:
        return max(30.0, 10.0 * time_s)


# The function of cases.py that makes each kind of case.
_SOURCE = {"example": "examples", "hidden": "random_case", "edge": "edge_cases"}


@dataclass
class PreparedCase:
    kind: str  # example | hidden | edge
    case: Case
    expected: Any
    grads: list[torch.Tensor | None] | None


_PUZZLE_SOURCES = ("puzzle.yaml", "cases.py", "reference.py", "support.py")


def _signature(entry: PuzzleEntry) -> tuple[float, ...]:
    stamps = []
    for path in [*(entry.folder / n for n in _PUZZLE_SOURCES), entry.support_path]:
        try:
            stamps.append(path.stat().st_mtime if path is not None else -1.0)
        except OSError:
            stamps.append(0.0)
    return tuple(stamps)


def _load_module(path: Path, name: str, support: ModuleType | None) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise PuzzleError(f"cannot load {path}")
    module = importlib.util.module_from_spec(spec)
    saved = sys.modules.get("support")
    if support is not None:
        sys.modules["support"] = support  # `import support` in cases/reference means this puzzle's
    try:
        spec.loader.exec_module(module)
    except Exception as exc:
        raise PuzzleError(
            f"{path.name} of puzzle `{path.parent.name}` failed to load: "
            f"{type(exc).__name__}: {exc}"
        ) from exc
    finally:
        if support is not None:
            if saved is None:
                sys.modules.pop("support", None)
            else:
                sys.modules["support"] = saved
    return module


def puzzle_version(folder: Path) -> str:
    """A digest of everything that decides a puzzle's cases and answers: a new version of the
    puzzle (any edit to these files) is a new set of hidden cases."""
    sha = hashlib.sha256()
    for name in _PUZZLE_SOURCES:
        path = folder / name
        sha.update(name.encode() + b"\0" + (path.read_bytes() if path.is_file() else b"") + b"\0")
    return sha.hexdigest()


def code_seed(puzzle_id: str, version: str, code: str) -> int:
    """The hidden-case seed of a run: the same code on the same puzzle version always meets the
    same cases (a verdict cannot flip between runs), while other code meets other ones (a
    solution cannot be fitted to one fixed draw). Every character counts, comments and
    whitespace too: a run can read its own source, so text the seed ignored would be a place
    to carry the expected answers an earlier failed submit showed."""
    text = f"{puzzle_id}\0{version}\0{code}".encode()
    return int.from_bytes(hashlib.sha256(text).digest()[:8], "big") >> 2  # 62 bits


def with_device(value: Any, device: str) -> Any:
    """The case's arguments with DEVICE replaced and tensors copied (the reference may mutate)."""

    def swap(v: Any) -> Any:
        if v is DEVICE:
            return device
        if isinstance(v, torch.Tensor):
            return v.clone()
        return v

    return tree_map(swap, value)


class Bundle:
    def __init__(self, entry: PuzzleEntry) -> None:
        self.entry = entry
        self.model = entry.model
        self.folder = entry.folder
        self.signature = _signature(entry)
        tag = f"_torchenstein_{self.model.id}_{abs(hash(entry.folder))}"
        self.support_path = entry.support_path
        self.support = (
            _load_module(self.support_path, f"{tag}_support", None)
            if self.support_path is not None
            else None
        )
        self.cases = _load_module(entry.folder / "cases.py", f"{tag}_cases", self.support)
        reference = _load_module(entry.folder / "reference.py", f"{tag}_reference", self.support)
        self.reference: Callable[..., Any] = getattr(reference, self.model.entry, None)  # type: ignore[assignment]
        if not callable(self.reference):
            raise PuzzleError(
                f"reference.py of `{self.model.id}` has no function `{self.model.entry}`"
            )
        self.reference_code = (entry.folder / "reference.py").read_text(encoding="utf-8")
        self.version = puzzle_version(entry.folder)
        self._fixed: dict[str, list[PreparedCase]] = {}

    def fresh(self) -> bool:
        return _signature(self.entry) == self.signature

    def _call(self, what: str, *args: Any) -> Any:
        fn = getattr(self.cases, what, None)
        if fn is None:
            if what == "edge_cases":
                return []
            raise PuzzleError(f"cases.py of `{self.model.id}` lacks `{what}()`")
        try:
            result = fn(*args)
        except Exception as exc:
            raise PuzzleError(
                f"cases.py of `{self.model.id}`: {what}() failed: {type(exc).__name__}: {exc}"
            ) from exc
        cases = [result] if what == "random_case" else list(result)
        for case in cases:
            if not isinstance(case, Case):
                raise PuzzleError(
                    f"cases.py of `{self.model.id}`: {what}() must give Case objects, "
                    f"got {type(case).__name__}"
                )
        return cases

    def prepare(self, kind: str, case: Case) -> PreparedCase:
        try:
            with torch.random.fork_rng(devices=[]):
                torch.default_generator.manual_seed(0)
                expected = self.reference(
                    *with_device(case.args, "cpu"), **with_device(case.kwargs, "cpu")
                )
                grads = self._reference_grads(case) if self.model.grad_check else None
        except Exception as exc:
            raise PuzzleError(
                f"the reference of `{self.model.id}` failed on case "
                f"'{case.name}': {type(exc).__name__}: {exc}"
            ) from exc
        expected = tree_map(lambda v: v.detach() if isinstance(v, torch.Tensor) else v, expected)
        return PreparedCase(kind, case, expected, grads)

    def _reference_grads(self, case: Case) -> list[torch.Tensor | None]:
        args, kwargs = with_device(case.args, "cpu"), with_device(case.kwargs, "cpu")
        flat = [t for t in tree_flatten((args, kwargs))[0] if isinstance(t, torch.Tensor)]
        floats = [t for t in flat if t.is_floating_point() or t.is_complex()]
        wide = {
            id(t): (
                t.to(torch.complex128) if t.is_complex() else t.to(torch.float64)
            ).requires_grad_(True)
            for t in floats
        }
        args, kwargs = tree_map(lambda v: wide.get(id(v), v), (args, kwargs))
        out = self.reference(*args, **kwargs)
        parts = [t for t in tree_flatten(out)[0] if isinstance(t, torch.Tensor) and t.requires_grad]
        if parts:
            torch.autograd.backward([p.real.sum() if p.is_complex() else p.sum() for p in parts])
        grads = [wide[id(t)].grad for t in floats]
        return [None if g is None else g.to(t.dtype) for g, t in zip(grads, floats, strict=True)]

    def fixed(self, kind: str) -> list[PreparedCase]:
        if kind not in self._fixed:
            self._fixed[kind] = [self.prepare(kind, c) for c in self._call(_SOURCE[kind])]
        return self._fixed[kind]

    def raw_cases(
        self, mode: str, seed: int
    ) -> Iterator[tuple[str, str, Callable[[], list[Case]]]]:
        """The one order in which a run's cases are made: the examples, then for `submit`
        `hidden_cases` draws of `random_case` from one generator seeded with `seed`, then the edge
        cases. Yields (kind, cases.py function, make) per step; nothing is built until `make()` is
        called, so `build` can serve the fixed kinds from its cache and prepare each hidden case
        before the next is drawn. Call each hidden step's `make` once, in order: they share `g`."""
        yield "example", _SOURCE["example"], lambda: self._call(_SOURCE["example"])
        if mode == "submit":
            g = torch.Generator().manual_seed(seed)
            for _ in range(self.model.hidden_cases):
                yield "hidden", _SOURCE["hidden"], lambda: self._call(_SOURCE["hidden"], g)
            yield "edge", _SOURCE["edge"], lambda: self._call(_SOURCE["edge"])

    def build(self, mode: str, seed: int | None, code: str = "") -> tuple[list[PreparedCase], int]:
        """The cases of one run and the seed the hidden ones came from: `seed` when given (tests,
        lint), else the one `code_seed` derives from this puzzle version and `code`."""
        seed = code_seed(self.model.id, self.version, code) if seed is None else seed
        cases: list[PreparedCase] = []
        for kind, _, make in self.raw_cases(mode, seed):
            cases += (
                [self.prepare(kind, c) for c in make()] if kind == "hidden" else self.fixed(kind)
            )
        return cases, seed
