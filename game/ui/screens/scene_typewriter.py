"""SceneTypewriter: the dialogue box's text. It lays out the box, portrait and text area,
reveals the line at the text speed, skips (S toggles, Ctrl held) through text read before, and
draws the revealed part, scrolling by whole lines. Must not import torch.
"""

from __future__ import annotations

import pygame

from game.ui.screens.scene_story import SceneStory
from game.ui.widgets.draw import hint_bar_height
from game.ui.widgets.richtext import RichText

SKIP_STEP_S = 0.05


class SceneTypewriter(SceneStory):
    # -- time -----------------------------------------------------------------------------
    def _may_skip(self) -> bool:
        if self.view is None:
            return False
        return self.ctx.settings.skip_unseen or self.session.current_seen_before

    def update(self, dt: float) -> None:
        self.clock += dt
        speed = self.ctx.settings.effective_text_speed
        if self._text is not None and self.typing:
            self.revealed = float(self._text.chars) if speed <= 0 else self.revealed + speed * dt
        held = bool(pygame.key.get_mods() & pygame.KMOD_CTRL)
        if not (self.skipping or held):
            return
        if not self._may_skip() or self._choices_open():
            if self.skipping and not self._may_skip():
                self.skipping = False
                self.ctx.notify("Skip stops at text you have not read.")
            return
        self.skip_timer -= dt
        if self.skip_timer <= 0:
            self.skip_timer = SKIP_STEP_S
            if self._text is not None:
                self.revealed = float(self._text.chars)
            if (
                self.view is not None
                and self.at_last_line
                and (self.view.ending or self.view.puzzle)
            ):
                self.skipping = False
                return
            self._advance()

    # -- layout and text --------------------------------------------------------------------
    def _layout(self, size: tuple[int, int]) -> None:
        fonts = self.ctx.fonts
        w, h = size
        pad = fonts.px(16)
        hint_h = hint_bar_height(fonts)
        line_h = self._line_height()
        name_h = fonts.get("body_bold", 20).get_linesize()
        # Room for four lines of text; less of the screen while choices need the space.
        lines = 3 if self._choices_open() else 4
        box_h = name_h + lines * line_h + 2 * pad
        box_h = min(int(h * (0.4 if self._choices_open() else 0.5)), max(int(h * 0.22), box_h))
        self._box = pygame.Rect(pad, h - hint_h - box_h, w - 2 * pad, box_h)
        portrait = self._portrait_size()
        left = self._box.x + pad + (portrait + pad if portrait else 0)
        self._text_rect = pygame.Rect(
            left,
            self._box.y + pad // 2 + name_h + pad // 3,
            self._box.right - pad - left,
            self._box.height - name_h - pad,
        )

    def _line_height(self) -> int:
        return int(self.ctx.fonts.get("body", 22).get_linesize() * 1.2)

    def _portrait_size(self) -> int:
        line = self.line
        if line is None or not line.portrait:
            return 0
        return min(self._box.height - 2 * self.ctx.fonts.px(16), self._box.width // 4)

    def _ensure_text(self) -> None:
        line = self.line
        key = (
            self.line_index,
            self._text_rect.size,
            self.ctx.fonts.scale,
            self.ctx.theme.name,
            id(self.view),
        )
        if key == self._text_key:
            return
        self._text_key = key
        if line is None:
            self._text = None
            return
        narrator = line.speaker is None
        self._text = RichText(
            line.text,
            self.ctx.fonts,
            self.ctx.theme,
            self._text_rect.width,
            base=22,
            role="italic" if narrator else "body",
        )
        if self.ctx.settings.effective_text_speed <= 0:
            self.revealed = float(self._text.chars)

    def _draw_text(self, surface: pygame.Surface) -> None:
        assert self._text is not None
        text, area = self._text, self._text_rect
        shown = int(self.revealed)
        # A line longer than the box scrolls by whole lines to follow the typewriter, so the
        # newest words are always visible and no line is ever cut in half.
        consumed, last_line = 0, 0
        for piece in text.pieces:
            if consumed >= shown:
                break
            consumed += piece.chars
            last_line = piece.line
        visible = max(1, area.height // text.line_height)
        offset = max(0, last_line + 1 - visible) * text.line_height
        clip = surface.get_clip()
        surface.set_clip(pygame.Rect(area.x, area.y, area.width, visible * text.line_height))
        text.draw(surface, (area.x, area.y - offset), reveal=shown)
        surface.set_clip(clip)
