# expect: exception | attribute
# Wrong: runs the model on x itself, which needs no gradient, so layer 0's input gradient is None.
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
    F.cross_entropy(model(x), y).backward()
    for handle in handles:
        handle.remove()
    outs, ins = torch.stack(outs), torch.stack(ins)
    return outs, ins, int((ins / outs).argmax())
