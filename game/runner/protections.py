"""What the sandbox can put around a run on this machine, found before any run (for the Settings
screen), and the plain sentence that names a run's layers (for Settings and reports).

The probe forks a child that tries the same namespaces a run gets, so a kernel that refuses
them (Ubuntu's AppArmor restriction, some containers) is seen as it is: never a silent
downgrade. Cached per process. Must not import torch or pygame.
"""

from __future__ import annotations

import os
import sys

_CACHE: list[str] = []
_NAMESPACES = (
    ("user-ns", "user"),
    ("pid-ns", "PID"),
    ("mount-ns", "mount"),
    ("net-ns", "network"),
    ("ipc-ns", "IPC"),
)


def namespaces_wanted() -> bool:
    """Whether runs should enter namespaces here (`TORCHENSTEIN_SANDBOX_NAMESPACES=0` says no)."""
    return sys.platform.startswith("linux") and os.environ.get(
        "TORCHENSTEIN_SANDBOX_NAMESPACES", "1"
    ) not in ("0", "off", "no")


def _namespaces_work() -> str | None:
    """None when a child may enter user+mount+PID+network namespaces, else why not."""
    from game.runner import syscalls

    pid = os.fork()
    if pid == 0:
        try:
            syscalls.unshare(
                syscalls.CLONE_NEWUSER
                | syscalls.CLONE_NEWNS
                | syscalls.CLONE_NEWPID
                | syscalls.CLONE_NEWNET
            )
            os._exit(0)
        except OSError as exc:
            os._exit(min(exc.errno or 1, 250))
        finally:
            os._exit(251)
    _, status = os.waitpid(pid, 0)
    code = os.waitstatus_to_exitcode(status)
    return None if code == 0 else os.strerror(code)


def probe() -> list[str]:
    """The layers a run would get here (same names as a result's `sandbox` field)."""
    if _CACHE:
        return list(_CACHE)
    found: list[str] = []
    if sys.platform.startswith("linux"):
        from game.runner import landlock, seccomp

        if not namespaces_wanted():
            found.append("no-namespaces (switched off)")
        else:
            refused = _namespaces_work()
            found += (
                ["user-ns", "pid-ns", "mount-ns", "net-ns", "ipc-ns", "private-root"]
                if refused is None
                else [f"no-namespaces ({refused})"]
            )
        version = landlock.abi()
        found += [f"landlock-abi-{version}"] if version else ["no-landlock (kernel)"]
        found += ["seccomp"] if seccomp.MACHINE else ["no-seccomp (machine)"]
        found += ["rlimits"]
    elif sys.platform == "darwin":
        found += ["no-namespaces (macOS)", "rlimits", "spare-worker"]
    elif sys.platform == "win32":
        found += ["no-namespaces (Windows)", "job-object"]
    _CACHE[:] = found
    return list(found)


def summary(layers: list[str]) -> str:
    """One sentence for a player: how strongly their runs are walled in."""
    if not layers:
        return "no sandbox information"
    missing = next((x for x in layers if x.startswith("no-namespaces")), None)
    if missing is None and "user-ns" in layers:
        spaces = [name for key, name in _NAMESPACES if key in layers]
        walls = [f"own namespaces ({', '.join(spaces)})"]
        walls += ["Landlock"] if any(x.startswith("landlock") for x in layers) else []
        walls += ["seccomp"] if "seccomp" in layers else []
        if "private-root" in layers:
            return "full kernel sandbox: " + ", ".join(walls)
        return "kernel sandbox without a private root: " + ", ".join(walls)
    reason = missing[len("no-namespaces ") :].strip("()") if missing else "unknown"
    rest = [x for x in layers if x.startswith(("landlock", "seccomp", "rlimit", "job-object"))]
    kept = ", ".join(sorted({x.split("-")[0] for x in rest})) or "time and output limits"
    return f"reduced sandbox (no namespaces: {reason}); still on: {kept}"
