"""Lesson 07's post-test: other pictures of the warm-up's kinds, as a pack the game plays; the before/after scores and chart."""

from __future__ import annotations

import hashlib
import inspect
import json
import re
import shutil
import warnings

import numpy as np
import pytest

from conftest import ROOT, committed_text
from game_helpers import make_pack
from realorfake import label
from realorfake.course import before_after, posttest, progress, warmup
from realorfake.course.round_items import round_items
from realorfake.errors import CourseError
from realorfake.game.engine import Game
from realorfake.game.pack import PackWarning, check_data, load_pack
from realorfake.show import score_pictures
from realorfake.show.figure_alt import alt_text
from realorfake.show.plots import NOTEBOOK_WIDTH

#: sha256 over warmup_items(seed)'s pictures, answers, explanations, kinds, credits and boxes, recorded before the
#: builders moved to course/round_items.py: the warm-up (the learner's saved pre-test) must stay the same round.
WARMUP_DIGESTS = {
    0: "51d57493486514e051a692ba56ef1a33f2c90d54d647098ca05ab52320b252d5",
    1: "be00803f2ea6e43a435db5cda9d1296cfb597786bd4483e5284a53ef5c671a8a",
    2: "bd80f358aa389ace4a12fe41431eee9e55af4ce8a06d1fba54179692f3fec9a0",
    3: "969c2661a110dae7137b55a14792f2896f7a7f98c8ab7c6effb0fac93d17b583",
    7: "1b7da4f30a1ba4f822797e8539198bfb2bf6b0e19875e648dc453d8d3b41c25f",
}


def _digest(items) -> str:
    digest = hashlib.sha256()
    for item in items:
        digest.update(item.image.tobytes())
        digest.update(str(item.image.shape).encode())
        digest.update(repr((item.is_fake, item.explanation, item.kind, item.credit, item.where)).encode())
    return digest.hexdigest()


@pytest.mark.parametrize("seed", sorted(WARMUP_DIGESTS))
def test_the_warmup_round_is_exactly_what_it_was(seed):
    assert _digest(warmup.warmup_items(seed)) == WARMUP_DIGESTS[seed]


def test_the_posttest_follows_the_seed_lesson_01_plays():
    """Lesson 01's notebook plays warmup_quiz(seed=N); the post-test's default must avoid that round's pictures."""
    notebook = committed_text(ROOT / "solutions" / "01_what_is_deepfake" / "01_what_is_deepfake.ipynb")
    seeds = set(re.findall(r"warmup_quiz\(seed=(\d+)", notebook))
    assert len(seeds) == 1, seeds
    (seed,) = seeds
    for function in (posttest.posttest_pack, posttest.posttest_plan, posttest.posttest_items):
        assert inspect.signature(function).parameters["warmup_seed"].default == int(seed), function.__name__


@pytest.fixture(scope="module")
def rounds():
    """{seed: (warm-up items, post-test items)} as RoundItems, for the lesson's seed and a few others."""
    return {seed: (round_items(warmup.warmup_plan(seed)), posttest.posttest_items(seed)) for seed in (0, 1, 2, 3)}


@pytest.mark.parametrize("seed", [0, 1, 2, 3])
def test_no_posttest_picture_is_a_warmup_picture(rounds, seed):
    before, after = rounds[seed]
    for new in after:
        for old in before:
            assert not (new.image.shape == old.image.shape and np.array_equal(new.image, old.image)), f"{new.id} is the warm-up's {old.id}"
    assert not {item.id for item in after} & {item.id for item in before}


@pytest.mark.parametrize("seed", [0, 1, 2, 3])
def test_the_posttest_has_the_warmups_kinds_answers_and_difficulty(rounds, seed):
    before, after = rounds[seed]
    assert [item.kind for item in after] == [item.kind for item in before]
    assert [item.is_fake for item in after] == [item.is_fake for item in before] == [False] * 4 + [True] * 4
    assert sorted(item.difficulty for item in after) == sorted(item.difficulty for item in before)
    for item in after:
        assert label.has_badge(item.image) == item.is_fake, item.id


