"""Professor Torchenstein's reaction to a run: an in-character line for each failure class (and
for a pass) plus one specific next step built from the failing case's data.

Each class has several phrasings; the choice is deterministic (a CRC of the puzzle, case,
facts and a salt such as the attempt number), so tests and screenshots are stable while
repeated attempts still hear fresh words. PURE: must not import pygame or torch.
"""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass

from game.feedback import advice
from game.feedback.classify import classify, primary_case, tally
from game.feedback.focus import Focus, culprit, describe_op, focus
from game.feedback.numbers import METRIC_LABELS, fmt_metric, fmt_shape, short_dtype
from game.feedback.rulewise import within_rules
from game.feedback.scores import metric_values, reference_metrics
from game.runner.protocol import CaseResult, FailureClass, RunResult

# Opening lines per class. Fields: {got} {expected} {case} {line} {exc} {entry} {shape}.
_LINES: dict[str, list[str]] = {
    "shape": [
        "{Yours} is {got}; I asked for {expected}!",
        "{got}?! I ordered {expected} for {yours}, apprentice!",
        "Shapes, apprentice, SHAPES! {Yours} is {got}, mine is {expected}.",
    ],
    "dtype": [
        "{Yours} is {got}; the recipe calls for {expected}!",
        "{got}?! I asked for {expected} in {yours}. Precision is not optional in this lab!",
        "Wrong dtype, apprentice: {got} where {expected} belongs, in {yours}.",
    ],
    "device": [
        "{Yours} lounges on {got} while I wait on {expected}!",
        "{got}? Tonight's experiment runs on {expected}, apprentice, and so must {yours}!",
        "Wrong device! Mine lives on {expected}; {yours} wandered off to {got}.",
    ],
    "values": [
        "The shape {shape} is perfect. The numbers in {yours} are not!",
        "Close! {Yours} has the right skeleton, {shape}, but twitches wrongly.",
        "Hmm! {shape} as ordered, yet the values in {yours} lie to me.",
    ],
    "nan": [
        "NaN! Not a Number, and not acceptable in {yours}!",
        "Your tensor has gone to infinity and beyond, and not in the good way!",
        "The numbers dissolved into NaN soup!",
    ],
    "type": [
        "Not what I asked for, apprentice! I wanted {expected}, you brought {got}.",
        "{got}? I cannot backpropagate through that! I wanted {expected}.",
        "A fine {got}, I am sure, but the apparatus only accepts {expected}.",
    ],
    "exception": [
        "KABOOM! {where} exploded: {exc}",
        "Smoke pours from {where}! The apparatus reports: {exc}",
        "{where} threw a tantrum: {exc}",
    ],
    "timeout": [
        "Tick, tock! Your code was still running when the lab clock struck.",
        "I have aged a year waiting for your function, apprentice!",
        "Time's up! The reactor cooled before your code finished.",
    ],
    "memory": [
        "The memory banks overflow! Sparks everywhere!",
        "You tried to fit a galaxy into a teacup: out of memory!",
        "Too much memory, apprentice! Even OneAI would blush.",
    ],
    "rule": [
        "Forbidden technique! {reason}",
        "Tsk! The rules of this experiment are clear: {reason}",
        "Not like that, apprentice! {reason}",
    ],
    "missing_function": [
        "I called for {entry} and nobody answered!",
        "Where is {entry}? I searched your whole notebook!",
        "No {entry} in sight! How shall I run what does not exist?",
    ],
    "syntax": [
        "{where} is not Python, it is a ransom note!",
        "The interpreter choked on {where} before a single tensor was born.",
        "Gibberish at {where}! Even Backprop the duck is confused.",
    ],
    "output_limit": [
        "You printed a whole novel, apprentice! My teleprinter is on fire.",
        "Enough printing! The paper tape reaches the basement.",
        "So much output! Print what you need, not the universe.",
    ],
    "tampering": [
        "You scribbled on my inputs! The originals must stay pristine.",
        "Sabotage! Your function changed the very tensors I gave it.",
        "In-place meddling with my inputs? That fools no one here!",
    ],
}

