"""F5: reload scenes and puzzles from disk while playing (for writers and modders).

Errors show in an overlay and the old content stays in use; on success the story continues
from the same node when it still exists. Must not import torch.
"""

from __future__ import annotations

from game.logging_setup import logger
from game.ui import flow
from game.ui.context import Context


def reload_content(ctx: Context) -> None:
    library, diagnostics = ctx.content.reload()
    for diag in diagnostics:
        logger("reload").warning(diag.render())
    if library is None:
        lines = [d.render() for d in diagnostics if d.severity == "error"]
        flow.show_message(
            ctx, "Reload failed: the old content stays", lines[:40] or ["Unknown error."]
        )
        return
    warnings = [d.render() for d in diagnostics if d.severity == "warning"]
    session = ctx.session
    if session is None:
        ctx.content.adopt(library)
        ctx.content.recheck()
        ctx.notify("Content reloaded.", "success")
        return
    old_library = session.story.library
    session.story.library = library
    if not session.story.has_position():
        session.story.library = old_library
        flow.show_message(
            ctx,
            "Reloaded, but your place is gone",
            [
                f"The node `{session.state.scene}:{session.state.node}` no longer exists in the "
                "reloaded story, so the old content stays in use until you restore it."
            ],
        )
        return
    from game.ui.screens.scene import SceneScreen

    ctx.content.adopt(library)
    ctx.content.recheck()  # the puzzles of changed mods are run again, in the background
    ctx.stack.reset(SceneScreen(ctx))
    if warnings:
        flow.show_message(ctx, "Content reloaded with warnings", warnings[:40])
    else:
        ctx.notify("Content reloaded; the story continues from the same place.", "success")
