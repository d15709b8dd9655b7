"""Facilitators' packs: from a folder of real and fake files, or fakes made from a class's own consented photos.

``build_from_folders(folder, out)`` takes ``folder/real/`` and ``folder/fake/``
(pictures or clips, any tool), plus an optional ``folder/notes.csv`` with
columns ``file`` and any of ``en``, ``es``, ``difficulty``, ``method`` (read by
:mod:`.notes`; see docs/packs.md); every file is re-encoded into
``out/media/`` (which also drops camera metadata such as GPS), every fake gets
the visible badge and the machine-readable label, and the pack is checked
before it is returned. An empty real/ or fake/ is built with a ``PackWarning``:
the game runs, but a pack with one answer teaches nothing.

``make_fakes_pack(folder, out)`` is the show's format: each player judges
people they know. From a folder of the class's consented photos (one face each)
it keeps each photo as a real item and makes as many fakes from them: swaps
between classmates, morphs, self-blended images and talking clips, each
labelled, with generated explanations in English and Spanish. A photo with no
face is refused by name.

Game layer: imports the core, ``fakes`` and ``detector.self_blend``.
"""

from __future__ import annotations

import difflib
import json
import os
import re
import shutil
import warnings
from pathlib import Path

import cv2
import numpy as np

from .. import faces, label
from ..errors import CourseError, NoFaceFound, PackError
from ..files import replacing
from ..images import load_image, resize_longest
from .builtin import QUALITY, SIDE, ZOOM, _write_video, box_region, zoom_frames
from .i18n import N_, translate
from .notes import NOTES_NAME, match_notes, read_notes
from .pack import EXTENSIONS, REAL_METHODS, Pack, PackWarning, check_size, load_pack, method_fits, schema
from .pictures import METHOD_NAMES
from .schema_messages import either

#: Pack method of a fake the course labelled, by its label method.
PACK_METHOD = {
    "face_swap": "face_swap",
    "morph": "morph",
    "reenactment": "talking_clip",
    "self_blend": "self_blend",
    "copy_move": "copy_move",
    "feature_paste": "splice",
    "mirror_face": "other",
    "average_face": "generated",
    "trained_generator": "generated",
    "adversarial": "other",
}
#: Label method given to a fake of another tool whose label names no method of the course's.
UNKNOWN_TOOL = "trained_generator"
#: Label method of a fake whose pack method notes.csv names.
LABEL_METHOD = {"face_swap": "face_swap", "morph": "morph", "talking_clip": "reenactment", "self_blend": "self_blend", "copy_move": "copy_move", "splice": "feature_paste"}

GENERIC_REAL = N_("Real: a photo from this pack's real set, not edited.")
GENERIC_FAKE = N_("Fake: made by the facilitator with another tool ({method}).")
CLASS_REAL = N_("Real: {name}'s own photo, as they shared it.")
CLASS_SWAP = N_("Fake: {source}'s face swapped onto {target}'s photo. Look for the edge of the face, where skin and light change.")
CLASS_MORPH = N_("Fake: a morph halfway between {a} and {b}. Too smooth, perfectly centred, with doubled edges around the eyes.")
CLASS_SELF_BLEND = N_("Fake: {name}'s face blended with a changed copy of itself. Look for a faint oval where colour or sharpness changes.")
CLASS_TALKING = N_("Fake: {name}'s still photo made to move its mouth. The eyes never blink and the head never turns.")


def _slug(name: str, taken: set[str]) -> str:
    """An item id from a file name: lower-case letters, digits and '-', unique among ``taken``."""
    base = re.sub(r"[^a-z0-9]+", "-", Path(name).stem.lower()).strip("-")[:50] or "item"
    slug, k = base, 2
    while slug in taken:
        slug, k = f"{base}-{k}", k + 1
    taken.add(slug)
    return slug


def _kind(path: Path) -> str | None:
    suffix = path.suffix.lower()
    return next((kind for kind, endings in EXTENSIONS.items() if suffix in endings), None)


def _files(folder: Path, where: str) -> list[Path]:
    """The files of one answer's subfolder, refusing links and unsupported files by name."""
    found = []
    for path in sorted(folder.iterdir()):
        if path.name.startswith("."):
            continue
        if path.is_symlink():
            raise PackError(f"{where}/{path.name} is a symbolic link. Copy the real file into the folder instead.")
        if path.is_dir():
            raise PackError(f"{where}/{path.name} is a folder: put the files directly in {where}/.")
        if _kind(path) is None:
            raise PackError(f"{where}/{path.name} is not a supported picture or clip; use {', '.join(EXTENSIONS['image'] + EXTENSIONS['video'])}.")
        check_size(path, f"{where}/{path.name}")
        found.append(path)
    return found


