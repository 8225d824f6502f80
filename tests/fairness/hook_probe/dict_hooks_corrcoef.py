# style: hooks that store into a dict by layer index; Pearson correlation through torch.corrcoef
import support
import torch


def probe(state_dict, x, y):
    model = support.BlackBox(state_dict)
    caught = {}
    handles = []
    for i, layer in enumerate(model.layers):

        def hook(module, inputs, output, i=i):
            caught[i] = output.detach()

        handles.append(layer.register_forward_hook(hook))
    with torch.no_grad():
        model(x)
    for h in handles:
        h.remove()
    rows, best_units = [], []
    for i in range(len(model.layers)):
        act = caught[i]
        both = torch.cat([act.T, y.to(act.dtype)[None]])  # units and labels as variables
        corr = torch.corrcoef(both)[:-1, -1].abs().nan_to_num(0.0)
        rows.append(torch.stack([act.mean(), act.std(), corr.max()]))
        best_units.append(int(corr.argmax()))
    stats = torch.stack(rows)
    layer = int(torch.argmax(stats[:, 2]))
    return stats, layer, best_units[layer]
