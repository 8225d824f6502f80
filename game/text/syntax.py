"""Syntax tokens for Python, line by line, from pygments. Lexing a whole file on every key is
far too slow (about 50 ms for 1,000 lines), so each line is lexed alone and cached by its text
and its entry state (inside a triple-quoted string or not), which a cheap scanner carries from
line to line. Must not import pygame or torch.
"""

from __future__ import annotations

import re
from collections import OrderedDict

from pygments.lexers.python import PythonLexer
from pygments.token import (
    Comment,
    Error,
    Keyword,
    Name,
    Number,
    Operator,
    Punctuation,
    String,
    _TokenType,
)

from game.text.buffer import Buffer

# A span is (kind, text); kinds are what the UI palette colours.
Span = tuple[str, str]
KINDS = (
    "text", "keyword", "constant", "builtin", "self", "function", "class", "decorator",
    "string", "escape", "number", "comment", "operator", "punct", "error",
)  # fmt: skip

_KIND_OF: dict[_TokenType, str] = {
    Keyword: "keyword",
    Keyword.Constant: "constant",
    Name.Builtin: "builtin",
    Name.Builtin.Pseudo: "self",
    Name.Exception: "builtin",
    Name.Function: "function",
    Name.Class: "class",
    Name.Decorator: "decorator",
    Name.Namespace: "text",
    String: "string",
    String.Escape: "escape",
    String.Interpol: "escape",
    Number: "number",
    Comment: "comment",
    Operator: "operator",
    Operator.Word: "keyword",
    Punctuation: "punct",
    Error: "error",
}

# Entry states: "" (code) or the triple quote a line starts inside of.
_TRIPLES = ('"""', "'''")
_INTERESTING = re.compile(r"[#'\"]")
_CLOSERS = {q: re.compile(r"\\.|" + re.escape(q), re.S) for q in ('"""', "'''", '"', "'")}


def kind_of(ttype: _TokenType) -> str:
    while ttype not in _KIND_OF and ttype.parent is not None:
        ttype = ttype.parent
    return _KIND_OF.get(ttype, "text")


def _close(text: str, start: int, quote: str) -> int:
    """Index just after the quote closing a string opened before `start`, or -1."""
    for match in _CLOSERS[quote].finditer(text, start):
        if match.group() == quote:
            return match.end()
    return -1


def exit_state(text: str, state: str) -> str:
    """The state the next line starts in, given this line's text and entry state."""
    i = 0
    if state:
        i = _close(text, 0, state)
        if i < 0:
            return state
    while match := _INTERESTING.search(text, i):
        ch, j = match.group(), match.start()
        if ch == "#":
            return ""
        quote = ch * 3 if text.startswith(ch * 3, j) else ch
        i = _close(text, j + len(quote), quote)
        if i < 0:
            # An unclosed one-line string ends with its line (Python reports it as an error).
            return quote if quote in _TRIPLES else ""
    return ""


class Highlighter:
    """Spans for each line of `buffer`, following its edits."""

    def __init__(self, buffer: Buffer, cache_size: int = 8192) -> None:
        self._buffer = buffer
        self._entry: list[str] = [""]  # entry states known so far, for lines 0..len-1
        self._cache: OrderedDict[tuple[str, str], tuple[Span, ...]] = OrderedDict()
        self._cache_size = cache_size
        self._lexer = PythonLexer(stripnl=False, ensurenl=False)
        buffer.listeners.append(self._invalidate)

    def _invalidate(self, first_line: int) -> None:
        # Line `first_line` still starts in the same state; the ones after it may not.
        del self._entry[first_line + 1 :]

    def entry_state(self, line: int) -> str:
        lines = self._buffer.lines
        while len(self._entry) <= line:
            i = len(self._entry) - 1
            self._entry.append(exit_state(lines[i], self._entry[i]))
        return self._entry[line]

    def key(self, line: int) -> tuple[str, str]:
        """What a line's look depends on: its entry state and its text."""
        return self.entry_state(line), self._buffer.line(line)

    def spans(self, line: int) -> tuple[Span, ...]:
        key = self.key(line)
        found = self._cache.get(key)
        if found is not None:
            self._cache.move_to_end(key)
            return found
        found = self._lex(*key)
        self._cache[key] = found
        if len(self._cache) > self._cache_size:
            self._cache.popitem(last=False)
        return found

    def _lex(self, state: str, text: str) -> tuple[Span, ...]:
        # Lexing the line behind its open quote makes pygments see the string it continues.
        skip = len(state)
        spans: list[Span] = []
        for ttype, value in self._lexer.get_tokens(state + text):
            if skip:
                cut = min(skip, len(value))
                value, skip = value[cut:], skip - cut
                if not value:
                    continue
            kind = kind_of(ttype)
            if spans and spans[-1][0] == kind:
                spans[-1] = (kind, spans[-1][1] + value)
            else:
                spans.append((kind, value))
        return tuple(spans)
