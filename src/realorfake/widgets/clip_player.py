"""Play a clip in a notebook: a Play/Pause button (it runs in the browser) and a frame slider.

``rof.setup()`` registers :func:`show_clip` with IPython, so that a ``Clip`` as
the last expression of a cell shows this player. Every frame shown carries the
SYNTHETIC badge.
"""

from __future__ import annotations

import numpy as np

from ..fakes.clips import Clip
from ..images import resize_longest
from ..label import add_badge
from .accessible import FramePlayer
from .common import picture_widget, widgets


class ClipPlayer:
    """An inline player for a :class:`~realorfake.fakes.Clip`, ``width`` pixels wide at most.

    Parts: ``player`` (:class:`~realorfake.widgets.accessible.FramePlayer`: Play/Pause
    and the frame slider, ``player.value`` the frame shown), ``image``
    (a :class:`~realorfake.widgets.accessible.Picture`, its alt text saying which frame) and ``widget``. Frames
    are encoded once as JPEG.
    """

    def __init__(self, clip: Clip, width: int = 320):
        w = widgets()
        self.clip = clip
        first = clip.frames[0]
        scale = min(1.0, width / first.shape[1])  # never wider than ``width``, never enlarged
        side = max(first.shape[:2]) * scale
        self._jpegs = [_jpeg_bytes(add_badge(frame), side) for frame in clip.frames]  # a Clip is always labelled
        self.player = FramePlayer(max=len(clip.frames) - 1, interval=int(1000 / clip.fps), layout=w.Layout(width=f"{max(round(first.shape[1] * scale), 300)}px"))
        self.image = picture_widget(round(first.shape[1] * scale), self._jpegs[0], "jpeg")
        self.player.observe(self._show, names="value")
        self._show({"new": 0})
        caption = w.HTML(f"<span style='font-size:12px'>{len(clip)} frames, {clip.fps:g} fps · every frame is labelled SYNTHETIC</span>")
        self.widget = w.VBox([self.image, self.player, caption])

    def _show(self, change) -> None:
        self.image.value = self._jpegs[change["new"]]
        self.image.alt = f"Frame {change['new'] + 1} of {len(self._jpegs)} of a clip made by the course, labelled SYNTHETIC"

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.widget)


def show_clip(clip: Clip) -> None:
    """Display a clip's player in the notebook (IPython's display hook for ``Clip``)."""
    from IPython.display import display

    display(ClipPlayer(clip).widget)


def _jpeg_bytes(frame: np.ndarray, side: float) -> bytes:
    import cv2

    frame = resize_longest(frame, side, enlarge=False)
    ok, buffer = cv2.imencode(".jpg", cv2.cvtColor(frame, cv2.COLOR_RGB2BGR), [cv2.IMWRITE_JPEG_QUALITY, 88])
    return buffer.tobytes()
