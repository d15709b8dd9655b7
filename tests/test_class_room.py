"""Class mode's room: seats and tokens, teams and couples, the clock, what each screen may see, restarts, many votes at once."""

from __future__ import annotations

import json
import threading

import pytest

from game_helpers import make_pack
from realorfake.errors import GameError, GameFileError
from realorfake.game import load_pack
from realorfake.game.classroom import Classroom, clean_name
from realorfake.game.i18n import GameMessage, error_text


@pytest.fixture
def pack(tmp_path):
    return load_pack(make_pack(tmp_path / "pack"))


def _room(pack, tmp_path, **options) -> Classroom:
    return Classroom.new(pack, folder=tmp_path / "class", seed=0, **options)


def test_players_join_with_the_code_and_keep_a_private_seat(pack, tmp_path):
    room = _room(pack, tmp_path)
    assert len(room.join_code) == 5 and room.join_code.isalnum() and not set(room.join_code) & set("01OIL")
    with pytest.raises(GameMessage, match="join code is not this game's"):
        room.join("WRONG", "Ana")
    ana = room.join(room.join_code.lower() + " ", " Ana \t ")  # typed on a phone: case and spaces do not matter
    assert room.seat(ana).name == "Ana"
    with pytest.raises(GameMessage, match="already joined as ANA") as taken:
        room.join(room.join_code, "ANA")
    assert "Alguien ya se ha unido como ANA" in error_text(taken.value, "es")
    for token in ("", "x" * 200, None, 7, ana[:-1] + ("A" if ana[-1] != "A" else "B")):
        with pytest.raises(GameMessage, match="no seat in this game"):
            room.seat(token)
    assert room.join(room.join_code, "<img src=x onerror=alert(1)>")  # kept as text: pages show names with textContent
    assert clean_name("Eva\u0000\u202e\nLuna") == "EvaLuna" and len(clean_name("x" * 40)) == 40
    with pytest.raises(GameMessage, match="at most 40 characters"):
        clean_name("x" * 41)
    with pytest.raises(GameMessage, match="Type a name first"):
        room.join(room.join_code, "   ")


def test_a_full_room_and_a_started_game_refuse_new_players_politely(pack, tmp_path):
    room = _room(pack, tmp_path, max_players=2)
    room.join(room.join_code, "Ana")
    room.join(room.join_code, "Ben")
    with pytest.raises(GameMessage, match="room is full"):
        room.join(room.join_code, "Carla")
    room.start()
    with pytest.raises(GameMessage, match="has started"):
        room.join(room.join_code, "Dani")
    with pytest.raises(GameError, match="max_players must be a whole number from 1 to 1000"):
        _room(pack, tmp_path, max_players=0)


def test_teams_stay_even_and_are_scored_by_their_mean(pack, tmp_path):
    room = _room(pack, tmp_path, mode="teams", teams=["Reds", "Blues"])
    tokens = {name: room.join(room.join_code, name) for name in ("Ana", "Ben", "Carla")}
    assert [seat.team for seat in room.seats().values()] == ["Reds", "Blues", "Reds"]
    tokens["Dani"] = room.join(room.join_code, "Dani", team="blues")
    with pytest.raises(GameMessage, match="There is no team Greens"):
        room.join(room.join_code, "Eva", team="Greens")
    room.start()
    truth = room.game.current_item.item.answer
    wrong = "real" if truth == "fake" else "fake"
    for name, token in tokens.items():
        room.vote(token, truth if name != "Ana" else wrong, 80)  # one Red wrong
    room.reveal()
    board = room.host_view()["scoreboard"]
    assert [(t["name"], t["members"], t["mistakes"]) for t in board["teams"]] == [("Blues", 2, 0.0), ("Reds", 2, 0.5)]


def test_couples_pair_those_who_named_each_other_then_the_rest(pack, tmp_path):
    room = _room(pack, tmp_path, mode="couple")
    room.join(room.join_code, "Ana", partner="ben")
    room.join(room.join_code, "Carla")
    room.join(room.join_code, "Ben", partner="Ana")
    with pytest.raises(GameMessage, match="Carla has no partner"):
        room.start()
    room.join(room.join_code, "Dani", partner="Zoe")  # Zoe never came: Dani is paired with the others
    assert room.pairs() == [("Ana", "Ben"), ("Carla", "Dani")]
    room.assign("Carla", partner="Ana")  # the host re-pairs
    assert room.pairs() == [("Ana", "Carla"), ("Ben", "Dani")]
    game = room.start()
    assert game.mode == "couple" and game.voters["Carla"] == "Ana & Carla"


