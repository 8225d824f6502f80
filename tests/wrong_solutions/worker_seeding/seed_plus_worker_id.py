# expect: values | 2 workers
# Wrong: seeds each worker with `seed + worker_id`. The workers now differ from each other,
# but every epoch restarts them with the same seeds, so the "random" jitter repeats epoch
# after epoch; the loader's own per-epoch worker seed (get_worker_info().seed) is ignored.
import support
import torch
from torch.utils.data import DataLoader, get_worker_info


def load_stars(images: torch.Tensor, seed: int, batch_size: int, num_workers: int, epochs: int):
    def seed_worker(worker_id: int) -> None:
        get_worker_info().dataset.gen.manual_seed(seed + worker_id)

    dataset = support.JitteredStars(images.cpu())
    dataset.gen.manual_seed(seed)
    loader = DataLoader(dataset, batch_size=batch_size, shuffle=True, num_workers=num_workers,
                        generator=torch.Generator().manual_seed(seed), worker_init_fn=seed_worker,
                        multiprocessing_context="fork" if num_workers > 0 else None)
    batches, indices = [], []
    for _ in range(epochs):
        for stars, idx in loader:
            batches.append(stars)
            indices.append(idx)
    return torch.cat(batches), torch.cat(indices)
