"""The face toolkit on the portraits and on every kind of bad input a learner can give."""

from __future__ import annotations

import io
import struct
import time
import zlib

import numpy as np
import pytest
from PIL import Image

from conftest import encode
from realorfake import OutOfRange, data, faces, images
from realorfake.errors import (
    CourseError,
    ImageTooLarge,
    ImageTooSmall,
    NoFaceFound,
    UnknownName,
    UnreadableImage,
    WrongShape,
)

# ------------------------------------------------------------------ loading


def test_every_source_kind_gives_the_same_rgb_array(hopper, tmp_path):
    png = encode(hopper, "PNG")
    path = tmp_path / "hopper.png"
    path.write_bytes(png)
    results = [
        images.load_image(path),
        images.load_image(str(path)),
        images.load_image(png),
        images.load_image(io.BytesIO(png)),
        images.load_image(Image.fromarray(hopper)),
        images.load_image(hopper),
    ]
    for result in results:
        assert result.dtype == np.uint8 and result.shape == hopper.shape
        np.testing.assert_array_equal(result, hopper)


def test_empty_file(tmp_path):
    path = tmp_path / "empty.jpg"
    path.write_bytes(b"")
    with pytest.raises(UnreadableImage, match="empty"):
        images.load_image(path)


def test_text_file_named_jpg(tmp_path):
    path = tmp_path / "notes.jpg"
    path.write_text("these are my holiday notes, not a photo\n")
    with pytest.raises(UnreadableImage, match="not an image"):
        images.load_image(path)


