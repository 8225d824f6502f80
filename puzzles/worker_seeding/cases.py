import multiprocessing

import torch

from game.runner.casekit import Case

# Workers are forked: without fork (Windows), every case loads in the main process.
WORKERS = 2 if "fork" in multiprocessing.get_all_start_methods() else 0


def _randint(g: torch.Generator, low: int, high: int) -> int:
    return int(torch.randint(low, high, (1,), generator=g))


def _sky(g: torch.Generator, n: int, h: int = 2, w: int = 3) -> torch.Tensor:
    return torch.rand(n, h, w, generator=g)


def examples() -> list[Case]:
    stars = torch.arange(6, dtype=torch.float32).reshape(6, 1, 1)
    g = torch.Generator().manual_seed(17)
    return [
        Case("six stars, no workers", args=(stars, 7, 4, 0, 2),
             note="The worked example from the brief: batches of 4 then 2, for two epochs."),
        Case(f"ten stars, {WORKERS} workers", args=(_sky(g, 10), 42, 3, WORKERS, 2),
             note="Each worker jitters with its own generator, seeded by your worker_init_fn."),
    ]


def random_case(g: torch.Generator) -> Case:
    n, batch, epochs = _randint(g, 4, 25), _randint(g, 1, 7), _randint(g, 1, 4)
    workers = WORKERS if _randint(g, 0, 4) else 0
    seed = _randint(g, 0, 2**31 - 1)
    return Case(f"{n} stars, batches of {batch}, {workers} workers, {epochs} epochs",
                args=(_sky(g, n), seed, batch, workers, epochs))


def edge_cases() -> list[Case]:
    g = torch.Generator().manual_seed(18)
    lone = 1 if WORKERS else 0
    return [
        Case("one star, one epoch", args=(_sky(g, 1), 3, 1, 0, 1)),
        Case(f"{lone} lonely worker, batches of one", args=(_sky(g, 5), 11, 1, lone, 2)),
        Case("more workers than batches", args=(_sky(g, 3), 5, 3, WORKERS, 3),
             note="One batch per epoch: only worker 0 ever works."),
        Case("a batch bigger than the catalogue", args=(_sky(g, 4, 3, 3) * 1e3, 23, 10, WORKERS, 2)),
    ]
