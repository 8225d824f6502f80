"""The terminal's input router alone, on stand-in panes and a hand-made layout: which pane has
the focus, which pane is shown with tabs, and where each key, text and click goes."""

from __future__ import annotations

from dataclasses import dataclass, field

import pygame
from hypothesis import given, settings
from hypothesis import strategies as st

from game.ui.intents import Intent, map_event
from game.ui.screens.terminal_input import InputRouter, TerminalCommands
from game.ui.screens.terminal_layout import Mode, TerminalButton, TerminalLayout


@dataclass
class Pane:
    rect: pygame.Rect
    focused: bool = False
    got: list[int] = field(default_factory=list)  # event types it was handed

    def handle_event(self, event: pygame.event.Event) -> bool:
        self.got.append(event.type)
        return True


@dataclass
class Scroll:
    view: pygame.Rect
    got: list[str] = field(default_factory=list)

    def handle(self, intent: Intent, *, keys: bool = True) -> bool:
        self.got.append(intent.name)
        return intent.name == "wheel"


@dataclass
class Brief:
    scroll: Scroll


@dataclass
class Panes:
    editor: Pane = field(default_factory=lambda: Pane(pygame.Rect(320, 100, 600, 250), True))
    results: Pane = field(default_factory=lambda: Pane(pygame.Rect(320, 420, 600, 180)))
    brief: Brief = field(default_factory=lambda: Brief(Scroll(pygame.Rect(0, 100, 300, 500))))


BUTTONS = {"run": (320, 360), "try": (410, 360), "back": (500, 360)}


def layout(panes: Panes, mode: Mode = "split", *, enabled: bool = True) -> TerminalLayout:
    buttons = [
        TerminalButton(key, key.title(), "", enabled, pygame.Rect(x, y, 80, 40))
        for key, (x, y) in BUTTONS.items()
    ]
    if mode == "split":
        return TerminalLayout(
            mode, panes.brief.scroll.view, panes.editor.rect, panes.results.rect, buttons, [], True
        )
    keys = ("editor", "results") if mode == "tabs" else ("brief", "editor", "results")
    tabs = [(key, pygame.Rect(320 + 200 * i, 50, 190, 40)) for i, key in enumerate(keys)]
    return TerminalLayout(
        mode, panes.brief.scroll.view, panes.editor.rect, panes.results.rect, buttons, tabs, False
    )  # type: ignore[arg-type]


def router(mode: Mode = "split") -> tuple[InputRouter, Panes, list[str]]:
    panes, done = Panes(), []
    names = ("run", "try_examples", "hint", "device", "back", "cancel", "leave")
    commands = TerminalCommands(**{n: (lambda n=n: done.append(n)) for n in names})
    out = InputRouter(panes, commands)  # type: ignore[arg-type]
    out.place(layout(panes, mode))
    return out, panes, done


def key(code: int, mod: int = 0) -> Intent:
    intent = map_event(
        pygame.event.Event(pygame.KEYDOWN, key=code, mod=mod, unicode="", scancode=0)
    )
    assert intent is not None
    return intent


def text(chars: str) -> Intent:
    return Intent("text", pygame.event.Event(pygame.TEXTINPUT, text=chars))


def click(pos: tuple[int, int]) -> Intent:
    return Intent("click", pygame.event.Event(pygame.MOUSEBUTTONDOWN, button=1, pos=pos), pos=pos)


def test_f3_walks_the_focus_and_only_the_focused_pane_takes_keys() -> None:
    route, panes, _ = router()
    seen = []
    for _ in range(4):
        route.handle(key(pygame.K_DOWN))
        seen.append((route.focus, panes.editor.focused, panes.results.focused))
        route.handle(key(pygame.K_F3))
    assert seen == [
        ("editor", True, False),  # the editor opens focused
        ("brief", False, False),
        ("results", False, True),
        ("editor", True, False),
    ]
    assert panes.editor.got.count(pygame.KEYDOWN) == 2
    assert panes.brief.scroll.got == ["down"] and panes.results.got == [pygame.KEYDOWN]


