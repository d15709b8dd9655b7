"""End to end: `make lab`'s JupyterLab serves the course, and in a real browser the
lessons' widgets render and respond. Uses Debian's chromium through Playwright."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import expect

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
    from realorfake.course import lab as course_lab

    # The course's own server command (as make lab runs it), so what is tested is what learners get.
    command = course_lab.lab_command(None, port, TOKEN, root=os.geteuid() == 0, screen=False, root_dir=workdir)
    command += ["--ip=127.0.0.1"]
    course_lab.quiet_news()  # as make lab does: no news pop-up over the lesson
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
    page.goto(f"{url}/lab/tree/{notebook}?token={TOKEN}&reset")  # reset: no tabs restored from an earlier page
    shown = ".jp-NotebookPanel:not(.lm-mod-hidden)"  # the notebook on screen, not one in a hidden tab
    page.wait_for_selector(f"{shown} .jp-Cell", timeout=60_000)
    page.get_by_text("| Idle").first.wait_for(timeout=120_000)  # the status bar: "<kernel> | Idle"
    prompts = page.locator(f"{shown} .jp-InputArea-prompt", has_text="[1]")
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


def _phone_photo(path: Path) -> Path:
    """A JPEG of about 15 MB, like a phone's: 4000 x 3000, coarse grain, with Hopper's face in the middle."""
    import cv2
    import numpy as np

    from realorfake import data

    rng = np.random.default_rng(0)
    photo = rng.integers(40, 220, (3000, 4000, 3), dtype=np.uint8)
    face = cv2.resize(data.portrait("hopper"), None, fx=2.5, fy=2.5, interpolation=cv2.INTER_CUBIC)
    photo[600 : 600 + face.shape[0], 1400 : 1400 + face.shape[1]] = face
    cv2.imwrite(str(path), cv2.cvtColor(photo, cv2.COLOR_RGB2BGR), [cv2.IMWRITE_JPEG_QUALITY, 100])
    return path


def test_a_phone_sized_photo_reaches_the_uploader(lab, browser, tmp_path):
    """Tornado's default 10 MB message limit silently dropped phone photos: the browser now shrinks them first."""
    url, workdir = lab
    photo = _phone_photo(tmp_path / "phone_photo.jpg")
    # a copy of the lesson of its own, so that it gets a fresh kernel (prompts start again at [1])
    shutil.copy(workdir / "lessons/02_faces_as_data/02_faces_as_data.ipynb", workdir / "lessons/02_faces_as_data/upload_check.ipynb")
    assert 12_000_000 < photo.stat().st_size < 25_000_000
    ARTIFACTS.mkdir(exist_ok=True)
    page = browser.new_page(viewport={"width": 1366, "height": 768})
    _run_all(page, url, "lessons/02_faces_as_data/upload_check.ipynb")
    button = page.get_by_role("button", name="Choose a photo").first
    button.wait_for(timeout=180_000)
    button.scroll_into_view_if_needed()
    with page.expect_file_chooser() as chooser:  # the button opens the browser's file picker, as for a learner
        button.click()
    chooser.value.set_files(str(photo))
    message = page.locator(".jp-OutputArea-output", has_text="phone_photo.jpg").first
    message.wait_for(timeout=120_000)
    expect(message).to_contain_text("face found", timeout=60_000)
    assert "shrunk in the browser from 4000 x 3000" in message.inner_text()  # too large to send as it is, on any server
    assert "downsized" not in message.inner_text()  # shrunk once, to the size the uploader works at
    width = int(re.search(r"1 face found \(#1: (\d+) x \d+ px", message.inner_text()).group(1))
    assert 350 < width < 650  # in the photo's own pixels (the shrunk copy the detector saw has it at half that)
    assert page.get_by_text("official Jupyter news").count() == 0  # make lab turns the news question off
    message.scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / "lesson02_phone_photo_upload.png"))
    page.close()


#: An accessibility-tree line of a control or picture with no name (Playwright's ARIA snapshot).
UNNAMED = re.compile(r'^\s*- (img|button|slider|radio|checkbox|combobox|spinbutton)( "")?( \[[^\]]*\])*:?\s*$')


def _unnamed(page) -> list[str]:
    """Every control or picture in the widget outputs that a screen reader could not name."""
    outputs = page.locator(".jp-OutputArea-output:has(.jupyter-widgets)")
    return [f"output {i}: {line.strip()}" for i in range(outputs.count()) for line in outputs.nth(i).aria_snapshot().splitlines() if UNNAMED.match(line)]


def _wait_until_run(page, timeout_s: int = 300) -> None:
    """Wait until no cell of the notebook on screen is still running ([*])."""
    deadline = time.time() + timeout_s
    while page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-InputArea-prompt", has_text="[*]").count() and time.time() < deadline:
        page.wait_for_timeout(1000)


#: A line of code of each figure that was once too small to make its point at notebook size.
FIXED_FIGURES = {
    "02_faces_as_data": 'ax.set_title("Hopper, zoomed in, with point numbers")',
    "03_make_a_face_swap": "cols=2, size=3.0",
    "04_spotting_artifacts": "seam_comparison(compare)",
    "05_train_a_detector": "pictures.self_blend_triples(rows)",
}


