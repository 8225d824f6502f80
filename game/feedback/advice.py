"""Specific diagnoses built from a case's data: what differs (shapes, dtypes, devices, values,
exceptions) and the concrete PyTorch move that fixes it. The Professor's voice is added by
`professor.py`; this module only states facts and remedies.

PURE: must not import pygame or torch.
"""

from __future__ import annotations

import re

from game.feedback.compare import compare_previews, value_at, value_pattern
from game.feedback.focus import Focus
from game.feedback.numbers import fmt_number, fmt_shape, short_dtype
from game.runner.protocol import CaseResult

_CAST = {
    "float32": ".float()",
    "float64": ".double()",
    "float16": ".half()",
    "bfloat16": ".bfloat16()",
    "int64": ".long()",
    "int32": ".int()",
    "int16": ".short()",
    "int8": ".char()",
    "uint8": ".byte()",
    "bool": ".bool()",
}


def _without_ones(shape: list[int]) -> list[int]:
    return [s for s in shape if s != 1]


def shape_advice(got: list[int], expected: list[int]) -> str:
    """How to turn a tensor of shape `got` into one of shape `expected`, as one remedy."""
    g, e = fmt_shape(got), fmt_shape(expected)
    if _without_ones(got) == _without_ones(expected):
        if len(got) > len(expected):
            extra = [i for i, s in enumerate(got) if s == 1]
            dim = extra[-1] if len(extra) == 1 or len(got) - len(expected) == 1 else None
            where = f"(dim={dim})" if dim is not None and len(got) - len(expected) == 1 else "()"
            return f"squeeze{where} away the size-1 dimension, or drop keepdim=True"
        return "unsqueeze the missing size-1 dimension (or index with None) where I asked for it"
    if sorted(got) == sorted(expected) and len(got) == len(expected):
        if len(got) == 2:
            return "transpose it: .T or .transpose(0, 1)"
        return "the right sizes in the wrong order: permute the dimensions"
    n_got, n_exp = _numel(got), _numel(expected)
    if n_got == n_exp:
        return f"same {n_got} elements, different arrangement: reshape or view to {e}"
    if len(got) == len(expected) + 1 and got[1:] == expected:
        return f"dimension 0 (size {got[0]}) is extra: reduce over dim=0 or pick one slice"
    if len(got) == len(expected) + 1 and got[:-1] == expected:
        return f"the last dimension (size {got[-1]}) is extra: reduce over dim=-1"
    if len(got) == len(expected) + 1:
        return (
            f"{g} has one dimension too many: a reduction is missing its dim, or a stack "
            "should be a cat"
        )
    if len(got) + 1 == len(expected):
        return f"{g} lost a dimension: keepdim=True on the reduction, or stack instead of cat"
    if len(got) == len(expected):
        dims = [i for i, (a, b) in enumerate(zip(got, expected, strict=True)) if a != b]
        grown = [i for i in dims if expected[i] == 1 or got[i] > expected[i]]
        if len(dims) == 1 and abs(got[dims[0]] - expected[dims[0]]) == 1:
            d = dims[0]
            return f"dimension {d} is {got[d]}, not {expected[d]}: a slice bound is off by one"
        if grown and all(expected[i] == 1 for i in grown):
            return "a size-1 dimension was stretched: broadcasting struck; check the shape trace"
        return (
            "dimension "
            + ", ".join(f"{i} is {got[i]} not {expected[i]}" for i in dims)
            + ": follow the shape trace to where it went astray"
        )
    if len(got) > len(expected):
        return (
            f"{len(got) - len(expected)} dimensions too many: broadcasting probably "
            "multiplied a row by a column; check the shape trace"
        )
    return f"{len(expected) - len(got)} dimensions short: a reduction went too far"


def _numel(shape: list[int]) -> int:
    n = 1
    for s in shape:
        n *= s
    return n


def dtype_advice(got: str, expected: str) -> str:
    g, e = short_dtype(got), short_dtype(expected)
    cast = _CAST.get(e, f".to(torch.{e})")
    if e.startswith("int") and g.startswith("float"):
        return (
            f"pass dtype=torch.{e} where you create it, or call {cast} (mind that / "
            "always makes floats; // keeps integers)"
        )
    if e == "bool":
        return f"comparisons already give bool; or call {cast}"
    if g == "bool":
        values = "1.0, 0.0" if "float" in e else "1, 0"
        return (
            f"a comparison gives bool: torch.where(mask, {values}) turns it into numbers, "
            f"or call {cast}"
        )
    return f"pass dtype=torch.{e} when you create the tensor, or convert it with {cast}"


def device_advice(got: str, expected: str) -> str:
    if got.startswith("cpu"):
        return "create it with device=device (the argument you were given), or .to(device)"
    if expected.startswith("cpu"):
        return f"you hard-coded '{got}'; use the device you were given instead"
    return f"move it with .to('{expected}') or create it there with device="


