import torch

from game.runner.casekit import Case

IGNORE = -100


def _randint(g: torch.Generator, low: int, high: int) -> int:
    return int(torch.randint(low, high, (1,), generator=g))


def _targets(g: torch.Generator, n: int, c: int, ignore_share: float = 0.2) -> torch.Tensor:
    target = torch.randint(0, c, (n,), generator=g)
    ignored = torch.rand(n, generator=g) < ignore_share
    ignored[_randint(g, 0, n)] = False  # at least one labelled row, or the mean is empty
    return target.masked_fill(ignored, IGNORE)


def examples() -> list[Case]:
    logits = torch.tensor([[2.0, 1.0, 0.0], [1000.0, 0.0, -1000.0], [0.0, 0.0, 0.0]])
    g = torch.Generator().manual_seed(4)
    return [
        Case("the brief's three rows", args=(logits, torch.tensor([0, 1, IGNORE])),
             note="The worked example from the brief: a calm row, a screaming row, an unlabelled row."),
        Case("four calm rows of five classes", args=(torch.randn(4, 5, generator=g), torch.tensor([4, 0, 2, 2]))),
    ]


def random_case(g: torch.Generator) -> Case:
    n, c = _randint(g, 1, 17), _randint(g, 2, 21)
    scale = (1.0, 30.0, 1e4)[_randint(g, 0, 3)]
    logits = scale * torch.randn(n, c, generator=g)
    return Case(f"{n} rows of {c} classes, logits around {scale:g}", args=(logits, _targets(g, n, c)))


def edge_cases() -> list[Case]:
    g = torch.Generator().manual_seed(13)
    return [
        Case("six rows of eight classes, logits spread around 1e4 (both signs)", args=(1e4 * torch.randn(6, 8, generator=g), _targets(g, 6, 8, 0.0))),
        Case("five rows of four classes, every logit within a few units of -1e4",
             args=(-1e4 + torch.randn(5, 4, generator=g), _targets(g, 5, 4, 0.0))),
        Case("a single class", args=(torch.randn(3, 1, generator=g), torch.tensor([0, 0, IGNORE])),
             note="One class: it always has probability 1, so every log-probability is 0."),
        Case("a single row", args=(torch.tensor([[3.0, -2.0, 7.5, 0.0]]), torch.tensor([2]))),
        Case("tied logits: (1e4, 1e4, -1e4) and (5, 5, 5)", args=(torch.tensor([[1e4, 1e4, -1e4], [5.0, 5.0, 5.0]]), torch.tensor([1, 0]))),
        Case("double precision, huge logits",
             args=((3e4 * torch.randn(7, 6, generator=g)).double(), _targets(g, 7, 6))),
    ]
