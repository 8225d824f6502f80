"""ResultsPanel: the terminal's results area. Shows a run in progress, a run's result (verdict,
the Professor's reaction, cases, expected against yours, trace, printed output, scores and
goals) or the brief's examples; scrolls; cases are selected by click or keys; cells show their
values on hover.

The content is laid out into a Doc only when something changes (result, selection, size,
fonts, theme); a frame just blits the visible pieces. It records nothing: a result arrives as
the session's `RunOutcome` (the bests before the run, the goals met) and is only presented.
"""

from __future__ import annotations

import pygame

from game.feedback import react, reference_metrics
from game.feedback.classify import grouped_cases, primary_case
from game.feedback.numbers import fmt_metric
from game.feedback.scores import counts_for_scores, score_rows
from game.runner.protocol import CaseResult, RunResult
from game.session.runs import RunOutcome
from game.ui.fonts import Fonts
from game.ui.results.doc import Doc, Hit, draw_scrollbar
from game.ui.results.hover_tip import HoverTip
from game.ui.results.sections import Builder, Content, ViewState
from game.ui.results.style import PanelStyle
from game.ui.theme import Theme
from game.ui.widgets.textfit import ellipsize, text_surface, wrap

_PLACEHOLDER = (
    "Results appear here. Try runs the examples and shows what you print; Submit "
    "runs everything, hidden cases included."
)
_SCROLL_KEYS = {pygame.K_UP: -1, pygame.K_DOWN: 1, pygame.K_PAGEUP: -8, pygame.K_PAGEDOWN: 8}


