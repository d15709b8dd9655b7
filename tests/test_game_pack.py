"""Item packs: a good pack loads; each kind of bad or hostile pack is refused with a message that says what to fix."""

from __future__ import annotations

import json
import os
import re
import warnings

import pytest

from game_helpers import item, make_pack
from realorfake.errors import PackError
from realorfake.game import pack as packs


def test_a_good_pack_loads_with_its_items_in_order(tmp_path):
    pack = packs.load_pack(make_pack(tmp_path))
    assert [i.id for i in pack.items] == ["real-1", "swap-1", "edit-1", "morph-1"]
    swap = pack.item("swap-1")
    assert swap.answer == "fake" and swap.method == "face_swap" and swap.path == (tmp_path / "images/swap-1.png").resolve()
    assert swap.explain("es").startswith("Por qué") and swap.explain("fr") == swap.explain("en")
    with pytest.raises(PackError, match="no item"):
        pack.item("nope")


def _refused(tmp_path, entries, match, **top):
    folder = make_pack(tmp_path, entries, **top)
    with pytest.raises(PackError, match=match):
        packs.load_pack(folder)


def test_a_path_outside_the_pack_is_refused(tmp_path):
    secret = tmp_path / "secret.png"
    (tmp_path / "pack").mkdir()
    import shutil

    shutil.copy(make_pack(tmp_path / "other") / "images/real-1.png", secret)
    _refused(tmp_path / "pack", [item("up", "real", "original", file="../secret.png")], "outside the pack")
    _refused(tmp_path / "pack2", [item("abs", "real", "original", file=str(secret))], "outside the pack")
    _refused(tmp_path / "pack3", [item("win", "real", "original", file="images\\x.png")], "backslash")


def test_a_symbolic_link_is_refused_even_inside_the_pack(tmp_path):
    folder = make_pack(tmp_path / "pack")
    os.symlink(folder / "images/real-1.png", folder / "images/link.png")
    data = json.loads((folder / "pack.json").read_text())
    data["items"][0]["file"] = "images/link.png"
    (folder / "pack.json").write_text(json.dumps(data))
    with pytest.raises(PackError, match="symbolic link"):
        packs.load_pack(folder)
    os.symlink(tmp_path / "pack/images", tmp_path / "pack/linked_folder")  # a linked folder too
    data["items"][0]["file"] = "linked_folder/real-1.png"
    (folder / "pack.json").write_text(json.dumps(data))
    with pytest.raises(PackError, match="symbolic link"):
        packs.load_pack(folder)


def test_a_file_that_is_not_a_supported_picture_is_refused(tmp_path):
    folder = make_pack(tmp_path)
    (folder / "images/real-1.png").write_bytes(b"not a picture at all")
    with pytest.raises(PackError, match="'real-1.png' cannot be read as an image: "):
        packs.load_pack(folder)
    (folder / "images/notes.txt").write_text("hello")
    _refused(tmp_path / "b", [item("txt", "real", "original", file="images/notes.txt")], "not a supported image")
    folder = make_pack(tmp_path / "d")
    (folder / "images/real-1.png").unlink()
    with pytest.raises(PackError, match="no file 'real-1.png'"):
        packs.load_pack(folder)


def _message(tmp_path, entries, **top) -> str:
    with pytest.raises(PackError) as refused:
        packs.load_pack(make_pack(tmp_path, entries, **top))
    return str(refused.value)


