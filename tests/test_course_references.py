"""The course puzzles whose references are written by hand are held against PyTorch's own
implementation on every case a player meets (visible examples, hidden random cases from several
seeds, edge cases): what the Professor teaches is what torch does.

Loads each puzzle's `cases.py` and `reference.py` directly (trusted content, no sandbox).
"""

from __future__ import annotations

import importlib.util
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import torch
import torch.nn.functional as F
import yaml

from game.runner.casekit import Case

PUZZLES = Path(__file__).resolve().parent.parent / "puzzles"
SEEDS = (0, 1, 1818)


def _load(puzzle_id: str, name: str) -> ModuleType:
    path = PUZZLES / puzzle_id / f"{name}.py"
    spec = importlib.util.spec_from_file_location(f"_course_{puzzle_id}_{name}", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _all_cases(puzzle_id: str) -> Iterator[Case]:
    cases = _load(puzzle_id, "cases")
    yield from cases.examples()
    for seed in SEEDS:
        g = torch.Generator().manual_seed(seed)
        for _ in range(6):
            yield cases.random_case(g)
    yield from getattr(cases, "edge_cases", list)()


def _assert_close(got: Any, want: Any, atol: float, rtol: float, where: str) -> None:
    if isinstance(want, (tuple, list)):
        assert len(got) == len(want), where
        for i, (a, b) in enumerate(zip(got, want, strict=True)):
            _assert_close(a, b, atol, rtol, f"{where}[{i}]")
    else:
        torch.testing.assert_close(got, want, atol=atol, rtol=rtol, msg=where)


def _torch_adamw(param, grads, lr, betas, eps, weight_decay):
    p = param.detach().clone().requires_grad_()
    opt = torch.optim.AdamW([p], lr=lr, betas=betas, eps=eps, weight_decay=weight_decay)
    trajectory = []
    for g in grads:
        p.grad = g.clone()
        opt.step()
        trajectory.append(p.detach().clone())
    state = opt.state[p]
    return torch.stack(trajectory), state["exp_avg"], state["exp_avg_sq"]


def _torch_norms(x, weight, bias, eps):
    d = x.shape[-1]
    tokens = x.reshape(-1, d)
    batch = F.batch_norm(tokens, None, None, weight, bias, training=True, eps=eps)
    return (
        F.layer_norm(x, (d,), weight, bias, eps),
        F.rms_norm(x, (d,), weight, eps),
        batch.reshape(x.shape),
    )


TORCH_TWINS: dict[str, tuple[Callable[..., Any], float, float]] = {
    "adamw_by_hand": (_torch_adamw, 1e-12, 1e-10),
    "norm_duel": (_torch_norms, 1e-4, 1e-4),  # the puzzle's own tolerance
}


@pytest.mark.parametrize("puzzle_id", sorted(TORCH_TWINS))
def test_reference_matches_torch_on_every_case(puzzle_id: str) -> None:
    twin, atol, rtol = TORCH_TWINS[puzzle_id]
    spec = yaml.safe_load((PUZZLES / puzzle_id / "puzzle.yaml").read_text(encoding="utf-8"))
    reference = getattr(_load(puzzle_id, "reference"), spec["entry"])
    for case in _all_cases(puzzle_id):
        got = reference(*case.args, **case.kwargs)
        _assert_close(got, twin(*case.args, **case.kwargs), atol, rtol, case.name)
