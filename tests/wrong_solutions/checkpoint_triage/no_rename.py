# expect: values | expected
# Wrong: never renames `enc.` to `encoder.`; strict=False quietly keeps a random encoder.
import io

import support
import torch


def triage(blob, x):
    ckpt = torch.load(io.BytesIO(bytes(blob.tolist())), weights_only=True)
    state = ckpt["model"]
    key = "enc.weight" if "enc.weight" in state else "encoder.weight"
    width, d_in = state[key].shape
    model = support.Triage(d_in, width, state["head.weight"].shape[0]).to(x.device)
    result = model.load_state_dict(state, strict=False)
    with torch.no_grad():
        out = model(x)
    return out, sorted(result.missing_keys), sorted(result.unexpected_keys), ckpt["epoch"]