def test_schema_problems_are_told_in_plain_words_with_the_technical_detail_after(tmp_path):
    no_answer = item("a", "real", "original")
    del no_answer["answer"]
    plain, detail = _message(tmp_path / "a", [no_answer]).split("\n")
    assert plain == 'pack.json, item 1 (id "a"): the field "answer" is missing; it must be "real" or "fake".'
    assert detail == "  detail: 'answer' is a required property (at $.items[0])"
    plain, detail = _message(tmp_path / "b", [item("b", "real", "original", anwser="real")]).split("\n")
    assert plain.startswith('pack.json, item 1 (id "b"): "anwser" is not a field used here (did you mean "answer"?). Correct the spelling or remove it;')
    assert "Additional properties" not in plain and "docs/packs.md" in plain and "Additional properties are not allowed ('anwser' was unexpected)" in detail
    plain = _message(tmp_path / "c", [item("c", "real", "original")], shuffle=True).split("\n")[0]
    assert plain.startswith('pack.json: "shuffle" is not a field used here. Correct the spelling or remove it; the fields allowed here are format, version,')
    plain, detail = _message(tmp_path / "d", [item("d", "maybe", "original")]).split("\n")
    assert plain == 'pack.json, item 1 (id "d"), field "answer": "maybe" is not allowed; use "real" or "fake".'
    assert detail == "  detail: 'maybe' is not one of ['real', 'fake'] (at $.items[0].answer)"
    no_spanish = item("e", "real", "original", explanation={"en": "only English"})
    assert _message(tmp_path / "e", [no_spanish]).startswith('pack.json, item 1 (id "e"), field "explanation": the field "es" is missing; it must be text in quotes.')
    region = {"x": 0.2, "y": 0.1, "width": 0, "height": 1.5}
    plain = _message(tmp_path / "f", [item("f", "fake", "face_swap", regions=[region])]).split("\n")[0]
    assert plain == 'pack.json, item 1 (id "f"), region 1, field "width": it must be a number more than 0 and at most 1, not 0. There is 1 more problem after this one: fix it and check again.'
    plain = _message(tmp_path / "g", [item("Swap 1", "fake", "face_swap")]).split("\n")[0]
    assert plain == (
        'pack.json, item 1 (id "Swap 1"), field "id": "Swap 1" does not have the allowed form: 1 to 64 lower-case letters, digits, '
        "'_' and '-' (no spaces or capitals), starting with a letter or digit; unique in the pack."
    )
    for message in (plain, _message(tmp_path / "h", [item("h", "real", "original")], version=2)):
        assert "is not one of" not in message.split("\n")[0] and "was expected" not in message.split("\n")[0]


