# expect: values | expected
# Wrong: appends the norms in the order the hooks fire, which is last layer first.
import support
import torch
import torch.nn.functional as F


def find_explosion(state_dict, x, y):
    model = support.Tower(state_dict)
    outs, ins = [], []

    def listen(module, grad_input, grad_output):
        outs.append(grad_output[0].norm())
        ins.append(grad_input[0].norm())

    handles = [layer.register_full_backward_hook(listen) for layer in model.layers]
    F.cross_entropy(model(x.clone().requires_grad_()), y).backward()
    for handle in handles:
        handle.remove()
    outs, ins = torch.stack(outs), torch.stack(ins)
    return outs, ins, int((ins / outs).argmax())
