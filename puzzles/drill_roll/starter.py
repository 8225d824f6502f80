import torch


def roll(a: torch.Tensor) -> torch.Tensor:
    return a[1:]  # everyone moved along... and the head of the table vanished
