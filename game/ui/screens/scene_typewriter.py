"""SceneTypewriter: the dialogue box's text. It lays out the box, portrait and text area,
reveals the line at the text speed, skips (S toggles, Ctrl held) through text read before, and
draws the revealed part. A line taller than the box is shown in pages from its beginning: the
typewriter stops at the end of a page, the box says there is more, and Space turns the page
(no word is ever scrolled away before it was shown, at any font scale). Must not import torch.
"""

from __future__ import annotations

import pygame

from game.ui.screens import scene_chrome
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
            end = self.page_end
            self.revealed = float(end) if speed <= 0 else min(end, self.revealed + speed * dt)
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
                self.revealed = float(self.page_end)
            if (
                self.view is not None
                and self.at_last_line
                and not self.more_pages
                and (self.view.ending or self.view.puzzle)
            ):
                self.skipping = False
                return
            self._advance()

    # -- layout and text --------------------------------------------------------------------
    def _box_height(self, size: tuple[int, int], asks: bool) -> int:
        """Room for four lines of text (more of the screen at large text: reading comes before
        the backdrop); less while choices show, leaving them room for one whole choice."""
        fonts = self.ctx.fonts
        w, h = size
        pad, line_h = fonts.px(16), self._line_height()
        name_h = fonts.get("body_bold", 20).get_linesize()
        box_h = name_h + (3 if asks else 4) * line_h + 2 * pad
        share = 0.4 if asks else 0.5 + 0.1 * max(0.0, min(1.0, fonts.scale - 1))
        box_h = min(int(h * share), max(int(h * 0.22), box_h))
        if asks and self.menu is not None:
            rect = self.menu.rect  # only the width matters here; the height stays as drawn
            self.menu.set_rect(pygame.Rect(rect.x, rect.y, self._menu_width(w), rect.height))
            above = h - hint_bar_height(fonts) - self._top - self.menu.least_height()
            box_h = max(name_h + line_h + pad, min(box_h, above - 2 * fonts.px(12)))
        return box_h

    def _layout(self, size: tuple[int, int]) -> None:
        fonts = self.ctx.fonts
        w, h = size
        pad = fonts.px(16)
        hint_h = hint_bar_height(fonts)
        name_h = fonts.get("body_bold", 20).get_linesize()
        # A line that would not fit the smaller box choices leave is read whole in the full
        # box first; one more Space then brings the choices (see `_choices_open`).
        if self.menu is not None and self._text is not None:
            small = self._box_height(size, True) - name_h - pad
            self._fits_small = len(self._text.line_widths) * self._text.line_height <= small
        box_h = self._box_height(size, self._choices_open())
        self._box = pygame.Rect(pad, h - hint_h - box_h, w - 2 * pad, box_h)
        portrait = self._portrait_size()
        left = self._box.x + pad + (portrait + pad if portrait else 0)
        self._text_rect = pygame.Rect(
            left,
            self._box.y + pad // 2 + name_h + pad // 3,
            self._box.right - pad - left,
            self._box.height - name_h - pad,
        )

    def _menu_width(self, w: int) -> int:
        fonts = self.ctx.fonts
        return min(w - 2 * fonts.px(24), max(fonts.px(420), w * 3 // 5))

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
        same_line = self._text_key[:1] == key[:1] and self._text is not None
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
        fit = max(1, self._text_rect.height // self._text.line_height)
        # A line that needs pages gives up its last row to the "more" sign.
        self.per_page = fit if len(self._text.line_widths) <= fit else max(1, fit - 1)
        # A new size or scale: stay on the page holding the last word read.
        self.page = self._text.line_of(int(self.revealed) - 1) // self.per_page if same_line else 0
        if self.ctx.settings.effective_text_speed <= 0:
            self.revealed = float(max(self.revealed, self.page_end))

    # -- pages ----------------------------------------------------------------------------
    @property
    def page_count(self) -> int:
        if self._text is None:
            return 1
        return max(1, -(-len(self._text.line_widths) // self.per_page))

    @property
    def more_pages(self) -> bool:
        return self.page + 1 < self.page_count

    @property
    def page_end(self) -> int:
        """Characters up to the end of the page on show."""
        if self._text is None:
            return 0
        return self._text.chars_before_line((self.page + 1) * self.per_page)

    def _turn_page(self) -> None:
        self.page += 1
        if self.ctx.settings.effective_text_speed <= 0:
            self.revealed = float(self.page_end)

    def _draw_text(self, surface: pygame.Surface) -> None:
        assert self._text is not None
        text, area = self._text, self._text_rect
        offset = self.page * self.per_page * text.line_height
        clip = surface.get_clip()
        page = pygame.Rect(area.x, area.y, area.width, self.per_page * text.line_height)
        surface.set_clip(page.clip(clip))
        text.draw(surface, (area.x, area.y - offset), reveal=int(self.revealed))
        surface.set_clip(clip)
        if self.more_pages and not self.typing:
            scene_chrome.draw_more(
                surface,
                self.ctx.fonts,
                self.ctx.theme,
                area.right,
                page.bottom,
                f"page {self.page + 1} of {self.page_count}",
            )
