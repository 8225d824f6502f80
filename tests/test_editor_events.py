"""The pane's event router and reset question as parts: built from real parts, driven with
pygame events handed over directly (no window loop), with the pane's own commands faked."""

from __future__ import annotations

from collections.abc import Iterator

import pygame
import pytest

from game.text import Editor, Pos
from game.ui.editor.chrome import Button
from game.ui.editor.clipboard import Clipboard
from game.ui.editor.events import EventRouter, PaneCommands
from game.ui.editor.findbar import FindBar
from game.ui.editor.hover import Hover
from game.ui.editor.reset import ResetQuestion
from game.ui.editor.strip import MessageStrip
from game.ui.editor.toolbar import Toolbar
from game.ui.editor.widget import EditorWidget
from game.ui.fonts import Fonts
from game.ui.theme import DEFAULT

CTRL = pygame.KMOD_CTRL
STARTER = "def summon(n):\n    pass\n"


def key(k: int, mod: int = 0) -> pygame.event.Event:
    return pygame.event.Event(pygame.KEYDOWN, key=k, mod=mod, unicode="", scancode=0)


def text(t: str) -> pygame.event.Event:
    return pygame.event.Event(pygame.TEXTINPUT, text=t)


class Rig:
    def __init__(self) -> None:
        self.done: list[str] = []
        self.calls: list[str] = []
        self.editor = Editor("x = 1\n")
        clip = Clipboard()
        self.widget = EditorWidget(self.editor, Fonts(1.0), DEFAULT, clip)
        self.widget.view.rect = pygame.Rect(0, 40, 600, 300)
        self.find_bar = FindBar(self.editor, self.widget.view, clip)
        self.reset = ResetQuestion(self.editor, STARTER, self.done.append)
        self.toolbar = Toolbar([Button("A+", lambda: self.calls.append("button"))])
        self.toolbar.buttons[0].rect = pygame.Rect(0, 0, 40, 30)
        self.strip = MessageStrip()
        self.strip.rect = pygame.Rect(0, 340, 600, 40)
        self.router = EventRouter(
            widget=self.widget,
            find_bar=self.find_bar,
            reset=self.reset,
            toolbar=self.toolbar,
            strip=self.strip,
            hover=Hover(),
            commands=PaneCommands(
                by_action={"zoom_in": lambda: self.calls.append("zoom_in")},
                read_on=lambda: self.calls.append("read_on"),
                relayout=lambda: self.calls.append("relayout"),
                area=lambda: pygame.Rect(0, 0, 600, 380),
            ),
        )

    def click(self, xy: tuple[int, int]) -> bool:
        return self.router.handle(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=xy, button=1))


@pytest.fixture
def rig() -> Iterator[Rig]:
    pygame.display.init()
    pygame.font.init()
    yield Rig()
    pygame.display.quit()


def test_the_reset_question_alone() -> None:
    editor, done = Editor("mine\n"), list[str]()
    question = ResetQuestion(editor, STARTER, done.append)
    assert question.available and question.asked is None
    question.ask()
    question.key(pygame.K_RETURN)  # the safe answer has the focus: keep my code
    assert question.asked is None and editor.text == "mine\n" and not done
    question.ask()
    question.text("y")
    assert editor.text == STARTER and done == [
        "Starter code restored. Ctrl+Z brings your code back."
    ]
    editor.undo()
    assert editor.text == "mine\n"
    question.ask()
    assert question.dismiss() and not question.dismiss()
    nothing = ResetQuestion(editor, None, done.append)
    nothing.ask()
    assert not nothing.available and nothing.asked is None


def test_keys_go_to_the_question_then_the_find_bar_then_the_code(rig: Rig) -> None:
    rig.reset.ask()
    assert rig.router.handle(key(pygame.K_a)) and rig.router.handle(text("a"))
    assert rig.editor.text == "x = 1\n" and not rig.router.code_focused
    rig.router.handle(text("y"))
    assert rig.editor.text == STARTER and rig.router.code_focused
    assert rig.router.handle(key(pygame.K_f, CTRL))
    assert rig.find_bar.mode == "find" and rig.calls == ["relayout"]
    rig.router.handle(text("pass"))
    assert rig.find_bar.query == "pass" and rig.editor.text == STARTER
    rig.router.handle(key(pygame.K_TAB))  # back to the code, the bar stays open
    assert rig.router.code_focused and rig.find_bar.mode == "find"
    rig.router.handle(text("#"))
    assert rig.editor.text != STARTER


def test_pane_commands_and_reserved_keys(rig: Rig) -> None:
    assert rig.router.handle(key(pygame.K_EQUALS, CTRL))
    assert rig.calls == ["zoom_in"]
    for reserved in (key(pygame.K_F1), key(pygame.K_RETURN, CTRL), key(pygame.K_ESCAPE)):
        assert not rig.router.handle(reserved)
    assert rig.editor.text == "x = 1\n"


def test_clicks_reach_the_toolbar_strip_and_code_and_outside_takes_the_focus(rig: Rig) -> None:
    assert rig.click((10, 10)) and rig.calls == ["button"]
    assert rig.click((300, 360)) and rig.calls[-1] == "read_on"
    assert not rig.click((700, 10))
    assert not rig.router.focused and not rig.router.handle(text("z"))
    assert rig.click(rig.widget.view.text_rect.center)
    assert rig.router.focused and rig.router.handle(text("z"))


def test_the_question_and_the_find_bar_read_the_key_table(rig: Rig) -> None:
    rig.reset.ask()
    rig.router.handle(key(pygame.K_TAB))  # to "Reset"
    rig.router.handle(key(pygame.K_LEFT))  # back to "Keep my code"
    rig.router.handle(key(pygame.K_RIGHT))
    rig.router.handle(key(pygame.K_SPACE))  # Space presses the focused answer
    assert rig.editor.text == STARTER and rig.reset.asked is None
    rig.router.handle(key(pygame.K_f, CTRL))
    rig.router.handle(text("pass"))
    assert rig.editor.selected_text == "pass"
    rig.router.handle(key(pygame.K_BACKSPACE, CTRL))  # a word at a time
    assert rig.find_bar.query == ""
    rig.router.handle(text("s"))
    assert rig.editor.selection[0] == Pos(1, 6)  # the first "s" of "pass"
    rig.router.handle(key(pygame.K_KP_ENTER))
    assert rig.editor.selection[0] == Pos(1, 7)
    rig.router.handle(key(pygame.K_RETURN, pygame.KMOD_SHIFT))
    assert rig.editor.selection[0] == Pos(1, 6)
    rig.find_bar.replace_query = True
    rig.router.handle(key(pygame.K_HOME))  # the field keeps its query
    assert not rig.find_bar.replace_query and rig.find_bar.query == "s"
    assert not rig.router.handle(key(pygame.K_b, CTRL))  # not the bar's: left to the screen
    rig.router.handle(key(pygame.K_TAB, pygame.KMOD_SHIFT))
    assert rig.router.code_focused
