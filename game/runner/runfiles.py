"""What a run left in its job folder, read as hostile input: regular files only (no link, FIFO
or device followed), sizes capped before reading, JSON of bounded depth with sane numbers, and a
case report whose fields have the types and sizes a harness writes. Anything else is noted as a
problem (the judge turns it into an `error` verdict), never a traceback or a hang.

Imports torch (safetensors parses the tensors); never pygame.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import torch

from game.runner import safeio
from game.runner.protocol import TraceOp

STDOUT_KEEP = 64 * 1024
MAX_REPORT_BYTES = 16 * 1024 * 1024  # a case's JSON (traces included) is far below this
MAX_TENSOR_FILE_BYTES = 80 * 1024 * 1024  # the sandbox's output cap (64 MB) plus headers


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


def read_tensors(path: Path) -> dict[str, torch.Tensor]:
    """The tensors of a case, read only from a regular file of sane size (never mapped from
    a path the run controls: the bytes are read first, then parsed)."""
    from safetensors.torch import load as load_bytes

    try:
        data = safeio.read_bytes(str(path), MAX_TENSOR_FILE_BYTES)
    except FileNotFoundError:
        return {}
    return load_bytes(data)


def read_layers(job_dir: Path) -> list[str]:
    """The layers a jailed run's parent reported (`sandbox.json`), cut to sane sizes."""
    found = read_json(job_dir / "sandbox.json", [])
    if not isinstance(found, list):
        return ["unknown (the run did not say)"]
    return [str(x)[:80] for x in found[:40]]


def read_stdout(job_dir: Path) -> tuple[str, bool, int]:
    """(the head of what the run printed, whether more was dropped, its whole size)."""
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


def trace_op(op: dict[str, Any]) -> TraceOp:
    """One entry of a case's trace, held to what the tracer itself writes."""
    cut = TraceOp(**op)
    return TraceOp(
        op=cut.op[:_TEXT_MAX],
        line=cut.line,
        inputs=[text[:_TEXT_MAX] for text in cut.inputs[:_TRACE_VALUES]],
        outputs=[text[:_TEXT_MAX] for text in cut.outputs[:_TRACE_VALUES]],
    )
