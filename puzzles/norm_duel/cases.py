import torch

from game.runner.casekit import Case


def _randint(g: torch.Generator, low: int, high: int) -> int:
    return int(torch.randint(low, high, (1,), generator=g))


def _case(name: str, g: torch.Generator, b: int, length: int, d: int, eps: float = 1e-5,
          scale: float = 1.0, offset: float = 0.0, note: str = "") -> Case:
    # Each feature gets its own scale and offset, so per-token and per-feature statistics differ.
    feature_scale = scale * (0.5 + torch.rand(d, generator=g))
    x = offset + torch.randn(b, length, d, generator=g) * feature_scale + torch.randn(d, generator=g)
    weight = 1 + 0.3 * torch.randn(d, generator=g)
    bias = 0.3 * torch.randn(d, generator=g)
    return Case(name, args=(x, weight, bias, eps), note=note)


def examples() -> list[Case]:
    g = torch.Generator().manual_seed(81)
    brief = Case(
        "the brief's duel (eps 1e-5)",
        args=(torch.tensor([[[1.0, 3.0], [2.0, 2.5]]]), torch.ones(2), torch.zeros(2), 1e-5),
        note="The brief's numbers, with a second token that is not constant.",
    )
    return [brief, _case("two sentences of five tokens, eight features", g, 2, 5, 8)]


def random_case(g: torch.Generator) -> Case:
    b, length, d = _randint(g, 1, 5), _randint(g, 2, 9), _randint(g, 2, 33)
    eps = (1e-5, 1e-6, 1e-3)[_randint(g, 0, 3)]
    return _case(f"{b} x {length} tokens, {d} features", g, b, length, d, eps)


def edge_cases() -> list[Case]:
    g = torch.Generator().manual_seed(82)
    return [
        _case("a batch of one sentence", g, 1, 6, 4, note="BatchNorm still has six tokens per feature."),
        _case("one token per sentence", g, 5, 1, 6),
        _case("a single feature", g, 3, 4, 1, note="LayerNorm of one number: it equals its mean, so only the bias is left."),
        _case("large offsets (+100)", g, 2, 4, 8, offset=100.0),
        _case("a big eps", g, 2, 3, 5, eps=0.5, note="eps is inside the square root."),
        _case("tiny values (x1e-3)", g, 2, 5, 6, scale=1e-3, eps=1e-5),
    ]
