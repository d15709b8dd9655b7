"""Lesson 06's rounds: the detector's opinions for a machine-informed round, a simulated class, the pre-test.

* :func:`machine_opinions`: the Lesson 05 detector's probability of fake for
  every item of a pack it can judge (a picture or clip with a face); the
  game shows it before the vote, with what the detector was trained on;
* :func:`simulated_class`: a finished game of simulated players, clearly named
  so, for the debrief when the class has not played (and for the tests);
* :func:`latest_finished_game`: the learner's newest finished game, for the
  debrief (found on disk, so the debrief works after a restart too);
* :func:`pretest_accuracy`: the learner's Lesson 01 warm-up score (%), or None;
* :func:`beside_research`: the game's numbers beside the published ones
  (:mod:`.research`), as bars to draw and a few lines to read.

Course layer: uses the game engine, the detector and the learner's progress.
"""

from __future__ import annotations

import os
import random
import tempfile
import time
from pathlib import Path

from ..errors import CourseError
from ..game.engine import Game, saved_games
from ..game.pack import Pack
from ..show.game_pictures import item_frames
from . import progress

#: How often a simulated player is right on an item of each difficulty (roughly what studies of people find).
SIMULATED_ACCURACY = {"easy": 0.85, "medium": 0.65, "hard": 0.5}
#: How often a simulated player shown the detector's opinion simply follows it.
FOLLOW_MACHINE = 0.3


_SIMULATED: list[tempfile.TemporaryDirectory] = []


def _simulated_folder() -> Path:
    """One temporary folder per session for simulated classes, removed when the session ends (not one per run)."""
    if not _SIMULATED:
        _SIMULATED.append(tempfile.TemporaryDirectory(prefix="realorfake-simulated-", ignore_cleanup_errors=True))
    return Path(_SIMULATED[0].name)


#: The shipped detector's opinions, by pack (folder and item ids): a re-run cell does not judge every item again.
_SHIPPED_OPINIONS: dict[tuple, dict[str, float]] = {}


def machine_opinions(pack: Pack, detector=None) -> dict[str, float]:
    """{item id: probability of fake} from the Lesson 05 detector (default: the shipped one), for each item with a face.

    A clip is judged on its first frame; the badge strip of a fake is covered
    as for real items, so the label gives nothing away. Items with no face the
    detector can find without looking harder (a coffee cup, a tiny face) get no opinion.
    The shipped detector's opinions on a pack are worked out once per session.
    """
    from .. import label

    if detector is None:
        key = (str(pack.folder), tuple(item.id for item in pack.items))
        if key not in _SHIPPED_OPINIONS:
            from ..detector import load_detector

            _SHIPPED_OPINIONS[key] = machine_opinions(pack, load_detector())
        return dict(_SHIPPED_OPINIONS[key])
    opinions = {}
    for item in pack.items:
        try:
            frame = item_frames(item, max_frames=1)[0]
            opinions[item.id] = round(float(detector.predict(label.question_strip(frame), upsample=0)), 3)  # faces big enough to judge
        except CourseError:
            continue
    return opinions


def simulated_class(pack: Pack, *, players: int = 12, count: int = 12, seed: int = 0, folder: str | os.PathLike | None = None, machine: dict[str, float] | None = None) -> Game:
    """A finished solo game of ``players`` simulated players ("Simulated 1"...), each right with ``SIMULATED_ACCURACY``.

    Their confidence is loosely tied to being right (people are a little
    overconfident). Where ``machine`` gives the detector's opinion, a simulated
    player follows it (fake from 0.5 up) three times in ten, so whether it helps
    depends on how right the detector really is on these items. The game file
    goes into ``folder`` (default: a new temporary folder, never the learner's
    games, where it would be taken for a game they played). Used when a class
    has not played, to show the debrief.
    """
    rng = random.Random(seed)
    folder = Path(folder) if folder is not None else _simulated_folder()
    path = folder / f"simulated-{seed}-{time.time_ns()}.rofgame"
    game = Game.new(pack, [f"Simulated {k + 1}" for k in range(players)], mode="solo", reveal="learning", seed=seed, count=count, path=path, machine=machine)
    while not game.finished:
        item = game.current_item.item
        chance = SIMULATED_ACCURACY.get(item.difficulty, 0.65)
        opinion = game.current_item.machine
        for name in game.voters:
            if opinion is not None and rng.random() < FOLLOW_MACHINE:
                answer = "fake" if opinion >= 0.5 else "real"
            else:
                answer = item.answer if rng.random() < chance else ("real" if item.answer == "fake" else "fake")
            right = answer == item.answer
            confidence = min(100, max(50, round(rng.gauss(78 if right else 70, 12) / 5) * 5))
            game.vote(name, answer, confidence)
        game.next(force=True)
    return game


def latest_finished_game(pack: Pack | None = None, folder: str | os.PathLike | None = None) -> Game | None:
    """The newest finished game (of ``pack``, when given) in ``folder`` (default: the progress folder's games), or None."""
    found = saved_games(folder, pack, finished=True)
    for saved in found:
        try:
            return Game.open(saved.path)
        except CourseError:
            continue
    return None


def pretest_accuracy(name: str = "warmup") -> float | None:
    """The learner's finished Lesson 01 warm-up round as a percentage right, or None when there is none."""
    try:
        answers = progress.load_answers(name)
    except CourseError:
        return None
    if not answers or len(answers) < (answers[-1].get("of", len(answers)) if isinstance(answers[-1], dict) else len(answers)):
        return None
    return 100 * sum(1 for answer in answers if isinstance(answer, dict) and answer.get("correct") is True) / len(answers)


def beside_research(results, *, simulated: bool, pretest: float | None = None) -> tuple[list[tuple[str, float]], list[str]]:
    """(rows, notes): the game's shares right beside Groh et al.'s, for ``show.detector_pictures.share_right_bars``.

    ``rows`` are (what, share right 0-1): the published figures of
    :data:`research.HUMANS_AND_MACHINES`, then the pre-test (when given, in %),
    this game, and its votes with and without the detector's opinion. ``notes``
    say in words what the bars cannot: whose game it was, and whether the
    detector helped. ``simulated`` names a simulated class as such.
    """
    import numpy as np

    from .research import GENERATED_FACES, HUMANS_AND_MACHINES

    who = "the simulated class" if simulated else "this game"
    rows = list(HUMANS_AND_MACHINES)
    if pretest is not None:
        rows.append(("you, Lesson 01 warm-up (pre-test)", pretest / 100))
    rows.append((f"{who}, every vote", float(np.nanmean([player.accuracy for player in results.players])) / 100))
    for key, words in (("without_machine", "without the detector's opinion"), ("with_machine", "with the detector's opinion")):
        if key in results.machine and "with_machine" in results.machine:  # only a machine-informed game splits its votes
            rows.append((f"{who}, {words}", results.machine[key] / 100))
    notes = [f"The bars for {who} come from {'simulated players, not people' if simulated else 'your own votes'}."]
    if pretest is None:
        notes.append("No finished warm-up round from Lesson 01 on this computer: play it there to compare before and after.")
    helped = results.machine_helped()
    if helped is not None:
        notes.append("The detector's opinion helped." if helped else "The detector's opinion did not help this time.")
    low, high = GENERATED_FACES
    notes.append(f"On faces made by a generator (StyleGAN2) people scored {low:.0%}, and {high:.0%} after training (Nightingale & Farid, PNAS 2022).")
    return rows, notes
