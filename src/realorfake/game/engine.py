"""The game's rules, in the format of *Falso amor*: vote real or fake on each item, with how sure you are.

One :class:`Game` object per game file; every move is one SQLite transaction
(:mod:`.store`), so widgets, the class server's many sessions and tests all
share one game safely, and a game resumes where it stopped.

Modes (``mode=``):

* ``"solo"``: ``players`` is a list of names; each plays for themselves.
* ``"couple"``: ``players`` is a list of (name, name) pairs; both partners vote
  on every item, and neither sees the other's vote until both have voted. An item
  is banked in full only when both are right (half when one is).
* ``"teams"``: ``players`` is a list of 2-8 team names; each team casts one vote per item.

Reveals (``reveal=``): ``"learning"`` reveals each item as soon as every voter
has voted (or the host closes voting with :meth:`Game.reveal`); ``"finale"``,
as in the show, reveals nothing until the last item is done.

Machine-informed rounds: ``machine=`` maps item ids to the Lesson 05 detector's
probability of fake; those items show it before the vote, and the results say
whether it helped. The game never computes it (the detector needs PyTorch).

Game layer: imports the core and the game's own modules.
"""

from __future__ import annotations

import datetime as _dt
import json
import os
import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..errors import GameError, GameFileError, OutOfRange
from ..files import progress_folder
from . import scoring
from .i18n import LANGUAGES, N_, GameMessage, RangeMessage
from .pack import Item, Pack, from_data
from .store import SUFFIX, GameFile

MODES = ("solo", "couple", "teams")
REVEALS = ("learning", "finale")
ANSWERS = ("real", "fake")
#: Most voters one game takes (a school assembly in class mode).
MAX_VOTERS = 1000
MAX_TEAMS = 8


@dataclass(frozen=True)
class Round:
    """The item on screen: ``position`` (0-based) of ``count``, the :class:`Item`, the machine's opinion (or None)."""

    position: int
    count: int
    item: Item
    machine: float | None
    revealed: bool


@dataclass(frozen=True)
class Receipt:
    """What :meth:`Game.vote` returns once the vote is on disk: the acknowledgement a player sees."""

    player: str
    position: int
    answer: str
    confidence: int
    votes_in: int
    voters: int
    revealed: bool


@dataclass(frozen=True)
class Reveal:
    """One item's answer for everybody: the item, each voter's vote and verdict, and the money each side banked (euros)."""

    position: int
    item: Item
    votes: dict[str, tuple[str, int]]
    right: dict[str, bool]
    missed: tuple[str, ...]
    banked: dict[str, float]
    machine: float | None


@dataclass(frozen=True)
class Money:
    """The money counter a player may see now: the pot (euros), each side's banked euros, and the items still to play.

    ``banked`` is None while it would give answers away (finale mode before
    the end, as in the show); ``items_left`` counts the current item until
    everyone has voted on it (or it is revealed), and is 0 once the game is finished.
    """

    pot: int
    banked: dict[str, float] | None
    items_left: int


def default_path(mode: str, folder: str | os.PathLike | None = None) -> Path:
    """A new game file name in ``folder`` (default: the progress folder's games): ``<date>-<time>-<mode>.rofgame``."""
    folder = Path(folder) if folder is not None else progress_folder() / "games"
    folder.mkdir(parents=True, exist_ok=True)
    stamp = _dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    return folder / f"{stamp}-{mode}{SUFFIX}"


@dataclass(frozen=True)
class SavedGame:
    """A game file found by :func:`saved_games`: where it is and what a player needs to recognise it.

    ``players``: the voters; ``sides``: the sides (couples, teams...);
    ``position``: the item it stopped at (0-based; ``count`` when finished);
    ``created`` and ``played``: when it began and when it was last played (ISO 8601, UTC).
    """

    path: Path
    mode: str
    reveal_mode: str
    players: tuple[str, ...]
    sides: tuple[str, ...]
    position: int
    count: int
    created: str
    played: str
    language: str


