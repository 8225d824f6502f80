"""The untrusted side: runs the player's code on the inputs of one job and writes what came back.

Runs as the init of a run's namespaces (see `jail`) or in a spare worker, after `enter` has
locked the process down (rlimits, Landlock, capabilities dropped, seccomp). Reads `job.json` +
`inputs.safetensors` from the job's input folder and writes, per case, `case_N.json` +
`case_N.safetensors`, then `done.json`, into its work folder. It never sees expected outputs,
the reference or seeds, and decides nothing: the trusted runner compares and judges. The
Python-level guards here (audit hook, import guard) keep learners honest; they are not the
boundary. Imports torch; never pygame.
"""

from __future__ import annotations

import contextlib
import json
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

from game.runner import gpufiles, syscalls, toolbox, transfer
from game.runner import limits as limits_mod
from game.runner.callsite import RuntimeRules, SourceMap
from game.runner.jail import CASE_DONE, RUN_DONE
from game.runner.limits import SandboxLimits
from game.runner.newroot import RootPlan, carve
from game.runner.tracing import (
    PLAYER_FILE,
    CallTracer,
    OpMeter,
    RuleViolation,
    Violation,
    install_import_guard,
    recursion_in_traceback,
    resolve_forbidden,
    runtime_rules,
    storage_ids,
)

EXIT_OUTPUT_LIMIT = 95


class CappedStream:
    """stdout/stderr for the player's code: past `limit` bytes the run ends as output_limit."""

    def __init__(self, fd: int, budget: list[int]) -> None:
        self.fd = fd
        self.budget = budget  # shared between stdout and stderr: [bytes left]

    def write(self, text: str) -> int:
        data = str(text).encode("utf-8", "replace")
        self.budget[0] -= len(data)
        if self.budget[0] < 0:
            os._exit(EXIT_OUTPUT_LIMIT)
        os.write(self.fd, data)
        return len(text)

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return False

    def fileno(self) -> int:
        return self.fd

    encoding = "utf-8"


_WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND
_CHANGE_EVENTS = {
    "os.remove",
    "os.rmdir",
    "os.rename",
    "os.truncate",
    "os.chmod",
    "os.chown",
    "os.mkdir",
    "os.symlink",
    "os.link",
    "os.utime",
    "shutil.rmtree",
    "shutil.copyfile",
    "shutil.move",
}
_SPAWN_EVENTS = {
    "os.fork",
    "os.forkpty",
    "os.posix_spawn",
    "os.spawn",
    "os.system",
    "os.exec",
    "subprocess.Popen",
    "pty.spawn",
}


def _install_audit_hook(protected: list[str], processes: int, workspaces: list[Path]) -> None:
    """Refuse reading puzzle folders (references live there), changing files outside the run's
    own folders, and, when the puzzle allows no extra processes, starting any. A clear error
    beats a refusal from the kernel's layers behind it (ctypes gets past this hook; they hold)."""
    parent = os.getppid()
    writable = (*(os.path.realpath(w) + os.sep for w in workspaces), os.devnull)

    def inside(value: Any, prefixes: tuple[str, ...]) -> bool:
        path = os.path.realpath(os.fsdecode(value))
        return path == os.devnull or any(path.startswith(p) or path + os.sep == p for p in prefixes)

    def hook(event: str, args: tuple) -> None:
        if event == "open" and isinstance(args[0], (str, bytes, os.PathLike)):
            mode, flags = args[1] or "", args[2] or 0
            if (any(c in mode for c in "wax+") or flags & _WRITE_FLAGS) and not inside(
                args[0], writable
            ):
                raise PermissionError("the sandbox may only write inside its own scratch folder")
            if protected and inside(args[0], tuple(protected)):
                raise PermissionError("the sandbox may not read the puzzle's own files")
        elif event in _CHANGE_EVENTS:
            for value in args:
                if isinstance(value, (str, bytes, os.PathLike)) and not inside(value, writable):
                    raise PermissionError(
                        "the sandbox may only change files inside its own scratch folder"
                    )
        elif event in _SPAWN_EVENTS and processes == 0:
            raise PermissionError("this puzzle allows no extra processes")
        elif event in ("os.kill", "os.killpg") and (args[0] <= 0 or args[0] == parent):
            raise PermissionError("the sandbox may only signal its own processes")

    sys.addaudithook(hook)


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
        _install_audit_hook(
            self.job["protected"], int(self.job["processes"]), [self.dir, self.temp]
        )
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


# Taken before any player code runs: a solution that replaces `time.perf_counter` must not
# write its own time score.
_CLOCK = time.perf_counter

# What torch reads about the machine; outside a PID namespace the rest of /proc stays hidden.
_HARDWARE_FACTS = ("/proc/cpuinfo", "/proc/meminfo", "/sys/devices/system/cpu")


