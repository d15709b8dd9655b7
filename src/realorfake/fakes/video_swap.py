"""Video face swap: the source's face swapped into every frame of a clip, frame by frame.

Each frame's face is found again and swapped with :func:`realorfake.fakes.swap.face_swap`;
the small frame-to-frame changes of the landmarks make the face flicker (Lesson
04 measures it). Every output frame is labelled.
"""

from __future__ import annotations

from ..data import portrait
from ..errors import NoFaceFound, WrongShape
from ..faces import detect_faces, largest_face
from ..images import ImageSource, as_rgb, load_image
from .clips import Clip, read_video
from .reenactment import make_it_talk
from .registry import example
from .swap import check_face_size, face_swap


def swap_video(frames, source: ImageSource, *, blend: str = "poisson", fps: float | None = None) -> Clip:
    """Swap the source's face into every frame of a clip (a Clip, a list of frames or a video path).

    The source face is found once; each frame's face is found again (when a
    frame has none, the previous frame's landmarks are reused). Every output
    frame is labelled.
    """
    if isinstance(frames, Clip):
        fps = fps or frames.fps
        frames = frames.frames
    elif isinstance(frames, (str, bytes)) or hasattr(frames, "__fspath__"):
        frames, file_fps = read_video(frames)
        fps = fps or file_fps
    frames = [load_image(frame, max_side=None) for frame in frames]
    if not frames:
        raise WrongShape("swap_video needs at least one frame.")
    src = as_rgb(source)
    source_face = largest_face(src, what="the source image")
    check_face_size(source_face, "the source image")
    output, last, missing = [], None, 0
    for frame in frames:
        found = detect_faces(frame)
        if found:
            last = found[0]
        elif last is None:
            raise NoFaceFound("No face found in the first frames of the clip; use a clip where the face is visible from the start.")
        else:
            missing += 1
        output.append(face_swap(src, frame, blend=blend, source_face=source_face, target_face=last).image)
    notes = [f"{missing} frame(s) had no detectable face; the previous landmarks were reused."] if missing else []
    return Clip(output, fps=fps or 15.0, method="face_swap", notes=notes)


@example("swap_video", method="face_swap")
def _example_video() -> Clip:
    return swap_video(make_it_talk(portrait("collins"), seconds=1.0), portrait("hopper"))
