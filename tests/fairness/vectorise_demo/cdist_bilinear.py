# style: torch.cdist for the distances (exact mode) and a bilinear form through matmul of views
import torch


def compatibility(x, m, c, b):
    n, f = x.shape
    quad = (x.view(1, n, 1, f) @ m.unsqueeze(1) @ x.view(1, n, f, 1)).reshape(m.shape[0], n).t()
    dist = torch.cdist(x, c, compute_mode="donot_use_mm_for_euclid_dist") ** 2
    return quad - dist + b
