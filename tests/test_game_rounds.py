"""Lesson 06's rounds: the detector's opinions, a simulated class for the debrief, the pre-test score."""

from __future__ import annotations

from realorfake.course import game_rounds, progress
from realorfake.errors import NoFaceFound
from realorfake.game import builtin


class _Detector:
    """A stand-in detector: 0.9 for every face it is shown; no face on pictures without one."""

    def __init__(self):
        self.shown = 0

    def predict(self, picture, upsample=None):
        from realorfake import faces

        if not faces.detect_faces(picture, upsample=upsample or 0):
            raise NoFaceFound("no face")
        self.shown += 1
        return 0.9


def test_machine_opinions_cover_the_items_with_a_face_only():
    pack = builtin.builtin_pack()
    detector = _Detector()
    opinions = game_rounds.machine_opinions(pack, detector)
    assert detector.shown == len(opinions) and 15 <= len(opinions) < len(pack.items)
    assert "real-coffee" not in opinions and "real-hopper" in opinions and set(opinions.values()) == {0.9}


def test_the_simulated_class_plays_a_whole_game_and_is_named_as_simulated(tmp_path):
    pack = builtin.builtin_pack()
    game = game_rounds.simulated_class(pack, players=6, count=8, seed=3, folder=tmp_path)
    results = game.results()
    assert game.finished and results.items_played == 8 and all(p.name.startswith("Simulated ") for p in results.players)
    assert all(p.votes == 8 for p in results.players) and 40 <= sum(p.accuracy for p in results.players) / 6 <= 95
    (tmp_path / "again").mkdir()
    again = game_rounds.simulated_class(pack, players=6, count=8, seed=3, folder=tmp_path / "again")
    assert [p.right for p in again.results().players] == [p.right for p in results.players]  # seeded


def test_the_simulated_class_follows_the_machine_only_sometimes(tmp_path):
    pack = builtin.builtin_pack()
    always_fake = {item.id: 1.0 for item in pack.items}
    game = game_rounds.simulated_class(pack, players=10, count=16, seed=0, folder=tmp_path, machine=always_fake)
    votes = game.vote_rows()
    fakes = sum(answer == "fake" for _, _, answer, *_ in votes)
    assert 0.5 < fakes / len(votes) < 0.85  # pulled towards the machine's "fake", not always following it


def test_the_pretest_is_read_only_when_the_round_was_finished():
    assert game_rounds.pretest_accuracy() is None
    answers = [{"question": k + 1, "correct": k < 6, "of": 8} for k in range(8)]
    progress.save_answers("warmup", answers[:5])
    assert game_rounds.pretest_accuracy() is None  # not finished
    progress.save_answers("warmup", answers)
    assert game_rounds.pretest_accuracy() == 75.0


def test_the_debrief_sets_the_game_beside_the_published_figures(tmp_path):
    from realorfake.course import research

    pack = builtin.builtin_pack()
    game = game_rounds.simulated_class(pack, players=4, count=16, seed=1, folder=tmp_path, machine={item.id: 0.9 for item in pack.items[::2]})
    results = game.results()
    rows, notes = game_rounds.beside_research(results, simulated=True, pretest=62.5)
    assert rows[: len(research.HUMANS_AND_MACHINES)] == list(research.HUMANS_AND_MACHINES)
    mine = dict(rows[len(research.HUMANS_AND_MACHINES) :])
    assert mine["you, Lesson 01 warm-up (pre-test)"] == 0.625
    assert mine["the simulated class, every vote"] == sum(p.accuracy for p in results.players) / 400
    assert {"the simulated class, with the detector's opinion", "the simulated class, without the detector's opinion"} <= set(mine)
    assert "simulated players, not people" in notes[0] and not any("warm-up round" in note for note in notes)
    own, notes = game_rounds.beside_research(results, simulated=False)
    assert "this game, every vote" in dict(own) and "your own votes" in notes[0] and "warm-up round from Lesson 01" in notes[1]


def test_the_simulated_class_never_lands_among_the_learners_games(monkeypatch, tmp_path):
    """Run All once wrote the simulated class into the learner's games folder, where it passed for a game they played."""
    monkeypatch.setenv("REALORFAKE_PROGRESS", str(tmp_path / "progress"))
    pack = builtin.builtin_pack()
    game = game_rounds.simulated_class(pack, players=2, count=4)
    assert game.finished and not game.path.is_relative_to(tmp_path / "progress")
    assert game_rounds.latest_finished_game() is None  # the debrief then says "simulated", not "your game"
    again = game_rounds.simulated_class(pack, players=2, count=4)  # a second Run All: a new file, no clash
    assert again.path != game.path


def test_the_debrief_finds_the_newest_finished_game_on_disk(monkeypatch, tmp_path):
    from realorfake.game import Game

    monkeypatch.setenv("REALORFAKE_PROGRESS", str(tmp_path / "progress"))
    pack = builtin.builtin_pack()
    game = Game.new(pack, ["Ana"], count=2, language="es")
    game.vote("Ana", "real", 80)
    assert game_rounds.latest_finished_game() is None  # not finished: not for the debrief
    game.next()
    game.vote("Ana", "fake", 60)
    game.next()
    found = game_rounds.latest_finished_game()
    assert found.path == game.path and found.language == "es" and found.results().sides[0].name == "Ana"


def test_a_game_without_the_detector_gives_one_bar_not_two_of_the_same(tmp_path):
    pack = builtin.builtin_pack()
    game = game_rounds.simulated_class(pack, players=3, count=4, folder=tmp_path)
    rows, _ = game_rounds.beside_research(game.results(), simulated=True, pretest=None)
    assert not any("detector's opinion" in what for what, _ in rows if "simulated" in what or "this game" in what)


def test_the_last_spot_it_shows_nothing_the_lessons_rounds_showed(tmp_path):
    """Lesson 06's Spot it once reused the warm-up's flipped photo (seed 0), and its explanation gave the question away."""
    from realorfake.course import spot_it_questions
    from realorfake.game import Game

    pack = builtin.builtin_pack()
    shown = set()
    for seed, count in ((0, 8), (1, 10), (2, 8)):  # the lesson's three rounds: GameShow(count=..., seed=...)
        game = Game.new(pack, ["A"], seed=seed, count=count, path=tmp_path / f"{seed}.rofgame")
        shown |= {game.item(k).id for k in range(game.count)}
    assert not shown & {"real-hopper", "self-blend-hopper"} and "Grace Hopper" in spot_it_questions.spot_the_honest_edit(seed=0).widget.children[0].value
