"""Checks for lesson 03, "Make a face swap".

Each check runs the learner's function on the course's real portraits (Collins's
face going onto Hopper's photo, and back), compares it with the package's own
version in :mod:`realorfake.swap`, and names the usual slips:

* ``warp_one_triangle(warp_one)``: one triangle warped in place (the textbook step);
* ``mask_from_landmarks(hull_mask)``: the convex hull of the landmarks as a mask;
* ``color_transfer(match_color)``: the face's colours matched to the target inside the mask;
* ``faster_warp(fast_warp)`` (stretch): the whole piecewise-affine warp, checked
  against ``swap.warp_textbook`` and timed against it.

Learners get fresh copies of every input, so a function that changes its inputs
cannot spoil the next case.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from functools import cache
from typing import Any

import cv2
import numpy as np

from ... import data
from ...faces import Face
from ...fakes import swap
from ...fakes.swap import triangle_at
from .feedback import Feedback, _Stopped, borrowed, call, check, failed, passed

__all__ = ["color_transfer", "faster_warp", "mask_from_landmarks", "warp_one_triangle"]


# ------------------------------------------------------------------ fixtures


@cache
def _image(name: str) -> np.ndarray:
    image = data.portrait(name)
    image.setflags(write=False)
    return image


def _face(name: str) -> Face:
    return data.portrait_face(name)


@cache
def _triangles(target: str) -> np.ndarray:
    triangles = swap.triangulate(_face(target).landmarks)
    triangles.setflags(write=False)
    return triangles


def _title(name: str) -> str:
    return f"the {name.title()} portrait"


def _as_float_image(result: Any, shape: tuple[int, ...], name: str) -> np.ndarray:
    """The learner's image as float64 of ``shape``, or stop with feedback saying what is wrong."""
    if not isinstance(result, np.ndarray):
        raise _Stopped(failed(f"{name} should return an image array; it returned {type(result).__name__}.", "End the function with `return` and the new image."))
    if result.shape != shape:
        raise _Stopped(failed(f"{name} returned an array of shape {result.shape}; expected {shape}, the same shape as its input image."))
    values = result.astype(np.float64)
    if result.dtype.kind == "f" and values.size and 0 < values.max() <= 1.5:
        raise _Stopped(
            failed(
                f"{name} returned values between 0 and 1; expected 0-255 like the input photos.",
                "Keep the 0-255 scale: clip with np.clip(values, 0, 255) and convert with .astype(np.uint8).",
            )
        )
    return values


def _call(function: Callable[..., Any], *args: Any, name: str) -> Any:
    """``call`` plus a plain-words hint for OpenCV's two most common complaints about number types."""
    try:
        return call(function, *args, name=name)
    except _Stopped as stop:
        text = stop.feedback.message
        drawing = any(f in text for f in ("convexHull", "fillConvexPoly", "fillPoly")) or ("CV_32S" in text and "CV_32F" not in text)
        if drawing and "error" in text:
            hint = "OpenCV draws with whole-number points: pass np.round(points).astype(np.int32)."
        elif "CV_32F" in text:
            hint = "OpenCV wants these corners as float32: wrap them in np.float32(...) after subtracting the offsets (NumPy turns them into float64)."
        elif "boolean index did not match" in text:
            raise _Stopped(
                failed(
                    f"{name} raised IndexError: the mask and the warped patch have different shapes.",
                    "OpenCV gives sizes as (width, height): cv2.warpAffine(patch, matrix, (w, h)), while NumPy arrays are (rows, columns) = (h, w): np.zeros((h, w), np.uint8).",
                    text.splitlines()[0][:300],
                )
            ) from None
        else:
            raise
        raise _Stopped(failed(f"{name} raised an OpenCV error about the type of its points.", hint, text.splitlines()[0][:300])) from None


# ---------------------------------------------------------- 1. one triangle


def _triangle_cases() -> list[tuple[str, str, int, str]]:
    """(source, target, triangle index, where): a few triangles of the target's triangulation."""
    cases = []
    for source, target, corner, where in [
        ("collins", "hopper", 42, "beside the nose"),
        ("collins", "hopper", 8, "at the chin"),
        ("hopper", "collins", 19, "at an eyebrow"),
    ]:
        index = triangle_at(_face(target).landmarks, _triangles(target), corner)
        cases.append((source, target, index, where))
    return cases


