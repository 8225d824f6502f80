"""The lab notebook: every solved puzzle with the player's best solution, best scores and goals
met; Tab (or the chip above the code) shows the first passing solution instead. Enter (or the
Reopen button) opens the puzzle's terminal again to improve the solution.

Left: the list of solved puzzles; right: the selected one. Both are laid out once per change
(size, fonts, theme, selection, scores) and scroll on their own. Must not import torch.
"""

from __future__ import annotations

import pygame

from game.feedback.notebook import NotebookEntry, notebook_entries
from game.ui.context import Context
from game.ui.intents import Intent
from game.ui.results.doc import Doc, draw_scrollbar
from game.ui.results.notebook_page import EMPTY, Shown, detail_doc, list_doc
from game.ui.results.style import PanelStyle
from game.ui.screens.page import PageScreen
from game.ui.snapshot import Choice, Snapshot
from game.ui.widgets.draw import hint_bar_height, panel


class NotebookScreen(PageScreen):
    name = "notebook"

    def __init__(self, ctx: Context):
        super().__init__(ctx)
        self.selected = 0
        self._key: tuple[object, ...] = ()
        self._list: Doc | None = None
        self._detail: Doc | None = None
        self._boxes = (pygame.Rect(0, 0, 1, 1), pygame.Rect(0, 0, 1, 1))
        self._scroll = [0, 0]
        self.show_first = False  # the best solution is shown unless the player asks
        self.show_professor = False  # F1: the Professor's annotated solution instead of yours

    # -- data -----------------------------------------------------------------------------
    def entries(self) -> list[NotebookEntry]:
        session = self.ctx.session
        if session is None:
            return []
        return notebook_entries(session.state, self.ctx.content.library)

    def resume(self) -> None:
        self._key = ()  # scores may have improved in the terminal

    def open_professor(self, puzzle_id: str) -> None:
        """Show `puzzle_id`'s entry with the Professor's annotated solution (the terminal opens
        the notebook this way after a pass)."""
        ids = [e.puzzle_id for e in self.entries()]
        if puzzle_id in ids:
            self._select(ids.index(puzzle_id))
            self.show_professor = True

    # -- input ----------------------------------------------------------------------------
    def on_intent(self, intent: Intent) -> None:
        name = intent.name
        count = len(self.entries())
        if name in ("up", "down") and count:
            self._select((self.selected + (1 if name == "down" else -1)) % count)
        elif name == "confirm":
            self._reopen()
        elif name in ("tab", "tab_back"):
            self._toggle_solution()
        elif name == "hint":
            self._toggle_professor()
        elif name in ("page_up", "page_down"):
            self._scroll_detail((1 if name == "page_down" else -1) * self._boxes[1].h * 3 // 4)
        elif name == "wheel":
            step = -intent.value * self.ctx.fonts.px(40)
            if self._boxes[0].collidepoint(intent.pos):
                self._scroll[0] = self._clamp(0, self._scroll[0] + step)
            else:
                self._scroll_detail(step)
        elif name == "click":
            self._click(intent.pos)

    def _select(self, index: int) -> None:
        if index != self.selected:
            self.selected, self._scroll[1], self._key = index, 0, ()
            self.show_first = self.show_professor = False

    def _follow_selection(self) -> None:
        """Keep the chosen entry in the list's view (arrows reach every entry)."""
        hits = self._list.hits if self._list is not None else []
        hit = next((h for h in hits if h.action == f"pick:{self.selected}"), None)
        view = self._boxes[0].h
        if hit is not None and hit.rect.bottom > self._scroll[0] + view:
            self._scroll[0] = self._clamp(0, hit.rect.bottom - view)
        if hit is not None and hit.rect.top < self._scroll[0]:
            self._scroll[0] = self._clamp(0, hit.rect.top)

    def _scroll_detail(self, dy: int) -> None:
        self._scroll[1] = self._clamp(1, self._scroll[1] + dy)

    def _clamp(self, which: int, value: int) -> int:
        doc = (self._list, self._detail)[which]
        limit = max(0, (doc.height if doc else 0) - self._boxes[which].h)
        return max(0, min(value, limit))

    def _click(self, pos: tuple[int, int]) -> None:
        for which, doc in enumerate((self._list, self._detail)):
            box = self._boxes[which]
            if doc is None or not box.collidepoint(pos):
                continue
            hit = doc.hit_at(pos[0] - box.x, pos[1] - box.y + self._scroll[which])
            if hit is None or hit.action is None:
                return
            if hit.action.startswith("pick:"):
                self._select(int(hit.action[5:]))
            elif hit.action == "reopen":
                self._reopen()
            elif hit.action == "solution":
                self._toggle_solution()
            elif hit.action == "professor":
                self._toggle_professor()

    def _toggle_solution(self) -> None:
        self.show_first, self.show_professor, self._key = not self.show_first, False, ()

    def _toggle_professor(self) -> None:
        entries = self.entries()
        entry = entries[min(self.selected, len(entries) - 1)] if entries else None
        if entry is None or entry.professor is None:
            self.ctx.notify("The Professor left no annotated solution for this one.")
            return
        self.show_professor, self._key = not self.show_professor, ()

    def _reopen(self) -> None:
        entries = self.entries()
        if not entries:
            return
        entry = entries[min(self.selected, len(entries) - 1)]
        if not entry.loaded:
            self.ctx.notify("That puzzle's files are not loaded (was its mod removed?).", "error")
            return
        from game.ui.screens.terminal import TerminalScreen

        self.ctx.stack.push(TerminalScreen(self.ctx, entry.puzzle_id, improving=True))

    # -- layout ---------------------------------------------------------------------------
    def _layout(self, size: tuple[int, int]) -> None:
        fonts, theme = self.ctx.fonts, self.ctx.theme
        entries = self.entries()
        self.selected = min(self.selected, max(0, len(entries) - 1))
        snapshot = tuple(
            (e.puzzle_id, tuple(sorted(e.progress.best.items())), e.best_code) for e in entries
        )
        key = (size, fonts.scale, theme.name, self.selected, self.show_first, snapshot)
        if key == self._key:
            return
        self._key = key
        w, h = size
        pad = fonts.px(20)
        top = fonts.get("heading", 28).get_linesize() + pad * 2
        bottom = h - hint_bar_height(fonts, self.hint_list(), w) - pad // 2
        list_w = max(fonts.px(220), min(w // 3, fonts.px(420)))
        inner = fonts.px(10)
        self._boxes = (
            pygame.Rect(pad + inner, top + inner, list_w - 2 * inner, bottom - top - 2 * inner),
            pygame.Rect(
                pad + list_w + pad + inner,
                top + inner,
                w - list_w - 3 * pad - 2 * inner,
                bottom - top - 2 * inner,
            ),
        )
        style = PanelStyle.from_fonts(fonts)
        self._list = list_doc(entries, self.selected, self._boxes[0].w, style, theme)
        entry = entries[self.selected] if entries else None
        shown = (
            Shown.PROFESSOR
            if self.show_professor
            else Shown.FIRST
            if self.show_first
            else Shown.BEST
        )
        self._detail = detail_doc(entry, shown, self._boxes[1].w, style, theme)
        self._scroll = [self._clamp(0, self._scroll[0]), self._clamp(1, self._scroll[1])]

    # -- frame ----------------------------------------------------------------------------
    def draw(self, surface: pygame.Surface) -> None:
        fonts, theme = self.ctx.fonts, self.ctx.theme
        self.frame(surface, "LAB NOTEBOOK", fonts.px(20))
        self._layout(surface.get_size())
        self._follow_selection()
        inner = fonts.px(10)
        for which, doc in enumerate((self._list, self._detail)):
            box = self._boxes[which]
            panel(surface, box.inflate(2 * inner, 2 * inner), theme)
            if doc is None:
                continue
            clip = surface.get_clip()
            surface.set_clip(box)
            doc.draw(surface, box.topleft, self._scroll[which], box.h)
            surface.set_clip(clip)
            draw_scrollbar(
                surface,
                box,
                doc.height,
                self._scroll[which],
                box.right + inner // 3,
                max(4, inner // 2),
                theme.panel_alt,
                theme.border,
            )
        self.finish(surface)

    def snapshot(self) -> Snapshot:
        entries = self.entries()
        content = ["LAB NOTEBOOK"]
        if not entries:
            content.append(EMPTY)
        for entry in entries:
            content += [entry.title, entry.summary()]
        if entries:
            entry = entries[min(self.selected, len(entries) - 1)]
            shown = entry.progress.solution if self.show_first else entry.best_code
            content += [*entry.score_lines(), *entry.solution_lines(self.show_first)]
            content.append(shown or "")
        detail_left = self._scroll[1] < self._clamp(1, 1 << 30)
        more = (
            ("page down",) if detail_left else ("down",) if self.selected + 1 < len(entries) else ()
        )
        return self.snap(
            content=tuple(c for c in content if c),
            choices=tuple(Choice(e.puzzle_id, e.title) for e in entries),
            focus=entries[self.selected].title if entries else None,
            more=more,
        )

    def describe(self) -> str:
        entries = self.entries()
        out = ["screen: notebook"]
        if not entries:
            out.append(EMPTY)
        for i, entry in enumerate(entries):
            out.append(f"{'>' if i == self.selected else ' '} {entry.title}: {entry.summary()}")
        if entries:
            entry = entries[min(self.selected, len(entries) - 1)]
            out += entry.score_lines()
            out += [g.describe() for g in entry.goals]
            if self.show_professor and entry.professor is not None:
                out.append("The Professor's solution:")
                out += entry.professor.code.splitlines() + entry.professor.notes
                return "\n".join(out)
            out.append(entry.solution_lines(self.show_first)[0] + ":")
            shown = entry.progress.solution if self.show_first else entry.best_code
            out += (shown or "").splitlines()
        return "\n".join(out)
