"""Tests of realorfake.label: the visible badge and the machine-readable label."""

from __future__ import annotations

import io
import warnings
import xml.etree.ElementTree as ET

import numpy as np
import pytest
from PIL import Image

from realorfake import CourseError, UnknownName, UnreadableImage, WrongShape, data, label


@pytest.fixture(scope="module")
def hopper() -> np.ndarray:
    return data.portrait("hopper")


def bottom(image: np.ndarray) -> slice:
    return slice(image.shape[0] - label.badge_height(image.shape[0]), None)


# ----------------------------------------------------------------- the badge


def test_badge_height_rule():
    assert label.badge_height(32) == 14
    assert label.badge_height(224) == 14
    assert label.badge_height(600) == 38
    assert label.badge_height(1024) == 64


def test_add_badge_changes_only_the_bottom_strip(hopper):
    badged = label.add_badge(hopper)
    assert badged.shape == hopper.shape and badged.dtype == np.uint8
    rows = label.badge_height(hopper.shape[0])
    assert np.array_equal(badged[:-rows], hopper[:-rows])
    assert not np.array_equal(badged[-rows:], hopper[-rows:])
    strip = badged[-rows:].astype(int)
    # Opaque and dark with white text: mostly the dark background, some bright text pixels.
    assert np.median(strip) < 40
    assert (strip > 200).mean() > 0.03


def test_add_badge_is_idempotent_and_leaves_the_input_alone(hopper):
    before = hopper.copy()
    once = label.add_badge(hopper)
    twice = label.add_badge(once)
    assert np.array_equal(once, twice)
    assert np.array_equal(hopper, before)
    assert once is not hopper


def test_add_badge_accepts_gray_rgba_and_tiny_images():
    rng = np.random.default_rng(1)
    gray = rng.integers(0, 256, (100, 90), dtype=np.uint8)
    rgba = rng.integers(0, 256, (60, 80, 4), dtype=np.uint8)
    tiny = rng.integers(0, 256, (32, 32, 3), dtype=np.uint8)
    for image in (gray, rgba, tiny):
        badged = label.add_badge(image)
        assert badged.shape == (*image.shape[:2], 3)
        assert badged.dtype == np.uint8
        assert label.has_badge(badged)
    assert np.array_equal(label.add_badge(gray)[:-14, :, 0], gray[:-14])


def test_has_badge_true_and_false(hopper):
    badged = label.add_badge(hopper)
    assert label.has_badge(badged)
    assert not label.has_badge(hopper)
    assert not label.has_badge(label.question_strip(badged))
    assert not label.has_badge(label.answer_strip(hopper, False))
    # Within one grey level is accepted, a visible change is not.
    nudged = badged.astype(int)
    nudged[-5:] += 1
    assert label.has_badge(np.clip(nudged, 0, 255).astype(np.uint8))
    rows = label.badge_height(hopper.shape[0])
    tampered = badged.copy()
    tampered[-rows + 4 : -4, 20:120] = label.BADGE_COLORS[0]  # paint over the first letters
    assert (badged[-rows:, 20:120] > 200).any()  # (there was text there)
    assert not label.has_badge(tampered)


def test_badge_survives_grayscale_conversion(hopper):
    badged = label.add_badge(hopper)
    gray = np.asarray(Image.fromarray(badged).convert("L"))
    assert label.has_badge(gray)


def test_has_badge_lossy_accepts_jpeg_but_not_unbadged(hopper):
    badged = label.add_badge(hopper)
    compressed = data.jpeg(badged, 75)
    assert not label.has_badge(compressed)
    assert label.has_badge(compressed, lossy=True)
    assert not label.has_badge(data.jpeg(hopper, 75), lossy=True)
    dark = hopper.copy()
    dark[bottom(dark)] = label.BADGE_COLORS[0]  # a dark strip without the words is not a badge
    assert not label.has_badge(dark, lossy=True)


def test_badge_text_is_readable_on_narrow_images():
    """At 128 px wide the strip still shows SYNTHETIC, at a legible size, inside the image."""
    image = np.full((128, 128, 3), 200, np.uint8)
    strip = label.add_badge(image)[-14:]
    text_columns = np.flatnonzero((strip > 128).any(axis=(0, 2)))
    text_rows = np.flatnonzero((strip > 128).any(axis=(1, 2)))
    assert text_columns.size and text_columns.min() > 0 and text_columns.max() < 127
    assert text_rows.max() - text_rows.min() >= 6  # capitals at least 7 px tall
    line, size = label._fit(label.BADGE_LINE, 128, 14)
    assert line.startswith(label.BADGE_TEXT) and size >= 8
    wide_line, _ = label._fit(label.BADGE_LINE, 1024, 64)
    assert wide_line == label.BADGE_LINE


def test_custom_badge_text_always_starts_with_synthetic(hopper):
    assert label._badge_line("a mirrored face") == "SYNTHETIC · a mirrored face"
    assert label._badge_line("SYNTHETIC test") == "SYNTHETIC test"
    custom = label.add_badge(hopper, "a mirrored face")
    assert label.has_badge(custom, "a mirrored face")
    assert not label.has_badge(custom)


