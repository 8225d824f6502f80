"""Expected and yours for any value: tensors go to `tensor_pair.TensorDrawer`, tuples, lists
and dicts are drawn item by item, anything else (or two values of different kinds) as boxed
text. Also draws a single value (an input, or an example's expected output). Appends to a Doc
and returns text descriptions for `describe()`. Must not import torch.
"""

from __future__ import annotations

import pygame

from game.feedback.focus import labelled_items
from game.runner.protocol import TensorPreview, ValuePreview
from game.ui.results.doc import Chip, Doc
from game.ui.results.style import PanelStyle
from game.ui.results.tensor_pair import TensorDrawer
from game.ui.theme import Theme

_MAX_ITEMS = 8
_MAX_DEPTH = 3


class ValueDrawer:
    """Draws values into `doc`; one drawer per document build."""

    def __init__(self, doc: Doc, style: PanelStyle, theme: Theme):
        self.doc, self.style, self.theme = doc, style, theme
        self.tensors = TensorDrawer(doc, style, theme)

    # -- public -------------------------------------------------------------------------
    def pair(
        self,
        expected: ValuePreview | None,
        got: ValuePreview | None,
        mismatch_index: list[int] | None = None,
        max_abs_diff: float | None = None,
        depth: int = 0,
    ) -> list[str]:
        """Draw expected against yours; returns description lines."""
        if expected is None and got is None:
            return []
        expected_tensor, got_tensor = _tensor(expected), _tensor(got)
        if expected_tensor is not None and got_tensor is not None:
            return self.tensors.pair(
                expected_tensor,
                got_tensor,
                mismatch_index,
                max_abs_diff,
            )
        if depth < _MAX_DEPTH and _nested(expected) and _nested(got) and expected.kind == got.kind:  # type: ignore[union-attr]
            return self._items_pair(expected, got, depth)  # type: ignore[arg-type]
        return self._text_pair(expected, got)

    def single(self, value: ValuePreview, title: str, depth: int = 0) -> list[str]:
        """Draw one value under `title` (inputs, and the examples' expected outputs)."""
        s, doc = self.style, self.doc
        if value.kind == "tensor" and value.tensor is not None:
            self.tensors.title(title, value.tensor, None, 0, doc.width)
            desc = self.tensors.column(value.tensor, 0, doc.width, None, "plain", None)
            return [f"{title}: {desc}"]
        if _nested(value) and depth < _MAX_DEPTH:
            lines = [f"{title}: {value.text}"]  # its full length: a preview may show fewer
            for label, item in labelled_items(value)[:_MAX_ITEMS]:
                lines += self.single(item, f"{title} {label}", depth + 1)
            return lines
        doc.flow(
            [Chip(title, s.bold, self.theme.text_dim), Chip(value.text, s.mono, self.theme.text)],
            gap=s.pad,
        )
        doc.gap(s.pad)
        return [f"{title}: {value.text}"]

    # -- everything but tensors ---------------------------------------------------------
    def _items_pair(self, expected: ValuePreview, got: ValuePreview, depth: int) -> list[str]:
        s, th, doc = self.style, self.theme, self.doc
        exp_items, got_items = dict(labelled_items(expected)), dict(labelled_items(got))
        labels = list(exp_items) + [k for k in got_items if k not in exp_items]
        lines = []
        for label in labels[:_MAX_ITEMS]:
            doc.text(f"Item {label}", s.bold, th.accent)
            doc.gap(s.pad // 2)
            lines.append(f"Item {label}:")
            pair = self.pair(exp_items.get(label), got_items.get(label), depth=depth + 1)
            lines += ["  " + line for line in pair]
        if len(labels) > _MAX_ITEMS:
            doc.text(f"... and {len(labels) - _MAX_ITEMS} more items", s.small, th.text_dim)
        return lines

    def _text_pair(self, expected: ValuePreview | None, got: ValuePreview | None) -> list[str]:
        """Values of different kinds (or non-tensors): each side drawn its own way, a tensor
        as its picture and anything else as a boxed text."""
        s, th, doc = self.style, self.theme, self.doc
        differs = (
            expected is None
            or got is None
            or expected.kind != got.kind
            or expected.text != got.text
        )
        half = (doc.width - s.gap) // 2
        top, bottom = doc.y, doc.y
        lines = []
        for i, (title, value) in enumerate((("Expected", expected), ("Yours", got))):
            doc.y = top
            x = i * (half + s.gap)
            if value is not None and value.kind == "tensor" and value.tensor is not None:
                self.tensors.title(title, value.tensor, None, x, half)
                lines.append(
                    f"{title}: " + self.tensors.column(value.tensor, x, half, None, "plain", None)
                )
                bottom = max(bottom, doc.y)
                continue
            doc.text(title, s.bold, th.text, x, half)
            doc.gap(s.pad // 2)
            text = value.text if value is not None else "(nothing)"
            bad = differs and i == 1
            box_top = doc.y
            doc.gap(s.pad // 2)
            doc.text(
                ("≠ " if bad else "") + text,
                s.mono,
                th.bad_cell if bad else th.text,
                x + s.pad,
                half - 2 * s.pad,
            )
            doc.gap(s.pad // 2)
            doc.box(
                pygame.Rect(x, box_top, half, doc.y - box_top),
                None,
                th.bad_cell if bad else th.border,
                2 if bad else 1,
                4,
            )
            bottom = max(bottom, doc.y)
            lines.append(f"{title}: {text}" + (" (differs)" if bad else ""))
        doc.y = bottom + s.pad
        return lines


def _tensor(value: ValuePreview | None) -> TensorPreview | None:
    return value.tensor if value is not None and value.kind == "tensor" else None


def _is(value: ValuePreview | None, kind: str) -> bool:
    return (
        value is not None and value.kind == kind and (kind != "tensor" or value.tensor is not None)
    )


def _nested(value: ValuePreview | None) -> bool:
    return value is not None and value.kind in ("sequence", "mapping") and bool(value.items)
