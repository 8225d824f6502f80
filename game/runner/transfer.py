"""Values across the sandbox boundary without pickle: a JSON structure plus a flat dict of
tensors saved with safetensors. Both sides use it: the trusted runner encodes inputs and
decodes outputs; the sandbox does the reverse.

Decoding never executes anything: unknown objects arrive as `Opaque` (type name and a short
repr made in the sandbox), tensors as `Received` (a CPU copy plus the device they were on).
Imports torch and safetensors; never pygame.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import torch
from safetensors.torch import load_file, save_file

from game.runner.casekit import DEVICE

MAX_ITEMS = 64  # items per list/dict; more is an output no puzzle needs
MAX_DEPTH = 8

_DTYPES: dict[str, torch.dtype] = {
    str(d).removeprefix("torch."): d
    for d in (
        torch.float64,
        torch.float32,
        torch.float16,
        torch.bfloat16,
        torch.complex64,
        torch.complex128,
        torch.int64,
        torch.int32,
        torch.int16,
        torch.int8,
        torch.uint8,
        torch.bool,
    )
}
# Captured before any player code runs in the sandbox, so monkeypatching them does not matter.
_Tensor = torch.Tensor
_detach = torch.Tensor.detach
_to = torch.Tensor.to
_contiguous = torch.Tensor.contiguous
_view_as_real = torch.view_as_real
_view_as_complex = torch.view_as_complex


class EncodeError(ValueError):
    """A value that cannot cross the boundary (raised only for trusted content)."""


class TooLarge(Exception):
    """The tensors of one value exceed the encoder's byte limit (checked before copying)."""

    def __init__(self, size: int) -> None:
        super().__init__(size)
        self.size = size


@dataclass(frozen=True)
class Received:
    """A tensor that came back from the sandbox: a CPU copy and where it lived."""

    tensor: torch.Tensor
    device: str
    requires_grad: bool = False  # whether it still had a graph attached in the sandbox


@dataclass(frozen=True)
class MetaTensor:
    """A tensor without data (meta device): only its shape and dtype came back."""

    shape: tuple[int, ...]
    dtype: str
    device: str


@dataclass(frozen=True)
class Opaque:
    """Anything that is not a plain value: never trusted, only described."""

    type_name: str
    text: str


def dtype_name(dtype: torch.dtype) -> str:
    return str(dtype).removeprefix("torch.")


def dtype_from_name(name: str) -> torch.dtype:
    if name not in _DTYPES:
        raise EncodeError(f"unsupported dtype {name}")
    return _DTYPES[name]


