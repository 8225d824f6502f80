import torch


def find_leaks(train: torch.Tensor, test: torch.Tensor) -> torch.Tensor:
    pool = torch.cat([train, train.flip(-1), train.flip(-2)]).flatten(1)
    _, ids = torch.unique(torch.cat([pool, test.flatten(1)]), dim=0, return_inverse=True)
    return torch.isin(ids[pool.shape[0]:], ids[: pool.shape[0]])
