"""`torchenstein lint --watch`: lint, then lint again each time a file under the linted
folders changes (saved from the author's editor), until Ctrl+C. Puzzle code is run every time
too (unless `--fast`), so the first runtime failure of a puzzle shows as soon as it is saved.
Must not import pygame or torch.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

POLL_S = 0.5

Stamp = tuple[tuple[str, int, int], ...]


def stamp(paths: list[Path]) -> Stamp:
    """Every file under `paths` with its modification time and size."""
    found = []
    for root in paths:
        files = [root] if root.is_file() else sorted(root.rglob("*")) if root.is_dir() else []
        for path in files:
            if path.is_file() and "__pycache__" not in path.parts:
                st = path.stat()
                found.append((str(path), st.st_mtime_ns, st.st_size))
    return tuple(found)


def watch(
    paths: list[Path],
    once: Callable[[], int],
    *,
    sleep: Callable[[float], None] = time.sleep,
    rounds: int | None = None,
) -> int:
    """Run `once()` now and after every change; returns the last exit code on Ctrl+C (or
    after `rounds` runs, for tests)."""
    code, done = once(), 1
    seen = stamp(paths)
    try:
        while rounds is None or done < rounds:
            sleep(POLL_S)
            now = stamp(paths)
            if now == seen:
                continue
            seen = now
            print(f"\n--- {time.strftime('%H:%M:%S')}: files changed, linting again ---")
            code = once()
            done += 1
    except KeyboardInterrupt:
        pass
    return code
