"""Screens describe themselves: a typed snapshot of what a screen means to show (its content),
what is on screen now (the ink: every run of text drawn this frame, whole, inside its clip),
the choices and which one has the focus, the named click targets, and the keys that reveal
what is not on screen yet (the next page of a line, the rest of a scrolled list).

Tests read snapshots instead of private fields or parsed strings; self-voicing speaks from
them. Pure data: no pygame, no torch.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import pairwise

Box = tuple[int, int, int, int]  # x, y, width, height in window pixels

_WORD = re.compile(r"[\w'\u2019]+")
_QUOTES = "'\u2019"


def words(text: str) -> set[str]:
    """The words of `text`, lower-cased, without punctuation or symbols."""
    return {w.strip(_QUOTES).lower() for w in _WORD.findall(text) if w.strip(_QUOTES)}


@dataclass(frozen=True)
class Ink:
    """Text drawn this frame, whole and unclipped: the player can read it now."""

    text: str
    px: int  # the font's pixel size
    box: Box


@dataclass(frozen=True)
class Choice:
    """One item of a list the player picks from (a menu entry, a story choice)."""

    key: str
    label: str
    enabled: bool = True
    detail: str = ""


@dataclass(frozen=True)
class Snapshot:
    """What one screen shows now. `content` lists every text the player must be able to read
    on this screen; `ink` is what is readable this frame; `more` names the keys (pygame key
    names) that bring the rest into view, in the order worth trying."""

    screen: str
    content: tuple[str, ...] = ()
    choices: tuple[Choice, ...] = ()
    focus: str | None = None  # the label of the focused choice or pane
    # The screen's news for self-voicing: a line, a message, a result, a hint. Each item is
    # spoken when it first appears.
    say: tuple[str, ...] = ()
    targets: dict[str, Box] = field(default_factory=dict)
    more: tuple[str, ...] = ()
    ink: tuple[Ink, ...] = ()
    min_px: int = 0  # the smallest text size the player's font scale allows

    @property
    def shown_words(self) -> set[str]:
        """Words readable now; a word too long for its line is broken across two runs of ink,
        so neighbouring runs are read joined as well."""
        texts = [i.text for i in self.ink]
        joined = [a + b for a, b in pairwise(texts)]
        return set().union(*(words(t) for t in texts + joined)) if texts else set()

    @property
    def content_words(self) -> set[str]:
        return set().union(*(words(t) for t in self._all_content())) if self.content else set()

    def _all_content(self) -> Iterable[str]:
        yield from self.content
        yield from (c.label for c in self.choices)

    @property
    def too_small(self) -> list[Ink]:
        """Text drawn below the player's chosen size."""
        return [i for i in self.ink if i.px < self.min_px]

    @property
    def overlaps(self) -> list[tuple[Ink, Ink]]:
        """Pairs of text runs drawn over each other (a heading over a menu, a label over a
        line). Boxes are narrowed a little first: glyphs of neighbouring runs may touch."""

        def core(box: Box) -> tuple[int, int, int, int]:
            x, y, w, h = box
            cut = min(w // 2, max(2, h // 6))
            return x + cut, y + 1, x + w - cut, y + h - 1

        cores = [core(i.box) for i in self.ink]
        return [
            (self.ink[a], self.ink[b])
            for a in range(len(cores))
            for b in range(a + 1, len(cores))
            if cores[a][0] < cores[b][2]
            and cores[b][0] < cores[a][2]
            and cores[a][1] < cores[b][3]
            and cores[b][1] < cores[a][3]
        ]

    def text(self) -> str:
        """The snapshot as plain lines (for failure messages and logs)."""
        lines = [f"screen: {self.screen}", *self.content]
        for c in self.choices:
            mark = ">" if c.label == self.focus else " "
            lines.append(f"{mark} {c.label}" + ("" if c.enabled else " (unavailable)"))
        if self.more:
            lines.append(f"more: {', '.join(self.more)}")
        return "\n".join(lines)
