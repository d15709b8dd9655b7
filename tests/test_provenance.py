"""Content credentials (C2PA) and metadata: sign, read, break, and what a photo's EXIF says (Lesson 07)."""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import cv2
import numpy as np
import pytest
from PIL import Image

from realorfake import label, provenance
from realorfake.errors import CourseError, ImageTooLarge, OutOfRange, ProvenanceError, UnknownName, UnreadableImage
from realorfake.images import load_image
from realorfake.provenance import credentials, identity

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def picture():
    rng = np.random.default_rng(7)
    base = cv2.GaussianBlur((rng.random((150, 200, 3)) * 255).astype(np.uint8), (9, 9), 0)
    return base


@pytest.fixture(params=["png", "jpg"])
def fake(request, picture, tmp_path):
    """A fake the course saved (badge, XMP, and now credentials)."""
    return label.save_fake(picture, tmp_path / f"fake.{request.param}", method="face_swap")


def test_a_saved_fake_is_signed_and_reads_as_trusted_by_the_course(fake):
    found = provenance.read(fake)
    assert found.present and found.state == "trusted" and found.failures == []
    assert found.actions[0] == "c2pa.created" and found.source_type == "compositeSynthetic"
    assert "for learning" in found.signer and "for learning" in found.issuer
    assert "trusts" in found.verdict and "compositeSynthetic" in str(found)
    assert label.read_label(fake)["method"] == "face_swap"  # the XMP label survives the signing
    assert label.is_labelled_fake(load_image(fake))  # and so does the visible badge


def test_without_the_course_ca_the_same_file_is_valid_but_untrusted(fake):
    found = provenance.read(fake, trust_course=False)
    assert found.present and found.state == "valid"
    assert found.failures == [credentials.PLAIN_FAILURES["signingCredential.untrusted"]]
    assert "does not trust" in found.verdict


@pytest.mark.parametrize(("method", "source_type"), [("morph", "compositeSynthetic"), ("average_face", "algorithmicMedia"), ("trained_generator", "trainedAlgorithmicMedia")])
def test_the_source_type_fits_the_method(picture, tmp_path, method, source_type):
    plain = tmp_path / "plain.png"
    cv2.imwrite(str(plain), picture)
    signed = provenance.sign(plain, tmp_path / "signed.png", method=method)
    assert provenance.read(signed).source_type == source_type
    assert provenance.read(plain).state == "none"  # the input was copied, never changed


def test_a_chat_app_copy_has_no_credentials_and_looks_the_same(tmp_path):
    from realorfake.data import portrait

    fake = label.save_fake(portrait("hopper"), tmp_path / "hopper_fake.png", method="face_swap")
    copy = provenance.recompress_like_chat_app(fake, tmp_path / "sent.jpg")
    found = provenance.read(copy)
    assert not found.present and found.state == "none" and "proves nothing" in found.verdict
    before = cv2.imread(str(fake)).astype(int)
    after = cv2.imread(str(copy)).astype(int)
    assert before.shape == after.shape and np.abs(before - after).mean() < 3  # the eye sees the same photo
    assert provenance.metadata_summary(copy).empty  # and it says nothing else either


def test_one_changed_pixel_makes_validation_fail(fake, tmp_path):
    changed = provenance.change_one_pixel(fake, tmp_path / f"changed{fake.suffix}", xy=(10, 20))
    found = provenance.read(changed)
    assert found.present and found.state == "invalid"
    assert credentials.PLAIN_FAILURES["assertion.dataHash.mismatch"] in found.failures
    assert label.read_label(changed)["method"] == "face_swap"  # every metadata block was kept
    if fake.suffix == ".png":  # lossless: exactly one pixel differs, by one level per channel
        a, b = cv2.imread(str(fake)).astype(int), cv2.imread(str(changed)).astype(int)
        differs = np.argwhere(np.any(a != b, axis=2))
        assert differs.tolist() == [[20, 10]] and np.abs(a - b).max() == 1
    with pytest.raises(OutOfRange):
        provenance.change_one_pixel(fake, tmp_path / f"outside{fake.suffix}", xy=(5000, 0))


def test_a_clip_is_signed_inside_the_mp4_and_still_plays(tmp_path):
    from realorfake.fakes.clips import Clip, read_clip_label

    frames = [np.full((48, 64, 3), 40 * k, np.uint8) for k in range(5)]
    path = Clip(frames, fps=5, method="reenactment").save(tmp_path / "clip.mp4")
    found = provenance.read(path)
    assert found.state == "trusted" and found.source_type == "compositeSynthetic"
    assert read_clip_label(path)["content_credentials"] is True
    capture = cv2.VideoCapture(str(path))
    assert int(capture.get(cv2.CAP_PROP_FRAME_COUNT)) == 5 and capture.read()[0]
    capture.release()