def test_the_lessons_posttest_swaps_the_portraits_and_averages_other_faces():
    warm, post = warmup.warmup_plan(0), posttest.posttest_plan(0)
    assert (post.portrait, post.edited) == (warm.edited, warm.portrait)
    assert post.mirrored != warm.mirrored and (post.eyes_from, post.eyes_onto) == (warm.eyes_onto, warm.eyes_from)
    assert post.splice != warm.splice and post.photo not in (warm.photo, warm.splice, post.splice) and post.lfw != warm.lfw
    assert warm.averaged is None and len(post.averaged) == posttest.AVERAGED_FACES == len(set(post.averaged))
    assert posttest.posttest_plan(0) == post  # the same seed, the same post-test


def test_a_seed_that_is_not_a_whole_number_is_refused_plainly():
    for seed in ("0", 1.5, -1, None):
        with pytest.raises(CourseError, match="warmup_seed"):
            posttest.posttest_pack(warmup_seed=seed)


def test_explanations_are_in_english_and_spanish(rounds):
    for item in rounds[0][1]:
        english, spanish = item.explain("en"), item.explain("es")
        assert english.startswith("Fake:" if item.is_fake else "Real:"), english
        assert spanish.startswith("Falso:" if item.is_fake else "Real:") and spanish != english, spanish
        assert "{" not in english + spanish
    with pytest.raises(CourseError, match="language"):
        rounds[0][1][0].explain("fr")


# --------------------------------------------------------------------- the pack


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """One post-test pack written in a folder of its own, copied by the tests that damage it."""
    return posttest.write_pack(tmp_path_factory.mktemp("built") / "posttest-pack")


def test_the_pack_passes_the_schema_and_the_games_loader(built):
    data = json.loads((built.folder / "pack.json").read_text(encoding="utf-8"))
    check_data(data)  # the JSON Schema of pack.schema.json
    pack = load_pack(built.folder)
    assert pack.name == posttest.PACK_NAME and len(pack.items) == 8
    assert sorted(item.answer for item in pack.items) == ["fake"] * 4 + ["real"] * 4
    for item in pack.items:
        assert item.explanation["en"] and item.explanation["es"] and item.explanation["es"] != item.explanation["en"], item.id
        assert item.source and item.licence, item.id
        assert bool(label.read_label(item.path)) == (item.answer == "fake"), f"{item.id}: a fake carries its label, a real photo none"
        assert (item.method in ("original", "benign_edit")) == (item.answer == "real")
        if item.answer == "fake":
            assert item.regions and all(region.label["es"] and region.label["en"] for region in item.regions), item.id
    portraits = [item for item in pack.items if item.id in ("real-hopper", "real-collins")]
    assert portraits and all("public domain" in item.licence for item in portraits)
    assert {item.method for item in pack.items if item.answer == "fake"} == {"other", "splice", "copy_move", "generated"}


def _play(pack, folder, right: int, name: str = "Ana", stamp: str = "a") -> Game:
    """A finished solo game of ``pack`` in ``folder`` where the first ``right`` votes are right and the rest wrong."""
    game = Game.new(pack, [name], seed=0, path=folder / f"{stamp}.rofgame")
    k = 0
    while not game.finished:
        truth = game.current_item.item.answer
        game.vote(name, truth if k < right else ("real" if truth == "fake" else "fake"), 80)
        game.next()
        k += 1
    return game


def test_a_game_plays_the_pack_to_its_results(built, tmp_path):
    game = _play(built, tmp_path, right=5)
    results = game.results()
    assert game.count == 8 and results.items_played == 8
    assert results.players[0].right == 5 and results.players[0].accuracy == pytest.approx(62.5)
    game.close()


def test_a_second_call_reuses_the_pack(monkeypatch, tmp_path):
    monkeypatch.setenv("REALORFAKE_PROGRESS", str(tmp_path))
    first = posttest.posttest_pack()
    assert first.folder == (tmp_path / "posttest-pack").resolve()
    stamps = {path: path.stat().st_mtime_ns for path in first.folder.rglob("*")}
    monkeypatch.setattr(posttest, "write_pack", lambda *a, **k: pytest.fail("the pack was written again"))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        again = posttest.posttest_pack()
    assert again.folder == first.folder and [i.id for i in again.items] == [i.id for i in first.items]
    assert {path: path.stat().st_mtime_ns for path in again.folder.rglob("*")} == stamps


def _damage_missing_picture(folder):
    next((folder / "media").glob("real-*.jpg")).unlink()


def _damage_bad_json(folder):
    (folder / "pack.json").write_text("{ not json", encoding="utf-8")


def _damage_older_version(folder):
    (folder / posttest.MARKER).write_text(json.dumps({"made_by": "realorfake.course.posttest", "version": 0, "warmup_seed": 0}), encoding="utf-8")