def _triangle_mask(triangle: np.ndarray, shape: tuple[int, ...]) -> np.ndarray:
    mask = np.zeros(shape[:2], np.uint8)
    cv2.fillConvexPoly(mask, np.round(triangle).astype(np.int32), 1)
    return mask


def _warp_variant(source: np.ndarray, output: np.ndarray, src_tri: np.ndarray, dst_tri: np.ndarray, *, swapped: bool = False, offsets: bool = True) -> np.ndarray:
    """The textbook step with one of the usual slips (for recognising them); returns a new image."""
    out = output.copy()
    sx, sy, sw, sh = cv2.boundingRect(src_tri)
    dx, dy, dw, dh = cv2.boundingRect(dst_tri)
    patch = source[sy : sy + sh, sx : sx + sw]
    src_local = src_tri - np.float32([sx, sy]) if offsets else src_tri
    dst_local = dst_tri - np.float32([dx, dy]) if offsets else dst_tri
    pair = (dst_local, src_local) if swapped else (src_local, dst_local)
    warped = cv2.warpAffine(patch, cv2.getAffineTransform(*pair), (dw, dh), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REFLECT_101)
    mask = np.zeros((dh, dw), np.uint8)
    cv2.fillConvexPoly(mask, np.round(dst_tri - (dx, dy)).astype(np.int32), 1)
    region = out[dy : dy + dh, dx : dx + dw]
    region[mask == 1] = warped[mask == 1]
    return out


def _inside_difference(a: np.ndarray, b: np.ndarray, where: np.ndarray) -> float:
    return float(np.abs(a.astype(np.float64) - b.astype(np.float64))[where].mean())


