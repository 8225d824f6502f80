# style: a loader-building helper, a seeding class as worker_init_fn, results grown with torch.cat
import torch
from support import JitteredStars
from torch.utils.data import DataLoader, get_worker_info


class SeedMyCopy:
    def __call__(self, worker_id: int) -> None:
        info = get_worker_info()
        info.dataset.gen.manual_seed(info.seed)


def _loader(dataset, seed: int, batch_size: int, num_workers: int) -> DataLoader:
    kwargs = dict(batch_size=batch_size, shuffle=True, num_workers=num_workers)
    kwargs["generator"] = torch.Generator().manual_seed(seed)
    kwargs["worker_init_fn"] = SeedMyCopy()
    kwargs["multiprocessing_context"] = "fork" if num_workers else None
    return DataLoader(dataset, **kwargs)


def load_stars(images: torch.Tensor, seed: int, batch_size: int, num_workers: int, epochs: int):
    dataset = JitteredStars(images.cpu())
    dataset.gen.manual_seed(seed)
    loader = _loader(dataset, seed, batch_size, num_workers)
    stars = torch.empty((0, *images.shape[1:]), dtype=images.dtype)
    indices = torch.empty(0, dtype=torch.int64)
    for epoch in range(epochs):
        for batch, idx in loader:
            stars = torch.cat([stars, batch])
            indices = torch.cat([indices, idx])
    return stars.to(images.device), indices.to(images.device)
