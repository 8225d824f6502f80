"""The screen stack's lifecycle and results, with recording screens and no display."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from game.ui.stack import Screen, ScreenStack


class Recorder(Screen):
    def __init__(self, ctx: Any, name: str, log: list[str]):
        super().__init__(ctx)
        self.name, self.log = name, log

    def enter(self) -> None:
        self.log.append(f"{self.name}.enter")

    def pause(self) -> None:
        self.log.append(f"{self.name}.pause")

    def resume(self) -> None:
        self.log.append(f"{self.name}.resume")

    def exit(self) -> None:
        self.log.append(f"{self.name}.exit")


def make() -> tuple[ScreenStack, Any, list[str]]:
    stack = ScreenStack()
    return stack, SimpleNamespace(stack=stack), []


def test_push_pop_runs_the_hooks_in_order_and_hands_back_the_result() -> None:
    stack, ctx, log = make()
    a, b = Recorder(ctx, "a", log), Recorder(ctx, "b", log)
    results: list[Any] = []
    stack.push(a)
    stack.push(b, then=results.append)
    assert stack.top is b
    b.close("picked 2")
    assert log == ["a.enter", "a.pause", "b.enter", "b.exit", "a.resume"]
    assert results == ["picked 2"] and stack.top is a


def test_a_result_callback_may_push_again() -> None:
    stack, ctx, log = make()
    a, b, c = (Recorder(ctx, n, log) for n in "abc")
    stack.push(a)
    stack.push(b, then=lambda _r: stack.push(c))
    b.close()
    assert stack.top is c
    assert log[-3:] == ["a.resume", "a.pause", "c.enter"]


def test_replace_and_reset() -> None:
    stack, ctx, log = make()
    a, b, c = (Recorder(ctx, n, log) for n in "abc")
    stack.push(a)
    stack.replace(b)
    assert stack.screens == [b] and log == ["a.enter", "a.exit", "b.enter"]
    stack.push(c)
    stack.reset(a)
    assert stack.screens == [a]
    assert log[-3:] == ["c.exit", "b.exit", "a.enter"]


def test_closing_twice_is_harmless() -> None:
    stack, ctx, log = make()
    a, b = Recorder(ctx, "a", log), Recorder(ctx, "b", log)
    stack.push(a)
    stack.push(b)
    b.close()
    b.close()
    assert stack.screens == [a]


def test_overlays_draw_over_the_last_opaque_screen() -> None:
    stack, ctx, log = make()
    base, scene, overlay = (Recorder(ctx, n, log) for n in ("base", "scene", "overlay"))
    overlay.opaque = False
    for s in (base, scene, overlay):
        stack.push(s)
    assert stack.visible() == [scene, overlay]
