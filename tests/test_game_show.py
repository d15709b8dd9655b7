"""Lesson 06's game widget, driven by simulated clicks: a solo game and a couple game to the finale."""

from __future__ import annotations

import csv

import pytest

from game_helpers import make_pack
from realorfake.game import Game, load_pack
from realorfake.widgets.game_show import GameShow

TRUTH = {"real-1": "real", "swap-1": "fake", "edit-1": "real", "morph-1": "fake"}


@pytest.fixture
def pack(tmp_path):
    return load_pack(make_pack(tmp_path / "pack"))


def _current_truth(show: GameShow) -> str:
    return TRUTH[show.game.current_item.item.id]


def test_a_solo_game_played_by_clicks_reaches_the_finale_and_exports(pack, tmp_path):
    show = GameShow(pack, folder=tmp_path, countdown=0)
    show.names.value = "Ana"
    show.start_button.click()
    assert show.game is not None and show.setup.layout.display == "none"
    assert show.picture.value and "real or fake?" in show.picture.alt  # no answer before the vote
    for k in range(4):
        truth = _current_truth(show)
        show.confidence.value = 90
        (show.real_button if (truth == "real") == (k != 0) else show.fake_button).click()  # wrong on the first, right after
        assert "It was" in show.status.value and "revealed" in show.picture.alt
        assert show.next_button.layout.display is None
        show.next_button.click()
    assert show.game.finished
    assert "Winner: Ana" in show.scoreboard.value and "€75,000" in show.scoreboard.value
    written = show.export()
    rows = list(csv.DictReader(written.open(encoding="utf-8")))
    assert len(rows) == 4 and sum(int(r["right"]) for r in rows) == 3


def test_a_couple_game_hides_each_vote_behind_the_hand_over_screen(pack, tmp_path):
    show = GameShow(pack, folder=tmp_path, countdown=0)
    show.mode.value = "couple"
    show.names.value = "Ana, Ben"
    show.start_button.click()
    assert show.game.mode == "couple"
    for _ in range(4):
        assert "Pass the device to Ana" in show.status.value
        assert show.picture.layout.visibility == "hidden" and show.real_button.layout.display == "none"
        show.handover_button.click()  # Ana sits down
        assert "The Chair of Truth: Ana (Ana &amp; Ben)" in show.status.value
        truth = _current_truth(show)
        (show.real_button if truth == "real" else show.fake_button).click()
        # Ben's turn: Ana's vote is nowhere on screen
        assert "Pass the device to Ben" in show.status.value and "It was" not in show.status.value
        assert show.picture.layout.visibility == "hidden"
        show.handover_button.click()
        (show.fake_button if truth == "real" else show.real_button).click()  # Ben is always wrong
        assert "It was" in show.status.value and "✓ right" in show.status.value and "✗ wrong" in show.status.value
        show.next_button.click()
    results = show.game.results()
    assert results.sides[0].money == 50_000  # half of every item: one partner right
    assert "Winner: Ana &amp; Ben" in show.scoreboard.value


def test_the_set_up_speaks_spanish_and_reports_mistakes_without_a_traceback(pack, tmp_path):
    show = GameShow(pack, folder=tmp_path, countdown=0)
    show.language.value = "es"
    assert show.fake_button.description == "Falso" and show.real_button.description == "Real" and show.start_button.description == "Empezar el juego"
    show.mode.value = "teams"
    show.names.value = "Solo un equipo"
    show.start_button.click()
    assert show.game is None and "necesita de 2 a 8 equipos" in show.message.value  # in the player's language, about what was typed
    show.names.value = "Rojos\nAzules"
    show.start_button.click()
    show.handover_button.click()
    assert "La Silla de la Verdad: Rojos" in show.status.value


def test_a_finale_game_reveals_nothing_until_the_end(pack, tmp_path):
    show = GameShow(pack, folder=tmp_path, countdown=0)
    show.reveal_mode.value = "finale"
    show.names.value = "Ana"
    show.start_button.click()
    assert "Banked: secret until the finale" in show.status.value  # not "banked: €0", which would be a clue as the game goes on
    for _ in range(4):
        show.real_button.click()
        assert "finale" in show.status.value and "It was" not in show.status.value
        assert "revealed" not in show.picture.alt
        show.next_button.click()
    assert "Winner: Ana" in show.scoreboard.value
    # the finale gives every answer at last, with its explanation (a reviewer once found none)
    assert show.scoreboard.value.count("<li>") == 4 and all(f"Why {item_id} is" in show.scoreboard.value for item_id in TRUTH)