def _file_walls(
    inputs: Path,
    work: Path,
    temp: Path,
    limits: SandboxLimits,
    plan: RootPlan | None,
    jailed: bool,
    gpu: bool,
    puzzle: Path | None,
) -> tuple[list[str], list[str], list[str]]:
    """What Landlock lets a run read, write, and use as devices. In a jail the private root
    holds only what a run may see; without one the puzzle folders inside the install are cut
    out here, and a GPU run also gets its device nodes and the driver's files."""
    devices = [*(plan.devices if plan else ()), *(gpufiles.device_nodes() if gpu else ())]
    if jailed:
        return ["/"], [str(temp)], devices
    read = [*carve(plan.readonly if plan else (), limits.hide), str(inputs), *_HARDWARE_FACTS]
    read += [str(puzzle)] if puzzle is not None else []
    read += gpufiles.driver_files() if gpu else []
    write = [str(work), str(temp)]
    if limits.processes > 0:  # worker processes share tensors through /dev/shm files
        write.append("/dev/shm")
    return read, write, devices


def enter(
    inputs: Path,
    work: Path,
    temp: Path,
    limits: SandboxLimits,
    plan: RootPlan | None,
    jailed: bool,
    report: int | None,
    layers: list[str],
    gpu: bool = False,
    puzzle: Path | None = None,
    announce: int | None = None,
) -> None:
    """Become the sandbox and run the job: own session, rlimits, Landlock, no capabilities,
    seccomp; then report the layers (one JSON line on `report`, or for a spare worker one
    `{"layers": [...]}` line on `announce`, its channel to the trusted side, closed before any
    player code runs) and run. `plan`: what may be read outside a jail (None: a spare worker,
    which reads what its platform allows). The caller must `os._exit` afterwards and never
    return to its own loop."""
    from game.runner import landlock, seccomp

    with contextlib.suppress(OSError):  # a spare worker leads its session already
        os.setsid()
    keep = {fd for fd in (report, announce) if fd is not None}
    syscalls.close_fds_except({0, 1, 2} | keep)
    applied = list(layers)
    applied += [
        f"rlimit-{name}" for name in limits_mod.apply(limits, own_user_ns="user-ns" in layers)
    ]
    if sys.platform.startswith("linux"):
        syscalls.prctl(syscalls.PR_SET_NO_NEW_PRIVS, 1)
        applied.append("no-new-privs")
        try:
            if gpu and not gpufiles.landlock_wanted():
                applied.append("no-landlock (switched off for the GPU)")
            else:
                read, write, devices = _file_walls(
                    inputs, work, temp, limits, plan, jailed, gpu, puzzle
                )
                applied += landlock.restrict(read, write, devices)
        except OSError as exc:
            applied.append(f"no-landlock ({exc.strerror})")
        try:
            syscalls.drop_capabilities()
            applied.append("no-capabilities")
        except OSError:
            pass
        protected = [] if jailed else [os.getppid(), *limits.protect_pids]
        if seccomp.install(forbid_forks=limits.processes == 0, protected=protected):
            applied.append("seccomp")
    if report is not None:
        os.write(report, (json.dumps(applied) + "\n").encode())
    if announce is not None:
        os.write(announce, (json.dumps({"layers": applied}) + "\n").encode())
        os.close(announce)
    if puzzle is not None:
        from game.runner.builder import run_build

        tempfile.tempdir = str(temp)
        run_build(inputs, work, puzzle)
    else:
        Harness(inputs, work, temp, report).run()


def enter_spare(
    job_dir: Path,
    limits_doc: dict[str, Any],
    device: str,
    announce: int,
    own: list[str],
    puzzle: Path | None = None,
) -> None:
    """A spare worker becomes the sandbox in place, inside the namespaces it entered when it
    started (`own`: user, PID, mount, network, IPC); where it has them, it now pivots into a
    private root built around this job (`spareroot`). It writes straight into JOB/out, which
    the judge reads as hostile input anyway, and tells the trusted side its layers on
    `announce` before any player code runs (a file in JOB/out would be the run's to rewrite)."""
    from game.runner import spareroot
    from game.runner.newroot import JOB_MOUNT, PUZZLE_MOUNT, RESULTS, SCRATCH, root_plan

    out = job_dir / "out"  # the trusted side gave it to this worker's uid
    null = os.open(os.devnull, os.O_RDONLY)
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    log = os.open(out / "out.log", flags, 0o644)
    os.dup2(null, 0)
    os.dup2(log, 1)
    os.dup2(log, 2)
    plan = root_plan() if sys.platform.startswith("linux") else None
    limits = SandboxLimits.from_json(limits_doc)
    gpu = device != "cpu"
    layers = list(own)
    inputs, work, temp, jailed = job_dir / "in", out, out, False
    if plan is not None and "user-ns" in own:
        folder = str(puzzle) if puzzle is not None else None
        try:
            layers += spareroot.wall_in(str(job_dir), plan, list(limits.hide), folder, gpu)
            inputs, work, temp, jailed = Path(JOB_MOUNT), Path(RESULTS), Path(SCRATCH), True
            puzzle = Path(PUZZLE_MOUNT) if puzzle is not None else None
        except OSError as exc:  # its files are then walled by Landlock alone
            layers.append(f"no-private-root ({exc.strerror or exc})"[:80])
        layers += spareroot.settle_identity(out, jailed, own)
    enter(
        inputs,
        work,
        temp,
        limits,
        plan,
        jailed,
        None,
        layers,
        gpu=gpu,
        puzzle=puzzle,
        announce=announce,
    )