def _keep_figure(page, code: str, name: str) -> None:
    """Screenshot the output of the cell whose code contains ``code`` into the test artifacts, and check it is not shrunk."""
    cell = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-CodeCell", has=page.locator(".jp-InputArea", has_text=code)).first
    output = cell.locator(".jp-OutputArea-output img").last
    output.scroll_into_view_if_needed()
    ARTIFACTS.mkdir(exist_ok=True)
    cell.locator(".jp-OutputArea").screenshot(path=str(ARTIFACTS / name))
    natural, shown = output.evaluate("img => [img.naturalWidth, img.clientWidth]")
    assert shown >= 0.95 * natural, f"{name}: a {natural}-px figure is shown {shown} px wide"


def _shrunk_figures(page) -> list[str]:
    """Every matplotlib figure of the open notebook that the notebook shows narrower than it was drawn."""
    figures = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-RenderedImage img")
    shrunk = []
    for k in range(figures.count()):
        figure = figures.nth(k)
        figure.scroll_into_view_if_needed()
        page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=figure.element_handle(), timeout=20_000)
        natural, shown = figure.evaluate("img => [img.naturalWidth, img.clientWidth]")
        if shown < 0.95 * natural:
            code = figure.locator("xpath=ancestor::div[contains(@class, 'jp-CodeCell')]").locator(".jp-InputArea").inner_text()
            shrunk.append(f"{natural} px shown {shown} px: {' | '.join(code.strip().splitlines())[:160]}")
    return shrunk


def test_the_warmup_quiz_by_keyboard_and_screen_reader(lab, browser):
    """Focus once dropped to the page after every vote (22 Tab presses back to "Real"), and verdicts were silent."""
    url, workdir = lab
    shutil.copy(workdir / "lessons/01_what_is_deepfake/01_what_is_deepfake.ipynb", workdir / "lessons/01_what_is_deepfake/keyboard_check.ipynb")
    ARTIFACTS.mkdir(exist_ok=True)
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    _run_all(page, url, "lessons/01_what_is_deepfake/keyboard_check.ipynb")
    quiz = page.locator(".jp-OutputArea-output:has(button:has-text('Fake'))").first
    quiz.wait_for(timeout=180_000)
    _wait_until_run(page)
    assert _unnamed(page) == []
    assert _shrunk_figures(page) == []
    picture = quiz.get_by_role("img", name=re.compile(r"^Image \d+ of 8: real or fake\?"))  # alt text, before the reveal
    expect(picture).to_have_count(1)
    shown = int(re.search(r"Image (\d+) of", picture.get_attribute("alt")).group(1))  # an earlier test's vote is resumed

    real = quiz.get_by_role("button", name="Real")
    real.focus()
    page.keyboard.press("Enter")  # vote by keyboard
    page.wait_for_function("() => document.activeElement && document.activeElement.textContent.includes('Next')", timeout=20_000)
    expect(quiz.get_by_role("status")).to_have_text(re.compile("^(Right|Not this time)"))  # read aloud by screen readers
    expect(quiz.get_by_role("img", name=f"Image {shown} of 8, revealed")).to_have_count(1)
    page.screenshot(path=str(ARTIFACTS / "lesson01_quiz_keyboard.png"))

    page.keyboard.press("Enter")  # "Next", by keyboard: focus comes back to "Real", not to the page
    page.wait_for_function("() => document.activeElement && document.activeElement.textContent.includes('Real') && !document.activeElement.disabled", timeout=20_000)
    expect(quiz.get_by_role("img", name=f"Image {shown + 1} of 8: real or fake?")).to_have_count(1)
    page.close()


def test_every_control_and_picture_has_a_name(lab, browser):
    """The clip player's buttons, the sliders and every picture once had no accessible name; toggles hid their state."""
    url, workdir = lab
    for lesson in ("02_faces_as_data", "03_make_a_face_swap", "05_train_a_detector", "04_spotting_artifacts"):  # Lesson 04 last: its page is used below
        # a copy of its own, so that it gets a fresh kernel (an earlier test may have run the lesson)
        shutil.copy(workdir / f"lessons/{lesson}/{lesson}.ipynb", workdir / f"lessons/{lesson}/names_check.ipynb")
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        _run_all(page, url, f"lessons/{lesson}/names_check.ipynb")
        page.locator(".jp-OutputArea-output:has(.jupyter-widgets)").first.wait_for(timeout=180_000)
        _wait_until_run(page)
        assert _unnamed(page) == [], lesson
        _keep_figure(page, FIXED_FIGURES[lesson], f"{lesson[:2]}_figure_at_notebook_size.png")
        assert _shrunk_figures(page) == [], lesson  # every figure, not only the ones once found too small
        if lesson != "04_spotting_artifacts":
            page.close()
    # Lesson 04: the magnifier's views are one radio group a screen reader hears; the arrow keys move the choice
    # (not JupyterLab's cell selection, as they once did).
    original = page.get_by_role("radio", name="original")
    expect(original).to_be_checked()
    original.focus()
    page.keyboard.press("ArrowRight")
    expect(page.get_by_role("radio", name="difference")).to_be_checked()
    expect(page.get_by_role("radio", name="difference")).to_be_focused()
    frame = page.get_by_role("slider", name="frame").first
    frame.focus()
    page.keyboard.press("ArrowRight")  # one frame on, by keyboard
    expect(frame).to_have_attribute("aria-valuetext", re.compile("^frame 2 of"))
    player = page.get_by_role("button", name="▶ Play").first
    expect(player).to_have_attribute("aria-pressed", "false")
    player.click()
    expect(page.get_by_role("button", name="⏸ Pause").first).to_have_attribute("aria-pressed", "true")
    expect(page.get_by_role("slider", name="frame").first).not_to_have_attribute("aria-valuetext", re.compile("^frame 1 of"))  # it plays
    page.close()
