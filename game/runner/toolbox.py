"""The sandbox's side of the toolbox: the `support` module as the player sees it (only what
it defines, so no leaked `torch`) and the `tools` module built from earlier answers.

Tool code runs under its own file name, so the tracer never counts its torch calls as the
player's: a tool is judged by the rules of the puzzle it answered (checked by the trusted
runner before it is sent). Runs inside the sandbox; imports neither torch nor pygame itself.
"""

from __future__ import annotations

import importlib.util
import linecache
import sys
import types
from pathlib import Path
from typing import Any

from game.content.toolbox import defined_names


def support_view(folder: Path) -> types.ModuleType:
    """`support` as the player may use it: a module holding only the names support.py defines."""
    path = folder / "support.py"
    spec = importlib.util.spec_from_file_location("_torchenstein_support", path)
    assert spec is not None and spec.loader is not None
    real = importlib.util.module_from_spec(spec)
    sys.modules["_torchenstein_support"] = real
    spec.loader.exec_module(real)
    view = types.ModuleType("support", real.__doc__)
    for name in defined_names(path.read_text(encoding="utf-8")):
        if hasattr(real, name):
            setattr(view, name, getattr(real, name))
    return view


def tool_file(puzzle: str) -> str:
    return f"<your answer to {puzzle}>"


def tools_module(tools: dict[str, dict[str, Any]]) -> types.ModuleType:
    """`tools`: one function per earlier answer, each from its own code (nothing else)."""
    module = types.ModuleType("tools", "Your answers to earlier puzzles.")
    for name, spec in tools.items():
        filename = tool_file(str(spec["puzzle"]))
        code = str(spec["code"])
        linecache.cache[filename] = (len(code), None, code.splitlines(True), filename)
        namespace: dict[str, Any] = {"__name__": f"tools.{name}"}
        try:
            exec(compile(code, filename, "exec"), namespace)
        except Exception:
            continue  # a broken tool is simply missing; importing it says so
        fn = namespace.get(str(spec["entry"]))
        if callable(fn):
            setattr(module, name, fn)
    return module
