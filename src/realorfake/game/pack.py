"""Item packs: a folder with ``pack.json`` and the pictures and clips it names, checked before any game uses it.

``pack.json`` follows the JSON Schema in ``pack.schema.json`` beside this file
(documented in docs/packs.md) and is validated with the ``jsonschema`` library.
Beyond the schema, :func:`load_pack` refuses, each with a :class:`PackError`
that names the item and says what to do:

* a path that leaves the pack: absolute, with ``..``, a backslash or drive, or
  through a symbolic link;
* a missing file, one over ``MAX_FILE_BYTES``, an extension that does not fit
  the item's ``kind``, or content that does not decode as a picture or clip;
* two items with the same ``id``, and a ``pack.json`` that is not JSON or is
  larger than ``MAX_PACK_JSON_BYTES``.

Command line for facilitators::

    python -m realorfake.game.pack build FOLDER --out PACK [--make-fakes] [--name NAME]
    python -m realorfake.game.pack check PACK

``build`` turns ``FOLDER/real`` and ``FOLDER/fake`` (and the explanations in
``FOLDER/notes.csv``, read by :mod:`.notes`) into a pack, or with
``--make-fakes`` makes the fakes itself from a folder of the class's consented
photos (:mod:`.folder_pack`); ``check`` validates a pack. Each prints one line
and exits 0, or prints the problem and exits 1; warnings (a pack with only one
answer, notes naming no file) are ``pack: warning: ...`` lines on stderr.
Schema problems are told in plain words by :mod:`.schema_messages`. Sizes are
in MB of 1,000,000 bytes, as in docs/packs.md.

Game layer: imports the core and :mod:`realorfake.fakes.clips` (to read clips).
"""

from __future__ import annotations

import json
import math
import os
import warnings
from dataclasses import dataclass
from functools import cache
from pathlib import Path, PurePosixPath
from typing import Any

from ..errors import CourseError, PackError
from . import schema_messages

#: The schema every pack.json is checked against.
SCHEMA_PATH = Path(__file__).with_name("pack.schema.json")
#: Largest picture or clip a pack may hold (bytes): 25 MB, where 1 MB is 1,000,000 bytes as in docs/packs.md.
MAX_FILE_BYTES = 25_000_000
#: Largest pack.json (bytes): 1 MB.
MAX_PACK_JSON_BYTES = 1_000_000
#: File endings allowed for each kind of item.
EXTENSIONS = {"image": (".jpg", ".jpeg", ".png", ".webp"), "video": (".mp4", ".webm", ".avi", ".mov")}
#: Methods that make a real item (an original or an honest edit); every other method makes a fake.
REAL_METHODS = frozenset({"original", "benign_edit"})


class PackWarning(UserWarning):
    """A pack that works but will not teach well (only real or only fake items), or notes that were not used."""


def megabytes(size: int, *, round_up: bool = False) -> str:
    """A size in bytes as people read it, in MB of 1,000,000 bytes: "25 MB", "25.1 MB".

    ``round_up`` rounds up to the tenth, so that a file just over a limit never
    reads as the limit itself ("25.0 MB, over the limit of 25 MB").
    """
    tenths = math.ceil(size / 100_000) if round_up else round(size / 100_000)
    return f"{tenths / 10:g} MB"


def with_article(word: str) -> str:
    """ "an image", "a video"."""
    return f"{'an' if word[:1].lower() in 'aeiou' else 'a'} {word}"


@cache
def schema() -> dict:
    """The pack JSON Schema (a dict)."""
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


@dataclass(frozen=True)
class Region:
    """A rectangle to highlight at the reveal, in fractions (0-1) of the picture's width and height."""

    x: float
    y: float
    width: float
    height: float
    label: dict[str, str] | None = None


@dataclass(frozen=True)
class Item:
    """One picture or clip of a pack. ``path`` is the file's absolute path; ``explanation`` maps "en"/"es" to text."""

    id: str
    file: str
    kind: str
    answer: str
    method: str
    difficulty: str
    explanation: dict[str, str]
    path: Path
    regions: tuple[Region, ...] = ()
    source: str = ""
    licence: str = ""

    def explain(self, language: str = "en") -> str:
        """The explanation in ``language`` ("en" or "es"; English for any other)."""
        return self.explanation.get(language) or self.explanation["en"]


