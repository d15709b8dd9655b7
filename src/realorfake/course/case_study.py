"""The case the course grew from, in one place: the promotional face swap for *Falso amor* (2023).

Lessons, checks and the facilitator guide take the case's facts from here (a
test checks that every mention in the lessons and the guide keeps the
direction of the deception right): the clip made **the influencer** look
unfaithful; the man in the towel was her **own partner** with another man's
face swapped onto him. The lessons leave the people's names out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Event:
    """One step of the case: when (in words), what happened, and who could see it."""

    when: str
    what: str


#: The facts, as a learner may be told them.
SHOW = "Falso amor (Deep Fake Love)"
PLATFORM = "Netflix Spain"
PREMIERE = "6 July 2023"
PRIZE = "up to €100,000"
WHO_POSTED = "a well-known Spanish influencer"
WHAT_IT_SHOWED = "a man in a towel in her bathroom who did not look like her partner"
WHAT_IT_SUGGESTED = "that she was cheating on her partner"
THE_TRUTH = "the man in the towel was her own partner; a face swap had given him another man's face"
PURPOSE = "an advert for the reality show"

#: What was posted, deleted and confirmed, in order.
TIMELINE = (
    Event("day 1", "The influencer posts a short clip: a man in a towel in her bathroom."),
    Event("hours later", "She deletes it. Screenshots and copies keep spreading."),
    Event("the next days", "Gossip sites and social media discuss her apparent infidelity."),
    Event("a few days later", "Netflix Spain says the clip is its own work: a face swap to advertise the show."),
    Event(PREMIERE, f"{SHOW} premieres on {PLATFORM}."),
)

#: Phrasings that get the direction wrong (the partner as the one "cheating"); no lesson or guide may use them.
WRONG_DIRECTIONS = (
    re.compile(r"influencer'?s partner\W{0,3}\s*\W?cheating", re.IGNORECASE),
    re.compile(r"partner (was|is) (caught )?cheating", re.IGNORECASE),
    re.compile(r"her partner cheating", re.IGNORECASE),
)


def summary() -> str:
    """The case in two sentences, with the direction of the deception right."""
    return f"In 2023 {WHO_POSTED} posted a clip of {WHAT_IT_SHOWED}, suggesting {WHAT_IT_SUGGESTED}. {PLATFORM} then revealed that {THE_TRUTH}: {PURPOSE}, {SHOW}, which premiered on {PREMIERE}."


def wrong_direction(text: str) -> str | None:
    """The first phrase of ``text`` that tells the case the wrong way round, or None."""
    for pattern in WRONG_DIRECTIONS:
        found = pattern.search(text)
        if found:
            return found.group(0)
    return None
