# expect: exception | Unexpected
# Wrong: loads strictly, so the v1 checkpoint's genuinely new and removed layers crash the load.
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
    result = model.load_state_dict(state)
    with torch.no_grad():
        out = model(x)
    return out, sorted(result.missing_keys), sorted(result.unexpected_keys), ckpt["epoch"]
