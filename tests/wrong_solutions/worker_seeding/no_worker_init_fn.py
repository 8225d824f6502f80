# expect: values | 2 workers
# Wrong: seeds the dataset's generator once in the main process and passes no worker_init_fn.
# Each forked worker inherits a copy of that same generator state, so the workers jitter their
# batches with identical noise sequences, and every epoch repeats them.
import support
import torch
from torch.utils.data import DataLoader


def load_stars(images: torch.Tensor, seed: int, batch_size: int, num_workers: int, epochs: int):
    dataset = support.JitteredStars(images.cpu())
    dataset.gen.manual_seed(seed)
    loader = DataLoader(dataset, batch_size=batch_size, shuffle=True, num_workers=num_workers,
                        generator=torch.Generator().manual_seed(seed),
                        multiprocessing_context="fork" if num_workers > 0 else None)
    batches, indices = [], []
    for _ in range(epochs):
        for stars, idx in loader:
            batches.append(stars)
            indices.append(idx)
    return torch.cat(batches), torch.cat(indices)