def test_question_and_answer_strips_share_the_badge_geometry(hopper):
    rows = label.badge_height(hopper.shape[0])
    badged = label.add_badge(hopper)
    question_fake = label.question_strip(badged)
    question_real = label.question_strip(hopper)
    # The question strip hides whether there was a badge underneath.
    assert np.array_equal(question_fake[-rows:], question_real[-rows:])
    assert np.array_equal(question_fake[:-rows], hopper[:-rows])
    reveal_fake = label.answer_strip(question_fake, True)
    assert label.has_badge(reveal_fake)
    reveal_real = label.answer_strip(hopper, False, "US Navy photo")
    strip = reveal_real[-rows:].reshape(-1, 3).astype(int)
    background = np.median(strip, axis=0)
    assert background[1] > background[0] + 40 and background[1] > background[2] + 40  # green
    assert np.array_equal(reveal_real[:-rows], hopper[:-rows])
    assert not np.array_equal(label.answer_strip(hopper, False), reveal_real)  # the note is drawn


# ------------------------------------------------------- machine-readable label


def test_methods_have_a_source_type_and_description():
    for name in ("face_swap", "morph", "reenactment", "average_face", "mirror_face", "copy_move", "feature_paste"):
        source_type, description = label.METHODS[name]
        assert source_type in label.SYNTHETIC_SOURCE_TYPES
        assert description and "\n" not in description
    # the exact terms of the IPTC Digital Source Type vocabulary that readers look for
    assert label.TRAINED_ALGORITHMIC == "http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia"
    assert label.COMPOSITE_SYNTHETIC == "http://cv.iptc.org/newscodes/digitalsourcetype/compositeSynthetic"
    assert label.ALGORITHMIC == "http://cv.iptc.org/newscodes/digitalsourcetype/algorithmicMedia"


def test_xmp_packet_is_valid_xml_with_the_fields():
    packet = label.xmp_packet("face_swap", 'A <test> & "quote"')
    body = packet[packet.index("<x:xmpmeta") : packet.index("</x:xmpmeta>") + len("</x:xmpmeta>")]
    root = ET.fromstring(body)
    description = root.find(".//{http://www.w3.org/1999/02/22-rdf-syntax-ns#}Description")
    attributes = description.attrib
    assert attributes["{http://iptc.org/std/Iptc4xmpExt/2008-02-29/}DigitalSourceType"] == label.COMPOSITE_SYNTHETIC
    assert attributes["{http://ns.adobe.com/xap/1.0/}CreatorTool"] == "Real or Fake? course"
    assert attributes[f"{{{label.REALORFAKE_NS}}}method"] == "face_swap"
    li = root.find(".//{http://www.w3.org/1999/02/22-rdf-syntax-ns#}li")
    assert li.text == 'A <test> & "quote"'
    assert packet.startswith("<?xpacket begin=") and packet.endswith('<?xpacket end="w"?>')
    with pytest.raises(UnknownName):
        label.xmp_packet("deep_magic", "x")


@pytest.mark.parametrize("suffix", [".png", ".jpg", ".JPEG"])
def test_save_fake_writes_a_labelled_badged_file(tmp_path, hopper, suffix):
    path = label.save_fake(hopper, tmp_path / f"fake{suffix}", method="mirror_face")
    assert path.exists()
    assert label.is_labelled(path)
    assert label.is_labelled(path.read_bytes())
    found = label.read_label(path)
    assert found["method"] == "mirror_face"
    assert found["source_type"] == label.COMPOSITE_SYNTHETIC
    assert found["description"] == label.METHODS["mirror_face"].description
    pixels = np.asarray(Image.open(path).convert("RGB"))
    if suffix == ".png":
        assert label.has_badge(pixels)
        assert np.array_equal(pixels, label.add_badge(hopper))
    else:
        assert label.has_badge(pixels, lossy=True)
    assert [p.name for p in tmp_path.iterdir()] == [path.name]  # no temporary file left behind


def test_png_has_the_text_chunks_and_jpeg_the_exif_description(tmp_path, hopper):
    png = Image.open(label.save_fake(hopper, tmp_path / "a.png", method="copy_move"))
    assert png.text["realorfake:synthetic"] == "true"
    assert png.text["realorfake:method"] == "copy_move"
    assert "DigitalSourceType" in png.text["XML:com.adobe.xmp"]
    jpg = Image.open(label.save_fake(hopper, tmp_path / "a.jpg", method="copy_move", description="A moved patch"))
    assert jpg.getexif()[0x010E].startswith("SYNTHETIC: A moved patch")
    assert b"compositeSynthetic" in jpg.info["xmp"]
    assert label.read_label(tmp_path / "a.jpg")["description"] == "A moved patch"


