"""Checks for Lesson 07 (verify like a professional): the SIFT moves, reading credentials, and forged metadata.

Each check names the usual mistakes: a blanket answer, "no credentials means
real", trusting a signer nobody knows, a date written in the wrong EXIF field.
"""

from __future__ import annotations

import tempfile
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from ... import data
from ...errors import CourseError
from ...images import load_image
from ...provenance import Credentials, metadata_summary
from ..verification import ACTIONS, SIFT
from .feedback import Feedback, call, check, failed, names_called, passed

_MOVES = {move.letter: move for move in SIFT}


def _letter(value: Any) -> str | None:
    """'S', 'I', 'F' or 'T' from a letter or a move's name ("Stop", "find better coverage"); None otherwise."""
    text = str(value).strip().lower()
    for move in SIFT:
        if text in (move.letter.lower(), move.name.lower()) or (len(text) > 3 and move.name.lower().startswith(text)):
            return move.letter
    return None


def _letters(value: Any) -> list[str | None] | None:
    """The learner's answer as a list of move letters: from "TSFI ...", "T, S, F" or a list of letters or names."""
    if isinstance(value, str):
        parts = [part for part in value.replace(",", " ").split() if part]
        if len(parts) == 1 and len(parts[0]) > 1 and set(parts[0].upper()) <= set("SIFT"):
            parts = list(parts[0])
    elif isinstance(value, (list, tuple)):
        parts = list(value)
    else:
        return None
    return [_letter(part) for part in parts]


@check
def sift_moves(sift_letters: Callable[[], Any]) -> Feedback:
    """Check ``sift_letters()``: the SIFT move of each of Lesson 07's actions, in their order, as "S", "I", "F" or "T"."""
    if "ACTIONS" in names_called(sift_letters):
        return failed(
            "Your function reads verification.ACTIONS, the course's own answer key: the exercise is to sort the actions yourself.",
            "Return the eight letters, one per action, in the order they are listed.",
        )
    letters = _letters(call(sift_letters, name="sift_letters"))
    if letters is None:
        return failed('sift_letters must return the eight letters as text, such as "S I F T S I F T".', "One letter per action, in the order of the list above the exercise.")
    if len(letters) != len(ACTIONS):
        return failed(f"You gave {len(letters)} letter(s) for {len(ACTIONS)} actions.", "One letter per action, in the order of the list above the exercise.")
    if None in letters:
        return failed(f"Answer {letters.index(None) + 1} is not a move.", 'Use the letters "S", "I", "F" and "T" (or the moves\' names).')
    counts = Counter(letters)
    if len(counts) == 1:
        return failed(f"Every action got {letters[0]!r}: a blanket answer.", "Each move has two actions here. Read the four moves again and sort the actions one by one.")
    wrong = [number for number, ((_, right), given) in enumerate(zip(ACTIONS, letters), start=1) if given != right]
    if wrong:
        first = wrong[0]
        action, right = ACTIONS[first - 1]
        chosen = _MOVES[letters[first - 1]]
        return failed(
            f"{len(ACTIONS) - len(wrong)} of {len(ACTIONS)} right. Look again at action {first}: {action!r} (you said {chosen.name}).",
            f"{chosen.name} is: {chosen.do}",
            "Ask what the action is about: your own reaction (S), who is behind the post (I), what others report (F), or where the picture first came from (T).",
        )
    return passed(
        f"All {len(ACTIONS)} right.",
        "Notice that only the first move happens on the post itself: the other three leave it and open new tabs. Fact checkers call that lateral reading.",
    )


#: The four answers of Try it 2 (the words on the bands of the lesson's picture), and what each means.
VERDICTS = {
    "trusted": "intact, and signed by someone this computer trusts: believe what it says about how it was made",
    "signer unknown": "intact, but signed by someone nobody here vouches for: a claim, not proof",
    "broken": "the file or its manifest changed after signing",
    "no credentials": "nothing to check: that says nothing about whether the picture is real",
}


def _case(state: str, source_type: str | None = "compositeSynthetic", failures: tuple[str, ...] = ()) -> Credentials:
    return Credentials(
        "example.jpg", present=state != "none", state=state, actions=["c2pa.created"] if state != "none" else [], source_type=source_type if state != "none" else None, failures=list(failures)
    )


_CASES = [
    (_case("trusted"), "trusted"),
    (_case("trusted", "trainedAlgorithmicMedia"), "trusted"),
    (_case("invalid", failures=("The file's bytes changed after it was signed.",)), "broken"),
    (_case("valid", failures=("The signer's certificate was not issued by an authority this reader trusts.",)), "signer unknown"),
    (_case("none"), "no credentials"),
]


