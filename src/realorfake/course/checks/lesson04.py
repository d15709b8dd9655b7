"""Checks for lesson 04, "Spotting artifacts".

* ``ela_view(ela)``: error level analysis, ``ela(image, quality)``;
* ``azimuthal_spectrum(radial_profile)``: the mean of a 2-D array over rings
  around its centre, the step that turns a 2-D spectrum into a 1-D curve;
* ``find_the_seam(seam_score)``: how much stronger the edges are on a mask's
  outline than next to it;
* ``view_quiz(which_view)``: which forensic view gives each mystery fake away.

Each check runs the learner's function on pictures with known answers (the
course's own labelled fakes and planted test patterns) and says what was
expected, what was found, and what to change.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import Any

import cv2
import numpy as np

from ... import data, faces, forensics, label
from ...fakes import swap
from .. import gallery
from .feedback import Feedback, borrowed, call, check, failed, numbers, passed

__all__ = ["azimuthal_spectrum", "ela_view", "find_the_seam", "view_quiz"]


# ------------------------------------------------------------------ helpers


def _corr(a: np.ndarray, b: np.ndarray) -> float:
    a, b = a.ravel() - a.mean(), b.ravel() - b.mean()
    denominator = float(np.sqrt((a * a).sum() * (b * b).sum()))
    return float((a * b).sum() / denominator) if denominator > 0 else 0.0


def _hopper_face() -> faces.Face:
    return data.portrait_face("hopper")


# --------------------------------------------------------------------- ELA


@lru_cache(maxsize=1)
def _ela_cases() -> tuple:
    """(what, image, quality) triples; the images are read-only."""
    hopper = data.portrait("hopper")
    hopper.setflags(write=False)
    pasted = gallery.mystery_cases()["B"]
    fake = gallery.course_fake("poisson").image
    return (
        ("mystery picture B (eyes pasted into a JPEG)", pasted, 70),
        ("the real Hopper portrait", hopper, 90),
        ("the Poisson swap of Collins onto Hopper", fake, 95),
    )


def _as_map(result: Any, shape: tuple[int, ...]) -> np.ndarray | str:
    """The learner's ELA result as an (H, W) float map, or a message saying what is wrong."""
    if isinstance(result, tuple) or result is None:
        return f"it returned {type(result).__name__}; return one array (the map)."
    array = numbers(result)
    if array is None or array.ndim == 0:
        return f"it returned {type(result).__name__}, not an image-sized array."
    if array.ndim == 3 and array.shape[2] in (1, 3):
        array = array.mean(axis=2)
    if array.shape != tuple(shape[:2]):
        return f"its shape is {array.shape}; expected {tuple(shape[:2])} (one value per pixel) or {tuple(shape)}."
    if not np.isfinite(array).all():
        return "it contains NaN or infinite values."
    return array


