"""The results panel's content, section by section: the header (`verdict_view`), scores and
goals, the case list, the selected case (inputs, expected against yours, traceback, shape
trace) and the printed output. Builds a Doc plus the matching text description, so what
`describe()` says is what is drawn. Must not import torch.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pygame

from game.feedback.classify import case_class
from game.feedback.focus import culprit, focus
from game.feedback.professor import Reaction
from game.feedback.scores import GoalStatus, ScoreRow
from game.runner.protocol import CaseResult, RunResult
from game.ui.results.doc import Chip, Doc
from game.ui.results.scores_view import draw_goals, draw_scores
from game.ui.results.style import PanelStyle
from game.ui.results.value_view import ValueDrawer
from game.ui.results.verdict_view import CLASS_TEXT, draw_examples_header, draw_verdict, heading
from game.ui.theme import Theme

MAX_STDOUT_LINES = 300
# A case may print up to the runner's cap (a megabyte): wrapping all of it at 200% would take
# seconds and hundreds of megabytes of rendered lines, and nobody reads past the first screens.
MAX_STDOUT_CHARS = 20_000
MAX_STDOUT_LINE_CHARS = 2_000
MAX_TRACE_OPS = 60

_STATUS_MARK = {"pass": "✓", "fail": "✗", "error": "!", "skipped": "–"}


@dataclass
class Content:
    """Everything the panel shows besides layout state."""

    kind: str  # "result" or "examples"
    cases: list[CaseResult]
    result: RunResult | None = None
    reaction: Reaction | None = None
    scores: list[ScoreRow] = field(default_factory=list)
    goals: list[GoalStatus] = field(default_factory=list)


@dataclass
class ViewState:
    selected: int = 0
    open: set[str] = field(default_factory=set)  # expanded sections: inputs, trace, stdout


def _chip_cases(cases: list[CaseResult], selected: int, limit: int = 12) -> set[int]:
    """Which cases get a chip: all when few; else examples, failures and the selection."""
    if len(cases) <= limit:
        return set(range(len(cases)))
    keep = {i for i, c in enumerate(cases) if c.kind == "example" or c.status != "pass"}
    return set(sorted(keep)[: limit * 2]) | {selected}


class Builder:
    def __init__(self, doc: Doc, style: PanelStyle, theme: Theme):
        self.doc, self.s, self.th = doc, style, theme
        self.lines: list[str] = []

    def build(self, content: Content, view: ViewState) -> list[str]:
        if content.kind == "examples":
            self.lines += draw_examples_header(self.doc, self.s, self.th, len(content.cases))
        else:
            assert content.result is not None and content.reaction is not None
            self.lines += draw_verdict(self.doc, self.s, self.th, content.result, content.reaction)
        self._scores(content)  # a pass's scores matter more than its list of green cases
        self._case_chips(content.cases, view.selected, content.kind == "examples")
        if content.cases:
            case = content.cases[min(view.selected, len(content.cases) - 1)]
            self._case(case, view, examples=content.kind == "examples")
        if content.result is not None:
            self._stdout(content.result, view)
        self.doc.gap(self.s.pad)
        self.doc.finish()
        return self.lines

    def _scores(self, content: Content) -> None:
        if content.scores:
            self._heading("Scores")
            self.lines.append("Scores:")
            self.lines += draw_scores(self.doc, content.scores, self.s, self.th)
        if content.goals:
            self._heading("Goals")
            self.lines.append("Goals:")
            self.lines += draw_goals(self.doc, content.goals, self.s, self.th)
            self.doc.gap(self.s.gap)

    def _heading(self, text: str) -> None:
        heading(self.doc, self.s, self.th, text)

    # -- cases ----------------------------------------------------------------------------
    def _case_chips(self, cases: list[CaseResult], selected: int, examples: bool) -> None:
        s, th = self.s, self.th
        if not cases:
            return
        chips = []
        shown = _chip_cases(cases, selected)
        for i, case in enumerate(cases):
            mark = "•" if examples else _STATUS_MARK.get(case.status, "?")
            cls = case_class(case)
            self.lines.append(
                f"{'>' if i == selected else ' '} {mark} {case.name} ({case.kind}):"
                f" {case.status}" + (f" [{cls}]" if cls else "")
            )
            if i not in shown:
                continue
            color = {"pass": th.success, "fail": th.bad_cell, "error": th.error}.get(
                case.status, th.text_dim
            )
            label = case.name if case.kind in case.name else f"{case.name} · {case.kind}"
            chips.append(
                Chip(
                    f"{mark} {label}",
                    s.small,
                    th.text,
                    fill=th.selection if i == selected else th.panel_alt,
                    border=color,
                    pad=s.pad // 2,
                    action=f"case:{i}",
                    tooltip=f"{case.kind} case" + ("" if examples else f": {case.status}"),
                )
            )
        hidden = len(cases) - len(shown)
        if hidden:
            chips.append(
                Chip(f"+{hidden} more (← → to browse)", s.small, th.text_dim, pad=s.pad // 2)
            )
        self.doc.flow(chips, gap=s.pad // 2)
        self.doc.gap(s.gap)

    def _case(self, case: CaseResult, view: ViewState, examples: bool) -> None:
        s, th, doc = self.s, self.th, self.doc
        drawer = ValueDrawer(doc, s, th)
        cls = case_class(case)
        title = f"Case “{case.name}”" + ("" if case.kind in case.name else f" ({case.kind})")
        if not examples:
            title += f": {case.status}" + (f", {CLASS_TEXT.get(cls, cls)}" if cls else "")
        doc.text(title, s.bold, th.text)
        if case.message:
            doc.text(case.message, s.small, th.text_dim)
        doc.gap(s.pad // 2)
        self.lines.append(title)
        if case.inputs and self._toggle("inputs", f"Inputs ({len(case.inputs)})", view, examples):
            for i, value in enumerate(case.inputs):
                self.lines += drawer.single(value, f"Input {i + 1}")
        if examples and case.expected is not None:
            self.lines += drawer.single(case.expected, "Expected output")
        elif case.expected is not None or case.got is not None:
            self.lines += drawer.pair(
                case.expected, case.got, case.mismatch_index, case.max_abs_diff
            )
        if case.traceback:
            self._heading("Traceback")
            doc.text(case.traceback, s.mono, th.error)
            doc.gap(s.pad)
            last = case.traceback.strip().splitlines()[-1:]  # blank only: nothing to quote
            self.lines.append("Traceback: " + "".join(last))
        if case.trace:
            self._trace(case, view)

    def _toggle(self, name: str, label: str, view: ViewState, default: bool) -> bool:
        """A clickable section header; returns whether the section is expanded."""
        expanded = (name in view.open) != default
        s, th = self.s, self.th
        tip = "click to " + ("collapse" if expanded else "expand")
        self.doc.flow(
            [
                Chip(
                    "▼" if expanded else "▶",
                    s.mono,
                    th.accent,
                    action=f"toggle:{name}",
                    tooltip=tip,
                ),
                Chip(label, s.bold, th.accent, action=f"toggle:{name}", tooltip=tip),
            ],
            gap=s.pad // 2,
        )
        self.doc.gap(s.pad // 2)
        self.lines.append(("[-] " if expanded else "[+] ") + label)
        return expanded

    def _trace(self, case: CaseResult, view: ViewState) -> None:
        s, th, doc = self.s, self.th, self.doc
        ops = case.trace or []
        if not self._toggle(
            "trace", f"Shape trace ({len(ops)} torch calls)", view, case.status != "pass"
        ):
            return
        made_by = (
            culprit(case, focus(case, case_class(case)).got_tensor)
            if case.status != "pass"
            else None
        )
        for op in ops[:MAX_TRACE_OPS]:
            hot = op is made_by or (
                made_by is None and case.line is not None and op.line == case.line
            )
            note = "◀ made yours" if op is made_by else "◀ fails here"
            top = doc.y
            line = f"L{op.line}" if op.line is not None else "L?"
            flow = ", ".join(op.inputs) + " → " + ", ".join(op.outputs)
            doc.flow(
                [
                    Chip(line, s.mono, th.warning if hot else th.text_dim),
                    Chip(op.op, s.mono, th.accent2),
                    Chip(flow, s.mono, th.text),
                ]
                + ([Chip(note, s.small, th.warning)] if hot else []),
                gap=s.pad,
            )
            if hot:
                doc.box(pygame.Rect(0, top - 1, doc.width, doc.y - top + 2), th.current_line)
            self.lines.append(f"  {line} {op.op}: {flow}" + (f" {note}" if hot else ""))
            doc.gap(max(2, s.pad // 3))
        if len(ops) > MAX_TRACE_OPS:
            doc.text(f"... and {len(ops) - MAX_TRACE_OPS} more calls", s.small, th.text_dim)
        doc.gap(s.pad)

    def _stdout(self, result: RunResult, view: ViewState) -> None:
        s, th, doc = self.s, self.th, self.doc
        if not result.stdout:
            return
        lines = result.stdout.rstrip("\n").split("\n")
        default = result.mode == "try" or result.verdict == "output_limit"
        if not self._toggle("stdout", f"Printed output ({len(lines)} lines)", view, default):
            return
        shown, shortened = _printed_lines(lines)
        top = doc.y
        doc.gap(s.pad // 2)
        doc.text("\n".join(shown), s.mono, th.text, s.pad, doc.width - 2 * s.pad)
        cut = len(lines) - len(shown)
        notes = [f"{cut} more lines here"] if cut else []
        notes += ["long lines shortened"] if shortened else []
        notes += ["the runner kept only the first part"] if result.stdout_truncated else []
        note = f"(output cut: {', '.join(notes)})" if notes else ""
        if note:
            doc.text(note, s.small, th.warning, s.pad, doc.width - 2 * s.pad)
        doc.gap(s.pad // 2)
        doc.box(pygame.Rect(0, top - 1, doc.width, doc.y - top + 1), th.bg, th.border)
        doc.gap(s.pad)
        self.lines += ["  " + line[:200] for line in shown[:20]] + ([f"  {note}"] if note else [])


def _printed_lines(lines: list[str]) -> tuple[list[str], bool]:
    """The printed lines worth laying out (within the line and character budgets), and
    whether any line was shortened to fit them."""
    shown: list[str] = []
    budget, shortened = MAX_STDOUT_CHARS, False
    for line in lines[:MAX_STDOUT_LINES]:
        if budget <= 0:
            break
        keep = line[: min(MAX_STDOUT_LINE_CHARS, budget)]
        if len(keep) < len(line):
            keep, shortened = keep + " …", True
        shown.append(keep)
        budget -= len(keep)
    return shown, shortened
