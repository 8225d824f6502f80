# style: a regular expression anchored at the start for the rename, map_location on load, and an eval-mode model under inference_mode
import io
import re

import support
import torch

V1_ENCODER = re.compile(r"^enc\.")


def triage(blob, x):
    raw = bytes(blob.to("cpu").tolist())
    ckpt = torch.load(io.BytesIO(raw), map_location=x.device, weights_only=True)
    state = {V1_ENCODER.sub("encoder.", name): t for name, t in ckpt["model"].items()}
    encoder = state["encoder.weight"]
    model = support.Triage(encoder.shape[1], encoder.shape[0], state["head.bias"].numel())
    model = model.to(x.device).eval()
    report = model.load_state_dict(state, strict=False)
    with torch.inference_mode():
        out = model(x).clone()
    return out, sorted(report.missing_keys), sorted(report.unexpected_keys), ckpt["epoch"]
