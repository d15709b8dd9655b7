"""The face toolkit on awkward inputs: faces cut by the edge, small faces, odd clips, every option value.

Each kind of fault found by trying the toolkit as a new user would is tested
here with the right value; the cases come from ``shared/cases/toolkit``.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import cv2
import numpy as np
import pytest

from realorfake import CourseError, FaceCutOff, NoFaceFound, OutOfRange, UnknownName, WrongShape, data, faces, fakes, label
from realorfake.course import gallery
from realorfake.fakes import cheapfakes, swap
from realorfake.widgets import explorer, magnifier

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "realorfake"


# ------------------------------------------------- 1. a face cut by the photo's edge


@pytest.fixture(scope="module")
def chin_cut(hopper) -> np.ndarray:
    """Hopper's portrait cut just above the chin: dlib puts the chin's landmarks below the photo."""
    return np.ascontiguousarray(hopper[:300])


def test_a_source_face_cut_off_never_blends_black_into_the_fake(chin_cut, hopper, collins):
    face = faces.largest_face(chin_cut)
    assert face.landmarks[:, 1].max() > chin_cut.shape[0]  # the case: part of the face is outside
    bad, good = swap.face_swap(chin_cut, collins), swap.face_swap(hopper, collins)
    inside = bad.mask > 0.5
    assert (bad.warped[inside].max(axis=1) < 10).sum() == 0  # no pixel from outside the photo
    chin = inside.copy()
    chin[: int(bad.target_face.landmarks[57, 1]) + 4] = False

    def step(image):
        rows = np.abs(np.diff(image.astype(np.float32).mean(axis=2), axis=0))
        return float(np.percentile(rows[chin[1:] & chin[:-1]], 99.5))

    assert step(bad.image) <= step(good.image)  # no hard dark band on the fake's chin
    assert label.has_badge(bad.image)


def test_warps_never_mirror_the_photo_past_its_edge(chin_cut, collins):
    source_face, target_face = faces.largest_face(chin_cut), data.portrait_face("collins")
    triangles = swap.triangulate(target_face.landmarks)
    covered = swap.warp_coverage(chin_cut.shape, source_face.landmarks, target_face.landmarks, triangles, collins.shape)
    for warp in (swap.warp_fast, swap.warp_textbook):
        warped = warp(chin_cut, source_face.landmarks, target_face.landmarks, triangles, collins.shape)
        hull = swap.face_mask(target_face.landmarks, collins.shape, erode=3) > 0.5
        past_the_edge = hull & ~cv2.dilate(covered.astype(np.uint8), np.ones((5, 5), np.uint8)).astype(bool)
        assert past_the_edge.sum() > 50 and warped[past_the_edge].max() == 0  # nothing invented there


def test_steps_that_need_the_whole_face_say_it_is_cut_off(chin_cut, collins):
    face = faces.largest_face(chin_cut)
    assert faces.outside_fraction(face, chin_cut.shape) > 0.02
    with pytest.raises(FaceCutOff, match="cut off"):
        faces.align_face(chin_cut, face)
    with pytest.raises(FaceCutOff, match="cut off"):
        fakes.morph(chin_cut, collins)
    with pytest.raises(FaceCutOff, match="cut off"):  # more than half of the face is missing from its photo
        swap.face_swap(np.ascontiguousarray(data.portrait("hopper")[:230]), collins, source_face=data.portrait_face("hopper"))


def test_feature_paste_of_eyes_cut_off_is_refused(hopper, collins):
    face = data.portrait_face("collins")
    top = int(face.region("eyes")[:, 1].mean())  # the photo starts in the middle of the eyes
    cut = np.ascontiguousarray(collins[top:])
    moved = faces.Face(box=(face.box[0], face.box[1] - top, *face.box[2:]), landmarks=face.landmarks - [0, top], score=face.score)
    with pytest.raises(FaceCutOff, match="cut off"):
        cheapfakes.feature_paste(cut, hopper, source_face=moved)


def test_align_face_near_the_edge_repeats_edge_pixels_rather_than_mirroring(hopper):
    face = data.portrait_face("hopper")
    shifted = np.ascontiguousarray(hopper[:, 150:])  # the square's margin now reaches past the left edge
    moved = faces.Face(box=(face.box[0] - 150, *face.box[1:]), landmarks=face.landmarks - [150, 0], score=face.score)
    aligned = faces.align_face(shifted, moved, size=256)
    inverse = cv2.invertAffineTransform(faces.alignment_matrix(moved, 256))
    checked = 0
    for y in range(0, 256, 8):
        for x in range(0, 40, 4):
            sx, sy = inverse @ [x, y, 1]
            if sx < -2 and 2 < sy < shifted.shape[0] - 3:  # past the photo's left edge: its edge pixel, repeated
                edge = shifted[int(sy) - 2 : int(sy) + 4, 0].astype(int)  # the edge column around that row
                assert np.all(edge.min(axis=0) - 3 <= aligned[y, x]) and np.all(aligned[y, x] <= edge.max(axis=0) + 3)
                checked += 1
    assert checked > 20


# ------------------------------------------------- 2. advice a learner can follow


@pytest.fixture(scope="module")
def distant(collins) -> np.ndarray:
    """Collins's portrait shrunk to 300 px: a face about 50 px wide."""
    return cv2.resize(collins, (300, 300), interpolation=cv2.INTER_AREA)


