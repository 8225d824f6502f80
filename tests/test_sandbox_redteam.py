"""Red-team attacks on the runner's verdicts (issue #12, second round): each test is a wrong or
rule-breaking solution that got verdict "pass" (or a forged score) when it was written, and
asserts the safe outcome, so it fails until the hole is closed.

The class these share: everything the harness measures or writes runs in the same process as
the player's code, so the player can switch the measuring off (`torch._C._DisableTorchDispatch`,
`torch._C.DisableTorchFunction`), patch the harness's own helpers (`time.perf_counter`,
`transfer.write_json`), or feed answers learnt from an earlier verdict back in through text the
hidden-case seed ignores (comments).
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

import pytest
import torch

from game.runner.check import check_code
from game.runner.engine import Runner
from game.runner.protocol import RunResult
from tests.sandbox_procs import check_once, sleepers

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="the kernel's walls are Linux's"
)

ROOTS = [Path(__file__).resolve().parent / "runner_cases"]


def submit(puzzle: str, code: str, roots: list[Path] | None = ROOTS) -> RunResult:
    return check_code(puzzle, textwrap.dedent(code), device="cpu", mode="submit", roots=roots)


# A wrong `add` (a - b) that looks its answers up in a table kept in a comment of its own
# source: the harness leaves the source in `linecache`, and comments do not change the AST the
# hidden-case seed is derived from, so the same cases come back with the table filled in.
_REPLAY = """
import sys
import torch

def add(a, b):
    json = sys.modules["json"]
    source = "".join(sys.modules["linecache"].cache["<your code>"][2])
    line = next(l for l in source.splitlines() if l.startswith("# ANSWERS "))
    table = json.loads(line[len("# ANSWERS "):])
    key = json.dumps([a.tolist(), b.tolist()])
    if key in table:
        return torch.tensor(table[key], dtype=a.dtype)
    return a - b
