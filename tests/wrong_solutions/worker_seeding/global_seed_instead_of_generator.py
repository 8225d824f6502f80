# expect: values | no workers
# Wrong: calls torch.manual_seed(seed) instead of giving the loader its own generator. The
# shuffle and the workers' seeds then come from the global generator, by a different route
# than a loader generator takes, so neither the order nor the jitter matches.
import support
import torch
from torch.utils.data import DataLoader, get_worker_info


def _seed_worker(worker_id: int) -> None:
    info = get_worker_info()
    info.dataset.gen.manual_seed(info.seed)


def load_stars(images: torch.Tensor, seed: int, batch_size: int, num_workers: int, epochs: int):
    torch.manual_seed(seed)
    dataset = support.JitteredStars(images.cpu())
    dataset.gen.manual_seed(seed)
    loader = DataLoader(dataset, batch_size=batch_size, shuffle=True, num_workers=num_workers,
                        worker_init_fn=_seed_worker,
                        multiprocessing_context="fork" if num_workers > 0 else None)
    batches, indices = [], []
    for _ in range(epochs):
        for stars, idx in loader:
            batches.append(stars)
            indices.append(idx)
    return torch.cat(batches), torch.cat(indices)
