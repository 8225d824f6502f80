"""Where the kernel refuses namespaces (simulated with TORCHENSTEIN_SANDBOX_NAMESPACES=0) and in
spare workers (TORCHENSTEIN_SANDBOX=spare), a run still has Landlock, seccomp and rlimits, and
says so: the result's `sandbox` field names what was applied, never a silent downgrade.
Also: the layers of a normal run, and the judge's safe reading of hostile files.
"""

from __future__ import annotations

import os
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from game.runner import safeio
from game.runner.engine import Runner
from game.runner.idmap import RUN_UIDS
from game.runner.protocol import RunResult
from tests.sandbox_procs import run_uid

ROOTS = [Path(__file__).resolve().parent / "runner_cases"]
REFERENCE = ROOTS[0] / "puzzles" / "rt_add" / "reference.py"
GAME = Path(__import__("game").__file__).resolve().parent
linux = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux layers")

ATTACK = f"""
import ctypes, os
libc = ctypes.CDLL(None, use_errno=True)
def add(a, b):
    tries = {{
        "reference": libc.open({str(REFERENCE).encode()!r}, 0),
        "runner memory": libc.open(b"/proc/%d/mem" % RUNNER, 2),
        "package": libc.open({str(GAME / "evil.py").encode()!r}, 0o101, 0o644),
        "signal runner": libc.kill(RUNNER, 0),
        "signal zygote": libc.kill(ZYGOTE, 0),
        "signal parent": libc.kill(os.getppid(), 0),
        "inet socket": libc.socket(2, 1, 0),
    }}
    print(tries)
    return a + b if all(v == -1 for v in tries.values()) else a - b
"""


@pytest.fixture
def runner_with(monkeypatch: pytest.MonkeyPatch) -> Iterator[callable]:  # type: ignore[valid-type]
    made: list[Runner] = []

    def check(env: dict[str, str], code: str) -> RunResult:
        for key, value in env.items():
            monkeypatch.setenv(key, value)
        runner = Runner()
        made.append(runner)
        runner.warm("cpu")
        zygote = runner.zygote.pid if runner.zygote is not None else None
        code = code.replace("ZYGOTE_PID", str(zygote or os.getpid()))
        entry = runner.find("rt_add", ROOTS)
        return runner.check(entry, textwrap.dedent(code), "cpu", "try", 1, roots=ROOTS)

    yield check
    for runner in made:
        runner.close()


@linux
@pytest.mark.parametrize(
    "env,missing,spaces",
    [
        ({"TORCHENSTEIN_SANDBOX_NAMESPACES": "0"}, "no-namespaces (switched off)", False),
        (
            {"TORCHENSTEIN_SANDBOX_NAMESPACES": "0", "TORCHENSTEIN_SANDBOX": "spare"},
            "no-namespaces (switched off)",
            False,
        ),
        ({"TORCHENSTEIN_SANDBOX": "spare"}, "private-root", True),
    ],
)
def test_fallback_keeps_the_other_walls_and_says_so(runner_with, env, missing, spaces) -> None:  # type: ignore[no-untyped-def]
    """A spare worker (the CUDA path) has every namespace and a private root built around its
    job; without namespaces, Landlock, seccomp and rlimits remain."""
    code = ATTACK.replace("RUNNER", str(os.getpid()))
    result = runner_with(env, code.replace("ZYGOTE", "ZYGOTE_PID"))
    assert result.verdict == "pass", result.message + result.stdout
    assert missing in result.sandbox, result.sandbox
    assert ("user-ns" in result.sandbox) is spaces
    assert ("net-ns" in result.sandbox) is spaces
    for layer in ("landlock-fs", "seccomp", "no-new-privs", "rlimit-as"):
        assert layer in result.sandbox, result.sandbox
    assert not (GAME / "evil.py").exists()


@linux
def test_a_normal_run_names_every_layer(runner_with) -> None:  # type: ignore[no-untyped-def]
    result = runner_with({}, "def add(a, b):\n    return a + b\n")
    assert result.verdict == "pass"
    for layer in (
        "user-ns",
        "pid-ns",
        "mount-ns",
        "net-ns",
        "ipc-ns",
        "private-root",
        "scratch-tmpfs",
        "landlock-fs",
        "seccomp",
        "no-capabilities",
        "rlimit-nproc",
    ):
        assert layer in result.sandbox, result.sandbox


