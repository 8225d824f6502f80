"""The lab notebook's two documents, laid out from its entries: the list of solved puzzles
(the chosen one marked by a sign as well as a colour) and one puzzle's page (scores, goals,
hints and submissions, then the player's best or first solution, or the Professor's annotated
one). Pure layout into a `Doc`; the notebook screen owns selection, scrolling and input.
"""

from __future__ import annotations

from enum import Enum

import pygame

from game.feedback.notebook import NotebookEntry, ProfessorSolution
from game.ui.results.doc import Chip, Doc
from game.ui.results.scores_view import draw_goals
from game.ui.results.style import PanelStyle
from game.ui.theme import Theme

EMPTY = (
    "No solved puzzles yet. Solve one in the lab terminal and it is recorded here, with your "
    "solution and scores."
)


class Shown(Enum):
    """Which solution a puzzle's page shows."""

    BEST = "best"
    FIRST = "first"
    PROFESSOR = "professor"


def list_doc(
    entries: list[NotebookEntry], selected: int, width: int, s: PanelStyle, th: Theme
) -> Doc:
    doc = Doc(width)
    if not entries:
        doc.text(EMPTY, s.body, th.text_dim)
    for i, entry in enumerate(entries):
        top = doc.y
        doc.gap(s.pad // 2)
        chosen = i == selected
        doc.text(
            f"▶ {entry.title}" if chosen else entry.title,
            s.bold,
            th.accent if chosen else th.text,
            s.pad,
            doc.width - 2 * s.pad,
        )
        doc.text(entry.summary(), s.small, th.text_dim, s.pad, doc.width - 2 * s.pad)
        doc.gap(s.pad // 2)
        rect = pygame.Rect(0, top, doc.width, doc.y - top)
        doc.box(rect, th.selection if chosen else th.panel_alt, None, 1, 6)
        doc.hit(rect, action=f"pick:{i}")
        doc.gap(s.pad // 2)
    doc.finish()
    return doc


def _chip(doc: Doc, label: str, action: str, s: PanelStyle, th: Theme) -> None:
    chip = Chip(
        label, s.small, th.text, fill=th.panel_alt, border=th.border, pad=s.pad // 2, action=action
    )
    doc.flow([chip])


def _code_block(doc: Doc, code: str, s: PanelStyle, th: Theme) -> None:
    top = doc.y
    doc.gap(s.pad // 2)
    doc.text(code.expandtabs(4), s.mono, th.text, s.pad, doc.width - 2 * s.pad)
    doc.gap(s.pad // 2)
    doc.box(pygame.Rect(0, top - 1, doc.width, doc.y - top + 1), th.bg, th.border, 1, 6)


def _professor(doc: Doc, solution: ProfessorSolution, s: PanelStyle, th: Theme) -> None:
    doc.text("The Professor's solution, and why it is written that way", s.bold, th.accent2)
    doc.gap(s.pad // 2)
    _code_block(doc, solution.code, s, th)
    doc.gap(s.pad)
    for line in solution.notes:
        if line:  # the notes are Markdown; the notebook shows them as plain text
            doc.text(line.replace("**", "").replace("`", ""), s.body, th.text)
        else:
            doc.gap(s.pad // 2)


def _record(doc: Doc, entry: NotebookEntry, s: PanelStyle, th: Theme) -> None:
    """Scores, goals, hints and submissions."""
    doc.text("Best scores", s.bold, th.accent2)
    for line in entry.score_lines() or ["none recorded"]:
        doc.text(line, s.body, th.text, s.pad)
    doc.gap(s.pad)
    if entry.goals:
        doc.text(f"Goals ({entry.goals_met} of {len(entry.goals)} met)", s.bold, th.accent2)
        draw_goals(doc, entry.goals, s, th)
        doc.gap(s.pad)
    progress = entry.progress
    hints = (
        f"{progress.hints_used} of {entry.hints_total}"
        if entry.hints_total
        else str(progress.hints_used)
    )
    doc.text(f"Hints used: {hints} · Submissions: {progress.attempts}", s.small, th.text_dim)


def detail_doc(
    entry: NotebookEntry | None, shown: Shown, width: int, s: PanelStyle, th: Theme
) -> Doc:
    doc = Doc(width)
    if entry is None:
        doc.finish()
        return doc
    doc.text(entry.title, s.verdict, th.accent)
    if entry.act or entry.topic:
        doc.text(" · ".join(x for x in (entry.act, entry.topic) if x), s.small, th.text_dim)
    doc.gap(s.pad)
    if entry.loaded:
        reopen = Chip(
            "Reopen to improve", s.bold, th.bg, fill=th.accent, pad=s.pad, action="reopen"
        )
        doc.flow([reopen])
        doc.gap(s.gap)
    _record(doc, entry, s, th)
    doc.gap(s.gap)
    professor = shown is Shown.PROFESSOR and entry.professor is not None
    if entry.professor is not None:
        label = "Back to my solution" if professor else "The Professor's solution"
        _chip(doc, f"{label} (F1)", "professor", s, th)
        doc.gap(s.pad)
    if professor and entry.professor is not None:
        _professor(doc, entry.professor, s, th)
        doc.finish()
        return doc
    first = shown is Shown.FIRST
    title, *figures = entry.solution_lines(first)
    doc.text(title, s.bold, th.accent2)
    for line in figures:
        doc.text(line, s.small, th.text_dim)
    if entry.first_differs:
        other = "Show my best solution" if first else "Show my first solution"
        doc.gap(s.pad // 2)
        _chip(doc, f"{other} (Tab)", "solution", s, th)
    doc.gap(s.pad // 2)
    code = entry.progress.solution if first else entry.best_code
    _code_block(doc, (code or "(not kept: solved before the notebook existed)").rstrip(), s, th)
    doc.finish()
    return doc
