"""The game engine: scoring in every mode, couple secrecy, the finale, machine-informed rounds, results, CSV, files."""

from __future__ import annotations

import csv
import math
import sqlite3

import pytest

from game_helpers import make_pack
from realorfake.errors import GameError, GameFileError, OutOfRange
from realorfake.game import Game, load_pack, scoring
from realorfake.game.engine import Money

# pack order (shuffle=False): real-1 (real), swap-1 (fake), edit-1 (real), morph-1 (fake)
TRUTH = ["real", "fake", "real", "fake"]
SHARE = 25_000.0  # euros: the €100,000 pot over 4 items


@pytest.fixture
def pack(tmp_path):
    return load_pack(make_pack(tmp_path / "pack"))


def _new(pack, tmp_path, players, name="game.rofgame", **options):
    options.setdefault("shuffle", False)
    return Game.new(pack, players, path=tmp_path / name, **options)


def test_scoring_splits_the_pot_exactly_and_scores_confidence():
    assert sum(scoring.shares_in_cents(7)) == 100_000 * 100 and max(scoring.shares_in_cents(7)) - min(scoring.shares_in_cents(7)) <= 1
    assert scoring.brier([("fake", 100, "fake")]) == 0.0  # certain and right
    assert scoring.brier([("real", 100, "fake")]) == 1.0  # certain and wrong
    assert scoring.brier([("real", 50, "fake"), ("fake", 50, "real")]) == 0.25  # always 50 %
    assert scoring.brier([("fake", 80, "fake"), ("real", 70, "fake")]) == pytest.approx(((0.8 - 1) ** 2 + (0.3 - 1) ** 2) / 2)
    assert math.isnan(scoring.brier([]))
    table = scoring.calibration([("fake", 95, "fake"), ("real", 90, "fake"), ("real", 55, "real")])
    assert table == [
        {"bin": "50-59", "votes": 1, "mean_confidence": 55.0, "accuracy": 100.0},
        {"bin": "90-100", "votes": 2, "mean_confidence": 92.5, "accuracy": 50.0},
    ]
    assert [scoring.couple_share(2501, right) for right in (2, 1, 0)] == [2501, 1250, 0]
    assert scoring.ranking({"A": (2, 0.3), "B": (1, 0.4), "C": (2, 0.1), "D": (1, float("nan"))}) == ["B", "D", "C", "A"]


def test_a_solo_game_in_learning_mode_reveals_each_item_and_banks_its_share(pack, tmp_path):
    game = _new(pack, tmp_path, ["Ana"])
    assert game.current_item.position == 0 and game.current_item.count == 4 and not game.current_item.revealed
    with pytest.raises(GameError, match="not revealed yet"):
        game.revealed()
    receipt = game.vote("Ana", "real", 90)
    assert receipt.revealed and receipt.votes_in == 1 and receipt.voters == 1
    shown = game.revealed()
    assert shown.right == {"Ana": True} and shown.banked == {"Ana": SHARE} and shown.item.explain("en").startswith("Why real-1")
    with pytest.raises(GameError, match="closed"):
        game.vote("Ana", "fake", 60)
    game.next()
    game.vote("Ana", "real", 70)  # wrong: it is a swap
    game.next()
    game.vote("Ana", "real", 60)
    game.next()
    game.vote("Ana", "fake", 100)
    assert game.next() is None and game.finished and game.current_item is None
    results = game.results()
    ana = results.players[0]
    assert (ana.right, ana.wrong, ana.missed, ana.mistakes, ana.accuracy) == (3, 1, 0, 1, 75.0)
    assert ana.brier == pytest.approx(((0.1) ** 2 + (0.3 - 1) ** 2 + (0.4) ** 2 + 0) / 4)
    assert results.sides[0].money == 3 * SHARE and results.winner.name == "Ana"
    assert results.by_method == {"original": 100.0, "face_swap": 0.0, "benign_edit": 100.0, "morph": 100.0}
    assert results.most_fooling(1)[0].item_id == "swap-1"
    with pytest.raises(GameError, match="over"):
        game.vote("Ana", "real", 80)
    with pytest.raises(GameError, match="over"):
        game.next()