def test_the_key_tables_terminal_actions_reach_the_screens_commands() -> None:
    route, panes, done = router()
    ctrl, shift = pygame.KMOD_LCTRL, pygame.KMOD_LSHIFT
    for press in (
        key(pygame.K_RETURN, ctrl),
        key(pygame.K_RETURN, ctrl | shift),
        key(pygame.K_F1),
        key(pygame.K_F2),
        key(pygame.K_ESCAPE),
    ):
        route.handle(press)
    assert done == ["run", "try_examples", "hint", "device", "back"]
    assert panes.editor.got == []  # the editor never sees the terminal's own keys


def test_typing_and_code_chords_from_any_pane_land_in_the_code() -> None:
    route, panes, _ = router()
    chords = (
        text("x"),
        key(pygame.K_a, pygame.KMOD_LCTRL),  # select all
        key(pygame.K_INSERT, pygame.KMOD_LSHIFT),  # paste
        key(pygame.K_z, pygame.KMOD_LCTRL),  # undo
    )
    for chord in chords:
        for pane in ("brief", "results"):
            route.set_focus(pane)
            route.handle(chord)
            assert route.focus == "editor" and panes.editor.got[-1] == chord.event.type
    assert len(panes.editor.got) == 2 * len(chords)
    route.set_focus("results")
    route.handle(key(pygame.K_c, pygame.KMOD_LCTRL))  # copy: the results may have a selection
    assert route.focus == "results" and panes.results.got == [pygame.KEYDOWN]


def test_clicks_press_buttons_pick_tabs_and_focus_panes() -> None:
    route, panes, done = router()
    route.handle(click((330, 370)))
    route.handle(click((510, 370)))
    assert done == ["run", "leave"]  # the Back button leaves; Esc would close a popup first
    route.handle(click((10, 110)))
    assert route.focus == "brief"
    route.handle(click((330, 430)))
    assert route.focus == "results" and panes.results.got == [pygame.MOUSEBUTTONDOWN]
    route.handle(click((330, 110)))
    assert route.focus == "editor" and panes.editor.got == [pygame.MOUSEBUTTONDOWN]
    route.place(layout(panes, enabled=False))
    route.handle(click((330, 370)))
    assert done == ["run", "leave"]  # a disabled button takes nothing
    route.place(layout(panes, "all_tabs"))
    route.handle(click((330, 60)))
    assert route.focus == "brief" and route.shown_pane == "brief"


def test_a_verdict_takes_the_focus_from_the_code_only_when_tabs_would_hide_it() -> None:
    route, _, _ = router()
    route.reveal_results()
    assert route.focus == "editor" and not route.compact
    route, _, _ = router("tabs")
    route.reveal_results()
    assert route.focus == "results" and route.shown_pane == "results"
    route.set_focus("brief")
    route.reveal_results()
    assert route.focus == "brief" and route.shown_pane == "results"


STEPS = st.lists(
    st.sampled_from(["f3", "text", "verdict", "tab0", "tab1", "tab2", "brief", "results"]),
    max_size=30,
)


@settings(max_examples=150, deadline=None)
@given(mode=st.sampled_from(["split", "tabs", "all_tabs"]), steps=STEPS)
def test_the_focused_pane_is_always_on_screen_and_alone_in_taking_keys(
    mode: Mode, steps: list[str]
) -> None:
    route, panes, _ = router(mode)
    assert route.layout is not None
    tabs = route.layout.tabs
    for step in steps:
        if step == "f3":
            route.handle(key(pygame.K_F3))
        elif step == "text":
            route.handle(text("a"))
        elif step == "verdict":
            route.reveal_results()
        elif step.startswith("tab") and int(step[3:]) < len(tabs):
            route.handle(click(tabs[int(step[3:])][1].center))
        elif step in ("brief", "results"):
            route.set_focus(step)  # type: ignore[arg-type]
        assert panes.editor.focused == (route.focus == "editor")
        assert panes.results.focused == (route.focus == "results")
        assert route.layout.shows(route.focus, route.shown_pane)
        assert route.shown_pane != "brief" or mode == "all_tabs"
