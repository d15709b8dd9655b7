"""Video face swap: the source's face swapped into every frame of a clip, frame by frame.

The same person's face is followed from frame to frame (:func:`follow_face`)
and swapped in each with :func:`realorfake.fakes.swap.face_swap`; the small
frame-to-frame changes of the landmarks make the face flicker (Lesson 04
measures it). Every output frame is labelled.
"""

from __future__ import annotations

import cv2
import numpy as np

from ..data import portrait
from ..errors import OutOfRange, WrongShape, check_number
from ..faces import Face, alignment_matrix, detect_faces, detect_near, find_face
from ..images import ImageSource, as_rgb, load_image, resize_longest
from ..label import add_badge
from .clips import DEFAULT_FPS, Clip, clip_length, playable, read_video
from .reenactment import make_it_talk
from .registry import example
from .swap import check_blend_mode, check_face_size, face_swap


def _moved(face: Face, shift: np.ndarray) -> Face:
    """The same face moved by ``shift`` (dx, dy) pixels."""
    dx, dy = (int(round(v)) for v in shift)
    return Face(box=(face.box[0] + dx, face.box[1] + dy, face.box[2], face.box[3]), landmarks=face.landmarks + shift, score=face.score)


#: Smallest likeness (normalised cross-correlation of the aligned faces, -1 to 1) of a face taken as the same person.
SAME_PERSON = 0.55


def likeness_template(frame: np.ndarray, face: Face) -> np.ndarray:
    """A 36 x 36 float32 picture of the face, aligned by the eyes, grey, normalised (mean 0, spread 1), for :func:`likeness`."""
    matrix = alignment_matrix(face, 48)
    aligned = cv2.warpAffine(frame, matrix, (48, 48), flags=cv2.INTER_AREA, borderMode=cv2.BORDER_REPLICATE)
    gray = cv2.cvtColor(aligned, cv2.COLOR_RGB2GRAY).astype(np.float32)[8:44, 6:42]
    return (gray - gray.mean()) / (gray.std() + 1e-6)


def likeness(a: np.ndarray, b: np.ndarray) -> float:
    """How alike two :func:`likeness_template` pictures are: 1 the same, about 0.3 for two different people here."""
    return float((a * b).mean())


#: Frames larger than this (longest side, px) are downsized before swapping.
VIDEO_SIDE = 1280
#: At most this many frames of a video file are read.
MAX_FRAMES = 300