def test_already_badged_image_is_saved_with_one_identical_badge(tmp_path, hopper):
    badged = label.add_badge(hopper)
    path = label.save_fake(badged, tmp_path / "b.png", method="face_swap")
    assert np.array_equal(np.asarray(Image.open(path).convert("RGB")), badged)


def test_plain_pillow_portrait_is_not_labelled(tmp_path, hopper):
    Image.fromarray(hopper).save(tmp_path / "real.png")
    Image.fromarray(hopper).save(tmp_path / "real.jpg", quality=90)
    for name in ("real.png", "real.jpg"):
        assert not label.is_labelled(tmp_path / name)
        assert label.read_label(tmp_path / name) is None


def test_xmp_with_a_real_source_type_is_not_a_synthetic_label(tmp_path, hopper):
    packet = label.xmp_packet("face_swap").replace(label.COMPOSITE_SYNTHETIC, "http://cv.iptc.org/newscodes/digitalsourcetype/digitalCapture")
    packet = packet.replace(' realorfake:method="face_swap"', "")
    Image.fromarray(hopper).save(tmp_path / "camera.jpg", xmp=packet.encode())
    assert not label.is_labelled(tmp_path / "camera.jpg")


def test_label_written_by_other_tools_in_element_form_is_recognised(tmp_path, hopper):
    packet = (
        '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        '<rdf:Description xmlns:Iptc4xmpExt="http://iptc.org/std/Iptc4xmpExt/2008-02-29/">'
        f'<Iptc4xmpExt:DigitalSourceType rdf:resource="{label.TRAINED_ALGORITHMIC}"/>'
        "</rdf:Description></rdf:RDF></x:xmpmeta>"
    )
    Image.fromarray(hopper).save(tmp_path / "gen.jpg", xmp=packet.encode())
    found = label.read_label(tmp_path / "gen.jpg")
    assert found == {"method": None, "source_type": label.TRAINED_ALGORITHMIC, "description": None}


def test_unlabelled_save_warns_and_carries_no_label(tmp_path, hopper):
    with pytest.warns(label.UnlabelledFakeWarning, match="UNLABELLED"):
        path = label.save_fake(hopper, tmp_path / "plain.png", method="morph", label=False)
    assert not label.is_labelled(path)
    assert np.array_equal(np.asarray(Image.open(path).convert("RGB")), hopper)


def test_labelled_save_does_not_warn(tmp_path, hopper):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        label.save_fake(hopper, tmp_path / "quiet.png", method="morph")


@pytest.mark.parametrize(
    ("name", "kwargs", "error"),
    [
        ("x.png", {"method": "magic"}, UnknownName),
        ("x.gif", {"method": "morph"}, CourseError),
        ("x", {"method": "morph"}, CourseError),
        ("x.jpg", {"method": "morph", "quality": 0}, CourseError),
        ("missing/x.png", {"method": "morph"}, CourseError),
    ],
)
def test_bad_arguments_raise_and_write_nothing(tmp_path, hopper, name, kwargs, error):
    with pytest.raises(error) as raised:
        label.save_fake(hopper, tmp_path / name, **kwargs)
    assert str(raised.value)
    assert list(tmp_path.rglob("*")) == []


def test_unknown_method_message_lists_the_choices(tmp_path, hopper):
    with pytest.raises(UnknownName, match="face_swap"):
        label.save_fake(hopper, tmp_path / "x.png", method="magic")


def test_failed_write_leaves_nothing_and_keeps_an_existing_file(tmp_path, hopper, monkeypatch):
    target = tmp_path / "keep.png"
    target.write_bytes(b"old")

    def broken_save(self, *args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(Image.Image, "save", broken_save)
    with pytest.raises(CourseError, match="Could not save keep.png .*disk full"):
        label.save_fake(hopper, target, method="morph")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["keep.png"]


def test_unreadable_files_raise_unreadable_image(tmp_path, hopper):
    (tmp_path / "notes.png").write_text("not an image")
    buffer = io.BytesIO()
    Image.fromarray(hopper).save(buffer, format="PNG")
    for bad in (tmp_path / "notes.png", tmp_path / "nothing.png", b"", buffer.getvalue()[:500]):
        with pytest.raises(UnreadableImage):
            label.is_labelled(bad)
    with pytest.raises(WrongShape):
        label.is_labelled(hopper)  # pixels carry no metadata


@pytest.mark.parametrize("path, message", [(123, "file name as text"), ("/proc/fake.png", "Could not save"), (None, "file name as text")])
def test_bad_save_paths_give_course_errors(hopper, path, message):
    with pytest.raises(CourseError, match=message):
        label.save_fake(hopper, path, method="face_swap")


def test_badge_below_adds_a_strip_and_hides_no_pixel(hopper):
    crop = hopper[100:300, 100:300]
    labelled = label.badge_below(crop)
    assert labelled.shape[1] == crop.shape[1] and labelled.shape[0] > crop.shape[0]
    np.testing.assert_array_equal(labelled[: crop.shape[0]], crop)
    assert label.has_badge(labelled)
