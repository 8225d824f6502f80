"""The scene screen: backdrop, speaker name and portrait, typewriter text, choices, puzzle gates.

Space, Enter or a click completes the line being typed, turns the page of a long line, then
advances. Choices take the mouse, the arrows or the number keys; beside them Space pages the
last line round again from its beginning. S toggles skip (through text
read before, in any playthrough, unless the settings allow unseen text too); holding Ctrl
skips while held. H or the wheel opens the history, M the chapter map, Esc the pause menu.

The screen owns its parts and wires them: a StoryCursor (where the story is: game.session),
a Typewriter (the line's reveal and pages: game.ui.widgets), SceneChoices, Skip, a DialogueBox
and the SceneChrome. Intents from the key table are dispatched here to the part they concern.
Must not import torch.
"""

from __future__ import annotations

from collections.abc import Callable

import pygame

from game.session.cursor import StoryCursor
from game.story.engine import StoryError
from game.text.markup import plain_text
from game.ui import flow
from game.ui.context import Context
from game.ui.intents import Intent
from game.ui.screens import scene_box, scene_exits
from game.ui.screens.scene_choices import PUZZLE, SceneChoices
from game.ui.screens.scene_chrome import SceneChrome, draw_continue_arrow
from game.ui.screens.scene_skip import Skip
from game.ui.snapshot import Snapshot
from game.ui.stack import Screen
from game.ui.widgets.draw import hint_bar_height, key_hints
from game.ui.widgets.typewriter import Typewriter