@check
def warp_one_triangle(warp_one: Callable[..., Any]) -> Feedback:
    """Check ``warp_one(source, output, src_tri, dst_tri)``: one triangle of ``source`` warped into ``output`` in place."""
    if (copied := borrowed(warp_one, {"warp_triangle": "swap.warp_triangle", "warp_textbook": "swap.warp_textbook", "warp_fast": "swap.warp_fast"})) is not None:
        return copied
    for source_name, target_name, index, where in _triangle_cases():
        source, target = _image(source_name), _image(target_name)
        triangle = _triangles(target_name)[index]
        src_tri = _face(source_name).landmarks[triangle].astype(np.float32)
        dst_tri = _face(target_name).landmarks[triangle].astype(np.float32)
        expected = target.copy()
        swap.warp_triangle(source, expected, src_tri, dst_tri)
        what = f"triangle {index} ({where}) of {_title(source_name)} onto {_title(target_name)}"

        given_source, output = source.copy(), target.copy()
        returned = _call(warp_one, given_source, output, src_tri.copy(), dst_tri.copy(), name="warp_one")
        if not np.array_equal(given_source, source):
            return failed(f"On {what}, warp_one changed the source image.", "Only write into `output`; read from `source`.")
        result = output
        if np.array_equal(output, target) and isinstance(returned, np.ndarray):
            if returned.shape != target.shape:
                return failed(
                    f"On {what}, `output` was not changed and warp_one returned an array of shape {returned.shape}.",
                    "Copy the warped pixels into `output` itself (in place): region = output[y:y+h, x:x+w]; region[mask == 1] = warped[mask == 1].",
                )
            result = returned  # a learner who returns a new image instead of changing output in place: fine
        changed = (result != target).any(axis=2)
        if not changed.any():
            return failed(
                f"On {what}, nothing changed in `output`.",
                "The last step copies the warped pixels into output, in place: region = output[y:y+h, x:x+w]; region[mask == 1] = warped[mask == 1].",
            )
        inside = _triangle_mask(dst_tri, target.shape)
        core = cv2.erode(inside, np.ones((3, 3), np.uint8)).astype(bool)
        far = ~cv2.dilate(inside, np.ones((5, 5), np.uint8)).astype(bool)
        area = int(inside.sum())
        outside = int((changed & far).sum())
        if outside > max(20, 0.2 * area):
            x, y, w, h = cv2.boundingRect(dst_tri)
            in_rect = np.zeros(target.shape[:2], bool)
            in_rect[max(y - 2, 0) : y + h + 2, max(x - 2, 0) : x + w + 2] = True
            at_source = cv2.dilate(_triangle_mask(src_tri, target.shape), np.ones((7, 7), np.uint8)).astype(bool)
            if (changed & far & at_source).sum() >= 0.8 * outside:
                return failed(
                    f"On {what}, the warped pixels landed where the SOURCE triangle sits, not on the destination triangle: source and destination are swapped.",
                    "src_tri is where to read in `source`; dst_tri is where to write in `output`. Check the order of your parameters and of each boundingRect.",
                )
            if (changed & far & ~in_rect).sum() <= 0.05 * outside:
                return failed(
                    f"On {what}, pixels changed outside the triangle: the whole rectangle around it was copied.",
                    "Copy only the pixels inside the triangle: draw it into a mask with cv2.fillConvexPoly(mask, corners, 1) and copy where mask == 1.",
                )
            return failed(
                f"On {what}, {outside} pixels changed far away from the destination triangle.",
                "The output rectangle must be the destination triangle's boundingRect, and the triangles' corners must be "
                "measured from their own rectangle's top-left corner (subtract (x, y) from each).",
            )
        difference = _inside_difference(result, expected, core)
        if difference <= 4.0:
            continue
        if changed[core].mean() < 0.5:
            return failed(
                f"On {what}, most of the triangle was left unchanged.",
                "Draw the triangle's corners relative to the rectangle (corners - (x, y)) into the mask, rounded to int32.",
            )
        if _inside_difference(result, _warp_variant(source, target, src_tri, dst_tri, swapped=True), core) <= 4.0:
            return failed(
                f"On {what}, the triangle is filled, but with the wrong pixels: source and destination are swapped.",
                "cv2.getAffineTransform(from, to) maps the SOURCE triangle's corners to the DESTINATION's: put src first.",
            )
        if _inside_difference(result, _warp_variant(source, target, src_tri, dst_tri, offsets=False), core) <= 4.0:
            return failed(
                f"On {what}, the triangle is in the right place but its pixels come from the wrong part of the source.",
                "warpAffine works on the cropped patch, so the affine map must use corners relative to each rectangle: "
                "subtract (x, y) of the source rectangle from src_tri and of the destination rectangle from dst_tri.",
            )
        return failed(
            f"On {what}, the pixels inside the triangle differ from swap.warp_triangle's by {difference:.0f} grey levels on average.",
            "Check each step: the two boundingRects, the patch source[y:y+h, x:x+w], corners minus their rectangle's (x, y), "
            "getAffineTransform(src, dst), warpAffine(patch, M, (w, h)) with the destination's width and height.",
        )
    return passed(
        "Well done: warp_one moves a triangle of one face onto the matching triangle of the other.",
        "Repeat it for all the triangles (about a hundred) and the whole face is warped: that is swap.warp_textbook.",
    )


# ------------------------------------------------------------------- 2. mask


def _shuffled_points() -> np.ndarray:
    """A small non-square test: the corners of a shape plus inner points, in a scrambled order."""
    corners = np.array([[150, 20], [190, 60], [175, 105], [120, 95], [105, 40]], dtype=np.float64)
    inner = np.array([[150, 60], [140, 75], [160, 45]], dtype=np.float64)
    points = np.vstack([corners, inner])
    return points[[0, 3, 5, 1, 4, 6, 2, 7]]


def _mask_cases() -> list[tuple[str, np.ndarray, tuple[int, ...]]]:
    return [
        (_title("hopper") + "'s landmarks", _face("hopper").landmarks, _image("hopper").shape),
        ("eight points in a scrambled order on a 120 x 200 image", _shuffled_points(), (120, 200)),
        (_title("collins") + "'s landmarks", _face("collins").landmarks, _image("collins").shape),
    ]


def _iou(a: np.ndarray, b: np.ndarray) -> float:
    union = np.logical_or(a, b).sum()
    return float(np.logical_and(a, b).sum() / union) if union else 1.0


