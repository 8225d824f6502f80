"""Switching off a mod whose puzzle was found failing while the game runs (see
`ContentService.take_health_news`): the mod goes off with the reason on the Mods screen, and a
player standing inside it is moved to the last place outside it, progress kept (the autosave
keeps the old save in a free slot). No gate is ever left that cannot be passed.
Must not import torch.
"""

from __future__ import annotations

from game.story.places import last_good_place
from game.ui import flow
from game.ui.context import Context


def apply_health_news(ctx: Context) -> None:
    news = ctx.content.take_health_news()
    if not news:
        return
    ctx.content.failed.update(news)
    ctx.content.restart(list(ctx.settings.disabled_mods))
    ctx.content.wait()
    library = ctx.content.library
    lines = []
    for root, diags in news.items():
        title = next((m.title for m in ctx.content.mods if m.path.resolve() == root), root.name)
        lines.append(
            f"The mod *{title}* was switched off: one of its puzzles cannot be passed, even by "
            "its own reference solution, so its gate would trap you. For its author:"
        )
        lines += [f"- {d.render()}" for d in diags[:5]]
    session = ctx.session
    if session is not None:
        session.story.library = library
        if not session.story.has_position():
            good = last_good_place(library, session.state)
            if good is not None:
                session.state.scene, session.state.node = good
                lines.append(
                    f"You were inside it; you go on from `{good[0]}:{good[1]}` with all your "
                    "progress, and your save from inside the mod is kept in a free slot."
                )
                session.step_done()
                from game.ui.screens.scene import SceneScreen

                ctx.stack.reset(SceneScreen(ctx))
    flow.show_message(ctx, "A mod was switched off", lines)
