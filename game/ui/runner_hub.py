"""The UI's side of the runner service: starts the client in the background, polls it once per
frame and hands each job's events to whoever submitted it.

Imports only `game.runner.client` and `game.runner.protocol`, never torch. If the service
cannot start, the reason is kept and shown in the terminal instead of crashing.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the protocol models load with the client, after the first frame
    from game.runner.protocol import JobEvent

Listener = Callable[["JobEvent"], None]
FINAL_KINDS = ("result", "cancelled", "error", "examples")
# Quitting while the service is still starting waits this long for the start to finish: a
# thread left importing while the interpreter shuts down can abort the process.
START_WAIT_S = 15.0


@dataclass
class _Ticket:
    puzzle: str
    code: str
    device: str
    mode: str  # try, submit, or describe (ask for the visible examples)
    listener: Listener
    job: str | None = None  # the service's job id once submitted
    solutions: dict[str, str] | None = None  # passing answers by puzzle id, for tools


class RunnerHub:
    def __init__(self, roots: Callable[[], list[Path]]):
        self.roots = roots  # content roots (base game + enabled mods), known after discovery
        self.client: Any = None
        self.error: str | None = None
        self._tickets: dict[str, _Ticket] = {}
        self._by_job: dict[str, str] = {}
        self._count = 0
        self._started = threading.Event()
        self._starter: threading.Thread | None = None

    def start(self) -> None:
        """Start the service without blocking the frame loop."""
        self._starter = threading.Thread(target=self._start, name="runner-start", daemon=True)
        self._starter.start()

    def _start(self) -> None:
        try:
            from game.persistence.paths import user_home
            from game.runner.client import RunnerClient

            client = RunnerClient(self.roots(), private=[user_home()])
            client.start()
            self.client = client
        except Exception as exc:  # no runner: the terminal says why, the story still plays
            self.error = f"The runner could not start: {type(exc).__name__}: {exc}"
        finally:
            self._started.set()

    @property
    def ready(self) -> bool:
        return self._started.is_set() and self.client is not None

    def wait_started(self, timeout: float = 30.0) -> bool:
        return self._started.wait(timeout) and self.client is not None

    @property
    def failed(self) -> bool:
        return self._started.is_set() and self.client is None

    def submit(
        self,
        puzzle_id: str,
        code: str,
        *,
        device: str,
        mode: str,
        listener: Listener,
        solutions: dict[str, str] | None = None,
    ) -> str:
        """Queue a run; returns a ticket. Never waits, even while the service is starting.
        Events (even an immediate error) arrive from the next `poll()`, never from here."""
        self._count += 1
        ticket = f"t{self._count}"
        self._tickets[ticket] = _Ticket(puzzle_id, code, device, mode, listener, None, solutions)
        return ticket

    def describe(self, puzzle_id: str, listener: Listener) -> str:
        """Ask for the puzzle's visible examples; answered by one `examples` event."""
        return self.submit(puzzle_id, "", device="auto", mode="describe", listener=listener)

    def cancel(self, ticket: str) -> None:
        entry = self._tickets.get(ticket)
        if entry is None:
            return
        if entry.job is None:  # never reached the service
            del self._tickets[ticket]
            entry.listener(_event(ticket, "cancelled", "cancelled"))
        elif self.client is not None:
            self.client.cancel(entry.job)

    def _forward(self) -> None:
        if self.client is None:
            if self._started.is_set():  # the service failed: tell every waiting ticket
                for ticket, entry in list(self._tickets.items()):
                    del self._tickets[ticket]
                    entry.listener(_event(ticket, "error", self.error or ""))
            return
        for ticket, entry in list(self._tickets.items()):
            if entry.job is not None:
                continue
            try:
                if entry.mode == "describe":
                    entry.job = self.client.describe(entry.puzzle)
                else:
                    entry.job = self.client.submit(
                        entry.puzzle,
                        entry.code,
                        device=entry.device,
                        mode=entry.mode,
                        solutions=entry.solutions,
                    )
            except (OSError, ValueError) as exc:  # the service went away: say so, keep playing
                del self._tickets[ticket]
                entry.listener(_event(ticket, "error", f"The runner is not answering: {exc}"))
                continue
            self._by_job[entry.job] = ticket

    def devices(self) -> list[str] | None:
        """Devices the service found, or None while it has not said yet."""
        if self.client is None:
            return None
        return self.client.devices()

    @property
    def busy(self) -> bool:
        return bool(self._tickets)

    def poll(self) -> None:
        """Once per frame: forward queued runs and deliver events to their listeners."""
        self._forward()
        if self.client is None:
            return
        for event in self.client.poll():
            ticket = self._by_job.get(event.job)
            entry = self._tickets.get(ticket) if ticket else None
            if entry is None:
                continue
            if event.kind in FINAL_KINDS:
                del self._tickets[ticket]  # type: ignore[arg-type]
                del self._by_job[event.job]
            entry.listener(event.model_copy(update={"job": ticket}))

    def close(self) -> None:
        if self._starter is not None:
            self._starter.join(START_WAIT_S)
        if self.client is not None:
            try:
                self.client.close()
            finally:
                self.client = None


def _event(ticket: str, kind: str, message: str) -> JobEvent:
    from game.runner.protocol import JobEvent

    return JobEvent(job=ticket, kind=kind, message=message)  # type: ignore[arg-type]