def _damage_foreign(folder):
    shutil.rmtree(folder)
    folder.mkdir()
    (folder / "my notes.txt").write_text("mine", encoding="utf-8")


def _damage_a_file(folder):
    shutil.rmtree(folder)
    folder.write_text("not a folder", encoding="utf-8")


@pytest.mark.parametrize("damage", [_damage_missing_picture, _damage_bad_json, _damage_older_version, _damage_foreign, _damage_a_file], ids=lambda f: f.__name__[8:])
def test_a_damaged_or_foreign_folder_is_moved_aside_and_replaced(built, damage, monkeypatch, tmp_path):
    monkeypatch.setenv("REALORFAKE_PROGRESS", str(tmp_path))
    _copy_instead_of_building(monkeypatch, built)
    folder = tmp_path / "posttest-pack"
    shutil.copytree(built.folder, folder)
    damage(folder)
    before = _contents(folder)
    progress.save_answers("warmup", [{"correct": True, "of": 1}])
    kept = (tmp_path / "warmup.json").read_bytes()
    with pytest.warns(PackWarning, match="moved, untouched"):
        pack = posttest.posttest_pack()
    assert pack.folder == folder.resolve() and len(load_pack(folder).items) == 8
    aside = [path for path in tmp_path.iterdir() if path.name.startswith("posttest-pack-set-aside-")]
    assert len(aside) == 1 and _contents(aside[0]) == before, "what was there is kept as it was"
    assert (tmp_path / "warmup.json").read_bytes() == kept
    assert not [path for path in tmp_path.iterdir() if "building" in path.name]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert posttest.posttest_pack().folder == pack.folder  # the new pack is then used as it is


def _contents(path):
    """A file's bytes, or {name: bytes or None for a folder} of a folder's entries."""
    if path.is_file():
        return path.read_bytes()
    return {entry.name: entry.read_bytes() if entry.is_file() else sorted(p.name for p in entry.iterdir()) for entry in path.iterdir()}


def _copy_instead_of_building(monkeypatch, built):
    """posttest_pack writes by copying the module's pack (the same files write_pack makes), to keep these tests quick."""

    def write(folder, warmup_seed=0):
        shutil.copytree(built.folder, folder)
        return load_pack(folder)

    monkeypatch.setattr(posttest, "write_pack", write)


def test_a_folder_given_with_other_files_is_refused_untouched(tmp_path):
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "essay.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(CourseError, match="not touched"):
        posttest.posttest_pack(folder)
    assert [path.name for path in folder.iterdir()] == ["essay.txt"]
    (tmp_path / "file.txt").write_text("x", encoding="utf-8")
    with pytest.raises(CourseError, match="is a file"):
        posttest.posttest_pack(tmp_path / "file.txt")
    assert (tmp_path / "file.txt").read_text(encoding="utf-8") == "x"


def test_an_empty_folder_given_gets_the_pack(tmp_path, built, monkeypatch):
    _copy_instead_of_building(monkeypatch, built)
    folder = tmp_path / "empty"
    folder.mkdir()
    pack = posttest.posttest_pack(folder)
    assert len(pack.items) == 8 and (folder / "pack.json").is_file() and (folder / posttest.MARKER).is_file()


# ---------------------------------------------------------------- before/after


def _answers(right: int, total: int = 8, answered: int | None = None) -> list[dict]:
    answered = total if answered is None else answered
    return [{"correct": k < right, "of": total} for k in range(answered)]


def test_scores_when_nothing_was_played_say_what_to_do(tmp_path):
    assert [score.key for score in before_after.scores(folder=tmp_path / "games")] == ["pretest", "posttest"]  # no empty row for a skipped Lesson 06
    found = before_after.scores(games=True, folder=tmp_path / "games")
    assert [score.key for score in found] == ["pretest", "games", "posttest"]
    assert all(score.right is None and score.share is None for score in found)
    assert "play Lesson 01's warm-up" in found[0].missing
    assert "Lesson 06" in found[1].missing and "final round" in found[2].missing
    assert before_after.scores(games=False, folder=tmp_path)[1].key == "posttest"
    assert "not played yet" in before_after.final_round_status(tmp_path / "games")


def test_an_unfinished_or_damaged_pretest_is_missing_with_the_reason(tmp_path):
    progress.save_answers("warmup", _answers(2, answered=3))
    assert "not finished (3 of 8 answered)" in before_after.pretest_score().missing
    progress.progress_path("warmup").write_text("{ damaged", encoding="utf-8")
    assert "cannot be read" in before_after.pretest_score().missing


