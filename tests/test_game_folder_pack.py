"""Facilitators' packs: from real/ and fake/ folders, or fakes made from a class's photos; and the command line."""

from __future__ import annotations

import json
import os
import warnings

import pytest
from PIL import Image

from realorfake import data, label
from realorfake.errors import PackError
from realorfake.fakes.clips import read_clip_label, read_video
from realorfake.game import notes
from realorfake.game import pack as packs
from realorfake.game.folder_pack import build_from_folders, make_fakes_pack
from realorfake.game.pack import PackWarning
from realorfake.images import load_image


def _jpeg(path, picture, **options):
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.fromarray(picture).save(path, "JPEG", **options)
    return path


def _gps_exif() -> bytes:
    exif = Image.Exif()
    exif[0x8825] = {1: "N", 2: (40.0, 25.0, 0.0)}  # GPSInfo: where the photo was taken
    exif[0x010F] = "PhoneMaker"
    return exif.tobytes()


@pytest.fixture
def folders(tmp_path):
    root = tmp_path / "class"
    _jpeg(root / "real" / "Hopper at work.jpg", data.portrait("hopper"), exif=_gps_exif())
    _jpeg(root / "real" / "rocket.jpg", data.photo("rocket"))
    from realorfake.fakes.morphing import morph

    (root / "fake").mkdir()
    label.save_fake(morph(data.portrait("hopper"), data.portrait("collins")), root / "fake" / "our_morph.png", method="morph")
    _jpeg(root / "fake" / "from another app.jpg", data.portrait("collins"))  # a fake made elsewhere, unlabelled
    (root / "notes.csv").write_text("file,en,es,difficulty\nfrom another app.jpg,Fake: made with an app.,Falso: hecho con una app.,hard\n", encoding="utf-8")
    return root


def test_a_pack_from_real_and_fake_folders_labels_every_fake_and_drops_camera_metadata(folders, tmp_path):
    pack = build_from_folders(folders, tmp_path / "out")
    by_source = {item.source: item for item in pack.items}
    assert set(by_source) == {"real/Hopper at work.jpg", "real/rocket.jpg", "fake/our_morph.png", "fake/from another app.jpg"}
    assert by_source["fake/our_morph.png"].method == "morph"  # read from the course's own label
    morph = by_source["fake/our_morph.png"].explanation  # a reviewer found "(morph)" and "(other)" in Spanish explanations
    assert morph["en"].endswith("another tool (morph).") and morph["es"].endswith("(morphing).")
    app = by_source["fake/from another app.jpg"]
    assert app.method == "other" and app.difficulty == "hard" and app.explanation == {"en": "Fake: made with an app.", "es": "Falso: hecho con una app."}
    for item in pack.items:
        assert label.is_labelled_fake(load_image(item.path)) == (item.answer == "fake")
        assert (label.read_label(item.path) is not None) == (item.answer == "fake")
    hopper = by_source["real/Hopper at work.jpg"]
    assert hopper.id == "hopper-at-work" and hopper.explain("es").startswith("Real:")
    assert 0x8825 not in Image.open(hopper.path).getexif()  # no GPS position in the pack
    assert packs.load_pack(tmp_path / "out").items == pack.items


def test_folder_packs_refuse_what_they_cannot_use_by_name(folders, tmp_path):
    with pytest.raises(PackError, match="needs two subfolders, real/ and fake/"):
        build_from_folders(folders / "real", tmp_path / "a")
    (folders / "fake" / "notes.txt").write_text("hello")
    with pytest.raises(PackError, match="fake/notes.txt is not a supported picture"):
        build_from_folders(folders, tmp_path / "b")
    (folders / "fake" / "notes.txt").unlink()
    os.symlink(folders / "real" / "rocket.jpg", folders / "fake" / "link.jpg")
    with pytest.raises(PackError, match="fake/link.jpg is a symbolic link"):
        build_from_folders(folders, tmp_path / "c")
    (folders / "fake" / "link.jpg").unlink()
    (folders / "fake" / "broken.jpg").write_bytes(b"\xff\xd8\xff\xe0 not really")
    with pytest.raises(PackError, match="fake/broken.jpg cannot be read"):
        build_from_folders(folders, tmp_path / "d")
    assert not (tmp_path / "d").exists()  # nothing half-built is left behind
    (folders / "fake" / "broken.jpg").unlink()
    (tmp_path / "e").mkdir()
    (tmp_path / "e" / "keep.txt").write_text("a learner's file")
    with pytest.raises(PackError, match="not empty"):
        build_from_folders(folders, tmp_path / "e")
    assert (tmp_path / "e" / "keep.txt").read_text() == "a learner's file"
    (folders / "notes.csv").write_text("file,method\nrocket.jpg,face_swap\n")
    with pytest.raises(PackError) as refused:
        build_from_folders(folders, tmp_path / "f")
    assert str(refused.value) == (
        'notes.csv, row 2 ("rocket.jpg"): the method \'face_swap\' is for a fake, but rocket.jpg is in real/. Use "original" or "benign_edit" for a real item, or move the file.'
    )
    assert not (tmp_path / "f").exists()  # refused before anything was built


