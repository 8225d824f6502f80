"""The untrusted side's harness: runs the player's code on the inputs of one job and writes what
came back.

Runs once `sandbox.enter` has walled the process in. Reads `job.json` + `inputs.safetensors`
from the job's input folder and writes, per case, `case_N.json` + `case_N.safetensors`, then
`done.json`, into its work folder. It never sees expected outputs, the reference or seeds, and
decides nothing: the trusted runner compares and judges. The Python-level guards here (audit
hook, import guard, capped output) keep learners honest; they are not the boundary. Imports
torch; never pygame.
"""

from __future__ import annotations

import contextlib
import linecache
import os
import sys
import tempfile
import time
import traceback
import types
import warnings
from pathlib import Path
from typing import Any

import torch
from torch.utils._pytree import tree_flatten

from game.runner import toolbox, transfer
from game.runner.callsite import RuntimeRules, SourceMap
from game.runner.guards import CappedStream, install_audit_hook
from game.runner.names import resolve_forbidden
from game.runner.opmeter import OpMeter, storage_ids
from game.runner.relay import CASE_DONE, RUN_DONE
from game.runner.tracing import (
    PLAYER_FILE,
    CallTracer,
    RuleViolation,
    Violation,
    install_import_guard,
    recursion_in_traceback,
    runtime_rules,
)

# Taken before any player code runs: a solution that replaces `time.perf_counter` must not
# write its own time score.
_CLOCK = time.perf_counter


def _show_warning(
    message: Any, category: type, filename: str, lineno: int, file: Any = None, line: Any = None
) -> None:
    """Warnings point at the player's line, not at the torch internals that raised them."""
    frame = sys._getframe(1)
    while frame is not None and frame.f_code.co_filename != PLAYER_FILE:
        frame = frame.f_back  # type: ignore[assignment]
    where = f"line {frame.f_lineno}: " if frame is not None else ""
    sys.stderr.write(f"{where}{category.__name__}: {message}\n")


def _error_report(exc: BaseException) -> dict[str, Any]:
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename == PLAYER_FILE]
    lines = ["Traceback (your code):"]
    for f in frames:
        lines.append(f"  line {f.lineno}, in {f.name}")
        if f.line:
            lines.append(f"    {f.line.strip()}")
    try:
        text = str(exc)
    except BaseException:
        text = "<unprintable message>"
    name = type(exc).__name__
    lines.append(f"{name}: {text}" if text else name)
    return {
        "type": name,
        "message": text[:2000],
        "line": frames[-1].lineno if frames else None,
        "traceback": "\n".join(lines)[-4000:],
    }


def _float_tensors(value: Any) -> list[torch.Tensor]:
    flat, _ = tree_flatten(value)
    return [
        t for t in flat if type(t) is torch.Tensor and (t.is_floating_point() or t.is_complex())
    ]


