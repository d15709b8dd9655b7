"""The warm-up quiz: fair, reproducible items, and a widget that can be played with clicks."""

from __future__ import annotations

import html
import io

import numpy as np
import pytest
from PIL import Image

from realorfake import label
from realorfake.course import progress, warmup
from realorfake.errors import CourseError
from realorfake.widgets import quiz


@pytest.fixture(scope="module")
def items() -> list[quiz.QuizItem]:
    return warmup.warmup_items(seed=0)


def _tiny_items() -> list[quiz.QuizItem]:
    """Four quick items (two real, two fake) for driving the widget."""
    rng = np.random.default_rng(3)
    photos = [rng.integers(0, 256, size=(96, 128, 3), dtype=np.uint8) for _ in range(4)]
    return [
        quiz.QuizItem(photos[0], False, "Real: noise one.", "photo", "test"),
        quiz.QuizItem(label.add_badge(photos[1]), True, "Fake: noise two <made>.", "copy_move", "test"),
        quiz.QuizItem(photos[2], False, "Real: noise three.", "photo", "test"),
        quiz.QuizItem(label.add_badge(photos[3]), True, "Fake: noise four.", "mirror_face", "test"),
    ]


def _play(game: quiz.RealOrFakeQuiz, votes) -> None:
    """Vote for every item (True = fake), pressing Next after each vote."""
    for says_fake in votes:
        (game.fake_button if says_fake else game.real_button).click()
        game.next_button.click()


def _decoded(game: quiz.RealOrFakeQuiz) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(game.image.value)).convert("RGB"))


# ------------------------------------------------------------------- items


def test_the_warmup_is_eight_items_half_of_them_fake(items):
    assert len(items) == 8
    assert sum(item.is_fake for item in items) == 4
    assert {item.kind for item in items if item.is_fake} == {"mirror_face", "feature_paste", "copy_move", "average_face"}
    assert {item.kind for item in items if not item.is_fake} == {"portrait", "portrait_variant", "photo", "lfw"}


def test_every_item_is_an_rgb_image_with_a_one_line_explanation_and_credit(items):
    for item in items:
        assert item.image.dtype == np.uint8 and item.image.ndim == 3 and item.image.shape[2] == 3
        assert item.explanation.startswith("Fake:" if item.is_fake else "Real:")
        assert "\n" not in item.explanation and len(item.explanation) < 220
        assert item.credit


def test_every_fake_carries_the_badge_and_no_real_photo_does(items):
    for item in items:
        assert label.has_badge(item.image) == item.is_fake, item.kind


def test_the_same_seed_gives_the_same_round(items):
    again = warmup.warmup_items(seed=0)
    assert [i.kind for i in again] == [i.kind for i in items]
    assert all(np.array_equal(a.image, b.image) for a, b in zip(again, items))


def test_other_seeds_give_other_rounds_and_stay_balanced(items):
    orders = {tuple(i.kind for i in items)}
    for seed in (1, 2, 3):
        round_ = warmup.warmup_items(seed=seed)
        assert sum(i.is_fake for i in round_) == 4
        orders.add(tuple(i.kind for i in round_))
    assert len(orders) > 1


# ------------------------------------------------------------------ widget


def test_the_caption_says_fakes_are_labelled_and_stays_on_screen(items):
    game = quiz.RealOrFakeQuiz(items[:2])

    def shown_text() -> str:
        visible = [child for child in game.widget.children if getattr(child.layout, "display", None) != "none"]
        return " ".join(html.unescape(child.value) for child in visible if hasattr(child, "value") and isinstance(child.value, str))

    for moment in ("before voting", "after a vote", "after the last item"):
        text = shown_text()
        assert "every fake is labelled" in text and "made by this course" in text, moment
        if moment == "before voting":
            game.fake_button.click()
        elif moment == "after a vote":
            game.next_button.click()
            game.real_button.click()
            game.next_button.click()
    assert game.finished


