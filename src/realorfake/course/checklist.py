"""Lesson 07's take-home checklist: one printable page, in English or Spanish, of what to check before sharing.

:func:`write_checklist` writes one self-contained HTML file (no pictures,
fonts or scripts from elsewhere: it opens offline and prints from any
browser) that fits one printed page on A4 and on US Letter:

1. SIFT, the four moves of a fact-checker (Stop; Investigate the source; Find
   better coverage; Trace claims to the original), one concrete question each;
2. provenance: look for content credentials; their absence proves nothing;
   a broken signature means the file was changed;
3. metadata is a clue, not proof;
4. the face clues of Lessons 02-04, and the detector as a second opinion;
5. what to do on finding a deepfake of someone;

and, when given, the learner's before/after scores (:mod:`.before_after`).
The words are in the course's catalogue (:mod:`.i18n`, ``locale/es.po``).
"""

from __future__ import annotations

import html
import os
from collections.abc import Sequence
from pathlib import Path

from ..errors import CourseError
from ..files import progress_folder, replacing
from ..game.i18n import percent
from .i18n import N_, check_language, translate

TITLE = N_("Real or fake? Check before you share")
SUBTITLE = N_("Your one-page checklist from the Real or Fake? course. Keep it next to your screen.")
NAME_LINE = N_("Name:")

SIFT_HEADING = N_("1. Before you share: SIFT")
SIFT_INTRO = N_("The four moves of a fact-checker (SIFT, by Mike Caulfield), one question each:")
#: (move, its question).
SIFT = (
    (N_("Stop."), N_("Do I know who posted this, and is a strong feeling pushing me to share it now?")),
    (N_("Investigate the source."), N_("Who is behind this account or site, and what do others say about them?")),
    (N_("Find better coverage."), N_("Do trusted news outlets or fact-checkers report the same thing?")),
    (N_("Trace claims, quotes and media to the original."), N_("Where did this picture or clip first appear, and what did it show there? (A reverse image search finds older copies.)")),
)

PROVENANCE_HEADING = N_("2. Provenance: content credentials")
PROVENANCE = (
    (N_("Look for content credentials"), N_("(C2PA, often a small “CR” mark): who made the file, with which tool, and what was changed.")),
    (N_("No credentials proves nothing:"), N_("most real photos have none, and many sites remove them when you upload.")),
    (N_("A broken signature"), N_("means the file was changed after it was signed.")),
)

METADATA_HEADING = N_("3. Metadata is a clue, not proof")
METADATA = ((N_("Date, camera and place"), N_("in a file's metadata can be wrong, edited or removed: use them to ask questions, not to decide.")),)

FACES_HEADING = N_("4. Face clues (Lessons 02–04)")
FACES = (
    (N_("Edges of the face:"), N_("a seam, a step in colour or a blur along the jaw, cheeks and hairline.")),
    (N_("Skin and light:"), N_("skin, colour or shadows of the face that do not match the neck, the ears or the scene.")),
    (N_("Blur:"), N_("a face smoother or softer than the rest of the picture; eyes and teeth without detail.")),
    (N_("Symmetry:"), N_("a face too perfectly symmetric, or earrings and glasses that do not match.")),
    (N_("A detector is a second opinion, not a verdict:"), N_("it misses fakes unlike those it learned from, and calls some real photos fake.")),
)
FACES_NOTE = N_("No clue alone proves a fake: good fakes hide them, and compression or a filter can put them in real photos.")

HELP_HEADING = N_("5. Found a deepfake of someone?")
HELP = (
    (N_("Don't share it,"), N_("not even to make fun of it or to warn others: every share spreads it.")),
    (N_("Keep evidence:"), N_("the link, a screenshot, the date and time, and the account that posted it.")),
    (N_("Report it"), N_("to the platform with its report button. If it is sexual, threatening or shows a minor, tell a trusted adult and the police.")),
    (N_("Support the person:"), N_("tell them privately, believe them, and remind them that it is not their fault.")),
)

SCORE_HEADING = N_("My score in the course")
#: What each kind of score is called on the page, by ``Score.key``.
SCORE_LABELS = {
    "pretest": N_("Lesson 01 warm-up (before)"),
    "games": N_("Lesson 06 games"),
    "posttest": N_("Lesson 07 final round (after)"),
}
SCORE_RIGHT = N_("{right} of {total} right ({percent})")
SCORE_MISSING = N_("no score yet")
SCORE_NOTE = N_("In a round of {items} items each item is {points} points: a change of one or two items is within chance.")

