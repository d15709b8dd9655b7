"""The built-in pack: 32 items made by the course's own pipeline, half real and half fake, easy to hard.

Real: the two public-domain portraits, honest edits of them (darker, warmer,
cropped, low-quality JPEG, tilted, flipped...), photos with no face, enlarged
news-photo faces from LFW, and a slow zoom over a portrait. Fake: face swaps in
every blend mode and both directions, morphs, self-blended images, a mirrored
face, pasted eyes, copy-move splices, an average face, a talking clip and a
swapped talking clip. Every fake is saved with its visible SYNTHETIC badge and
its machine-readable label (``label.save_fake``; clips with their sidecar
label). While an item is on screen the game covers the badge with a neutral
strip, for real and fake items alike (``label.question_strip``), and shows the
badge at the reveal; the file keeps its label.

``build(folder)`` writes the pack (about 45 s on two cores); the same course
version always makes the same pack. ``builtin_pack()`` loads the copy shipped
in ``packs/builtin`` (``scripts/build_builtin_pack.py`` remakes it).

Game layer: imports the core, ``fakes``, ``forensics`` (where a fake changed
its original) and ``detector.self_blend``.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import cv2
import numpy as np

from .. import data, faces, label
from ..files import replacing
from ..images import resize_longest
from .i18n import N_, translate
from .pack import Pack, load_pack

#: Where the shipped copy of the built-in pack lives.
BUILTIN_FOLDER = Path(__file__).with_name("packs") / "builtin"
#: Longest side (px) of the pack's pictures and clips.
SIDE = 480
#: JPEG quality of the pack's pictures.
QUALITY = 90
SEED = 2023  # the year the show premiered

Made = np.ndarray | list


@dataclass
class Spec:
    """How to make one item: ``make()`` returns (picture or frames, original or None); the rest goes into pack.json."""

    id: str
    answer: str
    method: str
    difficulty: str
    explanation: str
    make: Callable[[], tuple[Made, np.ndarray | None]]
    kind: str = "image"
    label_method: str = ""
    source: str = ""
    licence: str = ""
    regions: list[dict] = field(default_factory=list)


def _credit(name: str) -> str:
    credit = data.credit(name)
    return f"{credit.subject}: {credit.source} ({credit.licence})"


#: Where the LFW faces come from, and on what terms (data/MANIFEST).
LFW_SOURCE = "Labeled Faces in the Wild, via scikit-image data.lfw_subset"
LFW_LICENCE = "research data set distributed with scikit-image; used here for teaching only"
AVERAGE_SOURCE = f"Made by the Real or Fake? course (average_face) from the faces of {LFW_SOURCE}"
#: The licence of the course's fakes of the two public-domain portraits.
PORTRAIT_FAKE_LICENCE = "public domain portraits; the fake made and labelled by the course"


def _licence(name: str) -> str:
    return data.credit(name).licence


def _made_from(method: str, name: str) -> str:
    return f"Made by the Real or Fake? course ({method}) from {_credit(name)}"


def _who(name: str) -> str:
    return {"hopper": "Grace Hopper", "collins": "Eileen Collins"}[name]


def _portrait(name: str):
    return lambda: (data.portrait(name), None)


def _variant(name: str, variant: str):
    return lambda: (data.portrait_variant(name, variant), None)


def _photo(name: str):
    return lambda: (data.photo(name), None)


def _lfw(index: int):
    def make():
        small = data.lfw_subset()[index]
        big = cv2.resize(small, (200, 200), interpolation=cv2.INTER_CUBIC)
        return np.ascontiguousarray(np.stack([big] * 3, axis=-1)), None

    return make


def _swap(source: str, target: str, blend: str):
    def make():
        from ..fakes import swap

        result = swap.face_swap(data.portrait(source), data.portrait(target), blend=blend, source_face=data.portrait_face(source), target_face=data.portrait_face(target))
        return result.image, data.portrait(target)

    return make


def _morph(alpha: float):
    def make():
        from ..fakes.morphing import morph

        return morph(data.portrait("hopper"), data.portrait("collins"), alpha, a_face=data.portrait_face("hopper"), b_face=data.portrait_face("collins")), None

    return make


def _self_blend(name: str, seed: int):
    def make():
        from ..detector.self_blend import self_blend

        original = data.portrait(name)
        fake = self_blend(original, data.portrait_face(name).landmarks, seed).fake
        return label.add_badge(fake), original

    return make


def _mirror(name: str):
    def make():
        from ..fakes import cheapfakes

        return cheapfakes.mirror_face(data.portrait(name), data.portrait_face(name)), data.portrait(name)

    return make


def _paste(source: str, target: str):
    def make():
        from ..fakes import cheapfakes

        fake = cheapfakes.feature_paste(data.portrait(source), data.portrait(target), source_face=data.portrait_face(source), target_face=data.portrait_face(target))
        return fake, data.portrait(target)

    return make


def _copy_move(name: str, seed: int):
    def make():
        from ..fakes import cheapfakes

        return cheapfakes.copy_move(data.photo(name), seed=seed), data.photo(name)

    return make


def _average():
    def make():
        from ..fakes import cheapfakes

        return cheapfakes.average_face(), None

    return make


def _talking(name: str):
    def make():
        from ..fakes.reenactment import make_it_talk

        small = resize_longest(data.portrait(name), 320)
        return make_it_talk(small, seconds=2.0, fps=12, seed=1).frames, None

    return make


def _swapped_talking():
    def make():
        from ..fakes.reenactment import make_it_talk
        from ..fakes.video_swap import swap_video

        talking = make_it_talk(resize_longest(data.portrait("collins"), 320), seconds=2.0, fps=12, seed=2)
        return swap_video(talking, data.portrait("hopper"), blend="poisson", fps=12).frames, None

    return make


def zoom_frames(photo: np.ndarray, side: int = 320, count: int = 24) -> list[np.ndarray]:
    """A slow push-in over a real photo (an editor's "Ken Burns" move), ``count`` RGB frames at most ``side`` px: an honest clip."""
    photo = resize_longest(photo, side)
    height, width = photo.shape[:2]
    frames = []
    for k in range(count):
        scale = 1 + 0.25 * k / max(1, count - 1)
        crop_w, crop_h = round(width / scale), round(height / scale)
        x0, y0 = (width - crop_w) // 2, (height - crop_h) // 3
        frames.append(cv2.resize(photo[y0 : y0 + crop_h, x0 : x0 + crop_w], (width, height), interpolation=cv2.INTER_AREA))
    return frames


def _zoom(name: str):
    return lambda: (zoom_frames(data.portrait(name)), None)


REAL_PORTRAIT = N_("Real: an official, unedited portrait photo. Nothing was changed.")
DARKER = N_("Real: the photo was only made darker. Changing the brightness does not make a photo fake.")
WARM = N_("Real: only warmer colours, like a phone's photo filter. A filter is not a fake.")
CROPPED = N_("Real: only cropped closer. Cropping alone does not change who is in the photo.")
BLOCKY = N_("Real: saved as a very low-quality JPEG. The blocky squares come from compression, not from faking.")
TILTED = N_("Real: only turned a little. A tilted photo is still the real person.")
FLIPPED = N_("Real: flipped left to right, as a selfie camera does. Text would read backwards, but the face is real.")
LOW_CONTRAST = N_("Real: lower contrast, like a faded print. Still the real person.")
NO_FACE = N_("Real: an untouched photo. Not every image in a real-or-fake round has a face in it.")
LFW = N_("Real: a news photo of a real person, only 25 x 25 pixels and enlarged. It is blurry because it is tiny, not because it is fake.")
ZOOM = N_("Real: a real photo shown with a slow zoom, as video editors do. Movement alone does not make a clip fake: nothing in the face changes.")
SWAP_PASTE = N_("Fake: a face swap pasted with a hard edge. Look for the sharp outline around the cheeks and forehead where the skin changes.")
SWAP_FEATHER = N_("Fake: a face swap with a blurred edge. Look for the soft, ghostly band where two faces mix, and skin that is smoother than the neck.")
SWAP_POISSON = N_(
    "Fake: a face swap blended with Poisson blending, so the edge almost vanishes. "
    "Look at the colours: the face takes on the tint of its surroundings, and the wrinkles do not match the age of the hands and neck."
)
SWAP_MIXED = N_("Fake: a mixed Poisson blend. The original face's glasses and wrinkles show through the new face, like a double exposure.")
SWAP_SMALL = N_("Fake: a face swap onto a smaller face. Small faces hide seams well; look at the blurry, over-smooth skin and the hairline.")
MORPH_HALF = N_("Fake: a morph, halfway between two people. The face is too smooth and perfectly centred, and the eyes and mouth look slightly doubled.")
MORPH_LIGHT = N_("Fake: a morph with only a little of the second person. Hard to see: look for soft, doubled edges around the eyes and the mouth.")
SELF_BLEND = N_(
    "Fake: a self-blended image. The face was blended with a slightly changed copy of itself, as detectors are trained to spot. "
    "Look for a faint change of colour or sharpness along an oval around the face."
)
MIRROR = N_("Fake: one half of the face is a mirror copy of the other. Real faces are never perfectly symmetric; look at the hair, the ears and the background.")
PASTE = N_("Fake: the eyes and eyebrows come from another person's photo. Look for a change of skin, sharpness or light around the eyes.")
COPY_MOVE = N_("Fake: a patch of this photo was copied and pasted somewhere else in the same photo. Look for two areas that are exactly alike.")
AVERAGE = N_("Fake: this person does not exist. It is the average of many real faces, which is why the skin is so smooth and the face so regular.")
TALKING = N_("Fake: a talking clip made from one still photo. Only the mouth moves: the eyes never blink and the head never turns.")
SWAPPED_CLIP = N_("Fake: a face swap in every frame of a talking clip. Watch the edge of the face flicker from frame to frame.")


def specs() -> list[Spec]:
    """The 32 items, in pack order (a game shuffles them)."""
    h, c = "hopper", "collins"
    return [
        Spec("real-hopper", "real", "original", "easy", REAL_PORTRAIT, _portrait(h), source=_credit(h), licence=_licence(h)),
        Spec("real-collins", "real", "original", "easy", REAL_PORTRAIT, _portrait(c), source=_credit(c), licence=_licence(c)),
        Spec("edit-hopper-darker", "real", "benign_edit", "medium", DARKER, _variant(h, "darker"), source=_credit(h), licence=_licence(h)),
        Spec("edit-collins-warm", "real", "benign_edit", "medium", WARM, _variant(c, "warm"), source=_credit(c), licence=_licence(c)),
        Spec("edit-collins-crop", "real", "benign_edit", "easy", CROPPED, _variant(c, "close_crop"), source=_credit(c), licence=_licence(c)),
        Spec("edit-hopper-jpeg", "real", "benign_edit", "hard", BLOCKY, _variant(h, "jpeg_q15"), source=_credit(h), licence=_licence(h)),
        Spec("edit-hopper-tilted", "real", "benign_edit", "medium", TILTED, _variant(h, "tilted"), source=_credit(h), licence=_licence(h)),
        Spec("edit-collins-flipped", "real", "benign_edit", "hard", FLIPPED, _variant(c, "mirrored"), source=_credit(c), licence=_licence(c)),
        Spec("edit-hopper-faded", "real", "benign_edit", "medium", LOW_CONTRAST, _variant(h, "low_contrast"), source=_credit(h), licence=_licence(h)),
        Spec("real-coffee", "real", "original", "easy", NO_FACE, _photo("coffee"), source=_credit("coffee"), licence=_licence("coffee")),
        Spec("real-chelsea", "real", "original", "easy", NO_FACE, _photo("chelsea"), source=_credit("chelsea"), licence=_licence("chelsea")),
        Spec("real-rocket", "real", "original", "medium", NO_FACE, _photo("rocket"), source=_credit("rocket"), licence=_licence("rocket")),
        Spec("real-lfw-7", "real", "original", "hard", LFW, _lfw(7), source=LFW_SOURCE, licence=LFW_LICENCE),
        Spec("real-lfw-31", "real", "original", "hard", LFW, _lfw(31), source=LFW_SOURCE, licence=LFW_LICENCE),
        Spec("real-lfw-58", "real", "original", "hard", LFW, _lfw(58), source=LFW_SOURCE, licence=LFW_LICENCE),
        Spec("real-hopper-zoom", "real", "benign_edit", "medium", ZOOM, _zoom(h), kind="video", source=_credit(h), licence=_licence(h)),
        Spec("swap-paste", "fake", "face_swap", "easy", SWAP_PASTE, _swap(c, h, "paste"), label_method="face_swap"),
        Spec("swap-feather", "fake", "face_swap", "medium", SWAP_FEATHER, _swap(c, h, "feather"), label_method="face_swap"),
        Spec("swap-poisson", "fake", "face_swap", "hard", SWAP_POISSON, _swap(c, h, "poisson"), label_method="face_swap"),
        Spec("swap-mixed", "fake", "face_swap", "medium", SWAP_MIXED, _swap(c, h, "poisson_mixed"), label_method="face_swap"),
        Spec("swap-onto-collins", "fake", "face_swap", "hard", SWAP_SMALL, _swap(h, c, "poisson"), label_method="face_swap"),
        Spec("morph-half", "fake", "morph", "medium", MORPH_HALF, _morph(0.5), label_method="morph"),
        Spec("morph-light", "fake", "morph", "hard", MORPH_LIGHT, _morph(0.25), label_method="morph"),
        Spec("self-blend-hopper", "fake", "self_blend", "hard", SELF_BLEND, _self_blend(h, 11), label_method="self_blend"),
        Spec("self-blend-collins", "fake", "self_blend", "hard", SELF_BLEND, _self_blend(c, 12), label_method="self_blend"),
        Spec("mirror-collins", "fake", "other", "easy", MIRROR, _mirror(c), label_method="mirror_face"),
        Spec("paste-eyes", "fake", "splice", "medium", PASTE, _paste(c, h), label_method="feature_paste"),
        Spec("copy-move-rocket", "fake", "copy_move", "medium", COPY_MOVE, _copy_move("rocket", 0), label_method="copy_move", source=_made_from("copy_move", "rocket"), licence=_licence("rocket")),
        Spec("copy-move-coffee", "fake", "copy_move", "hard", COPY_MOVE, _copy_move("coffee", 3), label_method="copy_move", source=_made_from("copy_move", "coffee"), licence=_licence("coffee")),
        Spec("average-face", "fake", "generated", "medium", AVERAGE, _average(), label_method="average_face", source=AVERAGE_SOURCE, licence=LFW_LICENCE),
        Spec("talking-hopper", "fake", "talking_clip", "medium", TALKING, _talking(h), kind="video", label_method="reenactment"),
        Spec("swapped-clip", "fake", "face_swap", "hard", SWAPPED_CLIP, _swapped_talking(), kind="video", label_method="face_swap"),
    ]


#: The label of a region the course highlights at the reveal, unless it says more.
LOOK_HERE = {"en": "look here", "es": "mira aquí"}


def box_region(box: tuple[int, int, int, int] | None, shape: tuple[int, ...], label: dict[str, str] | None = None) -> list[dict]:
    """A pixel box (x, y, width, height) in a picture of ``shape`` as a pack region, grown by 10 %, or nothing for ``None``.

    Returns a list holding one region of pack.json (fractions 0-1 of the
    picture's width and height, clipped to the picture) with ``label``
    (``{"en": ..., "es": ...}``; default :data:`LOOK_HERE`), or an empty list.
    """
    if box is None:
        return []
    x, y, w, h = box
    height, width = shape[:2]
    x0, y0 = max(0.0, (x - 0.1 * w) / width), max(0.0, (y - 0.1 * h) / height)
    x1, y1 = min(1.0, (x + 1.1 * w) / width), min(1.0, (y + 1.1 * h) / height)
    return [{"x": round(x0, 3), "y": round(y0, 3), "width": round(x1 - x0, 3), "height": round(y1 - y0, 3), "label": dict(label or LOOK_HERE)}]


def _regions(spec: Spec, picture: np.ndarray, original: np.ndarray | None) -> list[dict]:
    """Where to look at the reveal: what the fake changed in its original, else (a change too faint to box) the face found in it."""
    from ..forensics.difference import changed_box

    if spec.answer == "real" or spec.kind != "image":
        return []
    if original is not None and original.shape == picture.shape:
        changed = changed_box(original, picture)
        if changed is not None:
            return box_region(changed, picture.shape)
    return face_region(picture)


def face_region(picture: np.ndarray, label_text: dict[str, str] | None = None) -> list[dict]:
    """The largest face found in ``picture`` (RGB, above its badge strip) as a pack region (see :func:`box_region`), or nothing.

    For a fake that changed no original the course can compare it with (an
    average face, a morph): the reveal then points at the face.
    """
    found = faces.detect_faces(label.above_badge(picture), upsample=1)
    return box_region(max(found, key=lambda f: f.box[2] * f.box[3]).box, picture.shape, label_text) if found else []


def save_real(picture: np.ndarray, path: str | os.PathLike, quality: int = QUALITY) -> Path:
    """Save a real picture (RGB uint8, H x W x 3) as a plain JPEG at ``path``: no badge, no label. Returns the path.

    The file is written next to ``path`` and renamed (:func:`realorfake.files.replacing`);
    ``CourseError`` when its folder is missing or cannot be written.
    """
    path = Path(path)
    with replacing(path) as temporary:
        temporary.write_bytes(cv2.imencode(".jpg", cv2.cvtColor(picture, cv2.COLOR_RGB2BGR), [cv2.IMWRITE_JPEG_QUALITY, int(quality)])[1].tobytes())
    return path


def _write_video(frames: list[np.ndarray], path: Path, fps: float = 12.0) -> None:
    height, width = frames[0].shape[:2]
    with replacing(path) as temporary:
        writer = cv2.VideoWriter(str(temporary), cv2.VideoWriter_fourcc(*"mp4v"), fps, (width, height))
        for frame in frames:
            writer.write(cv2.cvtColor(frame, cv2.COLOR_RGB2BGR))
        writer.release()


def build(folder: str | os.PathLike, *, progress: bool = True) -> Pack:
    """Make the built-in pack in ``folder`` (created; files in it are replaced) and return it, checked."""
    from tqdm.auto import tqdm

    from ..fakes.clips import Clip, save_clip

    folder = Path(folder)
    (folder / "media").mkdir(parents=True, exist_ok=True)
    entries = []
    for spec in tqdm(specs(), desc="building the pack", disable=not progress):
        made, original = spec.make()
        if spec.kind == "image":
            picture = resize_longest(np.asarray(made), SIDE, enlarge=False)
            if original is not None:
                original = resize_longest(original, SIDE, enlarge=False)
            file = f"media/{spec.id}.jpg"
            if spec.answer == "fake":
                label.save_fake(picture, folder / file, method=spec.label_method, quality=QUALITY)
            else:
                save_real(picture, folder / file)
            regions = _regions(spec, picture, original)
        else:
            file = f"media/{spec.id}.mp4"
            if spec.answer == "fake":
                save_clip(Clip(list(made), fps=12, method=spec.label_method), folder / file)
            else:
                _write_video(list(made), folder / file)
            regions = []
        entry = {
            "id": spec.id,
            "file": file,
            "kind": spec.kind,
            "answer": spec.answer,
            "method": spec.method,
            "difficulty": spec.difficulty,
            "explanation": {"en": translate(spec.explanation, "en"), "es": translate(spec.explanation, "es")},
            "source": spec.source or "Made by the Real or Fake? course from the public-domain portraits of Grace Hopper and Eileen Collins",
            "licence": spec.licence or PORTRAIT_FAKE_LICENCE,
        }
        if regions:
            entry["regions"] = regions
        entries.append(entry)
    manifest = {
        "format": "realorfake-pack",
        "version": 1,
        "name": "Real or Fake? built-in pack",
        "description": {
            "en": translate(DESCRIPTION, "en"),
            "es": translate(DESCRIPTION, "es"),
        },
        "items": entries,
    }
    with replacing(folder / "pack.json") as temporary:
        temporary.write_text(json.dumps(manifest, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return load_pack(folder)


DESCRIPTION = N_("32 pictures and clips made by the course: real photos, honest edits and fakes made in Lessons 01 to 05.")


@cache
def builtin_pack() -> Pack:
    """The built-in pack shipped with the course (checked on its first load in a process, then kept)."""
    return load_pack(BUILTIN_FOLDER)
