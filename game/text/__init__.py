"""The editor's pure text logic: buffer, caret and selection, undo/redo, Python-aware editing
commands, find, syntax tokens and a file watch. Must not import pygame or torch (the UI draws
what this package computes; see `game/ui/editor/`).
"""

from game.text.buffer import Buffer, Pos, clean_text
from game.text.editor import Editor
from game.text.filewatch import FileWatch
from game.text.markers import Marker, MarkerKind
from game.text.syntax import Highlighter, Span

__all__ = [
    "Buffer",
    "Editor",
    "FileWatch",
    "Highlighter",
    "Marker",
    "MarkerKind",
    "Pos",
    "Span",
    "clean_text",
]
