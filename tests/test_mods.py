"""Mods: discovery from the user's mods folder and `--mod`, the door into the base story, clear
reasons for every disabled mod, and `new-mod` scaffolds that lint clean and play at once."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from game.content.library import load_library
from game.content.lint import cli_lint
from game.content.mods import ModSet, ModStatus, discover_mods
from game.content.roots import content_roots
from game.content.scaffold import cli_new_mod, render
from game.persistence.paths import mods_dir
from game.story.engine import Story
from game.story.state import GameState

FIXTURE = Path(__file__).parent / "fixtures" / "content" / "base"


def make_mod(
    folder: Path,
    mod_id: str = "annex",
    entry: str = "lab:hub",
    edits: dict[str, tuple[str, str]] | None = None,
) -> Path:
    for rel, text in render(mod_id, mod_id.title(), entry).items():
        old, new = (edits or {}).get(rel, ("", ""))
        assert old in text
        path = folder / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text.replace(old, new, 1) if old else text, encoding="utf-8")
    return folder


def discover(extra: list[Path] | None = None, **kw) -> ModSet:
    return discover_mods(extra or [], base=FIXTURE, **kw)


def status(modset: ModSet, mod_id: str) -> ModStatus:
    (found,) = [m for m in modset.mods if m.id == mod_id]
    return found


def codes(mod: ModStatus) -> list[str]:
    return [p.code for p in mod.problems]


def test_mod_in_user_folder_loads_and_its_door_opens_in_the_hub() -> None:
    folder = make_mod(mods_dir() / "annex")
    modset = discover()
    mod = status(modset, "annex")
    assert mod.enabled and mod.problems == [] and mod.title == "Annex" and mod.version == "0.1.0"
    assert modset.roots == [FIXTURE, folder.resolve()]
    lib = load_library(modset.roots)
    hub = lib.scenes["lab"].nodes["hub"]
    assert hub.choices[-1].text == "A door that was not there yesterday"

    story = Story(lib, GameState(scene="lab", node="hub"))
    story.choose(len(hub.choices) - 1)
    assert story.view().puzzle == "annex_double"
    story.puzzle_solved("annex_double")
    story.choose(0)
    assert (story.state.scene, story.state.node) == ("lab", "hub")


def test_mod_from_a_path_and_the_same_folder_twice_counts_once() -> None:
    folder = make_mod(mods_dir() / "annex")
    modset = discover([folder])
    assert [m.id for m in modset.mods] == ["annex"] and len(modset.roots) == 2


def test_mod_path_wins_over_an_installed_copy(tmp_path: Path) -> None:
    make_mod(mods_dir() / "annex")
    dev = make_mod(tmp_path / "annex_dev")
    modset = discover([dev])
    assert modset.roots[1] == dev.resolve()
    installed = [m for m in modset.mods if not m.enabled]
    assert [codes(m) for m in installed] == [["duplicate-mod"]]


def test_broken_manifest_disables_the_mod_and_says_where(tmp_path: Path) -> None:
    folder = make_mod(tmp_path / "annex", edits={"mod.yaml": ("title:", "titel:")})
    modset = discover([folder])
    mod = status(modset, "annex")
    assert not mod.enabled and modset.roots == [FIXTURE]
    (problem,) = mod.problems
    assert problem.file.endswith("mod.yaml") and problem.line == 2
    assert "Did you mean `title`?" in problem.message


def test_duplicate_mod_ids_disable_the_second(tmp_path: Path) -> None:
    make_mod(tmp_path / "a")
    make_mod(tmp_path / "b")
    modset = discover([tmp_path / "a", tmp_path / "b"])
    first, second = modset.mods
    assert first.enabled and not second.enabled
    assert codes(second) == ["duplicate-mod"] and "already used by" in second.problems[0].message


def dependent(tmp_path: Path, version: str = ">=0.1") -> Path:
    return make_mod(
        tmp_path / "aaa",
        "aaa",
        edits={
            "mod.yaml": (
                'author: "You"',
                f'author: "You"\ndepends:\n  - {{id: zzz, version: "{version}"}}',
            ),
            "scenes/aaa_annex.yaml": ("goto: lab:hub", "goto: zzz_annex:door"),
        },
    )


def test_dependency_loads_first_whatever_the_order(tmp_path: Path) -> None:
    modset = discover([dependent(tmp_path), make_mod(tmp_path / "zzz", "zzz")])
    assert all(m.enabled for m in modset.mods), [m.problems for m in modset.mods]
    assert [r.name for r in modset.roots[1:]] == ["zzz", "aaa"]


@pytest.mark.parametrize(
    ("setup", "code"),
    [
        ("missing", "missing-dependency"),
        ("old", "dependency-version"),
        ("broken", "dependency-disabled"),
        ("switched_off", "dependency-disabled"),
    ],
)
def test_dependency_problems(tmp_path: Path, setup: str, code: str) -> None:
    mods = [dependent(tmp_path, ">=2.0" if setup == "old" else "*")]
    if setup != "missing":
        edits = (
            {"mod.yaml": ("goto: zzz_annex:door", "goto: zzz_annex:dor")}
            if setup == "broken"
            else None
        )
        mods.append(make_mod(tmp_path / "zzz", "zzz", edits=edits))
    modset = discover(mods, disabled={"zzz"} if setup == "switched_off" else ())
    aaa = status(modset, "aaa")
    assert not aaa.enabled and code in codes(aaa)
    assert aaa.problems[0].file.endswith("mod.yaml") and aaa.problems[0].line == 7


def test_misspelt_dependency_suggests_the_installed_mod(tmp_path: Path) -> None:
    folder = make_mod(
        tmp_path / "aaa",
        "aaa",
        edits={"mod.yaml": ('author: "You"', 'author: "You"\ndepends: [{id: zzzz}]')},
    )
    modset = discover([folder, make_mod(tmp_path / "zzz", "zzz")])
    assert "Did you mean `zzz`?" in status(modset, "aaa").problems[0].message


def test_game_version_mismatch(tmp_path: Path) -> None:
    folder = make_mod(tmp_path / "annex", edits={"mod.yaml": ('game: "', 'game: ">=9.0, ')})
    mod = status(discover([folder]), "annex")
    assert (
        not mod.enabled and codes(mod) == ["game-version"] and "made for" in mod.problems[0].message
    )


def test_content_error_in_a_mod_is_listed_and_base_game_still_loads(tmp_path: Path) -> None:
    folder = make_mod(
        tmp_path / "annex",
        edits={"scenes/annex_annex.yaml": ("success: doubled", "success: dubled")},
    )
    modset = discover([folder])
    mod = status(modset, "annex")
    assert not mod.enabled and modset.roots == [FIXTURE]
    (problem,) = mod.problems
    assert problem.file.endswith("annex_annex.yaml") and problem.line == 19
    assert "Did you mean `doubled`?" in problem.message


def test_mod_scene_with_a_base_scene_id_is_a_duplicate(tmp_path: Path) -> None:
    folder = make_mod(tmp_path / "annex")
    (folder / "scenes" / "finale.yaml").write_text((FIXTURE / "scenes" / "finale.yaml").read_text())
    mod = status(discover([folder]), "annex")
    assert not mod.enabled and "duplicate-id" in codes(mod)


def test_entry_needs_a_node_with_choices(tmp_path: Path) -> None:
    mod = status(discover([make_mod(tmp_path / "annex", entry="lab:static")]), "annex")
    assert not mod.enabled
    (problem,) = [p for p in mod.problems if p.code == "bad-entry"]
    assert "has no `choices`" in problem.message and problem.file.endswith("mod.yaml")


def test_entry_at_unknown_node_suggests(tmp_path: Path) -> None:
    mod = status(discover([make_mod(tmp_path / "annex", entry="lab:hubb")]), "annex")
    assert any("Did you mean `hub`?" in p.message for p in mod.problems)


def test_mod_cannot_replace_the_story_manifest(tmp_path: Path) -> None:
    folder = make_mod(tmp_path / "annex")
    (folder / "scenes" / "_story.yaml").write_text((FIXTURE / "scenes" / "_story.yaml").read_text())
    assert "mod-story-manifest" in codes(status(discover([folder]), "annex"))


def test_switched_off_mod_is_listed_but_not_loaded() -> None:
    make_mod(mods_dir() / "annex")
    modset = discover(disabled={"annex"})
    mod = status(modset, "annex")
    assert not mod.enabled and mod.problems == [] and modset.roots == [FIXTURE]


def test_folder_without_manifest_points_at_the_nested_one(tmp_path: Path) -> None:
    make_mod(tmp_path / "download" / "annex")
    (mod,) = discover([tmp_path / "download"]).mods
    assert not mod.enabled and codes(mod) == ["missing-mod-manifest"]
    assert "found one in `annex/`" in mod.problems[0].message


# -- new-mod against the real game -------------------------------------------------------------
def test_new_mod_lints_clean_and_plays(tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(tmp_path)
    assert cli_new_mod(argparse.Namespace(name="My-Mod")) == 0
    assert "torchenstein play --mod My-Mod" in capsys.readouterr().out
    assert cli_lint(argparse.Namespace(paths=[Path("My-Mod")], json=False, fast=True)) == 0
    assert capsys.readouterr().out.strip() == "lint: clean"

    roots = content_roots([Path("My-Mod")])
    assert roots[-1] == (tmp_path / "My-Mod").resolve()
    lib = load_library(roots)
    door = next(d for d in lib.doors if d.mod == "my_mod")
    story = Story(lib, GameState(scene=door.scene, node=door.node))
    story.choose(door.index)
    assert story.view().puzzle == "my_mod_double"


def test_new_mod_never_overwrites(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "taken").mkdir()
    assert cli_new_mod(argparse.Namespace(name="taken")) == 1
    assert list((tmp_path / "taken").iterdir()) == []
    assert cli_new_mod(argparse.Namespace(name="123")) == 2


def test_lint_of_a_broken_mod_path_exits_1(tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(tmp_path)
    assert cli_new_mod(argparse.Namespace(name="annex")) == 0
    scene = tmp_path / "annex" / "scenes" / "annex_annex.yaml"
    scene.write_text(scene.read_text().replace("speakers:", "speekers:"))
    capsys.readouterr()
    assert cli_lint(argparse.Namespace(paths=[Path("annex")], json=False, fast=True)) == 1
    out = capsys.readouterr().out
    assert "annex/scenes/annex_annex.yaml:5: error [unknown-key]" in out
    assert "Did you mean `speakers`?" in out


def test_plain_lint_includes_broken_user_mods(capsys) -> None:
    make_mod(mods_dir() / "annex", edits={"mod.yaml": ("version: 0.1.0", "version: one")})
    assert cli_lint(argparse.Namespace(paths=[], json=False, fast=True)) == 1
    out = capsys.readouterr().out
    assert (
        "mods/annex/mod.yaml:3: error [invalid] `version`: `one` is not a version like `1.0.0`"
        in out
    )


def test_lint_of_a_mod_finds_its_dependency_among_installed_mods(
    tmp_path, monkeypatch, capsys
) -> None:
    monkeypatch.chdir(tmp_path)
    assert cli_new_mod(argparse.Namespace(name="base_mod")) == 0
    (tmp_path / "base_mod").rename(mods_dir() / "base_mod")
    assert cli_new_mod(argparse.Namespace(name="addon")) == 0
    manifest = tmp_path / "addon" / "mod.yaml"
    manifest.write_text(
        manifest.read_text().replace('author: "You"', 'author: "You"\ndepends: [{id: base_mod}]')
    )
    capsys.readouterr()
    assert cli_lint(argparse.Namespace(paths=[Path("addon")], json=False, fast=True)) == 0
    assert capsys.readouterr().out.strip() == "lint: clean"