def _binary(result: Any, shape: tuple[int, int], what: str) -> np.ndarray:
    """The learner's mask as booleans, or stop with feedback about its type or shape."""
    if not isinstance(result, np.ndarray):
        raise _Stopped(failed(f"hull_mask should return an array; on {what} it returned {type(result).__name__}.", "Return the mask array."))
    mask = result[..., 0] if result.ndim == 3 and result.shape[2] == 1 else result
    if mask.shape != shape:
        if mask.ndim == 3:
            hint = f"A mask has one value per pixel: make it with np.zeros(shape[:2], np.uint8), which is {shape}."
        elif mask.shape == shape[::-1]:
            hint = "Rows and columns are swapped: np.zeros needs (height, width), which is shape[:2]."
        else:
            hint = "Make the mask with np.zeros(shape[:2], np.uint8): one value per pixel of the image."
        raise _Stopped(failed(f"On {what} the mask has shape {mask.shape}; expected {shape}.", hint))
    if mask.dtype == bool:
        return mask
    values = mask.astype(np.float64)
    top = values.max() if values.size else 0.0
    return values > top / 2 if top > 0 else np.zeros(shape, bool)


@check
def mask_from_landmarks(hull_mask: Callable[..., Any]) -> Feedback:
    """Check ``hull_mask(points, shape)``: a mask of the convex hull of the points (0/1, 0/255, bool or 0-1 float)."""
    if (copied := borrowed(hull_mask, {"face_mask": "swap.face_mask", "swap_mask": "swap.swap_mask"})) is not None:
        return copied
    for what, points, shape in _mask_cases():
        result = _call(hull_mask, points.copy(), tuple(shape), name="hull_mask")
        size = tuple(shape[:2])
        mask = _binary(result, size, what)
        expected = swap.face_mask(points, size) > 0.5
        if not mask.any():
            return failed(
                f"On {what} the mask is empty: every value is 0.",
                "Fill the hull with a non-zero value: cv2.fillConvexPoly(mask, hull, 255) (or 1). The points must be whole numbers: np.round(points).astype(np.int32).",
            )
        if mask.mean() > 0.97:
            return failed(
                f"On {what} the mask covers the whole image.",
                "Start from np.zeros(...), not np.ones(...), and fill only the hull.",
            )
        overlap = _iou(mask, expected)
        if overlap >= 0.98:
            continue
        transposed = swap.face_mask(points[:, ::-1], size) > 0.5
        if _iou(mask, transposed) >= 0.95:
            return failed(
                f"On {what} the mask has the right outline in the wrong place: x and y are swapped.",
                "Landmarks are (x, y) = (column, row), exactly what OpenCV's drawing functions expect: pass them as they are.",
            )
        x, y, w, h = cv2.boundingRect(np.round(points).astype(np.int32))
        rectangle = np.zeros(size, bool)
        rectangle[y : y + h, x : x + w] = True
        if _iou(mask, rectangle) >= 0.95:
            return failed(
                f"On {what} the mask is the rectangle around the points, not the hull.",
                "cv2.convexHull(points) gives the tight outline around them; fill that with cv2.fillConvexPoly.",
            )
        if (mask & ~expected).sum() <= 0.02 * expected.sum():
            return failed(
                f"On {what} the mask covers only {100 * mask.sum() / expected.sum():.0f}% of the hull.",
                "Take the hull of ALL the points first, hull = cv2.convexHull(points), then fill the hull: filling the points in their own order draws a tangled shape.",
            )
        return failed(
            f"On {what} the mask overlaps the expected hull by {100 * overlap:.0f}% (intersection over union); expected at least 98%.",
            "hull = cv2.convexHull(np.round(points).astype(np.int32)); cv2.fillConvexPoly(mask, hull, 255).",
        )
    return passed(
        "Well done: hull_mask outlines exactly the face region the swap replaces.",
        "swap.face_mask does the same and can also erode (shrink) the mask and feather (blur) its edge: the next section compares them.",
    )


# ------------------------------------------------------------------ 3. colour


