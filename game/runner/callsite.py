"""How the player's line reached a torch call, for the run-time half of the rules.

At run time `a * b` and `a.mul(b)` arrive as the same function. What differs is the player's
bytecode at that moment: a `BINARY_OP *` or a `CALL`. `Site.of` reads the instruction the
player's frame is executing and the source span Python records for it, and `RuntimeRules`
turns that into a verdict with the same `OpPolicy` the static check uses, naming the
construct (a `for` loop, Python's `sum()`, unary minus...) rather than torch's internals.

Imports neither torch nor pygame (functions are told apart by their names).
"""

from __future__ import annotations

import ast
import builtins
import dis
from dataclasses import dataclass
from types import CodeType, FrameType
from typing import Any

from game.content.oprules import ITERATING_BUILTINS, OpPolicy

_SUBSCRIPT = {"BINARY_SUBSCR", "STORE_SUBSCR", "DELETE_SUBSCR", "BINARY_SLICE", "STORE_SLICE"}
_UNARY = {"UNARY_NEGATIVE": "-x", "UNARY_POSITIVE": "+x", "UNARY_INVERT": "~"}
# Conversions Python makes on its own (`if t:`, f-strings, `int(t)`): no tensor operation.
_PYTHON_PROTOCOL = {
    "__bool__",
    "__format__",
    "__repr__",
    "__str__",
    "__hash__",
    "__index__",
    "__int__",
    "__float__",
    "__complex__",
    "__array__",
}
_instructions: dict[CodeType, dict[int, dis.Instruction]] = {}


def _instruction(frame: FrameType) -> dis.Instruction | None:
    code = frame.f_code
    table = _instructions.get(code)
    if table is None:
        table = {i.offset: i for i in dis.get_instructions(code)}
        _instructions[code] = table
    return table.get(frame.f_lasti)


def tensor_member(func: Any) -> str | None:
    """The method name when `func` is a method of torch.Tensor, else None."""
    qual = getattr(func, "__qualname__", "") or ""
    if qual.startswith(("TensorBase.", "Tensor.")):
        return qual.split(".", 1)[1]
    return None


def dotted_name(func: Any) -> str:
    """`torch.cumsum`, `torch.Tensor.mul`, `torch.nn.functional.gelu`: how players spell it."""
    name = getattr(func, "__name__", None) or type(func).__name__
    member = tensor_member(func)
    if member is not None:
        return f"torch.Tensor.{member}"
    module = getattr(func, "__module__", None) or "torch"
    if module == "torch._C._nn" or module.startswith("torch.nn.functional"):
        return f"torch.nn.functional.{name}"
    if module.startswith("torch._C") or module == "torch.functional":
        return f"torch.{name}"
    return f"{module}.{name}"


class SourceMap:
    """The player's source, indexed by the spans Python records for each instruction."""

    def __init__(self, source: str) -> None:
        self.calls: dict[tuple[int, int, int, int], ast.Call] = {}
        self.loops: dict[int, str] = {}
        self.defined: set[str] = set()
        try:
            tree = ast.parse(source)
        except (SyntaxError, ValueError):
            return
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                key = (node.lineno, node.col_offset, node.end_lineno or 0, node.end_col_offset or 0)
                self.calls[key] = node
            elif isinstance(node, (ast.For, ast.AsyncFor)):
                self.loops.setdefault(node.lineno, "a `for` loop over a tensor")
            elif isinstance(node, (ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)):
                self.loops.setdefault(node.lineno, "a comprehension over a tensor")
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                self.defined.add(node.name)
            elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
                self.defined.add(node.id)

    def names_a_function(self, frame: FrameType) -> bool:
        """Whether the player's frame is calling a function by name right now (`a.mul(b)`,
        `torch.mul(a, b)`), rather than writing an operator, an index or an attribute, or
        handing tensors to one of Python's builtins."""
        instr = _instruction(frame)
        if instr is None:
            return True
        op = instr.opname
        if op in ("BINARY_OP", "COMPARE_OP", "LOAD_ATTR", "LOAD_METHOD") or op in _SUBSCRIPT:
            return False
        if op in _UNARY:
            return False
        return not (op.startswith("CALL") and self.builtin_called(instr) is not None)

    def builtin_called(self, instr: dis.Instruction) -> str | None:
        """Python's builtin called at this instruction (`sum`, `len`...), if that is what it is."""
        pos = instr.positions
        if pos is None or pos.lineno is None:
            return None
        key = (pos.lineno, pos.col_offset or 0, pos.end_lineno or 0, pos.end_col_offset or 0)
        call = self.calls.get(key)
        if call is None or not isinstance(call.func, ast.Name):
            return None
        name = call.func.id
        return name if hasattr(builtins, name) and name not in self.defined else None


@dataclass
class RuntimeRules:
    """The run-time verdict on one torch call made directly by the player's frame."""

    policy: OpPolicy
    allowed_ids: set[int]
    source: SourceMap

    def iteration(self, frame: FrameType) -> str | None:
        """Torch's own `Tensor.__iter__` was entered from the player's `frame`."""
        instr = _instruction(frame)
        name = self.source.builtin_called(instr) if instr is not None else None
        if name is not None:
            return self.policy.builtin(name) or self.policy.iteration(f"`{name}()`")
        construct = self.source.loops.get(frame.f_lineno, "unpacking or looping over a tensor")
        return self.policy.iteration(construct, "walks the tensor item by item")

    def call(self, func: Any, frame: FrameType) -> str | None:
        instr = _instruction(frame)
        op = instr.opname if instr is not None else ""
        if instr is not None and op == "BINARY_OP":
            return self.policy.operator(instr.argrepr.rstrip("=") or instr.argrepr)
        if op == "COMPARE_OP":
            symbol = instr.argrepr.removeprefix("bool(").removesuffix(")")  # type: ignore[union-attr]
            return self.policy.operator(symbol)
        if op in _SUBSCRIPT:
            return self.policy.operator("[]")
        if op in _UNARY:
            return self.policy.operator(_UNARY[op])
        if op in ("LOAD_ATTR", "LOAD_METHOD") and instr is not None:
            return self.policy.member(str(instr.argval), called=False)
        member = tensor_member(func)
        if member in _PYTHON_PROTOCOL:
            return None
        if instr is not None and op.startswith("CALL"):
            name = self.source.builtin_called(instr)
            if name is not None and name in (*ITERATING_BUILTINS, "len", "abs"):
                return self.policy.builtin(name)
        if id(func) in self.allowed_ids:
            return None
        if member is not None:
            return self.policy.member("len()" if member == "__len__" else member, called=True)
        return self.policy.function(dotted_name(func))