@dataclass(frozen=True)
class Pack:
    """A checked pack: its folder, name and items (in file order); ``data`` is pack.json as read."""

    folder: Path
    name: str
    items: tuple[Item, ...]
    data: dict[str, Any]

    def item(self, item_id: str) -> Item:
        """The item with this id (``PackError`` when there is none)."""
        for item in self.items:
            if item.id == item_id:
                return item
        raise PackError(f"The pack {self.name!r} has no item {item_id!r}.")

    def __len__(self) -> int:
        return len(self.items)


def _where(data: Any, path: list) -> str:
    """'item 3 (id "swap-07"), field "answer"' for a schema error's path ('region 1, field "x"' inside an item)."""
    place = []
    if len(path) >= 2 and path[0] == "items" and isinstance(path[1], int):
        item = data["items"][path[1]] if isinstance(data, dict) and isinstance(data.get("items"), list) and path[1] < len(data["items"]) else None
        place.append(f"item {path[1] + 1}" + (f' (id "{item["id"]}")' if isinstance(item, dict) and isinstance(item.get("id"), str) else ""))
        path = path[2:]
    if len(path) >= 2 and path[0] == "regions" and isinstance(path[1], int):
        place.append(f"region {path[1] + 1}")
        path = path[2:]
    if path:
        place.append(f'field "{".".join(map(str, path))}"')
    return ", ".join(place)


def check_data(data: Any) -> None:
    """Validate pack.json's content against the schema; ``PackError`` naming the first problem's place in plain words.

    The message leads with what is wrong and what is allowed (``'pack.json,
    item 4 (id "swap-07"), field "answer": "maybe" is not allowed; use "real"
    or "fake".'``) and keeps jsonschema's own message on a second line. Unknown
    fields are refused too (a misspelt "anwser" would otherwise be ignored).
    """
    error, others = schema_messages.problems(data, schema())
    if error is not None:
        place = _where(data, list(error.absolute_path))
        more = f" There {'is 1 more problem' if others == 1 else f'are {others} more problems'} after this one: fix it and check again." if others else ""
        raise PackError(f"pack.json{', ' + place if place else ''}: {schema_messages.plain(error, schema())}{more}\n  {schema_messages.detail(error)}")


def safe_path(folder: Path, name: str, where: str) -> Path:
    """The file ``name`` inside the pack ``folder``, refusing any path that could leave it (``PackError``)."""
    if "\\" in name or (len(name) > 1 and name[1] == ":"):
        raise PackError(f"{where}: the file {name!r} uses a backslash or a drive letter. Write paths inside the pack with '/', like 'images/photo1.jpg'.")
    relative = PurePosixPath(name)
    if relative.is_absolute() or ".." in relative.parts:
        raise PackError(f"{where}: the file {name!r} points outside the pack. Put the file inside the pack's folder and give its path from there, like 'images/photo1.jpg'.")
    root = folder.resolve()
    path = root
    for part in relative.parts:
        path = path / part
        if path.is_symlink():
            raise PackError(f"{where}: {name!r} goes through a symbolic link ({part}). Copy the real file into the pack instead.")
    if path.resolve() != path or root not in path.resolve().parents:
        raise PackError(f"{where}: the file {name!r} points outside the pack.")
    return path


def check_size(path: Path, where: str) -> None:
    """Refuse a file over ``MAX_FILE_BYTES`` (``PackError`` saying its size and the limit, in the units of docs/packs.md)."""
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise PackError(
            f"{where}: {path.name!r} is {megabytes(size, round_up=True)}, over the pack limit of {megabytes(MAX_FILE_BYTES)} "
            "(1 MB = 1,000,000 bytes). Make it smaller (a shorter clip, a smaller photo)."
        )


def check_media(path: Path, kind: str, where: str) -> None:
    """Refuse a missing, oversized, wrongly named or undecodable file (``PackError``)."""
    if not path.is_file():
        raise PackError(f"{where}: there is no file {path.name!r} in the pack (looked for {path}).")
    if path.suffix.lower() not in EXTENSIONS[kind]:
        raise PackError(f"{where}: {path.name!r} is not a supported {kind} file; use one of {', '.join(EXTENSIONS[kind])}.")
    check_size(path, where)
    try:
        if kind == "image":
            from ..images import load_image

            load_image(path, max_side=None)  # decoded to check it, never shrunk (no "downsized" note)
        else:
            from ..fakes.clips import read_video

            read_video(path, max_frames=1)
    except CourseError as error:
        raise PackError(f"{where}: {path.name!r} cannot be read as {with_article(kind)}: {error}") from None


