"""Scores of a passing submission as bars (this run, the reference solution, the player's own
best) and the puzzle's goals as met / not yet. Used by the results panel and the lab notebook.
Must not import torch.
"""

from __future__ import annotations

import pygame

from game.feedback.numbers import fmt_metric
from game.feedback.scores import GoalStatus, ScoreRow
from game.ui.results.doc import Chip, Doc
from game.ui.results.style import PanelStyle
from game.ui.theme import Theme


def draw_scores(doc: Doc, rows: list[ScoreRow], style: PanelStyle, theme: Theme) -> list[str]:
    """One block per metric with up to three bars; returns description lines."""
    s = style
    lines = []
    bar_labels = [
        ("this run", theme.accent2),
        ("reference", theme.text_dim),
        ("best before", theme.accent),
    ]
    label_w = max(s.small.size(text)[0] for text, _ in bar_labels) + s.pad
    value_w = max(
        (
            s.small.size(fmt_metric(r.metric, v))[0]
            for r in rows
            for v in (r.value, r.reference, r.previous_best)
            if v is not None
        ),
        default=0,
    )
    bar_max = doc.width - label_w - value_w - 2 * s.pad  # one width, so bars line up
    for row in rows:
        head = [
            Chip(row.label, s.bold, theme.text),
            Chip(fmt_metric(row.metric, row.value), s.mono, theme.accent2),
        ]
        if row.new_best:
            head.append(Chip("NEW BEST", s.small, theme.bg, fill=theme.success, pad=s.pad // 2))
        if row.beats_reference:
            head.append(
                Chip(
                    "beats the reference"
                    if row.reference and row.value < row.reference
                    else "matches the reference",
                    s.small,
                    theme.success,
                )
            )
        doc.flow(head, gap=s.pad)
        figures = [row.value, row.reference, row.previous_best]
        top = max(v for v in figures if v is not None) or 1.0
        for (text, color), value in zip(bar_labels, figures, strict=True):
            if value is None:
                continue
            if bar_max < 24:  # too narrow for bars: plain wrapped figures
                doc.text(f"{text}: {fmt_metric(row.metric, value)}", s.small, theme.text_dim)
                continue
            y, h = doc.y, s.small.get_linesize()
            doc.blit(doc.cache.render(s.small, text, theme.text_dim), 0, y)
            length = max(2, round(bar_max * value / top))
            doc.box(pygame.Rect(label_w, y + h // 4, bar_max, h // 2), theme.panel_alt)
            doc.box(pygame.Rect(label_w, y + h // 4, length, h // 2), color)
            figure = doc.cache.render(s.small, fmt_metric(row.metric, value), theme.text)
            doc.blit(figure, label_w + bar_max + s.pad, y)
            doc.y += h
        doc.gap(s.pad)
        lines.append(row.describe())
    return lines


def draw_goals(doc: Doc, goals: list[GoalStatus], style: PanelStyle, theme: Theme) -> list[str]:
    s = style
    lines = []
    for status in goals:
        mark, color = {
            True: ("✓", theme.success),
            False: ("✗", theme.bad_cell),
            None: ("?", theme.text_dim),
        }[status.met]
        doc.text(f"{mark} {status.describe()}", s.body, color, x=s.pad)
        lines.append(f"{mark} {status.describe()}")
    return lines
