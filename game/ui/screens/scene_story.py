"""SceneStory: the scene screen's place in the story. It loads the current node's view, walks
its lines, builds the choice menu (or the puzzle prompt), picks choices, moves the story on and
opens the lab terminal, the ending or an error message. Must not import torch.
"""

from __future__ import annotations

import pygame

from game.story.engine import ShownLine, StoryError, StoryView
from game.ui import flow
from game.ui.context import Context
from game.ui.stack import Screen
from game.ui.widgets.menu import Menu, MenuItem
from game.ui.widgets.typewriter import Typewriter


class SceneStory(Screen):
    def __init__(self, ctx: Context):
        super().__init__(ctx)
        assert ctx.session is not None
        self.session = ctx.session
        self.view: StoryView | None = None
        self.line_index = 0
        self.typewriter = Typewriter()
        self.skipping = False
        self.skip_timer = 0.0
        self.clock = 0.0
        self.menu: Menu | None = None
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
        self.typewriter.restart()
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

    def _advance(self) -> None:
        """Space/Enter/click: finish typing, next line, or move the story on."""
        view = self.view
        if view is None:
            return
        if self.typewriter.typing:
            self.typewriter.complete()
            return
        if not self.at_last_line:
            self.line_index += 1
            self.typewriter.restart()
            self.ctx.sound.play("tick")
            if self.at_last_line:
                self._build_menu()
            return
        if self.menu is None:
            self._build_menu()
        if view.can_advance:
            try:
                self.session.advance()
            except StoryError as exc:
                flow.show_message(self.ctx, "The story is stuck", [str(exc)])
                return
            self._load_view()
        elif view.ending is not None:
            self._show_ending()
        elif view.puzzle is not None:
            self._open_puzzle()

    def _choose(self, index: int) -> None:
        try:
            self.session.choose(index)
        except StoryError as exc:
            self.ctx.notify(str(exc), "error")
            return
        self.ctx.sound.play("select")
        self._load_view()

    def _open_puzzle(self) -> None:
        from game.ui.screens.terminal import TerminalScreen

        assert self.view is not None and self.view.puzzle is not None
        if self.view.puzzle not in self.ctx.content.library.puzzles:
            flow.show_message(
                self.ctx,
                "A puzzle is missing",
                [
                    f"This scene opens the puzzle `{self.view.puzzle}`, which is not in the loaded "
                    "content. Run `torchenstein lint` to see why."
                ],
            )
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
        return self.menu is not None and self.at_last_line and not self.typewriter.typing
