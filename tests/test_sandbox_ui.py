"""The player sees the sandbox: Settings says how strongly runs are walled in on this machine,
and a mod dropped into the mods folder shows as "new" until switched on in the Mods screen."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

import pytest


def test_settings_names_the_sandbox(monkeypatch: pytest.MonkeyPatch) -> None:
    from game.runner import protections
    from game.ui.driver import Driver

    monkeypatch.setattr(protections, "_CACHE", [])
    with Driver(runner=False) as d:
        d.press("down")
        d.press("down")
        d.press("return")
        text = d.describe()
    assert text.startswith("screen: settings")
    line = next(x for x in text.splitlines() if x.startswith("Sandbox: "))
    if os.uname().sysname == "Linux":
        assert "sandbox" in line and ("namespaces" in line)


def test_a_new_mod_is_off_until_switched_on(tmp_path: Path) -> None:
    from game.content.mod_trust import trusted_mods
    from game.content.scaffold import cli_new_mod
    from game.persistence.paths import mods_dir
    from game.ui.driver import Driver

    here = os.getcwd()
    os.chdir(mods_dir())
    try:
        cli_new_mod(argparse.Namespace(name="dropped_mod"))
    finally:
        os.chdir(here)
    with Driver(runner=False) as d:
        d.press("down")
        d.press("return")
        text = d.describe()
        assert text.startswith("screen: mods") and "[new]" in text, text
        d.press("return")
        assert "[on]" in d.describe()
    assert "dropped_mod" in trusted_mods()
