"""The player's folders (saves, mods, settings) are hidden from every run by whoever starts the
runner, not only when `TORCHENSTEIN_HOME` names them: the game, `torchenstein check`, lint and
the mod check hand the runner the player's folder, and a run cannot read it even where it sits
inside something every run may read (with namespaces the jail mounts over it; without, Landlock
leaves it out)."""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

import pytest

from game.runner.client import RunnerClient
from tests.sandbox_procs import check_once

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="the kernel's walls are Linux's"
)

ROOTS = [Path(__file__).resolve().parent / "runner_cases"]


@pytest.mark.parametrize("namespaces", ["1", "0"])
def test_a_run_cannot_read_the_players_folder_it_was_told_to_keep_private(
    monkeypatch: pytest.MonkeyPatch, namespaces: str
) -> None:
    if not os.access(sys.prefix, os.W_OK):
        pytest.skip("needs a player folder inside the interpreter's prefix")
    monkeypatch.setenv("TORCHENSTEIN_SANDBOX_NAMESPACES", namespaces)
    player = Path(tempfile.mkdtemp(prefix="torchenstein-player-", dir=sys.prefix))
    (player / "saves").mkdir()
    save = player / "saves" / "slot1.json"
    save.write_text('{"secret": 1}', encoding="utf-8")
    save.chmod(0o644)
    for folder in (player, player / "saves"):
        folder.chmod(0o755)  # the run's uid could read it but for the walls
    code = f"""
    import ctypes
    libc = ctypes.CDLL(None, use_errno=True)
    def add(a, b):
        fd = libc.open({str(save)!r}.encode(), 0)
        print("save opened:", fd)
        return a + b if fd < 0 else a - b
    """
    try:
        result = check_once(code, setup=lambda runner: runner.keep_private([player]))
    finally:
        shutil.rmtree(player, ignore_errors=True)
    assert result.verdict == "pass", (result.sandbox, result.message, result.stdout)


def test_the_game_hands_the_service_the_players_folder(tmp_path: Path) -> None:
    """The client names each private folder on the service's command line."""
    client = RunnerClient(ROOTS, private=[tmp_path])
    started: list[list[str]] = []

    class Recorder:
        def __init__(self, args: list[str], **_: object) -> None:
            started.append(args)
            raise OSError("not really started")

    monkey = pytest.MonkeyPatch()
    monkey.setattr("game.runner.client.subprocess.Popen", Recorder)
    try:
        with pytest.raises(OSError):
            client.start()
    finally:
        monkey.undo()
    args = started[0]
    assert args[args.index("--private") + 1] == str(tmp_path)
