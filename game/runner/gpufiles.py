"""What a GPU run may touch beyond a CPU run's walls, for Landlock: the GPU's device nodes
(read, write and ioctl) and the driver's own files it reads (under /proc/driver and /sys).

A spare worker opens its device before the walls go up (Landlock never takes back a file
already open), so these rules matter for what the driver opens later: a second GPU, a library
loaded on first use. `TORCHENSTEIN_SANDBOX_GPU_LANDLOCK=0` switches Landlock off for GPU runs,
should a driver refuse to work inside it; the run's layers then say so. Must not import torch
or pygame.
"""

from __future__ import annotations

import glob
import os

# NVIDIA (nvidiactl, nvidia0..N, nvidia-uvm, nvidia-modeset, nvidia-caps) and AMD ROCm (kfd, dri)
_NODES = ("/dev/nvidia*", "/dev/nvidia-caps/*", "/dev/kfd", "/dev/dri/*")
_DRIVER_FILES = (
    "/proc/driver/nvidia",
    "/proc/self",  # the driver reads its own process's maps and status
    "/sys/bus/pci",
    "/sys/devices",
    "/sys/module/nvidia",
    "/sys/module/amdgpu",
    "/sys/class/drm",
    "/sys/class/kfd",
)
# Caches that a run could otherwise fill with kernels a later run loads: the CUDA driver's JIT
# cache and torch's jiterator cache (both under the user's home by default).
NO_KERNEL_CACHES = {"CUDA_CACHE_DISABLE": "1", "USE_PYTORCH_KERNEL_CACHE": "0"}


def landlock_wanted() -> bool:
    """Whether GPU runs get Landlock (`TORCHENSTEIN_SANDBOX_GPU_LANDLOCK=0` says no)."""
    return os.environ.get("TORCHENSTEIN_SANDBOX_GPU_LANDLOCK", "1") not in ("0", "off", "no")


def device_nodes() -> list[str]:
    """The GPU device files this machine has (none on a machine without a GPU)."""
    return sorted({path for pattern in _NODES for path in glob.glob(pattern)})


def driver_files() -> list[str]:
    """The driver folders a GPU run may read, those this machine has."""
    return [path for path in _DRIVER_FILES if os.path.exists(path)]
