"""Checks the runner on a real CUDA machine: every puzzle's reference on cuda, one CUDA
out-of-memory case (must be verdict `memory`) and one device-side assert (verdict `error`, and
the next run must still pass: only that worker was poisoned), and the walls a CUDA run got.
Prints JSON; under 3 minutes.

On a machine without CUDA it prints {"cuda": false, ...} and exits 0. CI never needs a GPU.
Run: `python benchmarks/gpu_check.py`.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BUDGET_S = 170.0
OOM = "import torch\n\ndef summon(n, device):\n    return torch.empty(2**44, device=device)\n"
ASSERT = (
    "import torch\n\ndef summon(n, device):\n"
    "    x = torch.zeros(3, device=device)\n"
    "    bad = x[torch.tensor([10**6], device=device)]\n"
    "    torch.cuda.synchronize()\n"
    "    return bad\n"
)


def main() -> int:
    sys.path.insert(0, str(REPO))
    from game.content.library import load_library
    from game.content.roots import content_roots
    from game.runner.check import check_code
    from game.runner.devices import available_devices

    started = time.monotonic()
    if "cuda" not in available_devices():
        print(
            json.dumps(
                {
                    "cuda": False,
                    "message": "CUDA is not available on this machine; nothing to check.",
                }
            )
        )
        return 0
    import torch

    report: dict[str, object] = {
        "cuda": True,
        "gpu": torch.cuda.get_device_name(0),
        "torch": torch.__version__,
        "puzzles": {},
    }
    puzzles: dict[str, object] = {}
    roots = content_roots([])
    lib = load_library(roots)
    summon_ref = (lib.puzzles["summon_tensors"].folder / "reference.py").read_text(encoding="utf-8")
    for pid, entry in sorted(lib.puzzles.items()):
        if time.monotonic() - started > BUDGET_S - 30:
            puzzles[pid] = {"skipped": "out of time"}
            continue
        if "cuda" not in entry.model.devices:
            puzzles[pid] = {"skipped": "puzzle is CPU-only"}
            continue
        t0 = time.monotonic()
        result = check_code(
            pid,
            (entry.folder / "reference.py").read_text(encoding="utf-8"),
            device="cuda",
            roots=roots,
        )
        puzzles[pid] = {
            "verdict": result.verdict,
            "ms": round((time.monotonic() - t0) * 1000),
            "time_ms": result.metrics.time_ms,
            "peak_memory_bytes": result.metrics.peak_memory_bytes,
            "message": "" if result.verdict == "pass" else result.message[:300],
        }
    report["puzzles"] = puzzles
    oom = check_code("summon_tensors", OOM, device="cuda", roots=roots, mode="try")
    report["oom"] = {
        "verdict": oom.verdict,
        "ok": oom.verdict == "memory",
        "message": oom.message[:300],
    }
    poisoned = check_code("summon_tensors", ASSERT, device="cuda", roots=roots, mode="try")
    after = check_code("summon_tensors", summon_ref, device="cuda", roots=roots)
    report["device_assert"] = {
        "verdict": poisoned.verdict,
        "ok": poisoned.verdict == "error",
        "message": (poisoned.cases[0].message if poisoned.cases else poisoned.message)[:300],
        "next_run": after.verdict,
        "healthy_after": after.verdict == "pass",
    }
    # A GPU run's walls: its own namespaces and Landlock, unless the driver refused them (then
    # the layers say why; see README, threat model)
    report["cuda_layers"] = after.sandbox
    report["cuda_walled"] = "user-ns" in after.sandbox and "landlock-fs" in after.sandbox
    warm = []
    for _ in range(5):
        t0 = time.monotonic()
        check_code("summon_tensors", summon_ref, device="cuda", roots=roots)
        warm.append((time.monotonic() - t0) * 1000)
    report["summon_cuda_warm_ms"] = sorted(warm)[len(warm) // 2]
    checked = [p for p in puzzles.values() if isinstance(p, dict) and "verdict" in p]
    report["all_references_pass"] = all(p["verdict"] == "pass" for p in checked)  # type: ignore[index]
    report["seconds"] = round(time.monotonic() - started, 1)
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