def test_truncated_jpeg(hopper):
    whole = encode(hopper, "JPEG", quality=90)
    with pytest.raises(UnreadableImage, match="damaged or cut short"):
        images.load_image(whole[: len(whole) // 2])


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(UnreadableImage, match="no file"):
        images.load_image(tmp_path / "nope.png")
    with pytest.raises(UnreadableImage, match="folder"):
        images.load_image(tmp_path)


def test_one_pixel_image_loads_but_is_too_small_for_detection():
    one = images.load_image(encode(np.array([[[10, 20, 30]]], dtype=np.uint8), "PNG"))
    assert one.shape == (1, 1, 3)
    with pytest.raises(ImageTooSmall, match="1 x 1"):
        faces.detect_faces(one)


def _png_claiming(width: int, height: int) -> bytes:
    """A PNG whose header claims width x height pixels but carries almost no data."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00" * 64)) + chunk(b"IEND", b"")


@pytest.mark.parametrize("side", [50_000, 10_000])
def test_decompression_bomb_refused_before_decoding(side):
    bomb = _png_claiming(side, side)
    start = time.perf_counter()
    with pytest.raises(ImageTooLarge):
        images.load_image(bomb)
    assert time.perf_counter() - start < 2.0  # refused from the header, nothing decoded


def test_grayscale_becomes_three_equal_channels():
    gray = np.tile(np.arange(0, 256, 4, dtype=np.uint8), (40, 1))
    rgb = images.load_image(encode(gray, "PNG"))
    assert rgb.shape == (40, 64, 3)
    np.testing.assert_array_equal(rgb[:, :, 0], gray)
    np.testing.assert_array_equal(rgb[:, :, 1], rgb[:, :, 2])


def test_rgba_is_composited_onto_white():
    rgba = np.zeros((10, 10, 4), dtype=np.uint8)
    rgba[:, :5] = (200, 0, 0, 255)  # opaque red on the left, fully transparent on the right
    rgb = images.load_image(encode(rgba, "PNG"))
    assert tuple(rgb[0, 0]) == (200, 0, 0)
    assert tuple(rgb[0, 9]) == (255, 255, 255)


def test_sixteen_bit_png_is_scaled_to_eight_bits():
    ramp = (np.arange(100, dtype=np.uint32) * 600).astype(np.uint16).reshape(10, 10)
    rgb = images.load_image(encode(Image.fromarray(ramp), "PNG"))
    assert rgb.dtype == np.uint8
    np.testing.assert_allclose(rgb[:, :, 0], ramp / 257.0, atol=1)


def test_palette_png_with_and_without_transparency(collins):
    small = collins[::8, ::8]
    palette = Image.fromarray(small).convert("P", palette=Image.Palette.ADAPTIVE, colors=64)
    rgb = images.load_image(encode(palette, "PNG"))
    assert rgb.shape == small.shape
    assert np.abs(rgb.astype(int) - small.astype(int)).mean() < 12

    transparent = Image.new("P", (4, 4), 0)
    transparent.putpalette([0, 0, 0] * 256)
    rgb = images.load_image(encode(transparent, "PNG", transparency=0))
    assert (rgb == 255).all()  # the transparent index becomes white


def test_exif_orientation_is_applied():
    wide = np.zeros((40, 80, 3), dtype=np.uint8)
    wide[:10, :10] = (255, 0, 0)  # a red mark in the stored top-left corner
    exif = Image.Exif()
    exif[0x0112] = 6  # "rotate 90 degrees clockwise to display"
    rgb = images.load_image(encode(wide, "JPEG", quality=95, exif=exif.tobytes()))
    assert rgb.shape == (80, 40, 3)  # displayed upright: taller than wide
    assert rgb[:10, -10:, 0].mean() > 200 and rgb[:10, -10:, 1].mean() < 60  # mark now top-right


def test_very_large_image_is_downsized_with_a_note():
    big = np.zeros((1500, 3000, 3), dtype=np.uint8)
    with pytest.warns(images.ResizedNote, match="downsized"):
        small = images.load_image(big)
    assert small.shape == (1000, 2000, 3)


@pytest.mark.parametrize(
    "array",
    [np.zeros((4, 4, 5), np.uint8), np.zeros((0, 4, 3), np.uint8), np.full((4, 4), np.nan), np.full((4, 4), 300, np.int32)],
)
def test_bad_arrays_raise_wrong_shape(array):
    with pytest.raises(WrongShape):
        images.load_image(array)


def test_float_and_bool_arrays_are_accepted():
    assert images.load_image(np.ones((3, 3))).max() == 255
    assert images.load_image(np.ones((3, 3), dtype=bool)).min() == 255


def test_wrong_type_and_text_mode_file(tmp_path):
    with pytest.raises(WrongShape, match="path, bytes"):
        images.load_image(42)
    path = tmp_path / "x.png"
    path.write_text("x")
    with open(path) as text_file, pytest.raises(UnreadableImage, match="binary"):
        images.load_image(text_file)


def test_all_course_errors_are_value_errors():
    for error in (UnreadableImage, ImageTooLarge, ImageTooSmall, NoFaceFound, WrongShape, UnknownName):
        assert issubclass(error, CourseError) and issubclass(error, ValueError)


# ---------------------------------------------------------------- detection


@pytest.mark.parametrize("name", ["hopper", "collins"])
def test_portraits_have_one_face_with_68_landmarks_inside_the_box(name):
    image = data.portrait(name)
    found = faces.detect_faces(image)
    assert len(found) == 1
    face = found[0]
    x, y, w, h = face.box
    assert w > 60 and h > 60
    assert face.landmarks.shape == (68, 2) and face.landmarks.dtype == np.float64
    inside = (face.landmarks[:, 0] > x - 0.2 * w) & (face.landmarks[:, 0] < x + 1.2 * w) & (face.landmarks[:, 1] > y - 0.2 * h) & (face.landmarks[:, 1] < y + 1.3 * h)
    assert inside.all()
    left_eye, right_eye = face.eye_centers
    assert left_eye[0] < right_eye[0]  # the person's right eye is on the photo's left
    assert face.region("mouth")[:, 1].mean() > face.region("nose")[:, 1].mean() > left_eye[1]


def test_no_face_in_coffee():
    coffee = data.photo("coffee")
    assert faces.detect_faces(coffee) == []
    with pytest.raises(NoFaceFound, match="No face found in the coffee photo"):
        faces.largest_face(coffee, what="the coffee photo")


def test_two_portraits_side_by_side_give_two_faces_largest_first(hopper, collins):
    height = max(hopper.shape[0], collins.shape[0])
    pad = lambda im: np.pad(im, ((0, height - im.shape[0]), (0, 0), (0, 0)), constant_values=255)  # noqa: E731
    pair = np.hstack([pad(collins), pad(hopper)])
    found = faces.detect_faces(pair)
    assert len(found) == 2
    assert found[0].area > found[1].area
    assert found[0].box[0] > collins.shape[1]  # Hopper's larger face, on the right, comes first


def _mean_shift(a: np.ndarray, b: np.ndarray, eye_distance: float) -> float:
    return float(np.linalg.norm(a - b, axis=1).mean() / eye_distance)


@pytest.mark.parametrize(("name", "factor", "within"), [("collins", 4, 0.03), ("hopper", 3, 0.1)])
def test_a_large_photo_is_searched_on_a_reduced_copy(name, factor, within, monkeypatch):
    import cv2

    native = data.portrait(name)
    reference = faces.detect_faces(native)[0]
    large = cv2.resize(native, None, fx=factor, fy=factor, interpolation=cv2.INTER_CUBIC)
    monkeypatch.setattr(faces, "detect_faces", lambda *a, **k: pytest.fail("searched the whole large photo"))
    found = faces.find_face(large)
    # as close to the native photo's landmarks as a full-resolution search of the enlarged photo is (2-7%)
    assert _mean_shift(found.landmarks / factor, reference.landmarks, reference.eye_distance) < within
    assert found.box[2] == pytest.approx(reference.box[2] * factor, rel=0.25)


def test_the_course_photos_are_always_searched_whole(hopper, collins):
    for photo in (hopper, collins):
        assert max(photo.shape[:2]) <= faces.REDUCED_ABOVE
        assert faces.detect_large_faces(photo) == []
        faces._remembered.clear()
        np.testing.assert_array_equal(faces.find_face(photo).landmarks, faces.detect_faces(photo)[0].landmarks)


def test_a_small_face_in_a_large_photo_is_still_found(collins):
    canvas = np.full((1600, 1600, 3), 255, dtype=np.uint8)
    canvas[900:1412, 1000:1512] = collins  # an 88-px face: too small for the 512-px copy
    faces._remembered.clear()
    found = faces.find_face(canvas)
    reference = faces.detect_faces(collins)[0]
    assert _mean_shift(found.landmarks - (1000, 900), reference.landmarks, reference.eye_distance) < 0.05


def test_unknown_region_and_bad_upsample(hopper):
    face = faces.largest_face(hopper)
    with pytest.raises(UnknownName, match="mouth"):
        face.region("moustache")
    with pytest.raises(OutOfRange, match="upsample"):
        faces.detect_faces(hopper, upsample=5)


def test_landmark_model_is_found_without_importing_the_package():
    import sys

    path = faces.landmark_model_path()
    assert path.name == "shape_predictor_68_face_landmarks.dat" and path.stat().st_size > 50_000_000
    assert "face_recognition_models" not in sys.modules


# ---------------------------------------------------------------- alignment


@pytest.mark.parametrize("name", ["hopper", "collins"])
def test_alignment_puts_the_eyes_level_at_fixed_places(name):
    image = data.portrait(name)
    face = faces.largest_face(image)
    size = 256
    matrix = faces.alignment_matrix(face, size)
    left, right = faces.transform_points(np.array(face.eye_centers), matrix)
    np.testing.assert_allclose(left, np.array(faces.ALIGNED_EYES[0]) * size, atol=1e-6)
    np.testing.assert_allclose(right, np.array(faces.ALIGNED_EYES[1]) * size, atol=1e-6)

    aligned = faces.align_face(image, face, size=size)
    assert aligned.shape == (size, size, 3) and aligned.dtype == np.uint8
    again = faces.largest_face(aligned, upsample=1)  # the detector agrees on the crop
    (lx, ly), (rx, ry) = again.eye_centers
    assert abs(np.degrees(np.arctan2(ry - ly, rx - lx))) < 3.0
    assert abs((lx + rx) / 2 - size / 2) < 0.04 * size


def test_align_tilted_portrait_levels_the_eyes():
    tilted = data.portrait_variant("hopper", "tilted")
    face = faces.largest_face(tilted)
    (lx, ly), (rx, ry) = face.eye_centers
    assert abs(np.degrees(np.arctan2(ry - ly, rx - lx))) > 8  # really tilted before
    aligned = faces.align_face(tilted, face, size=200)
    (lx, ly), (rx, ry) = faces.largest_face(aligned, upsample=1).eye_centers
    assert abs(np.degrees(np.arctan2(ry - ly, rx - lx))) < 3.0


def test_align_face_rejects_bad_size(hopper):
    face = faces.largest_face(hopper)
    with pytest.raises(OutOfRange, match="size"):
        faces.align_face(hopper, face, size=3)
