"""Save and load slots: a grid of cards (thumbnail, scene, act, time played, date), for the
autosave, the quicksave and twelve manual slots.

Arrows move, Enter saves or loads, Delete empties a slot (after a confirmation), Esc returns.
Saving over a used slot asks first. Damaged slots say so; loading one recovers its backup.
Must not import torch.
"""

from __future__ import annotations

import pygame

from game.persistence.saves import ALL_SLOTS, AUTO, MANUAL_SLOTS, QUICK, ReadOnlySaves, SlotInfo
from game.text.markup import plain_text
from game.ui import flow
from game.ui.context import Context
from game.ui.intents import Intent
from game.ui.screens.confirm import ConfirmScreen
from game.ui.screens.page import PageScreen, pointed
from game.ui.snapshot import Choice, Snapshot
from game.ui.widgets.draw import Hint, label, panel
from game.ui.widgets.richtext import RichText


def played(seconds: float) -> str:
    minutes = int(seconds // 60)
    return (
        f"{minutes // 60}h {minutes % 60:02d}m"
        if minutes >= 60
        else f"{minutes}m {int(seconds) % 60:02d}s"
    )


class SavesScreen(PageScreen):
    name = "saves"

    def __init__(self, ctx: Context, *, mode: str, thumbnail: bytes | None = None):
        super().__init__(ctx)
        self.mode = mode  # "save" or "load"
        self.thumbnail = thumbnail
        self.slots_shown = MANUAL_SLOTS if mode == "save" else ALL_SLOTS
        self.infos: list[SlotInfo] = []
        self.selected = 0
        self.columns = 1
        self.page_rows = 1
        self.cards: list[pygame.Rect] = []
        self._thumbs: dict[str, pygame.Surface | None] = {}
        self.refresh()

    def refresh(self) -> None:
        self.ctx.writer.flush(timeout=2.0)
        self.infos = self.ctx.saves.slots(self.slots_shown)
        self._thumbs.clear()

    def _thumb(self, info: SlotInfo) -> pygame.Surface | None:
        if info.slot not in self._thumbs:
            image = None
            if info.thumbnail is not None:
                try:
                    image = pygame.image.load(str(info.thumbnail)).convert()
                except (pygame.error, OSError):
                    image = None  # a broken thumbnail only loses the picture
            self._thumbs[info.slot] = image
        return self._thumbs[info.slot]

    # -- actions --------------------------------------------------------------------------
    def _activate(self, i: int) -> None:
        info = self.infos[i]
        if self.mode == "load":
            if info.empty:
                self.ctx.notify("That slot is empty.", "error")
                return
            flow.load_slot(self.ctx, info.slot)
            return
        if info.empty:
            self._save(info.slot)
        else:
            self.ctx.stack.push(
                ConfirmScreen(
                    self.ctx,
                    f"Overwrite slot {info.slot}?",
                    "The save already there will be replaced (its backup is kept).",
                ),
                then=lambda yes: self._save(info.slot) if yes else None,
            )

    def _save(self, slot: str) -> None:
        session = self.ctx.session
        if session is None:
            return
        try:
            saved = session.save(slot, self.thumbnail)
        except ReadOnlySaves as exc:
            saved, message = False, str(exc)
        else:
            message = "Saves are read-only in this window."
        if saved:
            self.ctx.notify(f"Saved in slot {slot}.", "success")
            self.refresh()
        else:
            self.ctx.notify(message, "error")

    def _delete(self, i: int) -> None:
        info = self.infos[i]
        if info.empty or not self.ctx.saves.writable:
            return

        def really(yes: bool) -> None:
            if yes:
                self.ctx.saves.delete(info.slot)
                self.refresh()

        self.ctx.stack.push(
            ConfirmScreen(
                self.ctx,
                f"Delete {flow.slot_name(info.slot)}?",
                "Its backups stay in the saves folder.",
            ),
            then=really,
        )

    # -- input ----------------------------------------------------------------------------
    def on_intent(self, intent: Intent) -> None:
        name = intent.name
        n = len(self.infos)
        if name in ("left", "right", "up", "down"):
            step = {"left": -1, "right": 1, "up": -self.columns, "down": self.columns}[name]
            self.selected = max(0, min(n - 1, self.selected + step))
        elif name in ("page_up", "page_down"):
            step = self.columns * self.page_rows * (1 if name == "page_down" else -1)
            self.selected = max(0, min(n - 1, self.selected + step))
        elif name in ("home", "end"):
            self.selected = 0 if name == "home" else n - 1
        elif name in ("tab", "tab_back"):
            self.selected = (self.selected + (1 if name == "tab" else -1)) % n
        elif name in ("confirm", "advance"):
            self._activate(self.selected)
        elif name == "delete":
            self._delete(self.selected)
        elif name in ("click", "motion") and (i := pointed(intent.pos, self.cards)) is not None:
            self.selected = i
            if name == "click":
                self._activate(i)
        else:
            self.scroller.handle(intent, keys=False)

    # -- drawing --------------------------------------------------------------------------
    def hint_list(self) -> list[Hint]:
        return self.ctx.hints("saves", open="save here" if self.mode == "save" else "load")

    def draw(self, surface: pygame.Surface) -> None:
        fonts, theme = self.ctx.fonts, self.ctx.theme
        pad = fonts.px(16)
        heading = "SAVE GAME" if self.mode == "save" else "LOAD GAME"
        _, body = self.frame(surface, heading, pad)
        # The chosen card in full under the grid: cards cut long titles short, this never does.
        # A read-only store says so there too, wrapped, where large text has room for it.
        detail = RichText(self.detail_text(), fonts, theme, body.width - fonts.px(8), base=16)
        area = pygame.Rect(
            body.x, body.y, body.width - fonts.px(8), max(1, body.height - detail.height - pad // 2)
        )
        detail.draw(surface, (area.x, area.bottom + pad // 2))
        card_w = max(fonts.px(230), 260)
        self.columns = max(1, area.width // card_w)
        card_w = (area.width - (self.columns - 1) * pad) // self.columns
        line = fonts.get("body", 15).get_linesize()
        thumb_h = min(card_w * 10 // 16, area.height // 3)
        card_h = thumb_h + 4 * line + pad
        rows = (len(self.infos) + self.columns - 1) // self.columns
        self.page_rows = max(1, area.height // (card_h + pad))  # what PgDn moves by
        self.scroller.set(area, rows * (card_h + pad))
        row_sel = self.selected // self.columns
        self.scroller.show(row_sel * (card_h + pad), row_sel * (card_h + pad) + card_h)
        self.cards = []
        with self.scrolled(surface, area, rows * (card_h + pad)) as y0:
            for i, info in enumerate(self.infos):
                r, c = divmod(i, self.columns)
                card = pygame.Rect(
                    area.x + c * (card_w + pad), y0 + r * (card_h + pad), card_w, card_h
                )
                self.cards.append(card)
                self._draw_card(surface, card, info, thumb_h, i == self.selected)
        self.finish(surface)

    def _draw_card(
        self, surface: pygame.Surface, card: pygame.Rect, info: SlotInfo, thumb_h: int, chosen: bool
    ) -> None:
        fonts, theme = self.ctx.fonts, self.ctx.theme
        pad = fonts.px(8)
        panel(
            surface,
            card,
            theme,
            alt=chosen,
            border=theme.accent if chosen else None,
            width=3 if chosen else 1,
        )
        shot = pygame.Rect(card.x + pad, card.y + pad, card.width - 2 * pad, thumb_h - pad)
        image = self._thumb(info)
        if image is not None:
            surface.blit(pygame.transform.smoothscale(image, shot.size), shot)
        else:
            pygame.draw.rect(surface, theme.bg, shot)
        name = {AUTO: "Autosave", QUICK: "Quicksave"}.get(info.slot, f"Slot {info.slot}")
        y = shot.bottom + pad // 2
        width = card.width - 2 * pad
        label(
            surface,
            name,
            (card.x + pad, y),
            fonts,
            theme.accent2,
            role="body_bold",
            base=15,
            max_width=width,
        )
        line = fonts.get("body", 15).get_linesize()
        if info.damaged:
            label(
                surface,
                "damaged: loading recovers its backup",
                (card.x + pad, y + line),
                fonts,
                theme.error,
                base=14,
                max_width=width,
            )
        elif info.meta is None:
            label(surface, "empty", (card.x + pad, y + line), fonts, theme.text_dim, base=14)
        else:
            meta = info.meta
            label(
                surface,
                meta.scene_title,
                (card.x + pad, y + line),
                fonts,
                theme.text,
                base=15,
                max_width=width,
            )
            label(
                surface,
                f"{meta.act_title}",
                (card.x + pad, y + 2 * line),
                fonts,
                theme.text_dim,
                base=13,
                max_width=width,
            )
            stamp = meta.saved_at.replace("T", " ")[:16]
            label(
                surface,
                f"played {played(meta.play_seconds)} · {stamp}",
                (card.x + pad, y + 3 * line),
                fonts,
                theme.text_dim,
                base=13,
                max_width=width,
            )

    def detail_text(self) -> str:
        """What the line under the grid says: the chosen slot, and whether saving can work."""
        text = self.card_text(self.selected)
        if not self.ctx.saves.writable:
            text = "**Read-only:** another window holds the saves.\n" + text
        return text

    def card_text(self, i: int) -> str:
        """One slot said in full: its name, then what is in it."""
        if not self.infos:
            return ""
        info = self.infos[min(i, len(self.infos) - 1)]
        name = {AUTO: "Autosave", QUICK: "Quicksave"}.get(info.slot, f"Slot {info.slot}")
        if info.damaged:
            return f"**{name}**: damaged: loading recovers its backup"
        if info.meta is None:
            return f"**{name}**: empty"
        meta = info.meta
        stamp = meta.saved_at.replace("T", " ")[:16]
        return (
            f"**{name}**: {meta.scene_title} · {meta.act_title} · "
            f"played {played(meta.play_seconds)} · {stamp}"
        )

    def snapshot(self) -> Snapshot:
        heading = "SAVE GAME" if self.mode == "save" else "LOAD GAME"
        choices = tuple(
            Choice(info.slot, plain_text(self.card_text(i))) for i, info in enumerate(self.infos)
        )
        n = len(self.infos)
        return self.snap(
            content=(heading, plain_text(self.detail_text())),
            choices=choices,
            focus=choices[self.selected].label if choices else None,
            targets={
                f"slot:{info.slot}": tuple(c)
                for info, c in zip(self.infos, self.cards, strict=False)
            },
            more=("right",) if self.selected < n - 1 else (),
        )

    def describe(self) -> str:
        out = [f"screen: saves ({self.mode})"]
        for i, info in enumerate(self.infos):
            mark = ">" if i == self.selected else " "
            if info.damaged:
                what = "damaged"
            elif info.meta is None:
                what = "empty"
            else:
                what = f"{info.meta.scene_title} ({played(info.meta.play_seconds)})"
            out.append(f"{mark}{info.slot}: {what}")
        return "\n".join(out)
