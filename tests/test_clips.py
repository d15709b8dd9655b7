"""Clips: saved as MP4 with a label, read back, played inline; errors leave nothing behind."""

from __future__ import annotations

import numpy as np
import pytest

from realorfake import OutOfRange, fakes, label
from realorfake.errors import CourseError, UnreadableImage, WrongShape
from realorfake.fakes import clips
from realorfake.widgets import clip_player


@pytest.fixture(scope="module")
def talking(hopper):
    return fakes.make_it_talk(hopper, seconds=0.5, fps=10)


def test_save_writes_mp4_and_label_and_reads_back(talking, tmp_path):
    path = talking.save(tmp_path / "talk.mp4")
    assert path.exists() and path.stat().st_size > 1000
    frames, fps = clips.read_video(path)
    assert len(frames) == len(talking) and fps == pytest.approx(10, abs=0.5)
    assert frames[0].shape == talking.frames[0].shape
    assert label.has_badge(frames[-1], lossy=True)  # the badge survives video compression
    info = clips.read_clip_label(path)
    assert info["synthetic"] is True and info["method"] == "reenactment"
    assert info["digital_source_type"] == label.COMPOSITE_SYNTHETIC
    assert sorted(p.name for p in tmp_path.iterdir()) == ["talk.mp4", "talk.mp4.label.json"]


def test_unlabelled_video_has_no_label(tmp_path):
    assert clips.read_clip_label(tmp_path / "someone_elses.mp4") is None


@pytest.mark.parametrize("name", ["talk.avi", "missing/talk.mp4"])
def test_bad_save_paths_write_nothing(talking, tmp_path, name):
    with pytest.raises(CourseError):
        talking.save(tmp_path / name)
    assert list(tmp_path.rglob("*")) == []


def test_clip_validation():
    frame = np.zeros((40, 40, 3), np.uint8)
    with pytest.raises(WrongShape):
        clips.Clip([])
    with pytest.raises(WrongShape, match="same size"):
        clips.Clip([frame, np.zeros((30, 40, 3), np.uint8)])
    with pytest.raises(OutOfRange, match="fps"):
        clips.Clip([frame], fps=0)
    with pytest.raises(WrongShape, match="fps"):
        clips.Clip([frame], fps="fast")
    assert not clips.Clip([frame]).labelled and clips.Clip([label.add_badge(frame)]).labelled


def test_read_video_errors(tmp_path):
    with pytest.raises(UnreadableImage):
        clips.read_video(tmp_path / "nope.mp4")
    junk = tmp_path / "junk.mp4"
    junk.write_bytes(b"not a video")
    with pytest.raises(UnreadableImage, match="not a video"):
        clips.read_video(junk)


def test_player_steps_through_frames(talking):
    player = clip_player.ClipPlayer(talking)
    assert player.player.max == len(talking) - 1 and player.player.interval == 100
    first = player.image.value
    assert player.image.alt.startswith(f"Frame 1 of {len(talking)}")  # the picture's alt text
    player.player.value = 3
    assert player.image.value != first and player.image.alt.startswith("Frame 4 of")
    player.player.value = 10_000  # past the end: the last frame, never an error
    assert player.player.value == len(talking) - 1


@pytest.mark.parametrize(
    "frames, fps, method, message",
    [
        ([[1, 2], [3, 4]], 15, "reenactment", "image"),
        ([np.zeros((20, 20, 3), np.uint8)], "x", "reenactment", "fps"),
        ([np.zeros((20, 20, 3), np.uint8)], 15, "magic", "Unknown method"),
    ],
)
def test_clip_refuses_bad_frames_fps_and_method(frames, fps, method, message):
    with pytest.raises(CourseError, match=message):
        clips.Clip(frames, fps=fps, method=method)


def test_float_frames_are_converted_and_the_player_labels_every_frame():
    frames = [np.full((40, 40, 3), 0.5)] * 3
    clip = clips.Clip(frames, fps=5, method="morph")
    assert clip.frames[0].dtype == np.uint8 and not clip.labelled
    player = clip_player.ClipPlayer(clip)
    import cv2

    shown = cv2.cvtColor(cv2.imdecode(np.frombuffer(player.image.value, np.uint8), cv2.IMREAD_COLOR), cv2.COLOR_BGR2RGB)
    assert label.has_badge(shown, lossy=True)