def values_advice(case: CaseResult, spot: Focus) -> str:
    """Where the values go wrong, and the likeliest slip."""
    exp_t, got_t = spot.expected_tensor, spot.got_tensor
    parts: list[str] = []
    index = case.mismatch_index
    e, g = value_at(exp_t, index), value_at(got_t, index)
    if index is not None and e is not None and g is not None:
        parts.append(
            f"at {fmt_shape(index)} I expected {fmt_number(e)} and you gave {fmt_number(g)}"
        )
    elif index is not None:
        parts.append(f"the first difference is at {fmt_shape(index)}")
    comparison = compare_previews(exp_t, got_t, index)
    if comparison is not None and comparison.count:
        parts.append(f"{comparison.count} of {comparison.total} cells differ")
    if case.max_abs_diff is not None:
        parts.append(f"largest difference {fmt_number(case.max_abs_diff)}")
    pattern = value_pattern(exp_t, got_t)
    if pattern is not None:
        parts.append(
            {
                "negated": "every sign is flipped: a stray minus",
                "transposed": "it is my answer transposed: swap your indices",
                "offset": f"everything is off by {fmt_number(pattern.amount)}: an extra or "
                "missing constant term",
                "scale": f"everything is {fmt_number(pattern.amount)}x too big: a missing or extra "
                "scale factor (a mean versus a sum? a sqrt of the dimension?)",
            }[pattern.kind]
        )
    elif spot.expected is not None and spot.expected.kind == "scalar":
        parts.append(
            f"I expected {spot.expected.text}, you gave {spot.got.text if spot.got else 'nothing'}"
        )
    if not parts:
        parts.append(case.message or "the values differ")
    return "; ".join(parts)


def nan_advice(spot: Focus) -> str:
    got_t = spot.got_tensor
    count = ""
    if got_t is not None and (got_t.nan_count or got_t.inf_count):
        bits = []
        if got_t.nan_count:
            bits.append(f"{got_t.nan_count} NaN")
        if got_t.inf_count:
            bits.append(f"{got_t.inf_count} inf")
        count = " and ".join(bits) + f" in {spot.yours}; "
    return (
        count + "exp() of a big number overflows (subtract the max first), log(0) and x/0 "
        "blow up (clamp or add a small eps)"
    )


def type_advice(spot: Focus, message: str = "") -> str:
    expected, got = spot.expected, spot.got
    if "graph attached" in message:
        return (
            f"{spot.yours} still drags its autograd graph along: return .detach()ed results, "
            "or compute them under torch.no_grad()"
        )
    what = got.text if got is not None else "nothing"
    kind = got.kind if got is not None else "none"
    if kind == "none":
        return f"{spot.yours} is None: did you forget the return statement?"
    if expected is not None and expected.kind == "sequence" and kind == "tensor":
        return f"I asked for a tuple of {len(expected.items or [])} values, you returned one tensor"
    if expected is not None and expected.kind == "tensor":
        return (
            f"{spot.yours} is {what}; I need a real torch.Tensor: build it with torch "
            "functions (torch.tensor, torch.stack), not lists or numpy"
        )
    wanted = expected.text if expected is not None else "the promised type"
    return f"{spot.yours} is {what} where I wanted {wanted}"


_EXCEPTION_HINTS: list[tuple[str, str]] = [
    (
        r"size of tensor a \((\d+)\) must match the size of tensor b \((\d+)\)",
        "two shapes refuse to broadcast: line them up (unsqueeze, or transpose) first",
    ),
    (
        r"mat1 and mat2 shapes cannot be multiplied|shapes cannot be multiplied",
        "a matmul's inner dimensions disagree: the last dim of the left must equal the "
        "second-to-last of the right; transpose one side?",
    ),
    (
        r"Expected all tensors to be on the same device",
        "tensors on different devices: create everything with device=device",
    ),
    (
        r"expected scalar type|expected .*dtype|result type .* can't be cast",
        "mixed dtypes in one op: convert one side with .to(other.dtype)",
    ),
    (
        r"Dimension out of range",
        "you asked for a dimension the tensor does not have: count its dims in the shape trace",
    ),
    (
        r"index .* is out of bounds|index out of range|out of range",
        "an index runs past the end: sizes count from 0 to n-1",
    ),
    (
        r"view size is not compatible",
        "view() needs contiguous memory: use reshape(), or .contiguous() first",
    ),
    (
        r"does not require grad",
        "backward() on a tensor with no graph: the inputs need requires_grad=True, and no "
        "detach() or no_grad() on the way",
    ),
    (
        r"leaf Variable that requires grad .* in-place",
        "in-place ops on a leaf that requires grad are forbidden: compute a new tensor instead",
    ),
    (
        r"NameError: name '(\w+)' is not defined",
        "a name used before it exists: a typo, or a missing import",
    ),
    (
        r"has no attribute '(\w+)'",
        "that attribute does not exist: check the spelling in the PyTorch docs",
    ),
    (
        r"unexpected keyword argument '(\w+)'",
        "that keyword does not exist for this function: check its signature",
    ),
    (r"ZeroDivisionError", "a division by zero: guard the denominator"),
    (
        r"takes \d+ positional arguments? but \d+ (were|was) given",
        "the call passes a different number of arguments than the function takes",
    ),
]


def exception_summary(case: CaseResult | None, message: str = "") -> str:
    """The last line of the traceback (the exception itself), or the message."""
    if case is not None:
        lines = (case.traceback or "").strip().splitlines()
        if lines:
            return lines[-1].strip()
        if case.message:
            return case.message.strip()
    return message.strip()


def exception_advice(text: str) -> str | None:
    for pattern, advice in _EXCEPTION_HINTS:
        if re.search(pattern, text, re.I):
            return advice
    return None
