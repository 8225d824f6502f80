"""Deciding a run in the trusted process: read what the sandbox left in the job folder, check
each case against the expected values (`casecheck`), and build the `RunResult` (per-case
results, verdict, metrics).

Nothing the sandbox wrote is believed except as evidence against the player: outputs are
compared here, missing payloads are errors whatever the exit code, and stdout is never parsed.
Imports torch; never pygame.
"""

from __future__ import annotations

import statistics
from pathlib import Path
from typing import TYPE_CHECKING, Any

import torch
from torch.utils._pytree import tree_flatten

from game.content.puzzle_models import Rules
from game.content.rule_visitor import Problem
from game.content.static_rules import count_code_lines
from game.runner.bundle import Bundle, PreparedCase
from game.runner.casecheck import check_case
from game.runner.failures import is_memory, run_failure
from game.runner.grouping import group_failures, without_internals
from game.runner.jobspec import STDOUT_MAX
from game.runner.preview import preview
from game.runner.protocol import CaseResult, FailureClass, Metrics, Mode, RunResult
from game.runner.runfiles import (
    STDOUT_KEEP,
    read_json,
    read_layers,
    read_report,
    read_stdout,
    read_tensors,
    trace_op,
)
from game.runner.tracing import TRACE_CAP
from game.runner.workerio import Exit

if TYPE_CHECKING:
    from game.runner.casewatch import CaseWatch

PRIORITY = ["rule_violation", "timeout", "memory", "output_limit", "error", "fail", "pass"]


def _code_metrics(code: str) -> Metrics:
    return Metrics(code_lines=count_code_lines(code), code_chars=len(code.strip()))


def case_size(prepared: PreparedCase) -> int:
    """Elements of the case's tensors plus the magnitudes of its integers: what "smallest
    failing case" is measured in."""
    total = 0
    for value in tree_flatten((prepared.case.args, prepared.case.kwargs))[0]:
        if isinstance(value, torch.Tensor):
            total += value.numel()
        elif isinstance(value, int) and not isinstance(value, bool):
            total += abs(value)
    return total


def judge_static(
    puzzle: str, device: str, mode: Mode, code: str, problems: list[Problem], rules: Rules | None
) -> RunResult:
    first = problems[0]
    verdict = "rule_violation" if first.kind == "rule" else "error"
    case = CaseResult(
        name="your code",
        kind="example",
        status="error",
        message=first.message,
        failure_class="rule" if first.kind == "rule" else first.kind,
        line=first.line,
    )
    extra = [
        CaseResult(
            name="your code",
            kind="example",
            status="error",
            message=p.message,
            failure_class="rule" if p.kind == "rule" else p.kind,
            line=p.line,
        )
        for p in problems[1:]
    ]
    return RunResult(
        puzzle=puzzle,
        device=device,
        mode=mode,
        verdict=verdict,  # type: ignore[arg-type]
        message=first.message[:1].upper() + first.message[1:],
        line=first.line,
        cases=[case, *extra],
        metrics=_code_metrics(code),
        groups=group_failures([case, *extra]),
        rules=rules,
    )


def _case_result(
    bundle: Bundle,
    prepared: PreparedCase,
    report: dict[str, Any] | None,
    tensors: dict[str, torch.Tensor],
    device: str,
    missing: tuple[str, str] | None,
) -> tuple[CaseResult, str | None]:
    """A case's result and the verdict it pushes for (None for pass)."""
    result = CaseResult(name=prepared.case.name, kind=prepared.kind, status="pass")  # type: ignore[arg-type]
    push: str | None = None
    got: Any = None
    if report is None:
        verdict, sentence = missing or ("error", "not run")
        result.status = "error" if missing else "skipped"
        result.message = sentence if missing else "not run: the run stopped at an earlier case"
        result.failure_class = _MISSING_CLASS.get(verdict, "exception") if missing else None
        push = verdict if missing else None
    elif report.get("status") == "ok":
        status, message, fclass, got, bad = check_case(bundle, prepared, report, tensors, device)
        result.status, result.message, result.failure_class = status, message, fclass  # type: ignore[assignment]
        if bad is not None:
            result.max_abs_diff, result.mismatch_index = bad.max_abs_diff, bad.mismatch_index
        push = None if status == "pass" else "fail"
    elif report.get("status") == "rule":
        result.status, result.failure_class, result.line = "error", "rule", report.get("line")
        where = f"line {result.line}: " if result.line else ""
        said = str(report.get("message") or f"`{report.get('rule')}` is forbidden in this puzzle")
        result.message = (where + said)[:600]
        push = "rule_violation"
    elif report.get("status") == "output_limit":
        result.status, result.failure_class = "error", "output_limit"
        result.message = (
            f"your function returned {int(report.get('bytes', 0)):,} bytes of tensors, "
            "far more than any answer here needs"
        )
        push = "output_limit"
    else:
        memory = is_memory(report)
        result.status, result.failure_class = "error", "memory" if memory else "exception"
        text = f"{report.get('type', 'Error')}: {report.get('message', '')}".strip()
        result.message = without_internals(text)[:600]
        result.line = report.get("line")
        result.traceback = without_internals(str(report.get("traceback") or "")) or None
        push = "memory" if memory else "error"
    result.size = case_size(prepared)
    show = prepared.kind == "example" or result.status != "pass"
    if show:
        args = [*prepared.case.args, *prepared.case.kwargs.values()]
        result.inputs = [preview(a, device) for a in args]
        result.expected = preview(prepared.expected, device)
        if report is not None and report.get("status") == "ok":
            result.got = preview(got, device)
        if report and report.get("trace"):
            result.trace = [trace_op(op) for op in report["trace"][:TRACE_CAP]]
    return result, push