def saved_games(folder: str | os.PathLike | None = None, pack: Pack | None = None, *, finished: bool = False, pattern: str = "*", limit: int | None = None) -> list[SavedGame]:
    """The games in ``folder`` (default: the progress folder's games) not finished yet (``finished=True``: finished), last played first.

    With ``pack``, only games of a pack with the same items; ``pattern``: only
    files whose name (without ``.rofgame``) matches it; ``limit``: at most that
    many. Files that are not undamaged game files are skipped (and left as they
    are); nothing is written.
    """
    folder = Path(folder) if folder is not None else progress_folder() / "games"
    found = []
    for path in sorted(folder.glob(f"{pattern}{SUFFIX}")) if folder.is_dir() else []:
        try:
            with Game.open(path) as game:
                if game.finished != finished or (pack is not None and [i.id for i in game.pack.items] != [i.id for i in pack.items]):
                    continue
                position = game.count if finished else game.current_item.position
                when = game.last_played()
                sides = tuple(dict.fromkeys(game.voters.values()))
                found.append(SavedGame(path, game.mode, game.reveal_mode, tuple(game.voters), sides, position, game.count, game.created, when, game.language))
        except (GameError, OSError):
            continue
    found.sort(key=lambda saved: saved.played, reverse=True)  # by the last vote in the file, not the file's time (closing a file touches it)
    return found[:limit] if limit is not None else found


def players_from_text(text: str, mode: str) -> list:
    """The players a person typed (one per line, or several on a line with commas) as ``Game.new`` wants them for ``mode``.

    In couple mode each line is a couple: "Ana, Ben" (or "Ana & Ben"). What
    does not fit raises a :class:`~.i18n.GameMessage` that speaks of what was
    typed (a line without two names, a name typed twice, too many teams), in the
    player's language where the page shows it.
    """
    lines = [" ".join(line.split()) for line in str(text).splitlines() if line.strip()]
    if not lines:
        raise GameMessage(N_("Type the players' names first, one per line."))
    if mode == "couple":
        players = [tuple(part.strip() for part in line.replace("&", ",").split(",") if part.strip()) for line in lines]
        for line, pair in zip(lines, players, strict=True):
            if len(pair) != 2:
                raise GameMessage(N_("In couple mode, type the two partners' names on one line, like: Ana, Ben. This line does not have two names: {line}"), line=line)
        names = [name for pair in players for name in pair]
    else:
        players = names = [name.strip() for line in lines for name in line.split(",") if name.strip()]
        if mode == "teams" and not 2 <= len(players) <= MAX_TEAMS:
            raise GameMessage(N_("Teams mode needs 2 to {most} teams, one team name per line; you typed {n}."), most=MAX_TEAMS, n=len(players))
    for name in names:
        if len(name) > 40:
            raise GameMessage(N_("A name can have at most 40 characters; shorten this one: {name}"), name=name)
    doubled = sorted({name for name in names if names.count(name) > 1})
    if doubled:
        raise GameMessage(N_("Every player needs a name of their own; typed more than once: {names}."), names=", ".join(doubled))
    if len(names) > MAX_VOTERS:
        raise GameMessage(N_("A game takes at most {most} players; you typed {n}."), most=MAX_VOTERS, n=len(names))
    return players


def _sides(players: object, mode: str) -> list[tuple[str, str]]:
    """(voter, side) pairs for ``players`` in ``mode``; ``GameError`` for a list that does not fit the mode."""

    def name(value: object) -> str:
        if not isinstance(value, str) or not value.strip() or len(value.strip()) > 40:
            raise GameError(f"Each name must be text of 1 to 40 characters, got {value!r}.")
        return " ".join(value.split())

    if isinstance(players, str) or not isinstance(players, Sequence) or not players:
        example = {"solo": '["Ana"]', "couple": '[("Ana", "Ben")]', "teams": '["Reds", "Blues"]'}[mode]
        raise GameError(f"players must be a list, for {mode} mode like {example}; got {players!r}.")
    if mode == "couple":
        pairs = []
        for pair in players:
            if isinstance(pair, str) or not isinstance(pair, Sequence) or len(pair) != 2:
                raise GameError(f'In couple mode each entry is a pair of names, like ("Ana", "Ben"); got {pair!r}.')
            a, b = name(pair[0]), name(pair[1])
            pairs += [(a, f"{a} & {b}"), (b, f"{a} & {b}")]
        voters = pairs
    else:
        voters = [(name(p), name(p)) for p in players]
        if mode == "teams" and not 2 <= len(voters) <= MAX_TEAMS:
            raise GameError(f"Teams mode needs 2 to {MAX_TEAMS} teams, got {len(voters)}.")
    names = [voter for voter, _ in voters]
    doubled = sorted({n for n in names if names.count(n) > 1})
    if doubled:
        raise GameError(f"Every player needs a name of their own; used twice: {', '.join(doubled)}.")
    if len(voters) > MAX_VOTERS:
        raise GameError(f"A game takes at most {MAX_VOTERS} voters, got {len(voters)}.")
    return voters