@check
def ela_view(ela: Callable[..., Any]) -> Feedback:
    """Check ``ela(image, quality)``: |image - the image re-saved as JPEG at ``quality``|, per pixel."""
    if (copied := borrowed(ela, {"error_level": "forensics.error_level"})) is not None:
        return copied
    ratios = []
    for what, image, quality in _ela_cases():
        result = call(ela, image.copy(), quality, name="ela")
        found = _as_map(result, image.shape)
        if isinstance(found, str):
            return failed(f"On {what}, ela should return a map of the image's size, but {found}", "Return np.abs(image - again), averaged over the three colours if you like.")
        rows = label.badge_rows(image)
        keep = slice(0, image.shape[0] - rows)  # the badge rows are left out of the comparison
        expected = forensics.error_level(image, quality, amplify=1)[keep]
        mine = found[keep]
        if float(np.abs(mine).max()) == 0.0:
            return failed(
                f"On {what} your map is all zeros.",
                "Did you compare the image with itself? Re-save it first: again = data.jpeg(image, quality).",
            )
        if mine.min() < -1e-6:
            return failed(f"On {what} your map has negative values.", "Take the absolute value of the difference: np.abs(...).")
        similarity = _corr(mine, expected)
        if similarity >= 0.9:
            if what.startswith("mystery"):
                eyes = swap.face_mask(_hopper_face().region("eyebrows", "eyes"), image.shape) > 0.5
                hull = swap.face_mask(_hopper_face().landmarks, image.shape) > 0.5
                ratios.append(float(found[eyes].mean() / max(found[hull & ~eyes].mean(), 1e-9)))
            continue
        gray = image.astype(np.float64).mean(axis=2)[keep]
        again = data.jpeg(image, quality)
        wrapped = (image - again).astype(np.uint8).mean(axis=2)[keep]  # uint8 subtraction wraps around
        if _corr(mine, wrapped) > similarity + 0.1:
            return failed(
                f"On {what} your map looks like uint8 arithmetic: 3 - 5 gives 254, not -2.",
                "Convert before subtracting: image.astype(np.float32) - again.astype(np.float32).",
            )
        if _corr(mine, gray) > 0.9:
            return failed(
                f"On {what} your map looks like the picture itself, not the change.",
                "Subtract the re-saved copy from the image, then take the absolute value.",
            )
        others = [q for q in (50, 75, 90, 95) if q != quality]
        if max(_corr(mine, forensics.error_level(image, q, amplify=1)[keep]) for q in others) > similarity + 0.1:
            return failed(
                f"On {what} your map matches a re-save at another quality, not at quality={quality}.",
                "Pass the quality argument on: data.jpeg(image, quality).",
            )
        return failed(
            f"On {what} (quality {quality}) your map does not match error level analysis (similarity {similarity:.2f}, expected at least 0.9).",
            "again = data.jpeg(image, quality); then np.abs(image.astype(np.float32) - again.astype(np.float32)).",
        )
    glow = f"In picture B the pasted eyes change {ratios[0]:.1f} times as much as the rest of the face" if ratios else ""
    return passed(
        "Well done: your ela matches error level analysis on all three pictures.",
        glow + (": they were never saved at quality 70 like the rest of the photo, so that re-save changes them more." if glow else ""),
    )


# ---------------------------------------------------------- azimuthal average