def test_a_manifest_signed_by_an_unknown_ca_is_not_trusted_unless_its_anchor_is_given(picture, tmp_path):
    stranger = identity.course_identity(tmp_path / "stranger")  # another computer's identity
    plain = tmp_path / "plain.jpg"
    cv2.imwrite(str(plain), picture)
    signed = provenance.sign(plain, tmp_path / "signed.jpg", method="face_swap", identity=stranger)
    assert provenance.read(signed).state == "valid"  # this computer's course CA did not sign it
    assert provenance.read(signed, anchors=stranger.ca_pem).state == "trusted"


def test_a_damaged_manifest_reads_as_invalid_in_plain_words(fake, tmp_path):
    data = bytearray(fake.read_bytes())
    where = data.find(b"jumb")  # the C2PA box (JUMBF) inside the PNG chunk or JPEG APP11 segment
    assert where > 0
    for offset in range(where + 40, where + 240, 7):
        data[offset] ^= 0x5A
    broken = tmp_path / f"broken{fake.suffix}"
    broken.write_bytes(bytes(data))
    found = provenance.read(broken)
    assert found.present and found.state == "invalid" and found.failures
    assert all(isinstance(f, str) and len(f) > 20 for f in found.failures)


def test_bad_input_gets_clear_errors_and_nothing_is_overwritten(fake, tmp_path, monkeypatch):
    text = tmp_path / "notes.png"
    text.write_text("not a picture at all")
    for call in (lambda: provenance.read(text), lambda: provenance.sign(text, tmp_path / "x.png", method="face_swap")):
        with pytest.raises(UnreadableImage, match="not a PNG, JPEG or MP4"):
            call()
    with pytest.raises(UnreadableImage, match="There is no file"):
        provenance.read(tmp_path / "missing.jpg")
    before = fake.read_bytes()
    with pytest.raises(CourseError, match="overwrite=True"):
        provenance.sign(fake, fake, method="face_swap")
    other = fake.with_suffix(".gif")
    with pytest.raises(CourseError, match="name ending in"):
        provenance.sign(fake, other, method="face_swap")
    with pytest.raises(UnknownName):
        provenance.sign(fake, tmp_path / f"y{fake.suffix}", method="photoshopped")
    assert fake.read_bytes() == before and not other.exists() and not (tmp_path / f"y{fake.suffix}").exists()
    monkeypatch.setattr(credentials, "MAX_BYTES", 1000)
    with pytest.raises(ImageTooLarge):
        provenance.read(fake)
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []  # no half-written file left


def test_signing_in_place_only_when_asked(picture, tmp_path):
    plain = tmp_path / "mine.png"
    cv2.imwrite(str(plain), picture)
    provenance.sign(plain, plain, method="morph", overwrite=True)
    assert provenance.read(plain).state == "trusted"


def test_the_identity_is_made_once_in_the_progress_folder_and_says_it_is_for_learning(fake):
    from cryptography import x509
    from cryptography.x509.oid import ExtendedKeyUsageOID

    folder = Path(os.environ["REALORFAKE_PROGRESS"]) / "signing"
    made = identity.course_identity()
    assert made.folder == folder and identity.course_identity() == made  # loaded, not made again
    assert stat.S_IMODE((folder / identity.KEY_FILE).stat().st_mode) == 0o600
    signer, ca = x509.load_pem_x509_certificates(made.chain_pem)
    assert signer.issuer == ca.subject != signer.subject  # C2PA refuses a self-signed signer
    assert ExtendedKeyUsageOID.EMAIL_PROTECTION in signer.extensions.get_extension_for_class(x509.ExtendedKeyUsage).value
    assert signer.extensions.get_extension_for_class(x509.KeyUsage).value.digital_signature
    assert not signer.extensions.get_extension_for_class(x509.BasicConstraints).value.ca
    assert "NOT FOR REAL USE" in ca.subject.rfc4514_string() and "for learning" in signer.subject.rfc4514_string()
    tracked = subprocess.run(["git", "ls-files", "*.pem", "*key*"], cwd=ROOT, capture_output=True, text=True).stdout
    assert tracked == ""  # never committed


