"""Short clips: a list of labelled frames with a frame rate, saved as MP4 and read back.

OpenCV's ``VideoWriter`` writes the MP4 (MPEG-4 part 2, which every desktop
player opens). The MP4 is then signed with content credentials (a C2PA manifest
inside the file, :mod:`realorfake.provenance`), and :meth:`Clip.save` also
writes a small sidecar file ``<name>.mp4.label.json`` with the same IPTC
digital source type that :mod:`realorfake.label` puts in images, for tools that
read no C2PA; every frame also carries the visible badge. Playing a clip in a notebook is the job of
:mod:`realorfake.widgets.clip_player` (``rof.setup()`` makes a Clip show itself
with it).
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path

import cv2
import numpy as np

from ..errors import CourseError, UnreadableImage, WrongShape, check_number
from ..files import replacing
from ..images import as_rgb
from ..label import CREATOR_TOOL, add_badge, has_badge, method_info
from ..provenance.credentials import sign_or_warn

#: The frame rates a clip plays at (frames per second).
PLAYABLE_FPS = (1.0, 60.0)
#: The frame rate assumed when a file gives none.
DEFAULT_FPS = 15.0


@dataclass
class Clip:
    """A clip the course made: frames (RGB uint8, all the same size) played at ``fps``, made by ``method``.

    A Clip is synthetic by definition: it is saved and played with the SYNTHETIC
    badge on every frame.
    """

    frames: list[np.ndarray]
    fps: float = DEFAULT_FPS
    method: str = "reenactment"
    notes: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        if isinstance(self.frames, np.ndarray) and self.frames.ndim == 4:
            self.frames = list(self.frames)
        if not isinstance(self.frames, (list, tuple)) or len(self.frames) == 0:
            raise WrongShape("A clip needs a list of at least one frame (RGB image arrays).")
        self.frames = [as_rgb(frame) for frame in self.frames]
        shape = self.frames[0].shape
        if any(frame.shape != shape for frame in self.frames):
            raise WrongShape("All frames of a clip must have the same size.")
        self.fps = check_number(self.fps, "fps", 1, 120)
        method_info(self.method)  # an unknown method is refused now, not at save time

    def __len__(self) -> int:
        return len(self.frames)

    @property
    def seconds(self) -> float:
        """Length of the clip in seconds (frames / fps)."""
        return len(self.frames) / self.fps

    @property
    def labelled(self) -> bool:
        """True when every frame carries the SYNTHETIC badge."""
        return all(has_badge(frame) for frame in self.frames)

    def save(self, path: str | os.PathLike) -> Path:
        """Write the clip as MP4 plus its machine-readable label (``<path>.label.json``)."""
        return save_clip(self, path)

    def __repr__(self) -> str:  # keep the pixels out of the notebook
        height, width = self.frames[0].shape[:2]
        return f"Clip({len(self)} frames of {width} x {height} at {self.fps:g} fps, {self.method}, labelled SYNTHETIC)"


def label_path(path: str | os.PathLike) -> Path:
    """Where the machine-readable label of a saved clip lives."""
    path = Path(path)
    return path.with_name(path.name + ".label.json")


def save_clip(clip: Clip, path: str | os.PathLike) -> Path:
    """Write an MP4 (``path``) with every frame badged and signed content credentials, and its sidecar label; returns ``path``.

    Nothing is left behind on error. Raises ``CourseError`` for a name that does
    not end in .mp4, a folder that does not exist or cannot be written, or an
    OpenCV build that cannot write MP4.
    """
    path = Path(path)
    if path.suffix.lower() != ".mp4":
        raise CourseError(f"Save clips as .mp4 (got {path.name!r}).")
    info = method_info(clip.method)
    height, width = clip.frames[0].shape[:2]
    label = {
        "synthetic": True,
        "method": clip.method,
        "digital_source_type": info.source_type,
        "description": info.description,
        "creator_tool": CREATOR_TOOL,
        "frames": len(clip.frames),
        "fps": clip.fps,
    }
    with replacing(path) as temporary:
        writer = cv2.VideoWriter(str(temporary), cv2.VideoWriter_fourcc(*"mp4v"), float(clip.fps), (width, height))
        if not writer.isOpened():
            raise CourseError("This OpenCV build cannot write MP4 files; install opencv-python-headless.")
        for frame in clip.frames:
            writer.write(cv2.cvtColor(add_badge(frame), cv2.COLOR_RGB2BGR))
        writer.release()
    label["content_credentials"] = sign_or_warn(path, method=clip.method)  # a C2PA manifest inside the MP4 itself
    with replacing(label_path(path)) as temporary:
        temporary.write_text(json.dumps(label, indent=2), encoding="utf-8")
    return path


def read_clip_label(path: str | os.PathLike) -> dict | None:
    """The machine-readable label of a saved clip, or None when it has none."""
    sidecar = label_path(path)
    if not sidecar.exists():
        return None
    try:
        return json.loads(sidecar.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def playable(frames: list[np.ndarray], fps: float | None) -> tuple[list[np.ndarray], float, list[str]]:
    """Frames and a frame rate read from a file, made playable: (frames, fps, notes saying what changed).

    A frame rate read from a file is a fact to handle, not an error: a missing or
    broken one (0, NaN) becomes ``DEFAULT_FPS``; a slow-motion clip above 60 fps
    (240 fps phones, containers saying 1000) keeps every k-th frame so that it
    plays at 60 fps or less at its real speed; below 1 fps it plays at 1 fps.
    """
    notes = []
    if fps is None or not np.isfinite(fps) or fps <= 0:
        notes.append(f"The file gives no usable frame rate ({fps!r}); {DEFAULT_FPS:g} fps was assumed.")
        return frames, DEFAULT_FPS, notes
    low, high = PLAYABLE_FPS
    if fps > high:
        step = int(np.ceil(fps / high))
        kept = frames[::step]
        notes.append(f"The file says {fps:g} fps (slow motion?): every {_ordinal(step)} frame was kept, {len(kept)} of {len(frames)}, to play at {fps / step:g} fps.")
        return kept, fps / step, notes
    if fps < low:
        notes.append(f"The file says {fps:g} fps: the clip plays at {low:g} fps, faster than recorded.")
        return frames, low, notes
    return frames, float(fps), notes


def _ordinal(number: int) -> str:
    """1st, 2nd, 3rd, 4th, 11th, 21st, ..."""
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def clip_length(path: str | os.PathLike) -> int:
    """How many frames a video file says it has (0 when it does not say or cannot be opened)."""
    capture = cv2.VideoCapture(str(path))
    count = capture.get(cv2.CAP_PROP_FRAME_COUNT) if capture.isOpened() else 0
    capture.release()
    return int(count) if np.isfinite(count) and count > 0 else 0


def read_video(path: str | os.PathLike, *, max_frames: int = 300) -> tuple[list[np.ndarray], float]:
    """Frames (RGB) and frame rate of a video file, at most ``max_frames`` of them."""
    path = Path(path)
    if not path.is_file():
        raise UnreadableImage(f"There is no video file at {str(path)!r}.")
    capture = cv2.VideoCapture(str(path))
    fps = capture.get(cv2.CAP_PROP_FPS) or 15.0
    frames = []
    while len(frames) < max_frames:
        ok, frame = capture.read()
        if not ok:
            break
        frames.append(cv2.cvtColor(frame, cv2.COLOR_BGR2RGB))
    capture.release()
    if not frames:
        raise UnreadableImage(f"{path.name} is not a video we can read.")
    return frames, float(fps)
