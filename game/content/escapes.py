"""The names that lead around a puzzle's rules instead of computing an answer: running strings
as code, reading the interpreter's or torch's insides, reaching a module torch re-exports
(`torch.sys`) without importing it, or naming an attribute only at run time. The static check
refuses them in every puzzle; they are why rules and scores, which the run measures in the
player's own process, cannot simply be switched off from a solution.
"""

from __future__ import annotations

# Ways around every other rule (running strings as code, importing by name): never allowed.
ESCAPE_HATCHES = {
    "exec": "runs a string as code",
    "eval": "runs a string as code",
    "compile": "builds code from a string",
    "__import__": "imports by name",
    "__builtins__": "reaches around the rules",
    "breakpoint": "stops for a debugger that is not there",
    "globals": "reaches around the rules",
    "locals": "reaches around the rules",
    "vars": "reaches around the rules",
}
# Attributes that lead into the interpreter, torch's C core or the game's own harness (where
# the measuring of rules and scores runs, in the same process as the player's code).
REACH_AROUND = frozenset(
    {
        "_C",
        "__dict__",
        "__globals__",
        "__code__",
        "__closure__",
        "__subclasses__",
        "__getattribute__",
        "__mro__",
        "__bases__",
        "__base__",
        "__func__",
        "__self__",
        "__builtins__",
        "f_globals",
        "f_locals",
        "f_back",
        "f_builtins",
        "gi_frame",
        "cr_frame",
        "ag_frame",
        "tb_frame",
    }
)
# The modules torch re-exports as attributes (`torch.sys`, `torch.nn.functional.importlib`) that
# reach outside a puzzle: reaching one that way counts as importing it. (Checked against torch
# 2.13: its harmless re-exports, `math` or `warnings`, are left alone.)
REEXPORTED = frozenset(
    {"builtins", "ctypes", "glob", "importlib", "inspect", "os", "platform", "sys", "threading"}
)
BY_NAME = ("getattr", "setattr", "delattr", "hasattr")
