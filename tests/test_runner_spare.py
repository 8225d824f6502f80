"""The non-fork path (what Windows and macOS players get), forced on Linux: pre-spawned warm
spare workers, each used for one run and then replaced, must give the same verdicts."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from game.runner.engine import Runner, fork_available

ROOTS = [Path(__file__).resolve().parent / "runner_cases"]
SEQUENCE = [
    ("def add(a, b):\n    return a + b\n", "pass"),
    ("def add(a, b):\n    while True:\n        pass\n", "timeout"),
    ("import ctypes\ndef add(a, b):\n    ctypes.string_at(0)\n", "error"),
    (
        "import torch\ntorch.set_default_dtype(torch.float64)\n"
        "def add(a, b):\n    return (a + b).to(torch.get_default_dtype())\n",
        "fail",
    ),
    ("import torch\ndef add(a, b):\n    return (a + b).to(torch.get_default_dtype())\n", "pass"),
]


@pytest.mark.slow
def test_spare_workers_give_the_same_verdicts(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TORCHENSTEIN_SANDBOX", "spare")
    runner = Runner()
    assert runner.zygote is None
    try:
        entry = runner.find("rt_add", ROOTS)
        used: list[int | None] = []
        for code, verdict in SEQUENCE:
            runner.warm("cpu")
            used.append(runner.spares["cpu"].pid)
            result = runner.check(entry, code, "cpu", "submit", None, roots=ROOTS)
            assert result.verdict == verdict, (code, result.message)
        assert len(set(used)) == len(used)  # each worker served exactly one run
    finally:
        runner.close()


def test_fork_is_chosen_only_on_linux(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TORCHENSTEIN_SANDBOX", raising=False)
    assert fork_available() == sys.platform.startswith("linux")
    monkeypatch.setenv("TORCHENSTEIN_SANDBOX", "spare")
    assert not fork_available()
