"""The notes file of a folder pack: ``notes.csv``, the explanations (and difficulty, method) of the files in real/ and fake/.

A table whose first row names its columns (documented in docs/packs.md):
``file`` (required: a file's name as it is in real/ or fake/, or
``real/NAME``, ``fake/NAME`` when one name is in both), and any of ``en``,
``es``, ``difficulty`` and ``method``. Column names are read without regard to
capitals; other columns are reported and not used.

As spreadsheets save it: separated by commas, semicolons (Spanish and other
European settings) or tabs, found by ``csv.Sniffer`` and checked against the
header row; in UTF-8 with or without a byte-order mark, UTF-16 with one
("Unicode text"), or else Windows-1252 (older Excel), read with a warning.
Values are checked with the pack schema's own rules (:mod:`.schema_messages`
words the problem), before anything is built.

:func:`read_notes` reads the file; :func:`match_notes` gives each file of the
pack its note and warns (``PackWarning``) for each note that names no file,
with the closest existing name (``difflib``); when no note at all names a file
it refuses, since the whole table is then probably wrong (a column of names
without their endings, the wrong folder).

Game layer: imports the core and :mod:`.pack`.
"""

from __future__ import annotations

import codecs
import csv
import difflib
import io
import warnings
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from ..errors import PackError
from . import schema_messages
from .pack import PackWarning, schema

#: The notes file's name, in the folder beside real/ and fake/.
NOTES_NAME = "notes.csv"
#: The columns the build reads; only "file" is required.
COLUMNS = ("file", "en", "es", "difficulty", "method")
#: The separators a notes file may use: comma, semicolon, tab.
SEPARATORS = ",;\t"
SEPARATOR_WORDS = {",": "a comma", ";": "a semicolon", "\t": "a tab"}
#: Files that look like a notes file saved under another name or format.
LOOKALIKES = (".csv", ".tsv", ".txt", ".xlsx", ".xls", ".ods")


@dataclass(frozen=True)
class Note:
    """One row of notes.csv: its ``row`` as a spreadsheet numbers it (the header is row 1), ``file`` as written, and its non-empty ``values``."""

    row: int
    file: str
    values: dict[str, str]

    @property
    def where(self) -> str:
        """Where the note is, for messages: notes.csv, its row and the file it names."""
        return f'{NOTES_NAME}, row {self.row} ("{self.file}")'


def row_schema() -> dict:
    """The JSON Schema of a row's values, taken from the pack schema (so both always allow the same)."""
    pack = schema()
    item, text = pack["$defs"]["item"]["properties"], pack["$defs"]["text"]["properties"]
    return {
        "type": "object",
        "properties": {"en": text["en"], "es": text["es"], "difficulty": item["difficulty"], "method": item["method"]},
    }


def _decode(raw: bytes) -> str:
    """The file's text: UTF-16 with a byte-order mark, UTF-8 (with or without one), else Windows-1252 with a warning."""
    try:
        if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            return raw.decode("utf-16")
    except UnicodeDecodeError:
        raise PackError(f'{NOTES_NAME} starts like UTF-16 text but is damaged. Save it again from the spreadsheet as "CSV UTF-8".') from None
    if b"\x00" in raw:
        raise PackError(
            f'{NOTES_NAME} is not a text table: it looks like a spreadsheet\'s own format (such as .xlsx) under a .csv name. In the spreadsheet choose Save as, type "CSV UTF-8", then build again.'
        )
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        text = raw.removeprefix(codecs.BOM_UTF8).decode("cp1252")
    except UnicodeDecodeError as error:
        raise PackError(
            f"{NOTES_NAME} is neither UTF-8 nor Windows-1252 text (byte {raw[error.start]:#04x} at position {error.start} means nothing in either). "
            'In the spreadsheet choose Save as, type "CSV UTF-8", then build again.'
        ) from None
    warnings.warn(
        f'{NOTES_NAME} is not UTF-8: it was read as Windows-1252 (Western European), as older Excel saves it. If accents look wrong at the reveal, save it as "CSV UTF-8" and build again.',
        PackWarning,
        stacklevel=3,
    )
    return text


def _names(header: str, separator: str) -> list[str]:
    return [cell.strip().lower() for cell in next(csv.reader([header], delimiter=separator), [])]


def separator(text: str) -> str:
    """The column separator: ``csv.Sniffer``'s guess among comma, semicolon and tab when it splits the header row into a "file" column, else the one that does.

    When none does, Sniffer's guess or the one that splits the header into the
    most columns (the error then lists the columns as the file has them).
    """
    header = next((line for line in text.splitlines() if line.strip()), "")
    try:
        guess = csv.Sniffer().sniff(text[:16_384], delimiters=SEPARATORS).delimiter
    except csv.Error:  # one column, or too little text to tell
        guess = None
    for candidate in ([guess] if guess else []) + list(SEPARATORS):
        if "file" in _names(header, candidate):
            return candidate
    return guess or max(SEPARATORS, key=lambda candidate: len(_names(header, candidate)))  # no "file" column: split it as well as possible to say so


