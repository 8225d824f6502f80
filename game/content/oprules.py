"""What an allow-list means, shared by the static check (AST) and the tracer (run time).

A puzzle's `rules.allow` names groups (`arithmetic`, `comparison`, `indexing`, `shape`...) and
single functions or methods (`torch.arange`, `torch.Tensor.long`). Everything here is plain
names, never torch objects, so the meaning of a group does not change with the torch version:
operators are matched by their symbol (how the player wrote them), methods and attributes by
their name. `OpPolicy.verdict` answers one question for both checkers: may this use happen,
and if not, what do we tell the apprentice?

Pure: must not import torch or pygame.
"""

from __future__ import annotations

from dataclasses import dataclass

from game.content.puzzle_models import Rules

# Operators by the symbol the player wrote; augmented forms (`+=`) count as their operator.
OPERATOR_GROUPS: dict[str, frozenset[str]] = {
    "arithmetic": frozenset({"+", "-", "*", "/", "//", "%", "**", "-x", "+x", "abs()"}),
    "matmul": frozenset({"@"}),
    "comparison": frozenset({"<", "<=", ">", ">=", "==", "!="}),
    "logic": frozenset({"&", "|", "^", "~"}),
    "indexing": frozenset({"[]"}),
}
# Tensor attributes and methods a group brings along (by name, on any tensor).
MEMBER_GROUPS: dict[str, frozenset[str]] = {
    "shape": frozenset({"shape", "ndim", "dtype", "device", "size", "dim", "numel", "len()"}),
}
GROUPS: dict[str, str] = {
    "arithmetic": "`+ - * / // % **`, unary minus and `abs()` on tensors",
    "matmul": "the `@` operator",
    "comparison": "`< <= > >= == !=` on tensors",
    "logic": "`& | ^ ~` on tensors",
    "indexing": "`x[...]`: integers, slices, `None`, `...`, masks and index tensors",
    "shape": "`x.shape`, `x.ndim`, `x.dtype`, `x.device`, `x.size()`, `x.dim()`, "
    "`x.numel()` and `len(x)`",
    "iteration": "Python looping over a tensor (`for`, `sum()`, `list()`...)",
}
# The method a player might reach for instead of an operator, to say which spelling is fine.
METHOD_OPERATORS: dict[str, str] = {
    "add": "+",
    "sub": "-",
    "mul": "*",
    "div": "/",
    "true_divide": "/",
    "floor_divide": "//",
    "remainder": "%",
    "pow": "**",
    "neg": "-x",
    "abs": "abs()",
    "matmul": "@",
    "lt": "<",
    "le": "<=",
    "gt": ">",
    "ge": ">=",
    "eq": "==",
    "ne": "!=",
    "logical_and": "&",
    "logical_or": "|",
    "bitwise_and": "&",
    "bitwise_or": "|",
    "bitwise_xor": "^",
    "bitwise_not": "~",
    "logical_not": "~",
}
# dtypes are values, not operations: naming `torch.long` is always fine.
DTYPE_NAMES = frozenset(
    [
        "float16",
        "float32",
        "float64",
        "bfloat16",
        "half",
        "float",
        "double",
        "int8",
        "int16",
        "int32",
        "int64",
        "uint8",
        "short",
        "int",
        "long",
        "bool",
        "complex64",
        "complex128",
        "cfloat",
        "cdouble",
    ]
)
# Python builtins that loop over what they are given: loops in disguise. Plain containers
# (`list(x.shape)`, `dict(model.state_dict())`) are not on it: they compute nothing per item,
# and a tensor walked into one is caught at run time, where the tracer sees the iteration.
ITERATING_BUILTINS: dict[str, str] = {
    "sum": "adds the items up one at a time",
    "map": "calls a function once per item",
    "filter": "tests the items one at a time",
    "range": "counts off the turns of a loop",
    "enumerate": "walks the items one at a time",
    "zip": "walks several sequences item by item",
    "reduce": "folds the items one at a time",
    "iter": "steps through the items",
    "next": "steps through the items",
    "sorted": "walks and sorts the items",
    "reversed": "walks the items backwards",
    "any": "tests the items one at a time",
    "all": "tests the items one at a time",
    "min": "compares the items one at a time",
    "max": "compares the items one at a time",
}
# Modules that are nothing but loops in disguise.
ITERATING_MODULES = frozenset({"itertools", "functools"})


