# style: a helper stacks the three forms on a new dim; torch.eq over the last three dims with all()
import torch


def _forms(images: torch.Tensor) -> torch.Tensor:
    return torch.stack(
        [images, torch.flip(images, dims=[-1]), torch.flip(images, dims=[-2])], dim=1
    )


def find_leaks(train: torch.Tensor, test: torch.Tensor) -> torch.Tensor:
    forms = _forms(train)  # [N, 3, C, H, W]
    hits = torch.eq(test[:, None, None], forms[None]).all(dim=-1).all(dim=-1).all(dim=-1)
    return hits.flatten(1).any(dim=1)
