"""Sign a file with content credentials (a C2PA manifest) and read them back in plain words.

C2PA (the Coalition for Content Provenance and Authenticity, https://c2pa.org,
specification 2.x) stores a signed *manifest* inside a PNG, JPEG or MP4: who made
the file, with which actions, and a hash of the file's bytes. A reader checks
the signature, the certificate chain against the trust anchors it was given, and
the hash against the bytes it reads. The work is done by ``c2pa-python``, the
Content Authenticity Initiative's library, with its current ``Builder`` /
``Signer`` / ``Reader`` API and a per-call ``Context`` that blocks every network
use (no timestamp server, no remote manifests, no OCSP).

What the lesson shows with it: credentials say what made a file when they are
there and intact; a re-saved copy (a chat app) simply has none, so **the absence
of a label proves nothing**; a changed pixel makes validation fail.
"""

from __future__ import annotations

import io
import os
import warnings
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import CourseError, ImageTooLarge, ProvenanceError, UnreadableImage
from ..files import replacing
from ..label import CREATOR_TOOL, method_info
from ..text import fit_lines
from .identity import FOLDER_NAME, Identity, course_identity

#: Largest file signed or read (bytes): the course's files are far smaller.
MAX_BYTES = 200_000_000
#: The kinds of file the course signs, by their content: MIME type and the suffixes a name may have.
KINDS = {"image/png": (".png",), "image/jpeg": (".jpg", ".jpeg"), "video/mp4": (".mp4", ".m4v")}
#: The IPTC vocabulary's address: a source type's short name follows it.
IPTC = "http://cv.iptc.org/newscodes/digitalsourcetype/"

#: Validation states of :class:`Credentials`, from the strongest.
STATES = ("trusted", "valid", "invalid", "none")

#: C2PA validation status codes in plain words (the C2PA specification's list; others keep the library's words).
PLAIN_FAILURES = {
    "assertion.dataHash.mismatch": "The file's bytes changed after it was signed: its pixels no longer match the hash sealed in the manifest.",
    "assertion.bmffHash.mismatch": "The clip's bytes changed after it was signed: its frames no longer match the hash sealed in the manifest.",
    "assertion.boxesHash.mismatch": "The file's bytes changed after it was signed: they no longer match the hash sealed in the manifest.",
    "assertion.hashedURI.mismatch": "A part of the manifest was changed after it was signed.",
    "assertion.missing": "A part of the manifest that the signature covers is missing.",
    "claimSignature.mismatch": "The signature does not match the manifest: the manifest was changed after it was signed.",
    "claimSignature.missing": "The manifest has no signature.",
    "claimSignature.outsideValidity": "The signature was made outside the dates its certificate is valid for.",
    "signingCredential.untrusted": "The signer's certificate was not issued by an authority this reader trusts: anyone can make such a certificate.",
    "signingCredential.expired": "The signer's certificate had expired.",
    "signingCredential.revoked": "The signer's certificate was revoked.",
    "signingCredential.invalid": "The signer's certificate is not one that C2PA accepts.",
    "claim.missing": "The manifest's claim is missing.",
    "manifest.inaccessible": "The manifest could not be reached.",
}


class ProvenanceWarning(UserWarning):
    """A fake was saved with its badge and XMP label but without signed content credentials (and why)."""


def available() -> bool:
    """True when the signing library (``c2pa-python``) and ``cryptography`` can be imported."""
    try:
        import c2pa  # noqa: F401
        import cryptography  # noqa: F401
    except ImportError:
        return False
    return True


@dataclass
class Credentials:
    """What a file's content credentials say, in plain words.

    ``present``: the file carries a C2PA manifest. ``state``: ``"trusted"`` (intact,
    signed by a certificate the reader trusts), ``"valid"`` (intact, signer not
    trusted), ``"invalid"`` (something does not check out, see ``failures``) or
    ``"none"`` (no manifest). ``actions``: the C2PA actions (``"c2pa.created"`` …);
    ``source_type``: the IPTC digital source type's short name
    (``"compositeSynthetic"`` …); ``signer`` and ``issuer``: the certificate's
    names; ``failures``: each problem in one plain sentence.
    """

    file: str
    present: bool
    state: str
    actions: list[str] = field(default_factory=list)
    source_type: str | None = None
    description: str | None = None
    generator: str | None = None
    signer: str | None = None
    issuer: str | None = None
    failures: list[str] = field(default_factory=list)

    @property
    def verdict(self) -> str:
        """One sentence: what a careful reader may conclude."""
        if not self.present:
            return "No content credentials. That proves nothing: most real photos have none, and re-saving a file removes them."
        if self.state == "invalid":
            return "Content credentials are there but do not check out: the file or its manifest changed after signing."
        made = f" It says it was made as {self.source_type}." if self.source_type else ""
        if self.state == "trusted":
            return f"Content credentials intact, signed by a certificate this reader trusts.{made}"
        return f"Content credentials intact, but signed by a certificate this reader does not trust.{made}"

    def lines(self) -> list[str]:
        """The summary as short lines (what ``print`` shows)."""
        lines = [f"{self.file}: {self.verdict}"]
        if self.present:
            if self.actions:
                lines.append(f"  actions: {', '.join(self.actions)}")
            if self.source_type:
                lines.append(f"  digital source type: {self.source_type}")
            if self.description:
                lines.append(f"  description: {self.description}")
            if self.signer:
                lines.append(f"  signed by: {self.signer} (certificate from: {self.issuer or 'unknown'})")
            lines += [f"  problem: {failure}" for failure in self.failures]
        return lines

    def __str__(self) -> str:
        return fit_lines("\n".join(self.lines()))

    def _repr_pretty_(self, printer, cycle) -> None:  # IPython shows the plain summary
        printer.text(str(self))


