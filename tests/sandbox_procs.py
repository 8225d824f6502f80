"""What may stay under the runner's zygote between checks: nothing of a finished run, only the
standby it forks for the next one (one run parent whose only child, the next run's init, has
started nothing). Shared by the sandbox tests that check that no process outlives a check."""

from __future__ import annotations

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