class SceneScreen(Screen):
    name = "scene"

    def __init__(self, ctx: Context):
        super().__init__(ctx)
        assert ctx.session is not None
        self.cursor = StoryCursor(ctx.session)
        self.typewriter = Typewriter()
        self.choices = SceneChoices()
        self.skip = Skip()
        self.dialogue = scene_box.DialogueBox()
        self.chrome = SceneChrome()
        self.clock = 0.0  # for the blinking "continue" arrow
        # Commands that leave the dialogue or change how it runs, whatever it shows.
        self._commands: dict[str, Callable[[], None]] = {
            "back": self._pause,
            "rclick": self._pause,
            "history": lambda: scene_exits.history(ctx),
            "page_up": lambda: scene_exits.history(ctx),
            "map": lambda: scene_exits.chapter_map(ctx),
            "skip": self._toggle_skip,
        }

    # -- story ----------------------------------------------------------------------------
    def enter(self) -> None:
        self._load()

    def resume(self) -> None:
        if self.ctx.session is not None:
            self.cursor.rebind(self.ctx.session)
        if self.cursor.stale:
            self._load()
        else:
            self._build_choices()

    def _load(self) -> None:
        try:
            view = self.cursor.load()
        except StoryError as exc:
            flow.show_message(self.ctx, "The story lost its place", [str(exc)])
            return
        self.typewriter.restart()
        self.choices.clear()
        if not view.lines:
            self._build_choices()

    def _build_choices(self) -> None:
        if self.cursor.view is not None:
            self.choices.build(self.cursor.view, self.ctx.fonts, self.ctx.theme)

    @property
    def _instant(self) -> bool:
        return self.ctx.settings.effective_text_speed <= 0

    def _line_done(self) -> bool:
        """The node's last line is shown whole, its last page included."""
        tw = self.typewriter
        return self.cursor.at_last_line and not tw.typing and not tw.more_pages

    def _choices_open(self) -> bool:
        return self.choices.is_open(self._line_done())

    def _advance(self) -> None:
        """Space/Enter/click: finish typing, turn the page, next line, or move the story on."""
        cursor, tw = self.cursor, self.typewriter
        if cursor.view is None:
            return
        if tw.typing:
            tw.finish()
            return
        if tw.more_pages:
            tw.turn_page(instant=self._instant)
            return
        if cursor.next_line():
            tw.restart()
            self.ctx.sound.play("tick")
            if cursor.at_last_line:
                self._build_choices()
            return
        if self.choices.menu is None:
            self._build_choices()
        if self.choices.menu is not None and not self._choices_open():
            self.choices.read_whole()
            return
        way = cursor.way_on
        if way == "next":
            try:
                cursor.move_on()
            except StoryError as exc:
                flow.show_message(self.ctx, "The story is stuck", [str(exc)])
                return
            self._load()
        elif way == "ending":
            self._show_ending()
        elif way == "puzzle":
            self._open_puzzle()

    def _choose(self, index: int) -> None:
        try:
            self.cursor.choose(index)
        except StoryError as exc:
            self.ctx.notify(str(exc), "error")
            return
        self.ctx.sound.play("select")
        self._load()

    def _open_puzzle(self) -> None:
        view = self.cursor.view
        assert view is not None and view.puzzle is not None
        if scene_exits.puzzle(self.ctx, view.puzzle):
            self.skip.stop()

    def _show_ending(self) -> None:
        view = self.cursor.view
        assert view is not None and view.ending is not None
        self.skip.stop()
        scene_exits.ending(self.ctx, view.ending)

    # -- commands -------------------------------------------------------------------------
    def _pause(self) -> None:
        self.skip.stop()
        scene_exits.pause(self.ctx)

    def _toggle_skip(self) -> None:
        self.ctx.notify("Skip on." if self.skip.toggle() else "Skip off.")

    # -- input ----------------------------------------------------------------------------
    def handle(self, intent: Intent) -> None:
        if intent.name == "click":  # the corner chips do what their keys do
            chip = self.chrome.chip_at(intent.pos)
            if chip is not None:
                intent = Intent(chip, intent.event)
        name = intent.name
        command = self._commands.get("history" if name == "wheel" and intent.value > 0 else name)
        if command is not None:
            command()
            return
        if self._choices_open():
            on_line = name == "click" and self.dialogue.box.collidepoint(intent.pos)
            if (name == "advance" or on_line) and self.typewriter.page_count > 1:
                # The line beside the choices pages on and round again (Space, or a click on
                # its box): every word of it can be read while choosing.
                self.typewriter.turn_page(instant=True)
                return
            item = self.choices.handle(intent)
            if item is not None:
                if item.key == PUZZLE:
                    self._open_puzzle()
                else:
                    self._choose(int(item.key))
            return
        if name in ("advance", "confirm", "click", "down") or (
            name == "wheel" and intent.value < 0
        ):
            if name == "click":
                self.skip.stop()
            self._advance()

    # -- time -----------------------------------------------------------------------------
    def update(self, dt: float) -> None:
        self.clock += dt
        self.typewriter.tick(dt, self.ctx.settings.effective_text_speed)
        act = self.skip.tick(
            dt,
            held=bool(pygame.key.get_mods() & pygame.KMOD_CTRL),
            may_skip=self.cursor.may_skip(self.ctx.settings.skip_unseen),
            blocked=self._choices_open(),
        )
        if act == "refused":
            self.ctx.notify("Skip stops at text you have not read.")
        elif act == "step":
            self.typewriter.finish()
            if self.cursor.at_gate and self.cursor.at_last_line and not self.typewriter.more_pages:
                self.skip.stop()
                return
            self._advance()

    # -- drawing --------------------------------------------------------------------------
    def _layout(self, size: tuple[int, int], hint_h: int) -> None:
        fonts = self.ctx.fonts
        menu = self.choices.menu

        def height(asks: bool) -> int:
            least = self.choices.least_height if asks and menu is not None else None
            return scene_box.box_height(
                fonts, size, asks=asks, top=self.chrome.top, least_menu=least, hint_h=hint_h
            )

        # A line that would not fit the smaller box choices leave is read whole in the full
        # box first; one more Space then brings the choices (see SceneChoices.is_open).
        if menu is not None and self.typewriter.text is not None:
            room = scene_box.text_room(fonts, height(True))
            self.choices.fits_small = self.typewriter.fits(room)
        line = self.cursor.line
        has_portrait = line is not None and bool(line.portrait)
        self.dialogue.place(
            fonts, size, height(self._choices_open()), portrait=has_portrait, hint_h=hint_h
        )

    def draw(self, surface: pygame.Surface) -> None:
        ctx, view, line = self.ctx, self.cursor.view, self.cursor.line
        fonts, theme = ctx.fonts, ctx.theme
        w, h = surface.get_size()
        surface.blit(ctx.art.backdrop(view.background if view else None, (w, h)), (0, 0))
        hints = ctx.hints("scene")
        self._layout((w, h), hint_bar_height(fonts, hints, w))
        box, text_rect = self.dialogue.box, self.dialogue.text
        self.typewriter.fit(
            line.text if line else None,
            text_rect,
            fonts,
            theme,
            narrator=line is not None and line.speaker is None,
            instant=self._instant,
        )
        choosing = self._choices_open()
        if choosing and not self.typewriter.cycling:
            # The smaller box beside the choices pages the line again from its beginning.
            self.typewriter.rewind()
        pad = fonts.px(16)
        self.chrome.draw(surface, fonts, theme, view.scene_title if view else None)
        self.dialogue.draw(surface, line, fonts, theme, ctx.art)
        self.typewriter.draw(surface, fonts, theme)
        if choosing:
            self.choices.draw(surface, fonts, theme, top=self.chrome.top, bottom=box.top)
        elif not self.typewriter.typing and not self.typewriter.more_pages and line is not None:
            blink = ctx.settings.reduced_motion or int(self.clock * 2) % 2 == 0
            if blink:
                draw_continue_arrow(surface, theme, box, pad)
        key_hints(surface, hints, fonts, theme, wrap=True)
        if self.skip.on:
            self.chrome.draw_skip_badge(surface, fonts, theme)

    # -- describing -----------------------------------------------------------------------
    def snapshot(self) -> Snapshot:
        view, line = self.cursor.view, self.cursor.line
        if view is None:
            return self.snap()
        tw, choosing = self.typewriter, self._choices_open()
        content = [view.scene_title]
        say: tuple[str, ...] = ()
        if line is not None:
            spoken = plain_text(line.text)
            # From the page on show to the end: earlier pages were read on the way here (but
            # beside the choices every page comes round again).
            rest = None if choosing else tw.from_page()
            content += [line.speaker or "", spoken if rest is None else rest]
            say = (f"{line.speaker}: {spoken}" if line.speaker else spoken,)
        parts = self.choices.snapshot_parts() if choosing else {}
        parts["targets"] = {**self.chrome.targets(), **parts.get("targets", {})}
        if choosing and tw.page_count > 1:  # the line's next page, or the menu's rest first
            menu_more = parts.get("more", ())
            parts["more"] = ("space", *menu_more) if tw.more_pages else (*menu_more, "space")
        elif tw.typing or tw.more_pages:
            parts["more"] = ("space",)
        return self.snap(content=tuple(c for c in content if c), say=say, **parts)

    def describe(self) -> str:
        view = self.cursor.view
        if view is None:
            return "screen: scene (no view)"
        line, tw = self.cursor.line, self.typewriter
        out = [
            "screen: scene",
            f"scene: {view.scene_id} node: {view.node_id} title: {view.scene_title}",
        ]
        if line is not None:
            out.append(f"speaker: {line.speaker or 'narrator'}")
            state = "typing" if tw.typing else "complete"
            page = f" page {tw.page + 1}/{tw.page_count}" if tw.page_count > 1 else ""
            out.append(
                f"line {self.cursor.line_index + 1}/{len(view.lines)} [{state}]{page}: "
                f"{plain_text(line.text)}"
            )
        if self._choices_open():
            out += self.choices.describe()
        if view.puzzle:
            out.append(f"puzzle: {view.puzzle}")
        if view.ending:
            out.append(f"ending: {view.ending.id}")
        if self.skip.on:
            out.append("skipping")
        return "\n".join(out)
