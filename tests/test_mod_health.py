"""No soft-locks: a mod puzzle whose reference or cases fail when run is found in the
background before a player meets it, cached by the mod's content hash, and its mod is switched
off with the reason (file:line) shown; a player standing inside it is moved out, progress kept."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from game import modhealth as health
from game.content.diagnostics import Diagnostic
from game.content.scaffold import render
from game.ui.content_service import ContentService

REFERENCE = "puzzles/trap_double/reference.py"


def make_mod(folder: Path, crash: bool) -> Path:
    for rel, text in render("trap", "Trap", "prologue:hub").items():
        if rel == REFERENCE and crash:
            text = text.replace(
                "    return x * 2",
                "    if x.numel() == 1:\n        raise ValueError('boom')\n    return x * 2",
            )
        path = folder / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return folder


def test_the_fingerprint_follows_every_file(tmp_path: Path) -> None:
    mod = make_mod(tmp_path / "trap", crash=False)
    first = health.fingerprint(mod)
    assert health.fingerprint(mod) == first
    (mod / REFERENCE).write_text("# changed\n", encoding="utf-8")
    assert health.fingerprint(mod) != first


@pytest.mark.slow
def test_a_reference_that_crashes_switches_the_mod_off_once_and_from_cache_after(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("torch")
    mod = make_mod(tmp_path / "trap", crash=True)
    service = ContentService([mod], [])
    service.wait()
    assert service.mods[0].enabled  # the static checks cannot see it
    assert service.checking == {mod.resolve()}  # the Mods screen says so
    deadline = time.monotonic() + 300
    news: dict[Path, list[Diagnostic]] = {}
    while not news and time.monotonic() < deadline:
        news = service.take_health_news()
        time.sleep(0.2)
    [(root, diags)] = news.items()
    assert root == mod.resolve() and not service.checking
    [d] = diags
    assert d.code == "reference-fails" and d.file.endswith("reference.py") and d.line == 6
    assert "boom" in d.message

    def must_not_run(roots: list[Path]) -> dict:
        raise AssertionError(f"checked again although nothing changed: {roots}")

    monkeypatch.setattr(health, "run_checks", must_not_run)
    again = ContentService([mod], [])  # the next launch: straight from the cache
    again.wait()
    assert not again.mods[0].enabled
    assert [p.code for p in again.mods[0].problems] == ["reference-fails"]
    assert "trap_annex" not in again.library.scenes


def test_a_player_inside_a_mod_found_failing_is_moved_out_with_progress(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from game.session.playthrough import GameSession
    from game.ui.driver import Driver
    from game.ui.mod_health import apply_health_news

    mod = make_mod(tmp_path / "trap", crash=True)
    failure = Diagnostic(file=str(mod / REFERENCE), line=6, code="reference-fails", message="boom")
    monkeypatch.setattr(health, "check_now", lambda roots: {mod.resolve(): [failure]})
    with Driver([mod], runner=False) as d:
        ctx = d.app.ctx
        ctx.content.wait()
        session = GameSession.new(ctx.content.library, ctx.saves, ctx.writer, ctx.persistent)
        session.story.goto("prologue:hub")
        session.story.goto("trap_annex:door")
        session.state.flags.append("brave")
        ctx.session = session
        ctx.content._check_in_background([mod.resolve()])
        d.until(lambda: d.describe().startswith("screen: message"), what="the news")
        text = d.describe()
        assert "switched off" in text and "reference.py:6" in text and "prologue:hub" in text
        assert (session.state.scene, session.state.node) == ("prologue", "hub")
        assert "brave" in session.state.flags
        assert not ctx.content.mods[0].enabled
        assert ctx.content.mods[0].problems[-1].code == "reference-fails"
        apply_health_news(ctx)  # nothing new: nothing happens
        assert (session.state.scene, session.state.node) == ("prologue", "hub")


def test_f5_after_a_fix_brings_a_failed_mod_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    mod = make_mod(tmp_path / "trap", crash=True)
    failure = Diagnostic(file=str(mod / REFERENCE), line=6, code="reference-fails", message="x")
    health.store_cache({health.fingerprint(mod): [failure]})
    service = ContentService([mod], [])
    service.wait()
    assert not service.mods[0].enabled  # from the cache, at once
    (mod / REFERENCE).write_text(
        (mod / REFERENCE).read_text().replace("raise ValueError('boom')", "pass"), "utf-8"
    )
    checked: list[list[Path]] = []
    monkeypatch.setattr(health, "check_now", lambda roots: checked.append(roots) or {})
    library, _ = service.reload()
    assert library is not None and "trap_annex" in library.scenes
    assert service.mods[0].enabled
    service.recheck()  # what F5 does next: the changed mod is run again
    deadline = time.monotonic() + 30
    while not checked and time.monotonic() < deadline:
        time.sleep(0.05)
    assert checked == [[mod.resolve()]]
