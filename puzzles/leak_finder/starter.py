import torch


def find_leaks(train: torch.Tensor, test: torch.Tensor) -> torch.Tensor:
    # Hammer's own sanity check: "does the test image look like the first training image?"
    # Only the first, only unflipped... and a yes when ANY pixel agrees. No wonder he was happy.
    first = train[0].flatten()
    return (test.flatten(1) == first).any(dim=1)
