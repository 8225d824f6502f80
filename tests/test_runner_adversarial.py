"""Hostile player code against the sandboxed runner: every case must end with the right verdict,
in bounded time, leave no process behind, and leave the runner healthy for the next run.

Uses the tiny puzzles in tests/runner_cases (time limit 1 s) through the warm in-process runner.
"""

from __future__ import annotations

import os
import sys
import textwrap
from pathlib import Path

import pytest

from game.runner.check import check_code
from game.runner.engine import shared_runner
from game.runner.protocol import RunResult
from tests.sandbox_procs import leftovers

ROOTS = [Path(__file__).resolve().parent / "runner_cases"]
GOOD = "import torch\n\ndef add(a, b):\n    return a + b\n"

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="uses POSIX process checks")


def run(code: str, puzzle: str = "rt_add", mode: str = "submit") -> RunResult:
    return check_code(puzzle, textwrap.dedent(code), device="cpu", mode=mode, roots=ROOTS)


def sandbox_children() -> list[int]:
    """Processes under the zygote other than its standby (there must be none between runs)."""
    zygote = shared_runner().zygote
    if zygote is None or zygote.pid is None:
        return []
    return leftovers(zygote.pid)


def alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


@pytest.fixture(autouse=True)
def _healthy_after() -> None:
    yield
    assert sandbox_children() == []


def expect(result: RunResult, verdict: str, failure_class: str | None = None) -> None:
    assert result.verdict == verdict, result.model_dump_json(indent=1)[:3000]
    if failure_class is not None:
        assert any(c.failure_class == failure_class for c in result.cases), [
            (c.name, c.failure_class, c.message) for c in result.cases
        ]


def test_good_code_passes_and_bad_code_fails() -> None:
    expect(run(GOOD), "pass")
    expect(run("def add(a, b):\n    return a - b\n"), "fail", "values")


@pytest.mark.slow
def test_infinite_loop_times_out() -> None:
    result = run("def add(a, b):\n    while True:\n        pass\n")
    expect(result, "timeout", "timeout")
    assert [c.status for c in result.cases][1:] == ["skipped"] * (len(result.cases) - 1)
    expect(run(GOOD), "pass")


@pytest.mark.slow
def test_sleep_times_out() -> None:
    expect(run("import time\ndef add(a, b):\n    time.sleep(60)\n    return a + b\n"), "timeout")


def test_input_is_an_error_not_a_hang() -> None:
    result = run("def add(a, b):\n    input('press enter')\n    return a + b\n")
    expect(result, "error", "exception")
    assert "EOFError" in result.cases[0].message


def test_tensor_memory_bomb() -> None:
    expect(
        run("import torch\ndef add(a, b):\n    return torch.empty(10**12)\n"), "memory", "memory"
    )


def test_python_memory_bomb() -> None:
    expect(run("def add(a, b):\n    x = [0] * (10**10)\n    return a + b\n"), "memory")


def test_memory_growing_slowly_is_stopped() -> None:
    code = """
    def add(a, b):
        hoard = []
        while True:
            hoard.append(bytearray(50_000_000))
    """
    expect(run(code), "memory")


def test_huge_output_tensor() -> None:
    expect(
        run("import torch\ndef add(a, b):\n    return torch.zeros(30_000_000)\n"), "output_limit"
    )


def test_printing_100_mb() -> None:
    code = """
    def add(a, b):
        print("PASSED")
        line = "x" * 1_000_000
        for _ in range(100):
            print(line)
        return a + b
    """
    result = run(code)
    expect(result, "output_limit")
    assert result.stdout.startswith("PASSED")
    assert len(result.stdout) < 100_000


def test_printing_a_little_is_kept() -> None:
    result = run("def add(a, b):\n    print('hello from the lab')\n    return a + b\n")
    expect(result, "pass")
    assert "hello from the lab" in result.stdout