_PASS_SUBMIT = [
    "Mwahahaha! IT LIVES! All {total} cases pass.",
    "Magnificent! {total} out of {total}: the hidden tests bow before you!",
    "Mwahahaha! {total} cases, {total} triumphs. Backprop the duck applauds!",
]
_PASS_TRY = [
    "The examples obey you! Now Submit, and face the hidden cases.",
    "{total} example(s) pass! Promising... but the hidden tests are crueler. Submit!",
    "The visible examples are tamed. Submit, and let us see if it truly lives!",
]

_TENSOR_CLASSES = ("shape", "dtype", "device", "values", "nan")
_STEPS: dict[str, str] = {
    "timeout": "look for a loop that never ends, or a Python loop over elements: let torch "
    "do the looping (vectorise)",
    "memory": "something builds a gigantic intermediate: read the shapes in the trace (an "
    "accidental [n, n, n] broadcast?) and avoid materialising what you can reduce",
    "output_limit": "print shapes and a few values (x.shape, x[:3]) instead of whole tensors "
    "or prints inside loops",
    "tampering": "do not modify the inputs in place (add_, mul_, x[...] = ...): clone() them "
    "first or use out-of-place operations",
    "missing_function": "define it at the top level with exactly the name and parameters of "
    "the signature in the brief (not inside another function or an if)",
    # Used when the case came without the tensors to be more precise:
    "shape": "compare each dimension with the brief, then follow the shape trace to the call "
    "where it went astray",
    "dtype": "check which dtype each creation call gives by default, and pass dtype= explicitly",
    "device": "create every tensor with device=device, the argument you were given",
    "values": "compare your numbers with mine cell by cell; the first difference shows where "
    "the formula slips",
    "type": "return exactly what the signature promises: torch tensors, in a tuple if it asks "
    "for several",
    "exception": "read the last line of the traceback, then the line it names",
}
# Openings that need no case data, for runs that arrive without it.
_PLAIN: dict[str, list[str]] = {
    "shape": [
        "Shapes, apprentice, SHAPES! Yours is not the one I ordered.",
        "Wrong shape! The creature's limbs are in the wrong places.",
    ],
    "dtype": [
        "Wrong dtype, apprentice! Precision is not optional in this lab!",
        "Your tensor is made of the wrong stuff: check its dtype!",
    ],
    "device": [
        "Your tensor is on the wrong device, apprentice!",
        "Wrong device! The experiment runs elsewhere.",
    ],
    "values": [
        "The numbers are not right, apprentice!",
        "Close, perhaps, but the values lie to me.",
    ],
}
_NEEDS_TENSORS = ("shape", "dtype", "device", "values")


@dataclass(frozen=True)
class Reaction:
    """What the Professor says about a run."""

    failure: FailureClass | None
    headline: str
    detail: str
    next_step: str
    case: str | None = None
    line: int | None = None

    @property
    def text(self) -> str:
        headline = self.headline if self.headline.endswith(("!", ".", "?")) else self.headline + "."
        return " ".join(part for part in (headline, self.detail) if part)


def _pick(options: list[str], *seed: object) -> str:
    key = "|".join(str(s) for s in seed).encode()
    return options[zlib.crc32(key) % len(options)]


def _where(line: int | None) -> str:
    return f"line {line}" if line is not None else "your code"


def _entry_name(message: str) -> str:
    match = re.search(r"`(\w+)`|'(\w+)'|\b(\w+)\(\)", message)
    if match:
        return next(g for g in match.groups() if g) + "()"
    return "your function"


