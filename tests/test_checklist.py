"""Lesson 07's take-home checklist: one well-formed HTML page in English and Spanish that prints on one page; the course's catalogue."""

from __future__ import annotations

import ast
import re
import shutil
import string
from html.parser import HTMLParser
from pathlib import Path

import pytest

from realorfake.course import checklist, i18n
from realorfake.course.before_after import Score
from realorfake.errors import CourseError, UnknownName

COURSE = Path(checklist.__file__).resolve().parent

SCORES = [
    Score("Lesson 01 warm-up (before)", 4, 8, key="pretest"),
    Score("Lesson 06 games (3 games)", missing="no finished game saved: play a round in Lesson 06", key="games"),
    Score("Lesson 07 final round (after)", 6, 8, key="posttest"),
]

#: What each section must say, in the words a reader looks for (not the code's constants: the page is checked as printed).
SECTIONS = {
    "en": {
        "SIFT": ["Stop.", "Investigate the source.", "Find better coverage.", "Trace claims, quotes and media to the original."],
        "provenance": ["content credentials", "No credentials proves nothing", "A broken signature", "changed after it was signed"],
        "metadata": ["Metadata is a clue, not proof"],
        "faces": ["Edges of the face", "Skin and light", "Blur", "Symmetry", "A detector is a second opinion, not a verdict"],
        "help": ["Don't share it", "Report it", "to the platform", "Support the person", "Keep evidence", "the link, a screenshot, the date"],
    },
    "es": {
        "SIFT": ["Detente.", "Investiga la fuente.", "Busca mejor cobertura.", "Rastrea afirmaciones, citas e imágenes hasta el original."],
        "provenance": ["credenciales de contenido", "no prueba nada", "Una firma rota", "se modificó después de firmarse"],
        "metadata": ["Los metadatos son una pista, no una prueba"],
        "faces": ["Bordes de la cara", "Piel y luz", "Desenfoque", "Simetría", "Un detector es una segunda opinión, no un veredicto"],
        "help": ["No lo compartas", "Denúncialo", "a la plataforma", "Apoya a la persona", "Guarda pruebas", "el enlace, una captura de pantalla, la fecha"],
    },
}

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class _Checker(HTMLParser):
    """Records problems: an end tag that closes nothing open, a tag left open, a reference to another file."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.problems, self.text = [], [], []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("src", "href") or (value and "url(" in value):
                self.problems.append(f"<{tag} {name}={value!r}> loads another file")
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(f"</{tag}> closes {self.stack[-1] if self.stack else 'nothing'}")
        else:
            self.stack.pop()

    def handle_data(self, data):
        if self.stack and self.stack[-1] not in ("style", "title"):
            self.text.append(data)


def _check(page: str) -> tuple[list[str], str]:
    checker = _Checker()
    checker.feed(page)
    checker.close()
    problems = checker.problems + [f"<{tag}> never closed" for tag in checker.stack]
    return problems, " ".join(" ".join(checker.text).split())


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("scores", [None, SCORES], ids=["plain", "with scores"])
def test_the_page_is_well_formed_self_contained_html(language, scores):
    page = checklist.checklist_html(language, scores)
    assert page.startswith("<!DOCTYPE html>") and f'<html lang="{language}">' in page and '<meta charset="utf-8">' in page
    problems, _ = _check(page)
    assert not problems, problems
    assert "@import" not in page and "url(" not in page and "<script" not in page


def test_the_checker_finds_broken_html():
    assert _check("<main><section></main>")[0]
    assert _check('<main><img src="x.png"></main>')[0]


@pytest.mark.parametrize("language", ["en", "es"])
def test_every_section_is_on_the_page_in_its_language(language):
    _, text = _check(checklist.checklist_html(language))
    for section, phrases in SECTIONS[language].items():
        for phrase in phrases:
            assert phrase in text, f"{language}: {section} lacks {phrase!r}"
    other = SECTIONS["es" if language == "en" else "en"]
    assert not [phrase for phrases in other.values() for phrase in phrases if len(phrase) > 12 and phrase in text], "words of the other language"
    assert text.count("?") >= 4, "one question for each SIFT move"


def test_the_scores_are_shown_with_what_small_numbers_mean():
    _, english = _check(checklist.checklist_html("en", SCORES))
    assert "Lesson 01 warm-up (before): 4 of 8 right (50%)" in english
    assert "Lesson 06 games: no score yet" in english and "Lesson 07 final round (after): 6 of 8 right (75%)" in english
    assert "each item is 12.5 points" in english and "within chance" in english
    _, spanish = _check(checklist.checklist_html("es", SCORES))
    assert "Calentamiento de la lección 01 (antes): 4 de 8 aciertos (50 %)" in spanish and "12,5 puntos" in spanish
    _, plain = _check(checklist.checklist_html("en"))
    assert "My score" not in plain
    with pytest.raises(CourseError, match="right and total"):
        checklist.checklist_html("en", [("after", 9, 8, "", "posttest")])


def test_write_checklist_saves_in_the_progress_folder_and_where_asked(tmp_path, monkeypatch):
    monkeypatch.setenv("REALORFAKE_PROGRESS", str(tmp_path / "progress"))
    path = checklist.write_checklist(language="es")
    assert path == tmp_path / "progress" / "checklist-es.html" and 'lang="es"' in path.read_text(encoding="utf-8")
    mine = checklist.write_checklist(tmp_path / "mine.html", scores=SCORES)
    assert "6 of 8 right" in mine.read_text(encoding="utf-8")
    assert checklist.write_checklist(mine) == mine and "6 of 8" not in mine.read_text(encoding="utf-8")  # replaced
    with pytest.raises(UnknownName, match="'en', 'es'"):
        checklist.write_checklist(language="fr")
    with pytest.raises(CourseError, match="folder"):
        checklist.write_checklist(tmp_path)
    with pytest.raises(CourseError, match=".html"):
        checklist.write_checklist(tmp_path / "checklist.pdf")
    with pytest.raises(CourseError):
        checklist.write_checklist(tmp_path / "no such folder" / "checklist.html")


# ------------------------------------------------------------------ catalogue


def _marked() -> set[str]:
    """Every string the course layer marks with N_("...") or translates with translate("...")."""
    found = set()
    for path in COURSE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", "")) in {"N_", "translate"}:
                if node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str):
                    found.add(node.args[0].value)
    return found


def test_every_course_string_has_spanish_and_the_catalogue_holds_nothing_else():
    marked, spanish = _marked(), i18n.catalogue("es")
    assert len(marked) > 60
    assert not sorted(marked - set(spanish)), f"no Spanish in course/locale/es.po for: {sorted(marked - set(spanish))[:5]}"
    assert not sorted(set(spanish) - marked), f"course/locale/es.po translates strings the code no longer uses: {sorted(set(spanish) - marked)[:5]}"
    fields = string.Formatter()
    for english, translation in spanish.items():
        assert {f for _, f, _, _ in fields.parse(english) if f} == {f for _, f, _, _ in fields.parse(translation) if f}, english
        assert translation != english or len(english) < 12, f"not translated: {english}"
    po = (COURSE / "locale" / "es.po").read_text(encoding="utf-8")
    assert "#, fuzzy" not in po


def test_the_catalogue_ships_with_the_package(root):
    assert re.search(r'"course/locale/\*\.po"', (root / "pyproject.toml").read_text(encoding="utf-8"))


# --------------------------------------------------------------------- browser

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu"]


@pytest.fixture(scope="module")
def browser():
    executable = shutil.which("chromium")
    if not executable:
        pytest.skip("chromium is not installed (make test installs it when run as root)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


def _pages(pdf: bytes) -> int:
    """Pages in a PDF Chromium printed: its page objects ("/Type /Page", not the "/Type /Pages" tree)."""
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf))


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_checklist_prints_on_one_page_of_a4_and_of_letter(browser, language, tmp_path):
    path = checklist.write_checklist(tmp_path / f"checklist-{language}.html", language=language, scores=SCORES)
    page = browser.new_page(viewport={"width": 900, "height": 1200})
    page.goto(path.as_uri())
    for paper in ("A4", "Letter"):
        assert _pages(page.pdf(format=paper)) == 1, f"{language} on {paper}"
    page.screenshot(path=str(tmp_path / "checklist.png"), full_page=True)
    assert (tmp_path / "checklist.png").stat().st_size > 20_000
    page.emulate_media(media="print")
    headings = page.locator("h2").all_inner_texts()
    assert len(headings) == 6 and all(page.locator("h2").nth(k).is_visible() for k in range(6))
    page.close()


def test_the_page_count_sees_a_page_that_overflows(browser, tmp_path):
    """The one-page test can fail: the same page with its sections twice prints on more than one page."""
    text = checklist.checklist_html("en", SCORES)
    columns = re.search(r'<div class="rof-columns">.*?</div>\n', text, re.S).group(0)
    (tmp_path / "long.html").write_text(text.replace(columns, columns * 2), encoding="utf-8")
    page = browser.new_page()
    page.goto((tmp_path / "long.html").as_uri())
    assert _pages(page.pdf(format="A4")) > 1
    page.close()
