import torch

from game.runner.casekit import Case


def _randint(g: torch.Generator, low: int, high: int) -> int:
    return int(torch.randint(low, high, (1,), generator=g))


def _weights(g: torch.Generator, e: int, f: int, dtype: torch.dtype) -> dict[str, torch.Tensor]:
    def rand(*shape: int, scale: float) -> torch.Tensor:
        return (scale * torch.randn(*shape, generator=g)).to(dtype)

    return {
        "norm1.weight": (1 + rand(e, scale=0.1)),
        "attn.in_proj_weight": rand(3 * e, e, scale=e**-0.5),
        "attn.in_proj_bias": rand(3 * e, scale=0.1),
        "attn.out_proj.weight": rand(e, e, scale=e**-0.5),
        "attn.out_proj.bias": rand(e, scale=0.1),
        "norm2.weight": (1 + rand(e, scale=0.1)),
        "mlp.0.weight": rand(f, e, scale=e**-0.5),
        "mlp.0.bias": rand(f, scale=0.1),
        "mlp.2.weight": rand(e, f, scale=f**-0.5),
        "mlp.2.bias": rand(e, scale=0.1),
    }


def _case(name: str, g: torch.Generator, b: int, length: int, heads: int, head_dim: int, f: int,
          scale: float = 1.0, dtype: torch.dtype = torch.float32, note: str = "") -> Case:
    e = heads * head_dim
    x = (scale * torch.randn(b, length, e, generator=g)).to(dtype)
    keep = torch.rand(b, length, generator=g) >= 0.25
    keep[:, 0] = True
    return Case(name, args=(x, _weights(g, e, f, dtype), heads, keep), note=note)


def _brief_example() -> Case:
    eye = torch.eye(2)
    weights = {
        "norm1.weight": torch.ones(2),
        "attn.in_proj_weight": torch.cat([eye, eye, eye]),
        "attn.in_proj_bias": torch.zeros(6),
        "attn.out_proj.weight": eye.clone(),
        "attn.out_proj.bias": torch.zeros(2),
        "norm2.weight": torch.ones(2),
        "mlp.0.weight": eye.clone(),
        "mlp.0.bias": torch.zeros(2),
        "mlp.2.weight": eye.clone(),
        "mlp.2.bias": torch.zeros(2),
    }
    return Case("the brief's lonely token", args=(torch.tensor([[[3.0, 4.0]]]), weights, 1, torch.tensor([[True]])),
                note="The worked example from the brief: identity weights, one token.")


def examples() -> list[Case]:
    g = torch.Generator().manual_seed(31)
    return [
        _brief_example(),
        _case("two sentences, 2 heads of 4, MLP of 16", g, 2, 5, 2, 4, 16),
    ]


def random_case(g: torch.Generator) -> Case:
    b, length = _randint(g, 1, 4), _randint(g, 1, 11)
    heads, head_dim = _randint(g, 1, 5), _randint(g, 1, 9)
    f = _randint(g, 1, 33)
    return _case(f"B={b} L={length}, {heads} heads of {head_dim}, MLP of {f}", g, b, length, heads, head_dim, f)


def edge_cases() -> list[Case]:
    g = torch.Generator().manual_seed(32)
    return [
        _case("one token", g, 2, 1, 2, 3, 8),
        _case("a model of width one", g, 2, 4, 1, 1, 4),
        _case("a shouting residual stream (x1000)", g, 1, 5, 2, 4, 8, scale=1000.0,
              note="RMSNorm tames the input of each sub-layer, but the residual stream keeps its size."),
        _case("double precision", g, 2, 6, 3, 2, 12, dtype=torch.float64),
    ]