class Encoder:
    """Collects tensors while turning a value into a JSON-able structure."""

    def __init__(self, prefix: str = "t", strict: bool = True, limit: int | None = None) -> None:
        self.prefix = prefix
        self.strict = strict  # trusted values raise on oddities; player values become Opaque
        self.limit = limit
        self.size = 0
        self.tensors: dict[str, torch.Tensor] = {}

    def encode(self, value: Any, depth: int = 0) -> Any:
        kind = type(value)
        if value is None:
            return {"t": "none"}
        if value is DEVICE:
            return {"t": "device"}
        if kind in (bool, int, float, str):
            if kind is int and abs(value) >= 2**63:
                return self._odd(value, "an integer too large to send")
            return {"t": "scalar", "v": _json_float(value) if kind is float else value}
        if kind is _Tensor:
            return self._tensor(value)
        if _Tensor in getattr(kind, "__mro__", ()):
            return self._odd(value, "a subclass of torch.Tensor")
        if kind is torch.dtype:
            return {"t": "dtype", "v": dtype_name(value)}
        if kind is torch.Size:
            return {"t": "size", "v": [int(x) for x in value]}
        if depth >= MAX_DEPTH:
            return self._odd(value, "nested too deeply")
        if kind in (tuple, list):
            if len(value) > MAX_ITEMS:
                return self._odd(value, f"a {kind.__name__} of {len(value)} items")
            return {"t": kind.__name__, "v": [self.encode(v, depth + 1) for v in value]}
        if kind is dict and all(type(k) is str for k in value):
            if len(value) > MAX_ITEMS:
                return self._odd(value, f"a dict of {len(value)} items")
            return {"t": "dict", "v": {k: self.encode(v, depth + 1) for k, v in value.items()}}
        return self._odd(value, None)

    def _tensor(self, t: torch.Tensor) -> Any:
        with torch._C.DisableTorchFunction():
            device = str(t.device)
            dtype = dtype_name(t.dtype)
            if t.device.type == "meta":
                return {"t": "meta", "shape": list(t.shape), "dtype": dtype, "device": device}
            if t.layout != torch.strided or dtype not in _DTYPES:
                return self._odd(t, f"a {t.layout} tensor of {dtype}")
            self.size += t.numel() * t.element_size()
            if self.limit is not None and self.size > self.limit:
                raise TooLarge(self.size)
            key = f"{self.prefix}{len(self.tensors)}"
            # Always a fresh copy: safetensors refuses shared storage, and the sandbox must
            # not hand back a view of something the player still holds.
            cpu = _contiguous(_to(_detach(t), "cpu", copy=True))
            if cpu.is_complex():
                cpu = _contiguous(_view_as_real(cpu))
            self.tensors[key] = cpu
            node: dict[str, Any] = {"t": "tensor", "key": key, "dtype": dtype, "device": device}
            if t.requires_grad:  # only then, so the nodes of plain inputs are unchanged
                node["grad"] = True
            return node

    def _odd(self, value: Any, why: str | None) -> Any:
        type_name = f"{type(value).__module__}.{type(value).__qualname__}"
        if self.strict:
            raise EncodeError(
                f"cannot send a value of type {type_name}" + (f" ({why})" if why else "")
            )
        try:
            text = why or repr(value)
        except BaseException:  # the player's __repr__ may do anything
            text = "<unprintable>"
        return {"t": "other", "type": type_name.removeprefix("builtins."), "text": str(text)[:200]}


def _json_float(v: float) -> Any:
    if v != v or v in (float("inf"), float("-inf")):
        return {"float": repr(v)}
    return v


def _float_back(v: Any) -> Any:
    return float(v["float"]) if isinstance(v, dict) else v


def decode(
    node: Any, tensors: dict[str, torch.Tensor], device: str | None = None, received: bool = False
) -> Any:
    """Rebuild a value. `device` replaces DEVICE markers and is where input tensors go;
    `received=True` wraps tensors as `Received` (outputs from the sandbox)."""
    t = node["t"]
    if t == "none":
        return None
    if t == "device":
        return device if device is not None else DEVICE
    if t == "scalar":
        return _float_back(node["v"])
    if t == "dtype":
        return dtype_from_name(node["v"])
    if t == "size":
        return torch.Size(node["v"])
    if t in ("tuple", "list"):
        items = [decode(v, tensors, device, received) for v in node["v"]]
        return tuple(items) if t == "tuple" else items
    if t == "dict":
        return {k: decode(v, tensors, device, received) for k, v in node["v"].items()}
    if t == "meta":
        return MetaTensor(tuple(node["shape"]), node["dtype"], node["device"])
    if t == "tensor":
        tensor = tensors[node["key"]]
        if node["dtype"].startswith("complex"):
            tensor = _view_as_complex(tensor)
        if received:
            return Received(tensor, node["device"], node.get("grad") is True)
        return tensor.to(device) if device not in (None, "cpu") else tensor
    if t == "other":
        return Opaque(node["type"], node["text"])
    raise EncodeError(f"unknown node {t!r}")


def save(path: Path, tensors: dict[str, torch.Tensor]) -> None:
    save_file(tensors, str(path))


def load(path: Path) -> dict[str, torch.Tensor]:
    return load_file(str(path)) if path.exists() else {}


def write_json(path: Path, doc: Any) -> None:
    path.write_text(json.dumps(doc), encoding="utf-8")


def read_json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))