def test_make_fakes_builds_a_labelled_class_pack_from_consented_photos(tmp_path):
    photos = tmp_path / "photos"
    _jpeg(photos / "grace.jpg", data.portrait("hopper"))
    _jpeg(photos / "eileen.jpg", data.portrait("collins"))
    _jpeg(photos / "grace_darker.jpg", data.portrait_variant("hopper", "darker"))
    _jpeg(photos / "eileen_warm.jpg", data.portrait_variant("collins", "warm"))
    pack = make_fakes_pack(photos, tmp_path / "pack")
    methods = {item.method for item in pack.items if item.answer == "fake"}
    assert methods == {"face_swap", "morph", "self_blend", "talking_clip"}
    assert {(item.kind, item.answer) for item in pack.items} >= {("video", "real"), ("video", "fake")}
    for item in pack.items:
        if item.kind == "image":
            assert label.is_labelled_fake(load_image(item.path)) == (item.answer == "fake"), item.id
        else:
            frames, _ = read_video(item.path, max_frames=2)
            assert all(label.is_labelled_fake(f) for f in frames) == (item.answer == "fake") == (read_clip_label(item.path) is not None)
    swap = next(item for item in pack.items if item.method == "face_swap")
    assert "Eileen" in swap.explain("en") and "Grace" in swap.explain("en") and swap.explain("es").startswith("Falso: la cara de")
    assert swap.regions  # where to look at the reveal


def test_make_fakes_refuses_a_photo_without_a_face_and_too_few_photos(tmp_path):
    photos = tmp_path / "photos"
    _jpeg(photos / "grace.jpg", data.portrait("hopper"))
    with pytest.raises(PackError, match="needs at least 2"):
        make_fakes_pack(photos, tmp_path / "a")
    _jpeg(photos / "coffee break.jpg", data.photo("coffee"))
    with pytest.raises(PackError, match="coffee break.jpg has no face"):
        make_fakes_pack(photos, tmp_path / "b")


def test_the_command_line_builds_and_checks_and_exits_1_with_the_problem(folders, tmp_path, capsys):
    assert packs.main(["build", str(folders), "--out", str(tmp_path / "out"), "--name", "Spring term"]) == 0
    assert capsys.readouterr().out.strip() == f"built: 4 items (2 real, 2 fake) in {tmp_path / 'out'}"
    assert json.loads((tmp_path / "out" / "pack.json").read_text())["name"] == "Spring term"
    assert packs.main(["check", str(tmp_path / "out")]) == 0
    assert capsys.readouterr().out.strip() == f"pack OK: 4 items (2 real, 2 fake) in {tmp_path / 'out'}"
    (tmp_path / "out" / "media" / "rocket.jpg").write_bytes(b"damaged")
    assert packs.main(["check", str(tmp_path / "out")]) == 1
    assert "rocket.jpg' cannot be read" in capsys.readouterr().err
    (tmp_path / "a_file").write_text("not a folder")
    assert packs.main(["build", str(folders), "--out", str(tmp_path / "a_file" / "pack")]) == 1  # cannot be written: a message, no traceback
    assert capsys.readouterr().err.splitlines()[-1] == f"pack: could not read or write {tmp_path / 'a_file' / 'pack' / 'media'}: Not a directory."


