"""Class mode's room: who joined, the join code, the host's secret, the teams, the countdown and the pause.

A :class:`Classroom` lives in one SQLite file (``.rofclass``, with the same
guarantees as a game file: WAL, every change committed before it is
acknowledged, checked on open, never overwritten) beside the Lesson 06 game it
starts (a ``.rofgame`` file, :class:`~.engine.Game`). Everything the class
server needs is in these two files, so a server killed mid-round and started
again with the room's file goes on with every acknowledged vote, every seat and
the host's secret.

* **Seats.** A player joins in the lobby with the room's short join code and a
  name (and a team, or a partner's name); they get a private token that their
  browser keeps. The token is their seat: a reload or a lost Wi-Fi comes back
  to it, and only it can vote as them.
* **Modes.** ``solo``: everyone plays for themselves; ``teams``: everyone votes,
  and the scoreboard adds each team's mean (a big team is not punished for its
  size); ``couple``: partners answer the same item alone, as in the show, and
  bank it in full only when both are right (pairs are made from partners who
  named each other, the rest in joining order).
* **The clock.** Each item has ``seconds`` to vote; voting closes at the end
  (a second's grace for a vote already on its way). The host can pause (the
  clock stops and votes wait), resume, reveal, move on or end the game early.
* **What each screen may see.** :meth:`Classroom.host_view` never holds the
  split of the votes before the reveal (only how many are in);
  :meth:`Classroom.player_view` holds a player's own vote and nothing about
  the answer before the reveal. The server sends these and nothing else.

Game layer: the engine, the store and the catalogue; no web framework.
"""

from __future__ import annotations

import datetime as _dt
import hmac
import json
import os
import secrets
import threading
import time
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from ..errors import GameError, GameFileError
from ..files import progress_folder
from .engine import MAX_VOTERS, Game, default_path
from .i18n import LANGUAGES, N_, GameMessage, translate
from .pack import Pack, from_data
from .pictures import METHOD_NAMES
from .store import GameFile

#: Suffix of a class room's file.
ROOM_SUFFIX = ".rofclass"
#: Letters of a join code: no 0/O, 1/I/L, easy to read off a projector and type on a phone.
JOIN_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
#: Length of a join code.
JOIN_LENGTH = 5
#: Players a room takes unless told otherwise (a class; ``max_players`` raises it for an assembly).
MAX_PLAYERS = 100
#: The most a room can be told to take: as many as a game takes.
MAX_PLAYERS_LIMIT = MAX_VOTERS
#: Seconds per item unless told otherwise, and the range allowed.
SECONDS, SECONDS_RANGE = 30, (5, 600)
#: A vote sent just before the clock ran out still counts when it arrives within this many seconds.
GRACE_SECONDS = 1.0
#: Seconds an item has at least when a room is opened again after a stop (its clock was running).
RESUME_SECONDS = 15
#: Class modes.
CLASS_MODES = ("solo", "teams", "couple")
#: Phases of a room.
PHASES = ("lobby", "playing", "paused", "over")