FOOTER = N_("Real or Fake? is an open course in deepfake media literacy. Every fake it makes is labelled as synthetic.")

#: The page's style: two columns, large enough to read, one printed page on A4 (210 x 297 mm) and Letter (216 x 279 mm).
CSS = """
@page { margin: 10mm 12mm; }
html { background: #fff; }
body { margin: 0; }
.rof-checklist { box-sizing: border-box; max-width: 186mm; margin: 0 auto; padding: 8mm 0;
  font-family: "DejaVu Sans", "Segoe UI", Arial, Helvetica, sans-serif; font-size: 10pt; line-height: 1.3; color: #111; }
.rof-checklist header { border-bottom: 3px solid #111; padding-bottom: 1.5mm; margin-bottom: 3mm; }
.rof-checklist h1 { font-size: 16pt; line-height: 1.15; margin: 0 0 1mm; }
.rof-checklist .rof-row { display: flex; justify-content: space-between; align-items: flex-end; gap: 6mm; }
.rof-checklist .rof-sub { margin: 0; color: #333; }
.rof-checklist .rof-name { white-space: nowrap; color: #333; }
.rof-checklist .rof-name span { display: inline-block; width: 45mm; border-bottom: 1px solid #555; }
.rof-checklist .rof-columns { column-count: 2; column-gap: 7mm; }
.rof-checklist section { break-inside: avoid; page-break-inside: avoid; margin: 0 0 2.6mm; }
.rof-checklist h2 { font-size: 11pt; line-height: 1.2; margin: 0 0 1mm; padding-bottom: 0.5mm; border-bottom: 2px solid #0072B2; color: #003a5c; }
.rof-checklist p { margin: 0 0 1mm; }
.rof-checklist ul { list-style: none; margin: 0; padding: 0; }
.rof-checklist li { position: relative; padding-left: 5.2mm; margin: 0 0 1mm; }
.rof-checklist li::before { content: ""; position: absolute; left: 0; top: 0.5mm; width: 2.8mm; height: 2.8mm;
  border: 1.2px solid #333; border-radius: 0.6mm; }
.rof-checklist .rof-note { font-style: italic; color: #333; }
.rof-checklist .rof-score { break-inside: avoid; border: 2px solid #0072B2; border-radius: 2mm; padding: 1.5mm 3mm; margin-top: 0.5mm; }
.rof-checklist .rof-score h2 { border: none; margin-bottom: 0.5mm; }
.rof-checklist .rof-score ul { display: block; }
.rof-checklist .rof-score li { padding-left: 0; margin: 0; }
.rof-checklist .rof-score li::before { content: none; }
.rof-checklist .rof-score .rof-note { margin: 0.8mm 0 0; }
.rof-checklist footer { margin-top: 2.5mm; padding-top: 1.2mm; border-top: 1px solid #999; font-size: 8pt; color: #444; }
@media print { .rof-checklist { padding: 0; max-width: none; } }
""".strip()


def _items(pairs, language: str) -> str:
    """A list of (lead in bold, the rest) as ``<li>`` lines."""
    return "\n".join(f"<li><b>{html.escape(translate(lead, language))}</b> {html.escape(translate(rest, language))}</li>" for lead, rest in pairs)


def _section(heading: str, body: str, language: str) -> str:
    return f"<section>\n<h2>{html.escape(translate(heading, language))}</h2>\n{body}\n</section>"


