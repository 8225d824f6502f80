import torch
from torch.utils.data import DataLoader, get_worker_info

import support


def _seed_worker(worker_id: int) -> None:
    info = get_worker_info()
    # Each worker holds its own copy of the dataset; seed that copy's generator with the seed
    # the loader chose for this worker (fresh every epoch, decided by the loader's generator).
    info.dataset.gen.manual_seed(info.seed)


def load_stars(images: torch.Tensor, seed: int, batch_size: int, num_workers: int, epochs: int):
    dataset = support.JitteredStars(images.cpu())
    dataset.gen.manual_seed(seed)  # used as it is only when there are no workers
    loader = DataLoader(
        dataset,
        batch_size=batch_size,
        shuffle=True,
        num_workers=num_workers,
        generator=torch.Generator().manual_seed(seed),
        worker_init_fn=_seed_worker,
        multiprocessing_context="fork" if num_workers > 0 else None,
    )
    batches, indices = [], []
    for _ in range(epochs):
        for stars, idx in loader:
            batches.append(stars)
            indices.append(idx)
    return torch.cat(batches).to(images.device), torch.cat(indices).to(images.device)
