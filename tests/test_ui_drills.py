"""The drill room through real keys: reached from the lab hub, its first gate opens the
terminal on the first drill, and a terminal whose puzzle offers tools shows the toolbox with
signatures (lent, locked or the player's own)."""

from __future__ import annotations

import re


def _pick(d, label: str) -> None:  # type: ignore[no-untyped-def]
    text = d.describe()
    number = re.search(r"(\d+)\. " + re.escape(label), text)
    assert number, text
    d.press(number.group(1))


def test_the_drill_room_opens_from_the_hub() -> None:
    from game.ui.driver import Driver
    from tests.test_ui_slice import new_game, walk

    with Driver(runner=False) as d:
        new_game(d)
        d.app.ctx.session.story.goto("prologue:hub")  # as after the first summoning
        d.screen.resume()
        walk(d, lambda t: "Take the iron staircase down to the drill room" in t)
        _pick(d, "Take the iron staircase down to the drill room")
        walk(d, lambda t: "Start the drills" in t)
        _pick(d, "Start the drills")
        text = walk(d, lambda t: t.startswith("screen: terminal"))
        assert "puzzle: drill_outer" in text


def _brief_of(d, puzzle_id: str) -> str:  # type: ignore[no-untyped-def]
    from game.ui.screens.terminal import TerminalScreen

    screen = TerminalScreen(d.app.ctx, puzzle_id)
    d.app.ctx.stack.push(screen)
    d.step()
    return screen.brief.source(0)


def test_the_toolbox_shows_tools_with_signatures() -> None:
    from game.ui.driver import Driver
    from tests.test_ui_slice import new_game

    with Driver(runner=False) as d:
        new_game(d)
        brief = _brief_of(d, "drill_bincount")
        assert "## Toolbox" in brief
        assert "`eye(n: int) -> Tensor` *(lent)*" in brief
        assert "from tools import eye" in brief
        d.press("escape")
        cumsum = _brief_of(d, "drill_cumsum")
        assert "`triu(n: int) -> Tensor` *(locked)*: solve 'Drill 2: The Upper Triangle'" in cumsum
        progress = d.app.ctx.session.state.progress("drill_triu")
        progress.solved, progress.solution = True, "def triu(n):\n    return n\n"
        d.press("escape")
        mine = _brief_of(d, "drill_cumsum")
        assert "`triu(n: int) -> Tensor`: your answer to 'Drill 2: The Upper Triangle'" in mine