def test_votes_are_checked_before_anything_is_written(pack, tmp_path):
    game = _new(pack, tmp_path, ["Ana", "Ben"])
    with pytest.raises(GameError, match="'Zoe' is not playing.*Ana, Ben"):
        game.vote("Zoe", "real", 80)
    with pytest.raises(GameError, match='"real" or "fake"'):
        game.vote("Ana", "Falso", 80)
    for confidence in (49, 101, True, 75.5, "80", None):
        with pytest.raises(OutOfRange):
            game.vote("Ana", "real", confidence)
    assert game.votes_in() == 0
    game.vote("Ana", "fake", 80)
    with pytest.raises(GameError, match="already voted.*final"):
        game.vote("Ana", "real", 80)
    with pytest.raises(GameError, match="1 of 2 voters have not voted"):
        game.next()
    game.next(force=True)  # Ben missed the first item: it counts as a mistake
    assert game.current_item.position == 1
    for name in ("Ana", "Ben"):
        game.vote(name, "fake", 80)
    results = game.results()
    ben = next(p for p in results.players if p.name == "Ben")
    assert (ben.missed, ben.mistakes, ben.right) == (1, 1, 1)


@pytest.mark.parametrize(
    "players, mode, message",
    [
        ("Ana", "solo", "must be a list"),
        ([], "solo", "must be a list"),
        (["Ana", "Ana"], "solo", "used twice: Ana"),
        (["Ana", ""], "solo", "1 to 40 characters"),
        (["Ana", "Ben"], "couple", "pair of names"),
        ([("Ana", "Ben", "Cris")], "couple", "pair of names"),
        ([("Ana", "Ana")], "couple", "used twice"),
        (["Reds"], "teams", "2 to 8 teams"),
        ([f"T{k}" for k in range(9)], "teams", "2 to 8 teams"),
        (["Ana"], "duel", "mode must be one of"),
    ],
)
def test_player_lists_that_do_not_fit_the_mode_are_refused(pack, tmp_path, players, mode, message):
    with pytest.raises(GameError, match=message):
        _new(pack, tmp_path, players, mode=mode)
    assert not (tmp_path / "game.rofgame").exists()  # nothing was created


def test_in_couple_mode_neither_partner_sees_the_other_vote_until_both_have_voted(pack, tmp_path):
    game = _new(pack, tmp_path, [("Ana", "Ben"), ("Cris", "Dani")], mode="couple", reveal="finale")
    assert game.partner_of("Ana") == "Ben" and game.partner_of("Dani") == "Cris"
    game.vote("Ana", "fake", 70)
    assert game.votes_seen_by("Ben") == {}
    assert game.votes_seen_by("Ana") == {"Ana": ("fake", 70)}
    assert game.votes_seen_by("Cris") == {}  # another couple never sees it
    game.vote("Ben", "real", 60)
    assert game.votes_seen_by("Ben") == {"Ana": ("fake", 70), "Ben": ("real", 60)}
    assert game.votes_seen_by("Cris") == {}
    assert game.votes_in() == 2 and game.waiting_for() == ["Cris", "Dani"]


