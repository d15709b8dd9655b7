"""The course's images: two offline portraits, other real photos, your own photos, LFW.

Everything here works with no network. The portraits and photos ship inside the
course's dependencies (matplotlib and scikit-image); ``data/MANIFEST`` lists the
source, licence and subject of each. Larger public data (Labeled Faces in the Wild)
is only fetched when a learner asks for it with ``download=True``.

Core layer: imports :mod:`realorfake.errors`, :mod:`realorfake.images` and
:mod:`realorfake.faces` (for the cached face of each portrait) and
:mod:`realorfake.label` (a fake sent "online" keeps its badge).
"""

from __future__ import annotations

import os
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import cv2
import numpy as np

from .errors import CourseError, DataUnavailable, OutOfRange, UnknownName, check_number
from .faces import Face, largest_face
from .images import ImageSource, as_rgb, load_image, resize_longest
from .label import add_badge, is_labelled_fake


@dataclass(frozen=True)
class Credit:
    """Where a bundled image comes from and who is in it."""

    subject: str
    source: str
    licence: str


def _hopper() -> np.ndarray:
    import matplotlib.cbook

    with matplotlib.cbook.get_sample_data("grace_hopper.jpg") as file:
        return load_image(file)


def _skimage(name: str) -> Callable[[], np.ndarray]:
    def loader() -> np.ndarray:
        import skimage.data

        return load_image(getattr(skimage.data, name)())

    return loader


PORTRAITS: dict[str, tuple[Callable[[], np.ndarray], Credit]] = {
    "hopper": (
        _hopper,
        Credit("Rear Admiral Grace Hopper, computer scientist", "matplotlib sample data (US Navy photo)", "public domain"),
    ),
    "collins": (
        _skimage("astronaut"),
        Credit("Eileen Collins, NASA astronaut", "scikit-image data.astronaut (NASA photo)", "public domain"),
    ),
}

PHOTOS: dict[str, tuple[Callable[[], np.ndarray], Credit]] = {
    "camera": (_skimage("camera"), Credit("a man with a camera on a tripod (face too small to detect)", "scikit-image data.camera", "CC0")),
    "coffee": (_skimage("coffee"), Credit("a cup of coffee", "scikit-image data.coffee (Rachel Michetti)", "CC0")),
    "chelsea": (_skimage("chelsea"), Credit("Chelsea the cat", "scikit-image data.chelsea (Stefan van der Walt)", "CC0")),
    "rocket": (_skimage("rocket"), Credit("a SpaceX Falcon 9 on the launch pad", "scikit-image data.rocket (SpaceX)", "CC0")),
}


def _lookup(table: dict, name: str, kind: str):
    if name not in table:
        raise UnknownName(f"There is no {kind} called {name!r}. Choose one of: {', '.join(sorted(table))}.")
    return table[name]


def portrait(name: str) -> np.ndarray:
    """One of the two offline portraits with a detectable face: ``"hopper"`` or ``"collins"``.

    These are real people. Every fake the course makes of them is labelled.
    """
    loader, _ = _lookup(PORTRAITS, name, "portrait")
    return loader()


@lru_cache(maxsize=len(PORTRAITS))
def portrait_face(name: str) -> Face:
    """The face of one of the two portraits (``"hopper"`` or ``"collins"``), found once per process.

    Detection takes about 15 ms; lessons, checks and the gallery ask for these
    two faces again and again. Raises ``UnknownName`` for another name.
    """
    return largest_face(portrait(name), what=f"the {name.title()} portrait")


def photo(name: str) -> np.ndarray:
    """A bundled real photo without a usable face: ``camera``, ``coffee``, ``chelsea`` or ``rocket``."""
    loader, _ = _lookup(PHOTOS, name, "photo")
    return loader()


def credit(name: str) -> Credit:
    """Subject, source and licence of a bundled portrait or photo."""
    table = {**PORTRAITS, **PHOTOS}
    return _lookup(table, name, "bundled image")[1]


def lfw_subset() -> np.ndarray:
    """100 small (25 x 25) grayscale face crops from scikit-image's LFW subset, as uint8."""
    import skimage.data

    faces = skimage.data.lfw_subset()[:100]  # the other 100 are non-face patches
    return (np.clip(faces, 0, 1) * 255 + 0.5).astype(np.uint8)


# ---------------------------------------------------------------- variations

VARIANTS = ("original", "mirrored", "close_crop", "darker", "brighter", "warm", "low_contrast", "jpeg_q15", "small", "tilted")


def portrait_variant(name: str, variant: str) -> np.ndarray:
    """An edit of a real portrait (crop, flip, lighting, JPEG, size, tilt): still the real person, not a fake.

    Two portraits are few; these variants let exercises and games test robustness
    (does detection survive a dark photo? a tilted head? heavy JPEG?).
    """
    image = portrait(name)
    return variant_of(image, variant)


