"""Diagnostics: one problem in one content file, with the line it is on and a fix to try, and
how a file is named in them.

Must not import pygame or torch.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel

Severity = Literal["error", "warning"]


class Diagnostic(BaseModel):
    """One lint or load problem. Serialised as the `torchenstein lint --json` item."""

    file: str
    line: int | None = None
    severity: Severity = "error"
    code: str
    message: str

    def render(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.severity} [{self.code}] {self.message}"


class ContentError(Exception):
    """Raised when content cannot be used; carries every diagnostic found, not just the first."""

    def __init__(self, diagnostics: list[Diagnostic]):
        self.diagnostics = diagnostics
        super().__init__("\n".join(d.render() for d in diagnostics))


def display_path(path: Path) -> str:
    """How a file is named in diagnostics: relative to the working folder when inside it (so
    editors and terminals can open it), else absolute."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, OSError):
        return str(path)
