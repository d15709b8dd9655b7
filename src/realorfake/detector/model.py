"""The detector's network: a small convolutional network in plain PyTorch, sized for a 2-core laptop CPU.

Four blocks, each a 3 x 3 convolution, batch norm, ReLU and 2 x 2 max pooling,
take a 128 x 128 RGB face to 96 feature maps of 4 x 4; their average goes
through one linear layer to one number, the logit of "fake". The first
block's convolution moves by two pixels (stride 2): it reads every pixel of
the full 128-px crop, where a blend's boundary is a pixel or two wide, but
its maps are 64 x 64, so the network costs about what it did when it read
the face reduced to 64 px, and sees more of a swap's traces. About 80,000
weights (0.3 MB as float32), none downloaded: it learns from the course's
own faces and self-blended fakes. A training step on 32 faces, fresh
self-blends included, takes about 0.14 s of one CPU core.

Weights made for the earlier network (64-px input, no stride) still load:
``SmallCNN(input_size=64, stem_stride=1)`` is that network.
"""

from __future__ import annotations

import numpy as np
import torch
from torch import nn

from .augment import reduce

#: Side (px) of the square face crop the network reads.
INPUT = 128
#: Stride of the first block's convolution (2: it reads the full crop, its maps are half as wide).
STEM_STRIDE = 2
#: Channels of the four blocks.
WIDTHS = (16, 32, 64, 96)
#: (input side, stem stride) of the networks whose weights load: today's, and the earlier 64-px one.
LAYOUTS = ((INPUT, STEM_STRIDE), (64, 1))


def choose_device() -> torch.device:
    """CUDA when there is a GPU, else Apple's MPS when present, else the CPU."""
    if torch.cuda.is_available():
        return torch.device("cuda")
    mps = getattr(torch.backends, "mps", None)
    if mps is not None and mps.is_available():
        return torch.device("mps")
    return torch.device("cpu")


def _block(inputs: int, outputs: int, stride: int = 1) -> nn.Sequential:
    return nn.Sequential(
        nn.Conv2d(inputs, outputs, 3, stride=stride, padding=1, bias=False),
        nn.BatchNorm2d(outputs),
        nn.ReLU(inplace=True),
        nn.MaxPool2d(2),
    )


class SmallCNN(nn.Module):
    """(N, 3, input_size, input_size) float32 in about -1..1 -> (N,) logits of "fake".

    ``features[k]`` is block k; :mod:`explanation` reads the maps of block 2
    (64 maps of 16 x 16 before pooling, for a 128-px face) for its heat maps.
    ``input_size`` and ``stem_stride`` are the network's layout: the
    defaults, or ``(64, 1)`` for weights made before the stride-2 first
    block (see ``LAYOUTS``).
    """

    def __init__(self, input_size: int = INPUT, stem_stride: int = STEM_STRIDE) -> None:
        """A new network with random weights (seed them with ``torch.manual_seed``)."""
        super().__init__()
        self.input_size = int(input_size)
        self.stem_stride = int(stem_stride)
        layers = []
        channels = 3
        for index, width in enumerate(WIDTHS):
            layers.append(_block(channels, width, self.stem_stride if index == 0 else 1))
            channels = width
        self.features = nn.Sequential(*layers)
        self.classifier = nn.Linear(channels, 1)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """Logits (N,) float32 for a batch (N, 3, H, W) float32."""
        return self.classifier(self.features(x).mean(dim=(2, 3))).squeeze(1)


def to_tensor(crops: np.ndarray, device: torch.device | str = "cpu") -> torch.Tensor:
    """A batch of RGB uint8 crops (N, H, W, 3) as the network's input (N, 3, H, W) float32, scaled to -1..1."""
    batch = torch.from_numpy(np.ascontiguousarray(crops)).to(device)
    return batch.permute(0, 3, 1, 2).float().div_(127.5).sub_(1.0)


def network_input(model: SmallCNN, crops: np.ndarray | list[np.ndarray]) -> np.ndarray:
    """Square RGB uint8 crops of any size, each resized to ``model.input_size`` (``augment.reduce``): (N, S, S, 3) uint8.

    The one place where faces are brought to the size the network reads, so
    crops made at another size, or weights of the earlier 64-px network, work.
    """
    if isinstance(crops, np.ndarray) and crops.ndim == 4 and crops.shape[1:3] == (model.input_size, model.input_size):
        return crops
    side = model.input_size
    return np.stack([reduce(np.asarray(crop), side) for crop in crops]) if len(crops) else np.zeros((0, side, side, 3), np.uint8)


def probabilities(model: SmallCNN, crops: np.ndarray | list[np.ndarray], device: torch.device | str = "cpu") -> np.ndarray:
    """The model's probabilities of "fake" (N,) float32 for square RGB uint8 crops of any size (see :func:`network_input`), in eval mode, 256 at a time."""
    crops = network_input(model, crops)
    was_training = model.training
    model.eval()
    out = [np.zeros(0, np.float32)]
    with torch.inference_mode():
        for start in range(0, len(crops), 256):
            out.append(torch.sigmoid(model(to_tensor(crops[start : start + 256], device))).cpu().numpy())
    model.train(was_training)
    return np.concatenate(out)


__all__ = ["INPUT", "LAYOUTS", "STEM_STRIDE", "WIDTHS", "SmallCNN", "choose_device", "network_input", "probabilities", "to_tensor"]
