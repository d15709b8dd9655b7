"""The facilitator guide as one printable HTML file: ``make guide`` writes ``build/facilitator-guide.html``.

Every Markdown page of ``docs/facilitator`` goes in, in the order a facilitator
reads them: ``README.md`` first, the lessons' notes in order, then class mode,
troubleshooting, accessibility, any other page, and the consent form last (it is
printed and handed out). Python-Markdown (with its ``tables``, ``toc`` and
``fenced_code`` extensions) turns each page into HTML; the file has a table of
contents, print styles (each page starts on a new sheet, tables keep their rows
whole) and no outside resource, so it opens offline and prints from any browser
(*Print → Save as PDF* makes the PDF).

Links are rewritten for one document: a link to another page of the guide
(``lesson03.md#timing``) becomes a link inside the file (``#lesson03-timing``),
every heading's id starting with its page's name; a link to another file of the
repository (``../../README.md``) becomes its address on GitHub.

Run ``python -m realorfake.course.guide [--root COURSE] [--out FILE]``.
"""

from __future__ import annotations

import argparse
import html
import re
import sys
import xml.etree.ElementTree as etree
from pathlib import Path, PurePosixPath

from .build import GITHUB_REPOSITORY

#: Where ``make guide`` writes the file, under the course folder (build/ is ignored by git).
OUT = Path("build") / "facilitator-guide.html"
#: The pages that come after the lessons' notes, in this order; any page not named here goes before the last one.
AFTER_LESSONS = ("class-mode.md", "troubleshooting.md", "accessibility.md")
LAST = "consent-form.md"
TITLE = "Real or Fake? Facilitator guide"

CSS = """
:root { color-scheme: light; }
body { font: 16px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: #111; max-width: 54em; margin: 2em auto; padding: 0 1.2em; }
h1 { font-size: 1.8em; border-bottom: 3px solid #0072B2; padding-bottom: .2em; }
h2 { font-size: 1.35em; margin-top: 1.6em; } h3 { font-size: 1.12em; } h4 { font-size: 1em; }
a { color: #004f7c; }
code { font: .92em/1.4 ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; background: #f2f2f2; padding: 0 .2em; border-radius: 3px; }
pre { background: #f6f6f6; border: 1px solid #ddd; border-radius: 4px; padding: .7em .9em; overflow-x: auto; }
pre code { background: none; padding: 0; }
table { border-collapse: collapse; width: 100%; margin: 1em 0; font-size: .95em; }
th, td { border: 1px solid #999; padding: .35em .55em; text-align: left; vertical-align: top; }
th { background: #e9eef3; white-space: nowrap; } td { min-width: 2.6em; }
nav#contents ol { padding-left: 1.4em; } nav#contents > ol > li { margin: .35em 0; font-weight: 600; }
nav#contents ol ol { font-weight: normal; columns: 2; column-gap: 2em; }
section.page { border-top: 1px solid #ccc; margin-top: 3em; }
.note { color: #444; }
@page { margin: 16mm 14mm; }
@media print {
  body { font-size: 10.5pt; max-width: none; margin: 0; padding: 0; }
  a { color: inherit; text-decoration: none; }
  nav#contents { break-after: page; }
  section.page { break-before: page; border-top: none; margin-top: 0; }
  h1, h2, h3, h4 { break-after: avoid; }
  table { font-size: 9.5pt; }
  thead { display: table-header-group; }
  tr, pre, blockquote { break-inside: avoid; }
  pre { white-space: pre-wrap; overflow-wrap: anywhere; overflow: visible; }
  td, th { overflow-wrap: anywhere; }
}
"""


def pages(root: Path) -> list[Path]:
    """Every Markdown page of docs/facilitator, in reading order (README, lessons, class mode, ..., consent form)."""
    folder = root / "docs" / "facilitator"
    every = sorted(folder.glob("*.md"))
    lessons = sorted(p for p in every if re.fullmatch(r"lesson\d+\.md", p.name))
    first = [folder / "README.md", *lessons, *(folder / name for name in AFTER_LESSONS)]
    others = [p for p in every if p not in first and p.name != LAST]
    return [p for p in [*first, *others, folder / LAST] if p.exists()]


def page_id(path: Path) -> str:
    """The in-document anchor of a page: ``lesson03`` for lesson03.md, ``readme`` for README.md."""
    return re.sub(r"[^a-z0-9]+", "-", path.stem.lower()).strip("-")


def _fragment(text: str) -> str:
    """A link's ``#fragment`` as the heading ids are made (lower case, runs of '-' as one)."""
    return re.sub(r"-{2,}", "-", text.strip().lower())