def test_couple_money_is_full_only_when_both_are_right_and_the_fewest_mistakes_win(pack, tmp_path):
    game = _new(pack, tmp_path, [("Ana", "Ben"), ("Cris", "Dani")], mode="couple", reveal="finale")
    votes = {  # item by item, truth real, fake, real, fake
        "Ana": ["real", "fake", "real", "fake"],  # all right
        "Ben": ["real", "real", "real", "fake"],  # one wrong (item 2)
        "Cris": ["fake", "fake", "fake", "fake"],  # two wrong
        "Dani": ["real", "fake", "real", "real"],  # one wrong
    }
    for position in range(4):
        for name, answers in votes.items():
            game.vote(name, answers[position], 80)
        game.next()
    results = game.results()
    sides = {side.name: side for side in results.sides}
    assert sides["Ana & Ben"].mistakes == 1 and sides["Cris & Dani"].mistakes == 3
    # Ana & Ben: items 1, 3, 4 both right (full), item 2 one right (half)
    assert sides["Ana & Ben"].money == 3 * SHARE + SHARE / 2
    # Cris & Dani: item 1 one right, item 2 both right, item 3 one right, item 4 one right
    assert sides["Cris & Dani"].money == SHARE + 3 * SHARE / 2
    assert results.winner.name == "Ana & Ben" and results.sides[1].rank == 2


def test_a_tie_on_mistakes_is_broken_by_the_brier_score(pack, tmp_path):
    game = _new(pack, tmp_path, ["Reds", "Blues"], mode="teams")
    for position, truth in enumerate(TRUTH):
        wrong = "fake" if truth == "real" else "real"
        game.vote("Reds", truth if position else wrong, 95)  # one confident mistake
        game.vote("Blues", truth if position != 1 else wrong, 60 if position == 1 else 95)  # one hesitant mistake
        game.next()
    results = game.results()
    assert [s.mistakes for s in results.sides] == [1, 1]
    assert results.winner.name == "Blues"  # the same mistakes, better calibrated
    assert results.sides[0].brier < results.sides[1].brier


def test_finale_mode_reveals_nothing_until_the_end(pack, tmp_path):
    game = _new(pack, tmp_path, ["Ana", "Ben"], reveal="finale")
    game.vote("Ana", "real", 80)
    game.vote("Ben", "fake", 80)
    assert game.votes_seen_by("Ana") == {"Ana": ("real", 80)}  # everyone has voted, still secret
    assert not game.current_item.revealed
    for call in (game.reveal, game.revealed, game.results):
        with pytest.raises(GameError, match="finale|end"):
            call()
    for _ in range(3):
        game.next()
        game.vote("Ana", "fake", 80)
        game.vote("Ben", "fake", 80)
    game.next()
    assert game.finished and game.revealed(0).right == {"Ana": True, "Ben": False}
    assert game.results().items_played == 4


def test_the_host_can_close_voting_in_learning_mode(pack, tmp_path):
    game = _new(pack, tmp_path, ["Ana", "Ben", "Cris"])
    game.vote("Ana", "real", 80)
    shown = game.reveal()
    assert shown.missed == ("Ben", "Cris") and shown.right == {"Ana": True}
    assert game.votes_seen_by("Ben") == {"Ana": ("real", 80)}  # after the reveal everyone sees the votes
    with pytest.raises(GameError, match="closed"):
        game.vote("Ben", "real", 80)
    game.next(force=True)


def test_a_machine_informed_round_shows_the_opinion_and_says_whether_it_helped(pack, tmp_path):
    opinions = {"swap-1": 0.91, "morph-1": 0.12}
    game = _new(pack, tmp_path, ["Ana"], machine=opinions)
    seen = []
    answers = ["real", "fake", "fake", "real"]  # follows the machine on both informed items: right on swap-1, wrong on morph-1
    for answer in answers:
        seen.append(game.current_item.machine)
        game.vote("Ana", answer, 80)
        game.next()
    assert seen == [None, 0.91, None, 0.12]
    results = game.results()
    assert results.machine == {"without_machine": 50.0, "with_machine": 50.0}
    assert results.machine_helped() is False
    assert [row["machine_shown"] for row in results.rows] == [0, 1, 0, 1]
    with pytest.raises(OutOfRange):
        _new(pack, tmp_path, ["Ana"], name="bad.rofgame", machine={"swap-1": 1.5})


