"""Content credentials (C2PA) and what a photo's metadata says: Lesson 07's provenance tools.

* :mod:`.identity`: the course's signing identity, made on this computer on first
  use: a P-256 test certificate authority and a signing certificate it issued,
  both saying plainly that they are for learning; kept in the learner's progress
  folder, never in the course folder or in git.
* :mod:`.credentials`: :func:`sign` embeds a C2PA manifest (its first action
  ``c2pa.created`` with the IPTC digital source type) in a PNG, JPEG or MP4;
  :func:`read` returns a plain :class:`Credentials` summary: present or not,
  trusted / valid / invalid, the actions, the source type, failures in words.
  Both run on ``c2pa-python`` (the Content Authenticity Initiative's library),
  offline: no timestamp server, no certificate lookups.
* :mod:`.metadata`: :func:`metadata_summary`, what EXIF and XMP say (camera,
  dates, software, GPS present or not), with the caution that metadata is easy
  to fake or strip.
* :mod:`.edits`: what happens to a signed file on its way round the internet:
  :func:`recompress_like_chat_app` (credentials gone) and :func:`change_one_pixel`
  (credentials kept, validation fails).

Core layer: imports ``errors``, ``images``, ``files`` and ``label`` (for the
course's methods and their source types) only; ``label.save_fake`` imports it
lazily to sign every fake it saves.
"""

from __future__ import annotations

from .credentials import Credentials, ProvenanceWarning, available, read, sign
from .edits import change_one_pixel, recompress_like_chat_app
from .identity import Identity, course_identity
from .metadata import MetadataSummary, metadata_summary

__all__ = [
    "Credentials",
    "Identity",
    "MetadataSummary",
    "ProvenanceWarning",
    "available",
    "change_one_pixel",
    "course_identity",
    "metadata_summary",
    "read",
    "recompress_like_chat_app",
    "sign",
]
