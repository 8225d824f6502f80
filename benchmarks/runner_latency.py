"""How fast the warm runner answers a small CPU puzzle, against a cold process doing the same.

Prints JSON {warm_p50_ms, warm_p95_ms, back_to_back_p50_ms, cold_p50_ms, ratio, ...}. A warm
check starts `--gap` seconds after the last one ended (0.1 s: a player's checks never come
closer, and the zygote builds the next run's walls in that time); `back_to_back_p50_ms` times
checks with no gap at all, where part of that building is still waited for. Targets (issues #3,
#12): warm p50 <= 50 ms on a 2-core machine, ratio >= 20.
Run: `python benchmarks/runner_latency.py`.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PUZZLE = "summon_tensors"
COLD = (
    "import sys; from game.runner.check import check_code; "
    "r = check_code(sys.argv[1], open(sys.argv[2]).read(), device='cpu'); "
    "sys.exit(0 if r.verdict == 'pass' else 1)"
)


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--warm", type=int, default=40, help="warm runs to time")
    parser.add_argument("--cold", type=int, default=3, help="cold processes to time")
    parser.add_argument("--gap", type=float, default=0.1, help="seconds between warm checks")
    args = parser.parse_args()
    sys.path.insert(0, str(REPO))
    from game.runner.check import check_code

    solution = REPO / "puzzles" / PUZZLE / "reference.py"
    code = solution.read_text(encoding="utf-8")
    for _ in range(3):  # zygote up, puzzle loaded, reference metrics cached
        assert check_code(PUZZLE, code, device="cpu").verdict == "pass"

    def timed(gap: float) -> list[float]:
        times = []
        for _ in range(args.warm):
            time.sleep(gap)
            started = time.perf_counter()
            result = check_code(PUZZLE, code, device="cpu")
            times.append((time.perf_counter() - started) * 1000)
            assert result.verdict == "pass", result.message
        return times

    warm, back_to_back = timed(args.gap), timed(0.0)
    cold = []
    env = dict(os.environ, PYTHONPATH=str(REPO))
    for _ in range(args.cold):
        started = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-c", COLD, PUZZLE, str(solution)], env=env, cwd=REPO
        )
        cold.append((time.perf_counter() - started) * 1000)
        assert done.returncode == 0
    warm_p50, cold_p50 = statistics.median(warm), statistics.median(cold)
    print(
        json.dumps(
            {
                "warm_p50_ms": round(warm_p50, 1),
                "warm_p95_ms": round(percentile(warm, 0.95), 1),
                "back_to_back_p50_ms": round(statistics.median(back_to_back), 1),
                "cold_p50_ms": round(cold_p50, 1),
                "ratio": round(cold_p50 / warm_p50, 1),
                "puzzle": PUZZLE,
                "cases_per_run": len(check_code(PUZZLE, code, device="cpu").cases),
                "warm_runs": args.warm,
                "cold_runs": args.cold,
                "cpus": os.cpu_count(),
                "load_avg_1min": round(os.getloadavg()[0], 2)
                if hasattr(os, "getloadavg")
                else None,
            }
        )
    )


if __name__ == "__main__":
    main()
