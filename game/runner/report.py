"""The human-readable report of a `RunResult` for `torchenstein check` without `--json`.

Pure: must not import torch or pygame.
"""

from __future__ import annotations

from game.runner.protocol import CaseResult, RunResult

_MARK = {"pass": "ok  ", "fail": "FAIL", "error": "ERR ", "skipped": "skip"}


def _case_lines(case: CaseResult) -> list[str]:
    lines = [f"  [{_MARK[case.status]}] {case.kind:<7} {case.name}"]
    if case.status in ("fail", "error"):
        lines.append(f"         {case.message}")
        if case.inputs and case.kind != "example":
            lines.append("         inputs: " + "; ".join(p.text for p in case.inputs)[:200])
        if case.expected and case.got:
            lines.append(f"         expected: {case.expected.text}")
            lines.append(f"         got:      {case.got.text}")
        if case.traceback:
            lines.extend("         " + ln for ln in case.traceback.splitlines())
    return lines


def render(result: RunResult, source: str = "") -> str:
    head = f"{result.puzzle} ({result.device}, {result.mode}): {result.verdict.upper()}"
    out = [head, result.message, ""]
    for case in result.cases:
        out.extend(_case_lines(case))
    m = result.metrics
    scores = [f"{m.code_lines} lines", f"{m.duration_ms:.0f} ms total"]
    if m.ops is not None:
        scores.append(f"{m.ops} ops")
    if m.time_ms is not None:
        scores.append(f"{m.time_ms:.2f} ms per call")
    if m.peak_memory_bytes is not None:
        scores.append(f"{m.peak_memory_bytes:,} bytes peak")
    out += ["", "scores: " + ", ".join(scores)]
    ref = result.reference_metrics
    if ref is not None and ref.ops is not None:
        out.append(
            f"the Professor's: {ref.ops} ops, {ref.code_lines} lines, "
            f"{ref.peak_memory_bytes or 0:,} bytes peak"
        )
    if result.stdout:
        out += ["", "printed:", result.stdout.rstrip()[:2000]]
    if source:
        out.insert(1, f"checked {source}")
    return "\n".join(out)
