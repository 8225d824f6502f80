"""The head of the results panel: the verdict line (TRY or SUBMIT, the verdict in words, the
tally and the device), the Professor's reaction with the next step and the runner's message;
or, for the brief's examples, their heading. Also the words for a verdict and for a kind of
failure, which the case sections reuse. Each function draws into a Doc and returns the lines
that describe it. Must not import torch.
"""

from __future__ import annotations

import pygame

from game.feedback.professor import Reaction
from game.runner.protocol import RunResult
from game.ui.results.doc import Chip, Doc
from game.ui.results.style import PanelStyle
from game.ui.theme import Theme

VERDICT_TEXT = {
    "pass": "PASSED",
    "fail": "FAILED",
    "error": "ERROR",
    "timeout": "TIMED OUT",
    "memory": "OUT OF MEMORY",
    "output_limit": "TOO MUCH OUTPUT",
    "rule_violation": "RULE BROKEN",
}
CLASS_TEXT = {
    "shape": "wrong shape",
    "dtype": "wrong dtype",
    "device": "wrong device",
    "values": "wrong values",
    "nan": "NaN or inf",
    "type": "not a tensor",
    "exception": "exception",
    "timeout": "timeout",
    "memory": "memory",
    "rule": "rule broken",
    "missing_function": "function missing",
    "syntax": "syntax error",
    "output_limit": "output limit",
    "tampering": "inputs modified",
}
_SAID_BY_VERDICT = {"timeout", "memory", "output_limit", "rule"}  # the verdict says it already


def heading(doc: Doc, s: PanelStyle, th: Theme, text: str) -> None:
    doc.text(text, s.bold, th.accent)
    doc.gap(s.pad // 2)


def draw_verdict(
    doc: Doc, s: PanelStyle, th: Theme, result: RunResult, reaction: Reaction
) -> list[str]:
    passed = result.verdict == "pass"
    badge = "TRY" if result.mode == "try" else "SUBMIT"
    verdict = VERDICT_TEXT.get(result.verdict, result.verdict.upper())
    if reaction.failure is not None and reaction.failure not in _SAID_BY_VERDICT:
        verdict += ": " + CLASS_TEXT.get(reaction.failure, reaction.failure)
    counted = [c for c in result.cases if c.status != "skipped"]
    tally = f"{sum(c.status == 'pass' for c in counted)}/{len(counted)} cases" if counted else ""
    doc.flow(
        [
            Chip(
                badge,
                s.bold,
                th.bg,
                fill=th.accent2 if badge == "TRY" else th.accent,
                pad=s.pad // 2,
            ),
            *(
                Chip(word, s.verdict, th.success if passed else th.error)
                for word in verdict.split(" ")
            ),
            Chip(" · ".join(x for x in (tally, f"on {result.device}") if x), s.small, th.text_dim),
        ],
        gap=s.pad,
    )
    doc.gap(s.pad)
    lines = [f"[{badge}] {verdict} {tally} on {result.device}".strip()]
    return lines + _draw_professor(doc, s, th, reaction, result)


def _draw_professor(
    doc: Doc, s: PanelStyle, th: Theme, reaction: Reaction, result: RunResult
) -> list[str]:
    top = doc.y
    doc.gap(s.pad)
    inner = doc.width - 2 * s.pad
    doc.text("Professor Torchenstein", s.bold, th.accent, s.pad, inner)
    doc.text(reaction.text, s.body, th.text, s.pad, inner)
    doc.gap(s.pad // 2)
    doc.text("Next step: " + reaction.next_step, s.bold, th.accent2, s.pad, inner)
    if result.message and result.message not in reaction.text and result.verdict != "pass":
        doc.gap(s.pad // 2)
        doc.text(result.message, s.small, th.text_dim, s.pad, inner)
    doc.gap(s.pad)
    doc.box(pygame.Rect(0, top, doc.width, doc.y - top), th.panel_alt, th.border, 1, 6)
    doc.gap(s.pad)
    lines = [f"Professor: {reaction.text}", f"Next step: {reaction.next_step}"]
    return lines + ([f"Runner: {result.message}"] if result.message else [])


def draw_examples_header(doc: Doc, s: PanelStyle, th: Theme, count: int) -> list[str]:
    heading(doc, s, th, "Examples from the brief")
    note = (
        "What your function receives, and what it must return."
        if count
        else "The examples appear here once the runner has made them."
    )
    doc.text(note, s.small, th.text_dim)
    doc.gap(s.pad)
    return [f"Examples: {count}"]
