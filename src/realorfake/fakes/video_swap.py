"""Video face swap: the source's face swapped into every frame of a clip, frame by frame.

The same person's face is followed from frame to frame (:func:`follow_face`)
and swapped in each with :func:`realorfake.fakes.swap.face_swap`; the small
frame-to-frame changes of the landmarks make the face flicker (Lesson 04
measures it). Every output frame is labelled.
"""

from __future__ import annotations

import numpy as np

from ..data import portrait
from ..errors import WrongShape, check_number
from ..faces import Face, detect_faces, detect_near, find_face
from ..images import ImageSource, as_rgb, load_image
from .clips import DEFAULT_FPS, Clip, playable, read_video
from .reenactment import make_it_talk
from .registry import example
from .swap import check_blend_mode, check_face_size, face_swap


def follow_face(frames: list[np.ndarray], first: Face | None = None, *, upsample: int | None = None) -> tuple[list[Face], list[str]]:
    """The same person's face in every frame: (one Face per frame, notes).

    The first frame's face is ``first`` or the largest found there. In each
    next frame the face is looked for near its last position
    (``faces.detect_near``: faster than the whole frame, and blind to other
    people); when it is not there, the whole frame is searched for the face
    nearest the last position. When it is lost (no face near where it was), the
    last landmarks are reused and a note says in how many frames: another
    person's face is never taken instead. Raises ``NoFaceFound`` when the first
    frame has no face.
    """
    current = find_face(frames[0], first, upsample=upsample, what="the first frame of the clip")
    level = 0 if upsample is None else upsample
    followed, lost, refound = [current], 0, 0
    for frame in frames[1:]:
        near = detect_near(frame, current, upsample=level)
        if not near:  # moved far, or blurred: search the whole frame, keep the face nearest the last position
            centre = current.landmarks.mean(axis=0)
            reach = 0.75 * max(current.box[2], current.box[3])
            near = [f for f in detect_faces(frame, level) if np.hypot(*(f.landmarks.mean(axis=0) - centre)) < reach]
            refound += bool(near)
        if near:
            current = near[0]
        else:
            lost += 1
        followed.append(current)
    notes = []
    if lost:
        notes.append(f"The face was lost in {lost} frame(s): the last landmarks found were reused there, and no other face was swapped.")
    if refound:
        notes.append(f"The face moved far between frames {refound} time(s) and was found again near its last position.")
    return followed, notes


def swap_video(
    frames,
    source: ImageSource,
    *,
    blend: str = "poisson",
    fps: float | None = None,
    source_face: Face | None = None,
    target_face: Face | None = None,
    upsample: int | None = None,
) -> Clip:
    """Swap the source's face into one person's face in every frame of a clip (a Clip, a list of frames or a video path).

    Options are checked before any work: ``blend`` (see ``swap.BLEND_MODES``),
    ``fps`` (1-120, else the clip's own, made playable by ``clips.playable``
    with a note). The source face is ``source_face`` or the largest found; the
    person followed is ``target_face`` in the first frame or its largest face,
    tracked from frame to frame (:func:`follow_face`); ``upsample`` looks for
    smaller faces. Every output frame is labelled; ``notes`` say what was
    adjusted. Raises ``NoFaceFound``, ``ImageTooSmall``, ``WrongShape`` (no
    frames, frames of different sizes), ``OutOfRange`` and ``UnknownName``.
    """
    check_blend_mode(blend)
    if fps is not None:
        fps = check_number(fps, "fps", 1, 120)
    notes: list[str] = []
    if isinstance(frames, Clip):
        fps = fps or frames.fps
        frames = frames.frames
    elif isinstance(frames, (str, bytes)) or hasattr(frames, "__fspath__"):
        frames, file_fps = read_video(frames)
        if fps is None:
            frames, fps, notes = playable(frames, file_fps)
    if not isinstance(frames, (list, tuple)) and not (isinstance(frames, np.ndarray) and frames.ndim == 4):
        raise WrongShape(f"swap_video takes a Clip, a list of frames or a video file's path, not {type(frames).__name__}.")
    frames = [load_image(frame, max_side=None) for frame in frames]
    if not frames:
        raise WrongShape("swap_video needs at least one frame.")
    if any(frame.shape != frames[0].shape for frame in frames):
        raise WrongShape("All frames of the clip must have the same size.")
    src = as_rgb(source)
    source_face = find_face(src, source_face, upsample=upsample, what="the source image")
    check_face_size(source_face, "the source image")
    followed, tracking = follow_face(frames, target_face, upsample=upsample)
    output = []
    for frame, face in zip(frames, followed):
        result = face_swap(src, frame, blend=blend, source_face=source_face, target_face=face)
        output.append(result.image)
        notes += [note for note in result.notes if note not in notes]
    return Clip(output, fps=fps or DEFAULT_FPS, method="face_swap", notes=notes + tracking)


@example("swap_video", method="face_swap")
def _example_video() -> Clip:
    return swap_video(make_it_talk(portrait("collins"), seconds=1.0), portrait("hopper"))