@cache
def _color_case(source: str, target: str) -> tuple[np.ndarray, np.ndarray]:
    """The source face warped onto the target's geometry, and the target's mask (0/1 float)."""
    face = swap.warp_fast(_image(source), _face(source).landmarks, _face(target).landmarks, _triangles(target), _image(target).shape)
    mask = swap.face_mask(_face(target).landmarks, _image(target).shape, erode=2)
    face.setflags(write=False)
    mask.setflags(write=False)
    return face, mask


def _stats(pixels: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    return pixels.mean(axis=0), pixels.std(axis=0)


def _rgb(values: np.ndarray) -> str:
    return "(" + ", ".join(f"{v:.0f}" for v in values) + ")"


@check
def color_transfer(match_color: Callable[..., Any]) -> Feedback:
    """Check ``match_color(face, target, mask)``: inside the mask, the face's colour mean and spread become the target's."""
    if (copied := borrowed(match_color, {"transfer_color": "swap.transfer_color"})) is not None:
        return copied
    for source_name, target_name in (("collins", "hopper"), ("hopper", "collins")):
        face, mask = _color_case(source_name, target_name)
        target = _image(target_name)
        what = f"{source_name.title()}'s face on {_title(target_name)}"
        result = _as_float_image(call(match_color, face.copy(), target.copy(), mask.copy(), name="match_color"), face.shape, "match_color")
        inside = mask > 0.5
        if np.abs(result[~inside] - face[~inside]).max() > 1:
            return failed(
                f"On {what}, pixels outside the mask changed.",
                "Change only the face: compute the new colours for face[inside] and leave the rest as it was (start from face.copy()).",
            )
        out_mean, out_std = _stats(result[inside])
        face_mean, face_std = _stats(face[inside].astype(np.float64))
        want_mean, want_std = _stats(target[inside].astype(np.float64))
        if np.abs(out_mean - face_mean).max() < 1 and np.abs(out_std - face_std).max() < 1:
            return failed(f"On {what}, the colours inside the mask did not change.", "Return the corrected image, not the input face.")
        mean_ok = np.abs(out_mean - want_mean).max() <= 6.0
        ratio = out_std / np.maximum(want_std, 1e-6)
        spread_ok = bool(np.all((ratio >= 0.8) & (ratio <= 1.25)))
        if mean_ok and spread_ok:
            continue
        whole_mean = target.reshape(-1, 3).mean(axis=0)
        to_whole, to_face = np.abs(out_mean - whole_mean).max(), np.abs(out_mean - want_mean).max()
        if not mean_ok and to_whole <= 15.0 and to_whole < to_face / 2:  # (clipping at 0 and 255 moves the mean a little)
            return failed(
                f"On {what}, the face's average colour became the whole target photo's {_rgb(whole_mean)}; expected the target's face, {_rgb(want_mean)}.",
                "Measure the target only inside the mask too: target[inside], not the whole image.",
            )
        if mean_ok and np.all(np.abs(out_std / np.maximum(face_std, 1e-6) - 1) < 0.05):
            return failed(
                f"On {what}, the average colour is right but the spread is still the source face's.",
                "Also scale: subtract the face's mean, divide by its std, multiply by the target's std, then add the target's mean.",
            )
        if not mean_ok:
            return failed(
                f"On {what}, the face's average colour inside the mask is {_rgb(out_mean)}; expected about the target's {_rgb(want_mean)}.",
                "Per channel: new = (f - f.mean) / f.std * t.std + t.mean, computed in float (uint8 wraps around at 255), then clipped to 0-255 and converted back with .astype(np.uint8).",
            )
        return failed(
            f"On {what}, the colour spread (standard deviation) inside the mask is {_rgb(out_std)}; expected about the target's {_rgb(want_std)}.",
            "Divide by the face's std and multiply by the target's std, per channel (axis=0 of the (n, 3) pixel array).",
        )
    return passed(
        "Well done: match_color gives the pasted face the target's colouring, and leaves everything else alone.",
        "swap.transfer_color does the same in the LAB colour space, which separates lightness from colour.",
    )


# ------------------------------------------------------------- 4. faster warp


def _package_warp(function: Callable[..., Any]) -> str | None:
    """The package warp a learner's function is, or calls by name (``warp_fast`` / ``warp_textbook``), else None."""
    for name in ("warp_fast", "warp_textbook"):
        if function is getattr(swap, name):
            return name
    code = getattr(function, "__code__", None)
    names = set(code.co_names) if code is not None else set()
    return next((name for name in ("warp_fast", "warp_textbook") if name in names), None)


def _interleaved(mine: Callable[[], Any], theirs: Callable[[], Any], runs: int = 7) -> tuple[float, float]:
    """Median seconds of two functions timed turn by turn (a busy moment slows both, not one)."""
    times: tuple[list[float], list[float]] = ([], [])
    for _ in range(runs):
        for function, record in ((mine, times[0]), (theirs, times[1])):
            start = time.perf_counter()
            function()
            record.append(time.perf_counter() - start)
    return float(np.median(times[0])), float(np.median(times[1]))


def _median_seconds(function: Callable[[], Any], runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return float(np.median(times))


@check
def faster_warp(fast_warp: Callable[..., Any]) -> Feedback:
    """Check ``fast_warp(source, src_points, dst_points, triangles, shape)``: the same picture as ``swap.warp_textbook``; timed against it."""
    timing = None
    for source_name, target_name in (("collins", "hopper"), ("hopper", "collins")):
        source, target = _image(source_name), _image(target_name)
        args = (source, _face(source_name).landmarks, _face(target_name).landmarks, _triangles(target_name), target.shape)
        what = f"{source_name.title()}'s face warped onto {_title(target_name)}"
        start = time.perf_counter()
        returned = _call(fast_warp, *(a.copy() if isinstance(a, np.ndarray) else a for a in args), name="fast_warp")
        first = time.perf_counter() - start
        result = _as_float_image(returned, target.shape, "fast_warp")
        expected = swap.warp_textbook(*args)
        region = swap.face_mask(_face(target_name).landmarks, target.shape, erode=3) > 0.5
        if not result[region].any():
            return failed(f"On {what}, the face region of the output is black.", "Every pixel inside the face must get a colour from the source.")
        difference = _inside_difference(result, expected, region)
        if difference >= 2.0:
            return failed(
                f"On {what}, your warp differs from swap.warp_textbook by {difference:.1f} grey levels on average inside the face (at most 2 allowed).",
                "Each destination pixel must take the colour of the source point that its triangle's affine map sends it to (swap.triangle_affines gives the maps from destination to source).",
            )
        if timing is None:  # time on the first (larger) face only
            slow = first > 1.0
            fresh = [a.copy() if isinstance(a, np.ndarray) else a for a in args]
            if slow:
                timing = (first, _median_seconds(lambda: swap.warp_textbook(*args)), slow)
            else:  # interleaved, so that a busy machine slows both alike
                timing = (*_interleaved(lambda: call(fast_warp, *fresh, name="fast_warp"), lambda: swap.warp_textbook(*args)), slow)
    borrowed = _package_warp(fast_warp)
    if borrowed:
        return failed(
            f"Your fast_warp uses swap.{borrowed}, the package's own warp: it gives the right picture, but this exercise is to write the warp yourself.",
            "Use the pieces the hints name (swap.triangle_index_map, swap.triangle_affines, cv2.remap) and build the maps yourself.",
        )
    mine, textbook, slow = timing
    ratio = textbook / max(mine, 1e-9)
    summary = f"Yours: {1000 * mine:.1f} ms, warp_textbook: {1000 * textbook:.1f} ms (medians of 7, timed turn by turn, on the larger face): {ratio:.1f} times as fast."
    if slow:
        summary = f"Yours took {mine:.1f} s, so it was timed only once; warp_textbook takes {1000 * textbook:.1f} ms."
    if ratio >= 1.3:
        return passed("Well done: your warp gives the same picture as warp_textbook, and faster.", summary)
    return passed(
        "Correct: your warp gives the same picture as warp_textbook. It is not faster yet.",
        summary,
        "Idea: find each pixel's triangle once (swap.triangle_index_map), then sample the source for all pixels in one cv2.remap call.",
    )
