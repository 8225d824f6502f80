import torch

from game.runner.casekit import Case


def _randint(g: torch.Generator, low: int, high: int) -> int:
    return int(torch.randint(low, high, (1,), generator=g))


def _weights(g: torch.Generator, e: int, dtype: torch.dtype) -> dict[str, torch.Tensor]:
    """Named as `nn.MultiheadAttention(e, h).state_dict()` names them."""
    return {
        "in_proj_weight": (torch.randn(3 * e, e, generator=g) / e**0.5).to(dtype),
        "in_proj_bias": (0.1 * torch.randn(3 * e, generator=g)).to(dtype),
        "out_proj.weight": (torch.randn(e, e, generator=g) / e**0.5).to(dtype),
        "out_proj.bias": (0.1 * torch.randn(e, generator=g)).to(dtype),
    }


def _case(name: str, g: torch.Generator, b: int, length: int, heads: int, head_dim: int,
          causal: bool, dtype: torch.dtype = torch.float32, note: str = "", scale: float = 1.0,
          tol: float | None = None) -> Case:
    e = heads * head_dim
    x = (scale * torch.randn(b, length, e, generator=g)).to(dtype)
    keep = torch.rand(b, length, generator=g) >= 0.25
    keep[:, 0] = True  # every query can see at least the first token
    return Case(name, args=(x, _weights(g, e, dtype), heads, keep, causal), note=note, atol=tol, rtol=tol)


def _brief_example() -> Case:
    eye = torch.eye(2)
    weights = {
        "in_proj_weight": torch.cat([eye, eye, eye]),
        "in_proj_bias": torch.zeros(6),
        "out_proj.weight": eye.clone(),
        "out_proj.bias": torch.zeros(2),
    }
    x = torch.tensor([[[1.0, 0.0], [0.0, 2.0]]])
    return Case("the brief's two heads of one", args=(x, weights, 2, torch.tensor([[True, True]]), True),
                note="The worked example from the brief: identity projections, one number per head.")


def examples() -> list[Case]:
    g = torch.Generator().manual_seed(9)
    return [
        _brief_example(),
        _case("two sentences, 4 heads of 2, causal", g, 2, 5, 4, 2, True),
        _case("one sentence, 2 heads of 3, padded", g, 1, 6, 2, 3, False),
    ]


def random_case(g: torch.Generator) -> Case:
    b, length = _randint(g, 1, 4), _randint(g, 1, 11)
    heads, head_dim = _randint(g, 1, 5), _randint(g, 1, 9)
    causal = bool(_randint(g, 0, 2))
    name = f"B={b} L={length}, {heads} heads of {head_dim}, {'causal' if causal else 'not causal'}"
    return _case(name, g, b, length, heads, head_dim, causal)


def edge_cases() -> list[Case]:
    g = torch.Generator().manual_seed(10)
    return [
        _case("a single head (plain attention)", g, 2, 4, 1, 6, False),
        _case("one token", g, 3, 1, 2, 4, True),
        _case("eight heads of one", g, 1, 7, 8, 1, True),
        _case("a long sentence", g, 1, 24, 4, 4, True),
        _case("double precision", g, 2, 5, 2, 4, True, dtype=torch.float64),
        # float32 sums over 96 tokens drift ~2e-3 from the fp64 gradients at these sizes
        # (worst of 300 draws); 5e-3 keeps a margin for other summation orders and devices
        _case("loud inputs", g, 3, 32, 8, 8, True, scale=4.0, tol=5e-3),
    ]