def variant_of(image: np.ndarray, variant: str) -> np.ndarray:
    """Apply one of ``VARIANTS`` to an RGB image."""
    image = load_image(image)
    if variant == "original":
        return image
    if variant == "mirrored":
        return np.ascontiguousarray(image[:, ::-1])
    if variant == "close_crop":
        h, w = image.shape[:2]
        return np.ascontiguousarray(image[h // 8 : h - h // 8, w // 8 : w - w // 8])
    if variant in ("darker", "brighter"):
        gamma = 1.8 if variant == "darker" else 0.6
        table = ((np.arange(256) / 255.0) ** gamma * 255 + 0.5).astype(np.uint8)
        return table[image]
    if variant == "warm":
        shift = np.array([18, 4, -18])
        return np.clip(image.astype(np.int16) + shift, 0, 255).astype(np.uint8)
    if variant == "low_contrast":
        return (image.astype(np.float32) * 0.5 + 64).astype(np.uint8)
    if variant == "jpeg_q15":
        return jpeg(image, 15)
    if variant == "small":
        h, w = image.shape[:2]
        return cv2.resize(image, (w // 2, h // 2), interpolation=cv2.INTER_AREA)
    if variant == "tilted":
        h, w = image.shape[:2]
        matrix = cv2.getRotationMatrix2D((w / 2, h / 2), 12, 1.0)
        return cv2.warpAffine(image, matrix, (w, h), borderMode=cv2.BORDER_REPLICATE)  # corners: edge pixels repeated, never mirrored
    raise UnknownName(f"Unknown variant {variant!r}. Choose one of: {', '.join(VARIANTS)}.")


def jpeg(image: np.ndarray, quality: int) -> np.ndarray:
    """The image after a round trip through JPEG at the given quality (1-100)."""
    quality = int(check_number(quality, "JPEG quality", 1, 100))
    ok, buffer = cv2.imencode(".jpg", cv2.cvtColor(load_image(image), cv2.COLOR_RGB2BGR), [cv2.IMWRITE_JPEG_QUALITY, int(quality)])
    return cv2.cvtColor(cv2.imdecode(buffer, cv2.IMREAD_COLOR), cv2.COLOR_BGR2RGB)


def as_online(image: ImageSource, width: int = 256, quality: int = 75) -> np.ndarray:
    """The picture shrunk (or enlarged) to ``width`` pixels wide and saved as JPEG at ``quality``, the way pictures travel online.

    A labelled fake stays labelled: shrinking blurs its badge, so the badge is
    drawn again, crisp, on the result.
    """
    rgb = as_rgb(image)
    if not isinstance(width, (int, np.integer)) or width < 16:
        raise OutOfRange(f"width must be a whole number of pixels, at least 16 (got {width!r}).")
    resized = resize_longest(rgb, int(width) * max(rgb.shape[:2]) / rgb.shape[1])
    online = jpeg(resized, quality)
    return add_badge(online) if is_labelled_fake(rgb) else online


# ------------------------------------------------------------ where data lives


def course_root() -> Path:
    """The course folder: $REALORFAKE_HOME, else the repository this package sits in, else the current folder."""
    if os.environ.get("REALORFAKE_HOME"):
        return Path(os.environ["REALORFAKE_HOME"])
    repo = Path(__file__).resolve().parents[2]
    if (repo / "data" / "MANIFEST").exists():
        return repo
    return Path.cwd()


def my_photos_folder() -> Path:
    """Where a class keeps its own (consented) photos: data/my_photos/ in the course folder."""
    return course_root() / "data" / "my_photos"


IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".webp", ".bmp", ".tif", ".tiff", ".gif"}


def my_photos(folder: str | os.PathLike | None = None) -> dict[str, np.ndarray]:
    """Load your own photos (name -> RGB array) from ``data/my_photos/`` or ``folder``.

    Only use photos of people who agreed (see docs/facilitator/consent-form.md).
    Files that are not readable images are skipped with a warning.
    """
    folder = Path(folder) if folder is not None else my_photos_folder()
    if not folder.is_dir():
        raise DataUnavailable(f"The folder {folder} does not exist. Create it and put JPEG or PNG photos in it.")
    photos: dict[str, np.ndarray] = {}
    for path in sorted(folder.iterdir()):
        if path.name.startswith(".") or path.suffix.lower() not in IMAGE_SUFFIXES:
            continue
        try:
            photos[path.name] = load_image(path)
        except CourseError as error:
            warnings.warn(f"Skipped {path.name}: {error}", stacklevel=2)
    return photos


def lfw_cache_folder() -> Path:
    """Where Labeled Faces in the Wild is cached once downloaded: data/cache/ (git-ignored)."""
    return course_root() / "data" / "cache"


def fetch_lfw(
    min_faces_per_person: int = 20,
    resize: float = 0.5,
    *,
    download: bool = False,
    cache_folder: str | os.PathLike | None = None,
):
    """Labeled Faces in the Wild through scikit-learn, cached in data/cache/.

    Nothing is downloaded unless ``download=True`` (about 200 MB, once). Returns
    scikit-learn's Bunch: ``images`` (n, h, w) float, ``target``, ``target_names``.
    Raises ``DataUnavailable`` with advice when the data is not cached and cannot
    be fetched.
    """
    from sklearn.datasets import fetch_lfw_people

    folder = Path(cache_folder) if cache_folder is not None else lfw_cache_folder()
    if download:  # only a download creates the cache folder
        folder.mkdir(parents=True, exist_ok=True)
    elif not (folder / "lfw_home").is_dir():
        raise DataUnavailable(f"Labeled Faces in the Wild is not in {folder}. When you are online, run fetch_lfw(download=True) once (about 200 MB); offline, use lfw_subset().")
    try:
        return fetch_lfw_people(
            data_home=str(folder),
            min_faces_per_person=min_faces_per_person,
            resize=resize,
            download_if_missing=download,
        )
    except OSError as error:
        if download:
            raise DataUnavailable(f"Could not download Labeled Faces in the Wild ({error}). Check the internet connection, or carry on with the bundled portraits and lfw_subset().") from None
        raise DataUnavailable(f"Labeled Faces in the Wild is not in {folder}. When you are online, run fetch_lfw(download=True) once (about 200 MB); offline, use lfw_subset().") from None
    except ValueError as error:
        raise DataUnavailable(f"Labeled Faces in the Wild in {folder} gave no usable faces: {error}") from None
