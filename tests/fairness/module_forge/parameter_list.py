# style: raw weights in an nn.ParameterList-free design - each block's weight and bias registered by name with register_parameter, forward written with F.linear
import torch
import torch.nn.functional as F
from torch import nn


class Block(nn.Module):
    def __init__(self, fan_in: int, fan_out: int) -> None:
        super().__init__()
        self.register_parameter("weight", nn.Parameter(torch.zeros(fan_out, fan_in)))
        self.register_parameter("bias", nn.Parameter(torch.zeros(fan_out)))

    def forward(self, h: torch.Tensor) -> torch.Tensor:
        return F.linear(h, self.weight, self.bias)


class Forge(nn.Module):
    def __init__(self, d_in: int, width: int, depth: int, d_out: int) -> None:
        super().__init__()
        self.register_parameter("gain", nn.Parameter(torch.ones(d_in)))
        self.register_buffer("centre", torch.zeros(d_in), persistent=True)
        self.blocks = nn.ModuleList()
        for i in range(depth):
            self.blocks.append(Block(d_in if i == 0 else width, width))
        self.head = Block(width if depth else d_in, d_out)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        h = (x - self.centre) * self.gain
        for block in self.blocks:
            h = torch.tanh(block(h))
        return self.head(h)


def forge(state_dict, x):
    depth = len([k for k in state_dict if k.endswith(".weight")]) - 1
    d_out, width = state_dict["head.weight"].shape
    if depth:
        width = state_dict["blocks.0.weight"].shape[0]
    model = Forge(state_dict["gain"].numel(), width, depth, d_out)
    model.load_state_dict(state_dict)
    model = model.to(x.device)
    with torch.inference_mode():
        out = model(x)
    return out.clone(), sum(p.numel() for p in model.parameters() if p.requires_grad)
