"""Saving and loading the detector's weights as safetensors: a format that holds numbers only, never code.

A weights file is refused with ``BadWeights`` unless it is a safetensors file
the course wrote (its metadata says ``format: realorfake-detector``) with every
tensor of the network at its right shape. A pickle (``torch.save``'s format,
which can run any code when loaded) is never opened as one.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import torch

from ..errors import BadWeights
from ..files import replacing
from .model import LAYOUTS, WIDTHS, SmallCNN

FORMAT = "realorfake-detector"
VERSION = "1"


def save_weights(model: SmallCNN, path: str | os.PathLike, *, info: dict | None = None) -> Path:
    """Write ``model``'s weights to ``path`` (safetensors), with ``info`` (JSON-able: how it was trained) in the metadata.

    The metadata also gives the network's layout (``input`` side, ``stem``
    stride, ``widths``), so that :func:`load_weights` builds the network the
    weights were made for.
    """
    from safetensors.torch import save

    state = {name: tensor.detach().cpu().contiguous() for name, tensor in model.state_dict().items()}
    metadata = {
        "format": FORMAT,
        "version": VERSION,
        "input": str(model.input_size),
        "stem": str(model.stem_stride),
        "widths": ",".join(map(str, WIDTHS)),
        "info": json.dumps(info or {}, sort_keys=True),
    }
    path = Path(path)
    payload = save(state, metadata=metadata)
    with replacing(path) as temporary:
        temporary.write_bytes(payload)
    return path


def load_weights(path: str | os.PathLike) -> tuple[SmallCNN, dict]:
    """(model in eval mode on the CPU, the training info) read from a weights file ``path``.

    The network is built in the layout the file's metadata gives (one of
    ``model.LAYOUTS``: today's 128-px network or the earlier 64-px one).

    Raises ``BadWeights`` for a missing file, another format (a pickle, an
    image, a truncated file), another network's weights or shapes.
    """
    from safetensors import SafetensorError
    from safetensors.torch import load

    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise BadWeights(f"Cannot read the weights file {path}: {error.strerror or error}.") from None
    if raw[:2] == b"\x80\x04" or raw[:2] == b"PK" or raw[:1] == b"\x80":
        raise BadWeights(f"{path.name} is a pickle (PyTorch's .pt format), which can run code when opened: the course only loads safetensors files it wrote.")
    try:
        state = load(raw)
        metadata = _metadata(raw)
    except (SafetensorError, ValueError, OSError, json.JSONDecodeError) as error:
        raise BadWeights(f"{path.name} is not a detector weights file (a safetensors file the course wrote): {error}.") from None
    if metadata.get("format") != FORMAT:
        raise BadWeights(f"{path.name} holds weights of another kind (format {metadata.get('format')!r}), not the course's detector.")
    known = {(str(size), str(stride)): (size, stride) for size, stride in LAYOUTS}
    # files written before the stride-2 first block give no "stem": each input side has one layout
    stem = metadata.get("stem") or {str(size): str(stride) for size, stride in LAYOUTS}.get(metadata.get("input"), "?")
    layout = (metadata.get("input"), stem)
    if layout not in known or metadata.get("widths") != ",".join(map(str, WIDTHS)):
        raise BadWeights(
            f"{path.name} was made for another network (input {metadata.get('input')}, stem stride {layout[1]}, widths {metadata.get('widths')}); train again with this version of the course."
        )
    model = SmallCNN(*known[layout])
    expected = model.state_dict()
    missing = sorted(set(expected) - set(state))
    extra = sorted(set(state) - set(expected))
    wrong = sorted(name for name in set(expected) & set(state) if tuple(expected[name].shape) != tuple(state[name].shape))
    if missing or extra or wrong:
        raise BadWeights(f"{path.name} does not fit the detector: missing {missing[:3]}, unexpected {extra[:3]}, wrong shape {wrong[:3]}.")
    if any(not torch.isfinite(tensor).all() for tensor in state.values() if tensor.is_floating_point()):
        raise BadWeights(f"{path.name} holds NaN or infinite weights; the training that made it went wrong. Train again.")
    model.load_state_dict(state, strict=True)
    model.eval()
    try:
        info = json.loads(metadata.get("info", "{}"))
    except json.JSONDecodeError:
        info = {}
    return model, info if isinstance(info, dict) else {}


def _metadata(raw: bytes) -> dict:
    """The ``__metadata__`` of a safetensors file's JSON header."""
    if len(raw) < 8:
        raise ValueError("the file is too short")
    length = int.from_bytes(raw[:8], "little")
    if length > len(raw) - 8:
        raise ValueError("the header is truncated")
    header = json.loads(raw[8 : 8 + length])
    metadata = header.get("__metadata__") or {}
    if not isinstance(metadata, dict):
        raise ValueError("its metadata is not a table")
    return metadata


__all__ = ["FORMAT", "load_weights", "save_weights"]
