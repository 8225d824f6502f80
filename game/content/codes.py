"""Every diagnostic code the loader, lint and mod discovery can report, with what it means.

MODDING.md's table of codes is generated from this (see `docgen`), and a test checks that every
code used in `game/content` is listed here. Must not import pygame or torch.
"""

from __future__ import annotations

CODES: dict[str, str] = {
    # reading files
    "io": "The file could not be read (permissions, a folder where a file should be).",
    "encoding": "The file is not UTF-8. Save it as UTF-8.",
    "file-too-large": "The file is over the size cap (512 KiB for YAML, 256 KiB for code).",
    "yaml-syntax": "YAML could not be parsed: check indentation, colons and quotes.",
    "yaml-character": "A control character YAML cannot hold.",
    "yaml-empty": "The file holds no data.",
    "yaml-tag": "A `!!tag` (e.g. `!!python/object`): content files hold plain data only.",
    "yaml-duplicate-key": "The same key twice in one mapping; YAML would silently keep one.",
    "yaml-key": "A mapping key that is not a plain word (a list or mapping as a key).",
    "yaml-too-deep": "Nested more than 40 levels deep.",
    "yaml-too-large": "More than 50,000 values, usually an alias bomb.",
    # schema
    "unknown-key": "A key the format does not have, usually a typo; the message suggests the "
    "nearest valid key.",
    "missing-key": "A required key is missing.",
    "invalid": "A value of the wrong kind or shape (the message says which).",
    "id-mismatch": "A scene id differs from its file name, or a puzzle id from its folder name.",
    "duplicate-id": "Two scenes or two puzzles share an id (often a mod clashing with the game).",
    "missing-file": "A puzzle folder lacks one of its files.",
    # references
    "unknown-target": "A `goto`, `next`, `success`, `start` or door leads to no existing node.",
    "unknown-puzzle": "A puzzle gate, `requires.solved` or `requires.solved_how` names no "
    "existing puzzle.",
    "unknown-goal": "A `requires.solved_how` condition names a goal its puzzle does not have.",
    "unknown-speaker": "A line's speaker is not in the scene's `speakers`.",
    "unknown-act": "A scene's `act` or a puzzle's `chapter` is not an act (or the mod's id).",
    "asset": "A missing asset file or an unknown built-in art id is a warning (the game draws "
    "generic art); a path outside `assets/` or a file type the game cannot use is an error.",
    "unset-flag": "Warning: a condition tests a flag nothing ever sets (often a typo).",
    "missing-story-manifest": "The base game lacks `scenes/_story.yaml`.",
    # the story graph
    "dead-end": "From this node no ending can be reached: the player would be trapped.",
    "unreachable-ending": "An ending nothing leads to.",
    "unreachable": "Warning: a node or scene the story never reaches.",
    "maybe-stuck": "Warning: every way out of this node has a condition; if none holds the "
    "player is stuck.",
    # puzzles, read
    "python-syntax": "A puzzle's Python file does not parse.",
    "missing-entry": "The starter or reference lacks the `entry` function.",
    "bad-signature": "`signature` in puzzle.yaml does not read like a `def` line.",
    "signature-mismatch": "Starter, reference and `signature` disagree on the entry function's "
    "name or parameters.",
    "missing-case-function": "`cases.py` lacks `examples()` or `random_case(g)`.",
    "case-function-arity": "`examples` must take no argument, `random_case` exactly one "
    "(besides an optional `size=None`, which lets the runner shrink failing cases).",
    "empty-brief": "`brief.md` is empty.",
    "too-few-hints": "Fewer than 3 hints.",
    "hint-ladder": "Warning: the last hint is not a skeleton with blanks (`____`) to fill.",
    "hint-gives-answer": "Warning: a hint spells out half or more of the reference solution's "
    "lines.",
    "unused-puzzle": "Warning: no scene opens this puzzle.",
    "unknown-allow-group": "An `allow` entry without a dot is no group; the message lists the "
    "groups and suggests the nearest.",
    "bad-allow": "An `allow` entry with a dot must name a torch function or method "
    "(`torch.where`, `torch.Tensor.long`).",
    "unknown-tool": "A tool names no puzzle (the message suggests the nearest id).",
    "self-tool": "A puzzle names itself as its own tool.",
    "tool-clash": "Two tools have entry functions of the same name.",
    "missing-support": "`support:` names no file inside the root's `puzzles/` folder.",
    "rule-unreachable": "Warning: the reference breaks its own puzzle's rules (too many "
    "statements, a refused operation...), so no player is known to be able to meet them.",
    # puzzles, run through the runner
    "reference-fails": "The reference solution does not pass its own puzzle (it crashes, "
    "breaks a rule or runs out of time); the line is taken from the traceback, in "
    "`reference.py` or `support.py`.",
    "cases-fail": "`cases.py` raised while building the cases (or made a case that cannot be "
    "sent to the checker); the line is taken from the traceback.",
    "starter-passes": "The starter code already passes: nothing left for the player to do.",
    "unknown-rule-name": "A dotted name in `forbidden` or `allow` reaches nothing in torch (a "
    "typo such as `torch.cumsun` would refuse nothing); the message suggests the nearest name.",
    "nondeterministic-cases": "Two runs with one seed built different cases: draw all "
    "randomness from the generator `g`.",
    "goal-unreachable": "Warning: a goal's `max` is far below the reference's own score "
    "(more than twice as strict), so players can hardly reach it; see the scores table.",
    "runner-error": "The runner itself failed on this puzzle, not the puzzle's code (the "
    "message says why).",
    "runner-missing": "Warning: puzzle code could not be run because the runner is missing.",
    # mods
    "mod-not-folder": "A `--mod` path that is not a folder.",
    "mod-untrusted": "A mod new in your mods folder stays off until you switch it on once "
    "(Mods screen) or name it with `--mod PATH`: nothing a download brings runs silently.",
    "missing-mod-manifest": "A mod folder without `mod.yaml`.",
    "mod-story-manifest": "A mod ships `scenes/_story.yaml`; mods join the story through "
    "`entry` instead.",
    "duplicate-mod": "Two mods share an id; the second is disabled.",
    "game-version": "The mod's `game` versions do not include this game's version.",
    "missing-dependency": "A mod in `depends` is not installed.",
    "dependency-version": "A mod in `depends` is installed in a version that does not fit.",
    "dependency-disabled": "A mod in `depends` is disabled (broken or switched off).",
    "bad-zip": "A mod `.zip` that is not readable, holds unsafe paths or links, or is not one "
    "folder with `mod.yaml` in it (`torchenstein pack` makes good ones).",
    "bad-entry": "The door's `entry.at` is not a node with `choices` in a loaded scene.",
    # the lint command
    "no-such-folder": "A path given to `torchenstein lint` does not exist.",
    "not-content": "A path given to `torchenstein lint` is neither a mod nor a content root.",
}
