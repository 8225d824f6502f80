import torch

from game.runner.casekit import Case


def _randint(g: torch.Generator, low: int, high: int) -> int:
    return int(torch.randint(low, high, (1,), generator=g))


def _weights(g: torch.Generator, d_in: int, d_hidden: int, d_out: int, n_members: int) -> dict:
    """A state_dict for the committee, in the order `model.state_dict()` gives it."""

    def linear(name: str, fan_in: int, fan_out: int) -> None:
        sd[f"{name}.weight"] = torch.randn(fan_out, fan_in, generator=g) / fan_in**0.5
        sd[f"{name}.bias"] = 0.1 * torch.randn(fan_out, generator=g)

    sd: dict[str, torch.Tensor] = {}
    linear("stem.0", d_in, d_hidden)
    sd["stem.1.weight"] = 1 + 0.2 * torch.randn(d_hidden, generator=g)
    sd["stem.1.bias"] = 0.2 * torch.randn(d_hidden, generator=g)
    sd["stem.1.running_mean"] = 0.3 * torch.randn(d_hidden, generator=g)
    sd["stem.1.running_var"] = 0.5 + torch.rand(d_hidden, generator=g)
    sd["stem.1.num_batches_tracked"] = torch.tensor(_randint(g, 1, 1000))
    for i in range(n_members):
        linear(f"members.{i}.0", d_hidden, d_hidden)
    linear("head", d_hidden, d_out)
    return sd


def _case(name: str, g: torch.Generator, batch: int, d_in: int, d_hidden: int, d_out: int,
          n_members: int, scale: float = 1.0, note: str = "") -> Case:
    weights = _weights(g, d_in, d_hidden, d_out, n_members)
    x = scale * torch.randn(batch, d_in, generator=g)
    seed = _randint(g, 0, 2**31 - 1)
    return Case(name, args=(weights, x, seed), note=note)


def _brief_example() -> Case:
    weights = {
        "stem.0.weight": torch.tensor([[1.0], [-1.0]]),
        "stem.0.bias": torch.tensor([0.0, 0.0]),
        "stem.1.weight": torch.tensor([1.0, 1.0]),
        "stem.1.bias": torch.tensor([0.0, 0.0]),
        "stem.1.running_mean": torch.tensor([0.0, 0.0]),
        "stem.1.running_var": torch.tensor([1.0, 1.0]),
        "stem.1.num_batches_tracked": torch.tensor(0),
        "head.weight": torch.tensor([[1.0, 1.0]]),
        "head.bias": torch.tensor([0.0]),
    }
    x = torch.tensor([[1.0], [3.0]])
    return Case("the brief's example", args=(weights, x, 0), note="The worked example from the brief.")


def examples() -> list[Case]:
    g = torch.Generator().manual_seed(2024)
    return [
        _brief_example(),
        _case("two members, batch of 4", g, 4, 3, 5, 2, 2,
              note="Train mode: batch statistics and dropout. Eval mode: running statistics, no dropout."),
        _case("three members, batch of 8", g, 8, 6, 8, 3, 3),
    ]


def random_case(g: torch.Generator) -> Case:
    batch = _randint(g, 2, 33)
    n_members = _randint(g, 1, 6)
    d_in, d_hidden, d_out = _randint(g, 1, 17), _randint(g, 2, 33), _randint(g, 1, 9)
    return _case(f"{n_members} members, batch of {batch}", g, batch, d_in, d_hidden, d_out, n_members)


def edge_cases() -> list[Case]:
    g = torch.Generator().manual_seed(77)
    return [
        _case("an empty committee (no members)", g, 5, 4, 6, 2, 0,
              note="`members` is an empty ModuleList: only stem and head remain."),
        _case("a batch of two, one output", g, 2, 3, 4, 1, 1),
        _case("shouting inputs (x1000)", g, 16, 5, 8, 3, 2, scale=1000.0),
    ]
