"""The environment for a Python child process of the game (runner service, sandboxes, mod check):
this very copy of the `game` package first on its path, whatever the working folder holds or
which copy is installed. Children start with `python -P -m ...`, so that the working folder is
never on their path. Imports nothing of the game.
"""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_ROOT = str(Path(__file__).resolve().parent.parent)


def child_env(base: dict[str, str] | None = None) -> dict[str, str]:
    """`base` (default: this process's environment) with PACKAGE_ROOT first on PYTHONPATH."""
    env = dict(os.environ if base is None else base)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (PACKAGE_ROOT, env.get("PYTHONPATH")) if p)
    return env
