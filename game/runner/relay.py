"""The report pipe between a run's init and its run parent, and the parent's side of it: the
init writes its layers line, then `CASE_DONE` per finished case and `RUN_DONE` once every result
file is written (the parent passes `RUN_DONE` on to the zygote); the parent copies each result
out of the run's scratch into `JOB/out` as it is reported, with `safeio`, within one budget for
the whole run. Must not import torch or pygame.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass

from game.runner import safeio

# What a run may leave on the host in all (its copies sit outside its memory count): room for
# a mod's case build (512 MB of tensors and 32 MB of JSON, `modbundle`) or eight cases at the
# 64 MB output cap; honest puzzles return kilobytes.
RELAY_BUDGET = 576 * 1024 * 1024
CASE_DONE = b"c"  # init -> run parent, one per finished case
RUN_DONE = b"d"  # init -> run parent -> zygote: every result file is written


@dataclass
class Relay:
    """The run parent's side of the init's report pipe: the layers line, then one byte per
    finished case (`CASE_DONE`), then `RUN_DONE` once the harness has written its last file;
    results are copied out as they come (so the trusted side sees progress)."""

    pipe: int
    scratch: int  # the folder the run writes its results in
    out: int
    cases: int
    max_bytes: int
    copied: int = 0
    budget: int = RELAY_BUDGET

    def layers(self) -> list[str]:
        line = b""
        while not line.endswith(b"\n") and len(line) < 4096:
            chunk = os.read(self.pipe, 1)
            if not chunk:
                break
            line += chunk
        try:
            found = json.loads(line)
        except ValueError:
            return []
        return [str(x)[:40] for x in found][:32] if isinstance(found, list) else []

    def follow(self) -> bool:
        """Copy cases as they are reported; True once the harness says it is done, False when
        the pipe closes first (the init died)."""
        while True:
            try:
                chunk = os.read(self.pipe, 64)
            except OSError:
                return False
            if not chunk:
                return False
            for byte in chunk:
                if byte == RUN_DONE[0]:
                    return True
                if self.copied < self.cases:
                    self._copy_case(self.copied)
                    self.copied += 1

    def _copy(self, name: str) -> None:
        """One file out, within what is left of the run's whole budget (the copies land on the
        host, outside the run's memory count)."""
        room = min(self.max_bytes, self.budget)
        if room > 0 and safeio.copy_regular(name, self.scratch, self.out, room):
            try:
                self.budget -= os.stat(name, dir_fd=self.out, follow_symlinks=False).st_size
            except OSError:
                self.budget = 0

    def _copy_case(self, index: int) -> None:
        for suffix in ("safetensors", "json"):  # the JSON last: the judge reads a case by it
            self._copy(f"case_{index}.{suffix}")

    def finish(self) -> None:
        """After the init died: whatever the run finished but did not report, and done.json."""
        for index in range(self.copied, self.cases):
            self._copy_case(index)
        for name in ("build.safetensors", "build.json", "done.json"):
            self._copy(name)