def test_the_clock_closes_voting_and_pause_keeps_what_was_left(pack, tmp_path, monkeypatch):
    import realorfake.game.classroom as classroom

    now = [1000.0]
    monkeypatch.setattr(classroom.time, "time", lambda: now[0])
    room = _room(pack, tmp_path, seconds=20)
    ana, ben, carla = (room.join(room.join_code, name) for name in ("Ana", "Ben", "Carla"))
    with pytest.raises(GameMessage, match="not started yet"):
        room.vote(ana, "real", 70)
    room.start()
    now[0] += 5
    assert room.seconds_left() == 15
    room.pause()
    now[0] += 100  # a long pause: the clock does not run
    with pytest.raises(GameMessage, match="paused"):
        room.vote(ana, "real", 70)
    room.resume()
    assert room.seconds_left() == 15
    room.vote(ana, "real", 70)
    now[0] += 15.5  # within the second's grace: a vote already on its way
    room.vote(ben, "real", 70)
    now[0] += 1
    with pytest.raises(GameMessage, match="Time is up"):
        room.vote(carla, "real", 70)
    room.reveal()
    with pytest.raises(GameMessage, match="closed"):
        room.vote(carla, "real", 70)
    room.next()
    assert room.seconds_left() == 20


def test_no_screen_holds_the_answer_or_the_split_before_the_reveal(pack, tmp_path):
    room = _room(pack, tmp_path)
    tokens = [room.join(room.join_code, name) for name in ("Ana", "Ben")]
    room.start()
    item = room.game.current_item.item
    room.vote(tokens[0], "fake", 90)
    host, player, other = room.host_view(), room.player_view(tokens[0]), room.player_view(tokens[1])
    for view in (host, player, other):
        sent = json.dumps(view, ensure_ascii=False)
        assert item.explain("en") not in sent and item.explain("es") not in sent and item.method not in sent and '"truth"' not in sent
        assert "reveal" not in view and "scoreboard" not in view or view is host
    assert host["votes_in"] == 1 and "fake" not in json.dumps(host)  # how many, never how
    assert player["my_vote"] == {"answer": "fake", "confidence": 90} and other["my_vote"] is None  # Ben cannot see Ana's vote
    room.vote(tokens[1], "real", 60)
    room.reveal()
    after = room.player_view(tokens[1], "es")
    assert after["reveal"]["truth"] == item.answer and after["reveal"]["explanation"] == item.explain("es")
    assert after["reveal"]["you_were_right"] == (item.answer == "real")
    assert room.host_view()["reveal"]["right"] == 1


def test_in_finale_mode_the_scoreboard_waits_for_the_end_and_ending_early_scores_what_was_played(pack, tmp_path):
    room = _room(pack, tmp_path, reveal="finale")
    ana = room.join(room.join_code, "Ana")
    room.start()
    room.vote(ana, "real", 70)
    assert "scoreboard" not in room.host_view()
    with pytest.raises(GameError):
        room.reveal()
    room.next()
    room.vote(ana, "fake", 70)
    room.end()
    assert room.phase == "over" and room.game.count == 2
    finale = room.player_view(ana)["finale"]
    assert finale["items"] == 2 and finale["rank"] == 1 and finale["winners"] == ["Ana"]
    assert room.host_view()["scoreboard"]["sides"][0]["name"] == "Ana"
    with pytest.raises(GameMessage, match="over"):
        room.next()


def test_a_room_killed_mid_round_comes_back_with_its_seats_votes_and_secret(pack, tmp_path):
    room = _room(pack, tmp_path)
    ana, ben = room.join(room.join_code, "Ana"), room.join(room.join_code, "Ben")
    room.start()
    room.vote(ana, "real", 80)
    path, secret, code = room.path, room.host_secret, room.join_code
    room.close()  # the server is killed (the subprocess test of the server does it with SIGKILL)
    again = Classroom.open(path)
    assert again.is_host(secret) and not again.is_host("guess") and not again.is_host(None) and again.join_code == code
    assert again.seat(ana).name == "Ana" and again.player_view(ana)["my_vote"]["answer"] == "real"
    assert again.phase == "paused" and again.seconds_left() >= 15  # the clock did not run while the server was down
    again.resume()  # the host presses "Go on"
    with pytest.raises(GameError, match="already voted"):
        again.vote(ana, "fake", 80)
    again.vote(ben, "fake", 80)
    assert again.game.votes_in() == 2
    (tmp_path / "foreign.rofclass").write_bytes(b"SQLite format 3\x00" + bytes(100))
    with pytest.raises(GameFileError):
        Classroom.open(tmp_path / "foreign.rofclass")
    with pytest.raises(GameFileError, match="not a Real or Fake\\? class room file"):
        Classroom.open(again.game.path)  # a game file is not a room file


def test_thirty_five_players_voting_at_once_are_all_recorded(pack, tmp_path):
    room = _room(pack, tmp_path)
    tokens = [room.join(room.join_code, f"Player {k}") for k in range(35)]
    room.start()
    barrier = threading.Barrier(len(tokens))
    failures = []

    def play(token):
        barrier.wait()
        try:
            room.vote(token, "real", 70)
        except Exception as error:  # noqa: BLE001 - every failure is reported below
            failures.append(error)

    threads = [threading.Thread(target=play, args=(token,)) for token in tokens]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == [] and room.game.votes_in() == 35


