"""Watching the player's code while it runs, inside the sandbox only:

- `CallTracer` (a TorchFunctionMode) sees every torch call the player's own lines make: it
  records the shape trace and stops forbidden functions however they were reached.
- the import guard refuses imports the puzzle does not allow, made by the player's own lines.

What the code costs is counted in `opmeter`.

Imports torch; never pygame. Nothing here is trusted by the runner's verdict except as a
claim against the player (a reported violation or budget overrun only ever fails a run).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import FrameType
from typing import Any

import torch
from torch.overrides import TorchFunctionMode
from torch.utils._pytree import tree_flatten

from game.content.oprules import OpPolicy
from game.content.puzzle_models import Rules
from game.runner.callsite import RuntimeRules, SourceMap, dotted_name
from game.runner.names import resolve_allowed

PLAYER_FILE = "<your code>"
_TORCH_DIR = str(Path(torch.__file__).parent)
_HERE = __file__
TRACE_CAP = 40


class RuleViolation(Exception):
    """Raised where the player's code calls something the puzzle forbids."""


@dataclass
class Violation:
    name: str
    line: int | None
    message: str = ""

    def text(self) -> str:
        return self.message or f"`{self.name}` is forbidden in this puzzle"


_OVERRIDES = str(Path(torch.overrides.__file__))


def direct_caller(frame: FrameType | None) -> tuple[FrameType | None, bool]:
    """(the player's frame that made this torch call itself, whether it came through torch's
    `Tensor.__iter__`). (None, False) when torch's own code made the call: what torch does
    inside a function the player called is not the player's doing (Python's `sum()` over a
    tensor must not read as "`Tensor.dim` is forbidden")."""
    while frame is not None and frame.f_code.co_filename == _HERE:
        frame = frame.f_back
    if frame is not None and frame.f_code.co_filename == _OVERRIDES:
        frame = frame.f_back  # a Python-level torch function dispatching: skip it and wrappers
        while frame is not None and frame.f_code.co_filename.startswith(_TORCH_DIR):
            frame = frame.f_back
    if frame is None:
        return None, False
    if frame.f_code.co_filename == PLAYER_FILE:
        return frame, False
    parent = frame.f_back
    if (
        frame.f_code.co_name == "__iter__"
        and frame.f_code.co_filename.startswith(_TORCH_DIR)
        and parent is not None
        and parent.f_code.co_filename == PLAYER_FILE
    ):
        return parent, True
    return None, False


# Torch's implementations of Python protocols: what they call inside is torch's business.
_PROTOCOLS = frozenset(
    {
        "__iter__",
        "__len__",
        "__repr__",
        "__str__",
        "__format__",
        "__contains__",
        "__hash__",
        "__bool__",
        "__array__",
        "__reversed__",
        "__deepcopy__",
        "__reduce_ex__",
    }
)


def inside_protocol(frame: FrameType | None) -> bool:
    """Whether, between this torch call and the player's line, torch is running a Python
    protocol (iteration, printing...) rather than an operation the player asked for."""
    while frame is not None and frame.f_code.co_filename != PLAYER_FILE:
        code = frame.f_code
        if code.co_name in _PROTOCOLS and code.co_filename.startswith(_TORCH_DIR):
            return True
        frame = frame.f_back
    return False


def recursion_in(frame: FrameType) -> str | None:
    """The name of a player's function that is on the stack twice, if any."""
    seen: set[object] = set()
    while frame is not None:
        if frame.f_code.co_filename == PLAYER_FILE:
            if frame.f_code in seen:
                return frame.f_code.co_name
            seen.add(frame.f_code)
        frame = frame.f_back  # type: ignore[assignment]
    return None


def _library_frame(frame: FrameType) -> bool:
    """Code of an imported module (numpy, the standard library...), not code the player made
    at run time with exec/compile, whatever file name they gave it."""
    module = sys.modules.get(str(frame.f_globals.get("__name__")))
    return module is not None and getattr(module, "__dict__", None) is frame.f_globals


def player_line(frame: FrameType | None) -> int | None:
    """The player's line behind a torch call: the nearest frame outside torch must be theirs,
    or code they compiled at run time (`torch.builtins.exec` included) called from their lines."""
    while frame is not None:
        filename = frame.f_code.co_filename
        if filename == PLAYER_FILE:
            return frame.f_lineno
        if not (
            filename.startswith(_TORCH_DIR) or filename == _HERE or filename.startswith("<frozen")
        ) and _library_frame(frame):
            return None
        frame = frame.f_back
    return None


def describe(value: Any) -> str:
    if type(value) is torch.Tensor:
        dims = ", ".join(str(d) for d in value.shape)
        where = "" if value.device.type == "cpu" else f"@{value.device.type}"
        return f"{str(value.dtype).removeprefix('torch.')}[{dims}]{where}"
    if isinstance(value, torch.Tensor):
        return type(value).__name__
    if isinstance(value, (int, float, bool)) or value is None:
        return repr(value)[:16]
    if (
        isinstance(value, (tuple, list))
        and len(value) <= 6
        and all(isinstance(v, (int, float, bool)) for v in value)
    ):
        return repr(tuple(value))[:32]
    if isinstance(value, (torch.dtype, torch.device, str)):
        return str(value)[:24]
    return type(value).__name__


