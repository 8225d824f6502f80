# expect: rule | loop
# Wrong: the answers are right but it loops over the test images; the rules forbid loops.
import torch


def find_leaks(train: torch.Tensor, test: torch.Tensor) -> torch.Tensor:
    pool = torch.cat([train, train.flip(-1), train.flip(-2)]).flatten(1)
    found = torch.zeros(test.shape[0], dtype=torch.bool, device=test.device)
    for j in range(test.shape[0]):
        found[j] = (pool == test[j].flatten()).all(dim=1).any()
    return found
