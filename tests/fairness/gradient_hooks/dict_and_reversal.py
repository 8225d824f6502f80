# style: full backward hooks that record in firing order with the module itself as the key, a dict lookup by module afterwards, hooks removed in a finally block
import support
import torch
import torch.nn.functional as F


def find_explosion(state_dict, x, y):
    model = support.Tower(state_dict)
    heard = {}

    def listen(module, grad_input, grad_output):
        heard[module] = (grad_output[0].norm(), grad_input[0].norm())

    handles = [layer.register_full_backward_hook(listen) for layer in model.layers]
    try:
        inputs = x.detach().requires_grad_()
        loss = F.cross_entropy(model(inputs), y)
        loss.backward()
    finally:
        for handle in handles:
            handle.remove()
    outs = torch.stack([heard[layer][0] for layer in model.layers])
    ins = torch.stack([heard[layer][1] for layer in model.layers])
    gains = ins / outs
    return outs, ins, gains.argmax().item()
