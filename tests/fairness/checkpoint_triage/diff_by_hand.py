# style: numpy bytes instead of tolist, the key diff worked out by hand from model.state_dict() and loaded strictly afterwards
import io

import support
import torch


def triage(blob, x):
    ckpt = torch.load(io.BytesIO(blob.cpu().numpy().tobytes()), weights_only=True)
    renamed = {}
    for key, value in ckpt["model"].items():
        if key[:4] == "enc.":
            key = "encoder." + key[4:]
        renamed[key] = value
    width, d_in = renamed["encoder.weight"].shape
    d_out = renamed["head.weight"].shape[0]
    model = support.Triage(d_in, width, d_out)
    wanted = model.state_dict()
    missing = sorted(set(wanted) - set(renamed))
    unexpected = sorted(set(renamed) - set(wanted))
    usable = {k: v for k, v in renamed.items() if k in wanted}
    usable.update({k: wanted[k] for k in missing})
    model.load_state_dict(usable)
    model.to(x.device)
    return model(x).detach(), missing, unexpected, int(ckpt["epoch"])
