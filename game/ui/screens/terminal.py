"""The lab terminal: the brief (Markdown) and hints on the left; the code editor, the buttons
and the results on the right; the device indicator and run progress in the header.

Keys: Ctrl+Enter runs the hidden tests (Submit), Ctrl+Shift+Enter tries the visible examples,
F1 unlocks the next hint, F2 switches the device, F3 moves the focus (editor, brief, results),
Esc cancels a run or goes back to the story. Every change to the code is kept as a draft in the
save. Must not import torch (the runner is reached only through the hub).
"""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from game.content.library import PuzzleEntry
from game.feedback.scores import record_pass
from game.persistence.paths import drafts_dir
from game.runner.protocol import JobEvent, RunResult
from game.ui.context import Context
from game.ui.editor import EditorPane, Marker
from game.ui.intents import Intent, command_held
from game.ui.results import ResultsPanel
from game.ui.stack import Screen
from game.ui.widgets.draw import hint_bar_height, key_hints, label, panel
from game.ui.widgets.markdown_view import MarkdownView
from game.ui.widgets.scroll import Scroller
from game.ui.widgets.textfit import text_surface

DEVICES = ("auto", "cpu", "cuda")
FOCUS_ORDER = ("editor", "brief", "results")
_CODE_CHORDS = frozenset({pygame.K_a, pygame.K_v, pygame.K_x, pygame.K_z, pygame.K_y})
MAX_TROUBLE_CHARS = 300


@dataclass
class _Button:
    key: str
    text: str
    keys: str
    rect: pygame.Rect
    enabled: bool = True


