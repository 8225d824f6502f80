"""Each root run has a uid of its own (`idmap.fresh_run_identity`). Before, every run had 65534:
a process of that uid outside the game (a service running as `nobody`), or another check's run
where the kernel offers neither namespaces nor Landlock, could write forged results into a live
check's JOB/out, which belonged to that same uid while its run went on. Root only: a user's runs
are the user.
"""

from __future__ import annotations

import errno
import os
import sys
from pathlib import Path

import pytest

from game.runner import idmap
from game.runner.engine import Runner
from game.runner.jobdir import make_job_dir, remove_job_dir
from tests.sandbox_procs import RUNNER_CASES, run_uid

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux") or os.geteuid() != 0, reason="a root run's identity"
)


def _create_as(uid: int, folder: Path) -> int:
    """0 when a process of `uid` (no groups) may create a file in `folder`, else the errno."""
    pid = os.fork()
    if pid == 0:
        code = 0
        try:
            idmap.become(uid, uid)
            os.close(os.open(folder / "case_0.json", os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        except OSError as exc:
            code = exc.errno or 1
        finally:
            os._exit(code)
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status)


def test_no_one_but_a_runs_own_uid_may_write_its_results(monkeypatch: pytest.MonkeyPatch) -> None:
    """Two live checks' folders, and a process of each of the uids that might try: the other
    run's, and nobody's (65534, a service's). Only the run's own may write."""
    monkeypatch.delenv(idmap.PINNED, raising=False)
    first, second = make_job_dir(), make_job_dir()
    try:
        owners = [(first / "out").stat().st_uid, (second / "out").stat().st_uid]
        assert all(uid in idmap.RUN_UIDS for uid in owners) and owners[0] != owners[1], owners
        assert _create_as(owners[1], first / "out") == errno.EACCES
        assert _create_as(65534, first / "out") == errno.EACCES
        assert _create_as(owners[0], first / "out") == 0  # the run itself, as a control
    finally:
        remove_job_dir(first)
        remove_job_dir(second)


def test_a_pinned_uid_is_every_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    """`TORCHENSTEIN_SANDBOX_UID` is the user's choice of every run's uid."""
    monkeypatch.setenv(idmap.PINNED, "4242")
    folder = make_job_dir()
    try:
        assert (folder / "out").stat().st_uid == 4242
    finally:
        remove_job_dir(folder)


def test_a_run_never_keeps_root_for_a_folder_root_owns(tmp_path: Path) -> None:
    """The jail takes its run's ids from JOB/out; a folder of root's gives no identity at all
    rather than uid 0."""
    (tmp_path / "out").mkdir()
    with pytest.raises(PermissionError):
        idmap.folder_identity(str(tmp_path))


@pytest.mark.parametrize("sandbox", ["fork", "spare"])
@pytest.mark.parametrize("namespaces", ["1", "0"])
def test_each_check_runs_as_a_uid_of_its_own(
    monkeypatch: pytest.MonkeyPatch, sandbox: str, namespaces: str
) -> None:
    """Three checks in a row on one runner, in the jail and the spare worker, with and without
    namespaces: three uids, each from the run range, each the one the run saw itself have."""
    monkeypatch.delenv(idmap.PINNED, raising=False)
    monkeypatch.setenv("TORCHENSTEIN_SANDBOX_NAMESPACES", namespaces)
    if sandbox == "spare":
        monkeypatch.setenv("TORCHENSTEIN_SANDBOX", "spare")
    else:
        monkeypatch.delenv("TORCHENSTEIN_SANDBOX", raising=False)
    code = "import os\ndef add(a, b):\n    print('uid', os.getuid())\n    return a + b\n"
    runner = Runner()
    try:
        entry = runner.find("rt_add", [RUNNER_CASES])
        results = [runner.check(entry, code, "cpu", "try", None) for _ in range(3)]
    finally:
        runner.close()
    uids = []
    for result in results:
        assert result.verdict == "pass", result.message
        if idmap.PRIVATE_INSTALL in result.sandbox:
            continue  # the install is private to root and no private root stood: uid 0, said
        uid = run_uid(result.sandbox)
        assert uid in idmap.RUN_UIDS, result.sandbox
        assert f"uid {uid}" in result.stdout, result.stdout  # mapped to itself inside
        uids.append(uid)
    assert len(set(uids)) == len(uids), uids
