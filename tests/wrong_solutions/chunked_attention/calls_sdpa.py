# expect: rule | scaled_dot_product_attention
# Wrong: hands the whole job to the built-in fused attention, which this puzzle forbids.
from torch.nn import functional as F


def chunked_attention(q, k, v):
    return F.scaled_dot_product_attention(q, k, v)
