"""Counting what the player's code costs, inside the sandbox: `OpMeter` (a TorchDispatchMode)
counts the aten ops dispatched and the peak bytes held by storages the code allocates (inputs,
which existed before, are not charged). A claim the run makes about itself: it can only ever
fail a run against a puzzle's budget, never pass one. Imports torch; never pygame.
"""

from __future__ import annotations

import weakref
from typing import Any

import torch
from torch.utils._python_dispatch import TorchDispatchMode
from torch.utils._pytree import tree_flatten


class OpMeter(TorchDispatchMode):
    """Counts dispatched ops and tracks live bytes of storages created under it."""

    @classmethod
    def _should_skip_dynamo(cls) -> bool:
        # Otherwise torch wraps __torch_dispatch__ in a dynamo guard whose first call imports
        # torch._dynamo (seconds, in every forked child). Nothing in the sandbox compiles.
        return False

    def __init__(self, external: set[int]) -> None:
        super().__init__()
        self.ops = 0
        self.external = external  # storages that existed before the call (inputs)
        self.refs: dict[int, int] = {}
        self.sizes: dict[int, int] = {}
        self.current = 0
        self.peak = 0

    def __torch_dispatch__(
        self, func: Any, types: Any, args: tuple = (), kwargs: Any = None
    ) -> Any:
        out = func(*args, **(kwargs or {}))
        self.ops += 1
        flat, _ = tree_flatten(out)
        for t in flat:
            if type(t) is torch.Tensor and t.device.type != "meta":
                self._track(t)
        return out

    def _track(self, t: torch.Tensor) -> None:
        storage = t.untyped_storage()
        ptr = storage.data_ptr()
        if ptr == 0 or ptr in self.external:
            return
        if ptr not in self.refs:
            self.refs[ptr] = 0
            self.sizes[ptr] = storage.nbytes()
            self.current += self.sizes[ptr]
            self.peak = max(self.peak, self.current)
        self.refs[ptr] += 1
        weakref.finalize(t, self._release, ptr)

    def _release(self, ptr: int) -> None:
        self.refs[ptr] -= 1
        if self.refs[ptr] == 0:
            del self.refs[ptr]
            self.current -= self.sizes.pop(ptr)


def storage_ids(tensors: list[torch.Tensor]) -> set[int]:
    return {t.untyped_storage().data_ptr() for t in tensors if t.device.type != "meta"}