def test_the_last_vote_does_not_reveal_the_answer_the_host_does(pack, tmp_path):
    """Alone at a notebook the last vote reveals the item; in a class the host reveals it for everybody at once."""
    room = _room(pack, tmp_path)
    tokens = [room.join(room.join_code, name) for name in ("Ana", "Ben")]
    room.start()
    for token in tokens:
        room.vote(token, "real", 70)
    assert not room.game.current_item.revealed and "reveal" not in room.player_view(tokens[0])
    room.reveal()
    assert room.game.current_item.revealed and "reveal" in room.player_view(tokens[0])


def test_names_that_look_blank_or_like_someone_else_are_refused(pack, tmp_path):
    """A reviewer joined as invisible characters, as "ＡＮＡ" beside Ana, and as Zalgo text drawn over the scoreboard."""
    room = _room(pack, tmp_path)
    room.join(room.join_code, "Ana")
    with pytest.raises(GameMessage, match="already joined as ANA"):
        room.join(room.join_code, "ＡＮＡ")  # full-width letters are the same name
    for blank in ("\u2800", "\u3164\u3164", " \u115f ", "\u200b\u200d", ["a"], {"x": 1}, True):
        with pytest.raises(GameMessage, match="Type a name first"):
            room.join(room.join_code, blank)
    for unreadable in ("...", "🎭🎭"):
        with pytest.raises(GameMessage, match="at least one letter or digit"):
            room.join(room.join_code, unreadable)
    zalgo = "Z" + "\u0301" * 30 + "oe"
    assert len(clean_name(zalgo)) <= 5 and clean_name(zalgo).endswith("oe")  # at most two marks stacked on a letter
    assert clean_name("Ñandú  José") == "Ñandú José"


def test_the_host_removes_a_player_from_the_lobby(pack, tmp_path):
    room = _room(pack, tmp_path, mode="couple")
    room.join(room.join_code, "Ana", partner="Prank")
    room.join(room.join_code, "Prank", partner="Ana")
    room.remove("Prank")
    assert list(room.seats()) == ["Ana"] and room.seats()["Ana"].partner == ""
    with pytest.raises(GameError):
        room.remove("Nobody")
    room.join(room.join_code, "Ben")
    room.start()
    with pytest.raises(GameMessage, match="before the start"):
        room.remove("Ben")


def test_ties_share_a_place_and_the_finale_gives_every_answer(pack, tmp_path):
    """A reviewer's four players tied, yet one was "the winner" and another "4th of 4"; in finale mode no answer was ever shown."""
    room = _room(pack, tmp_path, mode="teams", teams=["Reds", "Blues"], reveal="finale", count=2)
    tokens = {name: room.join(room.join_code, name) for name in ("Ana", "Ben", "Carla", "Dani")}
    room.start()
    for _ in range(2):
        for token in tokens.values():
            room.vote(token, "real", 80)
        room.next()
    board = room.host_view()["scoreboard"]
    assert {side["rank"] for side in board["sides"]} == {1} and sorted(board["winners"]) == ["Blues", "Reds"]
    finale = room.player_view(tokens["Dani"], "es")["finale"]
    assert finale["rank"] == 1 and finale["team"]["name"] == "Blues" and finale["team"]["rank"] == 1
    assert [answer["truth"] for answer in finale["answers"]] == [room.game.item(k).answer for k in range(2)]
    assert finale["answers"][0]["explanation"] == room.game.item(0).explain("es") and finale["answers"][0]["mine"]["answer"] == "real"
    assert len(room.host_view()["answers"]) == 2
    exported = room.results_csv().splitlines()
    assert exported[0].endswith(",team") and exported[1].endswith(",Reds") and len(exported) == 1 + 8


def test_a_stopped_server_pauses_the_item_and_time_that_is_up_stays_up(pack, tmp_path, monkeypatch):
    import realorfake.game.classroom as classroom

    now = [5000.0]
    monkeypatch.setattr(classroom.time, "time", lambda: now[0])
    room = _room(pack, tmp_path, seconds=10)
    ana = room.join(room.join_code, "Ana")
    room.start()
    room.close()
    now[0] += 60  # the server was down for a minute: the item's 10 s ran out meanwhile
    again = Classroom.open(room.path)
    assert again.phase == "paused" and again.seconds_left() == 10  # at least 15 s, at most the item's time
    again.resume()
    now[0] += 11  # the time runs out
    again.pause()
    again.resume()  # "Go on" after the time was up does not reopen voting
    with pytest.raises(GameMessage, match="Time is up"):
        again.vote(ana, "real", 70)