def test_a_small_face_is_found_by_every_function_that_makes_a_fake(distant, hopper):
    assert not faces.detect_faces(distant)  # the case: not found at upsample=0
    assert label.has_badge(swap.face_swap(hopper, distant).image)
    assert label.has_badge(swap.face_swap(hopper, distant, upsample=1).image)
    assert label.has_badge(fakes.morph(hopper, distant))
    assert label.has_badge(fakes.make_it_talk(distant, seconds=0.3, upsample=1).frames[-1])
    assert label.has_badge(cheapfakes.mirror_face(distant))
    assert faces.aligned_face(distant, upsample=1).shape == (256, 256, 3)


def test_no_face_advice_names_an_option_the_function_has(hopper):
    gray = np.full((200, 200, 3), 128, np.uint8)
    for call in (lambda: swap.face_swap(hopper, gray), lambda: fakes.morph(hopper, gray), lambda: fakes.make_it_talk(gray, seconds=0.3)):
        with pytest.raises(NoFaceFound, match="upsample=2"):
            call()
    with pytest.raises(NoFaceFound, match="upsample=1"):
        swap.face_swap(hopper, gray, upsample=0)


def _functions(tree: ast.AST):
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            yield node


def _parameters(function: ast.FunctionDef) -> set[str]:
    arguments = function.args
    return {a.arg for a in arguments.args + arguments.kwonlyargs + arguments.posonlyargs}


def _calls(function: ast.FunctionDef) -> set[str]:
    return {node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "") for node in ast.walk(function) if isinstance(node, ast.Call)}


FACE_FINDERS = {"find_face", "largest_face"}
#: Functions that find faces only in the course's own pictures, where a face is always there to find.
OWN_PICTURES = {"portrait_face", "face"}


def test_every_public_function_that_finds_a_face_takes_upsample():
    """largest_face's advice says "Try upsample=1": every public caller must be able to follow it."""
    missing = []
    for path in PACKAGE.rglob("*.py"):
        for function in _functions(ast.parse(path.read_text(encoding="utf-8"))):
            if function.name.startswith("_") or function.name in FACE_FINDERS | OWN_PICTURES:
                continue
            if _calls(function) & FACE_FINDERS and "upsample" not in _parameters(function):
                missing.append(f"{path.relative_to(PACKAGE)}:{function.name}")
    assert not missing, f"these find a face but take no upsample: {missing}"


