"""Text markup shared by dialogue and briefs: inline spans and Markdown blocks.

Inline: `code`, **bold**, *italic* and MkDocs icon tokens `:material-name:` (drawn as small
pixel glyphs, never shown raw). Blocks: headings, paragraphs, bullet and numbered lists, fenced
code, quotes and MkDocs admonitions (`!!! kind "Title"`). PURE: no pygame, no torch.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

Style = Literal["plain", "code", "bold", "italic", "glyph"]
BlockKind = Literal["heading", "para", "bullet", "number", "code", "quote", "rule"]

_INLINE = re.compile(
    r"(?P<code>`[^`\n]+`)"
    r"|(?P<glyph>:(?:material|fontawesome|octicons)-[a-z0-9-]+:)"
    r"|(?P<bold>\*\*[^*\n]+\*\*|__[^_\n]+__)"
    r"|(?P<italic>\*[^*\s][^*\n]*\*|(?<![\w])_[^_\s][^_\n]*_(?![\w]))"
)


@dataclass(frozen=True)
class Span:
    text: str
    style: Style = "plain"


@dataclass(frozen=True)
class Block:
    kind: BlockKind
    text: str
    level: int = 0  # heading level, or list indent depth
    marker: str = ""  # "1." for numbered items, admonition kind for quotes
    title: str = ""  # admonition title


def parse_inline(text: str) -> list[Span]:
    """Split text into styled spans. Unclosed markers stay as plain text."""
    spans: list[Span] = []
    pos = 0
    for match in _INLINE.finditer(text):
        if match.start() > pos:
            spans.append(Span(text[pos : match.start()]))
        kind = match.lastgroup
        raw = match.group()
        if kind == "code":
            spans.append(Span(raw[1:-1], "code"))
        elif kind == "glyph":
            spans.append(Span(raw.strip(":").split("-", 1)[1], "glyph"))
        elif kind == "bold":
            spans.append(Span(raw[2:-2], "bold"))
        else:
            spans.append(Span(raw[1:-1], "italic"))
        pos = match.end()
    if pos < len(text):
        spans.append(Span(text[pos:]))
    return [s for s in spans if s.text]


def plain_text(text: str) -> str:
    """The text with markup removed and glyph tokens dropped (for history, saves, describe())."""
    out = "".join(s.text for s in parse_inline(text) if s.style != "glyph")
    return re.sub(r"[ \t]{2,}", " ", out).strip()


_HEADING = re.compile(r"^(#{1,6})\s+(.*)$")
_BULLET = re.compile(r"^(\s*)[-*+]\s+(.*)$")
_NUMBER = re.compile(r"^(\s*)(\d+)[.)]\s+(.*)$")
_ADMONITION = re.compile(r"^(?:!!!|\?\?\?\+?)\s*([a-z]+)(?:\s+\"([^\"]*)\")?\s*$")


def parse_markdown(source: str) -> list[Block]:
    """A small, forgiving Markdown reader for puzzle briefs and story text."""
    blocks: list[Block] = []
    lines = source.replace("\r\n", "\n").split("\n")
    para: list[str] = []

    def flush() -> None:
        if para:
            blocks.append(Block("para", " ".join(s.strip() for s in para)))
            para.clear()

    i = 0
    while i < len(lines):
        line = lines[i]
        stripped = line.strip()
        if stripped.startswith("```"):
            flush()
            body: list[str] = []
            i += 1
            while i < len(lines) and not lines[i].strip().startswith("```"):
                body.append(lines[i])
                i += 1
            blocks.append(Block("code", "\n".join(body), marker=stripped[3:].strip()))
        elif not stripped:
            flush()
        elif m := _HEADING.match(stripped):
            flush()
            blocks.append(Block("heading", m.group(2).strip(), level=len(m.group(1))))
        elif stripped in ("---", "***", "___"):
            flush()
            blocks.append(Block("rule", ""))
        elif m := _ADMONITION.match(stripped):
            flush()
            j = i + 1
            while j < len(lines) and (_indented(lines[j]) or _blank_inside(lines, j)):
                j += 1
            quote = " ".join(s.strip() for s in lines[i + 1 : j] if s.strip())
            blocks.append(Block("quote", quote, marker=m.group(1), title=m.group(2) or ""))
            i = j - 1
        elif stripped.startswith(">"):
            flush()
            blocks.append(Block("quote", stripped.lstrip("> ").strip()))
        elif m := _BULLET.match(line):
            flush()
            blocks.append(Block("bullet", m.group(2).strip(), level=len(m.group(1)) // 2))
        elif m := _NUMBER.match(line):
            flush()
            depth = len(m.group(1)) // 2
            blocks.append(Block("number", m.group(3).strip(), level=depth, marker=f"{m.group(2)}."))
        elif not para and blocks and blocks[-1].kind in ("bullet", "number") and line[:2] == "  ":
            last = blocks.pop()  # a wrapped list item continues on an indented line
            blocks.append(Block(last.kind, f"{last.text} {stripped}", last.level, last.marker))
        else:
            para.append(line)
        i += 1
    flush()
    return blocks


def _indented(line: str) -> bool:
    return line.startswith(("    ", "\t"))


def _blank_inside(lines: list[str], j: int) -> bool:
    """A blank line that an indented admonition body continues after."""
    return not lines[j].strip() and j + 1 < len(lines) and _indented(lines[j + 1])
