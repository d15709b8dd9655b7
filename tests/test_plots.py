"""Pictures for lessons: PNG bytes for widgets from any image array, grids and landmark plots that refuse bad input."""

from __future__ import annotations

import io

import matplotlib

matplotlib.use("agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from PIL import Image  # noqa: E402

from realorfake import faces  # noqa: E402
from realorfake.errors import CourseError, WrongShape  # noqa: E402
from realorfake.show import plots  # noqa: E402


def _decoded(png: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB"))


def test_png_bytes_round_trips_an_rgb_photo(hopper):
    assert np.array_equal(_decoded(plots.png_bytes(hopper)), hopper)


@pytest.mark.parametrize(
    "array, expected_gray",
    [
        (np.full((10, 12), 0.5), 128),  # 2-D float, read as 0-1
        (np.full((10, 12, 3), 200.0), 200),  # float with values above 1: read as 0-255, not clipped to white
        (np.ones((10, 12), dtype=bool), 255),  # a mask
        (np.full((10, 12), 1000, dtype=np.uint16), 4),  # 16-bit
    ],
    ids=["float-0-1", "float-0-255", "bool", "uint16"],
)
def test_png_bytes_reads_masks_and_maps_on_their_own_scale(array, expected_gray):
    picture = _decoded(plots.png_bytes(array))
    assert picture.shape == (10, 12, 3)
    assert np.abs(picture.astype(int) - expected_gray).max() <= 1


def test_png_bytes_shrinks_to_max_side(hopper):
    picture = _decoded(plots.png_bytes(hopper, max_side=120))
    assert max(picture.shape[:2]) == 120


@pytest.mark.parametrize(
    "bad",
    [np.zeros((0, 0, 3), np.uint8), np.zeros((5, 0)), "hopper.png", None, np.zeros((4, 4, 7)), [[1, 2], [3]]],
    ids=["empty", "no-columns", "string", "none", "seven-channels", "ragged"],
)
def test_png_bytes_refuses_what_is_not_an_image_with_a_course_error(bad):
    with pytest.raises(WrongShape):
        plots.png_bytes(bad)


def test_show_draws_one_image_or_a_grid(hopper):
    fig = plots.show([hopper, hopper[:, :, 0], hopper], ["a", "b", "c"], cols=2)
    try:
        assert len(fig.axes) == 4
        assert [ax.get_title() for ax in fig.axes[:3]] == ["a", "b", "c"]
        assert len(fig.axes[3].get_images()) == 0  # the spare cell stays empty
    finally:
        plt.close(fig)
    fig = plots.show(hopper)
    try:
        assert len(fig.axes) == 1
    finally:
        plt.close(fig)


def test_show_of_nothing_says_so():
    with pytest.raises(WrongShape, match="at least one image"):
        plots.show([])


def test_plot_landmarks_draws_every_region_it_is_given(hopper):
    face = faces.largest_face(hopper)
    ax = plots.plot_landmarks(hopper, face, ["mouth", "nose"])
    try:
        labels = ax.get_legend_handles_labels()[1]
        assert labels == ["mouth", "nose"]
        points = np.vstack([c.get_offsets() for c in ax.collections])
        np.testing.assert_allclose(points, np.vstack([face.region("mouth"), face.region("nose")]))
    finally:
        plt.close(ax.figure)


def test_plot_landmarks_refuses_a_face_that_is_not_one(hopper):
    face = faces.largest_face(hopper)
    with pytest.raises(WrongShape):
        plots.plot_landmarks(hopper, face.box)
    with pytest.raises(WrongShape):
        plots.plot_landmarks(hopper[:40, :40], face)  # found in another image
    with pytest.raises(CourseError):
        plots.plot_landmarks(hopper, face, ["ears"])


def test_closed_regions_are_drawn_as_loops(hopper):
    face = faces.largest_face(hopper)
    ax = plots.plot_landmarks(hopper, face, ["right_eye", "jaw"], box=False)
    try:
        eye, jaw = (line.get_xydata() for line in ax.lines)
        assert "right_eye" in plots.CLOSED_REGIONS and "jaw" not in plots.CLOSED_REGIONS
        assert len(eye) == 7  # six points and back to the first
        np.testing.assert_allclose(eye[0], eye[-1])
        assert len(jaw) == 17
    finally:
        plt.close(ax.figure)


def test_a_row_of_images_is_never_wider_than_a_notebook_shows():
    """A notebook shrinks a wider figure, and its titles with it (Lesson 03's four blends were 180 px each)."""
    import matplotlib

    matplotlib.use("Agg")
    from realorfake.show import plots

    picture = np.zeros((40, 40, 3), np.uint8)
    fig = plots.show([picture] * 5, cols=5, size=3)
    assert fig.get_size_inches()[0] <= plots.NOTEBOOK_WIDTH + 1e-9
    fig = plots.show([picture] * 2, cols=2, size=3)
    assert fig.get_size_inches()[0] == 6  # narrow enough: left as asked


def test_mark_region_frames_exactly_the_sliced_pixels_and_keeps_its_label_off_the_title():
    """Lesson 02 once printed a 4 x 4 crop of pixels without showing where in the photo they were."""
    image = np.zeros((40, 40, 3), np.uint8)
    fig = plots.show([image, image])
    box = plots.mark_region(fig.axes[0], 10, 20, 4, 4, "here")
    assert box.get_xy() == (9.5, 19.5) and box.get_width() == 4 and box.get_height() == 4  # pixel edges
    top = plots.mark_region(fig.axes[1], 0, 0, 4, 4, "top")
    labels = {text.get_text(): text for ax in fig.axes for text in ax.texts}
    assert labels["here"].xy[1] == 19.5 and labels["here"].get_va() == "bottom"  # above a box in the middle
    assert labels["top"].xy[1] == 3.5 and labels["top"].get_va() == "top"  # below a box at the top, clear of the title
    assert top.get_edgecolor() != (0, 0, 0, 0)
    plt.close(fig)


def test_every_landmark_region_has_a_colour_of_its_own():
    """Right and left eye were one yellow, right and left eyebrow one blue: the legend could not tell them apart."""
    shown = [plots.REGION_COLORS[name] for name in plots.BASIC_REGIONS]
    assert len(set(shown)) == len(shown)


def test_every_figure_gets_alt_text_from_its_titles_or_from_the_lesson():
    """JupyterLab drew every figure as an image with no alt text: a screen reader heard only "image"."""
    from realorfake.show import figure_alt

    fig = plots.show([np.zeros((20, 20, 3), np.uint8), np.zeros((20, 20), np.uint8)], ["red channel", "grayscale"])
    assert figure_alt.alt_text(fig) == "2 panels: picture: red channel; picture: grayscale"
    chart, ax = plt.subplots()
    ax.plot([0, 1], [0, 1])
    ax.set_title("ROC curve")
    ax.set_xlabel("false alarms")
    chart.suptitle("The detector")
    assert figure_alt.alt_text(chart) == "The detector. 1 panel: chart: ROC curve false alarms"
    figure_alt.set_alt(chart, "The curve  bends up and left:\na good detector.")
    assert figure_alt.alt_text(chart) == "The curve bends up and left: a good detector."
    page = figure_alt.figure_html(chart)
    assert page.startswith('<img src="data:image/png;base64,iVBOR') and 'alt="The curve bends up and left: a good detector."' in page
    assert 'alt="&lt;b&gt;' in figure_alt.figure_html(figure_alt.set_alt(chart, "<b>bold</b>"))  # escaped
    plt.close("all")