def test_a_labelled_fake_is_never_accepted_as_a_real_item(tmp_path):
    """A course fake put in real/ was built as "real", and the reveal painted "REAL PHOTO" over its badge."""
    from realorfake.fakes.morphing import morph

    root = tmp_path / "class"
    (root / "real").mkdir(parents=True)
    (root / "fake").mkdir()
    label.save_fake(morph(data.portrait("hopper"), data.portrait("collins")), root / "real" / "looks_real.png", method="morph")
    _jpeg(root / "fake" / "other.jpg", data.portrait("collins"))
    with pytest.raises(PackError, match="looks_real.png' carries a label saying it is a fake"):
        build_from_folders(root, tmp_path / "out")
    photos = tmp_path / "photos"
    _jpeg(photos / "grace.jpg", data.portrait("hopper"))
    label.save_fake(morph(data.portrait("hopper"), data.portrait("collins")), photos / "not_a_classmate.png", method="morph")
    with pytest.raises(PackError, match="not_a_classmate.png carries a label"):
        make_fakes_pack(photos, tmp_path / "pack")


def _notes_file(folder, rows, separator=",", encoding="utf-8"):
    """A notes.csv as a spreadsheet saves it: ``separator`` between cells, quotes where a text holds it, CRLF lines."""
    import csv
    import io

    text = io.StringIO()
    csv.writer(text, delimiter=separator, lineterminator="\r\n").writerows(rows)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "notes.csv").write_bytes(text.getvalue().encode(encoding))


SPANISH_NOTE = "Falso: mira la mandíbula; el tono cambia, ¿ves?"  # holds a comma and a semicolon


@pytest.mark.parametrize(
    ("separator", "encoding"),
    [(",", "utf-8"), (";", "utf-8-sig"), (";", "cp1252"), ("\t", "utf-16"), ("\t", "utf-8")],
    ids=["comma-utf8", "semicolon-bom", "semicolon-windows1252", "tab-utf16", "tab-utf8"],
)
def test_notes_saved_by_european_and_windows_spreadsheets_are_read(tmp_path, separator, encoding):
    rows = [["File", "EN", "ES", "Difficulty", "Method"], ["swap.jpg", "Fake: look at the jaw, then the ear; see?", SPANISH_NOTE, "Hard", "Face swap"], ["", "", "", "", ""]]
    _notes_file(tmp_path, rows, separator, encoding)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        found = notes.read_notes(tmp_path)
    assert found == [notes.Note(2, "swap.jpg", {"en": "Fake: look at the jaw, then the ear; see?", "es": SPANISH_NOTE, "difficulty": "hard", "method": "face_swap"})]
    said = [str(w.message) for w in caught]
    if encoding == "cp1252":  # read, and said so
        assert said == ['notes.csv is not UTF-8: it was read as Windows-1252 (Western European), as older Excel saves it. If accents look wrong at the reveal, save it as "CSV UTF-8" and build again.']
    else:
        assert said == []


def test_a_semicolon_notes_file_with_a_bom_gives_the_items_their_explanations(folders, tmp_path):
    rows = [["file", "en", "es", "difficulty"], ["from another app.jpg", "Fake: made with an app.", SPANISH_NOTE, "hard"]]
    _notes_file(folders, rows, ";", "utf-8-sig")
    item = next(item for item in build_from_folders(folders, tmp_path / "out").items if item.source == "fake/from another app.jpg")
    assert item.explanation == {"en": "Fake: made with an app.", "es": SPANISH_NOTE} and item.difficulty == "hard"


def test_notes_that_cannot_be_read_or_hold_bad_values_are_refused_in_plain_words(tmp_path):
    def refusal(content: bytes) -> str:
        (tmp_path / "notes.csv").write_bytes(content)
        with pytest.raises(PackError) as refused:
            notes.read_notes(tmp_path)
        return str(refused.value)

    assert refusal(b"file,en\nx.jpg,caf\x81\x8d\n") == (
        'notes.csv is neither UTF-8 nor Windows-1252 text (byte 0x81 at position 17 means nothing in either). In the spreadsheet choose Save as, type "CSV UTF-8", then build again.'
    )
    assert refusal(b"PK\x03\x04\x14\x00\x06\x00[Content_Types].xml").startswith("notes.csv is not a text table: it looks like a spreadsheet's own format (such as .xlsx)")
    assert refusal("nombre;explicación\nx.jpg;Falso\n".encode()) == (
        'notes.csv has no "file" column: its first row must name the columns, for example file,en,es,difficulty,method (it reads "nombre", "explicación"). Add such a row above the notes.'
    )
    assert refusal(b"file,en\nx.jpg,Look at the jaw, then the ear\n").startswith(
        "notes.csv, row 2 has more cells than the first row has columns: a text probably holds the separator (a comma) without quotes around it."
    )
    assert refusal("file,en,difficulty\nx.jpg,Fake.,difícil\n".encode()) == (
        'notes.csv, row 2 ("x.jpg"), column "difficulty": "difícil" is not allowed; use "easy", "medium" or "hard".\n'
        "  detail: 'difícil' is not one of ['easy', 'medium', 'hard'] (at $.difficulty)"
    )
    assert refusal(("file,es\nx.jpg," + "a" * 2001 + "\n").encode()).startswith('notes.csv, row 2 ("x.jpg"), column "es": it is 2001 characters long; at most 2000 are allowed. Shorten it.')


