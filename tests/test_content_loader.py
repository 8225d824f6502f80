"""The YAML loader and schema validation: safe reading, every error at once, one clear message
per mistake with file, line, key and a likely fix."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.content.diagnostics import ContentError, Diagnostic
from game.content.puzzle_models import Puzzle
from game.content.scene_models import Scene, SpokenLine
from game.content.validate import validate
from game.content.yaml_source import MAX_BYTES, MAX_DEPTH, parse_yaml, read_yaml

GOOD_SCENE = """\
id: demo
title: "Demo"
act: one
speakers:
  prof: {name: "Professor"}
start: static
nodes:
  static:
    lines:
      - "Narration."
      - prof: "Short form."
      - {speaker: prof, text: "Long form."}
      - {text: "Long form narrator."}
    next: end
  end:
    ending: {id: fin, title: "Fin"}
"""


def problems(text: str, model: type = Scene) -> list[Diagnostic]:
    with pytest.raises(ContentError) as info:
        validate(parse_yaml(text, "demo.yaml"), model)
    return info.value.diagnostics


def test_good_scene_loads_every_line_form() -> None:
    scene = validate(parse_yaml(GOOD_SCENE, "demo.yaml"), Scene)
    lines = scene.nodes["static"].lines
    assert lines[0] == "Narration."
    assert lines[1] == {"prof": "Short form."}
    assert lines[2] == SpokenLine(speaker="prof", text="Long form.")
    assert lines[3] == SpokenLine(text="Long form narrator.")


def test_misspelt_key_names_file_line_key_and_fix_once() -> None:
    text = GOOD_SCENE.replace("    next: end", "    nxet: end")
    diags = problems(text)
    assert [d.code for d in diags] == ["unknown-key"]
    (d,) = diags
    assert d.file == "demo.yaml" and d.line == 14
    assert "`nxet`" in d.message and "nodes.static" in d.message
    assert "Did you mean `next`?" in d.message


def test_key_suggestions_come_from_the_model_at_that_spot() -> None:
    text = GOOD_SCENE.replace('prof: {name: "Professor"}', 'prof: {nmae: "Professor"}')
    (d,) = problems(text)
    assert "Did you mean `name`?" in d.message and d.line == 5


def test_unknown_key_without_close_match_lists_allowed_keys() -> None:
    text = GOOD_SCENE.replace("    next: end", "    next: end\n    zzz: 1")
    (d,) = problems(text)
    assert "Allowed here:" in d.message and "`choices`" in d.message


def test_long_line_with_typo_gives_one_message_not_three() -> None:
    text = GOOD_SCENE.replace(
        '{speaker: prof, text: "Long form."}', '{speaker: prof, txt: "Long form."}'
    )
    diags = problems(text)
    assert len(diags) == 1
    assert "`txt`" in diags[0].message and "Did you mean `text`?" in diags[0].message
    assert diags[0].line == 12


def test_short_form_with_two_speakers_is_one_clear_message() -> None:
    text = GOOD_SCENE.replace('- prof: "Short form."', '- {prof: "a", you: "b"}')
    (d,) = problems(text)
    assert "one key" in d.message and d.line == 11


def test_a_number_where_text_belongs_says_to_quote_it() -> None:
    (d,) = problems(GOOD_SCENE.replace('- "Narration."', "- 42"))
    assert "put it in quotes" in d.message and d.line == 10


def test_yes_and_no_stay_text() -> None:
    scene = validate(parse_yaml(GOOD_SCENE.replace('"Narration."', "no"), "demo.yaml"), Scene)
    assert scene.nodes["static"].lines[0] == "no"


def test_bad_target_is_explained_in_words() -> None:
    (d,) = problems(GOOD_SCENE.replace("next: end", "next: The End"))
    assert "is not a target" in d.message and "`scene_id:node_id`" in d.message


def test_every_error_is_reported_at_once_sorted_by_line() -> None:
    text = (
        GOOD_SCENE.replace("title:", "titel:")
        .replace("next: end", "nxet: end")
        .replace("{id: fin,", "{idd: fin,")
    )
    diags = problems(text)
    assert len(diags) >= 3
    assert [d.line for d in diags] == sorted(d.line for d in diags)
    assert all(d.file == "demo.yaml" and d.line for d in diags)


def test_node_needs_exactly_one_exit() -> None:
    (d,) = problems(
        GOOD_SCENE.replace("    next: end", "    next: end\n    choices: [{text: a, goto: end}]")
    )
    assert "exactly one of" in d.message and "found: choices, next" in d.message


def test_python_tags_are_rejected_and_never_constructed(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    text = GOOD_SCENE.replace('"Narration."', f"!!python/object/apply:os.system ['touch {marker}']")
    diags = problems(text)
    assert diags[0].code == "yaml-tag" and diags[0].line == 10
    assert "plain data only" in diags[0].message
    assert len(diags) == 1, "the dropped value must not cause a second, confusing error"
    assert not marker.exists()


def test_duplicate_keys_are_each_reported_with_the_first_line() -> None:
    text = GOOD_SCENE + "  end:\n    next: static\n" + "title: again\n"
    diags = problems(text)
    dupes = [d for d in diags if d.code == "yaml-duplicate-key"]
    assert [d.line for d in dupes] == [17, 19]
    assert "first on line 15" in dupes[0].message


def test_non_utf8_file_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_bytes(b"id: x\ntitle: caf\xe9\n")
    with pytest.raises(ContentError) as info:
        read_yaml(path, "bad.yaml")
    (d,) = info.value.diagnostics
    assert d.code == "encoding" and d.line == 2


def test_utf8_bom_is_fine(tmp_path: Path) -> None:
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + GOOD_SCENE.encode())
    assert validate(read_yaml(path, "bom.yaml"), Scene).id == "demo"


def test_huge_file_is_refused_before_parsing(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    path.write_bytes(b"# " + b"x" * MAX_BYTES)
    with pytest.raises(ContentError) as info:
        read_yaml(path)
    assert info.value.diagnostics[0].code == "file-too-large"


def test_deep_nesting_is_refused() -> None:
    text = "a: " + "[" * (MAX_DEPTH + 5) + "]" * (MAX_DEPTH + 5)
    with pytest.raises(ContentError) as info:
        parse_yaml(text, "deep.yaml")
    assert info.value.diagnostics[0].code == "yaml-too-deep"


def test_alias_bomb_is_refused() -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [
        f"a{i}: &a{i} [*a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}]"
        for i in range(1, 9)
    ]
    with pytest.raises(ContentError) as info:
        parse_yaml("\n".join(lines), "bomb.yaml")
    assert info.value.diagnostics[0].code == "yaml-too-large"


def test_syntax_error_has_a_line() -> None:
    with pytest.raises(ContentError) as info:
        parse_yaml("id: x\nnodes: [a, b\ntitle: y\n", "s.yaml")
    (d,) = info.value.diagnostics
    assert d.code == "yaml-syntax" and d.line is not None


def test_two_documents_are_refused() -> None:
    with pytest.raises(ContentError) as info:
        parse_yaml("a: 1\n---\nb: 2\n", "two.yaml")
    assert info.value.diagnostics[0].line == 2


def test_empty_file_is_an_error() -> None:
    with pytest.raises(ContentError) as info:
        parse_yaml("# nothing\n", "empty.yaml")
    assert info.value.diagnostics[0].code == "yaml-empty"


def test_puzzle_devices_must_include_cpu() -> None:
    text = (
        "id: p\ntitle: P\nchapter: one\ntopic: t\nentry: f\nsignature: f()\n"
        "devices: [cuda]\nhints: [a, b, c]\n"
    )
    (d,) = problems(text, Puzzle)
    assert "`cpu`" in d.message
