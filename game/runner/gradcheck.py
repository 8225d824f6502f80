"""Gradient checks of a finished case: the player's input gradients against the reference's,
each failure naming the argument by its parameter name and dict key or index
(`weights["norm2.weight"]`, `layers[1]`) and, when a gradient is missing, the usual ways a graph
gets cut. Trusted side only; imports torch; never pygame.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import replace
from typing import Any

import torch
from torch.utils._pytree import KeyPath, MappingKey, SequenceKey, tree_flatten_with_path

from game.runner.compare import compare
from game.runner.policy import Mismatch, Policy

CUT_GRAPH = (
    "your outputs do not reach it through autograd. Either your code never uses it, or a copy "
    "cut the graph: `load_state_dict` or `copy_` into new parameters (they become fresh "
    "leaves), `.detach()` or `.data`, `.item()` or `.tolist()`, `torch.tensor(x)` built from "
    "the input's numbers, or `torch.no_grad()`. Use the tensors you were given directly, or "
    "`torch.func.functional_call` to run a module with them"
)


def _param_names(fn: Callable[..., Any], n_args: int) -> list[str]:
    try:
        params = list(inspect.signature(fn).parameters.values())
    except (TypeError, ValueError):
        params = []
    names = [p.name for p in params if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
    return names[:n_args] + [f"argument #{i + 1}" for i in range(len(names), n_args)]


def _spell(root: str, path: KeyPath) -> str:
    out = root
    for key in path:
        if isinstance(key, MappingKey):
            out += f"[{key.key!r}]".replace("'", '"')
        elif isinstance(key, SequenceKey):
            out += f"[{key.idx}]"
        else:
            out += str(key)
    return out


def input_names(
    fn: Callable[..., Any], args: tuple[Any, ...], kwargs: dict[str, Any], floats: bool
) -> list[str]:
    """Names of the tensors (only the floating-point ones when `floats`) of `(args, kwargs)`, in
    pytree flattening order: the order the sandbox reports inputs and gradients in."""
    params = _param_names(fn, len(args))
    names = []
    for path, leaf in tree_flatten_with_path((args, kwargs))[0]:
        if not isinstance(leaf, torch.Tensor):
            continue
        if floats and not (leaf.is_floating_point() or leaf.is_complex()):
            continue
        top, rest = path[0], path[1:]
        assert isinstance(top, SequenceKey)
        if top.idx == 0:  # positional: (args)[i]...
            first = rest[0]
            assert isinstance(first, SequenceKey)
            names.append(_spell(params[first.idx], rest[1:]))
        else:  # keyword: (kwargs)[name]...
            first = rest[0]
            assert isinstance(first, MappingKey)
            names.append(_spell(str(first.key), rest[1:]))
    return names


def check_grads(
    want: list[torch.Tensor | None],
    have: list[Any],
    names: list[str],
    policy: Policy,
) -> Mismatch | None:
    """The first gradient that is missing or off, explained; None when all match. The outputs'
    tolerance applies: a puzzle loose enough for its values is as loose for its gradients (dtype
    and device were already checked on the outputs)."""
    loose = replace(policy, check_dtype=False, check_device=False)
    for i, expected in enumerate(want):
        if expected is None:
            continue
        name = names[i] if i < len(names) else f"input #{i + 1}"
        got = have[i] if i < len(have) else None
        if got is None:
            return Mismatch("values", f"the gradient of `{name}` is missing: {CUT_GRAPH}.")
        bad = compare(expected, got, loose, f"the gradient of `{name}`")
        if bad:
            return bad
    return None
