"""Lesson 07's post-test: eight pictures of the same kinds as Lesson 01's warm-up, none of them the same, as a game pack.

:func:`posttest_plan` takes the plan of the warm-up Lesson 01 played
(:func:`.warmup.warmup_plan`) and picks, for each of its eight kinds, another
picture: the portrait the warm-up showed edited is now shown unedited, the
other portrait gets an honest edit of the same difficulty, another photo with
no face and another LFW face are shown, the other portrait is mirrored, the
eyes are pasted the other way, the copy-move is made on the other photo, and
the average face is of 50 of the LFW faces instead of all 100. The same
builders (:mod:`.round_items`) make both rounds, so they are equally hard.

:func:`posttest_pack` writes these pictures as a pack for the game engine (in
the learner's progress folder, once) so that Lesson 07 plays it with
``GameShow(posttest_pack())`` and reads the score back from the finished game
(:mod:`.before_after`).

Course layer: uses the game's pack format and the warm-up's builders.
"""

from __future__ import annotations

import datetime as _dt
import json
import os
import secrets
import shutil
import warnings
from pathlib import Path

import numpy as np

from .. import label
from ..errors import CourseError, OutOfRange, check_number
from ..files import progress_folder, replacing
from ..game.builtin import QUALITY, SIDE, box_region, face_region, save_real
from ..game.pack import Pack, PackWarning, load_pack
from ..images import resize_longest
from .i18n import N_, translate
from .round_items import PHOTO_NOTES, PORTRAITS, REGION_LABELS, SPLICE_PHOTOS, VARIANT_DIFFICULTY, RoundItem, RoundPlan, round_items
from .warmup import warmup_plan

#: The pack's name in pack.json: a finished game of a pack with this name is a post-test.
PACK_NAME = "Real or Fake? post-test (Lesson 07)"
DESCRIPTION = N_("Lesson 07's post-test: eight pictures of the same kinds as Lesson 01's warm-up, and none of them the same picture.")
#: The file beside pack.json that says the course made this pack, for which warm-up, in which layout.
MARKER = "posttest.json"
#: Bump when the post-test's pictures change: a pack written by an older version is then made again.
VERSION = 1
#: How many LFW faces the post-test's average face averages (the warm-up's averages all 100).
AVERAGED_FACES = 50


def default_folder() -> Path:
    """Where :func:`posttest_pack` keeps the pack by default: ``<progress folder>/posttest-pack``."""
    return progress_folder() / "posttest-pack"


def _other(name: str, names: tuple[str, ...]) -> str:
    return next(other for other in names if other != name)


def _seed(value: object) -> int:
    """The warm-up's seed as a whole number; ``WrongShape`` or ``OutOfRange`` saying what a seed is."""
    seed = check_number(value, "warmup_seed (the seed of Lesson 01's warm-up, a whole number)", 0, 2**32 - 2)
    if seed != int(seed):
        raise OutOfRange(f"warmup_seed must be a whole number, such as 0 (got {value!r}).")
    return int(seed)


def posttest_plan(warmup_seed: int = 0) -> RoundPlan:
    """The post-test's pictures for the warm-up played with ``warmup_seed``: each kind as in the warm-up, each picture another.

    The honest edit is one of the same difficulty as the warm-up's (another
    edit when there is one: the only hard edit, a blocky JPEG, is then made of
    the other portrait); the photo with no face is neither the warm-up's nor
    one of the copy-move photos. The same seed always gives the same plan.
    """
    warmup_seed = _seed(warmup_seed)
    warm = warmup_plan(warmup_seed)
    rng = np.random.default_rng([warmup_seed, 7])  # its own stream: the warm-up's choices stay as they are
    tier = [v for v in sorted(VARIANT_DIFFICULTY) if VARIANT_DIFFICULTY[v] == VARIANT_DIFFICULTY[warm.variant] and v != warm.variant]
    variant = str(rng.choice(tier)) if tier else warm.variant
    splice = _other(warm.splice, SPLICE_PHOTOS)
    photo = str(rng.choice([p for p in sorted(PHOTO_NOTES) if p not in (warm.photo, *SPLICE_PHOTOS)]))
    lfw = int(rng.choice([k for k in range(100) if k != warm.lfw]))
    averaged = tuple(int(k) for k in np.sort(rng.choice(100, AVERAGED_FACES, replace=False)))
    return RoundPlan(
        portrait=warm.edited,
        edited=warm.portrait,
        variant=variant,
        photo=photo,
        lfw=lfw,
        mirrored=_other(warm.mirrored, PORTRAITS),
        eyes_from=warm.eyes_onto,
        eyes_onto=warm.eyes_from,
        splice=splice,
        splice_seed=warm.splice_seed + 1,
        averaged=averaged,
    )


