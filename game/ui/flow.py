"""Starting, loading and leaving a playthrough: the few moves that rebuild the screen stack.

Must not import torch.
"""

from __future__ import annotations

from collections.abc import Iterable

from game.persistence.paths import user_home
from game.persistence.saves import QUICK, SaveFile, SaveStore
from game.session.playthrough import GameSession
from game.story.engine import Story, StoryError
from game.story.places import ModInfo, explain_missing, last_good_place, state_fits
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
    """Load `slot` and play from it; damaged saves recover from backups with a message, and a
    save whose place is missing is left as it is while the player chooses what to do."""
    outcome = ctx.saves.load(slot)
    messages = list(outcome.messages)
    if outcome.model is None:
        show_message(ctx, "Nothing to load", messages or [f"The slot `{slot}` is empty."])
        return False
    library = ctx.content.library
    if not state_fits(library, outcome.model.state):
        _offer_way_on(ctx, outcome.model, messages)
        return False
    session = GameSession.resume(library, outcome.model, ctx.saves, ctx.writer, ctx.persistent)
    _play(ctx, session)
    if messages:
        show_message(ctx, "About your save", messages)
    else:
        ctx.notify(f"Loaded {slot_name(slot)}.", "success")
    return True


def _mod_infos(ctx: Context) -> list[ModInfo]:
    return [
        ModInfo(
            id=m.id,
            title=m.title,
            path=m.path,
            enabled=m.enabled,
            problem=m.problems[0].render() if m.problems else None,
        )
        for m in ctx.content.mods
    ]


def _offer_way_on(ctx: Context, save: SaveFile, messages: list[str]) -> None:
    """The save's place is missing: explain, and let the player continue from the last good
    place (the save stays as it is; the autosave keeps a copy before it moves on) or wait."""
    from game.ui.screens.confirm import ConfirmScreen

    library = ctx.content.library
    good = last_good_place(library, save.state)
    if good is None:
        try:
            fresh = Story.new_game(library).state
            good = (fresh.scene, fresh.node)
        except StoryError:
            good = None
    explanation = explain_missing(save.state, _mod_infos(ctx))
    kept = "Your save is kept exactly as it is: nothing has been written."
    if good is None:
        show_message(ctx, "Your save's place is missing", [explanation, kept, *messages])
        return
    detail = " ".join(
        [
            explanation,
            kept,
            f"Continue from `{good[0]}:{good[1]}` with all your progress, or wait: fix or "
            "switch on the mod, then load this save again.",
            *messages,
        ]
    )

    def chosen(yes: bool) -> None:
        if not yes:
            return
        session = GameSession.resume(library, save, ctx.saves, ctx.writer, ctx.persistent, at=good)
        _play(ctx, session)

    ctx.stack.push(
        ConfirmScreen(
            ctx,
            "Your save's place is missing",
            detail,
            yes="Continue from the last good place",
            no="Wait for the mod",
        ),
        then=chosen,
    )


def start_at(
    ctx: Context, target: str, flags: Iterable[str] = (), solved: Iterable[str] = ()
) -> bool:
    """A test playthrough from `target` (`play --at`, the dev panel). It saves into its own
    folder, so the player's autosave and slots are never touched by it."""
    from game.story.warp import warp

    try:
        story = warp(ctx.content.library, target, flags, solved)
    except StoryError as exc:
        show_message(ctx, "Cannot start there", [str(exc)])
        return False
    if ctx.dev_saves is None:
        ctx.dev_saves = SaveStore(user_home() / "dev-saves", lock=False)
    _play(ctx, GameSession(story, ctx.dev_saves, ctx.writer, ctx.persistent))
    ctx.notify(f"Test playthrough from `{story.state.scene}:{story.state.node}`.", "info")
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