ROOM_TABLES = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE seats (
    seat INTEGER PRIMARY KEY,
    token TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE,
    team TEXT NOT NULL DEFAULT '',
    partner TEXT NOT NULL DEFAULT ''
);
CREATE TABLE clock (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    phase TEXT NOT NULL CHECK (phase IN ('lobby', 'playing', 'paused', 'over')),
    deadline REAL,
    seconds_left REAL
);
"""


class RoomFile(GameFile):
    """A class room's SQLite file: a :class:`GameFile` with the room's own tables and identity."""

    APPLICATION_ID = 0x524F4643  # "ROFC"
    LAYOUT_VERSION = 1
    TABLES = ROOM_TABLES
    WHAT = "class room"


@dataclass(frozen=True)
class Seat:
    """A player in the room: their name, team (or "") and the partner they named (or "")."""

    name: str
    team: str
    partner: str


def clean_name(value: object) -> str:
    """A name typed on a phone, made safe to keep and show.

    NFKC-normalised (full-width "ＡＮＡ" is "ANA", so it cannot pass for another
    player's name), without control or format characters, at most two combining
    marks on a letter ("Zalgo" text would draw over its neighbours), inner spaces
    single. Raises a :class:`~.i18n.GameMessage` for what is not text, a name
    with no letter or digit (blank-looking characters), or one over 40
    characters. (Names are shown with ``textContent``, never as HTML.)
    """
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise GameMessage(N_("Type a name first."))
    kept, marks = [], 0
    for ch in unicodedata.normalize("NFKC", value):
        kind = unicodedata.category(ch)
        if kind[0] == "C" or ch in BLANK_LOOKING:
            continue
        marks = marks + 1 if kind[0] == "M" else 0
        if marks <= 2:
            kept.append(ch)
    text = " ".join("".join(kept).split())
    if not text:
        raise GameMessage(N_("Type a name first."))
    if not any(unicodedata.category(ch)[0] in "LN" for ch in text):
        raise GameMessage(N_("A name needs at least one letter or digit, so that everybody can read it on the big screen."))
    if len(text) > 40:
        raise GameMessage(N_("A name can have at most 40 characters; shorten this one: {name}"), name=text[:40] + "…")
    return text


#: Characters that draw nothing although they are not spaces or control characters (Braille blank, Hangul fillers).
BLANK_LOOKING = frozenset("\u2800\u3164\u115f\u1160\uffa0")


class Classroom:
    """One class's game on one server: seats, the clock and the game. Start one with :meth:`new`, resume with :meth:`open`.

    Every method is safe to call from many threads at once (one lock; each
    change is one SQLite transaction). Host actions are the server's to guard
    with :meth:`is_host`.
    """

    def __init__(self, file: RoomFile):
        self._file = file
        self._lock = threading.RLock()
        meta = dict(file.read("SELECT key, value FROM meta"))
        try:
            self.join_code, self._host_secret = meta["join_code"], meta["host_secret"]
            self.mode, self.reveal_mode, self.language = meta["mode"], meta["reveal"], meta["language"]
            self.seconds, self.max_players, self.seed = int(meta["seconds"]), int(meta["max_players"]), int(meta["seed"])
            self.count = int(meta["count"]) if meta["count"] else None
            self.teams: tuple[str, ...] = tuple(json.loads(meta["teams"]))
            self.pack = from_data(json.loads(meta["pack"]), meta["pack_folder"], check_files=False)
            self.created = meta["created"]
        except (KeyError, ValueError) as error:
            file.close()
            raise GameFileError(f"{file.path.name} is a class room file with missing settings ({error}). It was left as it is.") from None
        self.game: Game | None = Game.open(meta["game"]) if meta.get("game") else None

    # ---------------------------------------------------------------- set-up
    @classmethod
    def new(
        cls,
        pack: Pack,
        *,
        mode: str = "solo",
        reveal: str = "learning",
        count: int | None = None,
        seconds: int = SECONDS,
        teams: tuple[str, ...] | list[str] = (),
        language: str = "en",
        seed: int = 0,
        max_players: int = MAX_PLAYERS,
        folder: str | os.PathLike | None = None,
    ) -> Classroom:
        """A new room (in the lobby) for ``pack`` in ``folder`` (default: the progress folder's ``class``).

        ``mode``: "solo", "teams" (``teams``: 2 to 8 names) or "couple";
        ``reveal``: "learning" (the answer after each item) or "finale";
        ``count``: how many items (default: the whole pack); ``seconds`` per
        item (5 to 600); ``max_players`` (1 to 1000). Raises ``GameError`` for
        a setting out of range.
        """
        from .engine import MAX_TEAMS, REVEALS

        if mode not in CLASS_MODES:
            raise GameError(f"mode must be one of {', '.join(CLASS_MODES)}; got {mode!r}.")
        if reveal not in REVEALS:
            raise GameError(f"reveal must be 'learning' or 'finale'; got {reveal!r}.")
        if language not in LANGUAGES:
            raise GameError(f"language must be one of {', '.join(LANGUAGES)}; got {language!r}.")
        if not isinstance(pack, Pack):
            raise GameError("pack must be a pack from realorfake.game.pack.load_pack(folder).")
        for value, name, low, high in ((seconds, "seconds", *SECONDS_RANGE), (max_players, "max_players", 1, MAX_PLAYERS_LIMIT)):
            if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
                raise GameError(f"{name} must be a whole number from {low} to {high}; got {value!r}.")
        if count is not None and (isinstance(count, bool) or not isinstance(count, int) or not 1 <= count <= len(pack.items)):
            raise GameError(f"count must be a whole number of items from 1 to {len(pack.items)}; got {count!r}.")
        teams = tuple(clean_name(team) for team in teams)
        if mode == "teams" and not 2 <= len(teams) <= MAX_TEAMS:
            raise GameMessage(N_("Teams mode needs 2 to {most} teams, one team name per line; you typed {n}."), most=MAX_TEAMS, n=len(teams))
        if len({team.casefold() for team in teams}) != len(teams):
            raise GameMessage(N_("Every player needs a name of their own; typed more than once: {names}."), names=", ".join(teams))
        folder = Path(folder) if folder is not None else progress_folder() / "class"
        path = default_path(mode, folder).with_suffix(ROOM_SUFFIX)
        file = RoomFile.create(path)
        meta = {
            "join_code": "".join(secrets.choice(JOIN_ALPHABET) for _ in range(JOIN_LENGTH)),
            "host_secret": secrets.token_urlsafe(18),
            "mode": mode,
            "reveal": reveal,
            "language": language,
            "seconds": str(seconds),
            "max_players": str(max_players),
            "seed": str(int(seed)),
            "count": "" if count is None else str(count),
            "teams": json.dumps(list(teams if mode == "teams" else ()), ensure_ascii=False),
            "pack": json.dumps(pack.data, ensure_ascii=False),
            "pack_folder": str(pack.folder),
            "created": _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds"),
        }
        with file.write() as db:
            db.executemany("INSERT INTO meta VALUES (?, ?)", meta.items())
            db.execute("INSERT INTO clock VALUES (1, 'lobby', NULL, NULL)")
        return cls(file)

    @classmethod
    def open(cls, path: str | os.PathLike) -> Classroom:
        """Go on with the room in ``path`` (after a restart); ``GameFileError`` for a missing, damaged or foreign file.

        An item whose clock was running is paused, with what was left of its
        time (at least ``RESUME_SECONDS``): the clock does not run while the
        server is down, and the host presses "Go on" when the room is ready.
        """
        room = cls(RoomFile.open(path))
        phase, deadline, _ = room._clock()
        if phase == "playing" and deadline is not None:
            room._set_clock("paused", max(deadline - time.time(), min(RESUME_SECONDS, room.seconds)))
        return room

    @property
    def path(self) -> Path:
        """The room's file."""
        return self._file.path

    def close(self) -> None:
        """Close the files (everything is on disk already)."""
        self._file.close()
        if self.game is not None:
            self.game.close()

    def is_host(self, secret: object) -> bool:
        """True when ``secret`` is the host's (compared in constant time)."""
        return isinstance(secret, str) and hmac.compare_digest(secret.encode(), self._host_secret.encode())

    @property
    def host_secret(self) -> str:
        """The host's secret: it goes in the host's address only, never to a player."""
        return self._host_secret

    # ---------------------------------------------------------------- seats
    def seats(self) -> dict[str, Seat]:
        """{name: Seat} of everyone who joined, in joining order."""
        return {name: Seat(name, team, partner) for name, team, partner in self._file.read("SELECT name, team, partner FROM seats ORDER BY seat")}

    def code_matches(self, code: object) -> bool:
        """True when ``code`` is the room's join code (letter case and spaces aside; compared in constant time)."""
        return isinstance(code, str) and len(code) < 64 and hmac.compare_digest(code.strip().upper().encode(), self.join_code.encode())

    def join(self, code: object, name: object, *, team: object = "", partner: object = "") -> str:
        """Take a seat in the lobby; returns the player's private token (their browser keeps it).

        Raises a :class:`~.i18n.GameMessage` for a wrong join code, a game that
        has started, a full room, a name taken (letter case aside), or a team
        that is not one of the room's.
        """
        if not self.code_matches(code):
            raise GameMessage(N_("That join code is not this game's. Check the code on the big screen."))
        name = clean_name(name)
        partner = clean_name(partner) if self.mode == "couple" and str(partner or "").strip() else ""
        with self._lock:
            if self.phase != "lobby":
                raise GameMessage(N_("This game has started: new players can join the next one. Ask the host."))
            seats = self.seats()
            if len(seats) >= self.max_players:
                raise GameMessage(N_("The room is full ({most} players). Ask the host."), most=self.max_players)
            if name.casefold() in {other.casefold() for other in seats}:
                raise GameMessage(N_("Someone has already joined as {name}. Add an initial or choose another name."), name=name)
            chosen = self._team_for(team, seats)
            token = secrets.token_urlsafe(18)
            with self._file.write() as db:
                db.execute("INSERT INTO seats (token, name, team, partner) VALUES (?, ?, ?, ?)", (token, name, chosen, partner))
            return token

    def _team_for(self, team: object, seats: dict[str, Seat]) -> str:
        if self.mode != "teams":
            return ""
        wanted = str(team or "").strip()
        if not wanted:  # the smallest team, so teams stay even
            sizes = {name: 0 for name in self.teams}
            for seat in seats.values():
                sizes[seat.team] = sizes.get(seat.team, 0) + 1
            return min(self.teams, key=lambda name: (sizes[name], self.teams.index(name)))
        for name in self.teams:
            if name.casefold() == wanted.casefold():
                return name
        raise GameMessage(N_("There is no team {team} in this game. Choose one of: {teams}."), team=wanted[:40], teams=", ".join(self.teams))

    def seat(self, token: object) -> Seat:
        """The seat of a player's token; a :class:`~.i18n.GameMessage` when this device has no seat here."""
        if isinstance(token, str) and 10 <= len(token) <= 64:
            rows = self._file.read("SELECT name, team, partner FROM seats WHERE token = ?", (token,))
            if rows:
                return Seat(*rows[0])
        raise GameMessage(N_("This device has no seat in this game. Join with the code on the big screen."))

    def assign(self, name: str, *, team: str | None = None, partner: str | None = None) -> None:
        """The host moves ``name`` to another ``team``, or gives them a ``partner`` (in the lobby only)."""
        with self._lock:
            if self.phase != "lobby":
                raise GameMessage(N_("Teams and couples are set before the start."))
            seats = self.seats()
            if name not in seats:
                raise GameError(f"{name!r} has not joined this game.")
            with self._file.write() as db:
                if team is not None:
                    db.execute("UPDATE seats SET team = ? WHERE name = ?", (self._team_for(team, seats) if str(team).strip() else "", name))
                if partner is not None:
                    if self.mode != "couple":
                        raise GameError("Partners are for couple mode.")
                    if partner and partner not in seats:
                        raise GameError(f"{partner!r} has not joined this game.")
                    # every old link of the two is undone first, so no one is left pointing at a partner now taken
                    db.execute("UPDATE seats SET partner = '' WHERE partner IN (?, ?) OR name IN (?, ?)", (name, partner, name, partner))
                    db.execute("UPDATE seats SET partner = ? WHERE name = ?", (partner, name))
                    if partner:
                        db.execute("UPDATE seats SET partner = ? WHERE name = ?", (name, partner))

    def pairs(self) -> list[tuple[str, str]]:
        """The couples the game will have: partners who named each other, then the others in joining order.

        Raises a :class:`~.i18n.GameMessage` when one player is left over.
        """
        seats = self.seats()
        paired: list[tuple[str, str]] = []
        taken: set[str] = set()
        folded = {name.casefold(): name for name in seats}
        for name, seat in seats.items():
            other = folded.get(seat.partner.casefold())
            if name in taken or other is None or other in taken or other == name:
                continue
            if seats[other].partner.casefold() == name.casefold():
                paired.append((name, other))
                taken |= {name, other}
        rest = [name for name in seats if name not in taken]
        if len(rest) % 2:
            raise GameMessage(N_("{name} has no partner. Pair them with someone, or play solo."), name=rest[-1])
        paired += [(rest[k], rest[k + 1]) for k in range(0, len(rest), 2)]
        return paired

    # ---------------------------------------------------------------- the clock
    def _clock(self) -> tuple[str, float | None, float | None]:
        return self._file.read("SELECT phase, deadline, seconds_left FROM clock WHERE id = 1")[0]

    @property
    def phase(self) -> str:
        """ "lobby", "playing", "paused" or "over"."""
        return self._clock()[0]

    def seconds_left(self, now: float | None = None) -> float | None:
        """Seconds to vote on the current item (0 when time is up; None when no clock runs: lobby, over, revealed)."""
        phase, deadline, left = self._clock()
        if phase == "paused":
            return left
        if phase != "playing" or deadline is None:
            return None
        return max(0.0, deadline - (time.time() if now is None else now))

    def _set_clock(self, phase: str, seconds: float | None = None) -> None:
        deadline = None if seconds is None or phase != "playing" else time.time() + seconds
        left = seconds if phase == "paused" else None
        with self._file.write() as db:
            db.execute("UPDATE clock SET phase = ?, deadline = ?, seconds_left = ? WHERE id = 1", (phase, deadline, left))

    # ---------------------------------------------------------------- host actions
    def start(self) -> Game:
        """Close the lobby and start the game with everyone seated; the first item's clock starts.

        Raises a :class:`~.i18n.GameMessage` when nobody has joined, or (couple
        mode) when someone has no partner.
        """
        with self._lock:
            if self.phase != "lobby":
                raise GameMessage(N_("The game has started already."))
            seats = self.seats()
            if not seats:
                raise GameMessage(N_("Nobody has joined yet. Show the join code and wait for the players."))
            players = self.pairs() if self.mode == "couple" else list(seats)
            path = default_path(self.mode, self.path.parent)
            self.game = Game.new(
                self.pack, players, mode="couple" if self.mode == "couple" else "solo", reveal=self.reveal_mode, seed=self.seed, count=self.count, path=path, language=self.language, auto_reveal=False
            )
            with self._file.write() as db:
                db.execute("INSERT INTO meta VALUES ('game', ?)", (str(path),))
            self._set_clock("playing", self.seconds)
            return self.game

    def _playing(self) -> Game:
        if self.game is None or self.phase == "lobby":
            raise GameMessage(N_("The game has not started yet."))
        if self.phase == "over":
            raise GameMessage(N_("The game is over."))
        return self.game

    def pause(self) -> None:
        """Stop the clock; votes wait until :meth:`resume`."""
        with self._lock:
            self._playing()
            if self.phase == "playing":
                self._set_clock("paused", self.seconds_left())

    def resume(self) -> None:
        """Start the clock again where it stopped."""
        with self._lock:
            self._playing()
            if self.phase == "paused":
                left = self.seconds_left() or 0.0
                self._set_clock("playing", left if left > 0 else -GRACE_SECONDS - 1)  # time was up: it stays up

    def reveal(self) -> None:
        """Close voting and show the answer to everybody at once (learning mode; a missing vote counts as a mistake)."""
        with self._lock:
            game = self._playing()
            game.reveal()
            self._set_clock("playing", None)

    def next(self) -> None:
        """The next item, with a fresh clock (after the last item: the finale)."""
        with self._lock:
            game = self._playing()
            game.next(force=True)
            if game.finished:
                self._set_clock("over")
            else:
                self._set_clock("playing", self.seconds)

    def end(self) -> None:
        """End the game now: the finale scores the items played (:meth:`Game.end`)."""
        with self._lock:
            game = self._playing()
            game.end()
            self._set_clock("over")

    # ---------------------------------------------------------------- players
    def vote(self, token: object, answer: object, confidence: object):
        """The player with ``token`` votes on the current item; returns the engine's receipt once it is on disk.

        Refused with a :class:`~.i18n.GameMessage` while paused, once the time
        is up, before the start and after the end; the engine refuses a second
        vote, a bad answer or confidence.
        """
        seat = self.seat(token)
        with self._lock:
            game = self._playing()
            if self.phase == "paused":
                raise GameMessage(N_("The game is paused. Vote when it goes on."))
            _, deadline, _ = self._clock()
            if deadline is None:
                raise GameMessage(N_("Voting on this item is closed."))
            if time.time() > deadline + GRACE_SECONDS:
                raise GameMessage(N_("Time is up for this item. Wait for the next one."))
            return game.vote(seat.name, answer, confidence)

    # ---------------------------------------------------------------- what each screen may see
    def _item_state(self) -> dict:
        game = self.game
        if game is None or game.finished:
            return {}
        current = game.current_item
        return {"position": current.position, "count": game.count, "kind": current.item.kind, "revealed": current.revealed, "votes_in": game.votes_in(), "voters": len(game.voters)}

    def _reveal_for(self, language: str) -> dict:
        """The current item's answer, once it is revealed: the truth, the explanation, the method, the share right."""
        shown = self.game.revealed()
        right = sum(shown.right.values())
        return {
            "truth": shown.item.answer,
            "explanation": shown.item.explain(language),
            "method": translate(METHOD_NAMES.get(shown.item.method, shown.item.method), language),
            "right": right,
            "voted": len(shown.votes),
        }

    def host_view(self) -> dict:
        """What the projector shows: the join code, who joined, the item and how many votes are in, the clock;
        the answer only once revealed; the scoreboard (in finale mode only at the end). Never the split of the votes before the reveal.
        """
        with self._lock:
            phase = self.phase
            seats = self.seats()
            view = {
                "phase": phase,
                "mode": self.mode,
                "reveal_mode": self.reveal_mode,
                "language": self.language,
                "join_code": self.join_code,
                "players": [{"name": s.name, "team": s.team, "partner": s.partner} for s in seats.values()],
                "teams": list(self.teams),
                "seconds": self.seconds,
                "seconds_left": self.seconds_left(),
            }
            if phase == "lobby" and self.mode == "couple" and seats:
                try:
                    view["pairs"] = [list(pair) for pair in self.pairs()]
                except GameMessage as unpaired:
                    view["pairs"], view["pairs_problem"] = [], unpaired.in_language(self.language)
            view.update(self._item_state())
            if view.get("revealed"):
                view["reveal"] = self._reveal_for(self.language)
            if self.game is not None and (self.reveal_mode == "learning" or self.game.finished):
                view["scoreboard"] = self.scoreboard()
            if self.game is not None and self.game.finished:
                view["answers"] = self.answers(self.language)
            return view

    def player_view(self, token: object, language: str | None = None) -> dict:
        """What one player's page shows: their seat, the item, their own vote, the clock; their verdict after the reveal.

        Nothing about the answer, nor anybody else's vote, before the reveal.
        """
        seat = self.seat(token)
        language = language if language in LANGUAGES else self.language
        with self._lock:
            seats = self.seats()
            mutual = seat.partner if seat.partner in seats and seats[seat.partner].partner == seat.name else ""  # never a name that has not joined
            view = {"phase": self.phase, "name": seat.name, "team": seat.team, "partner": mutual, "mode": self.mode, "language": language, "seconds_left": self.seconds_left()}
            game = self.game
            if game is None:
                view["players"] = len(seats)
                return view
            if game.mode == "couple":  # the partner the game gave them (maybe not the one they named)
                view["partner"] = game.partner_of(seat.name) or ""
            if game.finished:
                view["finale"] = self._finale_for(seat.name, language)
                return view
            view.update({key: value for key, value in self._item_state().items() if key in ("position", "count", "kind", "revealed")})
            mine = game.votes_seen_by(seat.name).get(seat.name)
            view["my_vote"] = {"answer": mine[0], "confidence": mine[1]} if mine else None
            if view["revealed"]:
                view["reveal"] = self._reveal_for(language)
                view["reveal"]["you_were_right"] = bool(mine) and mine[0] == view["reveal"]["truth"]
            return view

    def _finale_for(self, name: str, language: str) -> dict:
        board = self.scoreboard()
        results = self.game.results()
        me = next((p for p in results.players if p.name == name), None)
        side = next((s for s in board["sides"] if name in s["members"]), None)
        team = next((t for t in board["teams"] if t["name"] == self.seats().get(name, Seat(name, "", "")).team), None)
        return {
            "mistakes": me.mistakes if me else None,
            "right": me.right if me else None,
            "items": results.items_played,
            "rank": side["rank"] if side else None,
            "sides": len(board["sides"]),
            "team": team,
            "winners": board["winners"],
            "answers": self.answers(language, player=name),
        }

    def answers(self, language: str, player: str | None = None) -> list[dict]:
        """Every item's answer once the game is over (in finale mode, the first time anybody learns them).

        Per item: its place, the truth, the explanation in ``language``, how many
        voted and were right; with ``player``, their own vote and whether it was right.
        """
        shown = []
        for position in range(self.game.count):
            reveal = self.game.revealed(position)
            row = {"position": position, "truth": reveal.item.answer, "explanation": reveal.item.explain(language), "right": sum(reveal.right.values()), "voted": len(reveal.votes)}
            if player is not None:
                vote = reveal.votes.get(player)
                row["mine"] = None if vote is None else {"answer": vote[0], "confidence": vote[1], "right": reveal.right[player]}
            shown.append(row)
        return shown

    def scoreboard(self) -> dict:
        """Players (or couples) ranked by mistakes then Brier score, and in teams mode each team's mean per member.

        Sides that tie on both share a rank (1, 1, 3...); ``winners`` names every
        side ranked first (in teams mode: every team ranked first).
        """
        results = self.game.results()
        sides, teams = [], []
        for s in results.sides:
            key = (s.mistakes, None if s.brier != s.brier else round(s.brier, 6))
            rank = sides[-1]["rank"] if sides and sides[-1]["key"] == key else len(sides) + 1
            sides.append({"key": key, "rank": rank, "name": s.name, "members": list(s.members), "mistakes": s.mistakes, "brier": None if s.brier != s.brier else round(s.brier, 3), "money": s.money})
        if self.mode == "teams":
            seats = self.seats()
            for team in self.teams:
                members = [p for p in results.players if seats.get(p.name) and seats[p.name].team == team]
                if members:
                    briers = [p.brier for p in members if p.brier == p.brier]
                    brier = sum(briers) / len(briers) if briers else None
                    teams.append({"name": team, "members": len(members), "mistakes": round(sum(p.mistakes for p in members) / len(members), 2), "brier": None if brier is None else round(brier, 3)})
            teams.sort(key=lambda t: (t["mistakes"], t["brier"] if t["brier"] is not None else 2.0, t["name"]))
            for k, team in enumerate(teams):
                same = k and (teams[k - 1]["mistakes"], teams[k - 1]["brier"]) == (team["mistakes"], team["brier"])
                team["rank"] = teams[k - 1]["rank"] if same else k + 1
        for side in sides:
            del side["key"]
        ranked = teams if self.mode == "teams" else sides
        return {"items": results.items_played, "sides": sides, "teams": teams, "winners": [x["name"] for x in ranked if x["rank"] == 1] if results.items_played else []}

    def results_csv(self) -> str:
        """Every vote as CSV (``Results.csv_text``), with each player's team in teams mode."""
        teams = {seat.name: seat.team for seat in self.seats().values()} if self.mode == "teams" else None
        return self.game.results().csv_text(teams)

    def remove(self, name: str) -> None:
        """The host takes ``name`` out of the lobby (a prank name, a player who left); refused once the game has started."""
        with self._lock:
            if self.phase != "lobby":
                raise GameMessage(N_("Teams and couples are set before the start."))
            with self._file.write() as db:
                if not db.execute("DELETE FROM seats WHERE name = ?", (str(name),)).rowcount:
                    raise GameError(f"{name!r} has not joined this game.")
                db.execute("UPDATE seats SET partner = '' WHERE partner = ?", (str(name),))


def newest_room(folder: str | os.PathLike | None = None) -> Path | None:
    """The newest room file in ``folder`` (default: the progress folder's ``class``) whose game is not over, or None."""
    folder = Path(folder) if folder is not None else progress_folder() / "class"
    for path in sorted(folder.glob(f"*{ROOM_SUFFIX}"), key=lambda p: p.stat().st_mtime, reverse=True) if folder.is_dir() else []:
        try:
            room = Classroom.open(path)
        except GameError:
            continue
        try:
            if room.phase != "over":
                return path
        finally:
            room.close()
    return None