def _save_picture(picture: np.ndarray, path: Path, fake_method: str | None) -> None:
    picture = resize_longest(picture, SIDE, enlarge=False)
    if fake_method:
        label.save_fake(picture, path, method=fake_method, quality=QUALITY)
    else:
        with replacing(path) as temporary:
            temporary.write_bytes(cv2.imencode(".jpg", cv2.cvtColor(picture, cv2.COLOR_RGB2BGR), [cv2.IMWRITE_JPEG_QUALITY, QUALITY])[1].tobytes())


def _save_clip(frames: list[np.ndarray], path: Path, fake_method: str | None, fps: float = 12.0) -> None:
    from ..fakes.clips import Clip, save_clip

    frames = [resize_longest(f, SIDE, enlarge=False) for f in frames]
    if fake_method:
        save_clip(Clip(frames, fps=fps, method=fake_method), path)
    else:
        _write_video(frames, path, fps)


def _start(out: Path) -> None:
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise PackError(f"{out} already exists and is not empty: choose a new folder for the pack (nothing was overwritten).")
    (out / "media").mkdir(parents=True, exist_ok=True)


def _finish(out: Path, name: str, entries: list[dict]) -> Pack:
    manifest = {"format": "realorfake-pack", "version": 1, "name": name[:80] or "Class pack", "items": entries}
    with replacing(out / "pack.json") as temporary:
        temporary.write_text(json.dumps(manifest, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", PackWarning)  # a pack with one answer was already reported, by the folder's name
        return load_pack(out)


def _check_layout(folder: Path) -> None:
    """Refuse a folder that does not exist or lacks real/ or fake/, naming a lookalike subfolder ("Fakes/") when there is one."""
    if not folder.is_dir():
        raise PackError(f"There is no folder {folder}. Give the folder that holds real/ and fake/ (and optionally {NOTES_NAME}).")
    missing = [name for name in ("real", "fake") if not (folder / name).is_dir()]
    if len(missing) == 2:
        raise PackError(
            f"{folder} needs two subfolders, real/ and fake/, holding the pictures or clips of each answer, and has neither. "
            f"Make them and sort the files into them; or, to have the course make the fakes from a folder of consented photos, add --make-fakes."
        )
    if missing:
        others = {path.name.lower(): path.name for path in folder.iterdir() if path.is_dir() and not path.name.startswith(".")}
        close = difflib.get_close_matches(missing[0], list(others), n=1)
        hint = f" (if {others[close[0]]}/ is meant to be it, rename it {missing[0]}/)" if close else ""
        raise PackError(f"{folder} needs two subfolders, real/ and fake/, and has no {missing[0]}/{hint}. Put the {missing[0]} files in {folder / missing[0]}/ and build again.")


def _warn_one_answer(files: list[tuple[Path, str]]) -> None:
    """Warn (``PackWarning``) when real/ or fake/ is empty: the game runs, but a player who always gives the one answer wins."""
    for empty, other in (("fake", "real"), ("real", "fake")):
        if not any(side == empty for _, side in files):
            remedy = "put some fakes in fake/ (or make them with --make-fakes)" if empty == "fake" else "put some real pictures or clips in real/"
            warnings.warn(
                f"{empty}/ is empty: the pack will hold only {other} items ({len(files)}), and a player who always answers {other!r} wins every round, "
                f"so the game teaches nothing. To fix it, {remedy} and build again.",
                PackWarning,
                stacklevel=3,
            )


def build_from_folders(folder: str | os.PathLike, out: str | os.PathLike, *, name: str | None = None) -> Pack:
    """A checked pack in ``out`` from ``folder/real/`` and ``folder/fake/`` (and ``folder/notes.csv``); see the module doc.

    Raises ``PackError`` (naming the file) for a missing subfolder, a link, a
    folder inside, an unsupported or unreadable file, a bad notes.csv (or one
    whose notes name no file at all), a note's method that does not fit its
    folder, or an ``out`` that exists and is not empty; nothing is left in
    ``out`` then. Warns (``PackWarning``) for an empty real/ or fake/ and for
    notes that name no file (:mod:`.notes`).
    """
    folder, out = Path(folder), Path(out)
    _check_layout(folder)
    files = [(path, "real") for path in _files(folder / "real", "real")] + [(path, "fake") for path in _files(folder / "fake", "fake")]
    if not files:
        raise PackError(f"{folder}/real and {folder}/fake are empty: put at least one picture or clip in them.")
    notes = match_notes(read_notes(folder), files)
    for path, answer in files:
        method = notes[path].values.get("method") if path in notes else None
        if method and (answer == "real") != (method in REAL_METHODS):
            fitting = [m for m in schema()["$defs"]["item"]["properties"]["method"]["enum"] if (m in REAL_METHODS) == (answer == "real")]
            raise PackError(
                f"{notes[path].where}: the method {method!r} is {method_fits(method)}, but {path.name} is in {answer}/. "
                f"Use {either(fitting)} for {'a real item' if answer == 'real' else 'a fake'}, or move the file."
            )
    _warn_one_answer(files)
    _start(out)
    entries, taken = [], set()
    for path, answer in files:
        note = notes[path].values if path in notes else {}
        kind = _kind(path)
        item_id = _slug(path.name, taken)
        where = f"{answer}/{path.name}"
        try:
            if kind == "image":
                picture = load_image(path, max_side=None)
                found = label.read_label(path)
                if answer == "real" and found is not None:
                    shutil.rmtree(out, ignore_errors=True)
                    raise PackError(f"{where}: '{path.name}' carries a label saying it is a fake made by software. Move it to fake/.")
            else:
                from ..fakes.clips import read_clip_label, read_video

                frames, fps = read_video(path, max_frames=300)
                found = read_clip_label(path) if answer == "fake" else None
        except CourseError as error:
            shutil.rmtree(out, ignore_errors=True)
            raise PackError(f"{where} cannot be read: {error}") from None
        method = note.get("method") or (PACK_METHOD.get((found or {}).get("method") or "", "other") if answer == "fake" else "original")
        label_method = None if answer == "real" else ((found or {}).get("method") or LABEL_METHOD.get(method, UNKNOWN_TOOL))
        file = f"media/{item_id}{'.jpg' if kind == 'image' else '.mp4'}"
        if kind == "image":
            _save_picture(picture, out / file, label_method)
        else:
            _save_clip(frames, out / file, label_method, min(max(fps, 1.0), 30.0))
        generic = GENERIC_REAL if answer == "real" else GENERIC_FAKE

        def values(language: str) -> dict:  # the method in the player's words and language ("intercambio de caras")
            return {} if answer == "real" else {"method": translate(METHOD_NAMES.get(method, method.replace("_", " ")), language)}

        entries.append(
            {
                "id": item_id,
                "file": file,
                "kind": kind,
                "answer": answer,
                "method": method,
                "difficulty": note.get("difficulty") or "medium",
                "explanation": {"en": note.get("en") or translate(generic, "en", **values("en")), "es": note.get("es") or translate(generic, "es", **values("es"))},
                "source": f"{answer}/{path.name}",
            }
        )
    try:
        return _finish(out, name or folder.name, entries)
    except PackError:
        shutil.rmtree(out, ignore_errors=True)
        raise


def make_fakes_pack(folder: str | os.PathLike, out: str | os.PathLike, *, name: str | None = None, seed: int = 0, upsample: int | None = None) -> Pack:
    """A checked pack in ``out``: each consented photo of ``folder`` as a real item, and as many labelled fakes made from them.

    Needs at least 2 photos. Faces are found as ``faces.find_face`` does
    (``upsample`` 1 or 2 looks for smaller faces). Raises ``PackError`` for a
    photo with no face (by name), a folder with fewer than 2 photos, or an
    ``out`` that exists and is not empty.
    """
    from ..detector.self_blend import self_blend
    from ..fakes import swap
    from ..fakes.morphing import morph
    from ..fakes.reenactment import make_it_talk

    folder, out = Path(folder), Path(out)
    if not folder.is_dir():
        raise PackError(f"There is no folder {folder}. Put the class's consented photos in one folder, one face per photo.")
    if (folder / "real").is_dir() or (folder / "fake").is_dir():
        raise PackError(
            f"{folder} holds a real/ or fake/ subfolder: that is the layout for building from real and fake files. "
            "Run the same command without --make-fakes, or give --make-fakes a folder holding only the consented photos."
        )
    photos = [path for path in _files(folder, folder.name) if _kind(path) == "image"]
    if len(photos) < 2:
        held = "no photo" if not photos else "only 1 photo"
        raise PackError(f"{folder} holds {held}: --make-fakes needs at least 2 photos, one face each, from people who agreed.")
    people = []
    for path in photos:
        if label.read_label(path) is not None:
            raise PackError(f"{path.name} carries a label saying it is a fake made by software: --make-fakes needs real photos of the people who agreed.")
        try:
            picture = resize_longest(load_image(path), SIDE, enlarge=False)
            face = faces.find_face(picture, upsample=upsample, what=f"the photo {path.name}")
        except NoFaceFound:
            raise PackError(f"{path.name} has no face the course can find: --make-fakes needs one clear, frontal face per photo. Remove it or choose another photo.") from None
        except CourseError as error:
            raise PackError(f"{path.name} cannot be used: {error}") from None
        people.append((Path(path.name).stem.replace("_", " ").replace("-", " ").strip().title()[:40] or "Someone", path.name, picture, face))
    _start(out)
    rng = np.random.default_rng(seed)
    entries, taken = [], set()

    def add(answer, method, label_method, explanation, values, made, kind="image", original=None, source=""):
        item_id = _slug(f"{answer}-{method}-{values.get('name') or values.get('source') or values.get('a')}", taken)
        file = f"media/{item_id}{'.jpg' if kind == 'image' else '.mp4'}"
        if kind == "image":
            _save_picture(made, out / file, label_method)
        else:
            _save_clip(made, out / file, label_method)
        entry = {
            "id": item_id,
            "file": file,
            "kind": kind,
            "answer": answer,
            "method": method,
            "difficulty": "medium",
            "explanation": {"en": translate(explanation, "en", **values), "es": translate(explanation, "es", **values)},
            "source": source,
        }
        if answer == "fake" and kind == "image" and original is not None:
            from ..forensics.difference import changed_box

            shown, before = resize_longest(made, SIDE, enlarge=False), resize_longest(original, SIDE, enlarge=False)
            if shown.shape == before.shape and (region := box_region(changed_box(before, shown), shown.shape)):
                entry["regions"] = region
        entries.append(entry)

    makers = ("swap", "morph", "self-blend", "talking clip")
    for k, (name_k, file_k, picture, face) in enumerate(people):
        add("real", "original", None, CLASS_REAL, {"name": name_k}, picture, source=file_k)
        partner = (k + max(1, len(people) // 2)) % len(people)  # across the list: two photos of one person are usually neighbours
        other_name, _, other_picture, other_face = people[partner]
        maker = makers[k % len(makers)]
        try:
            if maker == "swap":
                made = swap.face_swap(other_picture, picture, source_face=other_face, target_face=face).image
                add("fake", "face_swap", "face_swap", CLASS_SWAP, {"source": other_name, "target": name_k}, made, original=picture, source=f"{file_k} + {other_name}")
            elif maker == "morph":
                made = morph(picture, other_picture, 0.5, a_face=face, b_face=other_face)
                add("fake", "morph", "morph", CLASS_MORPH, {"a": name_k, "b": other_name}, made, source=f"{file_k} + {other_name}")
            elif maker == "self-blend":
                made = label.add_badge(self_blend(picture, face.landmarks, rng).fake)
                add("fake", "self_blend", "self_blend", CLASS_SELF_BLEND, {"name": name_k}, made, original=picture, source=file_k)
            else:
                clip = make_it_talk(picture, seconds=2.0, fps=12, seed=int(rng.integers(1000)), face=face)
                add("fake", "talking_clip", "reenactment", CLASS_TALKING, {"name": name_k}, clip.frames, kind="video", source=file_k)
                # and a real clip, so that "it moves" never gives the answer away
                add("real", "benign_edit", None, ZOOM, {"name": other_name}, zoom_frames(other_picture), kind="video", source=people[partner][1])
        except CourseError as error:
            shutil.rmtree(out, ignore_errors=True)
            raise PackError(f"Could not make a {maker} from {file_k}: {error}") from None
    try:
        return _finish(out, name or f"{folder.name} (made by the course)", entries)
    except PackError:
        shutil.rmtree(out, ignore_errors=True)
        raise