class Harness:
    def __init__(self, inputs: Path, work: Path, temp: Path, report: int | None) -> None:
        self.inputs = inputs
        self.dir = work
        self.temp = temp
        self.report = report  # one byte per finished case for the run's parent (progress)
        self.job = transfer.read_json(inputs / "job.json")
        self.device: str = self.job["device"]
        self.violation: Violation | None = None
        self.runtime_rules: RuntimeRules | None = None
        self.source_map: SourceMap | None = None
        self._last_status = ""

    def _import_violation(self, name: str, line: int | None) -> None:
        if self.violation is None:
            self.violation = Violation(name, line)

    def prepare(self) -> None:
        torch.set_num_threads(1)
        budget = [int(self.job["stdout_max"])]
        sys.stdout = CappedStream(1, budget)
        sys.stderr = CappedStream(2, budget)
        sys.stdin = open(os.devnull, encoding="utf-8")  # noqa: SIM115 -- lives as long as the process
        warnings.showwarning = _show_warning
        if self.job.get("support"):
            sys.modules["support"] = toolbox.support_view(self.inputs / "lib")
        sys.modules["tools"] = toolbox.tools_module(self.job.get("tools") or {})
        if self.job["allowed_imports"] is not None:
            install_import_guard(
                set(self.job["allowed_imports"]) | {"support", "tools"}, self._import_violation
            )
        tempfile.tempdir = str(self.temp)  # temporary files land in the run's scratch
        os.environ["TMPDIR"] = str(self.temp)
        install_audit_hook(self.job["protected"], int(self.job["processes"]), [self.dir, self.temp])
        code = self.job["code"]
        linecache.cache[PLAYER_FILE] = (len(code), None, code.splitlines(True), PLAYER_FILE)

    def load(self) -> tuple[Any, dict[str, Any] | None]:
        module = types.ModuleType("solution")
        module.__file__ = PLAYER_FILE
        sys.modules["solution"] = module
        try:
            exec(compile(self.job["code"], PLAYER_FILE, "exec"), module.__dict__)
        except BaseException as exc:
            return None, {"kind": "exception", **_error_report(exc)}
        entry = module.__dict__.get(self.job["entry"])
        if not callable(entry):
            return None, {
                "kind": "missing_function",
                "message": f"`{self.job['entry']}` is not a function",
            }
        return entry, None

    def run_case(
        self,
        index: int,
        case: dict[str, Any],
        entry: Any,
        tensors: dict[str, torch.Tensor],
        forbidden: dict[int, str],
    ) -> None:
        args = transfer.decode(case["args"], tensors, self.device)
        kwargs = transfer.decode(case["kwargs"], tensors, self.device)
        inputs = [t for t in tree_flatten((args, kwargs))[0] if type(t) is torch.Tensor]
        grad_inputs = _float_tensors((args, kwargs)) if self.job["grad_check"] else []
        for t in grad_inputs:
            t.requires_grad_(True)
        tracer = CallTracer(
            forbidden, keep_trace=True, rules=self.runtime_rules, source=self.source_map
        )
        meter = OpMeter(storage_ids(inputs))
        report: dict[str, Any] = {"status": "ok"}
        torch.default_generator.manual_seed(0)  # CPU only: the CUDA path formats stacks
        out: Any = None
        started = _CLOCK()
        try:
            with tracer, meter:
                out = entry(*args, **kwargs)
                if self.device == "cuda":
                    torch.cuda.synchronize()  # time the kernels, and surface their errors here
            report["time_ms"] = (_CLOCK() - started) * 1000
            if grad_inputs:
                report["grads"] = self._backward(out, grad_inputs)
        except RuleViolation:
            report["status"] = "rule"
        except RecursionError as exc:
            report = {"status": "exception", **_error_report(exc)}
            name = recursion_in_traceback(exc)
            why = self.runtime_rules.policy.recursion(name) if self.runtime_rules and name else None
            if why:
                self.violation = self.violation or Violation(name or "", report.get("line"), why)
        except BaseException as exc:
            report = {"status": "exception", **_error_report(exc)}
            if isinstance(exc, SystemExit):
                report["message"] = "your code called sys.exit(); return your answer instead"
        violation = tracer.violation or self.violation
        if violation:
            report.update(
                status="rule", rule=violation.name, line=violation.line, message=violation.text()
            )
        encoder = transfer.Encoder(strict=False, limit=int(self.job["max_output_bytes"]))
        try:
            if report["status"] == "ok":
                report["output"] = encoder.encode(out)
            report["inputs_after"] = [encoder.encode(t) for t in inputs]
            if "grads" in report:
                report["grads"] = [encoder.encode(g) for g in report["grads"]]
        except transfer.TooLarge as too_big:
            encoder = transfer.Encoder(strict=False)
            report = {"status": "output_limit", "bytes": too_big.size}
        except BaseException as exc:
            encoder = transfer.Encoder(strict=False)
            report = {"status": "exception", **_error_report(exc)}
            report["message"] = f"your answer could not be read back: {report['message']}"
        report.update(ops=meter.ops, calls=tracer.calls, peak_bytes=meter.peak, trace=tracer.trace)
        self._last_status = str(report["status"])
        self._write_case(index, report, encoder.tensors)

    @staticmethod
    def _backward(out: Any, grad_inputs: list[torch.Tensor]) -> list[torch.Tensor | None]:
        parts = [t for t in _float_tensors(out) if t.requires_grad]
        if parts:
            torch.autograd.backward([p.real.sum() if p.is_complex() else p.sum() for p in parts])
        return [t.grad for t in grad_inputs]

    def _write_case(
        self, index: int, report: dict[str, Any], tensors: dict[str, torch.Tensor]
    ) -> None:
        transfer.save(self.dir / f"case_{index}.safetensors", tensors)
        # The JSON goes last: the runner reads a case only once its JSON exists.
        tmp = self.dir / f"case_{index}.json.tmp"
        transfer.write_json(tmp, report)
        os.replace(tmp, self.dir / f"case_{index}.json")
        if self.report is not None:
            with contextlib.suppress(OSError):
                os.write(self.report, CASE_DONE)

    def run(self) -> None:
        self.prepare()
        tensors = transfer.load(self.inputs / "inputs.safetensors")
        forbidden = resolve_forbidden(self.job["forbidden"])
        self.runtime_rules = runtime_rules(self.job.get("rules"), self.job["code"])
        self.source_map = (
            self.runtime_rules.source if self.runtime_rules else SourceMap(self.job["code"])
        )
        entry, problem = self.load()
        if problem is None:
            # Each case starts from the defaults the player's module left, not the last case's.
            dtype, device = torch.get_default_dtype(), torch.get_default_device()
            for index, case in enumerate(self.job["cases"]):
                if torch.get_default_dtype() != dtype:
                    torch.set_default_dtype(dtype)
                if torch.get_default_device() != device:
                    torch.set_default_device(device)
                self.run_case(index, case, entry, tensors, forbidden)
                if self.violation is not None or self._last_status == "rule":
                    break  # a broken rule fails every case alike: report it once
        transfer.write_json(self.dir / "done.json", {"load_error": problem})
        if self.report is not None:
            with contextlib.suppress(OSError):
                os.write(self.report, RUN_DONE)
