"""The course's signing identity: a test certificate authority and one signing certificate, made on this computer.

C2PA refuses a self-signed signing certificate: the signer's certificate must be
issued by a certificate authority (CA), carry the key usage ``digitalSignature``
and an extended key usage that C2PA accepts (here ``emailProtection``), and not be
a CA itself. So the course makes two P-256 (ECDSA) key pairs on first use, with
the ``cryptography`` library:

* a **learning CA** ("Real or Fake? learning CA - NOT FOR REAL USE"), which the
  course's reader trusts as its only trust anchor, and
* a **signing certificate** issued by it ("Real or Fake? learner - for learning
  only").

Both say in their names that they are for learning: a manifest signed with them
shows that wording wherever it is read, and no real validator trusts them. They
live in ``<progress folder>/signing/`` (the learner's own data folder, see
:func:`realorfake.files.progress_folder`), never in the course folder, so they are
never committed; each learner (each JupyterHub user) gets their own. The private
keys are written readable by their owner only.
"""

from __future__ import annotations

import datetime
import os
import secrets
import shutil
from dataclasses import dataclass
from pathlib import Path

from ..errors import ProvenanceError
from ..files import progress_folder

#: Subfolder of the progress folder that holds the identity.
FOLDER_NAME = "signing"
CA_FILE = "learning-ca.pem"
CHAIN_FILE = "signer-chain.pem"
KEY_FILE = "signer-key.pem"
CA_NAME = "Real or Fake? learning CA - NOT FOR REAL USE"
SIGNER_NAME = "Real or Fake? learner - for learning only"
ORGANIZATION = "Real or Fake? course, for learning only: NOT FOR REAL USE"
#: How long the certificates are valid (days); a new identity is made when they expire.
VALID_DAYS = 5 * 365


@dataclass(frozen=True)
class Identity:
    """A signing identity: PEM bytes of the signer's chain (signer first, then the CA), its private key, and the CA.

    ``folder`` is where the three files live; ``signer_name`` and ``ca_name`` are
    the certificates' common names, as a reader shows them.
    """

    chain_pem: bytes
    key_pem: bytes
    ca_pem: bytes
    folder: Path
    signer_name: str = SIGNER_NAME
    ca_name: str = CA_NAME


def course_identity(folder: str | os.PathLike | None = None) -> Identity:
    """The course's signing identity, made in ``folder`` (default ``<progress folder>/signing``) on first use.

    Later calls load the same files. Files that do not load, do not belong
    together or have expired are moved aside (to ``signing-old-<random>``, never
    deleted) and a fresh identity is made. Raises ``ProvenanceError`` when the
    folder cannot be written or the ``cryptography`` library is missing.
    """
    folder = Path(folder) if folder is not None else progress_folder() / FOLDER_NAME
    if folder.is_dir():
        try:
            return _load(folder)
        except ValueError:
            _move_aside(folder)
    return _create(folder)


def _load(folder: Path) -> Identity:
    """Load the three files; ``ValueError`` when any is missing, damaged, mismatched or expired."""
    try:
        from cryptography import x509
        from cryptography.hazmat.primitives import serialization
    except ImportError as error:  # pragma: no cover - a pinned dependency
        raise ProvenanceError("Content credentials need the 'cryptography' library: run `make lab` again to install it.") from error
    try:
        chain_pem = (folder / CHAIN_FILE).read_bytes()
        key_pem = (folder / KEY_FILE).read_bytes()
        ca_pem = (folder / CA_FILE).read_bytes()
        chain = x509.load_pem_x509_certificates(chain_pem)
        key = serialization.load_pem_private_key(key_pem, password=None)
        ca = x509.load_pem_x509_certificate(ca_pem)
    except (OSError, ValueError, TypeError) as error:
        raise ValueError(f"the identity files do not load: {error}") from None
    now = datetime.datetime.now(datetime.UTC)
    signer = chain[0]
    if signer.public_key().public_numbers() != key.public_key().public_numbers():
        raise ValueError("the key does not belong to the certificate")
    if signer.issuer != ca.subject or len(chain) < 2 or chain[-1] != ca:
        raise ValueError("the certificate was not issued by this CA")
    if any(not (cert.not_valid_before_utc <= now < cert.not_valid_after_utc - datetime.timedelta(days=1)) for cert in (signer, ca)):
        raise ValueError("the certificates have expired")
    return Identity(chain_pem, key_pem, ca_pem, folder)


def _move_aside(folder: Path) -> None:
    """Keep a damaged or expired identity (a learner may want to read old files with it), out of the way."""
    try:
        os.replace(folder, folder.with_name(f"{folder.name}-old-{secrets.token_hex(4)}"))
    except OSError as error:
        raise ProvenanceError(f"The signing identity in {str(folder)!r} is damaged and could not be moved aside ({error.strerror or error}).") from None


def _create(folder: Path) -> Identity:
    """Make a CA and a signing certificate, write them into a new folder, then rename it into place."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

    now = datetime.datetime.now(datetime.UTC)
    start, end = now - datetime.timedelta(hours=1), now + datetime.timedelta(days=VALID_DAYS)

    def name(common: str) -> x509.Name:
        return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common), x509.NameAttribute(NameOID.ORGANIZATION_NAME, ORGANIZATION)])

    def usage(*, sign_certificates: bool) -> x509.KeyUsage:
        return x509.KeyUsage(
            digital_signature=not sign_certificates,
            content_commitment=False,
            key_encipherment=False,
            data_encipherment=False,
            key_agreement=False,
            key_cert_sign=sign_certificates,
            crl_sign=sign_certificates,
            encipher_only=False,
            decipher_only=False,
        )

    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca = (
        x509.CertificateBuilder()
        .subject_name(name(CA_NAME))
        .issuer_name(name(CA_NAME))
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(end)
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(usage(sign_certificates=True), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    key = ec.generate_private_key(ec.SECP256R1())
    signer = (
        x509.CertificateBuilder()
        .subject_name(name(SIGNER_NAME))
        .issuer_name(ca.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(end)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(usage(sign_certificates=False), critical=True)
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION]), critical=False)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    pem = serialization.Encoding.PEM
    ca_pem = ca.public_bytes(pem)
    chain_pem = signer.public_bytes(pem) + ca_pem
    key_pem = key.private_bytes(pem, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    new = folder.with_name(f".{folder.name}-new-{secrets.token_hex(4)}")
    try:
        new.mkdir(parents=True, mode=0o700)
        (new / CA_FILE).write_bytes(ca_pem)
        (new / CHAIN_FILE).write_bytes(chain_pem)
        descriptor = os.open(new / KEY_FILE, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(key_pem)
        (new / "README.txt").write_text(
            "The Real or Fake? course made these files on this computer to sign the fakes it makes (Lesson 07).\n"
            "They are for learning only: no real validator trusts them. The private key stays here; do not share it.\n"
            "Delete this folder to make a new identity.\n",
            encoding="utf-8",
        )
        try:
            os.rename(new, folder)
        except OSError:
            if folder.is_dir():  # another kernel made one at the same moment: use theirs
                shutil.rmtree(new, ignore_errors=True)
                return _load(folder)
            raise
    except OSError as error:
        shutil.rmtree(new, ignore_errors=True)
        raise ProvenanceError(f"Could not make the course's signing identity in {str(folder.parent)!r} ({error.strerror or error}). Set REALORFAKE_PROGRESS to a folder you may write.") from None
    return Identity(chain_pem, key_pem, ca_pem, folder)
