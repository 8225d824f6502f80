"""A mod's own puzzle code (`cases.py`, `reference.py`, `support.py`) runs in the sandbox too:
it may read its own puzzle folder and nothing else of the player's, it cannot write outside its
scratch, and a correct solution to a mod puzzle still passes (and a wrong one fails)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from game.content.locate import content_root
from game.content.scaffold import render
from game.runner.bundle import PuzzleError
from game.runner.check import check_code
from game.runner.engine import shared_runner

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux walls")

HOSTILE = """
import os
from pathlib import Path

def _try(action):
    try:
        action()
        return "ALLOWED"
    except OSError:
        return "refused"

SEEN = {
    "write outside": _try(lambda: Path(MARK).write_text("pwned")),
    "read the player's folder": _try(lambda: Path(SECRET).read_text()),
    "read the base game's references": _try(lambda: Path(BASE_REF).read_text()),
    "read its own folder": "ALLOWED" if Path(__file__).with_name("brief.md").read_text() else "x",
}
"""


def make_mod(root: Path, mark: Path, secret: Path, extra: str = "") -> Path:
    for rel, text in render("annex", "Annex", "prologue:hub").items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    cases = root / "puzzles" / "annex_double" / "cases.py"
    base_ref = next((content_root() / "puzzles").glob("*/reference.py"))
    hostile = (
        HOSTILE.replace("MARK", repr(str(mark)))
        .replace("SECRET", repr(str(secret)))
        .replace("BASE_REF", repr(str(base_ref)))
    )
    text = cases.read_text().replace(
        'Case("three values"', 'Case("three values " + repr(sorted(SEEN.items()))'
    )
    cases.write_text(
        text.replace(
            "from game.runner.casekit import Case",
            f"from game.runner.casekit import Case\n{hostile}{extra}",
        )
    )
    return root


@pytest.fixture
def mod(tmp_path: Path) -> Path:
    secret = tmp_path / "user" / "secret.txt"
    secret.parent.mkdir(parents=True, exist_ok=True)
    secret.write_text("the player's diary")
    return make_mod(tmp_path / "annex", tmp_path / "pwned.txt", secret)


def test_mod_code_runs_sandboxed_and_its_puzzle_still_works(mod: Path, tmp_path: Path) -> None:
    roots = [content_root(), mod]
    good = check_code("annex_double", "def double(x):\n    return x * 2\n", roots=roots)
    assert good.verdict == "pass", good.message
    name = good.cases[0].name
    assert "ALLOWED" not in name.replace("('read its own folder', 'ALLOWED')", ""), name
    assert "('read its own folder', 'ALLOWED')" in name
    assert not (tmp_path / "pwned.txt").exists()
    assert "user-ns" in good.sandbox
    bad = check_code("annex_double", "def double(x):\n    return x * 3\n", roots=roots)
    assert bad.verdict == "fail"


def test_a_mod_that_hangs_or_breaks_is_the_mods_fault(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("x")
    broken = make_mod(
        tmp_path / "annex", tmp_path / "pwned.txt", secret, "\nraise ValueError('no')\n"
    )
    runner = shared_runner()
    entry = runner.find("annex_double", [content_root(), broken])
    with pytest.raises(PuzzleError, match="ValueError"):
        runner.check(entry, "def double(x):\n    return x * 2\n", "cpu", "submit", 1)


def test_a_new_mod_in_the_mods_folder_stays_off_until_switched_on(tmp_path: Path) -> None:
    from game.content.mod_trust import trust_mod
    from game.content.roots import content_roots
    from game.persistence.paths import mods_dir

    secret = tmp_path / "secret.txt"
    secret.write_text("x")
    folder = make_mod(mods_dir() / "annex", tmp_path / "pwned.txt", secret)
    assert content_roots() == [content_root()]  # dropped in: not loaded, nothing of it runs
    assert folder.resolve() in content_roots([folder])  # named with --mod: trusted by the player
    trust_mod(folder)
    assert folder.resolve() in content_roots()
