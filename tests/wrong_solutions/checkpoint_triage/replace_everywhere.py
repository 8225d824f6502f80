# expect: values | expected
# Wrong: renames with str.replace, which also turns `aux.enc.weight` into `aux.encoder.weight`.
import io

import support
import torch


def triage(blob, x):
    ckpt = torch.load(io.BytesIO(bytes(blob.tolist())), weights_only=True)
    state = {
        key.replace("enc.", "encoder."): t
        for key, t in ckpt["model"].items()
    }
    width, d_in = state["encoder.weight"].shape
    model = support.Triage(d_in, width, state["head.weight"].shape[0]).to(x.device)
    result = model.load_state_dict(state, strict=False)
    with torch.no_grad():
        out = model(x)
    return out, sorted(result.missing_keys), sorted(result.unexpected_keys), ckpt["epoch"]