def test_playing_every_item_gives_the_score_and_saves_the_answers(tmp_path, monkeypatch, items):
    monkeypatch.setenv("REALORFAKE_PROGRESS", str(tmp_path))
    finished = []
    game = warmup.warmup_quiz(0)
    game.on_finish = finished.append
    assert [item.kind for item in game.items] == [item.kind for item in items]
    assert "1 / 8" in game.progress_label.value
    votes = [item.is_fake for item in items]
    votes[0] = not votes[0]  # one mistake
    _play(game, votes)
    assert game.finished and finished == [game]
    assert game.buttons.layout.display == "none"  # nothing left to click
    assert game.score == 7 and len(game.answers) == 8
    assert "7 / 8" in game.summary.value
    assert [a["correct"] for a in game.answers] == [i > 0 for i in range(8)]
    assert [a["vote"] for a in game.answers] == ["fake" if v else "real" for v in votes]
    assert progress.load_answers("warmup") == game.answers
    assert game.saved_to == tmp_path / "warmup.json"
    assert warmup.saved_score("warmup").startswith("Your saved 'warmup' score: 7 / 8")


def test_each_vote_reveals_the_answer_and_the_explanation():
    items = _tiny_items()
    game = quiz.RealOrFakeQuiz(items)
    for number, item in enumerate(items, start=1):
        assert f"{number} / 4" in game.progress_label.value
        assert html.escape(item.explanation) not in game.feedback.value
        assert not game.real_button.disabled and game.next_button.disabled
        assert game.next_button.disabled  # "Next" works only after the vote
        game.real_button.click()
        assert html.escape(item.explanation) in game.feedback.value
        assert ("✗" if item.is_fake else "✓") in game.feedback.value
        assert game.real_button.disabled and game.fake_button.disabled and not game.next_button.disabled
        # the image now shows the answer strip: the badge for a fake
        assert np.array_equal(game.shown_image(), label.answer_strip(item.image, item.is_fake))
        game.next_button.click()
    assert game.score == 2
    assert "Real photos recognised as real: 2 / 2" in game.summary.value and "fakes caught: 0 / 2" in game.summary.value


def test_before_the_vote_real_and_fake_look_the_same_at_the_bottom(items):
    game = quiz.RealOrFakeQuiz(items)
    for item in items:
        shown = game.shown_image()
        rows = label.badge_height(shown.shape[0])
        neutral = label.question_strip(np.zeros_like(item.image))
        assert np.array_equal(shown[-rows:], neutral[-rows:]), item.kind  # the strip ignores what is under it
        assert np.array_equal(shown[:-rows], item.image[:-rows])  # the rest is the image itself
        assert not label.has_badge(shown)
        assert _decoded(game).shape[0] <= quiz.DISPLAY_SIDE and _decoded(game).shape[1] <= quiz.DISPLAY_SIDE
        game.fake_button.click()
        game.next_button.click()


def test_the_neutral_strip_hides_whether_a_badge_was_there(hopper):
    assert np.array_equal(label.question_strip(label.add_badge(hopper)), label.question_strip(hopper))


def test_the_widget_shows_the_question_version_before_and_the_answer_after():
    item = _tiny_items()[1]
    game = quiz.RealOrFakeQuiz([item])
    before = _decoded(game)
    assert np.array_equal(before, label.question_strip(item.image))
    game.fake_button.click()
    after = _decoded(game)
    assert label.has_badge(after) and not np.array_equal(before, after)


def test_a_second_vote_and_an_early_next_are_ignored():
    game = quiz.RealOrFakeQuiz(_tiny_items())
    game.next_button.click()  # before any vote
    assert game.index == 0 and "Vote first" in game.feedback.value
    game.real_button.click()
    game.vote(True)  # a change of mind after the reveal does not count
    assert len(game.answers) == 1 and game.answers[0]["vote"] == "real"
    game.next_button.click()
    game.next_button.click()  # a double click on Next does not skip the next image
    assert game.index == 1
    _play(game, [True, False, True])
    game.next_button.click()  # after the end
    game.vote(True)
    assert len(game.answers) == 4 and game.finished
    assert game.score == 4


