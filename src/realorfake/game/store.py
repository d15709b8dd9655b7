"""A game's SQLite file: created once, checked on every open, one transaction per change.

The file is a SQLite database (the standard library's ``sqlite3``) in WAL mode
with ``synchronous=FULL``: a vote is on disk when :meth:`GameFile.write`
returns, and a crash, a killed kernel or a power cut leaves every committed vote
and a file that opens. Many sessions may use one file at once (class mode): each
connection waits up to ``BUSY_SECONDS`` for another's write, and one
:class:`GameFile` is safe to share between threads.

A file is checked before it is used: SQLite's header, the course's
``application_id``, the layout version and SQLite's own ``quick_check``. A
damaged or foreign file raises :class:`~realorfake.errors.GameFileError` and is
never written to; a new game never replaces an existing file.

Game layer: imports only the core.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..errors import GameFileError

#: SQLite's application_id of a Real or Fake? game file ("ROFG").
APPLICATION_ID = 0x524F4647
#: Version of the tables' layout (SQLite's user_version).
LAYOUT_VERSION = 1
#: How long a write waits for another session's write to finish (s).
BUSY_SECONDS = 10.0
#: Suffix of game files.
SUFFIX = ".rofgame"

TABLES = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE players (
    seat INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    side TEXT NOT NULL
);
CREATE TABLE items (
    position INTEGER PRIMARY KEY,
    item_id TEXT NOT NULL UNIQUE,
    machine REAL
);
CREATE TABLE state (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    position INTEGER NOT NULL,
    revealed INTEGER NOT NULL CHECK (revealed IN (0, 1)),
    finished INTEGER NOT NULL CHECK (finished IN (0, 1))
);
CREATE TABLE votes (
    position INTEGER NOT NULL REFERENCES items(position),
    player TEXT NOT NULL REFERENCES players(name),
    answer TEXT NOT NULL CHECK (answer IN ('real', 'fake')),
    confidence INTEGER NOT NULL CHECK (confidence BETWEEN 50 AND 100),
    machine_shown INTEGER NOT NULL CHECK (machine_shown IN (0, 1)),
    voted_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    PRIMARY KEY (position, player)
);
"""


def _header_ok(path: Path) -> bool:
    with open(path, "rb") as handle:
        return handle.read(16) == b"SQLite format 3\x00"


def check_file(path: str | os.PathLike, application_id: int = APPLICATION_ID, layout_version: int = LAYOUT_VERSION, what: str = "game") -> None:
    """Raise ``GameFileError`` unless ``path`` is an undamaged ``what`` file of a layout this version reads. Writes nothing.

    ``application_id`` and ``layout_version``: the kind of file expected (a game's, by default; a class room's
    for :class:`~realorfake.game.classroom.Classroom`).
    """
    path = Path(path)
    if not path.is_file():
        raise GameFileError(f"There is no {what} file at {str(path)!r}.")
    if path.stat().st_size == 0 or not _header_ok(path):
        raise GameFileError(f"{path.name} is not a {what} file (it is not a SQLite database). It was left as it is.")
    try:
        connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=BUSY_SECONDS)
        try:
            application, version = connection.execute("PRAGMA application_id").fetchone()[0], connection.execute("PRAGMA user_version").fetchone()[0]
            if application != application_id:
                raise GameFileError(f"{path.name} is a SQLite database, but not a Real or Fake? {what} file. It was left as it is.")
            if version > layout_version:
                raise GameFileError(f"{path.name} was made by a newer version of the course (layout {version}); update the course to open it.")
            verdict = connection.execute("PRAGMA quick_check").fetchone()[0]
            if verdict != "ok":
                raise GameFileError(f"{path.name} is damaged ({verdict}). It was left as it is; a copy made before the damage can still be opened.")
        finally:
            connection.close()
    except sqlite3.DatabaseError as error:
        raise GameFileError(f"{path.name} is damaged or not a game file ({error}). It was left as it is.") from None


class GameFile:
    """An open game file. Use :meth:`create` or :meth:`open`; :meth:`read` and :meth:`write` run SQL safely.

    A subclass with other ``APPLICATION_ID``, ``LAYOUT_VERSION``, ``TABLES`` and
    ``WHAT`` is another kind of file with the same guarantees (a class room's).
    """

    APPLICATION_ID = APPLICATION_ID
    LAYOUT_VERSION = LAYOUT_VERSION
    TABLES = TABLES
    WHAT = "game"

    def __init__(self, path: Path, connection: sqlite3.Connection):
        self.path = path
        self._connection = connection
        self._lock = threading.RLock()
        self.closed = False

    @staticmethod
    def _connect(path: Path) -> sqlite3.Connection:
        connection = sqlite3.connect(path, timeout=BUSY_SECONDS, isolation_level=None, check_same_thread=False)
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute("PRAGMA synchronous=FULL")  # in WAL mode, FULL syncs every commit: a power cut keeps it
        connection.execute("PRAGMA foreign_keys=ON")
        return connection

    @classmethod
    def create(cls, path: str | os.PathLike) -> GameFile:
        """A new, empty game file at ``path``; ``GameFileError`` when anything is there already (it is never replaced)."""
        path = Path(path)
        if path.exists() or path.is_symlink():
            raise GameFileError(f"{path.name} already exists and is never overwritten. Open it instead, or choose another name.")
        if not path.parent.is_dir():
            raise GameFileError(f"The folder {str(path.parent)!r} does not exist. Create it first or choose another place for the {cls.WHAT}.")
        try:
            open(path, "xb").close()  # claims the name: two games started at once never share a file
            connection = cls._connect(path)
            connection.execute(f"PRAGMA application_id={cls.APPLICATION_ID}")
            connection.execute(f"PRAGMA user_version={cls.LAYOUT_VERSION}")
            connection.executescript(f"BEGIN;{cls.TABLES}COMMIT;")
        except FileExistsError:
            raise GameFileError(f"{path.name} already exists and is never overwritten. Choose another name.") from None
        except (OSError, sqlite3.Error) as error:
            path.unlink(missing_ok=True)
            raise GameFileError(f"The {cls.WHAT} file {path.name} could not be created ({error}). Check the folder can be written.") from None
        return cls(path, connection)

    @classmethod
    def open(cls, path: str | os.PathLike) -> GameFile:
        """Open an existing file of this kind after checking it (``GameFileError`` for a missing, foreign or damaged one)."""
        path = Path(path)
        check_file(path, cls.APPLICATION_ID, cls.LAYOUT_VERSION, cls.WHAT)
        try:
            return cls(path, cls._connect(path))
        except sqlite3.DatabaseError as error:
            raise GameFileError(f"{path.name} could not be opened ({error}). It was left as it is.") from None

    def read(self, sql: str, parameters: tuple = ()) -> list[tuple]:
        """Rows of a query."""
        with self._lock:
            return self._connection.execute(sql, parameters).fetchall()

    @contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        """One transaction: ``BEGIN IMMEDIATE`` (other writers wait), the block's statements, ``COMMIT``.

        When the block raises, everything it did is rolled back. When the
        ``with`` ends without an error, the change is on disk.
        """
        with self._lock:
            connection = self._connection
            connection.execute("BEGIN IMMEDIATE")
            try:
                yield connection
            except BaseException:
                connection.execute("ROLLBACK")
                raise
            connection.execute("COMMIT")

    def close(self) -> None:
        """Close the connection (the file stays complete)."""
        with self._lock:
            self._connection.close()
            self.closed = True
