import torch
import torch.nn.functional as F

import support


def find_explosion(state_dict, x, y):
    model = support.Tower(state_dict)
    heard = []

    def listen(module, grad_input, grad_output):
        heard.append(grad_output[0].norm())

    for layer in model.layers:
        layer.register_full_backward_hook(listen)
    F.cross_entropy(model(x), y).backward()
    outs = torch.stack(heard)  # in the order the stethoscope heard them...
    return outs, outs, 0