def test_every_raise_sites_advice_names_a_real_option():
    """An error that advises ``name=value`` is raised by a function that has a parameter ``name``."""
    wrong = []
    for path in PACKAGE.rglob("*.py"):
        for function in _functions(ast.parse(path.read_text(encoding="utf-8"))):
            for node in ast.walk(function):
                if not isinstance(node, ast.Raise) or node.exc is None:
                    continue
                text = " ".join(c.value for c in ast.walk(node.exc) if isinstance(c, ast.Constant) and isinstance(c.value, str))
                for name in re.findall(r"\b([a-z_]+)=\d", text):
                    if name not in _parameters(function):
                        wrong.append(f"{path.relative_to(PACKAGE)}:{function.name} advises {name}=")
    assert not wrong, wrong


# ------------------------------------------------- 3. arguments first; values from files are facts


def _clip_file(tmp_path, fps: float, frames: int = 12) -> Path:
    path = tmp_path / f"clip_{fps:g}.mp4"
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"mp4v"), fps, (256, 256))
    small = cv2.resize(data.portrait("collins"), (256, 256), interpolation=cv2.INTER_AREA)
    for _ in range(frames):
        writer.write(cv2.cvtColor(small, cv2.COLOR_RGB2BGR))
    writer.release()
    return path


@pytest.mark.parametrize(("fps", "expected", "kept"), [(240.0, 60.0, 3), (1000.0, 1000 / 17, 1), (0.5, 1.0, 12)])
def test_a_frame_rate_read_from_a_file_is_made_playable_with_a_note(tmp_path, hopper, fps, expected, kept):
    frames, file_fps = fakes.read_video(_clip_file(tmp_path, fps))
    assert file_fps == pytest.approx(fps, rel=0.01)
    playable, rate, notes = fakes.clips.playable(frames, file_fps)
    assert rate == pytest.approx(expected, rel=0.01) and len(playable) == kept and notes
    if fps == 240.0:
        clip = fakes.swap_video(_clip_file(tmp_path, fps), hopper)
        assert clip.fps == 60.0 and len(clip) == 3 and "240" in " ".join(clip.notes)


def test_a_broken_frame_rate_becomes_the_default():
    frames, rate, notes = fakes.clips.playable([np.zeros((4, 4, 3), np.uint8)], float("nan"))
    assert rate == fakes.clips.DEFAULT_FPS and notes


def test_swap_video_checks_its_options_before_any_work(monkeypatch, hopper):
    def no_work(*args, **kwargs):
        raise AssertionError("work started before the options were checked")

    monkeypatch.setattr(fakes.video_swap, "face_swap", no_work)
    monkeypatch.setattr(fakes.video_swap, "follow_face", no_work)
    frames = [hopper] * 3
    with pytest.raises(OutOfRange, match="fps"):
        fakes.swap_video(frames, hopper, fps=240)
    with pytest.raises(UnknownName, match="blend"):
        fakes.swap_video(frames, hopper, blend="smudge")


# ------------------------------------------------- 4. one person followed through a clip


def _head(image: np.ndarray, scale: float) -> np.ndarray:
    face = faces.largest_face(image)
    big = cv2.resize(image, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA if scale < 1 else cv2.INTER_CUBIC)
    cx, cy = (face.landmarks.mean(axis=0) * scale).astype(int)
    padded = cv2.copyMakeBorder(big, 200, 200, 200, 200, cv2.BORDER_REFLECT)
    return padded[cy + 50 : cy + 350, cx + 50 : cx + 350]


