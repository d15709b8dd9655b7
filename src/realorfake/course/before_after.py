"""Before and after: the learner's share right in Lesson 01's warm-up, Lesson 06's games and Lesson 07's post-test.

:func:`scores` reads the three from the learner's own files (the warm-up's
saved answers, :mod:`.progress`; the finished games in the progress folder,
:mod:`realorfake.game.engine`) and gives each as a :class:`Score`: how many
right of how many, or, when it is missing, why and what to do.
:func:`summary` says in words what changed, honestly: a round of 8 items
moves 12.5 points per item, so a change of one or two items is within chance.
``show.score_pictures.before_after_bars(scores())`` draws them.

Course layer: reads progress files and game files; writes nothing.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import NamedTuple

from ..errors import CourseError, GameError
from ..game.engine import Game, saved_games
from ..numbers import percent_text
from ..text import fit_lines
from . import progress
from .posttest import PACK_NAME

PRETEST, GAMES, POSTTEST = "pretest", "games", "posttest"


class Score(NamedTuple):
    """One bar of the before/after chart: ``right`` of ``total`` items, or ``missing`` saying why there is no score.

    ``label``: what the bar is ("Lesson 01 warm-up (before)"); ``right`` and
    ``total``: whole numbers of items (None when missing); ``missing``: "" when
    there is a score, else a short reason with what to do; ``key``: "pretest",
    "games" or "posttest". A plain tuple, so the show layer can draw it.
    """

    label: str
    right: int | None = None
    total: int | None = None
    missing: str = ""
    key: str = ""

    @property
    def share(self) -> float | None:
        """Share right, 0-1, or None when there is no score."""
        return self.right / self.total if self.right is not None and self.total else None


def pretest_score(name: str = "warmup") -> Score:
    """The finished Lesson 01 warm-up (quiz ``name``) as a Score; missing when it was never saved, is unfinished or cannot be read."""
    label = "Lesson 01 warm-up (before)"
    try:
        answers = progress.load_answers(name)
    except CourseError:
        return Score(label, missing="the saved pre-test cannot be read: Lesson 01's last cell says what to do", key=PRETEST)
    if not answers:
        return Score(label, missing="no pre-test saved: play Lesson 01's warm-up", key=PRETEST)
    of = answers[-1].get("of", len(answers))
    if isinstance(of, int) and len(answers) < of:
        return Score(label, missing=f"pre-test not finished ({len(answers)} of {of} answered): finish Lesson 01's warm-up", key=PRETEST)
    return Score(label, sum(1 for answer in answers if answer.get("correct") is True), len(answers), key=PRETEST)


def _finished_games(folder: str | os.PathLike | None) -> list[tuple[Game, str]]:
    """Every undamaged finished game in ``folder`` as (game, its creation time), oldest first; the caller closes them."""
    found = []
    for saved in saved_games(folder, finished=True):
        try:
            found.append((Game.open(saved.path), f"{saved.created}|{saved.path.name}"))
        except (GameError, OSError):
            continue
    return sorted(found, key=lambda pair: pair[1])


def _votes(game: Game) -> tuple[int, int]:
    """(right, items judged) over every voter of a finished game; a missed vote counts as not right."""
    players = game.results().players
    return sum(p.right for p in players), sum(p.votes + p.missed for p in players)


def _first_player(game: Game) -> tuple[int, int]:
    """(right, items judged) of the first player named: the final round is one learner's own, even if a friend joined in."""
    player = game.results().players[0]
    return player.right, player.votes + player.missed


def final_round_status(folder: str | os.PathLike | None = None) -> str:
    """One sentence for the final round's cell: the score that counts if there is one, else what to do."""
    right, total, name, players = _first_final_round(folder)
    if not total:
        if any(_is_final_round(saved.path) for saved in saved_games(folder)):
            return (
                "Your final round is not finished yet: choose it under “Or go on with a game you have not finished”, press “Go on with this game”, "
                "and play up to the finale (after the last answer, press To the finale)."
            )
        return "Your final round: not played yet. Type your name and press Start the game."
    whose = f" (the votes of {name}, the first name typed)" if players > 1 else ""
    return f"Your final round is done: {right} of {total} right{whose}. That first round is the one your chart counts; a new round now is practice and does not replace it."