class ResultsPanel:
    def __init__(self, *, fonts: Fonts, theme: Theme):
        self.fonts, self.theme = fonts, theme
        self.rect = pygame.Rect(0, 0, 400, 300)
        self.style = PanelStyle.from_fonts(fonts, PanelStyle.is_compact(fonts, self.rect.h))
        self.focused = False  # the terminal sets this; keys are only taken when focused
        self._content: Content | None = None
        self._running: tuple[str, int, int] | None = None
        self._message: tuple[str, str] | None = None  # (text, kind) when no result is shown
        self._view = ViewState()
        self._doc: Doc | None = None
        self._lines: list[str] = []
        self._scroll = 0
        self.tip = HoverTip()
        self._mouse = (0, 0)
        self._clock = 0.0

    # -- configuration --------------------------------------------------------------------
    def set_rect(self, rect: pygame.Rect) -> None:
        rect = pygame.Rect(rect)
        if rect.size != self.rect.size:
            self._doc = None
            compact = PanelStyle.is_compact(self.fonts, rect.h)
            if compact != PanelStyle.is_compact(self.fonts, self.rect.h):
                self.style = PanelStyle.from_fonts(self.fonts, compact)
        self.rect = rect

    def set_fonts(self, fonts: Fonts) -> None:
        self.fonts = fonts
        self.style = PanelStyle.from_fonts(fonts, PanelStyle.is_compact(fonts, self.rect.h))
        self._invalidate()

    def set_theme(self, theme: Theme) -> None:
        self.theme = theme
        self._invalidate()

    def _invalidate(self) -> None:
        self._doc = None
        self.tip.clear()

    # -- content --------------------------------------------------------------------------
    def show_running(self, mode: str, done: int, total: int) -> None:
        self._running, self._message = (mode, done, total), None

    def show_message(self, text: str, kind: str = "info") -> None:
        """A line instead of a result, e.g. "Cancelled." (kind: info, warning or error)."""
        self._running, self._content, self._doc = None, None, None
        self._message = (text, kind)

    def show_result(self, outcome: RunOutcome) -> None:
        """Present a run as the session recorded it."""
        result = outcome.result
        unmet = next((g.goal.text for g in outcome.goals if g.met is False), None)
        rows = (
            score_rows(result.metrics, reference_metrics(result), outcome.previous_best)
            if counts_for_scores(result)
            else []
        )
        record = next(
            (
                f"{r.label}: {fmt_metric(r.metric, r.value)}, was "
                f"{fmt_metric(r.metric, r.previous_best)}"
                for r in rows
                if r.new_best
            ),
            None,
        )
        cases = grouped_cases(result)
        content = Content(
            kind="result",
            cases=cases,
            result=result,
            reaction=react(result, salt=outcome.attempts, unmet_goal=unmet, record=record),
            scores=rows,
            goals=outcome.goals,
        )
        self._set_content(content, _primary_index(result, cases))

    def show_examples(self, examples: list[CaseResult]) -> None:
        self._set_content(Content(kind="examples", cases=list(examples)), 0)

    def _set_content(self, content: Content, selected: int) -> None:
        self._running, self._message = None, None
        self._content = content
        self._view = ViewState(selected=selected)
        self._scroll = 0
        self._doc = None

    # -- layout ---------------------------------------------------------------------------
    def _inner(self) -> pygame.Rect:
        pad = self.style.pad
        bar = max(6, pad)
        return pygame.Rect(
            self.rect.x + pad,
            self.rect.y + pad,
            max(1, self.rect.w - 2 * pad - bar),
            max(1, self.rect.h - 2 * pad),
        )

    def _document(self) -> Doc | None:
        if self._content is None:
            return None
        if self._doc is None:
            doc = Doc(self._inner().w)
            self._lines = Builder(doc, self.style, self.theme).build(self._content, self._view)
            self._doc = doc
            self._clamp()
        return self._doc

    def _max_scroll(self) -> int:
        doc = self._doc
        return max(0, doc.height - self._inner().h) if doc is not None else 0

    def _clamp(self) -> None:
        self._scroll = max(0, min(self._scroll, self._max_scroll()))

    def scroll_by(self, pixels: int) -> None:
        self._document()
        self._scroll += pixels
        self._clamp()
        self.tip.clear()

    # -- events ---------------------------------------------------------------------------
    def handle_event(self, event: pygame.event.Event) -> bool:
        line = self.style.body.get_linesize()
        if event.type == pygame.MOUSEWHEEL:
            if self.rect.collidepoint(self._mouse):
                self.scroll_by(-event.y * 3 * line)
                return True
            return False
        if event.type == pygame.MOUSEMOTION:
            self._mouse = event.pos
            self._update_hover()
            return self.rect.collidepoint(event.pos)
        if event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            self._mouse = event.pos
            if not self.rect.collidepoint(event.pos):
                return False
            hit = self._hit_at(event.pos)
            if hit is not None and hit.action:
                self._act(hit.action)
            return True
        if event.type == pygame.KEYDOWN and self.focused and self._content is not None:
            return self._key(event.key, line)
        return False

    def _key(self, key: int, line: int) -> bool:
        if key in _SCROLL_KEYS:
            step = _SCROLL_KEYS[key]
            self.scroll_by(step * (line if abs(step) == 1 else self._inner().h // 8))
        elif key in (pygame.K_LEFT, pygame.K_RIGHT) and self._content and self._content.cases:
            count = len(self._content.cases)
            self._select((self._view.selected + (1 if key == pygame.K_RIGHT else -1)) % count)
        elif key in (pygame.K_HOME, pygame.K_END):
            self.scroll_by(-(10**9) if key == pygame.K_HOME else 10**9)
        elif key in (pygame.K_o, pygame.K_t, pygame.K_i):
            self._act(
                "toggle:" + {pygame.K_o: "stdout", pygame.K_t: "trace", pygame.K_i: "inputs"}[key]
            )
        else:
            return False
        return True

    def _hit_at(self, pos: tuple[int, int]) -> Hit | None:
        doc, inner = self._document(), self._inner()
        if doc is None or not inner.collidepoint(pos):
            return None
        return doc.hit_at(pos[0] - inner.x, pos[1] - inner.y + self._scroll)

    def _act(self, action: str) -> None:
        kind, _, arg = action.partition(":")
        if kind == "case":
            self._select(int(arg))
        elif kind == "toggle":
            self._view.open ^= {arg}
            self._doc = None

    def _select(self, index: int) -> None:
        if index != self._view.selected:
            self._view.selected = index
            self._doc = None

    def _update_hover(self) -> None:
        self.tip.point_at(self._hit_at(self._mouse), self.style, self.theme, self.rect.w)

    # -- frame ----------------------------------------------------------------------------
    def update(self, dt: float) -> None:
        self._clock += dt

    def draw(self, surface: pygame.Surface) -> None:
        th = self.theme
        pygame.draw.rect(surface, th.panel, self.rect)
        pygame.draw.rect(surface, th.border, self.rect, 1)
        clip = surface.get_clip()
        surface.set_clip(self.rect.clip(clip) if clip else self.rect)
        if self._running is not None:
            self._draw_running(surface)
        else:
            doc = self._document()
            if doc is None:
                self._draw_placeholder(surface)
            else:
                inner = self._inner()
                surface.set_clip(inner.clip(clip) if clip else inner)
                doc.draw(surface, inner.topleft, self._scroll, inner.h)
                surface.set_clip(self.rect.clip(clip) if clip else self.rect)
                self._draw_scrollbar(surface, doc)
                self.tip.draw(surface, self._mouse, self.rect)
        surface.set_clip(clip)

    def _draw_scrollbar(self, surface: pygame.Surface, doc: Doc) -> None:
        inner, pad = self._inner(), self.style.pad
        draw_scrollbar(
            surface,
            inner,
            doc.height,
            self._scroll,
            inner.right + pad // 2,
            max(4, pad // 2),
            self.theme.panel_alt,
            self.theme.border,
        )

    def _draw_running(self, surface: pygame.Surface) -> None:
        mode, done, total = self._running or ("submit", 0, 0)
        s, th, inner = self.style, self.theme, self._inner()
        what = "the examples" if mode == "try" else "every case, hidden ones too"
        dots = "." * (1 + int(self._clock * 3) % 3)
        text = ellipsize(s.bold, f"Running {what}{dots}", inner.w)
        surface.blit(text_surface(s.bold, text, th.accent), inner.topleft)
        y = inner.y + s.bold.get_linesize() + s.pad
        bar = pygame.Rect(inner.x, y, inner.w, max(6, s.pad))
        pygame.draw.rect(surface, th.panel_alt, bar, 0, 3)
        if total > 0:
            filled = pygame.Rect(bar.x, bar.y, bar.w * min(done, total) // total, bar.h)
            pygame.draw.rect(surface, th.accent2, filled, 0, 3)
        count = ellipsize(s.small, f"{done} of {total} cases" if total else "starting", inner.w)
        surface.blit(text_surface(s.small, count, th.text_dim), (inner.x, bar.bottom + s.pad))

    def _draw_placeholder(self, surface: pygame.Surface) -> None:
        s, th, inner = self.style, self.theme, self._inner()
        text, color = _PLACEHOLDER, th.text_dim
        if self._message is not None:
            text = self._message[0]
            color = {"warning": th.warning, "error": th.error}.get(self._message[1], th.text)
        y = inner.y
        for line in wrap(s.body, text, inner.w, max_lines=max(1, inner.h // s.body.get_linesize())):
            surface.blit(text_surface(s.body, line, color), (inner.x, y))
            y += s.body.get_linesize()

    # -- text -----------------------------------------------------------------------------
    def describe(self) -> str:
        if self._running is not None:
            mode, done, total = self._running
            return f"Running ({mode}): {done}/{total}"
        if self._message is not None:
            return f"Results: {self._message[0]}"
        if self._document() is None:
            return "Results: empty"
        return "\n".join(self._lines)

    @property
    def content_height(self) -> int:
        """Height the content needs (plus padding) at the current width."""
        doc = self._document()
        return (doc.height if doc is not None else 0) + 2 * self.style.pad

    @property
    def overflowing(self) -> list[pygame.Rect]:
        """Pieces wider than the panel (for tests; always empty unless layout is broken)."""
        doc = self._document()
        return doc.overflow() if doc is not None else []


def _primary_index(result: RunResult, cases: list[CaseResult]) -> int:
    """The case the Professor talks about is the one selected first."""
    case = primary_case(result)
    return next((i for i, c in enumerate(cases) if c is case), 0)