def sign(
    path: str | os.PathLike,
    out: str | os.PathLike,
    *,
    method: str,
    description: str | None = None,
    identity: Identity | None = None,
    overwrite: bool = False,
) -> Path:
    """Copy a PNG, JPEG or MP4 to ``out`` with an embedded, signed C2PA manifest; returns ``out``.

    The manifest's first (and only) action is ``c2pa.created`` with the IPTC
    digital source type of ``method`` (a method of :data:`realorfake.label.METHODS`:
    ``"face_swap"`` and ``"morph"`` are ``compositeSynthetic``,
    ``"average_face"`` is ``algorithmicMedia`` …) and ``description``. It is
    signed with ES256 by ``identity`` (default: :func:`course_identity`), with no
    timestamp server and no network. ``out`` must have the input's kind (a JPEG
    stays a JPEG); it is written next to itself first, then renamed, so nothing
    is left half-written. ``out`` equal to ``path`` replaces the input only with
    ``overwrite=True``. Raises ``UnreadableImage`` (not a PNG, JPEG or MP4),
    ``ImageTooLarge`` (over 200 MB), ``UnknownName`` (method), ``CourseError``
    (names) and ``ProvenanceError`` (the library refused).
    """
    info = method_info(method)
    source, target = Path(path), Path(out)
    kind = _kind(source)
    if target.suffix.lower() not in KINDS[kind]:
        raise CourseError(f"{source.name} is {_kind_name(kind)}: give the signed copy a name ending in {' or '.join(KINDS[kind])} (got {target.name!r}).")
    if _same_file(source, target) and not overwrite:
        raise CourseError(f"Signing would replace {source.name} itself: give another name for the signed copy, or pass overwrite=True.")
    c2pa = _library()
    identity = identity or course_identity()
    text = " ".join(str(description if description is not None else info.description).split())
    action = {"action": "c2pa.created", "digitalSourceType": info.source_type, "softwareAgent": {"name": CREATOR_TOOL}, "description": text}
    manifest = {
        "claim_generator_info": [{"name": CREATOR_TOOL, "version": _version()}],
        "title": target.name,
        "assertions": [{"label": "c2pa.actions", "data": {"actions": [action]}}],
    }
    data = source.read_bytes()
    try:
        signer = c2pa.Signer.from_info(c2pa.C2paSignerInfo(c2pa.C2paSigningAlg.ES256, identity.chain_pem, identity.key_pem, None))
        with c2pa.Context(_offline_settings(c2pa, None)) as context:
            builder = c2pa.Builder(manifest, context=context)
            with replacing(target) as temporary, open(temporary, "w+b") as written:
                builder.sign(signer, kind, io.BytesIO(data), written)
    except c2pa.C2paError as error:
        raise ProvenanceError(f"Could not sign {source.name}: {_library_words(error)}") from None
    return target


def read(path: str | os.PathLike, *, trust_course: bool = True, anchors: bytes | None = None) -> Credentials:
    """The content credentials of a PNG, JPEG or MP4, as a plain :class:`Credentials` summary.

    With ``trust_course=True`` the course's learning CA (if this computer has
    made one) is the trust anchor, so the course's own signatures read as
    ``"trusted"``; with ``trust_course=False`` they read as ``"valid"`` (intact,
    signer untrusted), as they would anywhere else. ``anchors`` adds PEM
    certificates to trust. Nothing is fetched from the network. A damaged
    manifest reads as ``"invalid"`` with the reason; no manifest as ``"none"``.
    Raises ``UnreadableImage`` (not a PNG, JPEG or MP4; a missing file) and
    ``ImageTooLarge`` (over 200 MB).
    """
    source = Path(path)
    kind = _kind(source)
    c2pa = _library()
    trusted = anchors or b""
    if trust_course:
        trusted += _course_anchor()
    name = source.name
    try:
        with c2pa.Context(_offline_settings(c2pa, trusted or None)) as context:
            reader = c2pa.Reader.try_create(kind, io.BytesIO(source.read_bytes()), context=context)
            if reader is None:
                return Credentials(name, present=False, state="none")
            with reader:
                manifest = reader.get_active_manifest() or {}
                results = reader.get_validation_results() or {}
                state = str(reader.get_validation_state() or "Invalid").lower()
    except c2pa.C2paError as error:
        if type(error).__name__.endswith("ManifestNotFound"):
            return Credentials(name, present=False, state="none")
        words = "The file holds a content-credentials block that cannot be read: it was damaged or cut after signing."
        return Credentials(name, present=True, state="invalid", failures=[f"{words} ({_library_words(error)})"])
    return _summary(name, manifest, results, state)


