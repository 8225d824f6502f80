"""Safe YAML reading that remembers where every key and item came from.

Only plain YAML (mappings, sequences, strings, numbers, booleans, null) is accepted: tags such as
`!!python/object`, duplicate keys, non-UTF-8 bytes, oversized files, deep nesting and alias
bombs are rejected with a line number. Must not import pygame or torch.
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
_PLAIN_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:seq",
    "tag:yaml.org,2002:map",
}

Path_ = tuple[str | int, ...]


@dataclass
class YamlDocument:
    """Parsed data plus the line (1-based) of every mapping key and sequence item."""

    file: str
    data: Any
    lines: dict[Path_, int] = field(default_factory=dict)

    def line_of(self, path: Path_) -> int | None:
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

    def fail(self, node: yaml.Node, code: str, message: str) -> ContentError:
        line = node.start_mark.line + 1
        return ContentError([Diagnostic(file=self.doc.file, line=line, code=code, message=message)])

    def convert(self, node: yaml.Node, path: Path_) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise self.fail(node, "yaml-too-large", f"more than {MAX_NODES} values (alias bomb?)")
        if len(path) > MAX_DEPTH:
            raise self.fail(node, "yaml-too-deep", f"nested more than {MAX_DEPTH} levels deep")
        if node.tag not in _PLAIN_TAGS:
            raise self.fail(
                node,
                "yaml-tag",
                f"the tag `{node.tag}` is not allowed: content files hold plain data only",
            )
        if isinstance(node, yaml.MappingNode):
            out: dict[str, Any] = {}
            for key_node, value_node in node.value:
                if not isinstance(key_node, yaml.ScalarNode):
                    raise self.fail(key_node, "yaml-key", "mapping keys must be plain words")
                key = str(self.constructor.construct_object(key_node))
                if key in out:
                    raise self.fail(
                        key_node,
                        "yaml-duplicate-key",
                        f"the key `{key}` appears twice in the same mapping; keep one",
                    )
                self.doc.lines[path + (key,)] = key_node.start_mark.line + 1
                out[key] = self.convert(value_node, path + (key,))
            return out
        if isinstance(node, yaml.SequenceNode):
            items = []
            for index, item in enumerate(node.value):
                self.doc.lines[path + (index,)] = item.start_mark.line + 1
                items.append(self.convert(item, path + (index,)))
            return items
        return self.constructor.construct_object(node)


def parse_yaml(text: str, file: str) -> YamlDocument:
    """Parse one YAML document from `text`; raises ContentError with the line on any problem."""
    doc = YamlDocument(file=file, data=None)
    loader = yaml.SafeLoader(text)
    try:
        root = loader.get_single_node()
        if root is None:
            raise ContentError(
                [Diagnostic(file=file, line=1, code="yaml-empty", message="the file is empty")]
            )
        doc.lines[()] = root.start_mark.line + 1
        doc.data = _Walker(doc, loader).convert(root, ())
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        problem = exc.problem or exc.context or "malformed YAML"
        raise ContentError(
            [Diagnostic(file=file, line=line, code="yaml-syntax", message=f"YAML syntax: {problem}")]
        ) from None
    except yaml.YAMLError as exc:
        raise ContentError(
            [Diagnostic(file=file, code="yaml-syntax", message=f"YAML syntax: {exc}")]
        ) from None
    finally:
        loader.dispose()
    return doc


def read_yaml(path: Path, display_name: str | None = None) -> YamlDocument:
    """Read and parse a YAML file with the size and encoding checks."""
    name = display_name or str(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ContentError([Diagnostic(file=name, code="io", message=f"cannot read: {exc}")]) from None
    if len(raw) > MAX_BYTES:
        raise ContentError(
            [
                Diagnostic(
                    file=name,
                    code="yaml-too-large",
                    message=f"the file is {len(raw)} bytes; content files are capped at {MAX_BYTES}",
                )
            ]
        )
    try:
        text = raw.decode("utf-8")
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
    return parse_yaml(text, name)
