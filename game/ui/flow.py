"""Starting, loading and leaving a playthrough: the few moves that rebuild the screen stack.

Must not import torch.
"""

from __future__ import annotations

from game.persistence.saves import QUICK
from game.session.playthrough import GameSession
from game.story.engine import StoryError
from game.ui.context import Context


def _play(ctx: Context, session: GameSession) -> None:
    from game.ui.screens.scene import SceneScreen

    ctx.session = session
    ctx.stack.reset(SceneScreen(ctx))


def start_new_game(ctx: Context) -> bool:
    library = ctx.content.library
    try:
        session = GameSession.new(library, ctx.saves, ctx.writer, ctx.persistent)
    except StoryError as exc:
        show_message(ctx, "The story cannot start", [str(exc), *ctx.content.problems])
        return False
    _play(ctx, session)
    return True


def load_slot(ctx: Context, slot: str) -> bool:
    """Load `slot` and play from it; damaged saves recover from backups with a message."""
    outcome = ctx.saves.load(slot)
    messages = list(outcome.messages)
    if outcome.model is None:
        show_message(ctx, "Nothing to load", messages or [f"The slot `{slot}` is empty."])
        return False
    session, note = GameSession.resume(
        ctx.content.library, outcome.model, ctx.saves, ctx.writer, ctx.persistent
    )
    if note:
        messages.append(note)
    _play(ctx, session)
    if messages:
        show_message(ctx, "About your save", messages)
    else:
        ctx.notify(f"Loaded {slot_name(slot)}.", "success")
    return True


def continue_game(ctx: Context) -> bool:
    slot = ctx.saves.latest()
    if slot is None:
        ctx.notify("There is no save to continue yet.", "error")
        return False
    return load_slot(ctx, slot)


def quicksave(ctx: Context) -> None:
    if ctx.session is None:
        return
    if ctx.session.save(QUICK, ctx.thumbnail_png()):
        ctx.notify("Quicksaved.", "success")
    else:
        ctx.notify("Saves are read-only in this window.", "error")


def quickload(ctx: Context) -> None:
    ctx.writer.flush()  # a quicksave made a moment ago may still be on its way to disk
    if ctx.saves.peek(QUICK).empty:
        ctx.notify("There is no quicksave yet (F6 makes one).", "error")
        return
    load_slot(ctx, QUICK)


def to_title(ctx: Context) -> None:
    from game.ui.screens.title import TitleScreen

    if ctx.session is not None:
        ctx.session.save("auto", None)
        ctx.session = None
    ctx.stack.reset(TitleScreen(ctx))


def show_message(ctx: Context, title: str, lines: list[str]) -> None:
    from game.ui.screens.message import MessageScreen

    ctx.stack.push(MessageScreen(ctx, title, lines))


def slot_name(slot: str) -> str:
    return {"auto": "the autosave", "quick": "the quicksave"}.get(slot, f"slot {slot}")