def _facts(cls: str, case: CaseResult | None, result: RunResult) -> tuple[dict[str, str], str]:
    """Template fields and the specific next step for one class."""
    spot = focus(case, cls) if case is not None else Focus(None, None)
    exp_t, got_t = spot.expected_tensor, spot.got_tensor
    line = (case.line if case else None) or result.line
    fields = {
        "got": "?",
        "expected": "?",
        "case": case.name if case else "",
        "line": str(line or ""),
        "where": _where(line),
        "exc": "",
        "entry": _entry_name(result.message),
        "yours": spot.yours,
        "Yours": spot.yours[0].upper() + spot.yours[1:],
        "shape": fmt_shape(exp_t.shape) if exp_t else "",
        "reason": result.message
        or (case.message if case else "")
        or "that technique is forbidden here",
    }
    step = _STEPS.get(cls, "")
    if cls == "shape" and exp_t and got_t:
        fields.update(got=fmt_shape(got_t.shape), expected=fmt_shape(exp_t.shape))
        step = advice.shape_advice(got_t.shape, exp_t.shape)
    elif cls == "dtype" and exp_t and got_t:
        fields.update(got=short_dtype(got_t.dtype), expected=short_dtype(exp_t.dtype))
        step = advice.dtype_advice(got_t.dtype, exp_t.dtype)
    elif cls == "device" and exp_t and got_t:
        fields.update(got=got_t.device, expected=exp_t.device)
        step = advice.device_advice(got_t.device, exp_t.device)
    elif cls == "values" and case:
        step = advice.values_advice(case, spot)
    elif cls == "nan":
        step = advice.nan_advice(spot)
    elif cls == "type":
        fields.update(
            got=spot.got.text if spot.got else "nothing",
            expected=spot.expected.text if spot.expected else "a tensor",
        )
        step = advice.type_advice(spot, case.message if case else "")
    elif cls == "exception":
        fields["exc"] = advice.exception_summary(case, result.message) or "an exception"
        trace_text = (case.traceback or "") if case else ""
        step = (
            advice.exception_advice(fields["exc"] + "\n" + trace_text)
            or f"read the last line of the traceback, then look at {_where(line)}"
        )
    elif cls == "syntax":
        step = (
            f"check {_where(line)} and the line before it: an unclosed bracket or quote, a "
            "missing colon, or a stray indent"
        )
    elif cls == "rule":
        step = f"rewrite {_where(line)} without it; the brief lists what this puzzle forbids"
    step = within_rules(step, result.rules)
    made_by = culprit(case, got_t) if case is not None and cls in _TENSOR_CLASSES else None
    if made_by is not None:
        step += f"; it was made by {describe_op(made_by)}"
    elif cls in _TENSOR_CLASSES and case is not None and case.line:
        step += f" (look at line {case.line})"
    return fields, step


def _case_detail(case: CaseResult | None, result: RunResult) -> str:
    passed, total = tally(result)
    where = ""
    if case is not None:
        where = f"Case “{case.name}”" + ("" if case.kind in case.name else f" ({case.kind})")
    count = f"{passed}/{total} cases passed" if total else ""
    return ". ".join(part for part in (where, count) if part) + ("." if where or count else "")


def _beaten(result: RunResult) -> str:
    """A line of astonishment when a passing Submit beats the reference on some score."""
    mine = metric_values(result.metrics)
    ref = metric_values(reference_metrics(result))
    better = [
        name
        for name in ("ops", "code_chars", "peak_memory_bytes")
        if name in mine and name in ref and mine[name] < ref[name]
    ]
    if not better:
        return ""
    name = better[0]
    return (
        f"{METRIC_LABELS[name]}: {fmt_metric(name, mine[name])} against my own "
        f"{fmt_metric(name, ref[name])}? You out-Torchensteined Torchenstein!"
    )


def react(
    result: RunResult, salt: object = 0, unmet_goal: str | None = None, record: str | None = None
) -> Reaction:
    """The Professor's reaction to `result`. `salt` (e.g. the attempt number) varies wording;
    `unmet_goal` names a goal to dangle before a player who passed without meeting it;
    `record` names a score this run improved (e.g. "Torch ops: 3 ops, was 4 ops")."""
    cls = classify(result)
    _passed, total = tally(result)
    if cls is None:
        options = _PASS_SUBMIT if result.mode == "submit" else _PASS_TRY
        headline = _pick(options, result.puzzle, result.mode, salt).format(total=total)
        if result.mode == "try":
            step = "press Submit to run the hidden cases too"
        elif unmet_goal:
            step = f"a greater glory awaits: {unmet_goal}"
        else:
            step = "onward! Or polish it: fewer ops, fewer lines, less memory"
        detail = " ".join(
            x for x in (f"A new record! {record}." if record else "", _beaten(result)) if x
        )
        return Reaction(None, headline, detail, step)
    case = primary_case(result)
    fields, step = _facts(cls, case, result)
    spot = focus(case, cls) if case is not None else Focus(None, None)
    known = spot.expected_tensor is not None and spot.got_tensor is not None
    lines = _PLAIN[cls] if cls in _NEEDS_TENSORS and not known else _LINES[cls]
    headline = _pick(lines, result.puzzle, cls, case.name if case else "", salt).format(**fields)
    return Reaction(
        cls,
        headline,
        _case_detail(case, result),
        step,
        case.name if case else None,
        (case.line if case else None) or result.line,
    )
