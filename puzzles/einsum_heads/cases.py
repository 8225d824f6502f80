import torch

from game.runner.casekit import Case


def _randint(g: torch.Generator, low: int, high: int) -> int:
    return int(torch.randint(low, high, (1,), generator=g))


def _case(name: str, g: torch.Generator, b: int, length: int, e: int, h: int, d: int,
          note: str = "") -> Case:
    x = torch.randn(b, length, e, generator=g)
    w_q = torch.randn(h, e, d, generator=g) / e**0.5
    w_k = torch.randn(h, e, d, generator=g) / e**0.5
    return Case(name, args=(x, w_q, w_k), note=note)


def examples() -> list[Case]:
    g = torch.Generator().manual_seed(91)
    eye = torch.eye(2)[None]
    return [
        Case("the brief's identity heads", args=(torch.tensor([[[1.0, 0.0], [1.0, 1.0]]]), eye, eye.clone()),
             note="scores [[0.7071, 0.7071], [0.7071, 1.4142]]."),
        _case("two sentences, three heads", g, 2, 4, 6, 3, 2),
    ]


def random_case(g: torch.Generator) -> Case:
    b, length, e = _randint(g, 1, 4), _randint(g, 1, 9), _randint(g, 1, 17)
    h, d = _randint(g, 1, 5), _randint(g, 1, 9)
    return _case(f"B={b} L={length} E={e}, {h} heads of {d}", g, b, length, e, h, d)


def edge_cases() -> list[Case]:
    g = torch.Generator().manual_seed(92)
    return [
        _case("a single token", g, 2, 1, 4, 2, 3, note="Each score matrix is 1 x 1."),
        _case("heads wider than the model (D > E)", g, 1, 3, 2, 2, 5),
        _case("eight heads of one", g, 1, 5, 8, 8, 1),
        _case("non-square everything", g, 3, 7, 5, 3, 4),
    ]
