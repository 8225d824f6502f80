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


SHOW_OTHERS = 6


def _case_list(result: RunResult) -> list[str]:
    """Passing cases one line each; failures by group, the smallest in full, the rest by name;
    cases that never ran, counted."""
    out: list[str] = []
    for case in result.cases:
        if case.status == "pass":
            out.extend(_case_lines(case))
    for group in result.groups:
        first, *others = [result.cases[i] for i in group.cases]
        many = f"{len(group.cases)} cases, the smallest first" if others else "1 case"
        out.append(f"  {group.failure_class}: {many}")
        out.extend(_case_lines(first))
        if first.shrunk_from:
            out.append(f"         (shrunk from the failing case '{first.shrunk_from}')")
        if others:
            names = ", ".join(f"'{c.name}'" for c in others[:SHOW_OTHERS])
            more = f" and {len(others) - SHOW_OTHERS} more" if len(others) > SHOW_OTHERS else ""
            out.append(f"         the same kind of failure in {names}{more}")
    skipped = [c for c in result.cases if c.status == "skipped"]
    if skipped:
        out.append(f"  [skip] {len(skipped)} more cases - {skipped[0].message}")
    return out


def render(result: RunResult, source: str = "") -> str:
    head = f"{result.puzzle} ({result.device}, {result.mode}): {result.verdict.upper()}"
    out = [head, result.message, ""]
    out.extend(_case_list(result))
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
    return _printable("\n".join(out))


def _printable(text: str) -> str:
    """The report as a terminal shows it, without the control codes a run's prints or errors
    may carry (an escape sequence could clear the screen and write its own verdict)."""
    return "".join(
        c if c in "\n\t" or not (ord(c) < 32 or 0x7F <= ord(c) < 0xA0) else "\ufffd" for c in text
    )
