# style: worker_init_fn seeds from torch.initial_seed() (the worker's seed), batches collected with zip
import support
import torch
from torch.utils.data import DataLoader, get_worker_info


def _init(worker_id):
    get_worker_info().dataset.gen.manual_seed(torch.initial_seed())


def load_stars(images, seed, batch_size, num_workers, epochs):
    data = support.JitteredStars(images.cpu())
    if num_workers == 0:
        data.gen.manual_seed(seed)
    options = {"num_workers": num_workers, "worker_init_fn": _init}
    if num_workers:
        options["multiprocessing_context"] = "fork"
    loader = DataLoader(
        data, batch_size, shuffle=True, generator=torch.Generator().manual_seed(seed), **options
    )
    pairs = [pair for _ in range(epochs) for pair in loader]
    stars, idx = zip(*pairs)
    return torch.cat(stars).to(images.device), torch.cat(idx).to(images.device)