def test_the_video_swap_follows_one_person_when_another_leans_in(hopper, collins):
    left = cv2.cvtColor(cv2.cvtColor(_head(collins, 1.0), cv2.COLOR_RGB2GRAY), cv2.COLOR_GRAY2RGB)
    frames = [np.ascontiguousarray(np.hstack([left, _head(hopper, s)])) for s in np.linspace(0.46, 0.60, 6)]
    assert faces.detect_faces(frames[-1])[0].box[0] > 300  # the case: the other person is largest at the end
    clip = fakes.swap_video(frames, np.ascontiguousarray(collins[:, ::-1]))
    for before, after in zip(frames, clip.frames):
        change = np.abs(before.astype(int) - after.astype(int)).mean(axis=2)[:-30]
        assert change[:, :300].mean() > 5 * change[:, 300:].mean()  # always the left person


def test_a_lost_face_is_said_in_the_notes_and_no_other_face_is_taken(hopper, collins):
    left = _head(collins, 1.0)
    blank = np.full_like(left, 90)
    frames = [np.hstack([left, blank]), np.hstack([blank, _head(hopper, 1.0)]), np.hstack([left, blank])]
    followed, notes = fakes.video_swap.follow_face([np.ascontiguousarray(f) for f in frames])
    assert followed[1] is None  # the other person, on the right, was not taken
    assert followed[2] is not None and abs(followed[2].box[0] - followed[0].box[0]) < 15  # found again where it was
    assert any("lost in 1 frame" in note for note in notes)


