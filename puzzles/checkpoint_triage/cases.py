import io

import torch

from game.runner.casekit import Case


def _randint(g: torch.Generator, low: int, high: int) -> int:
    return int(torch.randint(low, high, (1,), generator=g))


def _checkpoint(g: torch.Generator, d_in: int, width: int, d_out: int, v1_names: bool, norm: bool,
                legacy: bool, epoch: int) -> torch.Tensor:
    """The bytes of `torch.save({"epoch": ..., "model": ...})`, as a uint8 tensor."""
    enc = "enc" if v1_names else "encoder"
    sd: dict[str, torch.Tensor] = {
        f"{enc}.weight": torch.randn(width, d_in, generator=g) / d_in**0.5,
        f"{enc}.bias": 0.1 * torch.randn(width, generator=g),
    }
    if norm:
        sd["norm.weight"] = 1 + 0.2 * torch.randn(width, generator=g)
        sd["norm.bias"] = 0.2 * torch.randn(width, generator=g)
    sd["head.weight"] = torch.randn(d_out, width, generator=g) / width**0.5
    sd["head.bias"] = 0.1 * torch.randn(d_out, generator=g)
    if legacy:
        sd["aux.enc.weight"] = torch.randn(width, d_in, generator=g)
        sd["aux.enc.bias"] = torch.randn(width, generator=g)
        sd["temperature"] = torch.tensor(1.5)
    buffer = io.BytesIO()
    torch.save({"epoch": epoch, "model": sd}, buffer)
    return torch.frombuffer(bytearray(buffer.getvalue()), dtype=torch.uint8).clone()


def _case(name: str, g: torch.Generator, v1_names: bool, norm: bool, legacy: bool,
          sizes: tuple[int, int, int] | None = None, note: str = "") -> Case:
    d_in, width, d_out = sizes or (_randint(g, 1, 9), _randint(g, 2, 17), _randint(g, 1, 5))
    blob = _checkpoint(g, d_in, width, d_out, v1_names, norm, legacy, _randint(g, 1, 500))
    x = torch.randn(_randint(g, 1, 9), d_in, generator=g)
    return Case(name, args=(blob, x), note=note)


def examples() -> list[Case]:
    g = torch.Generator().manual_seed(61)
    return [
        _case("a v1 checkpoint with everything", g, True, False, True, (3, 4, 2),
              note="Renamed encoder, no norm, an aux branch and a temperature."),
        _case("already v2", g, False, True, False, (5, 6, 3), note="Nothing missing, nothing unexpected."),
    ]


def random_case(g: torch.Generator) -> Case:
    v1 = bool(_randint(g, 0, 2))
    norm = not v1 and bool(_randint(g, 0, 2))
    legacy = bool(_randint(g, 0, 2))
    return _case(f"{'v1' if v1 else 'v2'}{' + norm' if norm else ''}{' + legacy' if legacy else ''}", g, v1, norm, legacy)


def edge_cases() -> list[Case]:
    g = torch.Generator().manual_seed(62)
    return [
        _case("v1 names, nothing else odd", g, True, False, False, note="Only the rename and the missing norm."),
        _case("v2 names without a norm, with legacy keys", g, False, False, True),
        _case("a one-feature, one-output model", g, True, False, True, (1, 2, 1)),
    ]
