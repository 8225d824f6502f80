# style: Tensor.register_hook on the activations during a hand-written forward pass, no module hooks at all
import support
import torch
import torch.nn.functional as F


def find_explosion(state_dict, x, y):
    model = support.Tower(state_dict)
    grads = {}

    def keep(name):
        def hook(grad):
            grads[name] = grad.norm()

        return hook

    h = x.detach().clone().requires_grad_(True)
    h.register_hook(keep(("in", 0)))
    for i, layer in enumerate(model.layers):
        if i > 0:
            h.register_hook(keep(("in", i)))
        h = layer(h)
        h.register_hook(keep(("out", i)))
    F.cross_entropy(model.head(h), y).backward()
    depth = len(model.layers)
    outs = torch.stack([grads[("out", i)] for i in range(depth)])
    ins = torch.stack([grads[("in", i)] for i in range(depth)])
    return outs, ins, int(torch.argmax(ins / outs))
