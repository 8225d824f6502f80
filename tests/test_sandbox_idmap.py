"""The two-id user namespace a root spare worker takes when the Python install is private to
root (`game/runner/idmap.py`): uid 0 inside is root, so torch imports; the run's uid is mapped
too, and once dropped to it there is no way back and no capability left. Tested directly,
because on this machine the install may be open to others (then the worker never needs it);
CI's install is private, so the whole worker takes this path there."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path
from typing import Any

import pytest

from game.runner import idmap, syscalls
from tests.sandbox_procs import (
    FORK_PROBE,
    check_once,
    errno_of,
    forked_report,
    probe_report,
    run_uid,
)

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux") or os.geteuid() != 0,
    reason="only root may map two ids (and only a root worker needs to)",
)


def _capabilities() -> int:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("CapEff:"):
                return int(line.split()[1], 16)
    return -1


def test_root_maps_itself_and_the_run_uid_then_keeps_only_the_run_uid() -> None:
    def probe(found: dict[str, int]) -> None:
        os.setgroups([0, 1])  # a supplementary group root holds must not survive the drop
        found["mapped"] = idmap.unshare_mapped_by_root()
        with open("/proc/self/uid_map") as ids:
            found["mapped_uids"] = sum(int(line.split()[2]) for line in ids)
        found["uid_inside"] = os.getuid()
        found["groups"] = len(os.getgroups())
        found["dropped"] = int(idmap.drop_to_run_uid() == ["uid-65534"])
        found["uid"] = os.getuid()
        found["gid"] = os.getgid()
        found["back_to_root"] = errno_of(lambda: os.setresuid(0, 0, 0))
        found["capabilities"] = _capabilities()

    found = forked_report(probe)
    if found.get("mapped") is None:
        pytest.skip(f"the kernel refused a user namespace: {found}")
    assert found == {
        "mapped": idmap.MAPPED,
        "mapped_uids": 2,
        "uid_inside": 0,
        "groups": 0,
        "dropped": 1,
        "uid": 65534,
        "gid": 65534,
        "back_to_root": 1,  # EPERM
        "capabilities": 0,
    }


def test_a_run_uid_that_cannot_be_mapped_leaves_root_alone_and_says_so() -> None:
    """uid 0 twice is no map the kernel takes: the helper falls back to uid 0 alone, and the
    worker then keeps it and names it in its layers (`PRIVATE_INSTALL`)."""

    def probe(found: dict[str, int]) -> None:
        os.environ["TORCHENSTEIN_SANDBOX_UID"] = "0"
        found["mapped"] = idmap.unshare_mapped_by_root()
        found["uid_inside"] = os.getuid()

    found = forked_report(probe)
    if found.get("mapped") is None:
        pytest.skip(f"the kernel refused a user namespace: {found}")
    assert found == {"mapped": idmap.ROOT_ONLY, "uid_inside": 0}


def _make_the_install_private() -> bool:
    """In a new mount namespace of this (forked) process: the folder holding the Python
    install becomes 0700, its entries bound back as they were, so that only root can reach
    the install, as with pyenv under a 0700 /root. False when there is no such folder to
    change (an install right under /)."""
    parent = Path(os.path.realpath(sys.prefix)).parent
    if idmap.install_open() is False:
        return True  # already private (CI's venv sits in a 0700 `mktemp -d` folder)
    if parent == Path("/"):
        return False
    syscalls.unshare(syscalls.CLONE_NEWNS)
    syscalls.mount(None, "/", None, syscalls.MS_REC | syscalls.MS_PRIVATE)
    view = tempfile.mkdtemp()
    syscalls.mount(str(parent), view, None, syscalls.MS_BIND | syscalls.MS_REC)
    syscalls.mount("tmpfs", str(parent), "tmpfs", 0, "mode=0700,size=1m")
    for entry in os.scandir(view):
        target = parent / entry.name
        if entry.is_symlink():
            target.symlink_to(os.readlink(entry.path))
            continue
        if entry.is_dir(follow_symlinks=False):
            target.mkdir()
        else:
            target.touch()
        syscalls.mount(entry.path, str(target), None, syscalls.MS_BIND | syscalls.MS_REC)
    return not idmap.install_open()


def test_a_root_spare_worker_with_a_private_install_runs_the_player_as_the_runs_uid() -> None:
    """The whole path, whatever this machine's install looks like: the install is made private
    to root for a forked runner, whose spare worker must then map two ids, drop uid 0 before
    the player's code, and hold the run to its fork allowance (uid 0 would be exempt)."""

    def probe(found: dict[str, Any]) -> None:
        found["private"] = _make_the_install_private()
        if not found["private"]:
            return
        os.environ["TORCHENSTEIN_SANDBOX"] = "spare"
        os.environ["TORCHENSTEIN_SANDBOX_NAMESPACES"] = "1"
        result = check_once(FORK_PROBE, "rt_procs")
        found["verdict"] = f"{result.verdict}: {result.message}"
        found["layers"] = list(result.sandbox)
        found["probe"] = probe_report(result)

    found = forked_report(probe)
    if found.get("private") is False:
        pytest.skip("the Python install sits right under /: no folder to make private")
    layers = found["layers"]
    assert found["verdict"] == "pass: All 1 cases passed.", found
    uid = run_uid(layers)
    assert uid in idmap.RUN_UIDS and idmap.PRIVATE_INSTALL not in layers, layers
    assert "private-root" in layers and "rlimit-nproc" in layers, layers
    report = found["probe"]
    assert (report["uid"], report["groups"]) == (uid, 0), found
    assert report["made"] <= 16 + 16 * 2, found  # its own user namespace counts only its own tasks