def test_writing_to_fd_1_directly_is_capped() -> None:
    code = """
    import os
    def add(a, b):
        chunk = b"y" * 1_000_000
        for _ in range(200):
            os.write(1, chunk)
        return a + b
    """
    expect(run(code), "output_limit")


def test_fork_bomb_is_refused() -> None:
    code = """
    import os
    def add(a, b):
        while True:
            os.fork()
    """
    result = run(code)
    expect(result, "error", "exception")
    assert "process" in result.cases[0].message


def test_fork_through_ctypes_is_refused() -> None:
    code = """
    import ctypes
    def add(a, b):
        pid = ctypes.CDLL(None).fork()
        if pid == 0:
            while True:
                pass
        return a + b if pid < 0 else a
    """
    expect(run(code), "pass")  # fork() returned -1: the child never existed


def test_lingering_threads_do_not_outlive_the_run() -> None:
    code = """
    import threading, time
    def add(a, b):
        threading.Thread(target=lambda: time.sleep(3600)).start()
        return a + b
    """
    expect(run(code), "pass")


@pytest.mark.parametrize("exit_call", ["os._exit(0)", "sys.exit(0)"])
def test_exit_after_printing_passed_is_an_error(exit_call: str) -> None:
    code = f"import os, sys\ndef add(a, b):\n    print('PASSED')\n    {exit_call}\n"
    result = run(code)
    expect(result, "error")
    assert "PASSED" in result.stdout


def test_segfault_via_ctypes() -> None:
    result = run("import ctypes\ndef add(a, b):\n    ctypes.string_at(0)\n")
    expect(result, "error")
    assert "segmentation fault" in result.message
    expect(run(GOOD), "pass")


def test_eq_always_true_object() -> None:
    code = """
    class Liar:
        def __eq__(self, other):
            return True
        shape = (3,)
    def add(a, b):
        return Liar()
    """
    expect(run(code), "fail", "type")


def test_tensor_subclass_lying_in_torch_function() -> None:
    code = """
    import torch
    class Liar(torch.Tensor):
        @classmethod
        def __torch_function__(cls, func, types, args=(), kwargs=None):
            return True
    def add(a, b):
        return (a + b).as_subclass(Liar)
    """
    result = run(code)
    expect(result, "fail", "type")
    assert "plain torch.Tensor" in result.cases[0].message


def test_monkeypatching_torch_comparisons() -> None:
    code = """
    import torch
    torch.equal = lambda *a, **k: True
    torch.allclose = lambda *a, **k: True
    torch.Tensor.__eq__ = lambda *a, **k: torch.tensor(True)
    torch.testing.assert_close = lambda *a, **k: None
    def add(a, b):
        return a * 0
    """
    expect(run(code), "fail", "values")


def test_modifying_inputs_in_place() -> None:
    expect(run("def add(a, b):\n    a.add_(b)\n    return a\n"), "fail", "tampering")


@pytest.mark.parametrize(
    "body,fclass",
    [
        ("return (a + b).tolist()", "type"),
        ("return (a + b).numpy()", "type"),
        ("return torch.empty_like(a, device='meta')", "device"),
        ("return (a + b).sum().item()", "type"),
        ("return (a + b).double()", "dtype"),
        ("return (a + b)[None]", "shape"),
        ("return a / 0 * 0", "nan"),
    ],
)
def test_wrong_kinds_of_answers(body: str, fclass: str) -> None:
    expect(run(f"import torch\ndef add(a, b):\n    {body}\n"), "fail", fclass)


def test_syntax_error_names_the_line() -> None:
    result = run("import torch\n\ndef add(a, b)\n    return a + b\n")
    expect(result, "error", "syntax")
    assert result.line == 3


def test_missing_entry_function() -> None:
    expect(run("import torch\n\ndef plus(a, b):\n    return a + b\n"), "error", "missing_function")


def test_entry_that_is_not_callable() -> None:
    expect(run("add = 42\n"), "error", "missing_function")


