"""The lab terminal through real keys: a cancelled or failed run says so in the results panel,
and the code's zoom is kept in the settings across sessions."""

from __future__ import annotations

import json

from game.persistence.paths import settings_file


def _terminal(d) -> None:  # type: ignore[no-untyped-def]
    from tests.test_ui_slice import new_game, walk

    new_game(d)
    walk(d, lambda t: t.startswith("screen: terminal"))


def test_a_cancelled_run_says_nothing_was_recorded() -> None:
    from game.ui.driver import Driver

    with Driver(runner=False) as d:
        _terminal(d)
        d.press("return", ctrl=True)  # Run; the runner is not up yet, so the job waits
        assert "running: True" in d.describe()
        d.press("escape")  # cancels the run, does not leave
        text = d.describe()
        assert "running: False" in text and text.startswith("screen: terminal")
        assert "Results: Cancelled. Nothing was recorded." in text
        assert d.app.ctx.session.state.progress("summon_tensors").attempts == 0


def test_a_runner_error_is_shown_in_plain_words() -> None:
    from game.ui.driver import Driver

    with Driver(runner=False) as d:
        _terminal(d)
        hub = d.app.ctx.runner
        hub.error = (
            'Traceback (most recent call last):\n  File "service.py", line 1\n'
            "OSError: the runner could not start: no torch here"
        )
        hub._started.set()  # the service gave up starting, as when torch is missing
        d.press("return", ctrl=True)
        d.step()
        text = d.describe()
        assert "Results: OSError: the runner could not start: no torch here" in text
        assert "your code is kept" in text and "Traceback" not in text
        assert "Results: empty" not in text


def test_the_code_zoom_is_kept_in_the_settings() -> None:
    from game.ui.driver import Driver
    from tests.test_ui_slice import walk

    with Driver(runner=False) as d:
        _terminal(d)
        d.press("=", ctrl=True)
        d.press("=", ctrl=True)
        assert d.screen.editor.zoom == 1.25
        assert d.app.ctx.settings.code_zoom == 1.25
        d.app.ctx.writer.flush()
    assert json.loads(settings_file().read_text())["code_zoom"] == 1.25
    with Driver(runner=False) as d:
        d.press("return")  # Continue
        walk(d, lambda t: t.startswith("screen: terminal"))
        assert d.screen.editor.zoom == 1.25
        assert "(125%)" in d.describe()
        d.press("escape")
        d.press("escape")  # the pause menu, then its settings change the zoom too
        for _ in range(12):
            if ">Settings" in d.describe():
                break
            d.press("down")
        d.press("return")
        while ">Code size" not in d.describe():
            d.press("down")
        d.press("left")
        assert ">Code size: 110%" in d.describe()
        d.press("escape")
        d.press("escape")
        walk(d, lambda t: t.startswith("screen: terminal"))
        assert d.screen.editor.zoom == 1.1


def test_big_fonts_in_a_small_window_give_each_pane_a_full_width_tab() -> None:
    from game.persistence.paths import user_home
    from game.ui.driver import Driver

    (user_home() / "settings.json").write_text(json.dumps({"font_scale": 2.0}))
    with Driver(size=(1024, 640), runner=False) as d:
        _terminal(d)
        d.step()
        term = d.screen
        assert term.layout.mode == "all_tabs" and not term.layout.keys_shown
        assert term.editor.rect.width > 900  # the code gets the whole width
        seen = []
        for _ in range(3):
            d.press("f3")
            seen.append(term.shown_pane)
        assert seen == ["brief", "results", "editor"]
        brief_tab = next(rect for key, rect in term.layout.tabs if key == "brief")
        d.click(brief_tab.center)
        assert "focus: brief (compact: brief shown)" in d.describe()
        assert term.brief.scroll.view.width > 900
        d.type_text("x")  # typing always lands in the code, which comes back into view
        assert term.shown_pane == "editor" and "x" in term.editor.text
    (user_home() / "settings.json").write_text(json.dumps({"font_scale": 1.0}))
    with Driver(size=(1024, 640), runner=False) as d:
        d.press("return")
        from tests.test_ui_slice import walk

        walk(d, lambda t: t.startswith("screen: terminal"))
        d.step()
        assert d.screen.layout.mode == "split" and d.screen.layout.keys_shown