@check
def credentials_verdict(what_can_we_say: Callable[[Credentials], Any]) -> Feedback:
    """Check ``what_can_we_say(found)`` on the four kinds of reading: "trusted", "signer unknown", "broken", "no credentials"."""
    for found, expected in _CASES:
        got = call(what_can_we_say, found, name="what_can_we_say")
        if found.state == "none" and isinstance(got, str) and got.strip().lower() in ("real", "fake"):
            return failed(
                f"A file with no credentials got {got!r}; expected 'no credentials'.",
                "Chat apps, screenshots and most cameras leave no credentials: their absence says nothing about whether a picture is real or fake.",
            )
        if isinstance(got, str):
            got = " ".join(got.replace("_", " ").replace("-", " ").split()).lower()  # "Signer-unknown" is meant as "signer unknown"
        if isinstance(got, str) and got in ("valid", "invalid", "none"):
            return failed(
                f"For a file whose state is {found.state!r} you returned {got!r}: the library's word, not the band's.",
                "Answer with the words on the picture's bands: 'trusted', 'signer unknown', 'broken' or 'no credentials'. Which band does this state give?",
            )
        if not isinstance(got, str) or got not in VERDICTS:
            return failed(f"For a file whose state is {found.state!r} you returned {got!r}.", f"Return one of {', '.join(repr(v) for v in VERDICTS)}.")
        if got == expected:
            continue
        if found.state == "none":
            return failed(
                f"A file with no credentials got {got!r}; expected 'no credentials'.",
                "Chat apps, screenshots and most cameras leave no credentials: their absence says nothing about whether a picture is real.",
            )
        if found.state == "valid":
            return failed(
                f"An intact manifest from a signer this computer does not trust (state 'valid') got {got!r}; expected 'signer unknown'.",
                "Anyone can make a certificate and sign a file with it (the course just did). 'valid' means intact, not trusted: only the state 'trusted' is.",
            )
        if found.state == "invalid":
            return failed(
                f"A manifest that no longer matches its file (state 'invalid') got {got!r}; expected 'broken'.",
                "Check `found.state == 'invalid'` before anything the manifest says: a broken seal means its claims cannot be relied on.",
            )
        return failed(f"A trusted, intact manifest got {got!r}; expected 'trusted'.", "When `found.state` is 'trusted', what the manifest says (its source type) can be believed.")
    return passed(
        "All four cases right.",
        "Credentials can prove that a file was labelled; they can never prove that a file without them is real. And a signature is only as good as the signer you trust.",
    )


@check
def forged_metadata(forge_camera: Callable[..., Any]) -> Feedback:
    """Check ``forge_camera(path, out, make, model, taken)``: a copy of a real photo whose EXIF names a camera and a date."""
    if "metadata_summary" in names_called(forge_camera):
        note = "Your function calls metadata_summary: that only reads metadata; here you write it (with Pillow's Image.Exif)."
    else:
        note = ""
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "rocket.jpg"
        from PIL import Image

        Image.fromarray(data.photo("rocket")).save(source, quality=95)
        before = source.read_bytes()
        out = Path(folder) / "rocket_with_a_camera.jpg"
        call(forge_camera, str(source), str(out), "Canon", "Canon EOS 80D", "2023:07:05 21:14:09", name="forge_camera")
        if source.read_bytes() != before:
            return failed("forge_camera changed the original file.", "Open the original, and save the copy under the name `out`.")
        if not out.exists():
            return failed("forge_camera wrote no file at out.", "End with `image.save(out, exif=exif)`.")
        try:
            summary = metadata_summary(out)
            pixels = load_image(out, max_side=None)
        except CourseError as error:
            return failed(f"The file forge_camera wrote cannot be read: {error}", "Save it as a JPEG: `image.save(out, exif=exif, quality=95)`.")
        original = load_image(source, max_side=None)
        if pixels.shape != original.shape or np.abs(pixels.astype(int) - original.astype(int)).mean() > 3:
            return failed("The copy does not look like the original any more.", "Change only the metadata: open the photo and save it again with `exif=`; do not resize or edit it.")
        if summary.camera is None:
            return failed("The copy names no camera.", "Set `exif[0x010F]` (Make) and `exif[0x0110]` (Model), then pass `exif=exif` to `save`.")
        if "EOS 80D" not in summary.camera:
            return failed(f"The copy names the camera {summary.camera!r}; expected 'Canon EOS 80D'.", "Make goes in tag 0x010F and Model in 0x0110.")
        if summary.taken != "2023:07:05 21:14:09":
            if summary.modified == "2023:07:05 21:14:09":
                return failed(
                    "The date went into DateTime (0x0132), which says when the file was last saved, not when the photo was taken.",
                    "The date a photo was taken is DateTimeOriginal, tag 0x9003 in the Exif sub-IFD: `exif.get_ifd(0x8769)[0x9003] = taken`.",
                )
            said = f"says it was taken {summary.taken!r}" if summary.taken else "says nothing about when it was taken"
            return failed(f"The copy {said}; expected '2023:07:05 21:14:09'.", "Write DateTimeOriginal: `exif.get_ifd(0x8769)[0x9003] = taken`.")
    return passed(
        "Forged: the copy now claims to be a Canon photo taken on 5 July 2023, and nothing about it looks different.",
        *([note] if note else []),
        "Six lines of code were enough. That is why metadata is a clue to check, never proof: and why a signed manifest, whose seal breaks when anything changes, is stronger.",
    )
