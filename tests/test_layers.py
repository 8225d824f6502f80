"""The layer rules (pygame only in the UI, torch only on the runner's trusted and sandbox sides,
the UI through the runner's protocol and client, content apart from the runner) are import-linter
contracts in pyproject.toml; the suite holds them too, so a plain `pytest` run catches a breach."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

from tests.conftest import REPO


def test_the_import_contracts_hold() -> None:
    lint = Path(sys.executable).with_name("lint-imports")
    done = subprocess.run(
        [str(lint), "--no-cache"], cwd=REPO, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "0 broken" in done.stdout


def test_the_contracts_cover_every_pure_package() -> None:
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    contracts = {c["name"]: c for c in config["tool"]["importlinter"]["contracts"]}
    no_torch = set(
        contracts["torch only on the runner's trusted and sandbox sides"]["source_modules"]
    )
    no_pygame = set(
        contracts["pygame only in the UI (and the CLI that starts it)"]["source_modules"]
    )
    packages = {f"game.{p.name}" for p in (REPO / "game").iterdir() if (p / "__init__.py").exists()}
    assert packages - {"game.runner", "game.ui"} <= no_torch
    assert packages - {"game.ui"} <= no_pygame