def follow_face(frames: list[np.ndarray], first: Face | None = None, *, upsample: int | None = None) -> tuple[list[Face | None], list[str]]:
    """The same person's face in every frame: (a Face per frame, None where it was lost; notes).

    The first frame's face is ``first`` or the largest found there. Each next
    frame is searched around where the face should be now (its last position
    plus its last movement, ``faces.detect_near``: faster than the whole
    frame), then, if need be, the whole frame. Only a face of about the same
    size (0.67 to 1.5 times) within half a face of that predicted position
    (almost a whole face before its movement is known, more after a loss) and
    alike enough to the first frame's face (:func:`likeness` at least
    ``SAME_PERSON``) is taken: another person's face is not taken instead. Where the face is lost,
    None is returned and a note says in how many frames. Small faces are
    searched with the ``upsample`` they needed in the first frame. Raises
    ``NoFaceFound`` when the first frame has no face.
    """
    current = find_face(frames[0], first, upsample=upsample, what="the first frame of the clip")
    size = max(current.box[2], current.box[3])
    level = upsample if upsample is not None else (0 if size >= 80 else 1 if size >= 40 else 2)
    template = likeness_template(frames[0], current)
    velocity, missing, lost, known = np.zeros(2), 0, 0, False  # known: the movement has been seen once
    followed: list[Face | None] = [current]
    for frame in frames[1:]:
        centre = current.landmarks.mean(axis=0)
        predicted = centre + velocity * (missing + 1)
        size = max(current.box[2], current.box[3])
        guess = _moved(current, predicted - centre)

        reach = (0.5 if known else 0.9) * size * min(1 + missing, 3)  # wider before the movement is known, or after a loss

        def plausible(found: list[Face]) -> list[Face]:
            close = [f for f in found if np.hypot(*(f.landmarks.mean(axis=0) - predicted)) < reach and 0.67 <= max(f.box[2], f.box[3]) / size <= 1.5]
            close = [f for f in close if likeness(template, likeness_template(frame, f)) >= SAME_PERSON]  # the same person, not a passer-by
            return sorted(close, key=lambda f: float(np.hypot(*(f.landmarks.mean(axis=0) - predicted))))

        candidates = plausible(detect_near(frame, guess, upsample=level)) or plausible(detect_faces(frame, level))
        if candidates:
            best = candidates[0]
            velocity = (best.landmarks.mean(axis=0) - centre) / (missing + 1)
            current, missing, known = best, 0, True
            followed.append(best)
        else:
            missing += 1
            lost += 1
            followed.append(None)
    notes = []
    if lost:
        notes.append(f"The face was lost in {lost} frame(s) (hidden, turned away or too far from where it was going): those frames were left as filmed, and no other face was swapped.")
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
    if upsample is not None and upsample not in (0, 1, 2):
        raise OutOfRange(f"upsample must be 0, 1 or 2, or None to decide by itself (got {upsample!r}).")
    for given, what in ((source_face, "source_face"), (target_face, "target_face")):
        if given is not None and not isinstance(given, Face):
            raise WrongShape(f"{what} must be a face from faces.find_face() or faces.detect_faces(), or None (got {type(given).__name__}).")
    src = as_rgb(source)  # the source face first: a problem with it is said before any frame is read
    source_face = find_face(src, source_face, upsample=upsample, what="the source image")
    check_face_size(source_face, "the source image")
    notes: list[str] = []
    if isinstance(frames, Clip):
        fps = fps or frames.fps
        frames = frames.frames
    elif isinstance(frames, (str, bytes)) or hasattr(frames, "__fspath__"):
        total = clip_length(frames)
        frames, file_fps = read_video(frames, max_frames=MAX_FRAMES)
        if total > len(frames):
            notes.append(f"The file has {total} frames; only the first {len(frames)} were read ({len(frames) / max(file_fps, 1):.0f} s at its frame rate).")
        if fps is None:
            frames, fps, rate_notes = playable(frames, file_fps)
            notes += rate_notes
    if not isinstance(frames, (list, tuple)) and not (isinstance(frames, np.ndarray) and frames.ndim == 4):
        raise WrongShape(f"swap_video takes a Clip, a list of frames or a video file's path, not {type(frames).__name__}.")
    frames = [load_image(frame, max_side=None) for frame in frames]
    if not frames:
        raise WrongShape("swap_video needs at least one frame.")
    if any(frame.shape != frames[0].shape for frame in frames):
        raise WrongShape("All frames of the clip must have the same size.")
    height, width = frames[0].shape[:2]
    if max(height, width) > VIDEO_SIDE:  # 4K frames would take gigabytes: work at a size a laptop can hold
        factor = VIDEO_SIDE / max(height, width)
        frames = [resize_longest(frame, VIDEO_SIDE) for frame in frames]
        notes.append(f"Frames of {width} x {height} were downsized to {frames[0].shape[1]} x {frames[0].shape[0]} to keep memory and time in bounds.")
        if target_face is not None:
            target_face = Face(box=tuple(int(round(v * factor)) for v in target_face.box), landmarks=target_face.landmarks * factor, score=target_face.score)
    followed, tracking = follow_face(frames, target_face, upsample=upsample)
    output = []
    for frame, face in zip(frames, followed):
        if face is None:  # lost: nothing is pasted (a frame of a fake clip still carries the badge)
            output.append(add_badge(frame))
            continue
        result = face_swap(src, frame, blend=blend, source_face=source_face, target_face=face)
        output.append(result.image)
        notes += [note for note in result.notes if note not in notes]
    return Clip(output, fps=fps or DEFAULT_FPS, method="face_swap", notes=notes + tracking)


@example("swap_video", method="face_swap")
def _example_video() -> Clip:
    return swap_video(make_it_talk(portrait("collins"), seconds=1.0), portrait("hopper"))
