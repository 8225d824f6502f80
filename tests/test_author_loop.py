"""The author's loop: `play --at SCENE[:NODE]` with flags, the `--dev` panel (F10), and
`play --headless --keys FILE` playing a script of keys, with the player's saves left alone."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.cli import main
from game.persistence.paths import saves_dir, user_home
from game.ui.keyscript import KeyScriptError, parse


def test_key_scripts_parse_and_point_at_bad_lines() -> None:
    steps = parse("# a comment\n\nreturn\nctrl+s\ntype x * 2\nwait 3\nexpect Hub\n", "k.txt")
    assert [s.kind for s in steps] == ["press", "press", "type", "wait", "expect"]
    assert steps[2].text == "x * 2" and steps[3].frames == 3 and steps[4].line == 7
    for bad, why in [
        ("retrun", "unknown key"),
        ("hyper+a", "unknown modifier"),
        ("wait soon", "number of frames"),
        ("expect", "needs the text"),
        ("press return now", "not a step"),
    ]:
        with pytest.raises(KeyScriptError, match=rf"k.txt:2: .*{why}"):
            parse(f"# first\n{bad}\n", "k.txt")


def test_play_at_a_place_that_does_not_exist_says_so(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["play", "--headless", "--frames", "1", "--at", "prologue:hubb"]) == 2
    assert "Did you mean `hub`?" in capsys.readouterr().err
    assert main(["play", "--headless", "--keys", "no/such/file.txt"]) == 2


@pytest.mark.slow
def test_a_key_script_plays_from_a_warped_place_and_fails_loudly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    script = tmp_path / "keys.txt"
    script.write_text(
        "expect node: hub\nspace\nwait 10\nspace\nexpect choices:\n", encoding="utf-8"
    )
    argv = ["play", "--headless", "--at", "prologue:hub", "--flag", "tested"]
    assert main([*argv, "--keys", str(script)]) == 0
    assert not list(saves_dir().glob("*.json*"))  # the player's saves are untouched
    assert (user_home() / "dev-saves" / "auto.json").is_file()
    script.write_text("expect a line nobody wrote\n", encoding="utf-8")
    assert main([*argv, "--keys", str(script)]) == 1
    err = capsys.readouterr().err
    assert "keys.txt:1: expected `a line nobody wrote`" in err and "node: hub" in err


def test_the_dev_panel_jumps_and_sets_flags() -> None:
    from game.ui.app import Warp
    from game.ui.driver import Driver

    with Driver(runner=False) as d:
        d.app.ctx.dev = True
        d.app.ctx.content.wait()
        d.press("f10")
        assert d.describe().startswith("screen: dev")
        assert "no playthrough" in d.describe()
        d.type_text("prologue hub")
        assert "> prologue:hub" in d.describe()
        d.press("return")  # from the title: a test playthrough starts there
        session = d.app.ctx.session
        assert (session.state.scene, session.state.node) == ("prologue", "hub")
        assert session.saves is not d.app.ctx.saves
        d.press("f10")
        d.type_text("+lab_on_fire")
        d.press("return")
        assert "lab_on_fire" in d.app.ctx.session.state.flags
        assert "flags: lab_on_fire" in d.describe()
        d.type_text("-lab_on_fire")
        d.press("return")
        assert "lab_on_fire" not in d.app.ctx.session.state.flags
        d.press("escape")
        assert d.describe().startswith("screen: scene")
    assert Warp("prologue").flags == ()


def test_lint_watch_lints_again_when_a_file_changes(tmp_path: Path) -> None:
    from game.content.watch import watch

    (tmp_path / "a.yaml").write_text("one", encoding="utf-8")
    runs: list[int] = []
    edits = iter(["two", None, "three!"])

    def once() -> int:
        runs.append(len(runs))
        return len(runs) % 2

    def sleep(_: float) -> None:  # instead of waiting: the author saves a file (or not)
        text = next(edits, None)
        if text is not None:
            (tmp_path / "a.yaml").write_text(text, encoding="utf-8")

    assert watch([tmp_path], once, sleep=sleep, rounds=3) == 1
    assert runs == [0, 1, 2]  # the first run, then one per change (not per poll)