class Game:
    """A game over one SQLite file. Start one with :meth:`new`, resume one with :meth:`open`."""

    def __init__(self, file: GameFile):
        self._file = file
        meta = dict(file.read("SELECT key, value FROM meta"))
        try:
            self.mode, self.reveal_mode = meta["mode"], meta["reveal"]
            self.auto_reveal = meta.get("auto_reveal", "1") == "1"
            self.seed, self.pot_euros = int(meta["seed"]), int(meta["pot_euros"])
            self.pack = from_data(json.loads(meta["pack"]), meta["pack_folder"], check_files=False)
            self.language, self.created = meta.get("language", "en"), meta.get("created", "")
        except (KeyError, ValueError) as error:
            file.close()
            raise GameFileError(f"{file.path.name} is a game file with missing settings ({error}). It was left as it is.") from None
        self.voters: dict[str, str] = dict(file.read("SELECT name, side FROM players ORDER BY seat"))
        self._load_items()

    def _load_items(self) -> None:
        rows = self._file.read("SELECT position, item_id, machine FROM items ORDER BY position")
        self._items = [self.pack.item(item_id) for _, item_id, _ in rows]
        self._machine = [machine for _, _, machine in rows]
        self._shares = scoring.shares_in_cents(len(self._items), self.pot_euros)

    # ---------------------------------------------------------------- set-up
    @classmethod
    def new(
        cls,
        pack: Pack,
        players: Sequence,
        *,
        mode: str = "solo",
        reveal: str = "learning",
        seed: int = 0,
        path: str | os.PathLike | None = None,
        machine: Mapping[str, float] | None = None,
        pot_euros: int = scoring.POT_EUROS,
        shuffle: bool = True,
        count: int | None = None,
        language: str = "en",
        auto_reveal: bool = True,
    ) -> Game:
        """Start a game of ``pack`` (a checked :class:`Pack`) in a new file (``path``; default: the learner's progress folder).

        Items come in an order shuffled by ``seed`` (``shuffle=False``: the
        pack's order). ``count`` plays only that many items, chosen by ``seed``
        with real and fake as even as the pack allows (a short round from a big
        pack). ``language`` ("en" or "es") is kept in the file, so that a
        resumed game speaks it again. ``auto_reveal=False``: in learning mode
        the last vote does not reveal the item, a host does (:meth:`reveal`;
        class mode, where the answer comes for everybody at once). Raises ``GameError`` for a bad mode, reveal, player list or
        count, and ``GameFileError`` when ``path`` exists (never overwritten).
        """
        if mode not in MODES:
            raise GameError(f"mode must be one of {', '.join(MODES)}; got {mode!r}.")
        if reveal not in REVEALS:
            raise GameError(f"reveal must be 'learning' (after each item) or 'finale' (at the end, as in the show); got {reveal!r}.")
        if not isinstance(pack, Pack):
            raise GameError("pack must be a pack from realorfake.game.pack.load_pack(folder).")
        if not isinstance(pot_euros, int) or not 0 <= pot_euros <= 10_000_000:
            raise OutOfRange(f"pot_euros must be a whole number of euros from 0 to 10,000,000; got {pot_euros!r}.")
        if language not in LANGUAGES:
            raise GameError(f"language must be one of {', '.join(LANGUAGES)}; got {language!r}.")
        voters = _sides(players, mode)
        machine = dict(machine or {})
        for item_id, p in machine.items():
            pack.item(item_id)
            if not isinstance(p, (int, float)) or not 0.0 <= float(p) <= 1.0:
                raise OutOfRange(f"The machine's opinion on {item_id!r} must be a probability from 0 to 1; got {p!r}.")
        order = list(pack.items)
        if shuffle:
            random.Random(seed).shuffle(order)
        if count is not None:
            if isinstance(count, bool) or not isinstance(count, int) or not 1 <= count <= len(order):
                raise GameError(f"count must be a whole number of items from 1 to {len(order)} (the pack's size); got {count!r}.")
            chooser = random.Random(seed + 1)
            reals = [item for item in order if item.answer == "real"]
            fakes = [item for item in order if item.answer == "fake"]
            take_fakes = min(len(fakes), max(count - len(reals), count // 2 + (chooser.random() < 0.5 if count % 2 else 0)))
            chosen = set(map(id, chooser.sample(fakes, take_fakes) + chooser.sample(reals, count - take_fakes)))
            order = [item for item in order if id(item) in chosen]
        file = GameFile.create(path if path is not None else default_path(mode))
        meta = {
            "mode": mode,
            "reveal": reveal,
            "seed": str(int(seed)),
            "pot_euros": str(pot_euros),
            "pack": json.dumps(pack.data, ensure_ascii=False),
            "pack_folder": str(pack.folder),
            "created": _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds"),
            "language": language,
            "auto_reveal": "1" if auto_reveal else "0",
        }
        with file.write() as db:
            db.executemany("INSERT INTO meta VALUES (?, ?)", meta.items())
            db.executemany("INSERT INTO players (name, side) VALUES (?, ?)", voters)
            db.executemany("INSERT INTO items VALUES (?, ?, ?)", [(k, item.id, machine.get(item.id)) for k, item in enumerate(order)])
            db.execute("INSERT INTO state VALUES (1, 0, 0, 0)")
        return cls(file)

    @classmethod
    def open(cls, path: str | os.PathLike) -> Game:
        """Resume the game in ``path``; ``GameFileError`` for a missing, damaged or foreign file (left untouched)."""
        return cls(GameFile.open(path))

    @property
    def path(self) -> Path:
        """The game's file."""
        return self._file.path

    def close(self) -> None:
        """Close the file (every vote is already on disk)."""
        self._file.close()

    @property
    def closed(self) -> bool:
        """True once :meth:`close` was called."""
        return self._file.closed

    def __enter__(self) -> Game:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # ---------------------------------------------------------------- state
    def _state(self, db=None) -> tuple[int, bool, bool]:
        """(position, revealed, finished), read inside the transaction ``db`` when one is open."""
        sql = "SELECT position, revealed, finished FROM state WHERE id = 1"
        position, revealed, finished = db.execute(sql).fetchone() if db is not None else self._file.read(sql)[0]
        return position, bool(revealed), bool(finished)

    def item(self, position: int) -> Item:
        """The item played at ``position`` (0-based, in the game's order); ``GameError`` for a position the game has not."""
        if isinstance(position, bool) or not isinstance(position, int) or not 0 <= position < self.count:
            raise GameError(f"There is no item {position!r}; items are numbered 0 to {self.count - 1}.")
        return self._items[position]

    def banked(self) -> dict[str, float]:
        """Euros each side has banked so far, over the items revealed (nothing before the finale in finale mode)."""
        if self.reveal_mode == "finale" and not self.finished:
            return dict.fromkeys(dict.fromkeys(self.voters.values()), 0.0)
        return {side.name: side.money for side in self.results().sides}

    def money(self) -> Money:
        """The money counter: the pot, the euros banked so far (None before the finale in finale mode) and the items left."""
        position, revealed, finished = self._state()
        secret = self.reveal_mode == "finale" and not finished
        done = position + (1 if revealed or not self.waiting_for() else 0)  # the current item is done once revealed, or once everyone voted
        return Money(self.pot_euros, None if secret else self.banked(), 0 if finished else self.count - done)

    def last_played(self) -> str:
        """When the game was last played: its last vote's time, or its start (ISO 8601, UTC, to the millisecond)."""
        last = self._file.read("SELECT MAX(voted_at) FROM votes")[0][0]
        when = _dt.datetime.fromisoformat((last or self.created or "1970-01-01T00:00:00+00:00").replace("Z", "+00:00"))
        return when.astimezone(_dt.UTC).isoformat(timespec="milliseconds")

    @property
    def machine_informed(self) -> bool:
        """True when the detector's opinion is shown on at least one item (a machine-informed round)."""
        return any(machine is not None for machine in self._machine)

    @property
    def count(self) -> int:
        """How many items the game has."""
        return len(self._items)

    @property
    def finished(self) -> bool:
        """True once the last item is done."""
        return self._state()[2]

    @property
    def current_item(self) -> Round | None:
        """The item being played (None once the game is finished)."""
        position, revealed, finished = self._state()
        if finished:
            return None
        return Round(position, self.count, self._items[position], self._machine[position], revealed)

    def votes_in(self) -> int:
        """How many voters have voted on the current item (never how: the split stays secret until the reveal)."""
        position, _, _ = self._state()
        return self._file.read("SELECT COUNT(*) FROM votes WHERE position = ?", (position,))[0][0]

    def waiting_for(self) -> list[str]:
        """The voters who have not voted on the current item yet (in seat order)."""
        position, _, finished = self._state()
        if finished:
            return []
        done = {name for (name,) in self._file.read("SELECT player FROM votes WHERE position = ?", (position,))}
        return [name for name in self.voters if name not in done]

    def partner_of(self, player: str) -> str | None:
        """The other member of ``player``'s couple (None outside couple mode)."""
        if self.mode != "couple":
            return None
        side = self.voters[self._known(player)]
        return next(name for name, other in self.voters.items() if other == side and name != player)

    def _known(self, player: object) -> str:
        if not isinstance(player, str) or player not in self.voters:
            raise GameError(f"{player!r} is not playing in this game. Players: {', '.join(self.voters)}.")
        return player

    # ---------------------------------------------------------------- moves
    def vote(self, player: str, answer: str, confidence: int = 75) -> Receipt:
        """Record ``player``'s vote ("real" or "fake", ``confidence`` 50-100 %) on the current item; final once returned.

        The vote is committed to disk before this returns. In learning mode the
        last vote of an item reveals it (unless the game was made with ``auto_reveal=False``). Raises ``GameError`` for an unknown
        player, a second vote on the same item, a finished game or an item whose
        voting is closed, and ``OutOfRange`` for a confidence outside 50-100.
        """
        player = self._known(player)
        if answer not in ANSWERS:
            raise GameMessage(N_('A vote is "real" or "fake"; this one was neither. Press Real or Fake.'))
        if isinstance(confidence, bool) or not isinstance(confidence, (int, float)) or not 50 <= confidence <= 100 or confidence != int(confidence):
            raise RangeMessage(N_("How sure you are is a whole percentage from 50 (a guess) to 100 (certain); got {value}."), value=str(confidence)[:20])
        confidence = int(confidence)
        with self._file.write() as db:
            position, revealed, finished = self._state(db)
            if finished:
                raise GameMessage(N_("The game is over: there is nothing left to vote on."))
            if revealed:
                raise GameMessage(N_("Voting on this item is closed: its answer has been revealed. Wait for the next item."))
            if db.execute("SELECT 1 FROM votes WHERE position = ? AND player = ?", (position, player)).fetchone():
                raise GameMessage(N_("{name} has already voted on this item. Votes are final, as in the show's Chair of Truth."), name=player)
            shown = int(self._machine[position] is not None)
            db.execute("INSERT INTO votes (position, player, answer, confidence, machine_shown) VALUES (?, ?, ?, ?, ?)", (position, player, answer, confidence, shown))
            votes_in = db.execute("SELECT COUNT(*) FROM votes WHERE position = ?", (position,)).fetchone()[0]
            if self.reveal_mode == "learning" and self.auto_reveal and votes_in == len(self.voters):
                db.execute("UPDATE state SET revealed = 1 WHERE id = 1")
                revealed = True
        return Receipt(player, position, answer, confidence, votes_in, len(self.voters), revealed)

    def reveal(self) -> Reveal:
        """Close voting on the current item and reveal it (learning mode); missing votes count as mistakes.

        Raises ``GameError`` in finale mode (answers come only at the end, as
        in the show) and when the game is finished.
        """
        if self.reveal_mode == "finale":
            raise GameError("In finale mode the answers come only at the end, as in the show. Play on with next().")
        with self._file.write() as db:
            position, _, finished = self._state(db)
            if finished:
                raise GameError("The game is over; see results().")
            db.execute("UPDATE state SET revealed = 1 WHERE id = 1")
        return self.revealed(position)

    def next(self, *, force: bool = False) -> Round | None:
        """Move on to the next item (None after the last one: the game is finished).

        Every voter must have voted first; ``force=True`` moves on anyway and
        counts the missing votes as mistakes. In learning mode the item is
        revealed before moving on. Raises ``GameError`` when votes are missing
        and ``force`` is False, or when the game is finished.
        """
        with self._file.write() as db:
            position, revealed, finished = self._state(db)
            if finished:
                raise GameError("The game is over; see results().")
            votes_in = db.execute("SELECT COUNT(*) FROM votes WHERE position = ?", (position,)).fetchone()[0]
            if votes_in < len(self.voters) and not force:
                raise GameError(f"{len(self.voters) - votes_in} of {len(self.voters)} voters have not voted yet. Wait for them, or move on with next(force=True) (a missing vote counts as a mistake).")
            if position + 1 >= self.count:
                db.execute("UPDATE state SET revealed = 1, finished = 1 WHERE id = 1")
            else:
                db.execute("UPDATE state SET position = ?, revealed = 0 WHERE id = 1", (position + 1,))
        return self.current_item

    def end(self) -> None:
        """Finish the game now, on the items played so far (a class that runs out of time).

        The items not reached are dropped, so that the finale scores only what
        was shown, and the pot is spread over the items kept. The current item is
        kept when anyone has voted on it (a missing vote counts as a mistake, as
        with ``next(force=True)``), else it is dropped too. Raises ``GameError``
        when the game is finished already, and a :class:`~.i18n.GameMessage`
        when nobody has voted yet (nothing to score). Another ``Game`` open on
        the same file sees the shorter game once it is opened again.
        """
        with self._file.write() as db:
            position, revealed, finished = self._state(db)
            if finished:
                raise GameError("The game is over already; see results().")
            voted = db.execute("SELECT COUNT(*) FROM votes WHERE position = ?", (position,)).fetchone()[0]
            keep = position + 1 if voted or revealed else position
            if keep == 0:
                raise GameMessage(N_("Nobody has voted yet, so there is nothing to score. Play at least one item first."))
            db.execute("DELETE FROM votes WHERE position >= ?", (keep,))
            db.execute("DELETE FROM items WHERE position >= ?", (keep,))
            db.execute("UPDATE state SET position = ?, revealed = 1, finished = 1 WHERE id = 1", (keep - 1,))
        self._load_items()

    # ---------------------------------------------------------------- what players may see
    def votes_seen_by(self, viewer: str) -> dict[str, tuple[str, int]]:
        """The votes on the current item that ``viewer`` may see: their own; their partner's once both have voted; everyone's after the reveal.

        In finale mode nobody sees another player's vote before the end.
        """
        viewer = self._known(viewer)
        position, revealed, finished = self._state()
        if finished:
            return {}
        votes = {player: (answer, confidence) for player, answer, confidence in self._file.read("SELECT player, answer, confidence FROM votes WHERE position = ?", (position,))}
        if revealed and self.reveal_mode == "learning":
            return votes
        partner = self.partner_of(viewer)
        if partner is not None and viewer in votes and partner in votes:
            return {name: votes[name] for name in (viewer, partner)}
        return {viewer: votes[viewer]} if viewer in votes else {}

    def revealed(self, position: int | None = None) -> Reveal:
        """The answer and verdicts of item ``position`` (default: the current one), once it may be shown.

        Raises ``GameError`` for an item not revealed yet (in finale mode: any item before the end).
        """
        current, revealed, finished = self._state()
        position = current if position is None else position
        if not isinstance(position, int) or not 0 <= position < self.count:
            raise GameError(f"There is no item {position!r}; items are numbered 0 to {self.count - 1}.")
        if not finished and (self.reveal_mode == "finale" or position > current or (position == current and not revealed)):
            raise GameError("This item's answer is not revealed yet." + (" In finale mode all answers come at the end." if self.reveal_mode == "finale" else ""))
        item = self._items[position]
        votes = {player: (answer, confidence) for player, answer, confidence in self._file.read("SELECT player, answer, confidence FROM votes WHERE position = ?", (position,))}
        right = {player: answer == item.answer for player, (answer, _) in votes.items()}
        missed = tuple(name for name in self.voters if name not in votes)
        return Reveal(position, item, votes, right, missed, self._banked(position, right), self._machine[position])

    def _banked(self, position: int, right: Mapping[str, bool]) -> dict[str, float]:
        """Euros each side banks on one item."""
        share = self._shares[position]
        banked = {}
        for side in dict.fromkeys(self.voters.values()):
            members = [name for name, other in self.voters.items() if other == side]
            correct = sum(bool(right.get(name)) for name in members)
            cents = scoring.couple_share(share, correct) if self.mode == "couple" else (share if correct else 0)
            banked[side] = cents / 100
        return banked

    def results(self):
        """The game's :class:`~realorfake.game.results.Results` over the items revealed so far.

        In finale mode they exist only once the game is finished (``GameError`` before).
        """
        from .results import Results

        position, revealed, finished = self._state()
        if self.reveal_mode == "finale" and not finished:
            raise GameError("In finale mode the results come at the end, as in the show. Play every item first.")
        done = self.count if finished else position + (1 if revealed else 0)
        return Results.of(self, [self.revealed(k) for k in range(done)])

    def vote_rows(self) -> list[tuple]:
        """Every vote as (position, player, answer, confidence, machine_shown, voted_at), in order."""
        return self._file.read("SELECT position, player, answer, confidence, machine_shown, voted_at FROM votes ORDER BY position, voted_at, player")
