"""A spare worker: the non-fork way to a warm sandbox (Windows, macOS, CUDA runs, or forced by
`TORCHENSTEIN_SANDBOX=spare`). It imports torch (and for `--device cuda` initialises CUDA), says
it is ready, waits for exactly one job, becomes the sandbox for it and exits. The trusted side
keeps one spare per device and starts the next one when a run ends.

    -> {"dir": JOB_DIR, "limits": {...}}      <- {"ready": true}, then {"layers": [...]}
                                                 before any player code runs

Never imports pygame.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from game.runner.preload import preload


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--device", default="cpu")
    args = parser.parse_args()
    out = os.fdopen(os.dup(1), "w", encoding="utf-8")
    os.dup2(2, 1)
    preload()
    if sys.platform.startswith("linux"):
        from game.runner import syscalls

        syscalls.prctl(syscalls.PR_SET_DUMPABLE, 0)
    if args.device in ("cuda", "mps"):
        import torch

        torch.empty(1, device=args.device)  # pay the device's start-up now, not during Run
    out.write(json.dumps({"ready": True, "pid": os.getpid()}) + "\n")
    out.flush()
    try:
        request = json.loads(sys.stdin.readline())
    except ValueError:  # end of input or garbage: the trusted side no longer needs this spare
        os._exit(0)
    out.flush()
    code = 70
    try:
        from game.runner.sandbox import enter_spare

        puzzle = Path(request["puzzle"]) if request.get("puzzle") else None
        limits = request["limits"]
        enter_spare(Path(request["dir"]), limits, args.device, out.fileno(), puzzle)
        code = 0
    finally:
        os._exit(code)


if __name__ == "__main__":
    main()