def op_name(func: Any) -> str:
    name = getattr(func, "__name__", None) or str(func)
    qual = getattr(func, "__qualname__", "") or ""
    module = getattr(func, "__module__", None) or ""
    if qual.startswith(("TensorBase.", "Tensor.")):
        return "Tensor." + name
    if module.startswith("torch.nn.functional") or module == "torch._C._nn":
        return "F." + name
    if module.startswith("torch"):
        return "torch." + name
    return name


class CallTracer(TorchFunctionMode):
    def __init__(
        self,
        forbidden: dict[int, str],
        keep_trace: bool = True,
        rules: RuntimeRules | None = None,
        source: SourceMap | None = None,
    ) -> None:
        super().__init__()
        self.forbidden = forbidden
        self.keep_trace = keep_trace
        self.rules = rules
        self.source = source if source is not None else (rules.source if rules else None)
        self.trace: list[dict[str, Any]] = []
        self.calls = 0
        self.violation: Violation | None = None

    def _refuse(self, name: str, line: int | None, message: str = "") -> None:
        if self.violation is None:
            self.violation = Violation(name, line, message)
        raise RuleViolation(self.violation.text())

    def _check(self, func: Any, frame: FrameType | None) -> None:
        caller, via_iter = direct_caller(frame)
        if id(func) in self.forbidden:
            name = self.forbidden[id(func)]
            if caller is not None and not via_iter:
                # `a * b` is not `.mul()`, and Python's `sum()` adding tensors names no method
                if self.source is None or self.source.names_a_function(caller):
                    self._refuse(name, caller.f_lineno)
            elif caller is None and not inside_protocol(frame):
                # a forbidden function reached through torch's own code (nn.Linear calling
                # F.linear) is still the player's doing, unless torch is only running a
                # Python protocol for them (iterating, printing)
                self._refuse(name, player_line(frame))
        if caller is None or self.rules is None:
            return
        if self.rules.policy.forbid_recursion:
            recursive = recursion_in(caller)
            if recursive is not None:
                self._refuse(
                    recursive, caller.f_lineno, self.rules.policy.recursion(recursive) or ""
                )
        why = self.rules.iteration(caller) if via_iter else self.rules.call(func, caller)
        if why:
            self._refuse(dotted_name(func), caller.f_lineno, why)

    def __torch_function__(
        self, func: Any, types: Any, args: tuple = (), kwargs: Any = None
    ) -> Any:
        kwargs = kwargs or {}
        frame = sys._getframe(1)
        line = player_line(frame)
        if line is not None:
            self._check(func, frame)
        out = func(*args, **kwargs)
        if line is not None and getattr(func, "__name__", "") != "__get__":
            self.calls += 1
            if self.keep_trace and len(self.trace) < TRACE_CAP:
                flat_in, _ = tree_flatten((args, kwargs))
                flat_out, _ = tree_flatten(out)
                self.trace.append(
                    {
                        "op": op_name(func),
                        "line": line,
                        "inputs": [describe(v) for v in flat_in if not isinstance(v, str)][:8],
                        "outputs": [describe(v) for v in flat_out][:8],
                    }
                )
        return out


def install_import_guard(
    allowed: set[str], on_violation: Callable[[str, int | None], None]
) -> None:
    """Imports made by the player's own lines (even through `importlib`) must be allowed."""
    import builtins

    real_import = builtins.__import__

    def guarded(
        name: str, globals: Any = None, locals: Any = None, fromlist: Any = (), level: int = 0
    ) -> Any:
        frame = sys._getframe(1)
        if (
            level == 0
            and frame.f_code.co_filename == PLAYER_FILE
            and name.split(".")[0] not in allowed
        ):
            on_violation(f"import {name}", frame.f_lineno)
            raise ImportError(f"`import {name}` is not allowed in this puzzle")
        return real_import(name, globals, locals, fromlist, level)

    builtins.__import__ = guarded


def runtime_rules(doc: dict[str, Any] | None, code: str) -> RuntimeRules | None:
    """The run-time rules of a job (`rules` as `Rules` fields), or None when nothing needs
    watching beyond the forbid-list."""
    if not doc:
        return None
    policy = OpPolicy.of(Rules.model_validate(doc))
    if policy.allow is None and not policy.forbid_loops and not policy.forbid_recursion:
        return None
    allowed = resolve_allowed([a for a in policy.allow or () if "." in a])
    return RuntimeRules(policy, allowed, SourceMap(code))


def recursion_in_traceback(exc: BaseException) -> str | None:
    """The player's function that recursed until Python gave up, if that is what happened."""
    tb = exc.__traceback__
    seen: set[object] = set()
    while tb is not None:
        code = tb.tb_frame.f_code
        if code.co_filename == PLAYER_FILE:
            if code in seen:
                return code.co_name
            seen.add(code)
        tb = tb.tb_next
    return None


def tensor_members() -> frozenset[str]:
    """Every attribute name of torch.Tensor: what the static check treats as a tensor member."""
    return frozenset(dir(torch.Tensor))
