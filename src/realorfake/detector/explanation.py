"""Heat maps of what the detector looks at: Grad-CAM on its third block.

Grad-CAM (Selvaraju et al., "Grad-CAM: Visual Explanations from Deep Networks
via Gradient-based Localization", ICCV 2017) weighs each feature map of a
layer by how much the "fake" score rises with it (the map's mean gradient),
adds them up and keeps the positive part: the places that pushed the score
towards "fake". A coarse picture (16 x 16 here), enlarged to the face.

Grad-CAM's maps have no common scale of their own; shown side by side, each
scaled to its brightest square, a real face the detector calls real would
light up as brightly as a fake. Here each map is scaled so that its brightest
square equals the detector's probability of "fake" for that face: where it
looked, times how sure it is. A face it calls real stays dark.
"""

from __future__ import annotations

import numpy as np
import torch

from .model import SmallCNN

#: The block whose maps are explained (16 x 16 maps for a 128-px face, before its pooling).
EXPLAINED_BLOCK = 2


def grad_cam(model: SmallCNN, batch: torch.Tensor) -> np.ndarray:
    """Grad-CAM maps (N, h, w) float32 in 0-1 for a batch (N, 3, H, W) as ``model.to_tensor`` makes it.

    Each map's brightest square equals the model's probability of "fake" for
    that face (all zeros when nothing pushed the score towards "fake"), so maps
    of several faces share one scale. The model's weights are not changed.
    """
    block = model.features[EXPLAINED_BLOCK]
    pool = block[-1]  # the maps just before pooling are the block's finest
    kept: dict[str, torch.Tensor] = {}

    def keep(_module, inputs, _output):
        kept["maps"] = inputs[0]
        inputs[0].retain_grad()

    handle = pool.register_forward_hook(keep)
    was_training = model.training
    model.eval()
    try:
        with torch.enable_grad():
            logits = model(batch)
            model.zero_grad(set_to_none=True)
            logits.sum().backward()
        maps, gradients = kept["maps"], kept["maps"].grad
        weights = gradients.mean(dim=(2, 3), keepdim=True)
        cam = torch.relu((weights * maps).sum(dim=1)).detach()
    finally:
        handle.remove()
        model.zero_grad(set_to_none=True)
        model.train(was_training)
    peak = cam.flatten(1).max(dim=1).values[:, None, None]
    probability = torch.sigmoid(logits.detach().reshape(-1))[:, None, None]
    cam = torch.where(peak > 0, cam / peak.clamp_min(1e-12) * probability, cam)
    return cam.cpu().numpy().astype(np.float32)


__all__ = ["EXPLAINED_BLOCK", "grad_cam"]