def _labelled_fake(path: Path) -> bool:
    """Whether an image file carries a machine-readable synthetic label (the course's, or any C2PA/IPTC one it reads)."""
    from ..label import read_label

    try:
        return read_label(path) is not None
    except CourseError:
        return False


def method_fits(method: str) -> str:
    """What a method is for, in words: 'for a real item (an original or an honest edit)' or 'for a fake'."""
    return "for a real item (an original or an honest edit)" if method in REAL_METHODS else "for a fake"


def only_answer(answers: list[str]) -> str | None:
    """The one answer all items have ("real" or "fake") when a pack holds only one kind, else None."""
    return answers[0] if answers and len(set(answers)) == 1 else None


def from_data(data: dict, folder: str | os.PathLike, *, check_files: bool = True) -> Pack:
    """A :class:`Pack` from pack.json's content and the pack's folder; with ``check_files`` each file is checked too."""
    check_data(data)
    folder = Path(folder)
    items, seen = [], set()
    for number, raw in enumerate(data["items"], start=1):
        where = f'pack.json, item {number} (id "{raw["id"]}")'
        if raw["id"] in seen:
            raise PackError(f"{where}: the id {raw['id']!r} is used twice. Give every item its own id.")
        seen.add(raw["id"])
        if (raw["answer"] == "real") != (raw["method"] in REAL_METHODS):
            raise PackError(f"{where}: the answer is {raw['answer']!r} but the method {raw['method']!r} is {method_fits(raw['method'])}. Correct one of them.")
        path = safe_path(folder, raw["file"], where)
        if check_files:
            check_media(path, raw["kind"], where)
            if raw["answer"] == "real" and raw["kind"] == "image" and _labelled_fake(path):
                raise PackError(f'{where}: {path.name!r} carries a label saying it is a fake made by software, but the pack calls it real. Move it to the fakes (answer "fake").')
        regions = tuple(Region(r["x"], r["y"], r["width"], r["height"], r.get("label")) for r in raw.get("regions", ()))
        for region in regions:
            if region.x + region.width > 1.0001 or region.y + region.height > 1.0001:
                raise PackError(f"{where}: a region reaches outside the picture (x + width and y + height must stay at most 1).")
        items.append(
            Item(
                id=raw["id"],
                file=raw["file"],
                kind=raw["kind"],
                answer=raw["answer"],
                method=raw["method"],
                difficulty=raw["difficulty"],
                explanation=dict(raw["explanation"]),
                path=path,
                regions=regions,
                source=raw.get("source", ""),
                licence=raw.get("licence", ""),
            )
        )
    return Pack(folder=folder.resolve(), name=data["name"], items=tuple(items), data=data)


