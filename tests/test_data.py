"""Bundled images, variants, bring-your-own photos and the LFW loader (offline, on a tiny folder)."""

from __future__ import annotations

import numpy as np
import pytest

from conftest import encode
from realorfake import data, faces
from realorfake.errors import DataUnavailable, UnknownName


@pytest.mark.parametrize("name", list(data.PORTRAITS))
def test_portraits_are_rgb_with_a_credit(name):
    image = data.portrait(name)
    assert image.dtype == np.uint8 and image.ndim == 3 and image.shape[2] == 3
    assert data.credit(name).licence == "public domain"


@pytest.mark.parametrize("name", list(data.PHOTOS))
def test_photos_load_and_have_no_face(name):
    image = data.photo(name)
    assert image.dtype == np.uint8 and image.shape[2] == 3 and min(image.shape[:2]) > 200
    assert faces.detect_faces(image) == []


def test_unknown_names_list_the_choices():
    with pytest.raises(UnknownName, match="collins, hopper"):
        data.portrait("mona_lisa")
    with pytest.raises(UnknownName, match="coffee"):
        data.photo("tea")
    with pytest.raises(UnknownName, match="mirrored"):
        data.portrait_variant("hopper", "sepia")


def test_lfw_subset_is_100_small_gray_faces():
    crops = data.lfw_subset()
    assert crops.shape == (100, 25, 25) and crops.dtype == np.uint8
    assert 60 < crops.mean() < 200


@pytest.mark.parametrize("variant", data.VARIANTS)
def test_every_variant_is_a_real_edit_that_keeps_a_detectable_face(variant):
    original = data.portrait("hopper")
    edited = data.portrait_variant("hopper", variant)
    assert edited.dtype == np.uint8 and edited.shape[2] == 3
    if variant != "original":
        assert edited.shape != original.shape or np.abs(edited.astype(int) - original).mean() > 1
    upsample = 1 if variant == "small" else 0
    assert len(faces.detect_faces(edited, upsample=upsample)) >= 1


def test_jpeg_quality_changes_pixels_and_checks_its_range(hopper):
    low = data.jpeg(hopper, 10)
    high = data.jpeg(hopper, 95)
    error = lambda im: np.abs(im.astype(int) - hopper).mean()  # noqa: E731
    assert error(low) > 2 * error(high)
    for bad in (0, 101, "high"):
        with pytest.raises(data.CourseError, match="from 1 to 100"):
            data.jpeg(hopper, bad)


def test_my_photos_loads_images_and_skips_broken_files(tmp_path, hopper):
    (tmp_path / "anna.png").write_bytes(encode(hopper, "PNG"))
    (tmp_path / "ben.jpg").write_bytes(encode(hopper, "JPEG"))
    (tmp_path / "broken.jpg").write_bytes(b"not really a jpeg")
    (tmp_path / "README.md").write_text("consent notes")
    with pytest.warns(UserWarning, match="Skipped broken.jpg"):
        photos = data.my_photos(tmp_path)
    assert sorted(photos) == ["anna.png", "ben.jpg"]
    assert photos["anna.png"].shape == hopper.shape


def test_my_photos_missing_folder_says_what_to_do(tmp_path):
    with pytest.raises(DataUnavailable, match="Create it"):
        data.my_photos(tmp_path / "nowhere")


def test_my_photos_default_folder_is_in_the_course(monkeypatch, tmp_path):
    monkeypatch.setenv("REALORFAKE_HOME", str(tmp_path))
    assert data.my_photos_folder() == tmp_path / "data" / "my_photos"
    assert data.lfw_cache_folder() == tmp_path / "data" / "cache"


def test_fetch_lfw_offline_without_cache_explains(tmp_path):
    with pytest.raises(DataUnavailable, match="download=True"):
        data.fetch_lfw(cache_folder=tmp_path)


def _tiny_lfw(home, hopper, collins):
    """The folder layout scikit-learn's fetch_lfw_people reads, with 2 people x 3 photos."""
    import cv2

    lfw = home / "lfw_home"
    (lfw / "lfw_funneled").mkdir(parents=True)
    for name in ("pairsDevTrain.txt", "pairsDevTest.txt", "pairs.txt"):
        (lfw / name).write_text("")
    for person, image in (("Grace_Hopper", hopper), ("Eileen_Collins", collins)):
        folder = lfw / "lfw_funneled" / person
        folder.mkdir()
        for i, variant in enumerate(("original", "mirrored", "warm"), start=1):
            picture = cv2.resize(data.variant_of(image, variant), (250, 250))
            (folder / f"{person}_{i:04d}.jpg").write_bytes(encode(picture, "JPEG"))


def test_fetch_lfw_reads_a_cached_folder(tmp_path, hopper, collins):
    _tiny_lfw(tmp_path, hopper, collins)
    people = data.fetch_lfw(min_faces_per_person=3, resize=0.5, cache_folder=tmp_path)
    assert people.images.shape[0] == 6
    assert sorted(people.target_names) == ["Eileen Collins", "Grace Hopper"]
    assert np.bincount(people.target).tolist() == [3, 3]


def test_fetch_lfw_with_too_few_photos_explains(tmp_path, hopper, collins):
    _tiny_lfw(tmp_path, hopper, collins)
    with pytest.raises(DataUnavailable, match="no usable faces"):
        data.fetch_lfw(min_faces_per_person=50, cache_folder=tmp_path)


def test_fetch_lfw_offline_creates_no_folder(tmp_path):
    with pytest.raises(DataUnavailable):
        data.fetch_lfw(cache_folder=tmp_path / "cache")
    assert not (tmp_path / "cache").exists()
