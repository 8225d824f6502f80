"""What a warm process (zygote or spare worker) imports before any run, so the player's
`import torch`/`import math` and the sandbox harness cost nothing per run.

Imports only: no tensor is created here (the zygote must not compute before forking).
"""

from __future__ import annotations

import importlib
import os

MODULES = (
    "math",
    "resource",
    "torch",
    "torch.nn",
    "torch.nn.functional",
    # torch.optim imports torch._dynamo on the first optimizer.step(), and torch._check the
    # symbolic-shapes machinery it brings the first time a Python-level kernel runs (every
    # meta-device op does): seconds per run if not here.
    "torch.optim",
    "torch._dynamo",
    "torch.utils._pytree",
    "torch.overrides",
    "torch.utils._python_dispatch",
    "safetensors.torch",
    "numpy.ctypeslib",  # safetensors saves through it
    "game.runner.transfer",
    "game.runner.tracing",
    "game.runner.opmeter",
    "game.runner.names",
    "game.runner.sandbox",
    "game.runner.harness",
    "game.runner.guards",
    "game.runner.spareroot",
    "game.runner.limits",
    "game.runner.seccomp",
    "game.runner.landlock",
    "game.runner.jail",
    "game.runner.newroot",
    "game.runner.safeio",
    "game.runner.bundle",  # a mod's cases are built in the sandbox (`builder`)
    "game.runner.builder",
    "json",
    "traceback",
    "tempfile",
)


def preload() -> None:
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    os.environ.setdefault("MKL_NUM_THREADS", "1")
    for name in MODULES:
        importlib.import_module(name)
