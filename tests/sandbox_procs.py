"""Processes a check may leave, as the sandbox tests see them: nothing of a finished run that
can still run code may stay under the runner's zygote (a lone run's process is SIGKILLed and may
still be exiting when the check returns), only the standby it forks for the next run (one run
parent whose only child, the next run's init, has started nothing); and the `sleep MARKER`
processes a test's run starts to see whether anything outlives the check."""

from __future__ import annotations

import os
from pathlib import Path

from game.runner.runtree import children, descendants

_PF_EXITING = 0x4
_SIGKILL_BIT = 1 << (9 - 1)


def can_run(pid: int) -> bool:
    """False for a process that will run no more of its code: a zombie, one already exiting,
    or one with SIGKILL pending."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        status = Path(f"/proc/{pid}/status").read_text().splitlines()
    except OSError:
        return False
    if stat[0] in ("Z", "X") or int(stat[6]) & _PF_EXITING:
        return False
    pending = [line.split()[1] for line in status if line.startswith(("SigPnd:", "ShdPnd:"))]
    return not any(int(mask, 16) & _SIGKILL_BIT for mask in pending)


def leftovers(zygote_pid: int) -> list[int]:
    """The processes under the zygote that can still run code and are not its standby."""
    left = [pid for pid in descendants(zygote_pid) if can_run(pid)]
    direct = [pid for pid in children(zygote_pid) if can_run(pid)]
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