def test_results_export_every_vote_to_csv_and_compare_with_the_pretest(pack, tmp_path):
    game = _new(pack, tmp_path, ["=HYPERLINK(1)", "Ben"])
    for truth in TRUTH:
        game.vote("=HYPERLINK(1)", truth, 90)
        game.vote("Ben", "fake", 70)
        game.next()
    results = game.results()
    path = results.to_csv(tmp_path / "results.csv")
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    assert len(rows) == 8 and rows[0]["item_id"] == "real-1" and rows[0]["truth"] == "real"
    assert {row["player"] for row in rows} == {"'=HYPERLINK(1)", "Ben"}  # a spreadsheet will not run a player's name
    assert sum(int(row["right"]) for row in rows if row["player"] == "Ben") == 2
    assert results.before_after({"Ben": 62.5, "Zoe": 50}) == {"Ben": (62.5, 50.0)}


def test_a_game_resumes_and_two_sessions_share_one_file(pack, tmp_path):
    first = _new(pack, tmp_path, ["Ana", "Ben"], seed=3, shuffle=True)
    order = [first.current_item.item.id]
    first.vote("Ana", "real", 80)
    second = Game.open(tmp_path / "game.rofgame")  # another session (class mode) or a restarted kernel
    assert second.current_item.item.id == order[0] and second.votes_in() == 1
    second.vote("Ben", "fake", 55)
    assert first.votes_in() == 2 and first.current_item.revealed  # each sees the other's writes
    with pytest.raises(GameError, match="closed"):
        second.vote("Ana", "fake", 80)
    first.close()
    second.close()
    again = Game.open(tmp_path / "game.rofgame")
    assert again.current_item.revealed and again.revealed().votes == {"Ana": ("real", 80), "Ben": ("fake", 55)}
    assert again.mode == "solo" and again.seed == 3


def test_the_order_is_shuffled_by_the_seed(pack, tmp_path):
    def order(seed, name):
        game = _new(pack, tmp_path, ["Ana"], name=name, seed=seed, shuffle=True)
        return [row[1] for row in game._file.read("SELECT position, item_id FROM items ORDER BY position")]

    assert order(1, "a.rofgame") == order(1, "b.rofgame")
    assert sorted(order(2, "c.rofgame")) == sorted(["real-1", "swap-1", "edit-1", "morph-1"])
    assert len({tuple(order(s, f"s{s}.rofgame")) for s in range(6)}) > 1


def test_a_new_game_never_overwrites_a_file(pack, tmp_path):
    existing = tmp_path / "game.rofgame"
    existing.write_bytes(b"my homework")
    with pytest.raises(GameFileError, match="already exists and is never overwritten"):
        _new(pack, tmp_path, ["Ana"])
    assert existing.read_bytes() == b"my homework"
    with pytest.raises(GameFileError, match="does not exist"):
        Game.new(pack, ["Ana"], path=tmp_path / "no" / "such" / "game.rofgame")


