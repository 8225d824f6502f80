import torch

from game.runner.casekit import Case


def _randint(g: torch.Generator, low: int, high: int) -> int:
    return int(torch.randint(low, high, (1,), generator=g))


def _case(name: str, g: torch.Generator, b: int, length: int, vocab: int, dim: int, start: int,
          dtype: torch.dtype = torch.float32, note: str = "") -> Case:
    table = (torch.randn(vocab, dim, generator=g) / dim**0.5).to(dtype)
    tokens = torch.randint(0, vocab, (b, length), generator=g)
    return Case(name, args=(tokens, table, start), note=note)


def examples() -> list[Case]:
    table = torch.tensor([[0.0, 0.0, 0.0, 0.0], [0.5, 0.5, -0.5, -0.5], [1.0, 0.0, 1.0, 0.0]])
    tokens = torch.tensor([[1, 0, 2]])
    g = torch.Generator().manual_seed(6)
    return [
        Case("the brief's three tokens", args=(tokens, table, 0), note="The worked example from the brief."),
        _case("two sentences, continuing at position 5", g, 2, 4, 10, 6, 5,
              note="Positions 5, 6, 7, 8: as when generating after a prompt of five tokens."),
    ]


def random_case(g: torch.Generator) -> Case:
    b, length = _randint(g, 1, 5), _randint(g, 1, 17)
    vocab, dim = _randint(g, 2, 50), 2 * _randint(g, 1, 17)
    start = _randint(g, 0, 300)
    return _case(f"{b}x{length} tokens, D={dim}, from position {start}", g, b, length, vocab, dim, start)


def edge_cases() -> list[Case]:
    g = torch.Generator().manual_seed(15)
    return [
        _case("a single token at position 0", g, 1, 1, 3, 8, 0),
        _case("the smallest model: D = 2", g, 3, 5, 4, 2, 0, note="One frequency, 1: sin(p) and cos(p)."),
        _case("far into a long document (position 480)", g, 2, 8, 20, 32, 480),
        _case("a vocabulary of one", g, 2, 3, 1, 4, 2),
        _case("double precision", g, 2, 6, 12, 10, 17, dtype=torch.float64),
    ]
