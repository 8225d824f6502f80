import torch
from torch.utils.data import DataLoader

import support


def load_stars(images: torch.Tensor, seed: int, batch_size: int, num_workers: int, epochs: int):
    dataset = support.JitteredStars(images)
    # Shuffled, batched, with workers... but seeded by whom? Run it twice and compare!
    loader = DataLoader(dataset, batch_size=batch_size, shuffle=True, num_workers=num_workers,
                        multiprocessing_context="fork" if num_workers > 0 else None)
    batches, indices = [], []
    for stars, idx in loader:
        batches.append(stars)
        indices.append(idx)
    return torch.cat(batches), torch.cat(indices)
