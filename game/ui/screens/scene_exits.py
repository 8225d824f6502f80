"""Where the scene screen leads: the screens it opens over itself (the pause menu, the history,
the chapter map, the lab terminal at a puzzle's gate, an ending). Each opener pushes onto the
context's stack. The imports are late: those screens lead back to the scene screen (reload,
quickload, the dev panel). Must not import torch.
"""

from __future__ import annotations

from game.content.scene_models import Ending
from game.ui import flow
from game.ui.context import Context


def pause(ctx: Context) -> None:
    from game.ui.screens.pause import PauseScreen

    ctx.stack.push(PauseScreen(ctx))


def history(ctx: Context) -> None:
    from game.ui.screens.history import HistoryScreen

    ctx.stack.push(HistoryScreen(ctx))


def chapter_map(ctx: Context) -> None:
    from game.ui.screens.chapters import ChapterMapScreen

    ctx.stack.push(ChapterMapScreen(ctx))


def puzzle(ctx: Context, puzzle_id: str) -> bool:
    """Open the lab terminal at `puzzle_id`; False (with a message saying why) when the
    loaded content lacks that puzzle."""
    from game.ui.screens.terminal import TerminalScreen

    if puzzle_id not in ctx.content.library.puzzles:
        flow.show_message(
            ctx,
            "A puzzle is missing",
            [
                f"This scene opens the puzzle `{puzzle_id}`, which is not in the loaded "
                "content. Run `torchenstein lint` to see why."
            ],
        )
        return False
    ctx.sound.play("open")
    ctx.stack.push(TerminalScreen(ctx, puzzle_id))
    return True


def ending(ctx: Context, reached: Ending) -> None:
    from game.ui.screens.ending import EndingScreen

    ctx.stack.push(EndingScreen(ctx, reached))