def load_pack(folder: str | os.PathLike, *, check_files: bool = True) -> Pack:
    """Read and check the pack in ``folder`` (a folder holding pack.json); raises ``PackError`` with what to fix.

    Warns (``PackWarning``) when every item has the same answer: the game runs,
    but a player who always gives that answer wins.
    """
    folder = Path(folder)
    manifest = folder / "pack.json"
    if folder.name == "pack.json" and folder.is_file():
        raise PackError(f"{str(folder)!r} is the pack's pack.json: give the folder that holds it, {str(folder.parent)!r}.")
    if not folder.is_dir():
        raise PackError(f"There is no pack folder at {str(folder)!r}. A pack is a folder holding pack.json and its pictures.")
    if manifest.is_symlink() or not manifest.is_file():
        raise PackError(f"The folder {str(folder)!r} has no pack.json. Build one with `python -m realorfake.game.pack build`.")
    if manifest.stat().st_size > MAX_PACK_JSON_BYTES:
        raise PackError(f"pack.json is larger than {megabytes(MAX_PACK_JSON_BYTES)}: that is not a pack the course made.")
    try:
        data = json.loads(manifest.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise PackError("pack.json is not text (UTF-8): that is not a pack file.") from None
    except json.JSONDecodeError as error:
        raise PackError(
            f"pack.json is not valid JSON at line {error.lineno}, column {error.colno}: look there (or just before) for a missing or extra comma, quote or bracket.\n  detail: {error.msg}"
        ) from None
    pack = from_data(data, folder, check_files=check_files)
    only = only_answer([item.answer for item in pack.items])
    if only:
        other = "fake" if only == "real" else "real"
        warnings.warn(
            f"The pack {pack.name!r} holds only {only} items ({len(pack)}): a player who always answers {only!r} wins every round, so the game teaches nothing. Add {other} items before playing.",
            PackWarning,
            stacklevel=2,
        )
    return pack


def _summary(pack: Pack) -> str:
    fakes = sum(item.answer == "fake" for item in pack.items)
    return f"{len(pack.items)} items ({len(pack.items) - fakes} real, {fakes} fake)"


BUILD_HELP = """\
Make a pack from FOLDER/real/ and FOLDER/fake/ (pictures or clips, made with any tool).

An optional notes file, FOLDER/notes.csv, gives the items their explanations: a
table whose first row names the columns. Only "file" is required:
  file        the file's name as it is in real/ or fake/ (photo1.jpg, or fake/photo1.jpg)
  en, es      the explanation shown at the reveal, in English and in Spanish
  difficulty  easy, medium or hard (default: medium)
  method      how it was made: original or benign_edit for a real item; face_swap,
              morph, talking_clip, self_blend, splice, copy_move, generated or
              other for a fake (default: read from the course's label, else other)
A missing en or es gives a generic explanation in that language. Columns may be
separated by commas, semicolons or tabs; save it as "CSV UTF-8" (a Windows-1252
file is read too, with a warning). Notes naming no file in real/ or fake/ are
reported; if none names a file, nothing is built. Details: docs/packs.md.

With --make-fakes, FOLDER is instead a folder of the class's consented photos
(one face each): each becomes a real item and the course makes labelled fakes.
"""


def main(argv: list[str] | None = None) -> int:
    """The facilitators' command line (see the module doc); returns the exit code.

    Problems print as ``pack: <message>`` on stderr with exit code 1; warnings
    (``PackWarning`` and the like) as ``pack: warning: <message>`` lines on stderr.
    """
    import argparse
    import sys

    parser = argparse.ArgumentParser(prog="python -m realorfake.game.pack", description="Build or check an item pack for the game.", epilog="See docs/packs.md.")
    commands = parser.add_subparsers(dest="command", required=True)
    build = commands.add_parser(
        "build",
        help="make a pack from FOLDER/real and FOLDER/fake (explanations from FOLDER/notes.csv), or with --make-fakes from a folder of consented photos",
        description=BUILD_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    build.add_argument("folder", type=Path, metavar="FOLDER", help="the folder holding real/, fake/ and optionally notes.csv")
    build.add_argument("--out", type=Path, required=True, help="a new folder for the pack")
    build.add_argument("--make-fakes", action="store_true", help="make swaps, morphs, self-blends and talking clips from the photos in FOLDER")
    build.add_argument("--name", help="the pack's name (default: the folder's)")
    check = commands.add_parser("check", help="validate a pack folder", description="Check a pack folder (the folder holding pack.json) before a game uses it.")
    check.add_argument("pack", type=Path)
    args = parser.parse_args(argv)

    def show(message, category, *_args, **_kwargs):
        print(f"pack: warning: {message}", file=sys.stderr, flush=True)

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("always", PackWarning)  # every one, even when two read alike
            warnings.showwarning = show  # one plain line per warning, as it happens, never Python's file:line form
            if args.command == "check":
                print(f"pack OK: {_summary(load_pack(args.pack))} in {args.pack}")
            else:
                from .folder_pack import build_from_folders, make_fakes_pack

                maker = make_fakes_pack if args.make_fakes else build_from_folders
                print(f"built: {_summary(maker(args.folder, args.out, name=args.name))} in {args.out}")
    except CourseError as error:
        print(f"pack: {error}", file=sys.stderr)
        return 1
    except OSError as error:  # a folder that cannot be read or written: no permission, a full disk
        print(f"pack: could not {'read' if args.command == 'check' else 'read or write'} {error.filename or 'a file'}: {error.strerror or error}.", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