def operator_group(symbol: str) -> str | None:
    return next((g for g, ops in OPERATOR_GROUPS.items() if symbol in ops), None)


def member_group(name: str) -> str | None:
    return next((g for g, names in MEMBER_GROUPS.items() if name in names), None)


@dataclass(frozen=True)
class OpPolicy:
    """A puzzle's rules, compiled for quick questions. `allow is None`: no allow-list."""

    allow: frozenset[str] | None
    forbid_loops: bool
    forbid_recursion: bool

    @classmethod
    def of(cls, rules: Rules) -> OpPolicy:
        allow = frozenset(rules.allow) if rules.allow is not None else None
        return cls(allow, rules.forbid_loops, rules.forbid_recursion)

    def _allowed_text(self) -> str:
        assert self.allow is not None
        return ", ".join(f"`{a}`" for a in sorted(self.allow)) or "nothing from torch"

    def operator(self, symbol: str) -> str | None:
        """Why a tensor operator may not be used here, or None when it may."""
        if self.allow is None:
            return None
        group = operator_group(symbol)
        if group in self.allow:
            return None
        shown = {"-x": "unary `-`", "+x": "unary `+`", "[]": "indexing `x[...]`"}.get(
            symbol, f"`{symbol}`"
        )
        return f"{shown} on tensors is not allowed here (allowed: {self._allowed_text()})"

    def member(self, name: str, *, called: bool) -> str | None:
        """Why `x.<name>` (a tensor attribute or method) may not be used, or None."""
        if self.allow is None or f"torch.Tensor.{name}" in self.allow:
            return None
        if name in DTYPE_NAMES and not called:
            return None
        group = member_group(name)
        if group in self.allow:
            return None
        shown = f"`.{name}()`" if called else f"`.{name}`"
        op = METHOD_OPERATORS.get(name)
        if op and operator_group(op) in self.allow:
            spelled = {"-x": "unary `-`", "abs()": "`abs()`"}.get(op, f"the operator `{op}`")
            return f"{shown} is not allowed here, but {spelled} is: write it that way"
        return f"{shown} is not among the operations this puzzle allows ({self._allowed_text()})"

    def function(self, dotted: str) -> str | None:
        """Why `torch.<...>` may not be used, or None. `dotted` starts with `torch.`."""
        if self.allow is None or dotted in self.allow:
            return None
        last = dotted.rsplit(".", 1)[-1]
        if dotted.count(".") == 1 and last in DTYPE_NAMES:
            return None
        if dotted in ("torch", "torch.Tensor"):
            return None  # the module and the type themselves are no operation
        return f"`{dotted}` is not among the operations this puzzle allows ({self._allowed_text()})"

    def builtin(self, name: str) -> str | None:
        """Why Python's `name()` may not be applied (to tensors) here, or None."""
        if name == "len":
            return (
                None
                if self.allow is None or "shape" in self.allow
                else self.member("len()", called=False)
            )
        if name == "abs":
            return self.operator("abs()")
        if name in ITERATING_BUILTINS:
            return self.iteration(f"`{name}()`", ITERATING_BUILTINS[name])
        return None

    def iteration(self, construct: str, how: str = "walks a tensor item by item") -> str | None:
        """Why a Python loop over tensor items may not be used, or None."""
        if self.forbid_loops:
            return (
                f"{construct} {how}: a loop in disguise, and this puzzle forbids Python "
                "loops, so let tensor operations do the repeating"
            )
        if self.allow is not None and "iteration" not in self.allow:
            return (
                f"{construct} {how}, looping over the tensor in Python; this puzzle "
                "wants whole-tensor operations instead"
            )
        return None

    def recursion(self, name: str) -> str | None:
        if not self.forbid_recursion:
            return None
        return (
            f"`{name}` calls itself (recursion: a loop in disguise), and this puzzle forbids "
            "recursion"
        )
