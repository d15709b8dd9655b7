"""An item as a player sees it: its frames, the neutral strip before the reveal, the answer strip and regions after.

Shared by the notebook's game (``widgets.game_show``, through ``show.game_pictures``)
and the web app (:mod:`.app`), so both show exactly the same thing.

Game layer: imports the core and ``fakes.clips`` (to read clips).
"""

from __future__ import annotations

import cv2
import numpy as np

from .. import label
from ..images import load_image, resize_longest
from .i18n import N_, translate
from .pack import Item

#: The outline of a region to look at, at the reveal (bright yellow, with a dark edge).
OUTLINE = (255, 221, 0)
#: Words for the pack's methods, as players read them ("what fooled us most"); in the catalogue.
METHOD_NAMES = {
    "original": N_("original photo"),
    "benign_edit": N_("honest edit"),
    "face_swap": N_("face swap"),
    "morph": N_("morph"),
    "talking_clip": N_("talking clip"),
    "self_blend": N_("self-blend"),
    "splice": N_("pasted part"),
    "copy_move": N_("copy-move"),
    "generated": N_("generated face"),
    "other": N_("other fake"),
}


def item_frames(item: Item, *, side: int = 480, max_frames: int = 120, enlarge: bool = False) -> list[np.ndarray]:
    """The item's picture as one frame, or its clip's frames (at most ``max_frames``), at most ``side`` px; RGB uint8.

    ``enlarge=True`` brings a smaller picture up to ``side`` too, so that a web
    page's picture size says nothing about the item (small fakes once all
    arrived at 320 px). Raises ``UnreadableImage`` when the file is gone or damaged.
    """
    if item.kind == "image":
        return [resize_longest(load_image(item.path, max_side=None), side, enlarge=enlarge)]
    from ..fakes.clips import read_video

    frames, _ = read_video(item.path, max_frames=max_frames)
    return [resize_longest(frame, side, enlarge=enlarge) for frame in frames]


#: How many frames of a clip the web app sends (always this many, whatever the clip's length: the count says nothing about the item).
CLIP_FRAMES = 8


def clip_frames(item: Item, *, count: int = CLIP_FRAMES, side: int = 480) -> tuple[list[np.ndarray], int]:
    """``count`` frames spread evenly over the item's clip, and the milliseconds each is shown to keep the clip's speed.

    A picture gives its one frame and 0 ms. A clip shorter than ``count``
    frames repeats frames, so a player always gets ``count``. Every frame is
    brought to ``side`` px (a smaller picture is enlarged); :func:`on_page` then
    makes every picture the same size and shape. Raises ``UnreadableImage`` when the file is gone or damaged.
    """
    if item.kind != "video":
        return item_frames(item, side=side, max_frames=1, enlarge=True), 0
    from ..fakes.clips import read_video

    frames, fps = read_video(item.path, max_frames=300)
    chosen = np.linspace(0, len(frames) - 1, count).round().astype(int)
    milliseconds = int(np.clip(round(1000 * len(frames) / (fps or 15.0) / count), 80, 500))
    return [resize_longest(frames[k], side, enlarge=True) for k in chosen], milliseconds


#: The strips' words in the catalogue. The strip is drawn with OpenCV's Hershey font, which has ASCII letters only,
#: so their translations are ASCII (a test checks): "REAL O FALSO?", not "¿REAL O FALSO?".
STRIP_WORDS = (N_("REAL OR FAKE?  answer to reveal"), N_("REAL PHOTO"), N_("made by the Real or Fake? course"))


def on_screen(frame: np.ndarray, item: Item, *, revealed: bool, note: str = "", language: str = "en") -> np.ndarray:
    """The frame as a player sees it: neutral strip before the reveal; the answer strip and the regions outlined after.

    The strips speak ``language``; a fake's strip always starts with the badge's
    word SYNTHETIC, in every language, as every fake the course makes does.
    """
    question, real, course = (translate(word, language) for word in STRIP_WORDS)
    if not revealed:
        return label.question_strip(frame, question)
    outlined = np.array(frame, dtype=np.uint8, copy=True)  # the regions first, the strip over them: an outline never hides the label
    height, width = outlined.shape[:2]
    thick = max(2, round(max(height, width) / 160))
    for region in item.regions:
        x0, y0 = round(region.x * width), round(region.y * height)
        x1, y1 = round((region.x + region.width) * width) - 1, round((region.y + region.height) * height) - 1
        cv2.rectangle(outlined, (x0, y0), (x1, y1), (0, 0, 0), thick + 2)
        cv2.rectangle(outlined, (x0, y0), (x1, y1), OUTLINE, thick)
    if item.answer == "fake":
        return label.add_badge(outlined, f"{label.BADGE_TEXT} · {note}" if note else None if language == "en" else f"{label.BADGE_TEXT} · {course}")
    return label.answer_strip(outlined, False, note, real_text=real)


def on_page(frame: np.ndarray, item: Item, *, revealed: bool, language: str = "en") -> np.ndarray:
    """:func:`on_screen`, centred on a square of the frame's longest side in neutral grey: what the web pages show.

    Every picture a page receives then has the same size and shape, so that
    neither says anything about the item (a reviewer found the only 640 x 426
    picture of the pack was real, and every 320-px one a fake).
    """
    shown = on_screen(frame, item, revealed=revealed, language=language)
    height, width = shown.shape[:2]
    side = max(height, width)
    top, left = (side - height) // 2, (side - width) // 2
    return cv2.copyMakeBorder(shown, top, side - height - top, left, side - width - left, cv2.BORDER_CONSTANT, value=(238, 238, 238))


def jpeg(image: np.ndarray, quality: int = 88) -> bytes:
    """JPEG bytes of an RGB uint8 picture (a phone on school Wi-Fi gets tens of kilobytes, not a PNG's hundreds)."""
    _, data = cv2.imencode(".jpg", cv2.cvtColor(np.ascontiguousarray(image), cv2.COLOR_RGB2BGR), [cv2.IMWRITE_JPEG_QUALITY, quality])
    return data.tobytes()
