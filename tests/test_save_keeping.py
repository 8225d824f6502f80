"""A save is never lost to content changes: with its mod broken between launches, Continue
explains and waits, nothing is written until the player chooses, moving on keeps a copy the
Load screen shows, and once the mod is fixed that copy plays from the mod's place again."""

from __future__ import annotations

from pathlib import Path

from game.content.library import load_library
from game.content.mods import discover_mods
from game.content.scaffold import render
from game.persistence.atomic import backup_path
from game.persistence.paths import saves_dir
from game.persistence.persistent import Persistent
from game.persistence.saves import AUTO, SaveStore
from game.persistence.writer import BackgroundWriter
from game.session.playthrough import GameSession
from game.story.engine import Story
from game.story.places import state_fits
from game.story.state import GameState

SCENE = "scenes/keeper_annex.yaml"


def make_mod(folder: Path) -> Path:
    for rel, text in render("keeper", "Keeper", "prologue:hub").items():
        path = folder / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return folder


def save_inside_the_mod(mod: Path) -> bytes:
    """A first launch with the mod working: the autosave stands in the mod's scene."""
    library = load_library(discover_mods([mod]).roots)
    state = GameState(scene="keeper_annex", node="doubled", flags=["met_the_annex"])
    state.seen = ["prologue:hub", "keeper_annex:door", "keeper_annex:doubled"]
    store, writer = SaveStore(), BackgroundWriter()
    try:
        session = GameSession(Story(library, state), store, writer, Persistent())
        session.autosave(None)
        writer.flush()
    finally:
        writer.close()
        store.close()
    return (saves_dir() / "auto.json").read_bytes()


def choose(d, label: str) -> None:
    for _ in range(4):
        if f">{label}" in d.describe():
            break
        d.press("down")
    assert f">{label}" in d.describe(), d.describe()
    d.press("return")


def test_a_mod_broken_then_fixed_between_launches_never_costs_the_save(tmp_path: Path) -> None:
    from game.ui.driver import Driver

    mod = make_mod(tmp_path / "keeper")
    original = save_inside_the_mod(mod)
    scene = mod / SCENE
    good_text = scene.read_text(encoding="utf-8")
    scene.write_text(good_text.replace("goto: prologue:hub", "goto: prologue:hubb"), "utf-8")

    with Driver([mod], runner=False) as d:  # second launch: the mod is broken
        d.app.ctx.content.wait()
        assert not d.app.ctx.content.mods[0].enabled
        d.press("return")  # Continue
        text = d.describe()
        assert "Your save's place is missing" in text and "keeper_annex:doubled" in text
        choose(d, "Wait for the mod")
        d.step(120)
        d.app.ctx.writer.flush()
        assert d.describe().startswith("screen: title")
        assert (saves_dir() / "auto.json").read_bytes() == original

        d.press("return")  # Continue again, and this time move on
        choose(d, "Continue from the last good place")
        assert d.app.ctx.session.state.scene == "prologue"
        assert "met_the_annex" in d.app.ctx.session.state.flags  # progress is kept
        d.step(5)  # the new place is autosaved on its first frames
        d.app.ctx.writer.flush()
        kept = [s for s in ("1", "2", "3") if (saves_dir() / f"{s}.json").is_file()]
        assert kept == ["1"]
        assert (saves_dir() / "1.json").read_bytes() == original
        d.step()
        assert any("kept in slot 1" in n.text for n in d.app.ctx.notices)

    scene.write_text(good_text, "utf-8")  # third launch: the mod is fixed
    with Driver([mod], runner=False) as d:
        d.app.ctx.content.wait()
        from game.ui import flow

        assert flow.load_slot(d.app.ctx, "1")
        assert (d.app.ctx.session.state.scene, d.app.ctx.session.state.node) == (
            "keeper_annex",
            "doubled",
        )


def test_backups_never_rotate_out_the_last_save_that_fits(tmp_path: Path) -> None:
    mod = make_mod(tmp_path / "keeper")
    library = load_library(discover_mods([mod]).roots)
    base = load_library(discover_mods([]).roots)  # the mod gone
    store = SaveStore(tmp_path / "saves")
    try:
        fitting = Story(library, GameState(scene="prologue", node="hub"))
        stranded = Story(library, GameState(scene="keeper_annex", node="door"))
        writer = BackgroundWriter()
        good = GameSession(fitting, store, writer, Persistent()).snapshot()
        lost = GameSession(stranded, store, writer, Persistent()).snapshot()
        writer.close()
        store.write(AUTO, good)
        store.fits = lambda save: state_fits(base, save.state)
        for _ in range(4):  # four saves that do not fit push the good one to the end
            store.write(AUTO, lost)
        assert not backup_path(store.path(AUTO), 4).exists()
        kept = [store.load(s).model for s in ("1", "2", "3")]
        assert kept == [lost, good, None]  # each kept once, the good one before it rotated out
        assert any("last save that fits" in m for m in store.take_kept_messages())
    finally:
        store.close()
