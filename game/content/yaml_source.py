"""Safe YAML reading that remembers where every key and item came from.

Only plain YAML (mappings, sequences, strings, numbers, booleans, null) is accepted. Tags such as
`!!python/object` and duplicate keys are reported (every one of them, with its line) and the rest
of the file is still read, so one run lists all problems; non-UTF-8 bytes, oversized files, deep
nesting and alias bombs stop the file at once. Nothing is ever constructed from a tag, so no
content can execute. Must not import pygame or torch.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from game.content.diagnostics import ContentError, Diagnostic

MAX_BYTES = 512 * 1024
MAX_DEPTH = 40
MAX_NODES = 50_000
_TAG = "tag:yaml.org,2002:"
_PLAIN_TAGS = {_TAG + t for t in ("str", "int", "float", "bool", "null", "seq", "map")}
# YAML 1.1 reads these unquoted words as dates and booleans; writers mean the text they typed
# (`text: no` must stay "no"), and pydantic still accepts "yes"/"on" where a boolean is wanted.
_TEXT_TAGS = {_TAG + "timestamp"}
_TRUE_BOOLS = {"true", "false"}

Path_ = tuple[str | int, ...]


@dataclass
class YamlDocument:
    """Parsed data plus the line (1-based) of every mapping key and sequence item.

    `problems` holds what was wrong but did not stop the reading (duplicate keys, tags); a
    document with problems is never used as content.
    """

    file: str
    data: Any
    lines: dict[Path_, int] = field(default_factory=dict)
    problems: list[Diagnostic] = field(default_factory=list)
    voided: set[Path_] = field(default_factory=set)
    """Paths whose value was dropped (a forbidden tag): schema errors there would be noise."""

    def line_of(self, path: Path_) -> int:
        """The line of `path`, or of its nearest recorded ancestor."""
        path = tuple(path)
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get((), 1)


class _Walker:
    def __init__(self, doc: YamlDocument, constructor: yaml.SafeLoader):
        self.doc = doc
        self.constructor = constructor
        self.count = 0

    def _diag(self, node: yaml.Node, code: str, message: str) -> Diagnostic:
        return Diagnostic(
            file=self.doc.file, line=node.start_mark.line + 1, code=code, message=message
        )

    def fail(self, node: yaml.Node, code: str, message: str) -> ContentError:
        return ContentError([*self.doc.problems, self._diag(node, code, message)])

    def note(self, node: yaml.Node, code: str, message: str) -> None:
        self.doc.problems.append(self._diag(node, code, message))

    def convert(self, node: yaml.Node, path: Path_) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise self.fail(node, "yaml-too-large", f"more than {MAX_NODES} values (alias bomb?)")
        if len(path) > MAX_DEPTH:
            raise self.fail(node, "yaml-too-deep", f"nested more than {MAX_DEPTH} levels deep")
        if isinstance(node, yaml.ScalarNode):
            return self.scalar(node, path)
        if node.tag not in _PLAIN_TAGS:
            return self.void(node, path)
        if isinstance(node, yaml.MappingNode):
            return self.mapping(node, path)
        items = []
        for index, item in enumerate(node.value):
            self.doc.lines[(*path, index)] = item.start_mark.line + 1
            items.append(self.convert(item, (*path, index)))
        return items

    def void(self, node: yaml.Node, path: Path_) -> None:
        self.note(node, "yaml-tag", _tag_message(node.tag))
        self.doc.voided.add(path)
        return None

    def scalar(self, node: yaml.ScalarNode, path: Path_) -> Any:
        if node.tag in _TEXT_TAGS:
            return node.value
        if node.tag == _TAG + "bool" and node.value.lower() not in _TRUE_BOOLS:
            return node.value
        if node.tag not in _PLAIN_TAGS:
            return self.void(node, path)
        return self.constructor.construct_object(node)

    def mapping(self, node: yaml.MappingNode, path: Path_) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self.note(key_node, "yaml-key", "mapping keys must be plain words")
                continue
            # The key as typed: `on:` or `1:` must not turn into True or 1.
            key = key_node.value
            if key in out:
                first = self.doc.lines.get((*path, key))
                self.note(
                    key_node,
                    "yaml-duplicate-key",
                    f"the key `{key}` appears twice in the same mapping (first on line "
                    f"{first}); keep one",
                )
                continue
            self.doc.lines[(*path, key)] = key_node.start_mark.line + 1
            out[key] = self.convert(value_node, (*path, key))
        return out


def _tag_message(tag: str) -> str:
    shown = tag.replace(_TAG, "!!")
    return f"the tag `{shown}` is not allowed: content files hold plain data only"


def _line_of(mark: yaml.Mark | None) -> int | None:
    return mark.line + 1 if mark is not None else None


def explain_syntax_error(exc: yaml.MarkedYAMLError, text: str) -> tuple[int, str]:
    """PyYAML's complaint as (line, plain words with a likely fix). The line is the one the
    writer has to change: for an unclosed quote or a key without its colon that is where the
    parser *started* reading, not where it gave up."""
    problem = exc.problem or exc.context or "malformed YAML"
    at = _line_of(exc.problem_mark) or _line_of(exc.context_mark) or 1
    started = _line_of(exc.context_mark)
    lines = text.splitlines()
    raw = lines[at - 1] if 0 < at <= len(lines) else ""
    if "\t" in problem or raw[: len(raw) - len(raw.lstrip())].count("\t"):
        return at, (
            "YAML syntax: a tab character in the indentation; YAML indents with spaces only "
            "(set your editor to insert spaces for Tab)"
        )
    if "could not find expected ':'" in problem and started is not None:
        return started, (
            "YAML syntax: this line looks like a key without its colon; write `key: value` "
            "(or put the text in quotes if it is not a key)"
        )
    if "mapping values are not allowed" in problem:
        return at, (
            "YAML syntax: a `: ` inside unquoted text starts a second key; put the whole text "
            'in quotes, e.g. `- prof: "Behold: a tensor"`'
        )
    if exc.context == "while scanning a quoted scalar" and started is not None:
        return started, (
            "YAML syntax: a quote opened on this line is never closed; end the text with the "
            "same quote mark it starts with"
        )
    if "expected <block end>" in problem or "expected <block mapping start>" in problem:
        where = f" (the block above starts on line {started})" if started else ""
        return at, (
            "YAML syntax: this line's indentation does not fit the lines above it"
            f"{where}; keys of one mapping line up exactly, items of a list start with `- ` "
            "at one indentation"
        )
    if "did not find expected" in problem and "-" in problem:
        return at, (
            "YAML syntax: a list item (`- ...`) where a key was expected, or the other way "
            "round; check this line's indentation"
        )
    return at, f"YAML syntax: {problem}; check indentation, colons and quotes on this line"


def parse_yaml(text: str, file: str) -> YamlDocument:
    """Parse one YAML document from `text`; raises ContentError with the line on any problem
    that stops reading. Problems that do not stop it are left in `doc.problems`."""
    doc = YamlDocument(file=file, data=None)
    loader: yaml.SafeLoader | None = None
    try:
        loader = yaml.SafeLoader(text)  # already reads, so it may raise ReaderError
        root = loader.get_single_node()
        if root is None:
            raise ContentError(
                [Diagnostic(file=file, line=1, code="yaml-empty", message="the file is empty")]
            )
        doc.lines[()] = root.start_mark.line + 1
        doc.data = _Walker(doc, loader).convert(root, ())
    except yaml.MarkedYAMLError as exc:
        line, message = explain_syntax_error(exc, text)
        raise ContentError(
            [Diagnostic(file=file, line=line, code="yaml-syntax", message=message)]
        ) from None
    except yaml.reader.ReaderError as exc:
        line = text[: exc.position].count("\n") + 1
        raise ContentError(
            [
                Diagnostic(
                    file=file,
                    line=line,
                    code="yaml-character",
                    message=f"a character YAML cannot hold (code {exc.character!r}); remove it",
                )
            ]
        ) from None
    except yaml.YAMLError as exc:
        raise ContentError(
            [Diagnostic(file=file, line=1, code="yaml-syntax", message=f"YAML syntax: {exc}")]
        ) from None
    except RecursionError:
        raise ContentError(
            [Diagnostic(file=file, line=1, code="yaml-too-deep", message="nested far too deep")]
        ) from None
    finally:
        if loader is not None:
            loader.dispose()
    return doc


def read_text(path: Path, display_name: str | None = None, limit: int = MAX_BYTES) -> str:
    """Read a content file as UTF-8 within the size cap; ContentError names what is wrong."""
    name = display_name or str(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ContentError(
            [
                Diagnostic(
                    file=name, line=1, code="io", message=f"cannot read: {exc.strerror or exc}"
                )
            ]
        ) from None
    if len(raw) > limit:
        raise ContentError(
            [
                Diagnostic(
                    file=name,
                    line=1,
                    code="file-too-large",
                    message=f"the file is {len(raw)} bytes; content files are capped at {limit}",
                )
            ]
        )
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ContentError(
            [
                Diagnostic(
                    file=name,
                    line=line,
                    code="encoding",
                    message="the file is not valid UTF-8; save it as UTF-8",
                )
            ]
        ) from None


def read_yaml(path: Path, display_name: str | None = None) -> YamlDocument:
    """Read and parse a YAML file with the size and encoding checks."""
    name = display_name or str(path)
    return parse_yaml(read_text(path, name), name)
