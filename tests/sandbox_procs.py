"""Processes a check may leave, as the sandbox tests see them: nothing of a finished run may
stay under the runner's zygote, only the standby it forks for the next run (one run parent
whose only child, the next run's init, has started nothing); and the `sleep MARKER` processes a
test's run starts to see whether anything outlives the check."""

from __future__ import annotations

import os
from pathlib import Path

from game.runner.runtree import children, descendants


def leftovers(zygote_pid: int) -> list[int]:
    """The processes under the zygote that are not its standby."""
    left = descendants(zygote_pid)
    direct = children(zygote_pid)
    if len(direct) == 1:
        inits = children(direct[0])
        if len(inits) <= 1 and all(descendants(init) == [] for init in inits):
            standby = {direct[0], *inits}
            return [pid for pid in left if pid not in standby]
    return left


def sleepers(marker: str) -> list[int]:
    """Every `sleep MARKER` process on the machine: a test's run starts them to see whether
    anything of it outlives the check."""
    found = []
    for name in os.listdir("/proc"):
        try:
            argv = Path(f"/proc/{name}/cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if len(argv) > 1 and argv[0].endswith(b"sleep") and argv[1] == marker.encode():
            found.append(int(name))
    return found