def _summary(name: str, manifest: dict, results: dict, state: str) -> Credentials:
    """A Credentials from the library's active manifest and validation results."""
    actions, source_type, description = [], None, None
    for assertion in manifest.get("assertions", []):
        if str(assertion.get("label", "")).startswith("c2pa.actions"):
            for action in (assertion.get("data") or {}).get("actions", []):
                actions.append(str(action.get("action")))
                if source_type is None and action.get("digitalSourceType"):
                    source_type = str(action["digitalSourceType"]).removeprefix(IPTC)
                    description = action.get("description")
    signature = manifest.get("signature_info") or {}
    generator = next((g.get("name") for g in manifest.get("claim_generator_info", []) if isinstance(g, dict)), None)
    failures = []
    statuses = (results.get("activeManifest") or {}).get("failure", [])
    for status in sorted(statuses, key=lambda s: str(s.get("code", "")).startswith("signingCredential")):  # what changed first, then who signed
        code = str(status.get("code", ""))
        failures.append(PLAIN_FAILURES.get(code, f"{code}: {status.get('explanation', 'no explanation')}"))
    if state not in STATES:
        state = "invalid"
    return Credentials(
        name,
        present=True,
        state=state,
        actions=actions,
        source_type=source_type,
        description=description,
        generator=generator,
        signer=signature.get("common_name"),
        issuer=signature.get("issuer"),
        failures=list(dict.fromkeys(failures)),
    )


def _kind(path: Path) -> str:
    """The MIME type of a PNG, JPEG or MP4 by its first bytes; UnreadableImage / ImageTooLarge otherwise."""
    if not isinstance(path, Path) or not path.is_file():
        raise UnreadableImage(f"There is no file {str(path)!r}: check the name and the folder.")
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise ImageTooLarge(f"{path.name} is {size / 1e6:.0f} MB: content credentials are handled here for files up to {MAX_BYTES // 1_000_000} MB.")
    with open(path, "rb") as handle:
        head = handle.read(12)
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head[4:8] == b"ftyp":
        return "video/mp4"
    raise UnreadableImage(f"{path.name} is not a PNG, JPEG or MP4 file, so it cannot carry the content credentials this lesson uses.")


def _kind_name(kind: str) -> str:
    return {"image/png": "a PNG image", "image/jpeg": "a JPEG image", "video/mp4": "an MP4 clip"}[kind]


def _same_file(a: Path, b: Path) -> bool:
    try:
        return b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


def _library():
    """The c2pa module; ProvenanceError when it is not installed."""
    try:
        import c2pa
    except ImportError:
        raise ProvenanceError("Content credentials need the 'c2pa-python' library: run `make lab` again to install it.") from None
    return c2pa


def _offline_settings(c2pa, anchors: bytes | None):
    """Settings that keep the library off the network; ``anchors`` (PEM) become the trust anchors."""
    settings = {
        "core": {"allowed_network_hosts": []},
        "verify": {"verify_trust": True, "remote_manifest_fetch": False, "ocsp_fetch": False},
        "builder": {"thumbnail": {"enabled": False}},  # no second copy of the picture inside the file: it would double a small JPEG
    }
    if anchors:
        settings["trust"] = {"trust_anchors": anchors.decode("ascii")}
    return c2pa.Settings.from_dict(settings)


def _course_anchor() -> bytes:
    """The course's learning CA (PEM) if this computer has made one; nothing otherwise (reading never creates one)."""
    from ..files import progress_folder
    from .identity import CA_FILE

    try:
        return (progress_folder() / FOLDER_NAME / CA_FILE).read_bytes()
    except OSError:
        return b""


def _library_words(error: Exception) -> str:
    text = " ".join(str(error).split())
    return text[:300] or type(error).__name__


def _version() -> str:
    from .. import __version__

    return __version__


def sign_or_warn(path: Path, *, method: str, description: str | None = None) -> bool:
    """Sign ``path`` in place if the signing library is there; warn (``ProvenanceWarning``) and return False otherwise.

    Used by :func:`realorfake.label.save_fake` and clip saving: a fake keeps its
    badge and XMP label even where content credentials cannot be made.
    """
    if not available():
        warnings.warn(f"{path.name} was saved with its badge and label but without content credentials: install 'c2pa-python' (make lab).", ProvenanceWarning, stacklevel=3)
        return False
    try:
        sign(path, path, method=method, description=description, overwrite=True)
    except CourseError as error:
        warnings.warn(f"{path.name} was saved with its badge and label but without content credentials: {error}", ProvenanceWarning, stacklevel=3)
        return False
    return True