@pytest.mark.parametrize(
    "exc", ["KeyboardInterrupt", "BaseException", "SystemExit(3)", "GeneratorExit"]
)
def test_base_exceptions_are_errors(exc: str) -> None:
    expect(run(f"def add(a, b):\n    raise {exc}\n"), "error", "exception")


def test_exception_traceback_is_cut_to_the_players_lines() -> None:
    code = "import torch\n\n\ndef helper(a):\n    return a @ torch.ones(7, 2)\n\n\ndef add(a, b):\n    return helper(a)\n"
    result = run(code)
    expect(result, "error", "exception")
    case = result.cases[0]
    assert case.line == 5
    assert case.traceback is not None and "line 9, in add" in case.traceback
    assert "site-packages" not in case.traceback


def test_global_defaults_do_not_leak_into_the_next_run() -> None:
    code = """
    import torch
    torch.set_default_dtype(torch.float64)
    torch.set_printoptions(precision=1)
    torch.manual_seed(1234)
    def add(a, b):
        return (a + b).to(torch.get_default_dtype())
    """
    expect(run(code), "fail", "dtype")
    expect(
        run("import torch\ndef add(a, b):\n    return (a + b).to(torch.get_default_dtype())\n"),
        "pass",
    )


def test_reading_the_reference_is_refused() -> None:
    target = ROOTS[0] / "puzzles" / "rt_add" / "reference.py"
    code = f"def add(a, b):\n    return open({str(target)!r}).read()\n"
    result = run(code)
    expect(result, "error", "exception")
    assert "PermissionError" in result.cases[0].message


def test_killing_the_zygote_is_survived() -> None:
    expect(
        run("import os, signal\ndef add(a, b):\n    os.kill(os.getppid(), signal.SIGKILL)\n"),
        "error",
    )
    expect(run(GOOD), "pass")


def test_zygote_killed_between_runs_is_replaced() -> None:
    expect(run(GOOD), "pass")
    zygote = shared_runner().zygote
    assert zygote is not None and zygote.proc is not None
    zygote.proc.kill()
    zygote.proc.wait()
    expect(run(GOOD), "pass")


def sleepers(seconds: str) -> list[int]:
    """Host processes running `sleep SECONDS` (a run's pids mean nothing outside its PID
    namespace, so escaped children are found by a unique argument instead)."""
    found = []
    for name in os.listdir("/proc"):
        try:
            with open(f"/proc/{name}/cmdline", "rb") as f:
                argv = f.read().split(b"\0")
        except OSError:
            continue
        if (
            len(argv) > 1
            and argv[0].endswith(b"sleep")
            and argv[1] == seconds.encode()
            and alive(int(name))
        ):
            found.append(int(name))
    return found


def test_escaped_grandchild_is_killed() -> None:
    code = """
    import os, subprocess
    def total(x):
        p = subprocess.Popen(["sleep", "6071"], start_new_session=True)
        print("child", p.pid)
        return x.sum()
    """
    result = run(code, puzzle="rt_procs")
    expect(result, "pass")
    assert "child" in result.stdout
    assert sleepers("6071") == []


def test_dataloader_workers_when_the_puzzle_allows_processes() -> None:
    code = """
    import torch
    from torch.utils.data import DataLoader, TensorDataset
    def total(x):
        loader = DataLoader(TensorDataset(x), batch_size=2, num_workers=2)
        return sum(batch[0].sum() for batch in loader)
    """
    expect(run(code, puzzle="rt_procs"), "pass")


def test_static_rules_name_the_line() -> None:
    result = run(
        "import torch\nimport torch.nn.functional as F\n\ndef act(x):\n    return F.gelu(x)\n",
        puzzle="rt_rules",
    )
    expect(result, "rule_violation", "rule")
    assert result.line == 5


