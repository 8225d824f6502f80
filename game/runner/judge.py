"""Deciding a run in the trusted process: read what the sandbox left in the job folder, compare
it with the expected values, and build the `RunResult` (per-case results, verdict, metrics).

Nothing the sandbox wrote is believed except as evidence against the player: outputs are
compared here, missing payloads are errors whatever the exit code, and stdout is never parsed.
Imports torch; never pygame.
"""

from __future__ import annotations

import os
import signal
import statistics
from pathlib import Path
from typing import TYPE_CHECKING, Any

import torch
from torch.utils._pytree import tree_flatten

from game.content.puzzle_models import Rules
from game.content.static_rules import Problem, count_code_lines
from game.runner import safeio, transfer
from game.runner.bundle import Bundle, PreparedCase
from game.runner.compare import Policy, compare, magnitude
from game.runner.gradcheck import check_grads, input_names
from game.runner.grouping import group_failures, without_internals
from game.runner.guards import EXIT_OUTPUT_LIMIT
from game.runner.preview import preview
from game.runner.protocol import CaseResult, FailureClass, Metrics, Mode, RunResult, TraceOp
from game.runner.tracing import TRACE_CAP
from game.runner.workerio import Exit

if TYPE_CHECKING:
    from game.runner.casewatch import CaseWatch

STDOUT_KEEP = 64 * 1024
MAX_REPORT_BYTES = 16 * 1024 * 1024  # a case's JSON (traces included) is far below this
MAX_TENSOR_FILE_BYTES = 80 * 1024 * 1024  # the sandbox's output cap (64 MB) plus headers
PRIORITY = ["rule_violation", "timeout", "memory", "output_limit", "error", "fail", "pass"]
_MEMORY_WORDS = (
    "out of memory",
    "can't allocate memory",
    "cannot allocate memory",
    "defaultcpuallocator",
)
_SIGNALS = {
    int(signal.SIGSEGV): "a segmentation fault",
    int(signal.SIGABRT): "an abort",
    int(signal.SIGBUS): "a bus error",
    int(signal.SIGFPE): "a floating-point trap",
    int(signal.SIGILL): "an illegal instruction",
    int(signal.SIGSYS): "a forbidden system call (the sandbox's seccomp filter stopped it)",
}


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


_TEXT_FIELDS = ("status", "type", "message", "traceback", "rule")
_NUMBER_FIELDS = ("time_ms", "ops", "calls", "peak_bytes", "bytes")
_LIST_FIELDS = ("trace", "inputs_after", "grads")
_MOST = 1e15  # no honest count, byte size or millisecond figure comes near
_TEXT_MAX = 120  # a trace entry's op or tensor description
_TRACE_VALUES = 16  # inputs or outputs listed per trace entry


def _odd_field(report: dict[str, Any]) -> str | None:
    """The first field of a case report whose type or size no harness would write."""
    for key in _TEXT_FIELDS:
        if report.get(key) is not None and not isinstance(report[key], str):
            return key
    line = report.get("line")
    if line is not None and (type(line) is not int or not 0 <= line < 1 << 31):
        return "line"
    for key in _NUMBER_FIELDS:
        value = report.get(key)
        if value is None:
            continue
        if type(value) not in (int, float) or not -_MOST < value < _MOST:
            return key
    for key in _LIST_FIELDS:
        if report.get(key) is not None and not isinstance(report[key], list):
            return key
    return None


def read_report(path: Path, problems: list[str]) -> dict[str, Any] | None:
    """A case's report, or None when absent or not a report at all; odd fields are noted."""
    report = read_json(path, problems)
    if not isinstance(report, dict):
        return None
    odd = _odd_field(report)
    if odd is not None:
        problems.append(f"{path.name} holds an odd `{odd}`")
        return None
    return report


def read_json(path: Path, problems: list[str]) -> Any:
    """A JSON file the run left, or None; odd files (links, FIFOs, huge, deep, NaN) are noted."""
    try:
        return safeio.read_json(str(path), MAX_REPORT_BYTES)
    except FileNotFoundError:
        return None
    except (OSError, safeio.Untrusted) as exc:
        problems.append(str(exc))
        return None


def _tensors(path: Path) -> dict[str, torch.Tensor]:
    """The tensors of a case, read only from a regular file of sane size (never mapped from
    a path the run controls: the bytes are read first, then parsed)."""
    from safetensors.torch import load as load_bytes

    try:
        data = safeio.read_bytes(str(path), MAX_TENSOR_FILE_BYTES)
    except FileNotFoundError:
        return {}
    return load_bytes(data)


def _layers(job_dir: Path) -> list[str]:
    found = read_json(job_dir / "sandbox.json", [])
    if not isinstance(found, list):
        return ["unknown (the run did not say)"]
    return [str(x)[:80] for x in found[:40]]


def _stdout(job_dir: Path) -> tuple[str, bool, int]:
    try:
        fd = safeio.open_regular(str(job_dir / "out.log"))
    except (OSError, safeio.Untrusted):
        return "", False, 0
    try:
        size = os.fstat(fd).st_size
        head = os.read(fd, STDOUT_KEEP)
    except OSError:
        return "", False, 0
    finally:
        os.close(fd)
    text = head.decode("utf-8", "replace")
    if size > STDOUT_KEEP:
        text += f"\n[... {size - STDOUT_KEEP} more bytes of output dropped]"
    return text, size > STDOUT_KEEP, size