def test_each_partner_sets_their_own_confidence(pack, tmp_path):
    """The slider once opened on the first partner's confidence: a clue to their vote."""
    show = GameShow(pack, folder=tmp_path, countdown=0, mode="couple")
    show.names.value = "Ana, Ben"
    show.start_button.click()
    show.handover_button.click()
    show.confidence.value = 95
    show.real_button.click()
    show.handover_button.click()
    assert show.confidence.value == 70


def test_a_game_resumes_after_a_restart_where_it_stopped(pack, tmp_path):
    show = GameShow(pack, folder=tmp_path, countdown=0)
    show.names.value = "Ana\nBen"
    show.start_button.click()
    show.handover_button.click()
    show.real_button.click()  # Ana votes; then the kernel restarts
    path = show.game.path
    show.game.close()
    again = GameShow.resume(path, countdown=0)
    assert "Pass the device to Ben" in again.status.value  # Ben's turn on the same item
    assert Game.open(path).votes_in() == 1


def test_a_machine_informed_item_shows_the_detectors_opinion_with_its_limits(pack, tmp_path):
    show = GameShow(pack, folder=tmp_path, countdown=0, machine={item.id: 0.8 for item in pack.items})
    show.names.value = "Ana"
    show.start_button.click()
    assert "80% likely fake" in show.machine_note.value and "trained on self-blended faces" in show.machine_note.value


def test_rerunning_the_cell_after_a_restart_offers_the_unfinished_game_in_its_language(pack, tmp_path):
    """A reviewer restarted the kernel mid-game: the game was on disk, but only code could find it, and it came back in English."""
    show = GameShow(pack, folder=tmp_path, countdown=0)
    assert show.saved_box.layout.display == "none"  # nothing to go on with yet
    show.language.value = "es"
    show.mode.value = "couple"
    show.names.value = "Ana, Ben"
    show.start_button.click()
    assert str(show.game.path) in show.saved_note.value  # where every vote is kept, on screen
    show.handover_button.click()
    show.real_button.click()  # Ana votes; then the kernel restarts
    path = show.game.path
    show.game.close()
    finished = GameShow(pack, folder=tmp_path, countdown=0)
    finished.names.value = "Eva"
    finished.start_button.click()
    for _ in range(4):
        finished.real_button.click()
        finished.next_button.click()
    assert finished.game.finished
    (tmp_path / "20260101-000000-000000-solo.rofgame").write_bytes(b"not a game")  # a damaged file is skipped, and left alone

    again = GameShow(pack, folder=tmp_path, countdown=0)  # the cell, run again
    assert again.saved_box.layout.display is None and len(again.saved.options) == 1  # the finished game is not offered
    label, chosen = again.saved.options[0]
    assert "Ana, Ben" in label and "Item 1 of 4" in label and chosen == str(path)
    again.resume_button.click()
    assert again.language.value == "es" and again.fake_button.description == "Falso"
    assert "Pasa el dispositivo a Ben" in again.status.value  # Ben's turn on the same item; Ana's vote not shown
    assert (tmp_path / "20260101-000000-000000-solo.rofgame").read_bytes() == b"not a game"


def test_the_chair_speaks_spanish_in_its_numbers_strips_player_and_plots(pack, tmp_path):
    show = GameShow(pack, folder=tmp_path, countdown=0)
    show.language.value = "es"
    show.names.value = "Ana"
    show.start_button.click()
    assert "100.000\xa0€" in show.status.value  # the pot as Spanish writes it, not "€100,000"
    assert show.player.play_label == "▶ Reproducir" and show.player.position_label == "fotograma {n} de {count}"
    beside = show.controls.children  # beside the picture, so a 1366 x 768 screen shows it all at once
    assert beside.index(show.status) < beside.index(show.confidence) < beside.index(show.buttons) < beside.index(show.handover_button)  # how sure, then the vote
    for _ in range(4):
        show.fake_button.click()
        show.next_button.click()
    texts = [text.get_text() for figure in show.figures for ax in figure.axes for text in (ax.title, ax.xaxis.label)]
    assert "¿Acertaste tanto como creías?" in texts and "What fooled us most" not in texts