def _is_final_round(path: Path) -> bool:
    """Whether a game file is a round of the final-round pack (an unreadable file is not)."""
    try:
        with Game.open(path) as game:
            return game.pack.name == PACK_NAME
    except (GameError, OSError):
        return False


def _close(games: list[tuple[Game, str]]) -> None:
    for game, _ in games:
        game.close()


def games_score(folder: str | os.PathLike | None = None) -> Score:
    """Every vote in the finished Lesson 06 games in ``folder`` (default: the progress folder's games), pooled: any game that is not the post-test.

    A couple's or a class's game counts every voter's votes.
    """
    games = _finished_games(folder)
    try:
        right = total = count = 0
        for game, _ in games:
            if game.pack.name == PACK_NAME:
                continue
            r, t = _votes(game)
            right, total, count = right + r, total + t, count + 1
    finally:
        _close(games)
    label = "Lesson 06 games"
    if not total:
        return Score(label, missing="no finished game saved: play a round in Lesson 06", key=GAMES)
    return Score(f"{label} ({count} game{'s' if count > 1 else ''})", right, total, key=GAMES)


def posttest_score(folder: str | os.PathLike | None = None) -> Score:
    """The learner's first finished post-test game in ``folder`` (default: the progress folder's games) as a Score.

    The first counts, as the first warm-up does: a post-test played again
    after its answers were shown is practice. Missing when none is finished.
    """
    right, total, name, players = _first_final_round(folder)
    label = "Lesson 07 final round (after)"
    if not total:
        return Score(label, missing="no finished final round yet: play Lesson 07's final round (section 6) up to its finale", key=POSTTEST)
    return Score(label if players == 1 else f"{label}, {name}'s votes", right, total, key=POSTTEST)


def _first_final_round(folder: str | os.PathLike | None) -> tuple[int, int, str, int]:
    """(right, items, first player's name, number of players) of the first finished final round; zeros and '' when none."""
    games = _finished_games(folder)
    try:
        first = next((game for game, _ in games if game.pack.name == PACK_NAME), None)
        if first is None:
            return 0, 0, "", 0
        right, total = _first_player(first)
        players = first.results().players
        return right, total, players[0].name, len(players)
    finally:
        _close(games)


def scores(*, games: bool | None = None, folder: str | os.PathLike | None = None, warmup: str = "warmup") -> list[Score]:
    """[pre-test, Lesson 06 games, post-test], each a :class:`Score`, some perhaps missing.

    ``games``: True always includes the Lesson 06 row, False never, None (the
    default) only when the learner has finished a Lesson 06 game (a class that
    skipped Lesson 06 sees no empty row for it).

    ``folder``: where the games are (default: the progress folder's
    ``games``); ``warmup``: the saved quiz that is the pre-test. Reads files
    only; a damaged file makes its piece missing, never an error.
    """
    folder = Path(folder) if folder is not None else None
    found = [pretest_score(warmup)]
    if games or games is None:
        played = games_score(folder)
        if games or not played.missing:
            found.append(played)
    found.append(posttest_score(folder))
    return found


def summary(found: list[Score]) -> str:
    """A few plain sentences about ``found`` (from :func:`scores`): what changed from before to after, and how much chance there is in it."""
    by_key = {score.key: score for score in found}
    before, after = by_key.get(PRETEST), by_key.get(POSTTEST)
    lines = []
    for score in found:
        if score.missing:
            lines.append(f"{score.label}: {score.missing}.")
        else:
            lines.append(f"{score.label}: {score.right} of {score.total} right ({percent_text(score.right, score.total)}).")
    if before and after and not before.missing and not after.missing:
        change = after.right - before.right if before.total == after.total else None
        if change is not None:
            items = f"{abs(change)} item{'s' if abs(change) != 1 else ''}"
            lines.append("The same score before and after." if change == 0 else f"{items} {'more' if change > 0 else 'fewer'} right after the course than before.")
        points = 100 / min(before.total, after.total)
        lines.append(
            f"In a round of {min(before.total, after.total)} items each item is {points:.3g} points, so a change of one or two items is within chance:"
            " guessing alone moves a score that much from one round to the next. Read the chart as a hint, not a grade."
        )
    return fit_lines("\n".join(lines))