def _score_box(scores: Sequence, language: str) -> str:
    """The learner's scores as one boxed line, with what small numbers mean; '' for no scores."""
    rows = []
    totals = []
    for row in scores:
        try:
            label, right, total, missing, *rest = tuple(row)
        except (TypeError, ValueError):
            raise CourseError(f"Each score must be (label, right, total, missing, key), as course.before_after.scores() gives; got {row!r}.") from None
        key = rest[0] if rest else ""
        name = translate(SCORE_LABELS[key], language) if key in SCORE_LABELS else str(label)
        if missing or not total:
            value = translate(SCORE_MISSING, language)
        else:
            if not (isinstance(right, int) and isinstance(total, int) and 0 <= right <= total):
                raise CourseError(f"{label!r}: right and total must be whole numbers with 0 <= right <= total; got {right!r} of {total!r}.")
            value = translate(SCORE_RIGHT, language, right=right, total=total, percent=percent(100 * right / total, language))
            totals.append(total)
        rows.append(f"<li><b>{html.escape(name)}:</b> {html.escape(value)}</li>")
    if not rows:
        return ""
    note = ""
    if len(totals) >= 2:  # the note is about a change between two scores
        points = f"{100 / min(totals):.3g}".replace(".", "," if language == "es" else ".")
        note = f'\n<p class="rof-note">{html.escape(translate(SCORE_NOTE, language, items=min(totals), points=points))}</p>'
    return f'<div class="rof-score">\n<h2>{html.escape(translate(SCORE_HEADING, language))}</h2>\n<ul>\n{chr(10).join(rows)}\n</ul>{note}\n</div>'


def checklist_html(language: str = "en", scores: Sequence | None = None) -> str:
    """The checklist as one HTML document (text), in ``language`` ("en" or "es"), with ``scores`` when given.

    ``scores``: rows (label, right, total, missing, key) such as
    ``course.before_after.scores()`` gives. ``UnknownName`` for another
    language; ``CourseError`` for scores it cannot read.
    """
    language = check_language(language)

    def t(text: str) -> str:
        return html.escape(translate(text, language))

    sift = f"<p>{t(SIFT_INTRO)}</p>\n<ul>\n{_items(SIFT, language)}\n</ul>"
    faces = f"<ul>\n{_items(FACES, language)}\n</ul>\n" + f'<p class="rof-note">{t(FACES_NOTE)}</p>'
    sections = [
        _section(SIFT_HEADING, sift, language),
        _section(PROVENANCE_HEADING, f"<ul>\n{_items(PROVENANCE, language)}\n</ul>", language),
        _section(METADATA_HEADING, f"<ul>\n{_items(METADATA, language)}\n</ul>", language),
        _section(FACES_HEADING, faces, language),
        _section(HELP_HEADING, f"<ul>\n{_items(HELP, language)}\n</ul>", language),
    ]
    score = _score_box(scores or (), language)
    return f"""<!DOCTYPE html>
<html lang="{language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{t(TITLE)}</title>
<style>
{CSS}
</style>
</head>
<body>
<main class="rof-checklist">
<header>
<h1>{t(TITLE)}</h1>
<div class="rof-row">
<p class="rof-sub">{t(SUBTITLE)}</p>
<div class="rof-name">{t(NAME_LINE)} <span></span></div>
</div>
</header>
<div class="rof-columns">
{chr(10).join(sections)}
</div>
{score}
<footer>{t(FOOTER)}</footer>
</main>
</body>
</html>
"""


def default_path(language: str = "en") -> Path:
    """Where :func:`write_checklist` saves by default: ``<progress folder>/checklist-<language>.html``."""
    return progress_folder() / f"checklist-{check_language(language)}.html"


def write_checklist(path: str | os.PathLike | None = None, *, language: str = "en", scores: Sequence | None = None) -> Path:
    """Write the one-page checklist as HTML to ``path`` (default ``<progress folder>/checklist-<language>.html``) and return the path.

    Open the file in a browser and print it (it fits one page on A4 and on
    Letter). ``language``: "en" or "es" (``UnknownName`` otherwise);
    ``scores``: the learner's before/after, as ``course.before_after.scores()``
    gives (left out when None). Raises ``CourseError`` for a path that is a
    folder or does not end in .html, or that cannot be written; an existing
    file there is replaced.
    """
    text = checklist_html(language, scores)
    target = default_path(language) if path is None else Path(path).expanduser()
    if target.is_dir():
        raise CourseError(f"{str(target)!r} is a folder: give a file name such as {str(target / f'checklist-{language}.html')!r}.")
    if target.suffix.lower() not in (".html", ".htm"):
        raise CourseError(f"Give a file name ending in .html (got {target.name!r}), so that a browser opens and prints it.")
    if path is None:
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise CourseError(f"Could not make the folder {str(target.parent)!r} ({error.strerror or error}). Give path= a file in a folder you may write to.") from None
    with replacing(target) as temporary:
        temporary.write_text(text, encoding="utf-8")
    return target