def test_notes_naming_no_file_are_reported_with_the_closest_name(tmp_path):
    files = [(tmp_path / "real" / "rocket.jpg", "real"), (tmp_path / "fake" / "from another app.jpg", "fake")]
    _notes_file(tmp_path, [["file", "en", "Explicación"], ["rocket.jpg", "Real."], ["from another ap.jpg", "Fake."], ["zebra.gif", "?"], ["", "no name"]])
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        matched = notes.match_notes(notes.read_notes(tmp_path), files)
    assert {path.name: note.row for path, note in matched.items()} == {"rocket.jpg": 2}
    assert [str(w.message) for w in caught] == [
        'notes.csv has the column "Explicación", which the build does not read: it reads file, en, es, difficulty, method (see docs/packs.md).',
        'notes.csv, row 5 has no file name in the "file" column: the row was not used.',
        'notes.csv, row 3 ("from another ap.jpg"): there is no such file in real/ or fake/ (did you mean "fake/from another app.jpg"?); this note was not used.',
        'notes.csv, row 4 ("zebra.gif"): there is no such file in real/ or fake/ (check the name and its ending (.jpg, .png, .mp4 ...)); this note was not used.',
    ]
    _notes_file(tmp_path, [["file", "en"], ["fake/rocket.jpg", "wrong folder"], ["photo1", "no ending"]])
    with pytest.warns(PackWarning), pytest.raises(PackError) as refused:  # no note names a file: the table is wrong as a whole
        notes.match_notes(notes.read_notes(tmp_path), files)
    assert str(refused.value) == (
        'None of the 2 notes in notes.csv names a file in real/ or fake/ (the first, row 2, names "fake/rocket.jpg"). '
        "Write each file's name exactly as it is in real/ or fake/, with its ending, like photo1.jpg."
    )
    (tmp_path / "notes.csv").rename(tmp_path / "notes.xlsx")
    with pytest.warns(PackWarning, match="has notes.xlsx but no notes.csv: explanations are read only from a file named exactly notes.csv"):
        assert notes.read_notes(tmp_path) == []


def test_an_empty_fake_or_real_folder_builds_with_a_warning_on_the_command_line(folders, tmp_path, capsys):
    for fake in (folders / "fake").iterdir():
        fake.unlink()
    (folders / "notes.csv").write_text("file,en\nrocket.jpeg,Real: a rocket.\nrocket.jpg,Real: a rocket.\n", encoding="utf-8")
    assert packs.main(["build", str(folders), "--out", str(tmp_path / "out")]) == 0
    out, err = capsys.readouterr()
    assert out.strip() == f"built: 2 items (2 real, 0 fake) in {tmp_path / 'out'}"
    assert err.splitlines() == [
        'pack: warning: notes.csv, row 2 ("rocket.jpeg"): there is no such file in real/ or fake/ (did you mean "real/rocket.jpg"?); this note was not used.',
        "pack: warning: fake/ is empty: the pack will hold only real items (2), and a player who always answers 'real' wins every round, "
        "so the game teaches nothing. To fix it, put some fakes in fake/ (or make them with --make-fakes) and build again.",
    ]
    only_fakes = tmp_path / "only_fakes"
    (only_fakes / "real").mkdir(parents=True)
    _jpeg(only_fakes / "fake" / "app.jpg", data.portrait("collins"))
    with pytest.warns(PackWarning) as caught:
        assert [item.answer for item in build_from_folders(only_fakes, tmp_path / "out2").items] == ["fake"]
    assert [str(w.message) for w in caught] == [
        "real/ is empty: the pack will hold only fake items (1), and a player who always answers 'fake' wins every round, "
        "so the game teaches nothing. To fix it, put some real pictures or clips in real/ and build again."
    ]