@pytest.mark.parametrize(
    "code,line",
    [
        ("import torch\n\ndef act(x):\n    return [v for v in x]\n", 4),
        ("import os\n\ndef act(x):\n    return x\n", 1),
        ("import torch\n\ndef act(x):\n    return eval('x')\n", 4),
        ("import torch\n\ndef act(x):\n    return x.relu()\n", 4),
        ("from torch import einsum\n\ndef act(x):\n    return einsum('i->i', x)\n", 1),
    ],
)
def test_rule_variants(code: str, line: int) -> None:
    result = run(code, puzzle="rt_rules")
    expect(result, "rule_violation")
    assert result.line == line


def test_forbidden_call_reached_at_run_time() -> None:
    code = "import torch\nimport torch.nn as nn\n\ndef act(x):\n    f = {'fn': nn.functional}['fn'].gelu\n    return f(x)\n"
    result = run(code, puzzle="rt_rules")
    expect(result, "rule_violation", "rule")
    assert result.line == 6


def test_too_many_lines() -> None:
    code = (
        "import torch\n"
        + "".join(f"v{i} = {i}\n" for i in range(15))
        + "def act(x):\n    return x\n"
    )
    expect(run(code, puzzle="rt_rules"), "rule_violation")


def test_gradient_check() -> None:
    expect(run("def score(x, w):\n    return (x * w).sum(-1)\n", puzzle="rt_grad"), "pass")
    expect(run("def score(x, w):\n    return (x * w.detach()).sum(-1)\n", puzzle="rt_grad"), "fail")
    expect(run("def score(x, w):\n    return (x * w).sum(-1).detach()\n", puzzle="rt_grad"), "fail")


def test_peak_tensor_budget() -> None:
    expect(
        run(
            "import torch\ndef norm(x):\n    return torch.linalg.vector_norm(x)\n",
            puzzle="rt_budget",
        ),
        "pass",
    )
    result = run("def norm(x):\n    return (x * x).sum().sqrt()\n", puzzle="rt_budget")
    expect(result, "fail", "memory")
    assert "budget" in result.message


def test_signalling_everyone_or_the_runner_is_refused_even_through_ctypes() -> None:
    # Signal 0 only probes, so this test is harmless even if the filter were missing.
    code = """
    import ctypes, os
    def add(a, b):
        libc = ctypes.CDLL(None)
        refused = libc.kill(-1, 0) == -1 and libc.kill(os.getppid(), 0) == -1
        return a + b if refused else a
    """
    expect(run(code), "pass")


@pytest.mark.parametrize(
    "action",
    [
        "open('/usr/torchenstein-sandbox-escape.txt', 'w').write('x')",
        "os.remove(os.path.expanduser('~/.bashrc-that-does-not-exist'))",
        "os.mkdir('/usr/torchenstein-sandbox-dir')",
    ],
)
def test_files_outside_the_scratch_folder_are_off_limits(action: str) -> None:
    result = run(f"import os\ndef add(a, b):\n    {action}\n    return a + b\n")
    expect(result, "error", "exception")
    assert "PermissionError" in result.cases[0].message
    assert not os.path.exists("/usr/torchenstein-sandbox-escape.txt")


def test_temporary_files_are_fine() -> None:
    code = """
    import tempfile
    def add(a, b):
        with tempfile.NamedTemporaryFile("w") as f:
            f.write("scratch")
        return a + b
    """
    expect(run(code), "pass")


def test_forged_result_files_cannot_pass_or_crash_the_judge() -> None:
    code = """
    import os
    def add(a, b):
        scratch = "/scratch/out" if os.path.isdir("/scratch/out") else os.environ["TMPDIR"]
        for i in range(10):
            with open(os.path.join(scratch, f"case_{i}.json"), "w") as f:
                f.write('{"status": "ok", "output": {"t": "tensor", "key": "nope"}, "inputs_after": 7}')
        with open(os.path.join(scratch, "done.json"), "w") as f:
            f.write('{"load_error": null}')
        os._exit(0)
    """
    result = run(code)
    assert result.verdict in ("error", "fail")
    assert all(c.status != "pass" for c in result.cases)
