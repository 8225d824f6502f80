"""The chapter map: the acts of `scenes/_story.yaml` in order, each with its scenes (seen or
not yet) and puzzles (solved or not), and where the player is now. Must not import torch.
"""

from __future__ import annotations

import pygame

from game.content.library import ContentLibrary
from game.ui.context import Context
from game.ui.screens.page import PageScreen
from game.ui.snapshot import Snapshot
from game.ui.widgets.richtext import RichText


def act_rows(
    library: ContentLibrary, seen: set[str], solved: set[str], here: str | None
) -> list[tuple[str, str, list[str]]]:
    """(act title, summary, item lines) per act; items are scenes then puzzles."""
    rows = []
    acts = library.acts  # the story's acts, then each mod's under its title
    seen_scenes = {key.split(":", 1)[0] for key in seen}
    for act in acts:
        items = []
        for scene in library.scenes.values():
            if scene.act != act.id:
                continue
            mark = "▶" if scene.id == here else ("✓" if scene.id in seen_scenes else "·")
            title = scene.title if scene.id in seen_scenes else "???"
            items.append(f"{mark} scene: {title}")
        for entry in library.puzzles.values():
            if entry.model.chapter != act.id:
                continue
            mark = "★" if entry.model.id in solved else "☆"
            items.append(f"{mark} puzzle: {entry.model.title}")
        rows.append((act.title, act.summary or "", items))
    return rows


class ChapterMapScreen(PageScreen):
    name = "chapters"
    close_on = ("back", "map", "confirm", "rclick")

    def __init__(self, ctx: Context):
        super().__init__(ctx)
        self._key: tuple[object, ...] = ()
        self._blocks: list[RichText] = []

    def rows(self) -> list[tuple[str, str, list[str]]]:
        session = self.ctx.session
        if session is not None:
            state = session.state
            seen = set(state.seen)
            solved = {p for p, prog in state.puzzles.items() if prog.solved}
            here = state.scene
        else:
            seen, solved, here = set(self.ctx.persistent.seen), set(), None
        return act_rows(self.ctx.content.library, seen, solved, here)

    def draw(self, surface: pygame.Surface) -> None:
        fonts, theme = self.ctx.fonts, self.ctx.theme
        pad = fonts.px(20)
        _, box = self.frame(surface, "CHAPTER MAP", pad)
        inner = self.panel_inner(surface, box, pad)
        key = (inner.size, fonts.scale, theme.name)
        if key != self._key:
            self._key = key
            self._blocks = []
            for act_title, summary, items in self.rows():
                self._blocks.append(
                    RichText(
                        act_title,
                        fonts,
                        theme,
                        inner.width,
                        base=21,
                        role="heading",
                        color=theme.accent2,
                    )
                )
                if summary:
                    self._blocks.append(
                        RichText(
                            f"*{summary}*", fonts, theme, inner.width, base=16, color=theme.text_dim
                        )
                    )
                body = "\n".join(items) or "*Nothing here yet.*"
                self._blocks.append(RichText(body, fonts, theme, inner.width, base=17))
        gap = fonts.px(10)
        with self.scrolled(surface, inner, sum(b.height + gap for b in self._blocks)) as y:
            for block in self._blocks:
                block.draw(surface, (inner.x, y))
                y += block.height + gap
        self.finish(surface)

    def snapshot(self) -> Snapshot:
        content = ["CHAPTER MAP"]
        for act_title, summary, items in self.rows():
            content += [act_title, summary, *items]
        return self.snap(content=tuple(c for c in content if c), more=self.scroller.more_keys())

    def describe(self) -> str:
        out = ["screen: chapters"]
        for act_title, _summary, items in self.rows():
            out.append(f"# {act_title}")
            out.extend(items)
        return "\n".join(out)
