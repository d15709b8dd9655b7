"""End to end: `make lab`'s JupyterLab serves the course, and in a real browser the
lessons' widgets render and respond. Uses Debian's chromium through Playwright."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
TOKEN = "realorfake-test-token"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """A JupyterLab server on a copy of lessons/ (the browser may save; the repository stays clean)."""
    workdir = tmp_path_factory.mktemp("lab")
    shutil.copytree(ROOT / "lessons", workdir / "lessons")
    port = _free_port()
    command = [
        sys.executable,
        "-m",
        "jupyter",
        "lab",
        "--no-browser",
        f"--port={port}",
        "--ip=127.0.0.1",
        f"--ServerApp.token={TOKEN}",
        f"--ServerApp.root_dir={workdir}",
        "--LabApp.news_url=",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
    ]
    if os.geteuid() == 0:
        command.append("--allow-root")
    env = {**os.environ, "REALORFAKE_PROGRESS": str(workdir / "progress"), "JUPYTER_CONFIG_DIR": str(workdir / "config")}
    server = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=workdir)
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 60
    while True:
        try:
            urllib.request.urlopen(f"{url}/api/status?token={TOKEN}", timeout=2)
            break
        except OSError:
            if server.poll() is not None or time.time() > deadline:
                server.kill()
                raise RuntimeError(f"JupyterLab did not start: {server.stderr.read().decode()[-2000:]}") from None
            time.sleep(0.5)
    yield url, workdir
    server.terminate()
    try:
        server.wait(timeout=20)
    except subprocess.TimeoutExpired:
        server.kill()


def test_jupyterlab_serves_every_lesson(lab):
    import json

    url, _ = lab
    listing = json.load(urllib.request.urlopen(f"{url}/api/contents/lessons?token={TOKEN}"))
    names = sorted(item["name"] for item in listing["content"])
    assert names == sorted(p.name for p in (ROOT / "lessons").iterdir() if p.is_dir())
    page = urllib.request.urlopen(f"{url}/lab?token={TOKEN}").read().decode()
    assert "JupyterLab" in page


@pytest.fixture(scope="module")
def browser():
    executable = shutil.which("chromium")
    if executable is None:
        pytest.skip("chromium is not installed (make test installs it when run as root)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def _run_all(page, url: str, notebook: str) -> None:
    """Open a notebook, wait until its kernel is idle, and run all cells (again if the click came too early)."""
    page.goto(f"{url}/lab/tree/{notebook}?token={TOKEN}")
    page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=60_000)
    page.get_by_text("| Idle").first.wait_for(timeout=120_000)  # the status bar: "<kernel> | Idle"
    prompts = page.locator(".jp-InputArea-prompt", has_text="[1]")
    for _ in range(3):
        page.get_by_role("menuitem", name="Run", exact=True).click()
        page.get_by_role("menuitem", name="Run All Cells", exact=True).click()
        try:
            prompts.first.wait_for(timeout=60_000)
            return
        except Exception:  # the kernel was not ready for the first click: try again
            continue
    raise AssertionError(f"{notebook}: Run All Cells did not start the kernel")


def test_warmup_quiz_works_in_the_browser(lab, browser):
    url, workdir = lab
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    _run_all(page, url, "lessons/01_what_is_deepfake/01_what_is_deepfake.ipynb")
    fake = page.locator(".jp-OutputArea-output button", has_text="Fake").first
    fake.wait_for(timeout=180_000)
    fake.scroll_into_view_if_needed()
    fake.click()
    page.locator(".jp-OutputArea-output", has_text="Next").first.wait_for(timeout=20_000)
    page.screenshot(path=str(workdir / "quiz.png"))
    assert page.locator(".jp-OutputArea-output", has_text="✓").count() + page.locator(".jp-OutputArea-output", has_text="✗").count() > 0
    page.close()


ARTIFACTS = ROOT / "test-artifacts"  # screenshots of what a learner sees, kept for people to look at (git-ignored)


def _aspect_errors(page) -> list[str]:
    """Every widget picture on the page whose shape on screen differs from its own shape by more than 3%."""
    return page.evaluate(
        """() => Array.from(document.querySelectorAll('.jp-OutputArea-output img.widget-image, .jp-OutputArea-output .widget-image img, .jp-OutputArea-output img'))
            .filter(img => img.naturalWidth > 0 && img.clientWidth > 0 && img.clientHeight > 0)
            .map(img => [img.naturalWidth / img.naturalHeight, img.clientWidth / img.clientHeight, img.naturalWidth, img.naturalHeight, img.clientWidth, img.clientHeight])
            .filter(([own, shown]) => Math.abs(shown / own - 1) > 0.03)
            .map(r => `own ${r[2]}x${r[3]} shown ${r[4]}x${r[5]}`)"""
    )


def test_widget_pictures_keep_their_shape(lab, browser):
    """The landmark explorer once stretched square portraits to the height of its controls."""
    url, _ = lab
    ARTIFACTS.mkdir(exist_ok=True)
    page = browser.new_page(viewport={"width": 1366, "height": 768})
    _run_all(page, url, "lessons/02_faces_as_data/02_faces_as_data.ipynb")
    picker = page.locator(".jp-OutputArea-output select").first
    picker.wait_for(timeout=180_000)
    for choice in ("Collins, small", "Coffee (no face)", "Grace Hopper"):
        picker.scroll_into_view_if_needed()
        picker.select_option(label=choice)
        page.wait_for_timeout(1500)
        assert _aspect_errors(page) == [], choice
    page.screenshot(path=str(ARTIFACTS / "lesson02_explorer_1366.png"))
    page.close()
