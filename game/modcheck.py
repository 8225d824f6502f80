"""The child process of the mod-health check (`python -m game.modcheck MOD...`):
runs each mod's puzzles through this process's runner and prints the traps found as JSON.

It sits above both content and the runner so that neither imports the other: the check itself
(`game.modhealth.child_report`) is handed the runner it may use.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from game.modhealth import child_report
from game.persistence.paths import user_home
from game.runner.check import runner_hooks


def main(argv: list[str]) -> int:
    print(json.dumps(child_report([Path(p).resolve() for p in argv], runner_hooks([user_home()]))))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