class TerminalScreen(Screen):
    name = "terminal"

    def __init__(self, ctx: Context, puzzle_id: str, *, improving: bool = False):
        super().__init__(ctx)
        assert ctx.session is not None
        self.session = ctx.session
        self.entry: PuzzleEntry = ctx.content.library.puzzles[puzzle_id]
        self.puzzle_id = puzzle_id
        state = self.session.state
        text = state.drafts.get(puzzle_id) or self.entry.starter
        self.editor = EditorPane(text, fonts=ctx.fonts, theme=ctx.theme,
                                 draft_path=drafts_dir() / f"{puzzle_id}.py",
                                 starter=self.entry.starter, zoom=ctx.settings.code_zoom)
        self.editor.on_change = self._on_change
        self.editor.on_zoom = self._on_zoom
        if self.editor.text != text:  # the pane picked up edits made in the player's own editor
            self._on_change(self.editor.text)
        self.results = ResultsPanel(fonts=ctx.fonts, theme=ctx.theme)
        self.brief_scroll = Scroller(ctx)
        self.focus = "editor"
        self._last_pane = "editor"  # the pane the compact layout shows when the brief has focus
        self.compact = False
        self.tabs: list[tuple[str, str, pygame.Rect]] = []
        self.job: str | None = None
        self.job_mode = "submit"
        self.progress: tuple[int, int] = (0, 0)
        self.passed = self.session.state.is_solved(puzzle_id)
        # Reopened from the lab notebook: Submit keeps running (to beat the scores) instead of
        # meaning "back to the story".
        self.improving = improving
        self.status = ""
        self.buttons: list[_Button] = []
        self._brief: MarkdownView | None = None
        self._brief_key: tuple[object, ...] = ()
        self._look = self._current_look()

    # -- lifecycle ------------------------------------------------------------------------
    def enter(self) -> None:
        self._examples_ticket: str | None = self.ctx.runner.describe(self.puzzle_id,
                                                                     self._on_examples)

    def _on_examples(self, event: JobEvent) -> None:
        self._examples_ticket = None
        shown_result = self.job is not None or self.status
        if event.kind == "examples" and event.examples is not None and not shown_result:
            self.results.show_examples(event.examples)

    def exit(self) -> None:
        if self._examples_ticket is not None:
            self.ctx.runner.cancel(self._examples_ticket)
        if self.job is not None:
            self.ctx.runner.cancel(self.job)
        self.session.wants_autosave = True  # the draft as it is now, before the story moves

    def _on_change(self, text: str) -> None:
        self.session.draft_changed(self.puzzle_id, text)

    def _on_zoom(self, zoom: float) -> None:
        from game.persistence.settings import with_changes

        self.ctx.apply_settings(with_changes(self.ctx.settings, code_zoom=zoom))

    @property
    def hints_used(self) -> int:
        progress = self.session.state.puzzles.get(self.puzzle_id)
        return progress.hints_used if progress else 0

    # -- actions --------------------------------------------------------------------------
    def _run(self, mode: str) -> None:
        if self.job is not None:
            return
        if self.passed and mode == "submit" and not self.improving \
                and self._story_waits_elsewhere():
            self.close("solved")
            return
        self.editor.clear_markers()
        self.job_mode = mode
        self.progress = (0, 0)
        self.results.show_running(mode, 0, 0)
        self.job = self.ctx.runner.submit(self.puzzle_id, self.editor.text,
                                          device=self.ctx.settings.device, mode=mode,
                                          listener=self._on_event)
        self.status = "Trying the visible examples..." if mode == "try" else "Running the hidden tests..."

    def _story_waits_elsewhere(self) -> bool:
        """After a pass the gate has moved on: Ctrl+Enter then means 'back to the story'."""
        node = self.session.story.node
        return node.puzzle is None or node.puzzle.id != self.puzzle_id

    def _cancel(self) -> None:
        if self.job is not None:
            self.ctx.runner.cancel(self.job)
            self.status = "Cancelling..."

    def _hint(self) -> None:
        hints = self.entry.model.hints
        progress = self.session.state.progress(self.puzzle_id)
        if progress.hints_used >= len(hints):
            self.ctx.notify("No more hints: you have them all, apprentice.")
            return
        progress.hints_used += 1
        self.session.wants_autosave = True
        self._brief_key = ()  # re-layout with the new hint
        self.ctx.notify(f"Hint {progress.hints_used} of {len(hints)} unlocked.")

    def _cycle_device(self) -> None:
        from game.persistence.settings import with_changes

        i = DEVICES.index(self.ctx.settings.device)
        self.ctx.apply_settings(with_changes(self.ctx.settings,
                                             device=DEVICES[(i + 1) % len(DEVICES)]))

    def _on_event(self, event: JobEvent) -> None:
        if event.kind in ("started", "progress"):
            self.progress = (event.done, event.total)
            self.results.show_running(self.job_mode, event.done, event.total)
            return
        self.job = None
        if event.kind == "cancelled":
            self.status = "Run cancelled. Nothing was recorded."
            self.results.show_message("Cancelled. Nothing was recorded.", "info")
        elif event.kind == "error" or event.result is None:
            self.status = _trouble(event.message)
            self.results.show_message(f"{self.status}\n\nNothing was recorded and your code is "
                                      "kept: press Run to try again.", "error")
            self.ctx.notify(self.status, "error")
        else:
            self._on_result(event.result)

    def _on_result(self, result: RunResult) -> None:
        state = self.session.state
        progress = state.progress(self.puzzle_id)
        if result.mode == "submit":
            progress.attempts += 1
        # The panel folds a passing Submit's scores into `best` (and shows what improved);
        # recording again here only adds the solution's code, the call being idempotent.
        self.results.show_result(result, progress, self.entry.model.goals)
        self.editor.set_markers(self._markers(result))
        if self.compact and self.focus == "editor":
            self._set_focus("results")  # the verdict would be hidden behind the code tab
        self.status = result.message or result.verdict
        self.ctx.sound.play("pass" if result.verdict == "pass" else "fail")
        if result.verdict != "pass" or result.mode != "submit":
            self.session.wants_autosave = True
            return
        kept = progress.best_solution
        record_pass(progress, result, self.editor.text)
        if kept is not None and progress.best_solution != kept:
            self.ctx.notify("Your best solution yet: the lab notebook keeps it (and your first).",
                            "success")
        before = (state.scene, state.node)
        self.session.story.puzzle_solved(self.puzzle_id)
        self.passed = True
        if (state.scene, state.node) != before:
            self.session.step_done()
        self.session.wants_autosave = True
        self.status = "Passed! Mwahahaha! Ctrl+Enter or Esc returns to the story."

    def _markers(self, result: RunResult) -> list[Marker]:
        kind = "rule" if result.verdict == "rule_violation" else "error"
        marks: dict[int, Marker] = {}
        if result.line:
            marks[result.line] = Marker(result.line, result.message, kind)
        for case in result.cases:
            if case.line and case.status != "pass" and case.line not in marks:
                marks[case.line] = Marker(case.line, case.message or case.status, "error")
        return list(marks.values())

    # -- input ----------------------------------------------------------------------------
    def handle(self, intent: Intent) -> None:
        name = intent.name
        if name == "keyup":
            self.editor.handle_event(intent.event)  # ends the editor's own key repeat
            return
        if name == "back":
            if self.job is not None:
                self._cancel()
            elif not self.editor.close_popup():
                self.close("solved" if self.passed else None)
            return
        if name == "run":
            self._run("submit")
        elif name == "try":
            self._run("try")
        elif name == "hint":
            self._hint()
        elif name == "device":
            self._cycle_device()
        elif name == "focus":
            self._set_focus(FOCUS_ORDER[(FOCUS_ORDER.index(self.focus) + 1) % len(FOCUS_ORDER)])
        elif intent.is_pointer:
            self._pointer(intent)
        elif self.focus != "editor" and (name == "text" or _edits_code(intent)):
            # Typing, select-all, paste, cut and undo always land in the code (after a run the
            # focus may sit on the results: Ctrl+A then typing must still replace the code).
            self._set_focus("editor")
            self.editor.handle_event(intent.event)
        elif self.focus == "editor":
            self.editor.handle_event(intent.event)
        elif self.focus == "brief":
            self.brief_scroll.handle(intent)
        else:
            self.results.handle_event(intent.event)

    def _set_focus(self, focus: str) -> None:
        self.focus = focus
        if focus in ("editor", "results"):
            self._last_pane = focus
        self.editor.focused = focus == "editor"
        self.results.focused = focus == "results"

    def _pointer(self, intent: Intent) -> None:
        editor_on = not self.compact or self.shown_pane == "editor"
        results_on = not self.compact or self.shown_pane == "results"
        if intent.name == "click":
            for button in self.buttons:
                if button.rect.collidepoint(intent.pos) and button.enabled:
                    self._press(button.key)
                    return
            for key, _text, rect in self.tabs:
                if rect.collidepoint(intent.pos):
                    self._set_focus(key)
                    return
            if self.brief_scroll.view.collidepoint(intent.pos):
                self._set_focus("brief")
            elif results_on and self.results.rect.collidepoint(intent.pos):
                self._set_focus("results")
            elif editor_on and self.editor.rect.collidepoint(intent.pos):
                self._set_focus("editor")
        if self.brief_scroll.handle(intent, keys=False):
            return
        if editor_on and (self.editor.rect.collidepoint(intent.pos)
                          or intent.name in ("release", "motion")):
            self.editor.handle_event(intent.event)
        if results_on and self.results.rect.collidepoint(intent.pos):
            self.results.handle_event(intent.event)

    def _press(self, key: str) -> None:
        actions = {
            "run": lambda: self._run("submit"),
            "try": lambda: self._run("try"),
            "hint": self._hint,
            "device": self._cycle_device,
            "cancel": self._cancel,
            "back": lambda: self.close("solved" if self.passed else None),
        }
        actions[key]()

    # -- time -----------------------------------------------------------------------------
    def update(self, dt: float) -> None:
        look = self._current_look()
        if look != self._look:  # settings changed under us
            self._look = look
            self.editor.set_zoom(self.ctx.settings.code_zoom)
            self.editor.set_fonts(self.ctx.fonts)
            self.editor.set_theme(self.ctx.theme)
            self.results.set_fonts(self.ctx.fonts)
            self.results.set_theme(self.ctx.theme)
        self.editor.update(dt)
        self.results.update(dt)

    def _current_look(self) -> tuple[float, str, float]:
        return (self.ctx.fonts.scale, self.ctx.theme.name, self.ctx.settings.code_zoom)

    # -- drawing --------------------------------------------------------------------------
    def _brief_source(self) -> str:
        hints = self.entry.model.hints
        used = min(self.hints_used, len(hints))
        parts = [self.entry.brief, f"\n\n## Hints ({used} of {len(hints)})\n"]
        for i, hint in enumerate(hints):
            if i < used:
                parts.append(f"{i + 1}. {hint}\n")
            else:
                parts.append(f"{i + 1}. *Locked: press F1 or the Hint button.*\n")
                break
        return "".join(parts)

    def _layout(self, size: tuple[int, int]) -> tuple[pygame.Rect, pygame.Rect]:
        fonts = self.ctx.fonts
        w, h = size
        pad = fonts.px(12)
        head_h = (fonts.get("heading", 20).get_linesize() + fonts.get("body", 13).get_linesize()
                  + 2 * pad)
        body = pygame.Rect(pad, head_h, w - 2 * pad, h - head_h - hint_bar_height(fonts) - pad)
        left_w = max(fonts.px(240), int(body.width * 0.36))
        left_w = min(left_w, body.width // 2)
        brief = pygame.Rect(body.x, body.y, left_w, body.height)
        right = pygame.Rect(brief.right + pad, body.y, body.right - brief.right - pad, body.height)
        button_h = (fonts.get("body_bold", 16).get_linesize() + fonts.get("mono", 12).get_linesize()
                    + fonts.px(8))
        gap = fonts.px(6)
        rows = self._place_buttons(right, button_h)
        tool_h = rows * (button_h + gap)
        # Big fonts in a small window leave no room for code and results together: then they
        # share the space as two tabs (F3 or a click switches), and each stays readable.
        self.compact = right.height - tool_h < fonts.px(330)
        if not self.compact:
            editor_h = int((right.height - tool_h) * 0.58)
            self.editor.set_rect(pygame.Rect(right.x, right.y, right.width, editor_h))
            for button in self.buttons:
                button.rect.y += right.y + editor_h + gap
            top = right.y + editor_h + tool_h + gap
            self.results.set_rect(pygame.Rect(right.x, top, right.width, right.bottom - top))
            self.tabs = []
            return brief, right
        for button in self.buttons:
            button.rect.y += right.y
        tab_h = fonts.get("body_bold", 15).get_linesize() + gap
        half = right.width // 2
        self.tabs = [("editor", "Code", pygame.Rect(right.x, right.y + tool_h, half - gap, tab_h)),
                     ("results", "Results",
                      pygame.Rect(right.x + half, right.y + tool_h, right.width - half, tab_h))]
        top = right.y + tool_h + tab_h + gap
        pane = pygame.Rect(right.x, top, right.width, right.bottom - top)
        self.editor.set_rect(pane)
        self.results.set_rect(pane)
        return brief, right

    @property
    def shown_pane(self) -> str:
        """In the compact layout, which of code and results is on screen."""
        return "results" if self.focus == "results" else self._last_pane

    def _place_buttons(self, right: pygame.Rect, button_h: int) -> int:
        """Lay the buttons out in as many rows as the width needs; returns the row count."""
        fonts = self.ctx.fonts
        font = fonts.get("body_bold", 16)
        running = self.job is not None
        run_text = "Continue" if self.passed and not self.improving \
            and self._story_waits_elsewhere() else "Run"
        specs = [
            ("run", run_text, "Ctrl+Enter", not running),
            ("try", "Try", "Ctrl+Shift+Enter", not running),
            ("hint", "Hint", "F1", self.hints_used < len(self.entry.model.hints)),
            ("device", f"Device: {self.ctx.settings.device}", "F2", not running),
            ("cancel", "Cancel", "Esc", True) if running else ("back", "Back", "Esc", True),
        ]
        key_font = fonts.get("mono", 12)
        self.buttons = []
        x, row = right.x, 0
        gap = fonts.px(6)
        for key, text, keys, enabled in specs:
            bw = max(font.size(text)[0], key_font.size(keys)[0]) + fonts.px(20)
            if x + bw > right.right and x > right.x:
                x, row = right.x, row + 1
            rect = pygame.Rect(x, row * (button_h + gap), min(bw, right.width), button_h)
            self.buttons.append(_Button(key, text, keys, rect, enabled))
            x += bw + gap
        return row + 1

    def draw(self, surface: pygame.Surface) -> None:
        ctx = self.ctx
        fonts, theme = ctx.fonts, ctx.theme
        surface.fill(theme.bg)
        w, h = surface.get_size()
        brief_rect, right = self._layout((w, h))
        self._draw_header(surface, w)
        panel(surface, brief_rect, theme, border=theme.accent2 if self.focus == "brief" else None)
        inner = brief_rect.inflate(-2 * fonts.px(12), -2 * fonts.px(10))
        inner.width -= fonts.px(6)
        key = (inner.size, fonts.scale, theme.name, self.hints_used)
        if key != self._brief_key or self._brief is None:
            self._brief_key = key
            self._brief = MarkdownView(self._brief_source(), fonts, theme, inner.width)
        self.brief_scroll.set(inner, self._brief.height)
        with self.brief_scroll.clipped(surface) as y:
            self._brief.draw(surface, (inner.x, y))
        self.brief_scroll.draw_bar(surface)
        if not self.compact or self.shown_pane == "editor":
            self.editor.draw(surface)
        if not self.compact or self.shown_pane == "results":
            self.results.draw(surface)
        self._draw_buttons(surface)
        self._draw_tabs(surface)
        key_hints(surface, [("Ctrl+Enter", "run"), ("Ctrl+Shift+Enter", "try"), ("F1", "hint"),
                            ("F3", "focus"), ("Esc", "cancel/back"), ("F6", "quicksave")],
                  fonts, theme)

    def _draw_header(self, surface: pygame.Surface, w: int) -> None:
        """Title and device on the first line; status and run progress on the second."""
        fonts, theme = self.ctx.fonts, self.ctx.theme
        pad = fonts.px(12)
        dev_rect = label(surface, self._device_text(), (w - pad, pad), fonts, theme.accent2,
                         role="mono_bold", base=15, anchor="topright")
        title = label(surface, f"LAB TERMINAL · {self.entry.model.title}", (pad, pad), fonts,
                      theme.accent, role="heading", base=20,
                      max_width=max(40, dev_rect.left - 3 * pad))
        y = title.bottom + fonts.px(2)
        right = w - pad
        if self.job is not None:
            done, total = self.progress
            bar = pygame.Rect(0, 0, fonts.px(160), fonts.px(8))
            bar.midright = (right, y + fonts.get("body", 13).get_linesize() // 2)
            pygame.draw.rect(surface, theme.border, bar, border_radius=3)
            frac = done / total if total else self.sweep_fraction()
            pygame.draw.rect(surface, theme.accent2,
                             (bar.x, bar.y, max(4, int(bar.width * frac)), bar.height),
                             border_radius=3)
            right = bar.left - pad
        if self.status:
            color = theme.success if self.passed else theme.text
            label(surface, self.status, (pad, y), fonts, color, base=13,
                  max_width=max(40, right - 2 * pad))

    def sweep_fraction(self) -> float:
        """A sweeping bar while the total is not known yet (still when motion is reduced)."""
        if self.ctx.settings.reduced_motion:
            return 0.5
        return (pygame.time.get_ticks() % 1200) / 1200

    def _device_text(self) -> str:
        chosen = self.ctx.settings.device
        if self.ctx.runner.failed:
            return "runner offline"
        found = self.ctx.runner.devices()
        if found is None:
            return f"device: {chosen} (runner warming up)"
        if chosen == "auto":
            return f"device: auto → {'cuda' if 'cuda' in found else 'cpu'}"
        missing = "" if chosen in found else " (not found: runs will fail)"
        return f"device: {chosen}{missing}"

    def _draw_tabs(self, surface: pygame.Surface) -> None:
        theme = self.ctx.theme
        for key, text, rect in self.tabs:
            on = key == self.shown_pane
            pygame.draw.rect(surface, theme.panel_alt if on else theme.panel, rect,
                             border_radius=6)
            pygame.draw.rect(surface, theme.accent2 if on else theme.border, rect, 2 if on else 1,
                             border_radius=6)
            label(surface, f"{text} (F3)", rect.center, self.ctx.fonts,
                  theme.text if on else theme.text_dim, role="body_bold", base=15,
                  anchor="center", max_width=rect.width - 8)

    def _draw_buttons(self, surface: pygame.Surface) -> None:
        fonts, theme = self.ctx.fonts, self.ctx.theme
        font = fonts.get("body_bold", 16)
        key_font = fonts.get("mono", 12)
        for b in self.buttons:
            primary = b.key == "run"
            fill = theme.accent if primary and b.enabled else theme.panel_alt
            pygame.draw.rect(surface, fill, b.rect, border_radius=6)
            pygame.draw.rect(surface, theme.border, b.rect, 1, border_radius=6)
            color = theme.bg if primary and b.enabled else (theme.text if b.enabled else theme.text_dim)
            text = text_surface(font, b.text, color)
            keys = text_surface(key_font, b.keys, color)
            total = text.get_height() + keys.get_height()
            top = b.rect.centery - total // 2
            clip = surface.get_clip()
            surface.set_clip(b.rect)
            surface.blit(text, text.get_rect(midtop=(b.rect.centerx, top)))
            surface.blit(keys, keys.get_rect(midtop=(b.rect.centerx, top + text.get_height())))
            surface.set_clip(clip)

    def describe(self) -> str:
        lines = [
            "screen: terminal",
            f"puzzle: {self.puzzle_id} ({self.entry.model.title})",
            f"focus: {self.focus}" + (f" (compact: {self.shown_pane} shown)" if self.compact
                                      else ""),
            f"running: {self.job is not None}",
            f"passed: {self.passed}",
            f"hints: {self.hints_used}/{len(self.entry.model.hints)}",
            f"device: {self._device_text()}",
            f"status: {self.status}",
            self.editor.describe(),
            "results:",
            self.results.describe(),
        ]
        return "\n".join(lines)


def _edits_code(intent: Intent) -> bool:
    """Ctrl+A / V / X / Z / Y: commands that only make sense on the code."""
    event = intent.event
    return (intent.name == "key" and event.type == pygame.KEYDOWN and event.key in _CODE_CHORDS
            and command_held(event.mod))


def _trouble(message: str) -> str:
    """The runner's complaint as one plain sentence or two (it may be a whole traceback)."""
    lines = [line.strip() for line in message.strip().splitlines() if line.strip()]
    if not lines:
        return "The runner failed without saying why."
    said = lines[-1] if lines[0].startswith("Traceback") else " ".join(lines)
    return said if len(said) <= MAX_TROUBLE_CHARS else said[:MAX_TROUBLE_CHARS - 1] + "…"
