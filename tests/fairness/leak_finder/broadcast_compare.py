# style: an all-pairs broadcast equality test [M, 3N] instead of torch.unique
import torch


def find_leaks(train, test):
    forms = torch.cat([train, train.flip(3), train.flip(2)]).flatten(1)
    same = (test.flatten(1)[:, None, :] == forms[None, :, :]).all(dim=-1)
    return same.any(dim=1)
