import torch

import support


def _leak_scores(act: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    """|Pearson correlation| of every unit with the labels; a constant unit scores 0."""
    a = act - act.mean(dim=0)
    t = y.to(act.dtype) - y.to(act.dtype).mean()
    corr = (a * t[:, None]).sum(dim=0) / (a.norm(dim=0) * t.norm())
    return corr.abs().nan_to_num(0.0)


def _spy(model: torch.nn.Module, x: torch.Tensor) -> list[torch.Tensor]:
    seen: list[torch.Tensor] = []
    handles = [layer.register_forward_hook(lambda mod, inp, out: seen.append(out.detach()))
               for layer in model.layers]
    with torch.no_grad():
        model(x)
    for handle in handles:
        handle.remove()
    return seen


def probe(state_dict: dict[str, torch.Tensor], scans: torch.Tensor, control: torch.Tensor, y: torch.Tensor):
    model = support.BlackBox(state_dict)
    real, blind = _spy(model, scans), _spy(model, control)
    blind_scores = [_leak_scores(act, y) for act in blind]
    stats = torch.stack([
        torch.stack([act.mean(), act.std(), _leak_scores(act, y).max(), s.max()])
        for act, s in zip(real, blind_scores, strict=True)
    ])
    layer = int(stats[:, 3].argmax())
    return stats, layer, int(blind_scores[layer].argmax())
