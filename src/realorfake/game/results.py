"""A game's results: per player and per side (couple, team), per item and per method, and a CSV of every vote.

* Per player: votes, right, wrong, missed, mistakes (wrong + missed),
  accuracy (%), Brier score and the calibration table (:mod:`.scoring`).
* Per side (a solo player, a couple or a team): mistakes, money banked (euros),
  Brier score and rank; the winner has the fewest mistakes, ties broken by the
  lower Brier score.
* Per item and per method: the share of votes that were right ("what fooled us most").
* Machine-informed rounds: accuracy with and without the detector's opinion shown.
* Before and after: each player's accuracy against their Lesson 01 pre-test.

Game layer: imports the core and the game's own modules.
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from ..files import replacing
from . import scoring

#: The CSV export's columns, in order.
CSV_COLUMNS = ("position", "item_id", "method", "difficulty", "truth", "player", "side", "answer", "confidence", "right", "machine_shown", "machine_p_fake", "voted_at")


@dataclass(frozen=True)
class PlayerResult:
    """One voter's results; ``accuracy`` in percent of the items revealed, ``brier`` NaN before any vote."""

    name: str
    side: str
    votes: int
    right: int
    wrong: int
    missed: int
    accuracy: float
    brier: float
    calibration: list[dict] = field(default_factory=list)

    @property
    def mistakes(self) -> int:
        """Wrong answers plus missed votes."""
        return self.wrong + self.missed


@dataclass(frozen=True)
class SideResult:
    """A side (solo player, couple or team): its members, mistakes, money banked (euros), Brier score and rank (1 = best)."""

    name: str
    members: tuple[str, ...]
    mistakes: int
    money: float
    brier: float
    rank: int


@dataclass(frozen=True)
class ItemResult:
    """How one item went: its id, method, truth, how many voted and were right, accuracy (%)."""

    position: int
    item_id: str
    method: str
    difficulty: str
    truth: str
    votes: int
    right: int

    @property
    def accuracy(self) -> float:
        """Share of the votes on this item that were right (%); NaN when nobody voted."""
        return 100 * self.right / self.votes if self.votes else float("nan")


@dataclass
class Results:
    """Everything the finale shows. Build with :meth:`of`; ``to_csv`` exports every vote."""

    mode: str
    items_played: int
    players: list[PlayerResult]
    sides: list[SideResult]
    items: list[ItemResult]
    by_method: dict[str, float]
    machine: dict[str, float]
    rows: list[dict]

    @classmethod
    def of(cls, game, reveals) -> Results:
        """Results of ``game`` (an :class:`~realorfake.game.engine.Game`) over ``reveals`` (its revealed items)."""
        by_position = {reveal.position: reveal for reveal in reveals}
        per_player: dict[str, list[tuple[str, int, str]]] = {name: [] for name in game.voters}
        missed = dict.fromkeys(game.voters, 0)
        money = dict.fromkeys(dict.fromkeys(game.voters.values()), 0.0)
        items, rows = [], []
        for reveal in reveals:
            item = reveal.item
            for name, (answer, confidence) in reveal.votes.items():
                per_player[name].append((answer, confidence, item.answer))
            for name in reveal.missed:
                missed[name] += 1
            for side, euros in reveal.banked.items():
                money[side] += euros
            items.append(ItemResult(reveal.position, item.id, item.method, item.difficulty, item.answer, len(reveal.votes), sum(reveal.right.values())))
        shown = {}
        for position, player, answer, confidence, machine_shown, voted_at in game.vote_rows():
            if position not in by_position:
                continue
            item, machine_p = by_position[position].item, by_position[position].machine
            shown.setdefault(bool(machine_shown), []).append(answer == item.answer)
            rows.append(
                {
                    "position": position + 1,
                    "item_id": item.id,
                    "method": item.method,
                    "difficulty": item.difficulty,
                    "truth": item.answer,
                    "player": player,
                    "side": game.voters[player],
                    "answer": answer,
                    "confidence": confidence,
                    "right": int(answer == item.answer),
                    "machine_shown": int(machine_shown),
                    "machine_p_fake": "" if machine_p is None else f"{machine_p:.3f}",
                    "voted_at": voted_at,
                }
            )
        players = []
        for name, votes in per_player.items():
            right = sum(answer == truth for answer, _, truth in votes)
            played = len(votes) + missed[name]
            accuracy = 100 * right / played if played else float("nan")
            players.append(PlayerResult(name, game.voters[name], len(votes), right, len(votes) - right, missed[name], accuracy, scoring.brier(votes), scoring.calibration(votes)))
        side_stats = {}
        for side in money:
            members = [p for p in players if p.side == side]
            votes = [v for p in members for v in per_player[p.name]]
            side_stats[side] = (sum(p.mistakes for p in members), scoring.brier(votes))
        order = scoring.ranking(side_stats)
        sides = [SideResult(side, tuple(p.name for p in players if p.side == side), side_stats[side][0], round(money[side], 2), side_stats[side][1], order.index(side) + 1) for side in order]
        by_method: dict[str, list[int]] = {}
        for result in items:
            totals = by_method.setdefault(result.method, [0, 0])
            totals[0] += result.right
            totals[1] += result.votes
        machine = {("with_machine" if key else "without_machine"): 100 * sum(v) / len(v) for key, v in shown.items() if v}
        return cls(game.mode, len(items), players, sides, items, {m: 100 * r / n for m, (r, n) in by_method.items() if n}, machine, rows)

    @property
    def winner(self) -> SideResult | None:
        """The side ranked first (None before any item is revealed)."""
        return self.sides[0] if self.sides and self.items_played else None

    def most_fooling(self, count: int = 3) -> list[ItemResult]:
        """The items most voters got wrong, worst first ("what fooled us most"); an item everyone got right fooled nobody."""
        voted = [item for item in self.items if item.votes and item.right < item.votes]
        return sorted(voted, key=lambda item: (item.accuracy, item.position))[:count]

    def machine_helped(self) -> bool | None:
        """Whether votes with the detector's opinion shown were right more often (None without both kinds of vote)."""
        if set(self.machine) != {"with_machine", "without_machine"}:
            return None
        return self.machine["with_machine"] > self.machine["without_machine"]

    def before_after(self, pretest: Mapping[str, float]) -> dict[str, tuple[float, float]]:
        """{player: (pre-test accuracy %, game accuracy %)} for the players in ``pretest`` (name -> accuracy %)."""
        return {p.name: (float(pretest[p.name]), p.accuracy) for p in self.players if p.name in pretest}

    def csv_text(self, teams: dict[str, str] | None = None) -> str:
        """One row per vote (columns ``CSV_COLUMNS``) as CSV text; cells a spreadsheet would run are neutralised.

        ``teams`` ({player: team}, class mode's teams) adds a ``team`` column.
        """
        buffer = io.StringIO(newline="")
        writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS + (("team",) if teams is not None else ()))
        writer.writeheader()
        for row in self.rows:
            cells = {key: _cell(value) for key, value in row.items()}
            if teams is not None:
                cells["team"] = _cell(teams.get(row["player"], ""))
            writer.writerow(cells)
        return buffer.getvalue()

    def to_csv(self, path: str | os.PathLike) -> Path:
        """Write :meth:`csv_text` to ``path``, atomically; returns the path."""
        path = Path(path)
        with replacing(path) as temporary:
            temporary.write_bytes(self.csv_text().encode("utf-8"))
        return path


def _cell(value: object) -> object:
    """A CSV cell a spreadsheet will not run: text starting with =, +, -, @ or a tab gets a leading apostrophe."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value