def test_a_foreign_or_damaged_file_gives_a_clear_error_and_is_left_untouched(pack, tmp_path):
    text = tmp_path / "notes.rofgame"
    text.write_text("shopping list")
    foreign = tmp_path / "other.sqlite"
    sqlite3.connect(foreign).executescript("CREATE TABLE t (x); INSERT INTO t VALUES (1);")
    game = _new(pack, tmp_path, ["Ana"])
    game.vote("Ana", "real", 80)
    game.close()
    good = (tmp_path / "game.rofgame").read_bytes()
    damaged = tmp_path / "damaged.rofgame"
    damaged.write_bytes(good[:4096] + b"\x00" * 100 + good[4196 : len(good) // 2])  # cut in half, a hole in it
    cases = {tmp_path / "missing.rofgame": "no game file", text: "not a game file", foreign: "not a Real or Fake\\? game", damaged: "damaged"}
    for path, message in cases.items():
        before = path.read_bytes() if path.exists() else None
        with pytest.raises(GameFileError, match=message):
            Game.open(path)
        assert (path.read_bytes() if path.exists() else None) == before, path.name
    # a file from a newer course
    newer = tmp_path / "newer.rofgame"
    newer.write_bytes(good)
    connection = sqlite3.connect(newer)
    connection.execute("PRAGMA user_version=99")
    connection.commit()
    connection.close()
    with pytest.raises(GameFileError, match="newer version"):
        Game.open(newer)


def test_a_new_game_goes_to_the_learners_own_folder_by_default(pack, monkeypatch, tmp_path):
    monkeypatch.setenv("REALORFAKE_PROGRESS", str(tmp_path / "progress"))
    game = Game.new(pack, ["Ana"])
    assert game.path.parent == tmp_path / "progress" / "games" and game.path.suffix == ".rofgame"
    other = Game.new(pack, ["Ana"])
    assert other.path != game.path


def test_a_short_round_takes_an_even_mix_from_a_big_pack(tmp_path):
    from game_helpers import item

    big = load_pack(make_pack(tmp_path / "big", [item(f"r{k}", "real", "original") for k in range(10)] + [item(f"f{k}", "fake", "face_swap") for k in range(10)]))
    game = Game.new(big, ["Ana"], path=tmp_path / "short.rofgame", count=6, seed=4)
    answers = [game.item(k).answer for k in range(game.count)]
    assert game.count == 6 and answers.count("real") == answers.count("fake") == 3
    again = Game.new(big, ["Ana"], path=tmp_path / "again.rofgame", count=6, seed=4)
    assert [again.item(k).id for k in range(6)] == [game.item(k).id for k in range(6)]  # the same seed, the same round
    for bad in (0, 21, 2.5, True):
        with pytest.raises(GameError, match="count must be"):
            Game.new(big, ["Ana"], path=tmp_path / f"bad{bad}.rofgame", count=bad)


def test_banked_money_shows_only_what_may_be_shown(pack, tmp_path):
    learning = _new(pack, tmp_path, ["Ana"], name="learning.rofgame")
    learning.vote("Ana", TRUTH[0], 80)
    assert learning.banked() == {"Ana": SHARE}  # revealed at once
    finale = _new(pack, tmp_path, ["Ana"], name="finale.rofgame", reveal="finale")
    finale.vote("Ana", TRUTH[0], 80)
    assert finale.banked() == {"Ana": 0.0}  # nothing before the finale
    with pytest.raises(GameError, match="no item 9"):
        finale.item(9)


@pytest.mark.parametrize(
    ("typed", "mode", "english", "spanish"),
    [
        ("  \n ", "solo", "Type the players' names first", "Escribe primero los nombres"),
        ("Ana, Ben\nCarla", "couple", "This line does not have two names: Carla", "Esta línea no tiene dos nombres: Carla"),
        ("Ana, Ben, Carla", "couple", "does not have two names: Ana, Ben, Carla", "no tiene dos nombres"),
        ("Reds", "teams", "needs 2 to 8 teams, one team name per line; you typed 1", "de 2 a 8 equipos"),
        ("Ana\nana\nAna", "solo", "typed more than once: Ana.", "escrito más de una vez: Ana."),
        ("A" * 41, "solo", "at most 40 characters", "como mucho 40 caracteres"),
    ],
)
def test_typed_names_that_do_not_fit_are_explained_in_the_players_words_and_language(typed, mode, english, spanish):
    """The set-up once answered a typo with "players must be a list, for couple mode like [('Ana', 'Ben')]; got [('Carla',)]", in English only."""
    from realorfake.game.engine import players_from_text
    from realorfake.game.i18n import GameMessage, error_text

    with pytest.raises(GameMessage) as caught:
        players_from_text(typed, mode)
    assert english in str(caught.value) and spanish in error_text(caught.value, "es")
    assert "[" not in str(caught.value) and "got" not in str(caught.value)


def test_typed_names_become_the_players_of_each_mode():
    from realorfake.game.engine import players_from_text

    assert players_from_text(" Ana  María \n\nBen, Carla", "solo") == ["Ana María", "Ben", "Carla"]
    assert players_from_text("Ana, Ben\nCarla & Dani", "couple") == [("Ana", "Ben"), ("Carla", "Dani")]
    assert players_from_text("Reds\nBlues", "teams") == ["Reds", "Blues"]


def test_a_game_keeps_its_language_and_saved_games_lists_what_can_go_on(pack, tmp_path):
    from realorfake.game.engine import saved_games

    spanish = _new(pack, tmp_path, ["Ana"], name="a.rofgame", language="es")
    spanish.vote("Ana", "real", 70)
    done = _new(pack, tmp_path, ["Ben"], name="b.rofgame")
    while not done.finished:
        done.vote("Ben", "fake", 60)
        done.next()
    (tmp_path / "c.rofgame").write_text("not a game")
    with pytest.raises(GameError, match="language must be one of en, es"):
        _new(pack, tmp_path, ["Eva"], name="d.rofgame", language="fr")
    assert Game.open(tmp_path / "a.rofgame").language == "es" and done.language == "en"
    waiting = saved_games(tmp_path)
    assert [(s.path.name, s.players, s.position, s.count, s.language) for s in waiting] == [("a.rofgame", ("Ana",), 0, 4, "es")]
    assert [s.path.name for s in saved_games(tmp_path, finished=True)] == ["b.rofgame"]
    other = load_pack(make_pack(tmp_path / "other", [("x-1", "real", "original"), ("x-2", "fake", "morph")]))
    assert saved_games(tmp_path, other) == [] and saved_games(tmp_path / "nowhere") == []
    assert (tmp_path / "c.rofgame").read_text() == "not a game"


def test_ending_a_game_early_scores_only_the_items_played(pack, tmp_path):
    """A class that runs out of time ends the game: the finale scores what was shown, with the whole pot."""
    from realorfake.game.i18n import GameMessage

    game = _new(pack, tmp_path, ["Ana", "Ben"])
    with pytest.raises(GameMessage, match="Nobody has voted yet"):
        game.end()
    game.vote("Ana", TRUTH[0], 90)
    game.vote("Ben", TRUTH[0], 90)
    game.next()
    game.vote("Ana", TRUTH[1], 80)  # Ben has not voted on the second item when the bell rings
    game.end()
    assert game.finished and game.count == 2
    results = game.results()
    ana, ben = (next(p for p in results.players if p.name == name) for name in ("Ana", "Ben"))
    assert (ana.mistakes, ben.mistakes) == (0, 1) and {side.name: side.money for side in results.sides} == {"Ana": 100_000, "Ben": 50_000}
    assert Game.open(tmp_path / "game.rofgame").count == 2
    with pytest.raises(GameError, match="over already"):
        game.end()


def test_the_money_counter_shows_the_pot_and_keeps_the_banked_money_secret_in_finale_mode(pack, tmp_path):
    """make play's counter: in learning mode the euros banked so far; in finale mode only the pot and the items left."""
    learning = _new(pack, tmp_path, [("Ana", "Ben")], name="learning.rofgame", mode="couple")
    assert learning.money() == Money(100_000, {"Ana & Ben": 0.0}, 4)
    learning.vote("Ana", TRUTH[0], 80)
    assert learning.money().items_left == 4  # Ben has not voted: the item is not done
    learning.vote("Ben", TRUTH[0], 60)  # both right: the whole share, revealed at once
    assert learning.money() == Money(100_000, {"Ana & Ben": SHARE}, 3)
    finale = _new(pack, tmp_path, [("Ana", "Ben")], name="finale.rofgame", mode="couple", reveal="finale")
    for position in range(4):
        finale.vote("Ana", TRUTH[position], 80)
        finale.vote("Ben", TRUTH[position], 80)
        assert finale.money() == Money(100_000, None, 3 - position)  # how much was banked would tell the answers
        finale.next()
    assert finale.money() == Money(100_000, {"Ana & Ben": 100_000.0}, 0)  # the finale: everything at last