def test_a_damaged_identity_is_moved_aside_and_replaced(tmp_path):
    folder = tmp_path / "signing"
    first = identity.course_identity(folder)
    (folder / identity.KEY_FILE).write_text("garbage")
    second = identity.course_identity(folder)
    assert second.key_pem != first.key_pem
    old = [p for p in tmp_path.iterdir() if p.name.startswith("signing-old-")]
    assert len(old) == 1 and (old[0] / identity.KEY_FILE).read_text() == "garbage"  # kept, not deleted


def test_without_the_library_a_fake_keeps_its_badge_and_label_and_says_so(picture, tmp_path, monkeypatch):
    monkeypatch.setattr(credentials, "available", lambda: False)
    with pytest.warns(credentials.ProvenanceWarning, match="without content credentials"):
        path = label.save_fake(picture, tmp_path / "f.png", method="face_swap")
    assert label.is_labelled(path) and provenance.read(path).state == "none"


def test_an_unlabelled_save_gets_no_credentials_either(picture, tmp_path):
    with pytest.warns(label.UnlabelledFakeWarning):
        path = label.save_fake(picture, tmp_path / "plain.png", method="face_swap", label=False)
    assert provenance.read(path).state == "none"


def test_no_deprecated_global_settings():
    """The issue asks for the library's per-call Context, never its global load_settings."""
    source = "".join(p.read_text(encoding="utf-8") for p in (ROOT / "src/realorfake/provenance").glob("*.py"))
    assert "load_settings" not in source and "Context(" in source


def test_signing_and_reading_need_no_network(tmp_path):
    """The round trip in a process with no network at all (a new network namespace: only a down loopback)."""
    unshare = shutil.which("unshare")
    command = [unshare, "-n"] if os.geteuid() == 0 else [unshare, "-rn"]
    if unshare is None or subprocess.run([*command, "true"], capture_output=True).returncode != 0:
        pytest.skip("unshare cannot make a network namespace here")
    script = textwrap.dedent(
        """
        import json, sys, socket
        import numpy as np
        from realorfake import label, provenance
        try:
            socket.create_connection(("1.1.1.1", 443), timeout=2)
            online = True
        except OSError:
            online = False
        image = (np.random.default_rng(0).random((64, 64, 3)) * 255).astype(np.uint8)
        path = label.save_fake(image, sys.argv[1], method="face_swap")
        print(json.dumps({"online": online, "state": provenance.read(path).state, "untrusted": provenance.read(path, trust_course=False).state}))
        """
    )
    env = os.environ | {"PYTHONPATH": str(ROOT / "src")}
    run = subprocess.run([*command, sys.executable, "-c", script, str(tmp_path / "f.jpg")], capture_output=True, text=True, env=env, timeout=120)
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout.strip().splitlines()[-1]) == {"online": False, "state": "trusted", "untrusted": "valid"}


# ---------------------------------------------------------------- metadata


def test_metadata_summary_reads_camera_dates_software_and_gps(tmp_path):
    exif = Image.Exif()
    exif[0x010F] = "Canon"
    exif[0x0110] = "Canon EOS 80D"
    exif[0x0131] = "Darktable 4.6"
    exif[0x0132] = "2023:07:06 10:00:00"
    exif.get_ifd(0x8769)[0x9003] = "2023:07:05 21:14:09"
    exif.get_ifd(0x8825)[1] = "N"
    exif.get_ifd(0x8825)[2] = (40.0, 25.0, 0.0)
    path = tmp_path / "holiday.jpg"
    Image.new("RGB", (80, 60), "orange").save(path, exif=exif)
    summary = provenance.metadata_summary(path)
    assert (summary.camera, summary.taken, summary.modified, summary.software) == ("Canon EOS 80D", "2023:07:05 21:14:09", "2023:07:06 10:00:00", "Darktable 4.6")
    assert summary.gps and summary.size == (80, 60) and summary.format == "JPEG" and not summary.empty
    text = str(summary)
    assert "GPS position: recorded" in text and "never proof on its own" in text


def test_metadata_summary_of_a_bare_image_and_of_a_labelled_fake(tmp_path, picture):
    bare = tmp_path / "screenshot.png"
    Image.fromarray(picture).save(bare)
    summary = provenance.metadata_summary(bare)
    assert summary.empty and not summary.gps and "no metadata at all" in str(summary)
    fake = label.save_fake(picture, tmp_path / "fake.jpg", method="morph")
    summary = provenance.metadata_summary(fake)
    assert summary.source_type == "compositeSynthetic" and summary.software == label.CREATOR_TOOL
    with pytest.raises(UnreadableImage):
        provenance.metadata_summary(tmp_path / "nothing.jpg")


def test_provenance_error_is_a_course_error():
    assert issubclass(ProvenanceError, CourseError)
