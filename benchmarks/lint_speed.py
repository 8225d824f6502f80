"""How long lint takes on the shipped content. Prints JSON.

`fast_*`: schema, references, story graph and puzzle files, no puzzle code run (target: < 1 s).
`full_s` (with `--full`): the same plus every puzzle's reference, starter and determinism probes
through the runner, cold (the first call boots the runner).

    python benchmarks/lint_speed.py [--full] [--repeat N]
"""

from __future__ import annotations

import argparse
import json
import statistics
import time

from game.content.library import load_library
from game.content.lint import lint
from game.content.locate import content_root


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--full", action="store_true", help="also time lint with puzzle runs")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    root = content_root()
    lib = load_library([root])
    times = []
    for _ in range(args.repeat):
        started = time.perf_counter()
        fast = lint([root], run_puzzles=False)
        times.append(time.perf_counter() - started)
    report: dict[str, object] = {
        "scenes": len(lib.scenes),
        "nodes": sum(len(s.nodes) for s in lib.scenes.values()),
        "puzzles": len(lib.puzzles),
        "fast_median_s": round(statistics.median(times), 4),
        "fast_max_s": round(max(times), 4),
        "fast_errors": sum(d.severity == "error" for d in fast),
        "fast_warnings": sum(d.severity == "warning" for d in fast),
    }
    if args.full:
        started = time.perf_counter()
        from game.runner.check import runner_hooks

        full = lint([root], run_puzzles=True, runner=runner_hooks())
        report["full_s"] = round(time.perf_counter() - started, 2)
        report["full_errors"] = sum(d.severity == "error" for d in full)
        report["full_warnings"] = sum(d.severity == "warning" for d in full)
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