def test_check_prints_a_schema_problem_in_plain_words_and_exits_1(tmp_path, capsys):
    folder = make_pack(tmp_path, [item("d", "maybe", "original")])
    assert packs.main(["check", str(folder)]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err == ['pack: pack.json, item 1 (id "d"), field "answer": "maybe" is not allowed; use "real" or "fake".', "  detail: 'maybe' is not one of ['real', 'fake'] (at $.items[0].answer)"]
    assert packs.main(["check", str(folder / "pack.json")]) == 1
    assert "give the folder that holds it" in capsys.readouterr().err


def test_an_answer_that_contradicts_the_method_is_refused(tmp_path):
    _refused(tmp_path / "a", [item("x", "real", "face_swap")], "answer is 'real' but the method 'face_swap' is for a fake. Correct one of them.")
    _refused(tmp_path / "b", [item("y", "fake", "original")], r"answer is 'fake' but the method 'original' is for a real item \(an original or an honest edit\)")


def test_a_file_over_the_size_limit_is_refused_with_the_limit_the_docs_give(tmp_path):
    from conftest import ROOT

    documented = re.search(r"a file over (\d+) MB", (ROOT / "docs" / "packs.md").read_text(encoding="utf-8"))
    assert documented and packs.MAX_FILE_BYTES == int(documented[1]) * 1_000_000  # docs/packs.md: 1 MB = 1,000,000 bytes
    folder = make_pack(tmp_path, [item("big", "real", "original")])
    with open(folder / "images/big.png", "r+b") as handle:
        handle.truncate(packs.MAX_FILE_BYTES + 1)  # one byte over (a sparse file: nothing is written)
    with pytest.raises(PackError) as refused:
        packs.load_pack(folder)
    assert str(refused.value) == (
        f"pack.json, item 1 (id \"big\"): 'big.png' is 25.1 MB, over the pack limit of {documented[1]} MB (1 MB = 1,000,000 bytes). Make it smaller (a shorter clip, a smaller photo)."
    )
    with open(folder / "images/big.png", "r+b") as handle:
        handle.truncate(packs.MAX_FILE_BYTES)  # exactly at the limit: accepted (a PNG with zeros after its end still opens)
    with pytest.warns(packs.PackWarning, match="only real items"):
        assert packs.load_pack(folder).items[0].id == "big"
    assert packs.megabytes(packs.MAX_PACK_JSON_BYTES) == "1 MB" and "over 1 MB" in (ROOT / "docs" / "packs.md").read_text(encoding="utf-8")


def test_duplicate_ids_are_refused(tmp_path):
    _refused(tmp_path, [item("same", "real", "original"), item("same", "fake", "morph", file="images/other.png")], "used twice")


def test_a_broken_or_missing_pack_json_is_refused(tmp_path):
    with pytest.raises(PackError, match="no pack folder"):
        packs.load_pack(tmp_path / "nowhere")
    (tmp_path / "empty").mkdir()
    with pytest.raises(PackError, match="has no pack.json"):
        packs.load_pack(tmp_path / "empty")
    folder = make_pack(tmp_path / "broken")
    (folder / "pack.json").write_text('{"format": "realorfake-pack", "items": [')
    with pytest.raises(PackError, match=r"not valid JSON at line 1, column 41: look there \(or just before\) for a missing or extra comma"):
        packs.load_pack(folder)
    (folder / "pack.json").write_bytes(b"\xff\xfe\x00binary")
    with pytest.raises(PackError, match="not text|not valid JSON"):
        packs.load_pack(folder)


def test_regions_stay_inside_the_picture(tmp_path):
    ok = item("r", "fake", "face_swap", regions=[{"x": 0.2, "y": 0.1, "width": 0.5, "height": 0.4, "label": {"en": "seam", "es": "costura"}}])
    pack = packs.load_pack(make_pack(tmp_path / "ok", [ok, item("plain", "real", "original")]))
    assert pack.items[0].regions[0].width == 0.5
    _refused(tmp_path / "bad", [item("r", "fake", "face_swap", regions=[{"x": 0.8, "y": 0.1, "width": 0.5, "height": 0.4}])], "outside the picture")


def test_docs_describe_every_field_and_value_of_the_schema():
    from conftest import ROOT

    docs = (ROOT / "docs" / "packs.md").read_text(encoding="utf-8")
    schema = packs.schema()
    names = set(schema["properties"]) | set(schema["$defs"]["item"]["properties"]) | set(schema["$defs"]["region"]["properties"])
    values = set(schema["$defs"]["item"]["properties"]["method"]["enum"]) | set(schema["$defs"]["item"]["properties"]["difficulty"]["enum"])
    missing = sorted(name for name in names | values if f"`{name}`" not in docs)
    assert not missing, f"docs/packs.md does not describe {missing}"
    assert set(packs.REAL_METHODS) <= values


def test_a_pack_with_only_one_answer_loads_with_a_warning_and_check_prints_it(tmp_path, capsys):
    folder = make_pack(tmp_path, [item("r1", "real", "original"), item("r2", "real", "benign_edit")])
    with pytest.warns(packs.PackWarning) as caught:
        assert len(packs.load_pack(folder)) == 2  # the game can run on it: a warning, not a refusal
    assert str(caught[0].message) == (
        "The pack 'Test pack' holds only real items (2): a player who always answers 'real' wins every round, so the game teaches nothing. Add fake items before playing."
    )
    assert packs.main(["check", str(folder)]) == 0
    out, err = capsys.readouterr()
    assert out.strip() == f"pack OK: 2 items (2 real, 0 fake) in {folder}"
    assert err.splitlines() == [f"pack: warning: {caught[0].message}"]  # one plain line, no Python file:line
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a pack with both answers loads without a warning
        packs.load_pack(make_pack(tmp_path / "both"))
