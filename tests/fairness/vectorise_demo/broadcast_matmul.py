# style: broadcast matmul x @ m for the quadratic form, a diff tensor for the distance, no einsum


def compatibility(x, m, c, b):
    quad = ((x @ m) * x).sum(dim=-1).T  # [K, N, F] * [N, F] -> [K, N] -> [N, K]
    dist = (x.unsqueeze(1) - c.unsqueeze(0)).pow(2).sum(dim=-1)
    return quad - dist + b
