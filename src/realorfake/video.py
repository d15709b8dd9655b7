"""Short clips: a list of labelled frames with a frame rate, saved as MP4 and played inline.

OpenCV's ``VideoWriter`` writes the MP4 (MPEG-4 part 2, which every desktop
player opens). MP4 files carry no label OpenCV can write, so :meth:`Clip.save`
also writes a small sidecar file ``<name>.mp4.label.json`` with the same IPTC
digital source type that :mod:`realorfake.label` puts in images; every frame
also carries the visible badge.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import cv2
import numpy as np

from .errors import CourseError, UnreadableImage, WrongShape, check_number
from .faces import as_rgb
from .label import add_badge, has_badge, method_info


@dataclass
class Clip:
    """A clip the course made: frames (RGB uint8, all the same size) played at ``fps``, made by ``method``.

    A Clip is synthetic by definition: it is saved and played with the SYNTHETIC
    badge on every frame.
    """

    frames: list[np.ndarray]
    fps: float = 15.0
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
        return len(self.frames) / self.fps

    @property
    def labelled(self) -> bool:
        """True when every frame carries the SYNTHETIC badge."""
        return all(has_badge(frame) for frame in self.frames)

    def save(self, path: str | os.PathLike) -> Path:
        """Write the clip as MP4 plus its machine-readable label (``<path>.label.json``)."""
        return save_clip(self, path)

    def player(self, width: int = 320):
        """An ipywidgets player: Play button, frame slider, picture."""
        return ClipPlayer(self, width=width).widget

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.player())


def label_path(path: str | os.PathLike) -> Path:
    """Where the machine-readable label of a saved clip lives."""
    path = Path(path)
    return path.with_name(path.name + ".label.json")


def save_clip(clip: Clip, path: str | os.PathLike) -> Path:
    """Write an MP4 with every frame badged and a sidecar label; nothing is left behind on error."""
    path = Path(path)
    if path.suffix.lower() != ".mp4":
        raise CourseError(f"Save clips as .mp4 (got {path.name!r}).")
    if not path.parent.is_dir():
        raise CourseError(f"The folder {str(path.parent)!r} does not exist; create it first.")
    info = method_info(clip.method)
    height, width = clip.frames[0].shape[:2]
    sidecar = label_path(path)
    try:
        handle, temporary = tempfile.mkstemp(suffix=".mp4", dir=path.parent, prefix=".clip-")
    except OSError as error:
        raise CourseError(f"Cannot write in {str(path.parent)!r} ({error.strerror or error}); save somewhere else.") from None
    os.close(handle)
    try:
        writer = cv2.VideoWriter(temporary, cv2.VideoWriter_fourcc(*"mp4v"), float(clip.fps), (width, height))
        if not writer.isOpened():
            raise CourseError("This OpenCV build cannot write MP4 files; install opencv-python-headless.")
        for frame in clip.frames:
            writer.write(cv2.cvtColor(add_badge(frame), cv2.COLOR_RGB2BGR))
        writer.release()
        label = {
            "synthetic": True,
            "method": clip.method,
            "digital_source_type": info.source_type,
            "description": info.description,
            "creator_tool": "Real or Fake? course",
            "frames": len(clip.frames),
            "fps": clip.fps,
        }
        os.replace(temporary, path)
        sidecar.write_text(json.dumps(label, indent=2), encoding="utf-8")
    except OSError as error:
        raise CourseError(f"Could not save {path.name} ({error.strerror or error}).") from None
    finally:
        if os.path.exists(temporary):
            os.remove(temporary)
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


class ClipPlayer:
    """Play a clip inline: ``Play`` (runs in the browser) linked to a slider that picks the frame."""

    def __init__(self, clip: Clip, width: int = 320):
        import ipywidgets as widgets

        self.clip = clip
        scale = min(1.0, width / clip.frames[0].shape[1])
        self._jpegs = [_jpeg_bytes(add_badge(frame), scale) for frame in clip.frames]  # a Clip is always labelled
        last = len(clip.frames) - 1
        self.play = widgets.Play(min=0, max=last, step=1, interval=int(1000 / clip.fps), description="Play")
        self.slider = widgets.IntSlider(min=0, max=last, description="frame")
        widgets.jslink((self.play, "value"), (self.slider, "value"))
        self.image = widgets.Image(value=self._jpegs[0], format="jpeg", width=int(clip.frames[0].shape[1] * scale))
        self.slider.observe(self._show, names="value")
        caption = widgets.HTML(f"<small>{len(clip)} frames, {clip.fps:g} fps · every frame is labelled SYNTHETIC</small>")
        self.widget = widgets.VBox([self.image, widgets.HBox([self.play, self.slider]), caption])

    def _show(self, change) -> None:
        self.image.value = self._jpegs[change["new"]]


def _jpeg_bytes(frame: np.ndarray, scale: float) -> bytes:
    if scale < 1.0:
        frame = cv2.resize(frame, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    ok, buffer = cv2.imencode(".jpg", cv2.cvtColor(frame, cv2.COLOR_RGB2BGR), [cv2.IMWRITE_JPEG_QUALITY, 88])
    return buffer.tobytes()
