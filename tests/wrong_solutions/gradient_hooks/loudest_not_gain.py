# expect: values | expected
# Wrong: blames the layer with the loudest input gradient instead of the largest gain; everything below a roar is loud.
import support
import torch
import torch.nn.functional as F


def find_explosion(state_dict, x, y):
    model = support.Tower(state_dict)
    depth = len(model.layers)
    outs, ins = [None] * depth, [None] * depth

    def stethoscope(i):
        def listen(module, grad_input, grad_output):
            outs[i] = grad_output[0].norm()
            ins[i] = grad_input[0].norm()

        return listen

    handles = [layer.register_full_backward_hook(stethoscope(i)) for i, layer in enumerate(model.layers)]
    F.cross_entropy(model(x.clone().requires_grad_()), y).backward()
    for handle in handles:
        handle.remove()
    outs, ins = torch.stack(outs), torch.stack(ins)
    return outs, ins, int(ins.argmax())