def _run_failure(
    ended: Exit, done: Any, stdout_bytes: int, stdout_max: int, launch_error: str | None
) -> tuple[str, str] | None:
    """(verdict, sentence) when the sandbox as a whole went wrong, else None."""
    sig = ended.signal
    if launch_error:
        return "error", f"The runner could not start a sandbox: {launch_error}"
    if ended.reason == "cancelled":
        return "error", "The run was cancelled."
    if ended.reason == "timeout" or sig == int(signal.SIGXCPU):
        return "timeout", "Your code ran out of time (an endless loop, or waiting on something?)."
    if ended.reason == "memory":
        return "memory", "Your code used more memory than this puzzle allows."
    if ended.code == EXIT_OUTPUT_LIMIT or sig == int(signal.SIGXFSZ) or stdout_bytes > stdout_max:
        return "output_limit", "Your code printed (or wrote) far too much; the run was stopped."
    if ended.reason == "lost":
        return "error", "The runner lost its sandbox process; please run again."
    if sig == int(signal.SIGKILL):
        return "memory", "The sandbox was killed, most likely for using too much memory."
    if sig is not None:
        what = _SIGNALS.get(sig, f"signal {sig}")
        return "error", f"Your code crashed the sandbox with {what}."
    if done is None:
        return "error", (
            "The sandbox ended before reporting a result (did your code call "
            "os._exit or crash the interpreter?). No result means no pass."
        )
    if ended.code not in (0, None):
        return "error", f"The sandbox exited with code {ended.code} before finishing."
    return None


def _is_memory(report: dict[str, Any]) -> bool:
    text = f"{report.get('type', '')} {report.get('message', '')}".lower()
    return report.get("type") in ("MemoryError", "OutOfMemoryError") or any(
        w in text for w in _MEMORY_WORDS
    )


def _inputs_of(prepared: PreparedCase) -> list[torch.Tensor]:
    return [
        t
        for t in tree_flatten((prepared.case.args, prepared.case.kwargs))[0]
        if isinstance(t, torch.Tensor)
    ]


def _check_case(
    bundle: Bundle,
    prepared: PreparedCase,
    report: dict[str, Any],
    tensors: dict[str, torch.Tensor],
    device: str,
) -> tuple[str, str, str | None, Any, Any]:
    """(status, message, failure_class, got, mismatch) for a case the sandbox finished."""
    model = bundle.model
    case = prepared.case
    got = transfer.decode(report["output"], tensors, received=True)
    tol = model.tolerance
    policy = Policy(
        device=device,
        check_dtype=model.check_dtype,
        check_device=model.check_device,
        atol=case.atol if case.atol is not None else (tol.atol if tol else None),
        rtol=case.rtol if case.rtol is not None else (tol.rtol if tol else None),
        scale=magnitude((case.args, case.kwargs)),
        detached=model.detached_outputs,
        broadcast=model.shape_match == "broadcast",
        dtype_kind=model.dtype_match == "kind",
    )
    bad = compare(prepared.expected, got, policy)
    if bad:
        return "fail", bad.message, bad.failure_class, got, bad
    originals = _inputs_of(prepared)
    after = [
        transfer.decode(node, tensors, received=True) for node in report.get("inputs_after", [])
    ]
    if len(after) != len(originals):  # the harness sends every input back, always
        return "fail", "the run did not send back every input it was given", "tampering", got, None
    for i, (orig, now) in enumerate(zip(originals, after, strict=True)):
        same = (
            isinstance(now, transfer.Received)
            and now.tensor.shape == orig.shape
            and bool(
                ((now.tensor == orig) | (torch.isnan(orig) & torch.isnan(now.tensor))).all()
                if orig.is_floating_point()
                else (now.tensor == orig).all()
            )
        )
        if not same:
            name = input_names(bundle.reference, case.args, case.kwargs, floats=False)[i]
            return (
                "fail",
                f"your code changed its input `{name}` in place; leave the inputs "
                "as they are and return new tensors",
                "tampering",
                got,
                None,
            )
    if prepared.grads is not None:
        grads = [transfer.decode(node, tensors, received=True) for node in report.get("grads", [])]
        names = input_names(bundle.reference, case.args, case.kwargs, floats=True)
        gbad = check_grads(prepared.grads, grads, names, policy)
        if gbad:
            return "fail", gbad.message, gbad.failure_class, got, gbad
    budget = model.limits.peak_tensor_bytes
    peak = int(report.get("peak_bytes") or 0)
    if budget is not None and peak > budget:
        return (
            "fail",
            f"your code held {peak:,} bytes of tensors at its peak; this puzzle's budget "
            f"is {budget:,} bytes. Find a way that keeps fewer big tensors alive at once.",
            "memory",
            got,
            None,
        )
    return "pass", "passed", None, got, None


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
        status, message, fclass, got, bad = _check_case(bundle, prepared, report, tensors, device)
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
        memory = _is_memory(report)
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
            result.trace = [_trace_op(op) for op in report["trace"][:TRACE_CAP]]
    return result, push


def _trace_op(op: dict[str, Any]) -> TraceOp:
    """One entry of a case's trace, held to what the tracer itself writes."""
    cut = TraceOp(**op)
    return TraceOp(
        op=cut.op[:_TEXT_MAX],
        line=cut.line,
        inputs=[text[:_TEXT_MAX] for text in cut.inputs[:_TRACE_VALUES]],
        outputs=[text[:_TEXT_MAX] for text in cut.outputs[:_TRACE_VALUES]],
    )


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
        tensors = _tensors(job_dir / f"case_{index}.safetensors")
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
    from game.runner.engine import STDOUT_MAX

    problems: list[str] = []
    done = read_json(job_dir / "done.json", problems)
    done = done if isinstance(done, dict) else None
    stdout, truncated, stdout_bytes = _stdout(job_dir)
    failure = _run_failure(ended, done, stdout_bytes, STDOUT_MAX, launch_error)
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
        sandbox=ended.layers if ended.layers is not None else _layers(job_dir),
        groups=group_failures(results),
        rules=bundle.model.rules,
    )
