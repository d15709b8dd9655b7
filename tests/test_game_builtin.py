"""The built-in pack: checked, balanced, every fake labelled, remade identically by its script; the catalogue complete."""

from __future__ import annotations

import ast
import json
import re
import string
from collections import Counter

import numpy as np
import pytest

from conftest import ROOT
from realorfake import label
from realorfake.fakes.clips import read_clip_label, read_video
from realorfake.game import builtin, i18n
from realorfake.images import load_image

GAME = ROOT / "src" / "realorfake" / "game"


@pytest.fixture(scope="module")
def pack():
    return builtin.builtin_pack()


def test_the_builtin_pack_is_large_balanced_and_varied(pack):
    assert len(pack.items) >= 30
    answers = Counter(item.answer for item in pack.items)
    assert abs(answers["real"] - answers["fake"]) <= 2
    assert min(Counter(item.difficulty for item in pack.items).values()) >= 5
    assert len({item.method for item in pack.items}) >= 8
    kinds = {(item.kind, item.answer) for item in pack.items}
    assert ("video", "real") in kinds and ("video", "fake") in kinds  # a clip is not a give-away
    for item in pack.items:
        assert item.explanation["en"].startswith("Real:" if item.answer == "real" else "Fake:")
        assert item.explanation["es"].startswith("Real:" if item.answer == "real" else "Falso:")
        assert item.source and item.licence


def test_every_fake_in_the_pack_is_labelled_in_its_pixels_and_its_metadata(pack):
    for item in pack.items:
        if item.kind == "image":
            picture = load_image(item.path)
            assert label.is_labelled_fake(picture) == (item.answer == "fake"), item.id
            assert (label.read_label(item.path) is not None) == (item.answer == "fake"), item.id
        else:
            frames, _ = read_video(item.path, max_frames=3)
            assert all(label.is_labelled_fake(frame) for frame in frames) == (item.answer == "fake"), item.id
            assert (read_clip_label(item.path) is not None) == (item.answer == "fake"), item.id
    from realorfake import provenance

    for item in pack.items:  # signed content credentials, intact, on every fake (their signer is the build's own learning CA)
        found = provenance.read(item.path, trust_course=False)
        assert found.state == ("valid" if item.answer == "fake" else "none"), item.id
        if item.answer == "fake":
            assert found.actions[:1] == ["c2pa.created"] and found.source_type in ("compositeSynthetic", "algorithmicMedia"), item.id
    fakes_with_regions = [item for item in pack.items if item.answer == "fake" and item.kind == "image"]
    assert all(item.regions for item in fakes_with_regions)  # the reveal shows where to look


def test_the_script_remakes_the_shipped_pack(tmp_path, pack):
    remade = builtin.build(tmp_path / "builtin", progress=False)
    assert json.loads((tmp_path / "builtin" / "pack.json").read_text()) == pack.data
    for old, new in zip(pack.items, remade.items):
        if old.kind == "image":
            assert np.array_equal(load_image(old.path), load_image(new.path)), old.id
        else:
            a, _ = read_video(old.path)
            b, _ = read_video(new.path)
            assert len(a) == len(b) and np.abs(a[0].astype(int) - b[0].astype(int)).mean() < 1, old.id


def _marked_strings() -> set[str]:
    """Every string the game's code and its widgets mark for translation: N_("..."), translate("...", ...) and t("...")."""
    found = set()
    for path in [*GAME.rglob("*.py"), ROOT / "src/realorfake/widgets/game_show.py", ROOT / "src/realorfake/show/game_pictures.py"]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", "")) in {"N_", "translate", "t"}:
                if node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str):
                    found.add(node.args[0].value)
    from realorfake.game import app

    return found | set(app.UI_STRINGS)  # the web page's words, translated through the catalogue


def test_every_string_has_a_spanish_translation_and_the_catalogue_holds_nothing_else():
    marked = _marked_strings()
    spanish = i18n.catalogue("es")
    assert len(marked) >= 20
    missing = sorted(marked - set(spanish))
    assert not missing, f"no Spanish in locale/es.po for: {missing[:5]}"
    unused = sorted(set(spanish) - marked)
    assert not unused, f"locale/es.po translates strings the code no longer uses: {unused[:5]}"
    fields = string.Formatter()
    for english, translation in spanish.items():
        assert {f for _, f, _, _ in fields.parse(english) if f} == {f for _, f, _, _ in fields.parse(translation) if f}, english
        assert translation != english or len(english) < 12, f"not translated: {english}"
    po = (GAME / "locale" / "es.po").read_text(encoding="utf-8")
    assert "#, fuzzy" not in po and not re.search(r'msgstr ""\n\n', po.split("\n\n", 1)[1])


def test_translate_fills_fields_and_falls_back_to_english():
    assert i18n.translate(builtin.REAL_PORTRAIT, "es").startswith("Real: un retrato")
    assert i18n.translate(builtin.REAL_PORTRAIT, "fr") == builtin.REAL_PORTRAIT
    assert i18n.translate("Not in the catalogue {x}", "es", x=3) == "Not in the catalogue 3"
    assert i18n.translator("es")(builtin.COPY_MOVE).startswith("Falso:")


def test_every_word_of_the_web_page_is_in_the_catalogue():
    """make play's page shows UI_STRINGS through the catalogue: each is translated, and every data-t word of the page is one."""
    from realorfake.game import app

    spanish = i18n.catalogue("es")
    missing = [text for text in app.UI_STRINGS if text not in spanish]
    assert not missing, f"no Spanish for the page's {missing}"
    page = (GAME / "play.html").read_text(encoding="utf-8")
    used = set(re.findall(r'data-t(?:-placeholder)?="([^"]+)"', page)) | set(re.findall(r'\btf?\("([^"]+)"[,)]', page))  # t("...") and tf("...", {fields})
    assert used and used <= set(app.UI_STRINGS), sorted(used - set(app.UI_STRINGS))


def test_the_strips_words_are_translated_into_letters_the_strip_can_draw():
    """The strips are drawn with OpenCV's Hershey font (ASCII only): "¿REAL O FALSO?" would show as "??REAL O FALSO?"."""
    from realorfake.game.pictures import STRIP_WORDS

    for word in STRIP_WORDS:
        translation = i18n.translate(word, "es")
        assert translation != word and translation.isascii(), translation