def _metrics(code: str, cases: list[PreparedCase], reports: list[dict[str, Any] | None]) -> Metrics:
    metrics = _code_metrics(code)
    examples = [
        r
        for p, r in zip(cases, reports, strict=True)
        if p.kind == "example" and r and r.get("status") == "ok"
    ]
    try:
        if examples:
            metrics.time_ms = statistics.median(float(r.get("time_ms", 0.0)) for r in examples)
            metrics.ops = max(int(r.get("ops", 0)) for r in examples)
            metrics.peak_memory_bytes = max(int(r.get("peak_bytes", 0)) for r in examples)
    except (TypeError, ValueError, ArithmeticError):  # garbled numbers are no scores at all
        metrics = _code_metrics(code)
    return metrics


# A case the sandbox never reported on fails for the reason the whole run stopped.
_MISSING_CLASS: dict[str, FailureClass] = {
    "timeout": "timeout",
    "memory": "memory",
    "output_limit": "output_limit",
}

_VERDICT_CLASS = {
    "rule_violation": "rule",
    "timeout": "timeout",
    "memory": "memory",
    "output_limit": "output_limit",
}


def _summary(verdict: str, results: list[CaseResult]) -> str:
    if verdict == "pass":
        return f"All {len(results)} cases passed."
    bad = [r for r in results if r.status in ("fail", "error")]
    if not bad:
        return "Not passed."
    cls = _VERDICT_CLASS.get(verdict)
    first = next((r for r in bad if r.failure_class == cls), bad[0])  # the case behind the verdict
    return f"{len(bad)} of {len(results)} cases did not pass. '{first.name}': {first.message}"


def judge_case(
    bundle: Bundle,
    prepared: PreparedCase,
    report: dict[str, Any],
    job_dir: Path,
    index: int,
    device: str,
) -> tuple[CaseResult, str | None]:
    """A reported case's result and the verdict it pushes for (None for pass)."""
    try:
        tensors = read_tensors(job_dir / f"case_{index}.safetensors")
        return _case_result(bundle, prepared, report, tensors, device, None)
    except Exception:  # a malformed answer is the sandbox's doing, so the player's
        unreadable = {
            "status": "exception",
            "type": "Error",
            "message": "the sandbox's answer could not be read",
        }
        return _case_result(bundle, prepared, unreadable, {}, device, None)


def judge(
    bundle: Bundle,
    code: str,
    device: str,
    mode: Mode,
    cases: list[PreparedCase],
    job_dir: Path,
    ended: Exit,
    launch_error: str | None,
    watch: CaseWatch | None = None,
) -> RunResult:
    """The verdict on a finished run from what it left in `job_dir`; `watch`: the cases judged
    while it ran."""

    problems: list[str] = []
    done = read_json(job_dir / "done.json", problems)
    done = done if isinstance(done, dict) else None
    stdout, truncated, stdout_bytes = read_stdout(job_dir)
    failure = run_failure(ended, done, stdout_bytes, STDOUT_MAX, launch_error, stdout)
    early = watch.seen if watch is not None else 0
    reports: list[dict[str, Any] | None] = list(watch.reports) if watch is not None else []
    for i in range(early, len(cases)):
        reports.append(read_report(job_dir / f"case_{i}.json", problems))
    if problems and failure is None:
        failure = ("error", f"The sandbox left a result the runner refuses: {problems[0]}.")
    load_error = done.get("load_error") if done is not None and not failure else None
    load_error = load_error if isinstance(load_error, dict) else None
    results: list[CaseResult] = []
    pushes: list[str] = []
    missing = failure
    for i, prepared in enumerate(cases):
        report = reports[i]
        if load_error:
            report = (
                {"status": "exception", **load_error}
                if load_error.get("kind") == "exception"
                else None
            )
            if report is None:
                results.append(
                    CaseResult(
                        name=prepared.case.name,
                        kind=prepared.kind,  # type: ignore[arg-type]
                        status="error",
                        failure_class="missing_function",
                        message=str(load_error.get("message", ""))[:600],
                    )
                )
                pushes.append("error")
                continue
        if report is None:
            result, push = _case_result(bundle, prepared, None, {}, device, missing)
        elif watch is not None and i < early and not load_error:
            result, push = watch.results[i]
        else:
            result, push = judge_case(bundle, prepared, report, job_dir, i, device)
        if report is None and missing:
            missing = None  # only the case that was running gets the blame; later ones are skipped
        elif report is None and failure is None and not load_error:
            if any(r.failure_class == "rule" for r in results):
                result.message = "not run: a broken rule fails every case alike"
            else:  # the harness stops early only at a broken rule: someone else said "done"
                result.status, result.failure_class, push = "error", "tampering", "error"
                result.message = (
                    "the sandbox reported no result for this case, yet said it had finished: "
                    "something in the run ended it early or forged its report"
                )
        results.append(result)
        if push:
            pushes.append(push)
    if failure:
        pushes.append(failure[0])
    verdict = min(pushes, key=PRIORITY.index) if pushes else "pass"
    line = next((r.line for r in results if r.failure_class == "rule" and r.line), None)
    return RunResult(
        puzzle=bundle.model.id,
        device=device,
        mode=mode,
        verdict=verdict,  # type: ignore[arg-type]
        message=failure[1] if failure and failure[0] == verdict else _summary(verdict, results),
        line=line,
        cases=results,
        metrics=_metrics(code, cases, reports),
        stdout=stdout,
        stdout_truncated=truncated or stdout_bytes > STDOUT_KEEP,
        sandbox=ended.layers if ended.layers is not None else read_layers(job_dir),
        groups=group_failures(results),
        rules=bundle.model.rules,
    )