def rewrite_link(href: str, page: Path, ids: dict[Path, str], root: Path) -> str:
    """Where a link of ``page`` goes in the one-file guide (see the module doc)."""
    if not href or re.match(r"[a-zA-Z][a-zA-Z0-9+.-]*:", href):
        return href  # a web address, mailto:, ...
    path, _, fragment = href.partition("#")
    if not path:
        return f"#{ids[page]}-{_fragment(fragment)}" if fragment else f"#{ids[page]}"
    target = (page.parent / path).resolve()
    if target in ids:
        return f"#{ids[target]}" + (f"-{_fragment(fragment)}" if fragment else "")
    try:
        inside = PurePosixPath(target.relative_to(root.resolve()).as_posix())
    except ValueError:
        return href  # outside the course: leave it as written
    kind = "tree" if target.is_dir() else "blob"
    return f"https://github.com/{GITHUB_REPOSITORY}/{kind}/main/{inside}" + (f"#{fragment}" if fragment else "")


def _converter(page: Path, ids: dict[Path, str], root: Path):
    """A Python-Markdown converter for one page: headings' ids start with the page's id, links are rewritten."""
    import markdown
    from markdown.extensions import Extension
    from markdown.extensions.toc import TocExtension, slugify
    from markdown.treeprocessors import Treeprocessor

    prefix = ids[page]

    class Links(Treeprocessor):
        def run(self, tree: etree.Element) -> None:
            for link in tree.iter("a"):
                link.set("href", rewrite_link(link.get("href", ""), page, ids, root))

    class LinkExtension(Extension):
        def extendMarkdown(self, md) -> None:  # the name Python-Markdown calls
            md.treeprocessors.register(Links(md), "rewrite_links", 5)

    toc = TocExtension(slugify=lambda value, separator: f"{prefix}-{slugify(value, separator)}", toc_depth="1-3")
    return markdown.Markdown(extensions=["tables", "fenced_code", toc, LinkExtension()], output_format="html")


def render(root: Path) -> str:
    """The whole guide as one HTML document (a string)."""
    found = pages(root)
    if not found:
        raise FileNotFoundError(f"no Markdown pages in {root / 'docs' / 'facilitator'}")
    ids = {page.resolve(): page_id(page) for page in found}
    sections, contents = [], []
    for page in found:
        converter = _converter(page.resolve(), ids, root)
        body = converter.convert(page.read_text(encoding="utf-8"))
        tokens = converter.toc_tokens
        top = tokens[0] if tokens and tokens[0]["level"] == 1 else {"name": html.escape(page.stem), "children": tokens}
        pid = ids[page.resolve()]
        children = "".join(f'<li><a href="#{child["id"]}">{child["name"]}</a></li>' for child in top["children"] if child["level"] == 2)
        contents.append(f'<li><a href="#{pid}">{top["name"]}</a>' + (f"<ol>{children}</ol>" if children else "") + "</li>")
        sections.append(f'<section class="page" id="{pid}">\n{body}\n</section>')
    return "\n".join(
        [
            "<!doctype html>",
            '<html lang="en">',
            "<head>",
            '<meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{TITLE}</title>",
            f"<style>{CSS}</style>",
            "</head>",
            "<body>",
            f"<header><h1>{TITLE}</h1>",
            '<p class="note">Every page of <code>docs/facilitator</code> in one file, made by <code>make guide</code>. '
            "Print it from the browser, or choose <em>Save as PDF</em> there. Each page starts on a new sheet.</p></header>",
            f'<nav id="contents" aria-label="Contents"><h2>Contents</h2><ol>{"".join(contents)}</ol></nav>',
            *sections,
            "</body>",
            "</html>",
            "",
        ]
    )


def build(root: Path, out: Path | None = None) -> Path:
    """Write the guide to ``out`` (default ``build/facilitator-guide.html`` under ``root``); returns its path."""
    target = out if out is not None else root / OUT
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(render(root), encoding="utf-8")
    return target


def main(argv: list[str] | None = None) -> int:
    """Command line: write the file and say where it is."""
    parser = argparse.ArgumentParser(prog="python -m realorfake.course.guide", description="Write the facilitator guide as one printable HTML file.")
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="the course folder (default: here)")
    parser.add_argument("--out", type=Path, help=f"the HTML file to write (default: {OUT} in the course folder)")
    args = parser.parse_args(argv)
    try:
        path = build(args.root, args.out)
    except (OSError, ImportError) as error:
        print(f"guide: {error}", file=sys.stderr)
        return 1
    print(f"wrote {path} ({len(pages(args.root))} pages): open it in a browser to read it, print it or save it as PDF")
    return 0


if __name__ == "__main__":
    sys.exit(main())