def test_scores_from_the_warmup_the_games_and_the_first_posttest(built, tmp_path):
    progress.save_answers("warmup", _answers(3))
    games = tmp_path / "games"
    games.mkdir()
    lesson06 = load_pack(make_pack(tmp_path / "small"))
    _play(lesson06, games, right=3, stamp="1-lesson06").close()
    _play(built, games, right=6, stamp="2-posttest").close()
    _play(built, games, right=8, stamp="3-posttest-again").close()  # played again after seeing the answers: practice
    pretest, played, post = before_after.scores(folder=games)
    assert (pretest.right, pretest.total) == (3, 8)
    assert (played.right, played.total) == (3, 4) and "1 game" in played.label
    assert (post.right, post.total) == (6, 8) and not post.missing
    text = " ".join(before_after.summary([pretest, played, post]).split())  # its lines are wrapped to fit a notebook
    assert "3 items more right after the course" in text and "12.5 points" in text and "within chance" in text


def test_the_chart_draws_bars_says_what_is_missing_and_is_honest_about_small_numbers():
    rows = [
        before_after.Score("Lesson 01 warm-up (before)", missing="no pre-test saved: play Lesson 01's warm-up", key="pretest"),
        before_after.Score("Lesson 06 games (2 games)", 13, 20, key="games"),
        before_after.Score("Lesson 07 final round (after)", 6, 8, key="posttest"),
    ]
    fig = score_pictures.before_after_bars(rows)
    ax = fig.axes[0]
    assert fig.get_size_inches()[0] <= NOTEBOOK_WIDTH
    assert [round(bar.get_height(), 3) for bar in ax.patches if bar.get_fill()] == [0.65, 0.75]
    assert any(list(line.get_ydata()) == [0.5, 0.5] for line in ax.lines), "the coin-toss line"
    words = " ".join(text.get_text().replace("\n", " ") for text in ax.texts + fig.texts)
    assert "no bar: no pre-test saved: play Lesson 01's warm-up" in words
    assert "6 of 8" in words and "75%" in words and "coin toss" in words
    assert "each item is 12.5 points" in words and "within chance" in words
    assert "no pre-test saved" in alt_text(fig) and "75%, 6 of 8" in alt_text(fig)
    assert min(text.get_fontsize() for text in ax.texts) >= 11


def test_the_chart_refuses_rows_it_cannot_draw():
    with pytest.raises(CourseError, match="nothing to draw"):
        score_pictures.before_after_bars([])
    with pytest.raises(CourseError, match="right and total"):
        score_pictures.before_after_bars([("after", 9, 8, "")])
    with pytest.raises(CourseError, match="label, right, total, missing"):
        score_pictures.before_after_bars([("after", 9)])


def test_the_final_round_status_tells_an_unfinished_round_and_whose_votes_count(tmp_path):
    """A tester answered all eight but did not open the finale: it said 'not played yet'. With two names, whose votes counted was not said."""
    pack = posttest.posttest_pack(tmp_path / "pack")
    games = tmp_path / "games"
    games.mkdir()
    game = Game.new(pack, ["Ana", "Ben"], seed=0, path=games / "final.rofgame")
    assert "not finished yet" in before_after.final_round_status(games)
    for _ in range(len(pack.items)):
        item = game.current_item.item
        game.vote("Ana", item.answer, 80)
        game.vote("Ben", "fake" if item.answer == "real" else "real", 80)
        game.next()
    game.close()
    status = before_after.final_round_status(games)
    assert "8 of 8 right (the votes of Ana, the first name typed)" in status
    assert before_after.posttest_score(games).label.endswith("Ana's votes")


def test_with_one_score_the_caption_speaks_of_no_change():
    """With only the warm-up played there is no change to call 'within chance' yet."""
    one = [before_after.Score("Lesson 01 warm-up (before)", 5, 8, key="pretest"), before_after.Score("Lesson 07 final round (after)", missing="not played yet", key="posttest")]
    text = score_pictures.caption(one)
    assert "each item is 12.5 points." in text and "within chance" not in text
    two = [before_after.Score("Lesson 01 warm-up (before)", 5, 8, key="pretest"), before_after.Score("Lesson 07 final round (after)", 6, 8, key="posttest")]
    assert "within chance" in score_pictures.caption(two)
