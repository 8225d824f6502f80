"""The scene screen: backdrop, speaker name and portrait, typewriter text, choices, puzzle gates.

Space, Enter or a click completes the line being typed, then advances. Choices take the mouse,
the arrows or the number keys. S toggles skip (through text read before, in any playthrough,
unless the settings allow unseen text too); holding Ctrl skips while held. H or the wheel opens
the history, M the chapter map, Esc the pause menu. Must not import torch.
"""

from __future__ import annotations

import pygame

from game.story.engine import ShownLine, StoryError, StoryView
from game.ui import flow
from game.ui.art.palette import hex_rgb
from game.ui.context import Context
from game.ui.intents import Intent
from game.ui.markup import plain_text
from game.ui.stack import Screen
from game.ui.widgets.draw import chip_buttons, hint_bar_height, key_hints, label, panel
from game.ui.widgets.menu import Menu, MenuItem
from game.ui.widgets.richtext import RichText
from game.ui.widgets.textfit import text_surface

SKIP_STEP_S = 0.05


class SceneScreen(Screen):
    name = "scene"

    def __init__(self, ctx: Context):
        super().__init__(ctx)
        assert ctx.session is not None
        self.session = ctx.session
        self.view: StoryView | None = None
        self.line_index = 0
        self.revealed = 0.0
        self.skipping = False
        self.skip_timer = 0.0
        self.clock = 0.0
        self.menu: Menu | None = None
        self._text: RichText | None = None
        self._text_key: tuple[object, ...] = ()
        self._box = pygame.Rect(0, 0, 0, 0)
        self._text_rect = pygame.Rect(0, 0, 0, 0)
        self._chips: dict[str, pygame.Rect] = {}

    # -- story ----------------------------------------------------------------------------
    def enter(self) -> None:
        self._load_view()

    def resume(self) -> None:
        self.session = self.ctx.session or self.session
        node = (self.session.state.scene, self.session.state.node)
        if self.view is None or (self.view.scene_id, self.view.node_id) != node:
            self._load_view()
        else:
            self._build_menu()

    def _load_view(self) -> None:
        try:
            self.view = self.session.story.view()
        except StoryError as exc:
            flow.show_message(self.ctx, "The story lost its place", [str(exc)])
            return
        self.line_index = 0
        self.revealed = 0.0
        self._text_key = ()
        self.menu = None
        if not self.view.lines:
            self._build_menu()

    @property
    def line(self) -> ShownLine | None:
        if self.view and self.view.lines:
            return self.view.lines[min(self.line_index, len(self.view.lines) - 1)]
        return None

    @property
    def at_last_line(self) -> bool:
        return self.view is not None and self.line_index >= len(self.view.lines) - 1

    @property
    def typing(self) -> bool:
        return self._text is not None and self.revealed < self._text.chars

    def _build_menu(self) -> None:
        view = self.view
        if view is None:
            return
        fonts, theme = self.ctx.fonts, self.ctx.theme
        if view.choices:
            items = [MenuItem(str(c.index), c.text, enabled=c.enabled) for c in view.choices]
            self.menu = Menu(items, fonts, theme, base=20, numbered=True, align="left")
        elif view.puzzle:
            prompt = view.puzzle_prompt or "Open the lab terminal"
            self.menu = Menu([MenuItem("puzzle", prompt, detail="Enter")], fonts, theme, base=20)
        else:
            self.menu = None

    def _step_done(self) -> None:
        self.session.step_done()
        self._load_view()

    def _advance(self) -> None:
        """Space/Enter/click: finish typing, next line, or move the story on."""
        view = self.view
        if view is None:
            return
        if self.typing:
            self.revealed = float(self._text.chars if self._text else 0)
            return
        if not self.at_last_line:
            self.line_index += 1
            self.revealed = 0.0
            self.ctx.sound.play("tick")
            if self.at_last_line:
                self._build_menu()
            return
        if self.menu is None:
            self._build_menu()
        if view.can_advance:
            try:
                self.session.story.advance()
            except StoryError as exc:
                flow.show_message(self.ctx, "The story is stuck", [str(exc)])
                return
            self._step_done()
        elif view.ending is not None:
            self._show_ending()
        elif view.puzzle is not None:
            self._open_puzzle()

    def _choose(self, index: int) -> None:
        try:
            self.session.story.choose(index)
        except StoryError as exc:
            self.ctx.notify(str(exc), "error")
            return
        self.ctx.sound.play("select")
        self._step_done()

    def _open_puzzle(self) -> None:
        from game.ui.screens.terminal import TerminalScreen

        assert self.view is not None and self.view.puzzle is not None
        if self.view.puzzle not in self.ctx.content.library.puzzles:
            flow.show_message(self.ctx, "A puzzle is missing", [
                f"This scene opens the puzzle `{self.view.puzzle}`, which is not in the loaded "
                "content. Run `torchenstein lint` to see why."])
            return
        self.skipping = False
        self.ctx.sound.play("open")
        self.ctx.stack.push(TerminalScreen(self.ctx, self.view.puzzle))

    def _show_ending(self) -> None:
        from game.ui.screens.ending import EndingScreen

        assert self.view is not None and self.view.ending is not None
        self.skipping = False
        self.ctx.stack.push(EndingScreen(self.ctx, self.view.ending))

    # -- input ----------------------------------------------------------------------------
    def _choices_open(self) -> bool:
        return self.menu is not None and self.at_last_line and not self.typing

    def handle(self, intent: Intent) -> None:
        name = intent.name
        if name == "click":  # the corner chips do what their keys do
            chip = next((k for k, r in self._chips.items() if r.collidepoint(intent.pos)), None)
            if chip is not None:
                intent = Intent(chip, intent.event)
                name = chip
        if name == "back" or name == "rclick":
            from game.ui.screens.pause import PauseScreen

            self.skipping = False
            self.ctx.stack.push(PauseScreen(self.ctx))
            return
        if name == "history" or (name == "wheel" and intent.value > 0) or name == "page_up":
            from game.ui.screens.history import HistoryScreen

            self.ctx.stack.push(HistoryScreen(self.ctx))
            return
        if name == "map":
            from game.ui.screens.chapters import ChapterMapScreen

            self.ctx.stack.push(ChapterMapScreen(self.ctx))
            return
        if name == "skip":
            self.skipping = not self.skipping
            self.ctx.notify("Skip on." if self.skipping else "Skip off.")
            return
        if self._choices_open() and self.menu is not None:
            if name == "advance" or (name == "click" and self.menu.hit(intent.pos) is None):
                return  # mashing Space or clicking beside the choices never picks one
            item = self.menu.handle(intent)
            if item is not None:
                if item.key == "puzzle":
                    self._open_puzzle()
                else:
                    self._choose(int(item.key))
            return
        if name in ("advance", "confirm", "click", "down") or (name == "wheel" and intent.value < 0):
            self.skipping = False if name == "click" else self.skipping
            self._advance()

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
            if self.view is not None and self.at_last_line and (self.view.ending or self.view.puzzle):
                self.skipping = False
                return
            self._advance()

    # -- drawing --------------------------------------------------------------------------
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
        self._text_rect = pygame.Rect(left, self._box.y + pad // 2 + name_h + pad // 3,
                                      self._box.right - pad - left,
                                      self._box.height - name_h - pad)

    def _line_height(self) -> int:
        return int(self.ctx.fonts.get("body", 22).get_linesize() * 1.2)

    def _portrait_size(self) -> int:
        line = self.line
        if line is None or not line.portrait:
            return 0
        return min(self._box.height - 2 * self.ctx.fonts.px(16), self._box.width // 4)

    def _ensure_text(self) -> None:
        line = self.line
        key = (self.line_index, self._text_rect.size, self.ctx.fonts.scale, self.ctx.theme.name,
               id(self.view))
        if key == self._text_key:
            return
        self._text_key = key
        if line is None:
            self._text = None
            return
        narrator = line.speaker is None
        self._text = RichText(line.text, self.ctx.fonts, self.ctx.theme, self._text_rect.width,
                              base=22, role="italic" if narrator else "body")
        if self.ctx.settings.effective_text_speed <= 0:
            self.revealed = float(self._text.chars)

    def draw(self, surface: pygame.Surface) -> None:
        ctx, view = self.ctx, self.view
        fonts, theme = ctx.fonts, ctx.theme
        w, h = surface.get_size()
        surface.blit(ctx.art.backdrop(view.background if view else None, (w, h)), (0, 0))
        self._layout((w, h))
        self._ensure_text()
        pad = fonts.px(16)
        self._chips = chip_buttons(surface, [("history", "History (H)"), ("map", "Map (M)"),
                                             ("skip", "Skip (S)"), ("back", "Menu (Esc)")],
                                   fonts, theme, top_right=(w - fonts.px(10), fonts.px(10)))
        if view is not None:
            self._draw_header(surface, view, min(r.left for r in self._chips.values()))
        panel(surface, self._box, theme, width=2)
        line = self.line
        if line is not None and line.portrait:
            size = self._portrait_size()
            face = ctx.art.portrait(line.portrait, size)
            spot = face.get_rect(topleft=(self._box.x + pad, self._box.y + pad))
            surface.blit(face, spot)
            pygame.draw.rect(surface, theme.border, spot, 2)
        if line is not None and line.speaker:
            color = hex_rgb(line.color, theme.accent)
            if theme.name != "default":
                color = theme.accent
            label(surface, line.speaker, (self._text_rect.x, self._box.y + pad // 2), fonts,
                  color, role="body_bold", base=20, max_width=self._text_rect.width)
        if self._text is not None:
            self._draw_text(surface)
        if self._choices_open() and self.menu is not None:
            self._draw_menu(surface)
        elif not self.typing and line is not None:
            blink = ctx.settings.reduced_motion or int(self.clock * 2) % 2 == 0
            if blink:
                r = self._box
                pts = [(r.right - pad * 2, r.bottom - pad * 2), (r.right - pad, r.bottom - pad * 2),
                       (r.right - pad * 3 // 2, r.bottom - pad * 3 // 2)]
                pygame.draw.polygon(surface, theme.accent2, pts)
        hints = [("Space", "next"), ("1-9", "choose"), ("H", "history"), ("S", "skip"),
                 ("M", "map"), ("F6", "quicksave"), ("Esc", "menu")]
        key_hints(surface, hints, fonts, theme)
        if self.skipping:
            below = max(r.bottom for r in self._chips.values()) + fonts.px(6)
            label(surface, "SKIP ▶▶", (w - pad, below), fonts, theme.accent2, role="mono_bold",
                  base=16, anchor="topright")

    def _draw_header(self, surface: pygame.Surface, view: StoryView, right: int) -> None:
        """The scene's title, left of the corner chips (cut short rather than overlapping)."""
        fonts, theme = self.ctx.fonts, self.ctx.theme
        pad = fonts.px(10)
        text = view.scene_title
        font = fonts.get("mono_bold", 15)
        surf = text_surface(font, text, theme.text)
        room = right - 2 * pad
        if room < fonts.px(80):
            return  # a very narrow window at a huge font: the chips matter more
        box = pygame.Rect(pad, pad, min(surf.get_width() + 2 * pad, room),
                          surf.get_height() + pad)
        panel(surface, box, theme, radius=6, width=1)
        label(surface, text, (box.x + pad, box.y + pad // 2), fonts, theme.text,
              role="mono_bold", base=15, max_width=box.width - 2 * pad)

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

    def _draw_menu(self, surface: pygame.Surface) -> None:
        assert self.menu is not None
        fonts = self.ctx.fonts
        self.menu.fonts, self.menu.theme = fonts, self.ctx.theme
        w = surface.get_width()
        menu_w = min(w - 2 * fonts.px(24), max(fonts.px(420), w * 3 // 5))
        room = self._box.top - fonts.get("mono_bold", 15).get_linesize() - fonts.px(34)
        self.menu.set_rect(pygame.Rect((w - menu_w) // 2, 0, menu_w, room))
        height = min(self.menu.content_height, room)
        self.menu.set_rect(pygame.Rect((w - menu_w) // 2, self._box.top - fonts.px(12) - height,
                                       menu_w, height))
        self.menu.draw(surface)

    def describe(self) -> str:
        view = self.view
        if view is None:
            return "screen: scene (no view)"
        line = self.line
        out = [
            "screen: scene",
            f"scene: {view.scene_id} node: {view.node_id} title: {view.scene_title}",
        ]
        if line is not None:
            out.append(f"speaker: {line.speaker or 'narrator'}")
            state = "typing" if self.typing else "complete"
            out.append(f"line {self.line_index + 1}/{len(view.lines)} [{state}]: "
                       f"{plain_text(line.text)}")
        if self._choices_open() and self.menu is not None:
            out.append("choices:")
            out.append(self.menu.describe())
        if view.puzzle:
            out.append(f"puzzle: {view.puzzle}")
        if view.ending:
            out.append(f"ending: {view.ending.id}")
        if self.skipping:
            out.append("skipping")
        return "\n".join(out)
