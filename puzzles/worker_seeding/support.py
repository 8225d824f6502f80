"""The star catalogue from the multiprocessing jungle: a Dataset that jitters every image.

`JitteredStars(images)[i]` is `(images[i] + 0.1 * noise, i)`. The noise comes from the
dataset's OWN generator, `self.gen`, not from torch's global one, so the seeds a DataLoader
gives its workers never reach it: whoever calls `__getitem__` must seed `self.gen` first.
"""

import torch
from torch.utils.data import Dataset


class JitteredStars(Dataset):
    def __init__(self, images: torch.Tensor, scale: float = 0.1) -> None:
        self.images = images
        self.scale = scale
        self.gen = torch.Generator()

    def __len__(self) -> int:
        return len(self.images)

    def __getitem__(self, i: int) -> tuple[torch.Tensor, int]:
        noise = torch.randn(self.images[i].shape, generator=self.gen)
        return self.images[i] + self.scale * noise, i