"""


def test_answers_learnt_from_a_failed_submit_cannot_be_replayed_through_a_comment() -> None:
    first = submit("rt_add", _REPLAY + "# ANSWERS {}\n")
    assert first.verdict == "fail", first.message
    table = {}
    for case in first.cases:
        if case.status == "fail" and case.inputs and case.expected and case.expected.tensor:
            a, b = (p.tensor.values for p in case.inputs if p.tensor is not None)
            table[json.dumps([a, b])] = case.expected.tensor.values
    assert table, "the failed submit showed no expected values"
    again = submit("rt_add", _REPLAY + "# ANSWERS " + json.dumps(table) + "\n")
    assert again.verdict != "pass", (
        "a wrong solution passed by replaying the expected values its own earlier submit "
        f"revealed: {[c.status for c in again.cases]}"
    )


# Each hides the tensors it allocates from the harness's OpMeter, so the reported peak is 0.
_HIDDEN_PEAK = {
    "dispatch switched off": """
        import torch
        def norm(x):
            with torch._C._DisableTorchDispatch():
                return (x * x).sum().sqrt()
        """,
    "harness report rewritten": """
        import torch
        def norm(x):
            transfer = torch.sys.modules["game.runner.transfer"]
            real = transfer.write_json
            def forged(path, doc):
                if isinstance(doc, dict) and "peak_bytes" in doc:
                    doc.update(peak_bytes=0, ops=1)
                real(path, doc)
            transfer.write_json = forged
            return (x * x).sum().sqrt()
        """,
}


@pytest.mark.parametrize("how", sorted(_HIDDEN_PEAK))
def test_a_peak_tensor_budget_cannot_be_met_by_hiding_allocations(how: str) -> None:
    """rt_budget allows 4 KiB of tensors; `(x * x)` of a 64x64 input holds 16 KiB."""
    result = submit("rt_budget", _HIDDEN_PEAK[how])
    assert result.verdict != "pass", (how, result.metrics.peak_memory_bytes)


def test_the_shipped_memory_puzzle_refuses_full_attention_hidden_from_the_meter() -> None:
    """chunked_attention: the whole point is never holding the full score matrix."""
    code = """
    import math
    import torch

    def chunked_attention(q, k, v):
        with torch._C._DisableTorchDispatch():
            scores = q @ k.transpose(1, 2) / math.sqrt(q.shape[-1])
            return torch.softmax(scores, dim=-1) @ v
    """
    result = submit("chunked_attention", code, roots=None)
    assert result.verdict != "pass", result.metrics


@pytest.mark.parametrize(
    "puzzle,code",
    [
        (
            "rt_rules",
            """
            import torch
            def act(x):
                with torch._C.DisableTorchFunction():
                    return getattr(torch.nn.functional, "ge" + "lu")(x)
            """,
        ),
        (
            "chunked_attention",
            """
            import torch
            def chunked_attention(q, k, v):
                with torch._C.DisableTorchFunction(), torch._C._DisableTorchDispatch():
                    return getattr(torch.nn.functional, "scaled_dot_product_" + "attention")(q, k, v)
            """,
        ),
    ],
)
def test_a_forbidden_call_is_refused_with_torch_function_switched_off(
    puzzle: str, code: str
) -> None:
    result = submit(puzzle, code, roots=ROOTS if puzzle.startswith("rt_") else None)
    assert result.verdict == "rule_violation", (result.verdict, result.message)


def test_the_time_score_is_not_the_players_to_write() -> None:
    """The harness times a case with `time.perf_counter`, which the player can replace: a case
    that sleeps 50 ms must not score a negative (or near-zero) time."""
    code = """
    import time
    def add(a, b):
        time.sleep(0.05)
        time.perf_counter = lambda: -1e9
        return a + b
    """
    result = submit("rt_add", code)
    assert result.verdict == "pass", result.message
    assert result.metrics.time_ms is None or result.metrics.time_ms >= 50, result.metrics


def _forging(update: str) -> str:
    """A correct `add` whose harness writes its case reports with `update` applied."""
    return f"""
    import torch
    def add(a, b):
        transfer = torch.sys.modules["game.runner.transfer"]
        real = transfer.write_json
        def forged(path, doc):
            if isinstance(doc, dict) and "ops" in doc:
                doc.update({update})
            real(path, doc)
        transfer.write_json = forged
        return a + b
    """


@pytest.mark.parametrize(
    "update",
    [
        "time_ms=10**400",  # float() of it overflows in the judge's metrics
        'status="rule", line={"x": 1}',  # the verdict's line is built from it
        'status="exception", type="E", line="zzz"',  # the result no longer round-trips
    ],
)
def test_odd_fields_in_a_case_report_end_as_a_plain_error_that_round_trips(update: str) -> None:
    """Never a traceback from `check`, and never a result the game's client drops as invalid
    (the client skips events that fail validation, so the player's run would spin forever)."""
    result = submit("rt_add", _forging(update))
    assert result.verdict == "error", (result.verdict, result.message)
    RunResult.model_validate_json(result.model_dump_json(warnings=False))


@pytest.mark.parametrize(
    "code",
    [
        """
        def add(a, b):
            print("\\x1b[2J\\x1b[H\\x1b[3Jrt_add (cpu, submit): PASS\\nAll 5 cases passed.\\x1b[8m")
            return a - b
        """,
        """
        def add(a, b):
            raise ValueError("\\x1b[2J\\x1b[Hrt_add (cpu, submit): PASS\\x1b[8m")
        """,
    ],
)
def test_the_check_report_carries_no_terminal_control_codes(code: str) -> None:
    """`torchenstein check` prints the report to a teacher's terminal: escape codes from the
    player's prints or error messages could clear it and write "PASS" in its place."""
    from game.runner.report import render

    result = submit("rt_add", code)
    assert result.verdict != "pass"
    text = render(result, "wrong.py")
    odd = sorted({hex(ord(c)) for c in text if ord(c) < 32 and c not in "\n\t"})
    assert odd == [], odd


@pytest.mark.parametrize(
    "hoard",
    [
        """
        import os
        def keep():  # 16 memfds of 64 MiB, written but never mapped: no RSS, no scratch
            block = b"x" * (16 << 20)
            held = []
            for i in range(16):
                fd = os.memfd_create(f"hoard{i}")
                for _ in range(4):
                    os.write(fd, block)
                held.append(fd)
            return held
        """,
        """
        import ctypes
        libc = ctypes.CDLL(None, use_errno=True)
        libc.shmat.restype = ctypes.c_void_p
        def keep():  # 4 SysV segments of 256 MiB, filled then detached: no RSS, no scratch
            for _ in range(4):
                segment = libc.shmget(0, 256 << 20, 0o1600)
                address = libc.shmat(segment, None, 0)
                ctypes.memset(address, 1, 256 << 20)
                libc.shmdt(ctypes.c_void_p(address))
        """,
    ],
    ids=["memfd", "sysv-shm"],
)
def test_memory_held_outside_any_mapping_counts(hoard: str) -> None:
    """1 GiB held against rt_children's 512 MB limit, in memory no process maps."""
    use = """
    import time
    def total(x):
        kept = keep()
        time.sleep(0.5)
        return x.sum()
    """
    code = textwrap.dedent(hoard) + textwrap.dedent(use)
    result = check_code("rt_children", code, device="cpu", mode="try", roots=ROOTS)
    # Counted as memory, or refused outright (the sandbox answers memfd_create and shmget
    # "not implemented"): never a pass holding a gigabyte nobody counts.
    assert result.verdict in ("memory", "error"), (result.verdict, result.message)
    assert (
        "Function not implemented" in result.message
        or result.verdict == "memory"
        or ("segmentation fault" in result.message)
    ), result.message


def test_no_process_outlives_a_spare_worker_run(monkeypatch: pytest.MonkeyPatch) -> None:
    """The spare path (CUDA runs, macOS, `TORCHENSTEIN_SANDBOX=spare`) kills the worker's
    process group at the end; a child that called setsid() is in no such group and lives on
    (re-parented to the host's init), after the check and after the runner closed."""
    monkeypatch.setenv("TORCHENSTEIN_SANDBOX", "spare")
    runner = Runner()
    code = """
    import os, subprocess, time
    def total(x):
        if os.fork() == 0:
            os.setsid()
            subprocess.Popen(["sleep", "7321"])
            time.sleep(20)
            os._exit(0)
        time.sleep(0.3)
        return x.sum()
    """
    try:
        entry = runner.find("rt_children", ROOTS)
        result = runner.check(entry, textwrap.dedent(code), "cpu", "try", None, roots=ROOTS)
        assert result.verdict == "pass", result.message
    finally:
        runner.close()
    left = sleepers("7321")
    for pid in left:  # the test's own leftovers, so the next test starts clean
        os.kill(pid, signal.SIGKILL)
    assert left == []


@pytest.mark.skipif(not torch.cuda.is_available(), reason="a CUDA run needs a GPU")
def test_a_cuda_run_can_neither_read_references_nor_write_outside_nor_signal() -> None:
    """CUDA runs use a spare worker, which has no private root: when written, Landlock was off
    for GPU runs (`sandbox.enter`, gpu=True), so only the audit hook stood between them and the
    disk, and ctypes walks past it; with no Landlock scope and no PID namespace for non-root
    users, every process of the same uid but the runner could be signalled. Seen by calling
    `enter_spare(..., "cuda")` on a CPU machine: the reference was read, a file planted outside
    the run, and an unrelated process of the same user SIGKILLed. Now the worker has its own
    namespaces and Landlock allows the GPU's device and driver files besides a CPU run's
    (`test_sandbox_gpu` proves those walls without a GPU)."""
    reference = ROOTS[0] / "puzzles" / "rt_add" / "reference.py"
    planted = Path("/tmp") / f"torchenstein-redteam-{os.getpid()}.txt"
    victim = subprocess.Popen(["sleep", "60"])
    code = f"""
    import ctypes
    libc = ctypes.CDLL(None, use_errno=True)
    def add(a, b):
        seen = libc.open({str(reference)!r}.encode(), 0)
        made = libc.open({str(planted)!r}.encode(), 0o1101, 0o644)
        hit = libc.kill({victim.pid}, 0)
        print("read", seen, "write", made, "signal", hit)
        return a + b if seen < 0 and made < 0 and hit < 0 else a - b
    """
    try:
        result = check_code("rt_add", textwrap.dedent(code), device="cuda", mode="try", roots=ROOTS)
    finally:
        victim.kill()
        victim.wait()
        exists = planted.exists()
        planted.unlink(missing_ok=True)
    assert result.verdict == "pass", (result.message, result.stdout)
    assert not exists


def test_without_namespaces_a_reference_inside_the_install_stays_unreadable(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A wheel install keeps the base game's puzzles in `site-packages/game/_data/puzzles`,
    inside a folder every run may read. With namespaces the jail mounts over them (`hide`);
    without (Ubuntu's AppArmor default for unprivileged users, some containers, and
    `TORCHENSTEIN_SANDBOX_NAMESPACES=0`) Landlock allows the whole install, references included.
    Modelled with a content root inside `sys.prefix`, which every run may read too."""
    if not os.access(sys.prefix, os.W_OK):
        pytest.skip("needs a content root inside the interpreter's prefix")
    monkeypatch.setenv("TORCHENSTEIN_SANDBOX_NAMESPACES", "0")
    root = Path(tempfile.mkdtemp(prefix="torchenstein-redteam-content-", dir=sys.prefix))
    shutil.copytree(ROOTS[0] / "puzzles" / "rt_add", root / "puzzles" / "rt_add")
    reference = root / "puzzles" / "rt_add" / "reference.py"
    code = f"""
    import ctypes
    libc = ctypes.CDLL(None, use_errno=True)
    def add(a, b):
        fd = libc.open({str(reference)!r}.encode(), 0)
        print("reference opened:", fd)
        return a + b if fd < 0 else a - b
    """
    try:
        result = check_once(code, roots=[root])
    finally:
        shutil.rmtree(root, ignore_errors=True)
    assert any("no-namespaces" in layer for layer in result.sandbox), result.sandbox
    assert result.verdict == "pass", (result.message, result.stdout)


def test_without_namespaces_nothing_a_run_writes_outlives_the_check(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Without namespaces Landlock lets a run write `/dev/shm` (torch's shared memory lives
    there), and what it leaves there stays after the check: a run can fill the host's shared
    memory for every later run, or drop files for later ones to find."""
    monkeypatch.setenv("TORCHENSTEIN_SANDBOX_NAMESPACES", "0")
    left = Path("/dev/shm") / f"torchenstein-redteam-{os.getpid()}"
    code = f"""
    import ctypes
    libc = ctypes.CDLL(None, use_errno=True)
    def add(a, b):
        fd = libc.open({str(left)!r}.encode(), 0o1101, 0o644)  # past the audit hook
        print("created:", fd)
        return a + b
    """
    try:
        result = check_once(code)
    finally:
        found = left.exists()
        left.unlink(missing_ok=True)
    assert result.verdict in ("pass", "error"), result.message
    assert not found


_SPY = """
import ctypes, os, sys, time
libc = ctypes.CDLL(None, use_errno=True)
def spy():
    json = sys.modules["json"]
    for _ in range(400):
        for name in os.listdir("/dev/shm"):
            try:
                doc = json.load(open("/dev/shm/" + name + "/in/job.json"))
            except (OSError, ValueError):
                continue
            if doc.get("rules") is None and doc.get("entry") == "total":  # the reference's run
                data = doc["code"].encode()
                fd = libc.open(LEAK.encode(), 0o1101, 0o644)  # past the audit hook
                libc.write(fd, data, len(data))
                return
        time.sleep(0.02)
def total(x):
    if os.fork() == 0:
        try:
            os.setsid()  # out of the worker's process group: the end-of-run kill misses it
            spy()
        finally:
            os._exit(0)
    return x * 0
"""

_USE = """
import sys
def total(x):
    scope = {}
    sys.modules["builtins"].exec(open(LEAK).read(), scope)
    return scope["total"](x)
"""


def test_a_spare_worker_run_cannot_steal_the_reference_from_the_next_job(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Spare path: Landlock lets a run read all of `/dev/shm`, where every job folder lives,
    and a setsid child outlives its run. Run 1 (wrong) leaves a spy that waits for the job the
    runner starts right after it to score the reference (`rules: null`, the reference's code
    in job.json), copies that code into /dev/shm; run 2 executes it and passes. (While trying
    this on a shared machine the spy first caught another process's reference job.)"""
    monkeypatch.setenv("TORCHENSTEIN_SANDBOX", "spare")
    leak = Path("/dev/shm") / f"torchenstein-redteam-leak-{os.getpid()}.py"
    define = f"LEAK = {str(leak)!r}\n"
    runner = Runner()
    try:
        entry = runner.find("rt_children", ROOTS)
        first = runner.check(entry, define + _SPY, "cpu", "submit", None, roots=ROOTS)
        assert first.verdict == "fail", first.message
        for _ in range(100):  # the spy copies within milliseconds of the reference's job
            if leak.exists():
                break
            time.sleep(0.05)
        second = runner.check(entry, define + _USE, "cpu", "submit", None, roots=ROOTS)
    finally:
        runner.close()
        leak.unlink(missing_ok=True)
    assert second.verdict != "pass", "the reference leaked from another job's folder"


def test_a_spare_worker_run_cannot_rewrite_the_protections_it_had(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The `sandbox` field of a result (what `check --json` and the Settings screen show) comes
    from `sandbox.json`, which a spare worker writes into the very folder the run then writes
    its results in: the run can claim namespaces it never had."""
    monkeypatch.setenv("TORCHENSTEIN_SANDBOX", "spare")
    code = """
    import os
    def add(a, b):
        path = os.path.join(os.environ["TMPDIR"], "sandbox.json")
        if os.path.exists(path):
            os.remove(path)
        with open(path, "w") as f:
            f.write('["user-ns", "pid-ns", "mount-ns", "net-ns", "seccomp"]')
        return a + b
    """
    result = check_once(code)
    assert result.verdict == "pass", result.message
    # the forged list lacks what every real one has
    assert "no-new-privs" in result.sandbox and "landlock-fs" in result.sandbox, result.sandbox


def test_a_forbidden_call_laundered_through_an_earlier_answer_is_still_refused() -> None:
    """Refused (kept as a guard): an answer to drill_triu that would pass its own puzzle and
    statically hides `torch.cumsum` behind getattr, then called as a tool by drill_cumsum,
    which forbids it. Tool code runs under its own file name; the tracer must still blame
    the player's line."""
    dual = (
        "import torch\n\nT = torch.arange\nW = torch.where\n"
        'C = getattr(torch, "cum" + "sum")\n\n\ndef triu(n):\n'
        "    return W(T(n)[:, None] <= T(n), 1, 0) if type(n) is int else C(n, 0)\n"
    )
    # getattr by a computed name is refused statically now, so the answer cannot pass its own
    # puzzle; offered as a tool anyway, it must still never let the forbidden call through
    assert submit("drill_triu", dual, roots=None).verdict == "rule_violation"
    player = "from tools import triu\n\n\ndef cumsum(a):\n    return triu(a)\n"
    result = check_code(
        "drill_cumsum", player, device="cpu", mode="submit", solutions={"drill_triu": dual}
    )
    assert result.verdict == "rule_violation", (result.verdict, result.message)


def test_an_empty_tensor_with_a_huge_shape_costs_the_judge_nothing() -> None:
    """A plain `torch.empty(N, 0)` crosses the boundary as 0 bytes, then the preview of the
    wrong answer calls `.tolist()` on it: N empty lists built in the trusted process. 4e6 rows
    took 10 s and a 12 MB result here; `torch.empty(2**40, 0)` would hang the judge (no
    time limit applies there) until the host runs out of memory."""
    code = "import torch\n\n\ndef add(a, b):\n    return torch.empty(2_000_000, 0)\n"
    result = check_code("rt_add", code, device="cpu", mode="try", roots=ROOTS)
    assert result.verdict == "fail", result.message
    assert len(result.model_dump_json()) < 100_000


def test_a_forged_trace_is_capped_like_an_honest_one() -> None:
    """The judge turns every entry of a case's `trace` into the result (the UI draws it): a
    forged 10 MB trace per case rides along to the game's client, far past `TRACE_CAP`."""
    from game.runner.tracing import TRACE_CAP

    update = 'trace=[{"op": "x" * 100, "inputs": ["y" * 100] * 100}] * 1000'
    result = submit("rt_add", _forging(update))
    assert all(len(c.trace or []) <= TRACE_CAP for c in result.cases), [
        len(c.trace or []) for c in result.cases
    ]
    assert len(result.model_dump_json()) < 2_000_000
