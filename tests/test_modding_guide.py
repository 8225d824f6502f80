"""MODDING.md can never go stale: its tutorial is replayed block by block in a scratch folder
(commands run through the real command line, shown files compared with what is on disk, diffs
applied), and its reference must equal what the models generate."""

from __future__ import annotations

import ast
import re
import shlex
from pathlib import Path

import pytest

from game.cli import _check_play_options, build_parser, main
from game.content.codes import CODES
from game.content.docgen import END, START, render_reference, splice
from game.content.mods import discover_mods
from game.ui.keyscript import parse as parse_keys

REPO = Path(__file__).resolve().parent.parent
GUIDE = (REPO / "MODDING.md").read_text(encoding="utf-8")
BLOCK = re.compile(r"^```(\w*)([^\n]*)\n(.*?)^```$", re.S | re.M)


def blocks() -> list[tuple[str, dict[str, str], str]]:
    tutorial = GUIDE.split("## How the pieces fit")[0]
    found = []
    for lang, info, body in BLOCK.findall(tutorial):
        attrs = dict(part.split("=", 1) for part in info.split() if "=" in part)
        found.append((lang, attrs, body))
    return found


def apply_diff(body: str) -> None:
    lines = body.splitlines()
    target = Path(lines[0].removeprefix("--- ").strip())
    hunk = lines[2:]
    old = "\n".join(line[1:] for line in hunk if line[:1] in (" ", "-"))
    new = "\n".join(line[1:] for line in hunk if line[:1] in (" ", "+"))
    text = target.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"the guide's diff does not apply to {target}:\n{old}"
    target.write_text(text.replace(old, new), encoding="utf-8")


def run_console(body: str, capsys: pytest.CaptureFixture[str]) -> None:
    steps: list[tuple[str, list[str]]] = []
    for line in body.splitlines():
        if line.startswith("$ "):
            steps.append((line[2:], []))
        else:
            steps[-1][1].append(line)
    for command, expected in steps:
        argv = shlex.split(command)
        assert argv[0] == "torchenstein"
        if argv[1] == "play":  # no window in tests: check what play would load instead
            parser = build_parser()
            args = parser.parse_args(argv[1:])
            modset = discover_mods(args.mod)
            assert all(m.enabled for m in modset.mods), [m.problems for m in modset.mods]
            assert [p.name for p in modset.roots[1:]] == [p.name for p in args.mod]
            args.roots = modset.roots
            assert _check_play_options(parser, args) == 0  # --at names a place, --keys a file
            if args.keys is not None:
                parse_keys(args.keys.read_text(encoding="utf-8"), str(args.keys))
            continue
        capsys.readouterr()
        code = main(argv[1:])
        out = capsys.readouterr().out.rstrip("\n").splitlines()
        assert out == expected, f"`{command}` printed:\n" + "\n".join(out)
        assert code == (1 if any(" error [" in line for line in expected) else 0)


def check_tree(body: str) -> None:
    listed: set[str] = set()
    stack: list[tuple[int, str]] = []
    for line in body.splitlines():
        name = line.split()[0]
        indent = len(line) - len(line.lstrip())
        while stack and stack[-1][0] >= indent:
            stack.pop()
        path = "".join(p for _, p in stack) + name
        if name.endswith("/"):
            stack.append((indent, name))
        else:
            listed.add(path)
    root = Path(body.split()[0])
    on_disk = {str(p.relative_to(root.parent)) for p in root.rglob("*") if p.is_file()}
    assert on_disk == {str(root.name + "/" + p.split("/", 1)[1]) for p in listed}


def test_tutorial_replays_exactly(tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(tmp_path)
    kinds = []
    for lang, attrs, body in blocks():
        if "create" in attrs:  # a file the reader makes by hand
            Path(attrs["create"]).write_text(body, encoding="utf-8")
        elif "file" in attrs:
            shown = Path(attrs["file"]).read_text(encoding="utf-8")
            assert shown == body, f"MODDING.md shows a different {attrs['file']}"
        elif lang == "diff":
            apply_diff(body)
        elif lang == "console":
            run_console(body, capsys)
        elif lang == "":
            check_tree(body)
        else:
            pytest.fail(f"a ```{lang} block the test does not know how to check")
        kinds.append(lang)
    assert {"console", "diff", "yaml", "python", "markdown", "text", ""} <= set(kinds)


def test_reference_matches_the_models() -> None:
    assert START in GUIDE and END in GUIDE
    assert splice(GUIDE) == GUIDE, (
        "MODDING.md's reference is out of date: run "
        "`python -m game.content.docgen --write MODDING.md`"
    )
    assert render_reference() in GUIDE


def test_every_diagnostic_code_is_documented() -> None:
    used: set[str] = set()
    for path in (REPO / "game" / "content").glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.keyword) and node.arg == "code":
                if isinstance(node.value, ast.Constant):
                    used.add(node.value.value)
            elif isinstance(node, ast.Call):
                for arg in node.args:
                    if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                        used |= _kebab(arg.value)
    assert used, "found no codes: the scan is broken"
    assert used <= set(CODES), sorted(used - set(CODES))


def _kebab(text: str) -> set[str]:
    """Kebab-case strings passed to a call are codes (parameter kinds are the only others)."""
    is_code = re.fullmatch(r"[a-z]+(-[a-z]+)+", text) and text not in (
        "positional-only",
        "keyword-only",
    )
    return {text} if is_code else set()
