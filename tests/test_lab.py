"""make lab lands on Lesson 01: the printed address is the lesson's, and JupyterLab's news stays quiet."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from conftest import ROOT
from realorfake.course import lab


def test_the_printed_address_opens_lesson_01_with_its_token():
    out = subprocess.run([sys.executable, "-m", "realorfake.course.lab", "--dry-run"], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    address = next(line.strip() for line in out.stdout.splitlines() if line.strip().startswith("http://localhost:"))
    assert "/lab/tree/lessons/01_what_is_deepfake/01_what_is_deepfake.ipynb?token=" in address
    token = address.rsplit("token=", 1)[1]
    command = out.stdout.strip().splitlines()[-1]
    assert f"--IdentityProvider.token={token}" in command and "01_what_is_deepfake.ipynb" in command
    assert (ROOT / lab.FIRST_LESSON).exists()


def test_root_and_screen_flags_are_passed_only_when_needed():
    as_user = lab.lab_command("x.ipynb", 8888, "t", root=False, screen=True)
    as_root = lab.lab_command("x.ipynb", 8888, "t", root=True, screen=False)
    assert "--allow-root" not in as_user and "--no-browser" not in as_user
    assert "--allow-root" in as_root and "--no-browser" in as_root
    assert ("--allow-root" in lab.lab_command("x", 1, "t", root=os.geteuid() == 0, screen=False)) == (os.geteuid() == 0)


def test_the_news_popup_is_turned_off_and_other_settings_are_kept(tmp_path):
    settings = tmp_path / "share" / "jupyter" / "lab" / "settings" / "overrides.json"
    settings.parent.mkdir(parents=True)
    settings.write_text(json.dumps({"@jupyterlab/apputils-extension:themes": {"theme": "JupyterLab Dark"}}))
    lab.quiet_news(tmp_path)
    written = json.loads(settings.read_text())
    assert written["@jupyterlab/apputils-extension:notification"] == {"checkForUpdates": False, "fetchNews": "false"}
    assert written["@jupyterlab/apputils-extension:themes"] == {"theme": "JupyterLab Dark"}


def test_a_busy_port_is_skipped():
    import socket

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        assert lab.free_port(port, tries=5) != port


def test_the_server_takes_phone_sized_uploads():
    command = " ".join(lab.lab_command("x.ipynb", 8888, "t", root=False, screen=True))
    assert f'"websocket_max_message_size": {lab.MAX_MESSAGE_BYTES}' in command and lab.MAX_MESSAGE_BYTES >= 25_000_000
