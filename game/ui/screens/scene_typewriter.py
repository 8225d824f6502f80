"""SceneTypewriter: the dialogue box. It lays out the box, portrait and text area, feeds the
current line to the scene's `Typewriter` (which types and draws it) at the text speed, and
skips (S toggles, Ctrl held) through text read before. Must not import torch.
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
        self.typewriter.tick(dt, self.ctx.settings.effective_text_speed)
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
            self.typewriter.complete()
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

        def make() -> RichText | None:
            if line is None:
                return None
            return RichText(
                line.text,
                self.ctx.fonts,
                self.ctx.theme,
                self._text_rect.width,
                base=22,
                role="italic" if line.speaker is None else "body",
            )

        instant = self.ctx.settings.effective_text_speed <= 0
        self.typewriter.set_text(key, make, instant=instant)