def posttest_items(warmup_seed: int = 0) -> list[RoundItem]:
    """The post-test's eight pictures (four real, then four fake) for the warm-up played with ``warmup_seed``."""
    return round_items(posttest_plan(warmup_seed))


# ------------------------------------------------------------------ the pack


def _regions(item: RoundItem, picture: np.ndarray) -> list[dict]:
    """Where to look at the reveal: the box the fake changed, else (an average face) the face; nothing for a real picture."""
    if not item.is_fake:
        return []
    words = {language: translate(REGION_LABELS[item.kind], language) for language in ("en", "es")}
    if item.where is not None:
        return box_region(item.where, item.image.shape, words)
    return face_region(picture, words)


def _entry(item: RoundItem, file: str, regions: list[dict]) -> dict:
    entry = {
        "id": item.id,
        "file": file,
        "kind": "image",
        "answer": "fake" if item.is_fake else "real",
        "method": item.method,
        "difficulty": item.difficulty,
        "explanation": {"en": item.explain("en"), "es": item.explain("es")},
        "source": item.credit[:300],
        "licence": item.licence[:200],
    }
    if regions:
        entry["regions"] = regions
    return entry


def write_pack(folder: str | os.PathLike, warmup_seed: int = 0) -> Pack:
    """Write the post-test's pack into ``folder`` (created; its pack.json and pictures replaced) and return it, checked.

    Fakes are saved with ``label.save_fake`` (visible badge, which the game
    covers while the item is on screen; machine-readable label; content
    credentials), reals as plain JPEG, both at most ``SIDE`` pixels. Raises
    ``CourseError`` when the folder cannot be written.
    """
    folder = Path(folder)
    try:
        (folder / "media").mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise CourseError(f"Could not make the post-test's folder {str(folder)!r} ({error.strerror or error}). Give a folder you may write to.") from None
    entries = []
    for item in posttest_items(warmup_seed):
        picture = resize_longest(item.image, SIDE, enlarge=False)
        file = f"media/{item.id}.jpg"
        if item.is_fake:
            label.save_fake(picture, folder / file, method=item.label_method, quality=QUALITY)
        else:
            save_real(picture, folder / file)
        entries.append(_entry(item, file, _regions(item, picture)))
    manifest = {
        "format": "realorfake-pack",
        "version": 1,
        "name": PACK_NAME,
        "description": {"en": translate(DESCRIPTION, "en"), "es": translate(DESCRIPTION, "es")},
        "items": entries,
    }
    with replacing(folder / "pack.json") as temporary:
        temporary.write_text(json.dumps(manifest, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    with replacing(folder / MARKER) as temporary:
        temporary.write_text(json.dumps(_marker(warmup_seed)) + "\n", encoding="utf-8")
    return load_pack(folder)


def _marker(warmup_seed: int) -> dict:
    return {"made_by": "realorfake.course.posttest", "version": VERSION, "warmup_seed": int(warmup_seed)}


def _usable(folder: Path, warmup_seed: int) -> tuple[Pack | None, str]:
    """(the pack, "") when ``folder`` holds this version's post-test for ``warmup_seed``, undamaged; else (None, what is wrong)."""
    try:
        marker = json.loads((folder / MARKER).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        return None, f"it has no readable {MARKER}, so the course did not make it"
    if marker != _marker(warmup_seed):
        return None, "it was made by another version of the course, or for another warm-up"
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", PackWarning)
            pack = load_pack(folder)
    except (CourseError, PackWarning, OSError) as error:
        return None, f"it is damaged ({str(error).splitlines()[0]})"
    if pack.name != PACK_NAME or len(pack.items) != 8:
        return None, "its pack.json does not list the post-test's eight pictures"
    return pack, ""


def _set_aside(path: Path, why: str) -> Path:
    """Rename ``path`` to a free sibling name ``<name>-set-aside-<time>`` and warn; nothing in it is deleted."""
    stamp = _dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}-set-aside-{stamp}")
    while target.exists():
        target = path.with_name(f"{path.name}-set-aside-{stamp}-{secrets.token_hex(2)}")
    try:
        path.rename(target)
    except OSError as error:
        raise CourseError(f"{str(path)!r} does not hold a usable post-test ({why}) and could not be moved aside ({error.strerror or error}). Rename or delete it, then run this cell again.") from None
    warnings.warn(f"{str(path)!r} did not hold a usable post-test pack ({why}). It was moved, untouched, to {str(target)!r}, and a new post-test was made.", PackWarning, stacklevel=3)
    return target


def posttest_pack(folder: str | os.PathLike | None = None, *, warmup_seed: int = 0) -> Pack:
    """The post-test as a checked game pack in ``folder`` (default ``<progress folder>/posttest-pack``), made on the first call.

    Later calls load the pack written before (a fraction of a second) and
    return it. ``warmup_seed`` is the seed of the warm-up Lesson 01 played
    (Lesson 01 uses 0): the post-test shows none of its pictures. Play it with
    ``GameShow(posttest_pack())``: 8 items, 4 real and 4 fake.

    When ``folder`` holds anything else (a damaged or older post-test, files
    put there by hand), it is renamed to ``<folder>-set-aside-<time>`` with a
    ``PackWarning`` and a new pack is made; nothing is deleted and nothing else
    is touched. An explicitly given ``folder`` holding other files and no
    post-test is never moved: ``CourseError`` asks for an empty or new folder.
    Raises ``CourseError`` when the folder cannot be written.
    """
    warmup_seed = _seed(warmup_seed)
    default = folder is None
    folder = Path(default_folder() if default else folder).expanduser()
    if folder.is_dir():
        pack, why = _usable(folder, warmup_seed)
        if pack is not None:
            return pack
        if any(folder.iterdir()):
            if not default and not (folder / MARKER).exists():
                raise CourseError(
                    f"{str(folder)!r} already holds files that are not a post-test pack; they were not touched. Give an empty or new folder, or leave out folder= to use the course's own."
                )
            _set_aside(folder, why)
    elif folder.exists() or folder.is_symlink():
        if not default:
            raise CourseError(f"{str(folder)!r} is a file, not a folder; it was not touched. Give the name of a new folder for the post-test.")
        _set_aside(folder, "it is a file, not a folder")
    return _build(folder, warmup_seed)


def _build(folder: Path, warmup_seed: int) -> Pack:
    """Write the pack next to ``folder`` and rename it into place, so an interrupted build never leaves half a pack there."""
    try:
        folder.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise CourseError(f"Could not make the folder {str(folder.parent)!r} ({error.strerror or error}). Set the REALORFAKE_PROGRESS environment variable to a folder you may write to.") from None
    building = folder.with_name(f".{folder.name}-building-{secrets.token_hex(4)}")
    try:
        write_pack(building, warmup_seed)
        try:
            if folder.is_dir() and not any(folder.iterdir()):
                folder.rmdir()  # an empty folder given for the pack
            building.rename(folder)
        except OSError as error:
            pack, _ = _usable(folder, warmup_seed)  # another kernel made it meanwhile
            if pack is None:
                raise CourseError(f"Could not put the post-test into {str(folder)!r} ({error.strerror or error}). Give a folder you may write to.") from None
            return pack
    finally:
        if building.exists():
            shutil.rmtree(building, ignore_errors=True)
    return load_pack(folder)
