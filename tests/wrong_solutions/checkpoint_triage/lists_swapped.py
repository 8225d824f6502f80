# expect: shape | items
# Wrong: mixes up the lists - reports what the checkpoint lacks as unexpected and vice versa.
import io

import support
import torch


def triage(blob, x):
    ckpt = torch.load(io.BytesIO(bytes(blob.tolist())), weights_only=True)
    state = {
        ("encoder." + key.removeprefix("enc.") if key.startswith("enc.") else key): t
        for key, t in ckpt["model"].items()
    }
    width, d_in = state["encoder.weight"].shape
    model = support.Triage(d_in, width, state["head.weight"].shape[0]).to(x.device)
    result = model.load_state_dict(state, strict=False)
    with torch.no_grad():
        out = model(x)
    return out, sorted(result.unexpected_keys), sorted(result.missing_keys), ckpt["epoch"]
