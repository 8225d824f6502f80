"""Judging cases while the run is still going: each case is read and compared as soon as its
files are complete in the run's out folder, so the judge's work overlaps the run's instead of
following it. The final `judge` then only adds what came late and the run as a whole.

A case judged early is judged exactly as it would be late: its files appear whole or not at all
(the run's parent links them into place), and a case's result depends only on its own files.
Imports torch (through the judge); never pygame.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from game.runner.bundle import Bundle, PreparedCase
from game.runner.judge import judge_case
from game.runner.protocol import CaseResult
from game.runner.runfiles import read_report


class CaseWatch:
    """The cases of one run judged so far, in order: their reports, results and the verdict
    each pushes for."""

    def __init__(self, bundle: Bundle, cases: list[PreparedCase], out: Path, device: str) -> None:
        self.bundle = bundle
        self.cases = cases
        self.out = out
        self.device = device
        self.reports: list[dict[str, Any] | None] = []
        self.results: list[tuple[CaseResult, str | None]] = []
        self.stopped = False

    @property
    def seen(self) -> int:
        return len(self.reports)

    def ahead(self) -> int:
        """Judge every case whose report has appeared since the last call; returns how many
        cases are judged so far. Stops at the first gap (cases finish in order) and for good at
        anything odd, which the final judge then meets and explains itself."""
        while not self.stopped and self.seen < len(self.cases):
            index = self.seen
            path = self.out / f"case_{index}.json"
            if not path.exists():
                break
            problems: list[str] = []
            report = read_report(path, problems)
            if problems or report is None:
                self.stopped = True
                break
            self.reports.append(report)
            self.results.append(
                judge_case(self.bundle, self.cases[index], report, self.out, index, self.device)
            )
        return self.seen