def _walk_past_frames(hopper, collins) -> list[np.ndarray]:
    """Person A (Hopper, smaller) walks right past person B (Collins, standing), 70 px a frame (a reviewer's case)."""

    def head(image, scale):
        face = faces.largest_face(image)
        big = cv2.resize(image, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
        cx, cy = (face.landmarks.mean(axis=0) * scale).astype(int)
        padded = cv2.copyMakeBorder(big, 400, 400, 400, 400, cv2.BORDER_CONSTANT, value=(90, 110, 130))
        return padded[cy + 280 : cy + 520, cx + 300 : cx + 500]

    a, b = head(hopper, 0.5), head(collins, 1.0)
    frames = []
    for x in range(-40, 560, 70):
        canvas = np.full((360, 640, 3), (90, 110, 130), np.uint8)
        canvas[70:310, 300:500] = b
        x0, x1 = max(x, 0), min(x + 200, 640)
        canvas[60:300, x0:x1] = a[:, x0 - x : x1 - x]
        frames.append(canvas)
    return frames


def test_a_person_walking_past_another_is_followed_not_swapped_for_them(hopper, collins):
    frames = _walk_past_frames(hopper, collins)
    walker_face = min(faces.detect_faces(frames[0]), key=lambda f: f.box[0])  # A, on the left
    followed, _notes = fakes.video_swap.follow_face(frames, walker_face)
    centres = [None if f is None else f.landmarks[:, 0].mean() for f in followed]
    walker = [x + 100 for x in range(-40, 560, 70)]  # where A's face is in each frame
    for centre, truth in zip(centres, walker):
        assert centre is None or abs(centre - truth) < 40  # A, or nobody; never B at x = 400


# ------------------------------------------------- 5. every allowed value: a real swap or a clear error


@pytest.fixture(scope="module")
def two_sizes(hopper):
    """Target photos with a face about 220 px wide and one about 60 px wide, with their faces."""
    small = cv2.resize(hopper, None, fx=0.28, fy=0.28, interpolation=cv2.INTER_AREA)
    return {"220 px": (hopper, data.portrait_face("hopper")), "60 px": (small, faces.largest_face(small, upsample=1))}


def test_every_option_value_gives_a_real_swap(two_sizes, collins):
    """Blend mode x erode x feather x color correction x face size: the face changes, nothing far from it does."""
    source_face = data.portrait_face("collins")
    checked = 0
    for target, target_face in two_sizes.values():
        far = swap.face_mask(target_face.landmarks, target.shape, erode=-max(4, int(0.15 * target_face.box[2]))) < 0.5
        far[target.shape[0] - label.badge_height(target.shape[0]) :] = False
        core = swap.face_mask(target_face.landmarks, target.shape, erode=int(0.35 * target_face.box[2] / 2)) > 0.5
        for blend in swap.BLEND_MODES:
            for erode in (-50, -5, 0, 2, 20, 50):
                for feather in (0, 3, 14, 50):
                    for color in (True, False):
                        result = swap.face_swap(collins, target, blend=blend, erode=erode, feather=feather, color_correct=color, source_face=source_face, target_face=target_face)
                        changed = np.abs(result.image.astype(int) - target.astype(int)).max(axis=2)
                        swapped = result.mask > 0.5
                        assert swapped.sum() > 100 and swapped[core].any(), (blend, erode, feather, color)  # the face's middle is swapped
                        assert changed[swapped].mean() > 1 and changed[swapped].max() > 10, (blend, erode, feather, color)
                        # nothing far away (Poisson's solver may move a far pixel by a grey level)
                        assert changed[far].max() <= (1 if blend.startswith("poisson") else 0), (blend, erode, feather, color)
                        checked += 1
    assert checked == 2 * 4 * 6 * 4 * 2


def test_options_beyond_what_a_face_allows_are_scaled_with_a_note(collins, hopper):
    result = swap.face_swap(hopper, collins, erode=42, feather=30)
    assert result.notes and all(("erode" in note) or ("feather" in note) for note in result.notes)
    assert (result.mask > 0.5).sum() > 300


def test_the_soft_edge_is_color_corrected_too(hopper, collins):
    black_and_white = cv2.cvtColor(cv2.cvtColor(collins, cv2.COLOR_RGB2GRAY), cv2.COLOR_GRAY2RGB)
    for blend in ("paste", "poisson", "feather"):
        rgb = swap.face_swap(hopper, black_and_white, blend=blend).image.astype(int)
        chroma = np.abs(rgb[..., 0] - rgb[..., 1]) + np.abs(rgb[..., 1] - rgb[..., 2])
        assert (chroma > 15).sum() == 0, blend


def test_a_real_photo_never_comes_back_labelled_as_a_fake(hopper):
    with pytest.raises(CourseError, match="empty"):
        swap.blend_images(hopper, hopper, np.zeros(hopper.shape[:2], np.float32), "poisson")


def test_the_blend_comparer_reports_scaled_options(collins, hopper):
    from realorfake.widgets.blend_comparer import BlendComparer

    comparer = BlendComparer()
    comparer.direction.value = "reverse"  # Hopper's face onto Collins's smaller face
    comparer.feather.value = 20
    assert comparer.result is not None and comparer.result.notes
    assert "feather" in comparer.message.value


# ------------------------------------------------- 6. a course fake is recognised wherever it goes


@pytest.fixture(scope="module")
def big_fake(tmp_path_factory) -> tuple[np.ndarray, bytes]:
    big_photo = cv2.resize(data.portrait("hopper"), None, fx=2.0, fy=2.0, interpolation=cv2.INTER_CUBIC)
    fake = swap.face_swap(data.portrait("collins"), big_photo).image
    path = label.save_fake(fake, tmp_path_factory.mktemp("fake") / "my_fake.png", method="face_swap")
    return fake, path.read_bytes()


def test_a_large_course_fake_uploaded_to_the_magnifier_stays_labelled(big_fake):
    viewer = magnifier.ArtifactMagnifier(gallery.pictures(list(gallery.EXAMPLES)[:1]))
    assert viewer.process(big_fake[1], "my_fake.png")
    picture = viewer.pictures["Upload: my_fake.png"]
    assert picture.fake and "label" in picture.note
    viewer.zoom.value = "face"
    assert label.has_badge(viewer.left, lossy=True)
    viewer.view.value = "close-ups"
    assert label.has_badge(viewer.picture, lossy=True)


def test_the_badge_is_recognised_after_shrinking_and_recompressing(big_fake):
    fake = big_fake[0]
    for width in (1500, 1000, 800, 640, 512, 400, 300, 200):
        height = round(fake.shape[0] * width / fake.shape[1])
        travelled = data.jpeg(cv2.resize(fake, (width, height), interpolation=cv2.INTER_AREA if width < fake.shape[1] else cv2.INTER_CUBIC), 60)
        assert label.has_badge(travelled, lossy=True), width
    real = [data.portrait(n) for n in data.PORTRAITS] + [data.photo(n) for n in data.PHOTOS]
    real += [data.portrait_variant(n, v) for n in data.PORTRAITS for v in data.VARIANTS]
    real += [data.jpeg(cv2.resize(image, (200, round(200 * image.shape[0] / image.shape[1]))), 60) for image in real]
    assert not any(label.has_badge(image, lossy=True) for image in real)


def test_an_uploaded_fake_without_a_badge_is_known_by_its_label(tmp_path, hopper):
    path = label.save_fake(label.add_badge(hopper), tmp_path / "cropped.png", method="face_swap")
    cropped = label.read_label(path)
    assert cropped is not None
    upload = explorer.FaceUploader()
    upload.process(path.read_bytes(), "cropped.png")
    assert "fake made by the course" in upload.message.value and label.has_badge(upload.picture)


# ------------------------------------------------- more cases a reviewer found


def test_a_dark_footer_on_a_wide_real_photo_is_not_a_badge():
    wide = cv2.resize(data.photo("rocket"), (1920, 480), interpolation=cv2.INTER_AREA)
    wide[-30:] = 20
    assert not label.has_badge(wide, lossy=True)


def test_a_copy_that_kept_only_the_exif_is_still_known_as_a_fake(tmp_path, hopper, collins):
    from PIL import Image

    path = label.save_fake(swap.face_swap(collins, hopper).image, tmp_path / "fake.jpg", method="face_swap")
    original = Image.open(path)
    cropped = tmp_path / "crop.jpg"
    original.crop((100, 100, 400, 400)).save(cropped, exif=original.getexif())  # the XMP is gone, the EXIF stays
    assert label.read_label(cropped)["method"] == "face_swap"


def test_more_options_are_checked_before_any_work(hopper, monkeypatch):
    with pytest.raises(WrongShape, match="seed"):
        fakes.make_it_talk(hopper, seed=1.5)
    with pytest.raises(OutOfRange, match="seed"):
        fakes.make_it_talk(hopper, seed=-1)
    with pytest.raises(OutOfRange, match="size"):
        faces.align_face(hopper, data.portrait_face("hopper"), size=100_000)

    def no_reading(*args, **kwargs):
        raise AssertionError("the file was read before the options were checked")

    monkeypatch.setattr(fakes.video_swap, "read_video", no_reading)
    with pytest.raises(OutOfRange, match="upsample"):
        fakes.swap_video("clip.mp4", hopper, upsample=3)
    with pytest.raises(WrongShape, match="target_face"):
        fakes.swap_video("clip.mp4", hopper, target_face="x")


def test_a_face_under_the_badge_is_refused(hopper, collins):
    """A tall photo whose face sits in its bottom sixteenth: the badge would cover the whole swap."""
    tall = np.full((3900, hopper.shape[1], 3), 128, np.uint8)
    tall[-250:] = hopper[120:370]
    face = data.portrait_face("hopper")
    shift = np.array([0, 3900 - 250 - 120])
    low = faces.Face(box=(face.box[0], face.box[1] + int(shift[1]), *face.box[2:]), landmarks=face.landmarks + shift, score=face.score)
    with pytest.raises(CourseError, match="badge"):
        swap.face_swap(collins, tall, target_face=low)


def test_large_and_long_video_files_are_brought_to_a_size_a_laptop_holds(tmp_path, monkeypatch, hopper):
    monkeypatch.setattr(fakes.video_swap, "VIDEO_SIDE", 256)  # as if the frames were 4K
    monkeypatch.setattr(fakes.video_swap, "MAX_FRAMES", 4)
    path = _clip_file(tmp_path, 15.0, frames=6)
    clip = fakes.swap_video(path, hopper)
    text = " ".join(clip.notes)
    assert len(clip) == 4 and "only the first 4 were read" in text
    monkeypatch.setattr(fakes.video_swap, "VIDEO_SIDE", 200)
    smaller = fakes.swap_video(path, hopper)
    assert max(smaller.frames[0].shape[:2]) == 200 and "downsized" in " ".join(smaller.notes)


def test_a_small_moving_face_is_followed_at_the_search_level_it_needed(hopper):
    small = cv2.resize(hopper, None, fx=0.25, fy=0.25, interpolation=cv2.INTER_AREA)  # a face about 54 px wide
    frames = []
    for shift in range(0, 60, 8):
        canvas = np.full((180, 320, 3), 100, np.uint8)
        canvas[20 : 20 + small.shape[0] // 2 * 2 - 10, 40 + shift : 40 + shift + small.shape[1]] = small[: small.shape[0] // 2 * 2 - 10]
        frames.append(canvas)
    followed, notes = fakes.video_swap.follow_face(frames)
    assert all(face is not None for face in followed) and not notes
    assert followed[-1].box[0] - followed[0].box[0] > 40  # it moved with the person


def test_the_ordinal_in_the_frame_rate_note():
    assert fakes.clips._ordinal(3) == "3rd" and fakes.clips._ordinal(11) == "11th" and fakes.clips._ordinal(22) == "22nd"


def test_the_blend_comparer_gives_advice_its_learner_can_follow(hopper):
    from realorfake.widgets.blend_comparer import BlendComparer

    comparer = BlendComparer(hopper, np.full((200, 200, 3), 128, np.uint8))
    assert "No face found" in comparer.message.value and "upsample" not in comparer.message.value


@pytest.mark.parametrize(
    "crop", [(slice(140, 345), slice(165, 365)), (slice(150, None), slice(None)), (slice(None, 295), slice(None)), (slice(None), slice(None, 330))], ids=["tight", "forehead", "chin", "cheek"]
)
def test_a_photo_cropped_through_the_head_is_refused_not_smeared(hopper, collins, crop):
    """The landmarks can all lie inside while the forehead or a cheek is cut: a quarter of the square would be smear."""
    cut = np.ascontiguousarray(hopper[crop])
    face = faces.find_face(cut)
    with pytest.raises(FaceCutOff, match="cropped too tightly|cut off"):
        faces.align_face(cut, face)
    with pytest.raises(FaceCutOff, match="cropped too tightly|cut off"):
        fakes.morph(cut, collins)


@pytest.mark.parametrize("view", ["seam", "ELA", "sharpness", "noise", "difference"])
def test_every_zoomed_view_of_a_fake_in_the_magnifier_is_labelled(view):
    viewer = magnifier.ArtifactMagnifier(gallery.pictures(["Fake: Collins on Hopper, Poisson"]))
    viewer.zoom.value = "face"
    viewer.view.value = view
    assert label.has_badge(viewer.left) and label.has_badge(viewer.picture)


def test_each_close_up_of_a_fake_in_the_magnifier_has_its_own_badge():
    from realorfake.show import forensic_pictures

    fake = gallery.course_fake("poisson")
    sheet = forensic_pictures.render_view(fake.image, "close-ups", face=fake.face)
    cell = sheet.shape[0] // 2
    for row in range(2):
        for column in range(2):
            crop = sheet[row * cell + 2 : (row + 1) * cell - 2, column * cell + 2 : (column + 1) * cell - 2]
            rows = np.nonzero((crop != 255).any(axis=(1, 2)))[0]
            cols = np.nonzero((crop != 255).any(axis=(0, 2)))[0]
            assert label.has_badge(crop[: rows[-1] + 1, : cols[-1] + 1], lossy=True), (row, column)
