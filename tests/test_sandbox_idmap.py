"""The two-id user namespace a root spare worker takes when the Python install is private to
root (`game/runner/idmap.py`): uid 0 inside is root, so torch imports; the run's uid is mapped
too, and once dropped to it there is no way back and no capability left. Tested directly,
because on this machine the install may be open to others (then the worker never needs it);
CI's install is private, so the whole worker takes this path there."""

from __future__ import annotations

import os
import sys

import pytest

from game.runner import idmap
from tests.sandbox_procs import errno_of, forked_report

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