def read_notes(folder: Path) -> list[Note]:
    """The rows of ``folder/notes.csv`` (none when there is no such file), checked; see the module doc.

    Raises ``PackError`` for a file that cannot be read as text, a table with no
    "file" column or a column twice, a row with more cells than the header has
    columns (an unquoted separator inside an explanation), or a value the pack
    schema does not allow. Warns for a file read as Windows-1252, unknown
    columns, rows without a file name, and a lookalike (notes.xlsx, Notes.csv)
    when there is no notes.csv.
    """
    path = folder / NOTES_NAME
    if not path.is_file():
        lookalikes = sorted(p.name for p in folder.iterdir() if p.is_file() and (p.stem.lower() in {"notes", "notas"} or p.suffix.lower() in LOOKALIKES))
        if lookalikes:
            warnings.warn(
                f"{folder} has {', '.join(lookalikes)} but no {NOTES_NAME}: explanations are read only from a file named exactly {NOTES_NAME} "
                '(in the spreadsheet: Save as, type "CSV UTF-8"). The pack gets generic explanations.',
                PackWarning,
                stacklevel=2,
            )
        return []
    text = _decode(path.read_bytes())
    split = separator(text)
    rows = [cells for cells in csv.reader(io.StringIO(text, newline=""), delimiter=split) if any(cell.strip() for cell in cells)]
    if not rows:
        return []
    header = [cell.strip().lower() for cell in rows[0]]
    if "file" not in header:
        found = ", ".join(f'"{cell}"' for cell in rows[0] if cell.strip())
        raise PackError(f'{NOTES_NAME} has no "file" column: its first row must name the columns, for example file,en,es,difficulty,method (it reads {found}). Add such a row above the notes.')
    twice = sorted({name for name in header if name and header.count(name) > 1})
    if twice:
        raise PackError(f'{NOTES_NAME} has the column "{twice[0]}" twice: keep one.')
    unknown = [cell.strip() for cell, name in zip(rows[0], header) if name and name not in COLUMNS]
    if unknown:
        warnings.warn(
            f"{NOTES_NAME} has the column{'s' if len(unknown) > 1 else ''} {schema_messages.either(unknown, 'and')}, which the build does not read: it reads {', '.join(COLUMNS)} (see docs/packs.md).",
            PackWarning,
            stacklevel=2,
        )
    notes, rules = [], row_schema()
    for number, cells in enumerate(rows[1:], start=2):
        if any(cell.strip() for cell in cells[len(header) :]):
            raise PackError(
                f"{NOTES_NAME}, row {number} has more cells than the first row has columns: a text probably holds the separator "
                f"({SEPARATOR_WORDS[split]}) without quotes around it. "
                'Put such a text in double quotes ("..."), or save the table from a spreadsheet, which adds them.'
            )
        values = {name: cell.strip() for name, cell in zip(header, cells) if name in COLUMNS and cell.strip()}
        file = values.pop("file", "")
        if not file:
            warnings.warn(f'{NOTES_NAME}, row {number} has no file name in the "file" column: the row was not used.', PackWarning, stacklevel=2)
            continue
        for name in ("difficulty", "method"):  # "Hard", "Face swap" and "face-swap" mean hard and face_swap
            if name in values:
                values[name] = "_".join(values[name].lower().replace("-", " ").split())
        note = Note(number, file, values)
        error, _ = schema_messages.problems(values, rules)
        if error is not None:
            raise PackError(f'{note.where}, column "{error.absolute_path[0]}": {schema_messages.plain(error, rules, "column")}\n  {schema_messages.detail(error)}')
        notes.append(note)
    return notes


def match_notes(notes: list[Note], files: list[tuple[Path, str]]) -> dict[Path, Note]:
    """Each file's note, from ``files`` as (path, "real" or "fake"); see the module doc.

    Warns for a note naming no file (with the closest name), one naming a file
    in both real/ and fake/ (used for both), and a file named by two notes (the
    later is used). Raises ``PackError`` when there are notes and none names a file.
    """
    by_file: dict[Path, Note] = {}
    unused = []
    for note in notes:
        parts = PurePosixPath(note.file.replace("\\", "/")).parts
        answer = parts[-2].lower() if len(parts) > 1 and parts[-2].lower() in {"real", "fake"} else None
        matched = [path for path, side in files if path.name == parts[-1] and answer in {None, side}]
        if not matched:
            unused.append(note)
            close = difflib.get_close_matches(parts[-1].lower(), [path.name.lower() for path, _ in files], n=1)
            near = next((f"{side}/{path.name}" for path, side in files if close and path.name.lower() == close[0]), None)
            hint = f'did you mean "{near}"?' if near else "check the name and its ending (.jpg, .png, .mp4 ...)"
            warnings.warn(f"{note.where}: there is no such file in real/ or fake/ ({hint}); this note was not used.", PackWarning, stacklevel=2)
            continue
        if len(matched) > 1:
            warnings.warn(
                f'{note.where}: "{parts[-1]}" is in both real/ and fake/, and the note was used for both. Write real/{parts[-1]} or fake/{parts[-1]} to give each its own.',
                PackWarning,
                stacklevel=2,
            )
        for path in matched:
            if path in by_file:
                warnings.warn(f"{note.where} gives a second note for {path.parent.name}/{path.name} (after row {by_file[path].row}): row {note.row} is used.", PackWarning, stacklevel=2)
            by_file[path] = note
    if notes and not by_file:
        raise PackError(
            f'None of the {len(notes)} notes in {NOTES_NAME} names a file in real/ or fake/ (the first, row {notes[0].row}, names "{notes[0].file}"). '
            "Write each file's name exactly as it is in real/ or fake/, with its ending, like photo1.jpg."
        )
    return by_file
