"""`make guide`: the facilitator guide as one printable HTML file, every page in it, every link inside it working."""

from __future__ import annotations

import re
import tomllib
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import ROOT
from realorfake.course import build, guide

PAGES = ROOT / "docs" / "facilitator"


class _Links(HTMLParser):
    """Every id and every link target of an HTML document, and its h1 texts."""

    def __init__(self):
        super().__init__()
        self.ids: set[str] = set()
        self.hrefs: list[str] = []
        self.h1: list[str] = []
        self._in_h1 = False

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(values["id"])
        if tag == "a" and values.get("href") is not None:
            self.hrefs.append(values["href"])
        if tag == "h1":
            self._in_h1, self.h1 = True, [*self.h1, ""]

    def handle_endtag(self, tag):
        if tag == "h1":
            self._in_h1 = False

    def handle_data(self, data):
        if self._in_h1:
            self.h1[-1] += data


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, str, _Links]:
    out = tmp_path_factory.mktemp("guide") / "facilitator-guide.html"
    assert guide.main(["--root", str(ROOT), "--out", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    links = _Links()
    links.feed(text)
    return out, text, links


def _title(page: Path) -> str:
    """A page's title: its first '# ' heading, as it reads (no Markdown emphasis)."""
    first = next(line for line in page.read_text(encoding="utf-8").splitlines() if line.startswith("# "))
    return re.sub(r"[*_`]", "", first[2:]).strip()


def test_the_guide_holds_every_page_in_reading_order(built):
    _, _, links = built
    every = sorted(PAGES.glob("*.md"))
    titles = [_title(page) for page in guide.pages(ROOT)]
    assert set(guide.pages(ROOT)) == set(every)  # a new page is never left out
    assert [title for title in links.h1 if title in titles] == titles  # each page's title, in this order
    names = [page.name for page in guide.pages(ROOT)]
    lessons = sorted(name for name in names if re.fullmatch(r"lesson\d+\.md", name))
    assert names[0] == "README.md" and names[1 : 1 + len(lessons)] == lessons and names[-1] == "consent-form.md"
    assert names.index("class-mode.md") < names.index("troubleshooting.md") < names.index("accessibility.md") < names.index("consent-form.md")


def test_no_link_leads_to_a_markdown_file_and_every_anchor_exists(built):
    _, _, links = built
    assert links.hrefs
    assert not [href for href in links.hrefs if re.search(r"\.md(#|$)", href) and not href.startswith("https://github.com/")], "a link still points at a .md page"
    missing = sorted({href for href in links.hrefs if href.startswith("#") and href[1:] not in links.ids})
    assert not missing, f"links to anchors that do not exist: {missing}"
    assert all(href.startswith(("#", "https://", "http://", "mailto:")) for href in links.hrefs)


def test_the_file_has_contents_and_print_styles_and_needs_nothing_from_outside(built):
    _, text, links = built
    assert 'id="contents"' in text and all(f'href="#{guide.page_id(page)}"' in text for page in guide.pages(ROOT))
    assert "@media print" in text and "break-before: page" in text
    assert not re.search(r"<(?:link|script|img)\b", text)  # no stylesheet, script or picture to fetch: it opens offline
    assert "<table>" in text and "<pre><code" in text  # tables and code blocks rendered, not left as Markdown


def test_links_are_rewritten_for_one_document(tmp_path):
    pages = {PAGES / "README.md": "readme", PAGES / "lesson03.md": "lesson03"}
    readme = PAGES / "README.md"
    assert guide.rewrite_link("lesson03.md", readme, pages, ROOT) == "#lesson03"
    assert guide.rewrite_link("lesson03.md#timing", readme, pages, ROOT) == "#lesson03-timing"
    assert guide.rewrite_link("#session-plans", readme, pages, ROOT) == "#readme-session-plans"
    assert guide.rewrite_link("../../README.md#troubleshooting", readme, pages, ROOT) == f"https://github.com/{build.GITHUB_REPOSITORY}/blob/main/README.md#troubleshooting"
    assert guide.rewrite_link("https://mybinder.org", readme, pages, ROOT) == "https://mybinder.org"


def test_make_guide_is_a_target_the_readmes_name_and_markdown_is_pinned():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^guide: \$\(STAMP\)\n\t\$\(PY\) -m realorfake\.course\.guide$", makefile, re.M)
    assert "#   make guide" in makefile and re.search(r"^\.PHONY:.* guide\b", makefile, re.M)
    assert "make guide" in (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make guide" in (PAGES / "README.md").read_text(encoding="utf-8")
    deps = dict(dep.split("==") for dep in (d.split(";")[0].strip() for d in tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]))
    assert "markdown" in deps  # Python-Markdown, pinned; tests/test_repository.py checks environment.yml says the same
