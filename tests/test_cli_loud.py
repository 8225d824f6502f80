"""The command line is loud about mods: a missing `--mod` is exit 2, a broken one exit 1 with
every problem's file:line on stderr, for play, puzzles and check alike; `new-mod` quotes its
commands and refuses ids that would clash or change silently; a closed pipe is no traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from game.cli import main
from game.content.scaffold import render


def make_mod(folder: Path, broken: bool = False) -> Path:
    for rel, text in render("loud", "Loud", "prologue:hub").items():
        if broken and rel.startswith("scenes/"):
            text = text.replace("goto: prologue:hub", "goto: prologue:hubb")
        path = folder / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return folder


@pytest.mark.parametrize(
    "argv",
    [
        ["play", "--headless", "--frames", "1"],
        ["puzzles"],
        ["check", "loud_double", "solution.py"],
    ],
)
def test_every_command_refuses_a_missing_or_broken_mod(
    argv: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([*argv, "--mod", str(tmp_path / "nowhere")]) == 2
    assert "no such file or folder" in capsys.readouterr().err
    mod = make_mod(tmp_path / "loud", broken=True)
    assert main([*argv, "--mod", str(mod)]) == 1
    err = capsys.readouterr().err
    assert "loud_annex.yaml:" in err and "[unknown-target]" in err and "cannot load" in err


def test_new_mod_quotes_and_refuses_names_it_cannot_use(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["new-mod", "cool mod"]) == 0
    out = capsys.readouterr().out
    assert "torchenstein play --mod 'cool mod'" in out and "mod id `cool_mod`" in out
    assert main(["new-mod", "2cool"]) == 2
    assert "try e.g. `mod_2cool`" in capsys.readouterr().out
    assert main(["new-mod", "prologue"]) == 2
    assert "already has an act `prologue`" in capsys.readouterr().out
    assert not (tmp_path / "2cool").exists() and not (tmp_path / "prologue").exists()


def test_a_closed_pipe_ends_quietly(tmp_path: Path) -> None:
    proc = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "from game.cli import main; raise SystemExit(main(['puzzles', '--json']))",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdout is not None
    proc.stdout.close()  # the reader is gone before the first byte, like `| head -c 0`
    err = proc.stderr.read().decode() if proc.stderr else ""
    proc.wait()
    assert "Traceback" not in err and "BrokenPipeError" not in err, err
    assert proc.returncode == 1
