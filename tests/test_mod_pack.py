"""Sharing: `torchenstein pack MOD` lints and writes a versioned zip that the mods folder
accepts as it is and lint checks; unsafe or broken zips are refused with a reason."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from game.cli import main
from game.content.mods import discover_mods
from game.content.scaffold import render
from game.persistence.paths import mods_dir


def make_mod(folder: Path, mod_id: str = "parcel") -> Path:
    for rel, text in render(mod_id, mod_id.title(), "prologue:hub").items():
        path = folder / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return folder


@pytest.fixture(autouse=True)
def _no_runner(monkeypatch: pytest.MonkeyPatch) -> None:
    # Packing lints; running the puzzle code is covered by the lint tests.
    monkeypatch.setattr("game.cli._lint_runner", lambda: None)


def test_pack_writes_a_versioned_zip_the_mods_folder_accepts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    mod = make_mod(tmp_path / "parcel")
    (mod / "__pycache__").mkdir()
    (mod / "__pycache__" / "junk.pyc").write_bytes(b"\0")
    assert main(["pack", str(mod), "--out", str(tmp_path / "out")]) == 0
    zipped = tmp_path / "out" / "parcel-0.1.0.zip"
    assert "Packed" in capsys.readouterr().out
    names = zipfile.ZipFile(zipped).namelist()
    assert "parcel/mod.yaml" in names and not any("__pycache__" in n for n in names)
    first = zipped.read_bytes()
    assert main(["pack", str(mod), "--out", str(tmp_path / "out")]) == 0
    assert zipped.read_bytes() == first  # the same folder packs to the same bytes

    (mods_dir() / zipped.name).write_bytes(first)
    [status] = discover_mods([]).mods
    assert status.id == "parcel" and status.enabled, status.problems
    assert main(["lint", "--fast", str(zipped)]) == 0


def test_a_broken_mod_is_not_packed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    mod = make_mod(tmp_path / "parcel")
    scene = mod / "scenes" / "parcel_annex.yaml"
    scene.write_text(scene.read_text().replace("goto: prologue:hub", "goto: prologue:hubb"))
    assert main(["pack", str(mod), "--out", str(tmp_path / "out")]) == 1
    assert "unknown-target" in capsys.readouterr().out
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    ("entries", "why"),
    [
        ({"../evil/mod.yaml": "id: x"}, "unsafe path"),
        ({"a/mod.yaml": "id: a", "b/mod.yaml": "id: b"}, "one folder"),
        ({"a/readme.txt": "hi"}, "one folder"),
    ],
)
def test_unsafe_or_odd_zips_are_refused_with_a_reason(
    tmp_path: Path, entries: dict[str, str], why: str
) -> None:
    bad = mods_dir() / "bad.zip"
    with zipfile.ZipFile(bad, "w") as zf:
        for name, text in entries.items():
            zf.writestr(name, text)
    [status] = discover_mods([]).mods
    assert not status.enabled
    assert status.problems[0].code == "bad-zip" and why in status.problems[0].message
    assert not (tmp_path / "evil").exists()


def test_mod_acts_are_listed_under_the_mods_title(tmp_path: Path) -> None:
    from game.content.library import load_library
    from game.feedback.notebook import notebook_entries
    from game.story.state import GameState
    from game.ui.screens.chapters import act_rows

    mod = make_mod(tmp_path / "parcel")
    library = load_library(discover_mods([mod]).roots)
    assert library.acts[-1].id == "parcel" and library.acts[-1].title == "Parcel"
    rows = act_rows(library, set(), set(), None)
    title, _summary, items = rows[-1]
    assert title == "Parcel" and items, rows[-1]
    state = GameState(scene="prologue", node="hub")
    state.progress("parcel_double").solved = True
    [entry] = notebook_entries(state, library)
    assert entry.act == "Parcel"  # not the raw id