def test_a_save_failure_is_a_message_not_an_exception(tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    monkeypatch.setenv("REALORFAKE_PROGRESS", str(blocker / "progress"))
    game = quiz.RealOrFakeQuiz(_tiny_items(), save=lambda answers: progress.save_answers("warmup", answers))
    _play(game, [False, True, False, True])
    assert game.finished and game.score == 4 and game.saved_to is None
    assert "not saved" in game.summary.value and "REALORFAKE_PROGRESS" in game.summary.value
    assert "4 / 4" in game.summary.value


def test_a_broken_on_finish_is_reported_in_the_widget(tmp_path, monkeypatch):
    monkeypatch.setenv("REALORFAKE_PROGRESS", str(tmp_path))

    def broken(_game):
        raise RuntimeError("boom")

    game = quiz.RealOrFakeQuiz(_tiny_items(), save=lambda answers: progress.save_answers("practice", answers), on_finish=broken)
    _play(game, [False] * 4)
    assert game.finished and "boom" in game.summary.value
    assert progress.load_answers("practice") == game.answers


def test_without_save_nothing_is_saved(tmp_path, monkeypatch):
    monkeypatch.setenv("REALORFAKE_PROGRESS", str(tmp_path))
    game = quiz.RealOrFakeQuiz(_tiny_items())
    _play(game, [True] * 4)
    assert game.finished and list(tmp_path.iterdir()) == []


def test_an_empty_quiz_is_refused():
    with pytest.raises(CourseError):
        quiz.RealOrFakeQuiz([])


def test_saved_score_without_answers_and_with_a_damaged_file(tmp_path, monkeypatch):
    monkeypatch.setenv("REALORFAKE_PROGRESS", str(tmp_path))
    assert "No saved answers" in warmup.saved_score("warmup")
    (tmp_path / "warmup.json").write_text("{broken", encoding="utf-8")
    assert "could not be read" in warmup.saved_score("warmup")


def test_the_quiz_displays_as_its_widget(monkeypatch):
    import IPython.display

    shown = []
    monkeypatch.setattr(IPython.display, "display", lambda obj: shown.append(obj))
    game = quiz.RealOrFakeQuiz(_tiny_items())
    game._ipython_display_()
    assert shown == [game.widget]


# ---------------------------------------------- a restart or a closed tab loses nothing


def test_each_answer_is_saved_as_it_is_given_and_the_round_resumes(tmp_path, monkeypatch):
    monkeypatch.setenv("REALORFAKE_PROGRESS", str(tmp_path))
    first = warmup.warmup_quiz(seed=0)
    first.vote(True)
    first.next()
    first.vote(False)
    assert [a["question"] for a in progress.load_answers("warmup")] == [1, 2]  # saved before the round ends
    assert "not finished: 2 of 8" in warmup.saved_score("warmup")
    again = warmup.warmup_quiz(seed=0)  # the kernel restarted; the learner runs the cell again
    assert again.index == 2 and len(again.answers) == 2 and "Welcome back" in again.feedback.value
    assert "3 / 8" in again.progress_label.value
    while not again.finished:
        again.vote(again.current.is_fake)
        again.next()
    assert [a["question"] for a in progress.load_answers("warmup")] == list(range(1, 9))
    assert warmup.saved_score("warmup").startswith("Your saved 'warmup' score:")
    # the lesson run again later (or after a restart, as the lesson advises): the pre-test is kept, the new round is practice
    pretest = progress.load_answers("warmup")
    later = warmup.warmup_quiz(seed=0)
    assert later.index == 0 and "You finished this round before" in later.feedback.value and "never replaces it" in later.feedback.value
    assert f"{again.score} / 8 right" in later.feedback.value
    later.vote(True)
    assert progress.load_answers("warmup") == pretest  # a new first vote once wiped the finished pre-test
    assert len(progress.load_answers("warmup_again")) == 1
    resumed = warmup.warmup_quiz(seed=0)  # the practice round resumes too
    assert resumed.index == 1 and "Welcome back" in resumed.feedback.value


def test_answers_of_another_round_are_not_resumed(tmp_path, monkeypatch):
    monkeypatch.setenv("REALORFAKE_PROGRESS", str(tmp_path))
    other = warmup.warmup_quiz(seed=1)
    other.vote(True)
    mine = warmup.warmup_quiz(seed=0)
    same_first = [a["kind"] for a in other.answers] == [mine.items[0].kind]
    assert mine.index == (1 if same_first and other.items[0].is_fake == mine.items[0].is_fake else 0)
    finished = warmup.warmup_quiz(seed=0)
    while not finished.finished:
        finished.vote(True)
        finished.next()
    assert warmup.warmup_quiz(seed=0).index == 0  # a finished round starts again


def test_votes_move_focus_on_name_each_picture_and_are_announced(monkeypatch):
    """Keyboard focus goes to "Next" after a vote and back to "Real" after Next; verdicts go to a live region."""
    items = _tiny_items()
    game = quiz.RealOrFakeQuiz(items)
    focused = []
    for name in ("real_button", "fake_button", "next_button"):
        monkeypatch.setattr(getattr(game, name), "focus", lambda name=name: focused.append(name))
    assert game.image.alt.startswith("Image 1 of 4: real or fake?") and game.announcer.text == ""
    game.fake_button.click()
    assert focused == ["next_button"]
    wrong_or_right = "Right" if items[0].is_fake else "Not this time"
    assert game.announcer.text.startswith(wrong_or_right) and items[0].explanation in game.announcer.text
    assert game.image.alt.startswith("Image 1 of 4, revealed: " + ("a fake" if items[0].is_fake else "a real photo"))
    game.next_button.click()
    assert focused == ["next_button", "real_button"]
    assert game.image.alt.startswith("Image 2 of 4: real or fake?")
    for _ in range(3):
        game.real_button.click()
        game.next_button.click()
    assert game.announcer.text == f"Round finished: {game.score} of 4 right."


@pytest.mark.parametrize("seed", [0, 1, 2, 3])
def test_a_copy_move_reveal_outlines_the_copy_and_where_it_was_copied_from(seed):
    """The reveal says "look for two areas that are exactly alike": it once outlined only the pasted one."""
    from realorfake import data
    from realorfake.course.round_items import SPLICE_PHOTOS, fake_copy_move

    name = SPLICE_PHOTOS[seed % len(SPLICE_PHOTOS)]
    item = fake_copy_move(name, seed)
    assert item.where is not None and item.copied_from is not None
    (x, y, w, h), (sx, sy, sw, sh) = item.where, item.copied_from
    assert (sw, sh) == (w, h)
    assert abs(sx - x) >= w // 2 or abs(sy - y) >= h // 2, "the original is another place than the copy"
    original = data.photo(name)
    mx, my = w // 4, h // 4
    copy = item.image[y + my : y + h - my, x + mx : x + w - mx].astype(int)
    source = original[sy + my : sy + h - my, sx + mx : sx + w - mx].astype(int)
    assert np.abs(copy - source).mean() < 2, "the outlined original holds the same pixels as the pasted copy"
    game = quiz.RealOrFakeQuiz([item.quiz_item()])
    game.vote(True)
    shown = game.shown_image()
    assert tuple(shown[y + h // 2, x]) == quiz.OUTLINE_COLOR  # the copy in yellow
    assert tuple(shown[sy + h // 2, sx]) == quiz.SOURCE_COLOR  # its original in another colour, told apart
    assert "copied from in blue" in game.image.alt and quiz.COPY_MOVE_NOTE in game.feedback.value
