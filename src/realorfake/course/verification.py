"""Lesson 07's content: the SIFT moves applied to the case, and the provenance experiment on the learner's own fake.

SIFT is Mike Caulfield's four moves for checking a claim online ("SIFT (The Four
Moves)", hapgood.us, 2019; Caulfield & Wineburg, *Verified*, University of
Chicago Press, 2023): **S**top; **I**nvestigate the source; **F**ind better
coverage; **T**race claims, quotes and media to the original context. Fact
checkers read *laterally*: they leave the page and open new tabs about it,
instead of studying the page itself.

The case's facts come from :mod:`realorfake.course.case_study`; what each move
finds here is what a learner could have found in the days the clip spread.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from .. import data, label, provenance
from ..fakes import face_swap
from ..files import progress_folder
from . import case_study


@dataclass(frozen=True)
class Move:
    """One SIFT move: its letter, name, what to do, and what it found in the case."""

    letter: str
    name: str
    do: str
    in_the_case: str


#: The four moves, applied to the clip that promoted the show.
SIFT = (
    Move(
        "S",
        "Stop",
        "Notice your reaction before you share. Do you know the source? Is the claim big, shocking or exactly what you expected?",
        "A private bathroom, a towel, a famous couple: the clip is built to make you react at once. Sharing it, even to laugh, spreads the accusation.",
    ),
    Move(
        "I",
        "Investigate the source",
        "Who posted it, and what do they gain? Look them up somewhere else, not on their own page.",
        "The account is the influencer's own, and she deleted the clip within hours. Why would anyone post, then delete, proof of their own cheating? "
        "A deleted post is a reason to doubt, not to believe.",
    ),
    Move(
        "F",
        "Find better coverage",
        "Search for the claim, not the post: what do reliable outlets say? Does anyone confirm it with their own reporting?",
        "Gossip sites repeated each other's screenshots; none had a source beyond the clip itself, and no reliable outlet confirmed anything with its own reporting.",
    ),
    Move(
        "T",
        "Trace claims, quotes and media to the original",
        "Find the first upload and its context. Copies lose the caption, the date and the credit on the way.",
        "The original clip was gone from her account; only screenshots and re-uploads circulated, without caption or date, so nobody could see its full context or check whether it had been edited.",
    ),
)

#: Things a careful person might do, each with the SIFT move it belongs to, in the order Lesson 07's Try it 1 lists them.
ACTIONS = (
    ("Find the first upload of the clip and read its original caption and date", "T"),
    ("Wait a minute before reacting, and notice that the clip makes you angry or amused", "S"),
    ("Search news sites for the claim and see whether any outlet confirms it with its own reporting", "F"),
    ("Look up who runs the account that posted the clip, on a site other than the account itself", "I"),
    ("Do a reverse image search on a screenshot to find where the picture first appeared", "T"),
    ("Ask what the person who posted it gains if people believe it", "I"),
    ("Decide not to forward the clip to your group chat yet", "S"),
    ("Check whether a fact-checking site has already looked into the clip", "F"),
)


def timeline_events() -> list[tuple[str, str]]:
    """The case as (when, what) pairs, in order: what was posted, deleted and confirmed."""
    return [(event.when, event.what) for event in case_study.TIMELINE]


def lesson03_fake(folder: str | os.PathLike | None = None, *, name: str = "my_lesson03_swap.png") -> Path:
    """Lesson 03's face swap (Eileen Collins' face onto Grace Hopper's portrait, Poisson blending), saved as a labelled fake.

    Saved by :func:`realorfake.label.save_fake`: visible badge, XMP label and
    signed content credentials. ``folder`` defaults to ``<progress folder>/lesson07``
    (created). Returns the file's path; an existing file of that name is replaced.
    """
    folder = Path(folder) if folder is not None else progress_folder() / "lesson07"
    folder.mkdir(parents=True, exist_ok=True)
    result = face_swap(data.portrait("collins"), data.portrait("hopper"), blend="poisson")
    return label.save_fake(result.image, folder / name, method="face_swap")


@dataclass(frozen=True)
class Experiment:
    """One file of the provenance experiment: what happened to it, its path, and what a reader says."""

    title: str
    path: Path
    found: provenance.Credentials


def provenance_experiment(folder: str | os.PathLike | None = None) -> list[Experiment]:
    """Four readings of one signed fake: as signed, on a computer that does not trust the course, after a chat app, with one pixel changed.

    Saves Lesson 03's fake afresh with :func:`lesson03_fake` (so that it is signed
    by this computer's current learning identity, even if that was remade), then
    writes ``..._chat.jpg`` and ``..._one_pixel.png`` next to it in ``folder``
    (default ``<progress folder>/lesson07``).
    """
    fake = lesson03_fake(folder, name="experiment_swap.png")
    chat = provenance.recompress_like_chat_app(fake, fake.with_name(f"{fake.stem}_chat.jpg"))
    pixel = provenance.change_one_pixel(fake, fake.with_name(f"{fake.stem}_one_pixel{fake.suffix}"))
    return [
        Experiment("as the course signed it", fake, provenance.read(fake)),
        Experiment("on a computer that does not trust the course", fake, provenance.read(fake, trust_course=False)),
        Experiment("after a chat app", chat, provenance.read(chat)),
        Experiment("one pixel changed", pixel, provenance.read(pixel)),
    ]


#: What to do on finding a deepfake of someone (Lesson 07, section 5, and the take-home checklist).
IF_YOU_FIND_ONE = (
    ("Don't share it", "not even to warn people or to mock it: every share spreads it further."),
    ("Keep evidence", "first, before it is taken down: the link, a screenshot showing where and when it was posted, and who posted it. The police or a lawyer may need it."),
    ("Report it", "to the platform (most have a report option for manipulated or intimate images) and, for a classmate, to a teacher or the school's safeguarding contact."),
    ("Support the person", "tell them calmly, if they do not know; it is not their fault; ask what they want done."),
)