def test_safeio_refuses_links_fifos_devices_and_oversized(tmp_path: Path) -> None:
    (tmp_path / "ok.json").write_text('{"a": [1, 2.5]}')
    assert safeio.read_json(str(tmp_path / "ok.json"), 100) == {"a": [1, 2.5]}
    (tmp_path / "link.json").symlink_to(tmp_path / "ok.json")
    os.mkfifo(tmp_path / "fifo.json")
    (tmp_path / "big.json").write_text("[" + "0," * 100 + "0]")
    for name in ("link.json", "fifo.json", "big.json"):
        with pytest.raises(safeio.Untrusted):
            safeio.read_json(str(tmp_path / name), 100)  # a FIFO must not block: O_NONBLOCK
    with pytest.raises(safeio.Untrusted):
        safeio.read_bytes("/dev/zero", 100)
    assert not safeio.copy_regular(
        "fifo.json", os.open(tmp_path, os.O_RDONLY), os.open(tmp_path, os.O_RDONLY), 100
    )


@pytest.mark.parametrize(
    "text",
    ["[" * 100_000 + "]" * 100_000, '{"x": NaN}', '{"x": Infinity}', '{"x": -1e400}', "\xff{"],
)
def test_safeio_json_is_bounded_and_finite(text: str) -> None:
    with pytest.raises(safeio.Untrusted):
        safeio.parse_json(text.encode("utf-8", "surrogateescape") if text != "\xff{" else b"\xff{")


def test_check_json_carries_the_sandbox_field(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import argparse
    import json

    from game.content.locate import content_root
    from game.runner.check import cli_check

    solution = content_root() / "puzzles" / "summon_tensors" / "reference.py"
    args = argparse.Namespace(
        puzzle="summon_tensors",
        solution=str(solution),
        device="cpu",
        json=True,
        mod=[],
        try_only=True,
    )
    assert cli_check(args, [content_root()], [tmp_path]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert isinstance(doc["sandbox"], list) and doc["sandbox"]
    if sys.platform.startswith("linux"):
        assert "seccomp" in doc["sandbox"]


def test_carve_cuts_hidden_folders_out_of_what_landlock_allows(tmp_path: Path) -> None:
    from game.runner.newroot import carve

    install = tmp_path / "site"
    (install / "game" / "_data" / "puzzles" / "p").mkdir(parents=True)
    (install / "game" / "_data" / "scenes").mkdir()
    (install / "game" / "runner").mkdir()
    (install / "torch").mkdir()
    (install / "top.pth").write_text("")
    (install / "game" / "link").symlink_to(install / "game" / "_data" / "puzzles")
    hidden = install / "game" / "_data" / "puzzles"
    found = carve([str(install), str(tmp_path / "elsewhere")], [str(hidden)])
    assert sorted(found) == sorted(
        [
            str(install / "top.pth"),
            str(install / "torch"),
            str(install / "game" / "runner"),
            str(install / "game" / "_data" / "scenes"),
            str(tmp_path / "elsewhere"),
        ]
    )
    assert carve([str(install)], []) == [str(install)]
    assert carve([str(hidden)], [str(hidden)]) == []


@linux
@pytest.mark.parametrize("spare", [False, True])
def test_without_namespaces_a_root_run_still_becomes_an_unprivileged_uid(  # type: ignore[no-untyped-def]
    runner_with, spare: bool
) -> None:
    """Without namespaces a root run used to stay uid 0 (capabilities dropped): it owned every
    root file Landlock let it reach, and RLIMIT_NPROC did not bind it. Now it becomes the run's
    uid, unless that uid could not read the install where it lies, and says which."""
    if os.geteuid() != 0:
        pytest.skip("a root run's identity")
    from game.runner.newroot import open_to_others, root_plan

    env = {"TORCHENSTEIN_SANDBOX_NAMESPACES": "0"} | (
        {"TORCHENSTEIN_SANDBOX": "spare"} if spare else {}
    )
    code = "import os\ndef add(a, b):\n    print('uid', os.getuid())\n    return a + b\n"
    result = runner_with(env, code)
    assert result.verdict == "pass", result.message
    if open_to_others(root_plan().readonly):
        uid = run_uid(result.sandbox)
        assert uid in RUN_UIDS, result.sandbox
        assert f"uid {uid}" in result.stdout
        assert "rlimit-nproc" in result.sandbox, result.sandbox
    else:
        assert "uid-0 (the Python install is private to root)" in result.sandbox, result.sandbox