def test_a_folder_without_real_or_fake_is_refused_with_what_to_do(tmp_path):
    def refusal(folder, **options) -> str:
        with pytest.raises(PackError) as refused:
            (make_fakes_pack if options else build_from_folders)(folder, tmp_path / "out")
        return str(refused.value)

    assert refusal(tmp_path / "nowhere") == f"There is no folder {tmp_path / 'nowhere'}. Give the folder that holds real/ and fake/ (and optionally notes.csv)."
    photos = tmp_path / "photos"
    _jpeg(photos / "grace.jpg", data.portrait("hopper"))
    assert refusal(photos) == (
        f"{photos} needs two subfolders, real/ and fake/, holding the pictures or clips of each answer, and has neither. "
        "Make them and sort the files into them; or, to have the course make the fakes from a folder of consented photos, add --make-fakes."
    )
    (photos / "real").mkdir()
    (photos / "Fakes").mkdir()
    assert (
        refusal(photos) == f"{photos} needs two subfolders, real/ and fake/, and has no fake/ (if Fakes/ is meant to be it, rename it fake/). Put the fake files in {photos / 'fake'}/ and build again."
    )
    assert refusal(photos, make_fakes=True).startswith(f"{photos} holds a real/ or fake/ subfolder: that is the layout for building from real and fake files.")


def test_build_help_explains_the_notes_file(capsys):
    with pytest.raises(SystemExit) as exited:
        packs.main(["build", "--help"])
    assert exited.value.code == 0
    shown = capsys.readouterr().out
    assert "FOLDER/notes.csv" in shown and "CSV UTF-8" in shown and "semicolons" in shown and "docs/packs.md" in shown
    assert all(f"\n  {column}" in shown.replace("en, es", "en\n  es") for column in notes.COLUMNS)
    assert all(method in shown for method in packs.schema()["$defs"]["item"]["properties"]["method"]["enum"])
    with pytest.raises(SystemExit):
        packs.main(["--help"])
    assert "notes.csv" in capsys.readouterr().out


def test_docs_describe_the_notes_file():
    from conftest import ROOT

    docs = (ROOT / "docs" / "packs.md").read_text(encoding="utf-8")
    section = docs.split("## The notes file", 1)[1].split("\n## ", 1)[0]
    for needed in ["`notes.csv`", "UTF-8", "Windows-1252", "semicolon", "tab", "```", "did you mean", "row"] + [f"`{column}`" for column in notes.COLUMNS]:
        assert needed in section, needed


def test_a_failed_fake_is_named_with_a_whole_noun(tmp_path, monkeypatch):
    """ "Could not make a talking from ..." lost its noun; every maker's name reads as a thing."""
    from realorfake.errors import NoFaceFound
    from realorfake.fakes import reenactment

    def fails(*args, **kwargs):
        raise NoFaceFound("no face")

    monkeypatch.setattr(reenactment, "make_it_talk", fails)
    photos = tmp_path / "photos"
    for name, who in [("grace", "hopper"), ("eileen", "collins"), ("grace_2", "hopper"), ("eileen_2", "collins")]:
        _jpeg(photos / f"{name}.jpg", data.portrait(who))
    with pytest.raises(PackError, match="^Could not make a talking clip from grace_2.jpg: no face$"):
        make_fakes_pack(photos, tmp_path / "pack")


def test_the_pack_modules_strings_use_the_right_article():
    """ "a image" reached facilitators; no user-facing string of the pack tools says "a" before a vowel or "(s)"."""
    import ast
    import re

    from conftest import ROOT

    for name in ["pack.py", "folder_pack.py", "notes.py", "schema_messages.py"]:
        tree = ast.parse((ROOT / "src" / "realorfake" / "game" / name).read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                assert not re.search(r"\b[Aa] [aeioAEIO]\w|\w\(s\)", node.value), f"{name}: {node.value!r}"
            if isinstance(node, ast.JoinedStr):  # "a {kind}" in an f-string: the article cannot know the word
                for before, after in zip(node.values, node.values[1:]):
                    if isinstance(before, ast.Constant) and isinstance(after, ast.FormattedValue) and re.search(r"\b[Aa]n? $", before.value):
                        # only names whose every value starts with a consonant: maker (swap, morph, self-blend,
                        # talking clip) and field (field, column); anything else goes through pack.with_article
                        assert ast.unparse(after.value) in {"maker", "field"}, f"{name}: {before.value!r}{{{ast.unparse(after.value)}}}"
    assert packs.with_article("image") == "an image" and packs.with_article("video") == "a video"
