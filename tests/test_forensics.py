"""Forensic views: documented shapes and types, planted artifacts they must find, their limits, the course's fakes."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from realorfake import CourseError, ImageTooSmall, NoFaceFound, OutOfRange, UnknownName, WrongShape, data, faces, fakes, forensics, label
from realorfake.course import gallery
from realorfake.fakes import swap
from realorfake.show import forensic_pictures


@pytest.fixture(scope="module")
def hopper_face(hopper):
    return faces.largest_face(hopper)


@pytest.fixture(scope="module")
def collins_face(collins):
    return faces.largest_face(collins)


def _ring(face, shape, inner=0, outer=30):
    """Boolean band around the landmark hull, from ``inner`` to ``outer`` px outside it."""
    hull = (swap.face_mask(face.landmarks, shape) > 0.5).astype(np.uint8)
    grow = lambda r: cv2.dilate(hull, np.ones((2 * r + 1, 2 * r + 1), np.uint8)) > 0 if r else hull > 0  # noqa: E731
    return grow(outer) & ~grow(inner)


def _inside(face, shape, erode=10):
    hull = (swap.face_mask(face.landmarks, shape) > 0.5).astype(np.uint8)
    return cv2.erode(hull, np.ones((2 * erode + 1, 2 * erode + 1), np.uint8)) > 0


# ------------------------------------------------------- shapes and dtypes


@pytest.fixture(scope="module", params=["color", "gray"])
def picture(request, hopper):
    """The Hopper portrait as RGB or as a 2-D grayscale array."""
    return hopper if request.param == "color" else cv2.cvtColor(hopper, cv2.COLOR_RGB2GRAY)


def test_map_views_return_float32_maps_of_the_image_size(picture, hopper_face):
    h, w = picture.shape[:2]
    for result in (
        forensics.difference(picture, picture),
        forensics.boundary_map(picture, hopper_face),
        forensics.sharpness_map(picture),
        forensics.error_level(picture),
        forensics.noise_residual(picture),
    ):
        assert result.shape == (h, w) and result.dtype == np.float32
        assert np.isfinite(result).all()
    assert forensics.difference(picture, picture).max() == 0


def test_spectrum_shapes_on_color_and_gray(picture):
    result = forensics.spectrum(picture)
    n = min(picture.shape[:2])
    assert result.log_magnitude.shape == (n, n) and result.log_magnitude.dtype == np.float32
    assert result.frequency.shape == result.power.shape == (n // 2,)
    assert result.frequency[0] == 0 and result.frequency[-1] < 0.5
    assert np.isfinite(result.power).all() and np.isfinite(result.excess)
    # most of a photo's power is in the coarse shapes: the curve falls
    assert result.power[2] > result.power[-1] + 2


def test_color_report_numbers_and_chart(picture, hopper_face):
    import matplotlib

    matplotlib.use("agg")
    report = forensics.color_mismatch(picture, hopper_face)
    assert report.inside.shape == (3,) and report.array.shape == (2, 3)
    if np.ndim(picture) == 3:  # in colour, Hopper's cheeks and neck are found as skin
        assert report.ring_pixels > 100 and 0 < report.ring_fraction <= 1
    ax = forensic_pictures.color_chart(report)
    assert len(ax.patches) == 6  # three bars for the face, three for the ring


def test_color_report_without_skin_around_the_face(hopper, hopper_face):
    blue = hopper.copy()
    blue[swap.face_mask(hopper_face.landmarks, hopper.shape) < 0.5] = (0, 0, 255)  # no skin outside the face
    report = forensics.color_mismatch(blue, hopper_face)
    assert report.ring_pixels == 0 and np.isnan(report.color_gap)
    forensic_pictures.color_chart(report)  # still draws


def test_zoom_regions_are_enlarged_crops_with_the_documented_names(picture, hopper_face):
    crops = forensics.zoom_regions(picture, hopper_face, size=160)
    assert tuple(crops) == forensics.ZOOM_REGIONS
    boxes = forensics.zoom_boxes(hopper_face, picture.shape)
    for name, crop in crops.items():
        x, y, w, h = boxes[name]
        assert crop.dtype == np.uint8 and crop.ndim == 3 and crop.shape[2] == 3
        factor = crop.shape[0] // h
        assert factor >= 1 and crop.shape[:2] == (h * factor, w * factor)
        assert 0 <= x and x + w <= picture.shape[1] and 0 <= y and y + h <= picture.shape[0]
    # nearest-neighbour: each original pixel becomes a block of equal values
    eyes = crops["eyes"]
    factor = eyes.shape[0] // boxes["eyes"][3]
    if factor > 1:
        assert np.array_equal(eyes[::factor, ::factor], eyes[1::factor, 1::factor])


def test_azimuthal_average_of_known_arrays():
    assert np.allclose(forensics.azimuthal_average(np.full((40, 40), 3.0)), 3.0)
    y, x = np.indices((64, 64))
    profile = forensics.azimuthal_average(np.round(np.hypot(y - 32, x - 32)))
    assert profile.shape == (32,) and np.allclose(profile, np.arange(32))
    assert forensics.azimuthal_average(np.ones((20, 30))).shape == (10,)


def test_badge_rows_only_for_the_course_badge(hopper):
    fake = label.add_badge(hopper)
    assert label.badge_rows(fake) == label.badge_height(hopper.shape[0])
    assert label.badge_rows(hopper) == 0
    assert label.above_badge(fake).shape == (hopper.shape[0] - label.badge_height(hopper.shape[0]),) + hopper.shape[1:]
    # the views study what the caller gives them: cut the badge off once, and no map sees its crisp text
    picture = label.above_badge(fake)
    for view in (forensics.error_level, forensics.sharpness_map, forensics.noise_residual):
        assert view(picture).shape == picture.shape[:2]
    # why the caller cuts it: on the whole fake, the badge's crisp text glows far more than the photo
    rows = label.badge_rows(fake)
    ela = forensics.error_level(fake)
    assert ela[-rows:].mean() > 2 * ela[:-rows].mean()


def test_badge_below_labels_a_crop_without_covering_it(hopper):
    for crop in (hopper[:120, :200], hopper[:600], hopper[:37, :50]):
        labelled = label.badge_below(crop)
        assert np.array_equal(labelled[: crop.shape[0]], crop)  # nothing covered
        assert label.has_badge(labelled) and labelled.shape[0] > crop.shape[0]


# -------------------------------------------------------- planted artifacts


def test_ela_is_stronger_on_a_region_pasted_from_a_differently_compressed_image(hopper, collins):
    composite = data.jpeg(hopper, 70)  # the background was saved as JPEG quality 70
    composite[203:333, 197:327] = collins[150:280, 180:310]  # a patch that never was, off the 8-px grid
    patch = np.zeros(hopper.shape[:2], bool)
    patch[208:328, 202:322] = True
    background = np.ones(hopper.shape[:2], bool)
    background[190:346, 184:340] = False
    for quality in (70, 90):
        ela = forensics.error_level(composite, quality, amplify=1)
        assert ela[patch].mean() > 2.5 * ela[background].mean(), quality


def test_boundary_map_peaks_near_the_mask_edge_of_a_paste_swap(hopper, collins, hopper_face, collins_face):
    result = swap.face_swap(collins, hopper, blend="paste", source_face=collins_face, target_face=hopper_face)
    mask = (result.mask > 0.5).astype(np.uint8)
    edge = (cv2.dilate(mask, np.ones((3, 3), np.uint8)) - cv2.erode(mask, np.ones((3, 3), np.uint8))) > 0
    distance = cv2.distanceTransform((~edge).astype(np.uint8), cv2.DIST_L2, 5)
    seen = faces.largest_face(result.image)  # as a checker would find it, not the swap's own landmarks
    seam = forensics.boundary_map(result.image, seen)
    ring = seam > 0
    top = seam >= np.percentile(seam[ring], 99)
    assert (distance[top] <= 4).mean() > 0.9  # the strongest responses sit on the mask's edge
    near = (distance <= 3) & ring
    assert seam[near].mean() > 1.8 * seam[ring & ~near].mean()
    real = forensics.boundary_map(hopper, hopper_face)
    assert seam[near].mean() > 1.2 * real[near].mean()
    assert forensics.seam_profile(result.image, seen).contrast > forensics.seam_profile(hopper, hopper_face).contrast + 1.0


def test_sharpness_is_lower_on_a_blurred_pasted_face(hopper, hopper_face):
    mask = swap.face_mask(hopper_face.landmarks, hopper.shape, erode=2)[..., None] > 0.5
    pasted = np.where(mask, cv2.GaussianBlur(hopper, (0, 0), 2.5), hopper)
    inside, ring = _inside(hopper_face, hopper.shape), _ring(hopper_face, hopper.shape, 8, 40)
    fake = forensics.sharpness_map(pasted)
    assert np.median(fake[inside]) < np.median(fake[ring]) - 0.8
    real = forensics.sharpness_map(hopper)
    assert np.median(real[inside]) > np.median(real[ring]) - 0.3  # the untouched face is as crisp as its surroundings


def test_spectrum_shows_a_high_frequency_excess_after_nearest_neighbour_upsampling(hopper, collins):
    for image in (hopper, collins):
        original = forensics.spectrum(image)
        enlarged = forensics.spectrum(cv2.resize(image, None, fx=2, fy=2, interpolation=cv2.INTER_NEAREST))
        assert enlarged.excess > original.excess + 0.4
        smooth = forensics.spectrum(cv2.resize(image, None, fx=2, fy=2, interpolation=cv2.INTER_CUBIC))
        assert smooth.excess < original.excess - 0.5  # smooth enlarging leaves a deficit instead
        # in 2-D: the copies of the spectrum put power at the edges, around (0.5, 0) and (0, 0.5)
        n = enlarged.log_magnitude.shape[0]
        band = (slice(n // 2 - 8, n // 2 + 8), slice(int(0.88 * n), int(0.95 * n)))
        n0 = original.log_magnitude.shape[0]
        band0 = (slice(n0 // 2 - 8, n0 // 2 + 8), slice(int(0.88 * n0), int(0.95 * n0)))
        assert enlarged.log_magnitude[band].mean() > original.log_magnitude[band0].mean()


def _jittered(image, face, frames, sigma, seed=0):
    rng = np.random.default_rng(seed)
    mask = swap.face_mask(face.landmarks, image.shape, feather=3)[..., None]
    clip = []
    for _ in range(frames):
        dx, dy = rng.normal(0, sigma, 2)
        moved = cv2.warpAffine(image, np.float32([[1, 0, dx], [0, 1, dy]]), image.shape[1::-1], borderMode=cv2.BORDER_REFLECT)
        clip.append((moved * mask + image * (1 - mask) + 0.5).astype(np.uint8))
    return clip


def test_flicker_is_larger_on_a_jittered_clip_than_on_a_still_one(hopper, hopper_face):
    rng = np.random.default_rng(1)
    still = [np.clip(hopper.astype(np.int16) + rng.integers(-2, 3, hopper.shape), 0, 255).astype(np.uint8) for _ in range(6)]
    jittered = _jittered(hopper, hopper_face, 6, sigma=3.0)
    calm, shaky = forensics.flicker(still), forensics.flicker(jittered)
    for result in (calm, shaky):
        assert all(part.shape == (5,) for part in result)
    assert shaky.face.mean() > 4 * calm.face.mean()
    assert np.nanmean(shaky.landmarks) > np.nanmean(calm.landmarks)
    assert shaky.background.mean() < 0.5 * shaky.face.mean()  # only the face moved


def test_flicker_accepts_a_clip_and_an_array(hopper):
    clip = fakes.make_it_talk(hopper, seconds=0.4, fps=10)
    from_clip = forensics.flicker(clip)
    from_array = forensics.flicker(np.stack(clip.frames))
    assert from_clip.face.shape == (3,) and np.allclose(from_clip.face, from_array.face)
    assert (from_clip.eyes == 0).all()  # only the mouth and jaw were moved
    gray = forensics.flicker(np.stack([cv2.cvtColor(frame, cv2.COLOR_RGB2GRAY) for frame in clip.frames]))
    assert all(part.shape == (3,) for part in gray) and gray.face.max() > 0
    # reenactment moves the mouth and jaw: the face changes far more than the background (which the warp touches a little)
    assert (from_clip.background <= 0.2 * from_clip.face + 0.05).all()


def test_a_video_swap_flickers_around_the_eyes(hopper, collins):
    talking = fakes.make_it_talk(collins, seconds=0.6, fps=10)  # eyes perfectly still
    swapped = fakes.swap_video(talking, hopper)  # Hopper's face warped anew onto every frame
    assert forensics.flicker(talking).eyes.max() == 0
    assert forensics.flicker(swapped).eyes.mean() > 1.0


def test_color_gap_is_larger_without_color_correction(collins, collins_face):
    plain = gallery.course_fake("paste", color=False, onto="collins")
    fixed = gallery.course_fake("paste", color=True, onto="collins")
    gaps = {name: forensics.color_mismatch(ex.image, ex.face).color_gap for name, ex in (("plain", plain), ("fixed", fixed))}
    real = forensics.color_mismatch(collins, collins_face).color_gap
    assert gaps["plain"] > 3 * max(gaps["fixed"], real)


# -------------------------------------------------------------------- limits


def _ela_ratio(example):
    face = example.face
    ela = forensics.error_level(example.image, amplify=1)
    return ela[_inside(face, example.image.shape)].mean() / ela[_ring(face, example.image.shape, 5, 40)].mean()


def test_jpeg_and_resizing_wipe_out_the_ela_trace():
    assert _ela_ratio(gallery.course_fake("poisson")) > 2.5
    assert _ela_ratio(gallery.course_fake("poisson", quality=60)) < 1.5
    assert _ela_ratio(gallery.course_fake("poisson", half=True)) < 1.5


def test_a_real_photo_can_be_flagged_too():
    # a real photo (the cat) has a high-frequency excess like an enlarged picture: a false alarm
    assert forensics.spectrum(data.photo("chelsea")).excess > 0.3


# ------------------------------------------------------------------- errors


def test_learner_errors_are_course_errors(hopper, hopper_face):
    with pytest.raises(WrongShape):
        forensics.difference(hopper, hopper[:100])
    with pytest.raises(WrongShape):
        forensics.boundary_map(hopper, "not a face")
    with pytest.raises(OutOfRange):
        forensics.sharpness_map(hopper, tile=1)
    with pytest.raises(ImageTooSmall):
        forensics.sharpness_map(hopper[:8, :8], tile=16)
    with pytest.raises(ImageTooSmall):
        forensics.spectrum(hopper[:10, :10])
    with pytest.raises(CourseError):
        forensics.error_level(hopper, quality=0)
    with pytest.raises(WrongShape):
        forensics.flicker([hopper])
    with pytest.raises(WrongShape):
        forensics.flicker([hopper, hopper[:300]])
    with pytest.raises(NoFaceFound):
        forensics.flicker([data.photo("coffee")] * 2)
    with pytest.raises(WrongShape):
        forensics.azimuthal_average(np.ones(5))
    with pytest.raises(UnknownName):
        gallery.example("nothing like this")
    with pytest.raises(UnknownName):
        gallery.course_fake("smudge")


# ------------------------------------------------------ the course's fakes


def test_every_example_fake_is_labelled_and_has_its_original():
    for name, example in gallery.examples().items():
        assert example.name == name
        assert example.image.shape == example.original.shape
        assert not example.image.flags.writeable
        if example.fake:
            assert label.has_badge(example.image), name
            assert name.startswith("Fake:")
            changed = forensics.difference(example.image, example.original)
            assert changed[: -label.badge_height(changed.shape[0])].max() > 20  # the swap changed the face, not just the badge
        else:
            assert not label.has_badge(example.image) and example.image is example.original
        assert isinstance(example.face, faces.Face)


def test_course_fake_is_cached_and_sized():
    first = gallery.course_fake("feather", quality=60)
    assert gallery.course_fake("feather", quality=60) is first
    half = gallery.course_fake("poisson", half=True)
    assert half.image.shape[:2] == (300, 256)
    assert "JPEG 60" in first.name and first.settings["quality"] == 60


def test_each_mystery_case_is_labelled_and_revealed_by_its_view(hopper, hopper_face):
    cases = gallery.mystery_cases()
    assert tuple(cases) == gallery.MYSTERY_CASES
    for image in cases.values():
        assert label.has_badge(image) and not image.flags.writeable
    found = {letter: faces.largest_face(image) for letter, image in cases.items() if letter != "C"}
    # A: a soft face
    a, fa = cases["A"], found["A"]
    sharp = forensics.sharpness_map(a)
    assert np.median(sharp[_inside(fa, a.shape)]) < np.median(sharp[_ring(fa, a.shape, 8, 40)]) - 0.5
    # B: pasted eyes glow under ELA at the background's quality
    b = cases["B"]
    ela = forensics.error_level(b, 70, amplify=1)
    eyes = swap.face_mask(hopper_face.landmarks[17:48], b.shape) > 0.5
    rest = _inside(hopper_face, b.shape, 2) & ~eyes
    assert ela[eyes].mean() > 2 * ela[rest].mean()
    # C: enlarged by repeating pixels
    assert forensics.spectrum(cases["C"]).excess > forensics.spectrum(hopper).excess + 0.5
    # D: a seam all round
    assert forensics.seam_profile(cases["D"], found["D"]).contrast > forensics.seam_profile(hopper, hopper_face).contrast + 1.0
    # E: a quiet face in a grainy photo
    e, fe = cases["E"], found["E"]
    noise = np.abs(forensics.noise_residual(e))
    assert noise[_inside(fe, e.shape)].mean() < 0.5 * noise[_ring(fe, e.shape, 5, 40)].mean()


def test_close_ups_know_nothing_of_the_badge_and_the_caller_labels_a_fakes_crops(hopper, hopper_face):
    fake = gallery.course_fake("poisson")
    for crop in forensics.zoom_regions(fake.image, fake.face).values():
        assert not label.has_badge(crop)  # a view is array in, array out
        assert label.has_badge(label.badge_below(crop))
    for crop in forensics.zoom_regions(hopper, hopper_face).values():
        assert not label.has_badge(crop)


def test_a_pasted_seam_stands_out_around_more_of_the_outline_than_a_real_face():
    """Lesson 04 section 3: the seam maps look alike at notebook size; the share of the outline tells them apart."""
    hopper = data.portrait("hopper")
    real = forensics.seam_along_outline(hopper, faces.largest_face(hopper))
    covered = {mode: forensics.seam_along_outline(gallery.course_fake(mode).image, gallery.course_fake(mode).face).covered for mode in ("paste", "feather", "poisson")}
    assert real.covered < 0.6 and covered["paste"] > 0.9
    assert covered["paste"] > covered["feather"] > real.covered and covered["paste"] > covered["poisson"] > real.covered
    assert real.direction.shape == real.strength.shape == (72,)


def test_the_unrolled_ring_has_one_row_per_distance_and_refuses_too_few_directions():
    hopper = data.portrait("hopper")
    face = faces.largest_face(hopper)
    unrolled = forensics.seam_unwrapped(hopper, face, max_distance=10, bins=36)
    assert unrolled.strength.shape == (21, 36) and unrolled.distance[0] == -10 and unrolled.distance[-1] == 10
    assert np.nanmedian(unrolled.strength) == pytest.approx(1.0, abs=0.25)  # each direction on its own typical scale
    with pytest.raises(OutOfRange, match="bins"):
        forensics.seam_unwrapped(hopper, face, bins=4)


def test_the_seam_figure_fits_a_notebook_without_shrinking():
    import matplotlib

    matplotlib.use("Agg")
    hopper = data.portrait("hopper")
    fake = gallery.course_fake("paste")
    fig = forensic_pictures.seam_comparison([("real", hopper, faces.largest_face(hopper)), ("pasted", fake.image, fake.face)])
    width, _ = fig.get_size_inches() * fig.dpi
    assert width <= 840 and len(fig.axes) == 4  # two maps, two curve plots
    legends = [legend for sub in fig.subfigs for legend in sub.legends]  # one legend, under both curves
    assert legends and all(text.get_fontsize() >= 8 for legend in legends for text in legend.get_texts())
    fig.canvas.draw()  # the layout is made when the figure is drawn
    maps = [ax for ax in fig.axes if ax.images]
    assert all(ax.get_window_extent().width >= 0.23 * width for ax in maps)  # each map a quarter of the width, not squeezed by the curves' labels
    with pytest.raises(WrongShape):
        forensic_pictures.seam_comparison([])