def test_a_game_another_widget_is_playing_is_not_offered(pack, tmp_path):
    """A reviewer's machine round showed up in the couple cell's "go on" list: two widgets drove one game."""
    first = GameShow(pack, folder=tmp_path, countdown=0, seed=3)  # another cell (other settings)
    first.names.value = "Ana"
    first.start_button.click()
    first.real_button.click()
    assert GameShow(pack, folder=tmp_path, countdown=0).saved.options == ()  # still being played above
    (tmp_path / "play-abcdefgh12.rofgame").write_bytes(first.game.path.read_bytes())  # make play's games are not the notebook's
    first.game.close()
    offered = GameShow(pack, folder=tmp_path, countdown=0).saved.options
    assert [path for _, path in offered] == [str(first.game.path)]


def test_a_game_resumed_at_an_answer_shows_no_dead_buttons_and_keeps_the_detectors_note(pack, tmp_path):
    """A reviewer went on with a game at its answer screen: the Real/Fake buttons were there, did nothing, and the detector's note was gone."""
    show = GameShow(pack, folder=tmp_path, countdown=0, machine={"real-1": 0.2, "swap-1": 0.9, "edit-1": 0.4, "morph-1": 0.7})
    show.names.value = "Ana"
    show.start_button.click()
    show.real_button.click()  # learning mode: the answer is on screen; then the kernel restarts
    path = show.game.path
    show.game.close()
    again = GameShow.resume(path, countdown=0)
    assert again.real_button.layout.display == "none" and again.confidence.layout.display == "none"
    assert again.next_button.layout.display is None and "It was" in again.status.value
    assert "likely fake" in again.machine_note.value


def test_an_item_the_detector_cannot_judge_says_so_in_a_machine_round(pack, tmp_path):
    show = GameShow(pack, folder=tmp_path, countdown=0, machine={"swap-1": 0.9})
    show.names.value = "Ana"
    show.start_button.click()
    notes = []
    for _ in range(4):
        notes.append(show.machine_note.value)
        show.real_button.click()
        show.next_button.click()
    assert sum("likely fake" in note for note in notes) == 1 and sum("no opinion" in note for note in notes) == 3


def test_choosing_another_saved_game_keeps_that_choice_and_only_a_choice_changes_the_language(pack, tmp_path):
    """Choosing the second game (in Spanish) once snapped back to the first; a listed game once switched the set-up's language by itself."""
    english = GameShow(pack, folder=tmp_path, countdown=0, seed=1)
    english.names.value = "Ana"
    english.start_button.click()
    english.real_button.click()
    english.game.close()
    spanish = GameShow(pack, folder=tmp_path, countdown=0, seed=2)
    spanish.language.value = "es"
    spanish.names.value = "Ben"
    spanish.start_button.click()
    spanish.game.close()
    again = GameShow(pack, folder=tmp_path, countdown=0)
    assert again.language.value == "en"  # the newest game is Spanish, but nobody chose it yet
    english_path = str(english.game.path)
    again.saved.value = english_path
    assert again.saved.value == english_path and again.language.value == "en"
    again.saved.value = str(spanish.game.path)
    assert again.saved.value == str(spanish.game.path) and again.language.value == "es"  # chosen: it stays, in its language
    again.resume_button.click()
    assert again.game.path == spanish.game.path


def test_running_the_same_cell_again_offers_its_own_unfinished_game(pack, tmp_path):
    first = GameShow(pack, folder=tmp_path, countdown=0, count=3, seed=5)
    first.names.value = "Ana"
    first.start_button.click()
    first.real_button.click()
    rerun = GameShow(pack, folder=tmp_path, countdown=0, count=3, seed=5)  # the same cell, run again (its old widget is still alive)
    assert [path for _, path in rerun.saved.options] == [str(first.game.path)]


def test_the_hand_over_hides_a_clips_controls_and_the_next_player_starts_at_its_first_frame(tmp_path):
    """A tester saw "▶ Play · frame 15 of 24" on the hand-over screen, and the partner's turn began at frame 15."""
    from game_helpers import clip_pack

    show = GameShow(load_pack(clip_pack(tmp_path / "clips")), folder=tmp_path / "games", countdown=0)
    show.mode.value = "couple"
    show.names.value = "Eva, Leo"
    show.start_button.click()
    assert show.player.layout.display is None and show.player.max > 0  # a clip: its controls are shown
    show.player.value = 15
    show.real_button.click()  # Eva votes: the hand-over to Leo
    assert show.picture.layout.visibility == "hidden" and show.player.layout.visibility == "hidden"
    assert show.player.value == 0 and not show.player.playing
    show.handover_button.click()  # Leo sits down
    assert show.picture.layout.visibility == "visible" and show.player.layout.visibility == "visible"
