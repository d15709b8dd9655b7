"""The detector's network: a small convolutional network in plain PyTorch, sized for a 2-core laptop CPU.

Four blocks, each a 3 x 3 convolution, batch norm, ReLU and 2 x 2 max pooling,
take a 64 x 64 RGB face to 96 feature maps of 4 x 4; their average goes
through one linear layer to one number, the logit of "fake". About 80,000
weights (0.3 MB as float32), none downloaded: it learns from the course's own
faces and self-blended fakes. A training step on 32 faces takes about 0.1 s on
two CPU cores. The first block works at full resolution, where a blend's
boundary is a pixel or two wide.
"""

from __future__ import annotations

import numpy as np
import torch
from torch import nn

#: Side (px) of the square face crop the network reads.
INPUT = 64
#: Channels of the four blocks.
WIDTHS = (16, 32, 64, 96)


def choose_device() -> torch.device:
    """CUDA when there is a GPU, else Apple's MPS when present, else the CPU."""
    if torch.cuda.is_available():
        return torch.device("cuda")
    mps = getattr(torch.backends, "mps", None)
    if mps is not None and mps.is_available():
        return torch.device("mps")
    return torch.device("cpu")


def _block(inputs: int, outputs: int) -> nn.Sequential:
    return nn.Sequential(
        nn.Conv2d(inputs, outputs, 3, padding=1, bias=False),
        nn.BatchNorm2d(outputs),
        nn.ReLU(inplace=True),
        nn.MaxPool2d(2),
    )


class SmallCNN(nn.Module):
    """(N, 3, INPUT, INPUT) float32 in about -1..1 -> (N,) logits of "fake".

    ``features[k]`` is block k; :mod:`explanation` reads the maps of block 2
    (64 maps of 16 x 16 before pooling) for its heat maps.
    """

    def __init__(self) -> None:
        """A new network with random weights (seed them with ``torch.manual_seed``)."""
        super().__init__()
        layers = []
        channels = 3
        for width in WIDTHS:
            layers.append(_block(channels, width))
            channels = width
        self.features = nn.Sequential(*layers)
        self.classifier = nn.Linear(channels, 1)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """Logits (N,) for a batch (N, 3, H, W)."""
        return self.classifier(self.features(x).mean(dim=(2, 3))).squeeze(1)


def to_tensor(crops: np.ndarray, device: torch.device | str = "cpu") -> torch.Tensor:
    """A batch of RGB uint8 crops (N, H, W, 3) as the network's input (N, 3, H, W) float32, scaled to -1..1."""
    batch = torch.from_numpy(np.ascontiguousarray(crops)).to(device)
    return batch.permute(0, 3, 1, 2).float().div_(127.5).sub_(1.0)


def probabilities(model: SmallCNN, crops: np.ndarray, device: torch.device | str = "cpu") -> np.ndarray:
    """The model's probabilities of "fake" (N,) float32 for crops (N, INPUT, INPUT, 3) uint8, in eval mode, 256 at a time."""
    was_training = model.training
    model.eval()
    out = [np.zeros(0, np.float32)]
    with torch.inference_mode():
        for start in range(0, len(crops), 256):
            out.append(torch.sigmoid(model(to_tensor(crops[start : start + 256], device))).cpu().numpy())
    model.train(was_training)
    return np.concatenate(out)


__all__ = ["INPUT", "SmallCNN", "choose_device", "probabilities", "to_tensor"]