def _reference_floor(values: np.ndarray) -> np.ndarray:
    n = values.shape[0]
    y, x = np.indices(values.shape)
    radius = np.hypot(y - n // 2, x - n // 2).astype(np.int64)
    sums = np.bincount(radius.ravel(), weights=values.ravel())
    return (sums / np.maximum(np.bincount(radius.ravel()), 1))[: n // 2]


def _reference_sum(values: np.ndarray) -> np.ndarray:
    n = values.shape[0]
    y, x = np.indices(values.shape)
    radius = np.round(np.hypot(y - n // 2, x - n // 2)).astype(np.int64)
    return np.bincount(radius.ravel(), weights=values.ravel())[: n // 2]


@lru_cache(maxsize=2)
def _power(name: str) -> np.ndarray:
    """The centred power spectrum of a square grayscale crop of a portrait (or of it enlarged 2x, nearest)."""
    image = data.portrait("hopper")
    if name == "enlarged":
        image = cv2.resize(image[100:356, 128:384], (512, 512), interpolation=cv2.INTER_NEAREST)
    else:
        image = image[44:556, :]
    gray = cv2.cvtColor(image, cv2.COLOR_RGB2GRAY).astype(np.float64)
    n = gray.shape[0]
    window = np.outer(np.hanning(n), np.hanning(n))
    return np.abs(np.fft.fftshift(np.fft.fft2((gray - gray.mean()) * window))) ** 2


@check
def azimuthal_spectrum(radial_profile: Callable[[np.ndarray], Any]) -> Feedback:
    """Check ``radial_profile(power)``: element r = mean of the cells at rounded distance r from (n // 2, n // 2)."""
    if (copied := borrowed(radial_profile, {"spectrum": "forensics.spectrum"})) is not None:
        return copied
    rng = np.random.default_rng(4)
    yy, xx = np.indices((64, 64))
    cases = [
        ("a 64 x 64 test array whose cells hold their own distance from the centre", np.hypot(yy - 32, xx - 32)),
        ("a 50 x 50 array of random numbers", rng.random((50, 50))),
        ("the power spectrum of the Hopper portrait (512 x 512)", _power("original")),
        ("a 33 x 33 array of random numbers (odd size: the centre is cell 16, 16)", rng.random((33, 33))),
    ]
    for what, values in cases:
        result = numbers(call(radial_profile, values.copy(), name="radial_profile"))
        n = values.shape[0]
        expected = forensics.azimuthal_average(values)
        if result is None or result.ndim != 1:
            shape = "something that is not numbers" if result is None else f"an array of shape {result.shape}"
            return failed(
                f"On {what}, radial_profile should return a 1-D array of {n // 2} numbers; it returned {shape}.",
                "One number per ring: sums / counts from np.bincount, cut to the first n // 2 values.",
            )
        if len(result) < n // 2:
            return failed(
                f"On {what} you returned {len(result)} numbers; expected {n // 2} (rings 0 to n // 2 - 1).",
                "Rings up to n // 2 fit inside the square: keep [: n // 2] of the bincount result.",
            )
        result = result[: n // 2]
        scale = float(np.abs(expected).max()) or 1.0
        if np.allclose(result, expected, rtol=1e-6, atol=1e-9 * scale):
            continue
        if np.allclose(result, _reference_sum(values)[: n // 2], rtol=1e-6, atol=1e-9 * scale):
            return failed(
                f"On {what} you returned the sum of each ring, not its mean.",
                "Outer rings have more cells: divide the sums by the counts, np.bincount(r.ravel()).",
            )
        if np.allclose(result, _reference_floor(values), rtol=1e-6, atol=1e-9 * scale):
            return failed(
                f"On {what} your rings are cut down (2.9 counts as ring 2) instead of rounded (2.9 is ring 3).",
                "Use np.round(r).astype(int) rather than r.astype(int).",
            )
        return failed(
            f"On {what} the ring means differ from the expected ones (first values expected {np.round(expected[:3], 3).tolist()}, got {np.round(result[:3], 3).tolist()}).",
            "Measure the distance from the centre cell (n // 2, n // 2): r = np.hypot(y - n // 2, x - n // 2) with y, x = np.indices(power.shape); round it; then sums / counts with np.bincount.",
        )
    frequency = np.arange(256) / 512
    excess = {
        name: forensics.high_frequency_excess(frequency, np.log10(np.asarray(call(radial_profile, _power(name), name="radial_profile"), dtype=np.float64)[:256] + 1e-12))
        for name in ("original", "enlarged")
    }
    return passed(
        "Well done: radial_profile averages over rings, on even and odd sizes.",
        f"With your function, the finest detail of Hopper's photo sits {excess['original']:+.2f} (log10 units) off the trend of "
        f"the coarser frequencies, as expected for a photo; after enlarging it 2x by repeating pixels it sits {excess['enlarged']:+.2f}: "
        f"about {10 ** (excess['enlarged'] - excess['original']):.0f} times more power than expected, the copies that enlarging leaves behind.",
    )


# ------------------------------------------------------------------- seams


@lru_cache(maxsize=1)
def _seam_cases() -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """Name -> (image, mask): a planted step on a texture, the same texture untouched, real and swapped Hopper."""
    rng = np.random.default_rng(7)
    texture = cv2.GaussianBlur(rng.normal(0, 1, (220, 220)).astype(np.float32), (0, 0), 3.0)
    texture = 128 + 25 * texture / texture.std()
    ramp = np.linspace(-20, 20, 220, dtype=np.float32)[None, :]
    plain = np.clip(texture + ramp, 0, 255)
    disk = np.zeros((220, 220), np.float32)
    cv2.circle(disk, (110, 110), 60, 1.0, -1)
    stepped = np.clip(plain + 60 * disk, 0, 255)
    as_rgb = lambda gray: np.repeat(gray.astype(np.uint8)[..., None], 3, axis=2)  # noqa: E731
    hopper = data.portrait("hopper")
    mask = swap.face_mask(_hopper_face().landmarks, hopper.shape, erode=2)
    busy = plain.copy()
    checks = (np.indices((44, 44)).sum(axis=0) // 2 % 2) * 255.0  # a fine, sharp checkerboard, far from the disk
    for rows, cols in ((slice(0, 44), slice(0, 44)), (slice(-44, None), slice(-44, None)), (slice(0, 44), slice(-44, None)), (slice(-44, None), slice(0, 44))):
        busy[rows, cols] = checks
    cases = {
        "planted": (as_rgb(stepped), disk),
        "plain": (as_rgb(plain), disk),
        "busy": (as_rgb(np.clip(busy, 0, 255)), disk),
        "real": (hopper, mask),
        "paste": (np.array(gallery.course_fake("paste").image), mask),
        "poisson": (np.array(gallery.course_fake("poisson").image), mask),
    }
    for image, mask in cases.values():
        image.setflags(write=False)
        mask.setflags(write=False)
    return cases


def _score(function, name: str) -> float | str:
    image, mask = _seam_cases()[name]
    result = numbers(call(function, image.copy(), mask.copy(), name="seam_score"))
    if result is None or result.size != 1:
        return f"it returned {'something that is not a number' if result is None else f'{result.size} numbers'}; return one number (a ratio)."
    value = float(result.ravel()[0])
    if not np.isfinite(value):
        return "it returned NaN or infinity: is one of your bands empty? Check that the outline and the band around it contain pixels."
    return value


@check
def find_the_seam(seam_score: Callable[[np.ndarray, np.ndarray], Any]) -> Feedback:
    """Check ``seam_score(image, mask)``: edge strength on the mask's outline / edge strength in a band around it."""
    if (copied := borrowed(seam_score, {"seam_profile": "forensics.seam_profile", "seam_along_outline": "forensics.seam_along_outline", "boundary_map": "forensics.boundary_map"})) is not None:
        return copied
    names = {
        "planted": "a texture with a brighter disk pasted in",
        "plain": "the same texture, nothing pasted",
        "busy": "the same texture with sharp squares in two corners, far from the outline",
        "real": "the real Hopper portrait (with the mask a swap would use)",
        "paste": "the paste swap of Collins onto Hopper",
        "poisson": "the Poisson swap of Collins onto Hopper",
    }
    scores = {}
    for key in names:
        value = _score(seam_score, key)
        if isinstance(value, str):
            return failed(f"On {names[key]}, seam_score should return one number, but {value}", "Return edges[outline].mean() / edges[band].mean().")
        scores[key] = value
    if scores["planted"] <= 1.5:
        return failed(
            f"On {names['planted']} your score is {scores['planted']:.2f}; a sharp step all along the outline should give well over 1.5.",
            "Measure the edges on the outline itself (a thin band, e.g. dilate minus erode with a 5 x 5 kernel) and divide by the edges in a wider band around it, excluding the outline.",
        )
    if not 0.6 <= scores["plain"] <= 1.4:
        return failed(
            f"On {names['plain']} your score is {scores['plain']:.2f}; with nothing pasted it should be close to 1.",
            "Compare like with like: the same kind of edge measure on the outline and in the band next to it.",
        )
    if not 0.6 <= scores["busy"] <= 1.4:
        return failed(
            f"On {names['busy']} your score is {scores['busy']:.2f}, but the squares are far from the outline and should not matter (about 1 expected).",
            "Compare the outline with the band right around it, not with the whole image: edges elsewhere in the photo say nothing about a seam here.",
        )
    if scores["paste"] <= scores["real"]:
        return failed(
            f"Your score is {scores['paste']:.2f} for the paste swap but {scores['real']:.2f} for the real photo; the pasted face has a seam and the real one does not.",
            "Keep the outline thin (a few pixels): a wide outline averages the seam away.",
        )
    return passed(
        "Well done: seam_score finds the planted seam and ranks the paste swap above the real photo.",
        f"Your scores: planted {scores['planted']:.2f}, untouched {scores['plain']:.2f}; real Hopper {scores['real']:.2f}, "
        f"paste swap {scores['paste']:.2f}, Poisson swap {scores['poisson']:.2f}. Poisson blending removes most of the step, "
        "and the jaw is a real edge on the real photo: a score is a clue, not a verdict.",
    )


# ---------------------------------------------------------------- view quiz

#: For each mystery case: the best view, other views that also show it, and why.
QUIZ = {
    "A": (
        "sharpness",
        ("noise", "ELA"),
        "The face is much softer than the hair and suit around it (dark in the sharpness view, quiet in noise and ELA): a face made at low resolution, or blurred, then blended in.",
    ),
    "B": ("ELA", (), "Only the eyes glow under ELA: they were pasted from an uncompressed photo into a JPEG, so a re-save changes them more than the rest. By eye they blend in."),
    "C": (
        "spectrum",
        ("close-ups",),
        "The spectrum shows copies of itself in a grid and a rising tail: the picture was enlarged 2x by repeating pixels. Zoomed right in, every pixel is a 2 x 2 block.",
    ),
    "D": (
        "seam",
        ("close-ups", "sharpness", "noise", "ELA"),
        "A bright line runs all round the face, over the forehead too: a hard-edged paste. The pasted face is also softer, quieter and differently compressed than the photo: several views agree.",
    ),
    "E": ("noise", ("sharpness",), "The whole photo has grain except the face: the swapped face came from a different (cleaner) picture."),
}

_SYNONYMS = {
    "ela": "ELA",
    "error level": "ELA",
    "error level analysis": "ELA",
    "error_level": "ELA",
    "seam": "seam",
    "seams": "seam",
    "boundary": "seam",
    "boundary map": "seam",
    "boundary_map": "seam",
    "sharpness": "sharpness",
    "sharp": "sharpness",
    "blur": "sharpness",
    "sharpness map": "sharpness",
    "spectrum": "spectrum",
    "fourier": "spectrum",
    "frequency": "spectrum",
    "frequencies": "spectrum",
    "noise": "noise",
    "noise residual": "noise",
    "noise_residual": "noise",
    "grain": "noise",
    "close-ups": "close-ups",
    "closeups": "close-ups",
    "close-up": "close-ups",
    "close ups": "close-ups",
    "closeup": "close-ups",
    "zoom": "close-ups",
    "zoom_regions": "close-ups",
    "difference": "difference",
    "original": "original",
}


def _view_name(answer: Any) -> str | None:
    if not isinstance(answer, str):
        return None
    key = " ".join(answer.strip().lower().replace(" view", "").split())
    return _SYNONYMS.get(key)


@check
def view_quiz(which_view: Callable[[str], Any]) -> Feedback:
    """Check ``which_view(case)`` for the mystery cases "A" to "E": the view that gives each fake away."""
    views = ", ".join(f"'{v}'" for v in ("seam", "sharpness", "ELA", "spectrum", "noise", "close-ups", "difference"))
    right, wrong, given = [], [], {}
    for case in QUIZ:
        answer = call(which_view, case, name="which_view")
        view = _view_name(answer)
        if view is None:
            return failed(f"For case {case}, which_view returned {answer!r}; expected the name of a view.", f"Return one of: {views}.")
        given[case] = view
    if len(set(given.values())) < 3:
        return failed(
            f"You gave only {len(set(given.values()))} different view(s) for the five cases ({', '.join(sorted(set(given.values())))}). "
            "Each mystery fake was made a different way, and each gives itself away best in a different view.",
            "A blanket answer can land on some cases by luck; look at each case in the magnifier and choose its view.",
        )
    for case, (best, also, why) in QUIZ.items():
        view = given[case]
        if view == best:
            right.append(f"{case}: {best}. {why}")
        elif view in also:
            right.append(f"{case}: {view} shows it too; the clearest is {best}. {why}")
        else:
            wrong.append((case, view))
    if wrong:
        hints = {
            "A": "compare how crisp the face is with the hair and clothes around it.",
            "B": "this picture was pieced together from pictures with different compression histories.",
            "C": "how was this picture made bigger? Look at its frequencies.",
            "D": "look all the way round the outline of the face.",
            "E": "look at the fine grain of the photo, not the picture.",
        }
        return failed(
            f"{len(QUIZ) - len(wrong)} of {len(QUIZ)} right. Not these: " + ", ".join(f"{case} ('{view}' does not show it)" for case, view in wrong) + ".",
            *[f"Hint for {case}: {hints[case]}" for case, _ in wrong],
            "Try each view on the mystery pictures in the magnifier above.",
        )
    return passed("Well done: you matched every mystery fake with a view that reveals it.", *right)
