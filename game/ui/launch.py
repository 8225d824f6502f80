"""`torchenstein play`: builds the `App` from the command line's arguments, runs it, saves the
last frame for `--screenshot` and, for the benchmarks, the frame timings as JSON (to the file
`TORCHENSTEIN_FRAME_LOG` names). Must not import torch.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from game.logging_setup import start_session_log
from game.ui.app import App, Warp
from game.ui.keyscript import KeyScriptError

FRAME_LOG_ENV = "TORCHENSTEIN_FRAME_LOG"


def _write_frame_log(app: App) -> None:
    target = os.environ.get(FRAME_LOG_ENV)
    if not target:
        return
    record = {
        "first_frame_s": app.first_frame_s,
        "frame_times_s": app.frame_times,
        "first_frame_wall": app.launched_wall + (app.first_frame_s or 0.0),
    }
    Path(target).write_text(json.dumps(record), encoding="utf-8")


def run_game(args: argparse.Namespace) -> int:
    """Play. Returns the process exit code."""
    start_session_log("play")
    at = getattr(args, "at", None)
    warp = Warp(at, tuple(args.flag or []), tuple(args.solved or [])) if at else None
    try:
        app = App(
            list(args.mod or []),
            headless=bool(args.headless),
            dev=bool(getattr(args, "dev", False)),
            warp=warp,
            keys=getattr(args, "keys", None),
        )
    except KeyScriptError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    try:
        code = app.run(frames=args.frames)
        if args.screenshot:
            app.screenshot(Path(args.screenshot))
        _write_frame_log(app)
        return code
    finally:
        app.close()
