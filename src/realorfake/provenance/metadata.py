"""What a photo's metadata says: EXIF (camera, dates, software, GPS) and XMP (the tool, the digital source type).

Metadata is a clue, never proof: any editor can write a camera name or a date,
and chat apps, screenshots and most social networks strip it all. A photo with
a camera and a date *may* be an original; a photo with none may be perfectly
real. Pillow reads it (``Image.getexif``); the XMP label is read by
:func:`realorfake.label.read_label`.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from ..images import open_image
from ..label import read_label
from ..text import fit_lines

#: What every summary ends with.
CAUTION = "Metadata is easy to fake and easy to strip: it is a clue to check against other sources, never proof on its own."

# EXIF tag numbers (EXIF 2.3): base IFD, the Exif sub-IFD, and the GPS IFD.
_MAKE, _MODEL, _SOFTWARE, _DATETIME, _DESCRIPTION, _ARTIST = 0x010F, 0x0110, 0x0131, 0x0132, 0x010E, 0x013B
_EXIF_IFD, _GPS_IFD = 0x8769, 0x8825
_TAKEN, _DIGITIZED = 0x9003, 0x9004


@dataclass
class MetadataSummary:
    """What a learner can check in an image file's metadata.

    ``camera`` ("Canon EOS 80D"), ``taken`` (EXIF DateTimeOriginal, as written),
    ``modified`` (EXIF DateTime), ``software``, ``description``, ``artist``:
    text or None. ``gps``: True when the file records a position. ``source_type``:
    the IPTC digital source type's short name from an XMP label (a fake the
    course saved says ``compositeSynthetic``…). ``size`` is (width, height) in
    pixels and ``format`` Pillow's name ("JPEG", "PNG").
    """

    file: str
    format: str
    size: tuple[int, int]
    camera: str | None = None
    taken: str | None = None
    modified: str | None = None
    software: str | None = None
    description: str | None = None
    artist: str | None = None
    gps: bool = False
    source_type: str | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        """True when the file says nothing about where it came from."""
        return not any((self.camera, self.taken, self.modified, self.software, self.description, self.artist, self.gps, self.source_type))

    def lines(self) -> list[str]:
        """The summary as short lines (what ``print`` shows)."""
        width, height = self.size
        lines = [f"{self.file}: {self.format}, {width} x {height} pixels"]
        if self.empty:
            lines.append("  no metadata at all (typical of screenshots and of photos sent through chat apps)")
        for name, value in (
            ("camera", self.camera),
            ("taken", self.taken),
            ("last saved", self.modified),
            ("software", self.software),
            ("description", self.description),
            ("artist", self.artist),
            ("labelled as", self.source_type),
        ):
            if value:
                lines.append(f"  {name}: {value}")
        lines.append(f"  GPS position: {'recorded (anyone you send the file to can see where it was taken)' if self.gps else 'none'}")
        lines += [f"  note: {note}" for note in self.notes]
        lines.append(f"  {CAUTION}")
        return lines

    def __str__(self) -> str:
        return fit_lines("\n".join(self.lines()))

    def _repr_pretty_(self, printer, cycle) -> None:  # IPython shows the plain summary
        printer.text(str(self))


def metadata_summary(path: str | os.PathLike | bytes) -> MetadataSummary:
    """Summarise the EXIF and XMP metadata of an image file (path or bytes).

    Returns a :class:`MetadataSummary`; a damaged EXIF block is reported in
    ``notes``, not raised. Raises ``UnreadableImage`` for a file that is not an
    image and ``ImageTooLarge`` for one too large to open safely.
    """
    image = open_image(path)
    name = Path(path).name if isinstance(path, (str, os.PathLike)) else "the image"
    summary = MetadataSummary(file=name, format=image.format or "unknown", size=image.size)
    try:
        exif = image.getexif()
        details = exif.get_ifd(_EXIF_IFD)
        gps = exif.get_ifd(_GPS_IFD)
    except Exception:  # a broken EXIF block is itself a finding
        summary.notes.append("the EXIF block is damaged and could not be read")
        exif, details, gps = {}, {}, {}
    make, model = _text(exif.get(_MAKE)), _text(exif.get(_MODEL))
    if make and model and model.lower().startswith(make.lower()):
        make = None  # "Canon" + "Canon EOS 80D"
    summary.camera = " ".join(part for part in (make, model) if part) or None
    summary.taken = _text(details.get(_TAKEN)) or _text(details.get(_DIGITIZED))
    summary.modified = _text(exif.get(_DATETIME))
    summary.software = _text(exif.get(_SOFTWARE)) or _text(image.info.get("Software"))
    summary.description = _text(exif.get(_DESCRIPTION))
    summary.artist = _text(exif.get(_ARTIST))
    summary.gps = bool(gps)
    try:
        label = read_label(path)
    except Exception:  # a label that cannot be read is simply absent
        label = None
    if label and label.get("source_type"):
        summary.source_type = str(label["source_type"]).rsplit("/", 1)[-1]
    return summary


def _text(value) -> str | None:
    """EXIF text, cleaned (bytes decoded, NULs and spaces trimmed); None when empty."""
    if value is None:
        return None
    if isinstance(value, bytes):
        value = value.decode("utf-8", "replace")
    text = " ".join(str(value).replace("\x00", " ").split())
    return text[:200] or None
