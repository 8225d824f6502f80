"""The one table of key bindings: which keys do what, where, and how each is labelled.

`game.ui.intents` dispatches key presses from it, the screens draw their hint bars from it,
README's key table is generated from it (`python -m game.ui.keymap --readme` rewrites it, a test
checks it) and Settings > Keys remaps its commands, saved in `Settings.keys`.

A chord is written in pygame's key names with modifiers first: `f1`, `h`, `ctrl+shift+return`,
`[1]` (keypad). Plain bare keys match whatever modifiers are held, except character keys, which
match only without Ctrl or Alt (Ctrl+H is not History). Pure: no pygame here.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Literal, get_args

Where = Literal["everywhere", "dialogue", "lab terminal", "code editor"]
MODIFIERS = ("ctrl", "shift", "alt")


def split_chord(chord: str) -> tuple[frozenset[str], str]:
    """(modifiers, key name): `ctrl+shift+return` -> ({ctrl, shift}, `return`); `ctrl++` works."""
    mods: set[str] = set()
    rest = chord.strip().lower()
    while (head := rest.split("+", 1)[0]) in MODIFIERS and len(rest) > len(head) + 1:
        mods.add(head)
        rest = rest[len(head) + 1 :]
    return frozenset(mods), rest


@dataclass(frozen=True)
class Binding:
    action: str  # the intent screens receive (code editor rows: what the editor does)
    keys: tuple[str, ...]  # default chords
    label: str  # what it does, for README and Settings > Keys
    where: Where
    hints: Mapping[str, str] = field(default_factory=dict)  # screen -> its hint-bar label
    remappable: bool = False
    shown_as: str | None = None  # how the keys are written when a list of them is too long

    @property
    def dispatched(self) -> bool:
        """Whether `map_event` turns these keys into intents (the editor reads its own)."""
        return self.where != "code editor"


def _b(
    action: str,
    chords: Iterable[str],
    label: str,
    where: Where,
    remappable: bool = False,
    shown_as: str | None = None,
    **hints: str,
) -> Binding:
    return Binding(
        action, tuple(chords), label, where, MappingProxyType(hints), remappable, shown_as
    )


_DIGITS = [str(i) for i in range(1, 10)] + [f"[{i}]" for i in range(1, 10)]


def _with(mod: str, chord: str) -> str:
    mods, key = split_chord(chord)
    return "+".join([m for m in MODIFIERS if m in mods | {mod}] + [key])


def _any_shift(*chords: str) -> list[str]:
    """Each chord with and without Shift (in the editor Shift extends the selection)."""
    return [c for chord in chords for c in (chord, _with("shift", chord))]


def _any_mods(*chords: str) -> list[str]:
    """Each chord with and without Ctrl and Shift (Ctrl moves and erases by words)."""
    return _any_shift(*chords, *(_with("ctrl", c) for c in chords))


# The order is the order of every hint bar.
BINDINGS: tuple[Binding, ...] = (
    _b("run", ["ctrl+return", "ctrl+enter"], "run every test, hidden ones too", "lab terminal", True, terminal="run"),
    _b("try", ["ctrl+shift+return", "ctrl+shift+enter"], "try the visible examples and show your prints", "lab terminal", True, terminal="try"),
    _b("advance", ["space"], "show the whole line, then the next", "dialogue", scene="next"),
    _b("number", _DIGITS, "pick a choice", "dialogue", shown_as="1-9", scene="choose"),
    _b("up", ["up"], "move up", "everywhere", title="choose", pause="choose", mods="choose", settings="choose", notebook="choose", saves="choose", keys="choose", history="scroll", chapters="scroll", dev="choose"),
    _b("down", ["down"], "move down", "everywhere", title="choose", pause="choose", mods="choose", settings="choose", notebook="choose", saves="choose", keys="choose", history="scroll", chapters="scroll", dev="choose"),
    _b("left", ["left"], "move left / lower a setting", "everywhere", settings="change", saves="choose"),
    _b("right", ["right"], "move right / raise a setting", "everywhere", settings="change", saves="choose"),
    _b("confirm", ["return", "enter"], "select", "everywhere", title="select", pause="select", mods="switch on/off", notebook="reopen to improve", saves="open", keys="change", message="OK", ending="next", dev="jump / +flag / -flag"),
    _b("tab", ["tab"], "next field", "everywhere", notebook="first/best solution"),
    _b("tab_back", ["shift+tab"], "previous field", "everywhere"),
    # Every page that scrolls names its paging keys (tests/test_a11y_screens.py checks it).
    _b("page_up", ["page up"], "scroll a page up", "everywhere", title="page", pause="page", mods="scroll", settings="scroll", notebook="scroll", saves="page", keys="page", history="scroll", chapters="scroll", message="scroll", ending="scroll", dev="page"),
    _b("page_down", ["page down"], "scroll a page down", "everywhere", title="page", pause="page", mods="scroll", settings="scroll", notebook="scroll", saves="page", keys="page", history="scroll", chapters="scroll", message="scroll", ending="scroll", dev="page"),
    _b("home", ["home"], "to the top", "everywhere"),
    _b("end", ["end"], "to the bottom", "everywhere"),
    _b("erase", ["backspace"], "erase", "everywhere", keys="default key"),
    _b("delete", ["delete"], "delete", "everywhere", saves="delete"),
    _b("history", ["h"], "history", "dialogue", True, scene="history"),
    _b("skip", ["s"], "skip text you have seen", "dialogue", True, scene="skip"),
    _b("map", ["m"], "chapter map", "dialogue", True, scene="map"),
    # The key Ren'Py uses; a letter, so screens where the player types never see it as one.
    _b("voice", ["v"], "self-voicing on/off (the game reads the screen aloud)", "dialogue", True),
    _b("hint", ["f1"], "unlock the next hint (in the lab notebook: the Professor's solution)", "lab terminal", True, terminal="hint", notebook="the Professor's solution"),
    _b("device", ["f2"], "switch device (auto/cpu/cuda)", "lab terminal", True),
    _b("focus", ["f3"], "move focus between brief, code and results", "lab terminal", True, terminal="focus"),
    _b("reload", ["f5"], "reload scenes and puzzles from disk", "everywhere", True),
    _b("dev", ["f10"], "developer panel (with `play --dev`): jump to a scene, set flags", "everywhere", True),
    _b("quicksave", ["f6", "ctrl+s"], "quicksave", "everywhere", True, scene="quicksave", terminal="quicksave"),
    _b("quickload", ["f9"], "quickload", "everywhere", True),
    _b("fullscreen", ["f11"], "fullscreen", "everywhere", True),
    _b("screenshot", ["f12"], "screenshot", "everywhere", True),
    _b("back", ["escape"], "go back / open the pause menu / cancel a run", "everywhere", scene="menu", terminal="cancel/back", pause="resume", settings="back", mods="back", history="back", chapters="back", notebook="back", saves="back", keys="back", dev="back"),
    _b("quit", ["ctrl+q"], "quit", "everywhere", True, title="quit"),
    _b("find", _any_shift("ctrl+f"), "find", "code editor", shown_as="Ctrl+F", editor="find"),
    _b("goto", _any_shift("ctrl+g"), "go to line", "code editor", shown_as="Ctrl+G", editor="go to line"),
    _b("comment", _any_shift("ctrl+/", "ctrl+[/]"), "comment", "code editor", shown_as="Ctrl+/", editor="comment"),
    _b("indent", ["tab"], "indent", "code editor", editor="indent"),
    _b("dedent", ["shift+tab"], "dedent", "code editor", editor="indent"),
    _b("undo", ["ctrl+z"], "undo", "code editor", editor="undo"),
    _b("redo", ["ctrl+y", "ctrl+shift+z"], "redo", "code editor"),
    _b("copy", ["ctrl+c", "ctrl+insert", "ctrl+shift+insert"], "copy", "code editor"),
    _b("cut", ["ctrl+x", "shift+delete"], "cut", "code editor"),
    _b("paste", ["ctrl+v", "shift+insert"], "paste", "code editor"),
    _b("select_all", ["ctrl+a"], "select all", "code editor"),
    _b("zoom_in", _any_shift("ctrl+=", "ctrl++", "ctrl+[+]"), "bigger code", "code editor", shown_as="Ctrl +", editor="size"),
    _b("zoom_out", _any_shift("ctrl+-", "ctrl+[-]"), "smaller code", "code editor", shown_as="Ctrl -", editor="size"),
    _b("zoom_reset", _any_shift("ctrl+0", "ctrl+[0]"), "code at its usual size", "code editor", shown_as="Ctrl+0"),
    _b("message_more", ["ctrl+m"], "read on in the message under the code (when it says 1/2)", "code editor"),
    # Moving and erasing: Shift extends the selection, Ctrl (or Alt) goes by words.
    _b("move_left", _any_mods("left"), "caret left", "code editor", shown_as="←"),
    _b("move_right", _any_mods("right"), "caret right", "code editor", shown_as="→"),
    _b("move_up", _any_shift("up"), "caret up", "code editor", shown_as="↑"),
    _b("move_down", _any_shift("down"), "caret down", "code editor", shown_as="↓"),
    _b("scroll_up", _any_shift("ctrl+up"), "scroll up", "code editor", shown_as="Ctrl+↑"),
    _b("scroll_down", _any_shift("ctrl+down"), "scroll down", "code editor", shown_as="Ctrl+↓"),
    _b("move_page_up", _any_mods("page up"), "page up", "code editor", shown_as="PgUp"),
    _b("move_page_down", _any_mods("page down"), "page down", "code editor", shown_as="PgDn"),
    _b("line_start", _any_shift("home"), "start of line", "code editor", shown_as="Home"),
    _b("line_end", _any_shift("end"), "end of line", "code editor", shown_as="End"),
    _b("doc_start", _any_shift("ctrl+home"), "start of the code", "code editor", shown_as="Ctrl+Home"),
    _b("doc_end", _any_shift("ctrl+end"), "end of the code", "code editor", shown_as="Ctrl+End"),
    _b("erase_back", _any_mods("backspace"), "erase back", "code editor", shown_as="Backspace"),
    _b("erase_forward", ["delete", "ctrl+delete", "ctrl+shift+delete"], "erase forward", "code editor", shown_as="Del"),
    _b("newline", _any_shift("return", "enter"), "new line", "code editor", shown_as="Enter"),
)  # fmt: skip
BY_ACTION: Mapping[str, Binding] = MappingProxyType({b.action: b for b in BINDINGS})

_NAMES = {
    "return": "Enter",
    "enter": "Enter",
    "escape": "Esc",
    "space": "Space",
    "backspace": "Backspace",
    "delete": "Del",
    "page up": "PgUp",
    "page down": "PgDn",
    "up": "↑",
    "down": "↓",
    "left": "←",
    "right": "→",
}
_ARROWS = frozenset("↑↓←→")


def is_character(key: str) -> bool:
    """A key that types (letters, digits, punctuation, keypad digits)."""
    return len(key) == 1 or bool(re.fullmatch(r"\[\d\]", key))


def show_chord(chord: str) -> str:
    """How a player reads a chord: `ctrl+shift+return` -> `Ctrl+Shift+Enter`."""
    mods, key = split_chord(chord)
    plain = len(key) == 1 or re.fullmatch(r"f\d{1,2}", key)
    name = _NAMES.get(key) or (key.upper() if plain else key.title())
    return "+".join([m.title() for m in MODIFIERS if m in mods] + [name])


class KeyMap:
    """The table with a player's own keys (`Settings.keys`: action -> chord) in place of the
    defaults. Unknown actions, fixed ones and blank chords in the settings are ignored."""

    def __init__(self, overrides: Mapping[str, str] | None = None) -> None:
        self.overrides = {
            action: chord.strip().lower()
            for action, chord in (overrides or {}).items()
            if action in BY_ACTION and BY_ACTION[action].remappable and chord.strip()
        }

    def chords(self, action: str) -> tuple[str, ...]:
        own = self.overrides.get(action)
        return (own,) if own else BY_ACTION[action].keys

    def shown(self, binding: Binding, *, all_keys: bool = False) -> str:
        """The keys of a binding as a player reads them (its first chord unless `all_keys`)."""
        if binding.shown_as and binding.action not in self.overrides:
            return binding.shown_as
        chords = self.chords(binding.action)
        shown = dict.fromkeys(show_chord(c) for c in (chords if all_keys else chords[:1]))
        return " / ".join(shown)

    def dispatch_table(self, *, editor: bool = False) -> list[tuple[str, str]]:
        """(chord, action) for every key `map_event` dispatches, or with `editor` for every key
        the code editor reads itself, in table order."""
        return [
            (c, b.action) for b in BINDINGS if b.dispatched != editor for c in self.chords(b.action)
        ]

    def hints(self, screen: str, **labels: str) -> list[tuple[str, str]]:
        """The hint bar of `screen`: (keys, label) in table order, neighbours with one label
        merged (`↑↓ choose`); `labels` replaces labels for this moment (saves: `open="load"`)."""
        out: list[tuple[str, str]] = []
        for b in BINDINGS:
            if screen not in b.hints:
                continue
            keys, label = self.shown(b), labels.get(b.hints[screen], b.hints[screen])
            if out and out[-1][1] == label:
                joiner = "" if {out[-1][0][-1], keys[0]} <= _ARROWS else "/"
                out[-1] = (out[-1][0] + joiner + keys, label)
            else:
                out.append((keys, label))
        return out

    def owner(self, chord: str, *, besides: str) -> Binding | None:
        """The binding other than `besides` that already uses `chord`, if any."""
        wanted = split_chord(chord)
        for b in BINDINGS:
            if b.action != besides and any(split_chord(c) == wanted for c in self.chords(b.action)):
                return b
        return None


def can_bind(action: str, chord: str) -> bool:
    """Whether a player may put `action` on `chord`: a function key, a chord with Ctrl or Alt,
    or (for dialogue commands, which never meet typing) a bare letter."""
    mods, key = split_chord(chord)
    if bool(re.fullmatch(r"f\d{1,2}", key)) or mods & {"ctrl", "alt"}:
        return True
    return BY_ACTION[action].where == "dialogue" and len(key) == 1 and key.isalpha()


README_START = "<!-- keys: generated by `python -m game.ui.keymap --readme`; do not edit -->"
README_END = "<!-- keys: end -->"


def readme_table(keymap: KeyMap | None = None) -> str:
    """README's key table, one row per place, every binding as `keys` label."""
    keymap = keymap or KeyMap()
    places: dict[str, list[str]] = {where: [] for where in get_args(Where)}
    for b in BINDINGS:
        places.setdefault(b.where, []).append(f"{keymap.shown(b, all_keys=True)} {b.label}")
    rows = [f"| {where} | {'; '.join(items)} |" for where, items in places.items()]
    return "\n".join([README_START, "| where | keys |", "| --- | --- |", *rows, README_END])


def rewrite_readme(path: Path) -> bool:
    """Put the generated table between README's markers; True when the file changed."""
    text = path.read_text(encoding="utf-8")
    start, end = text.index(README_START), text.index(README_END) + len(README_END)
    new = text[:start] + readme_table() + text[end:]
    if new != text:
        path.write_text(new, encoding="utf-8")
    return new != text


if __name__ == "__main__":
    if sys.argv[1:] != ["--readme"]:
        sys.exit("usage: python -m game.ui.keymap --readme")
    readme = Path(__file__).resolve().parents[2] / "README.md"
    print("README.md rewritten" if rewrite_readme(readme) else "README.md already up to date")
