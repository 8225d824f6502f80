import torch


def compatibility(x: torch.Tensor, m: torch.Tensor, c: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    # The demo as the CEO saw it on Friday. Correct. Also four nested loops, and the investors
    # arrive on Monday with a million patients. Make it loop-free, apprentice!
    n_patients, n_features = x.shape
    n_treatments = m.shape[0]
    out = torch.zeros(n_patients, n_treatments, dtype=x.dtype, device=x.device)
    for n in range(n_patients):
        for k in range(n_treatments):
            score = b[k].clone()
            for f in range(n_features):
                score = score - (x[n, f] - c[k, f]) ** 2
                for g in range(n_features):
                    score = score + x[n, f] * m[k, f, g] * x[n, g]
            out[n, k] = score
    return out
