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
from contextlib import contextmanager
from pathlib import Path

import nbformat
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


@contextmanager
def _serving(command: list[str], probe: str, what: str, *, keep_output: bool = False, **popen):
    """Start a server, wait until ``probe`` answers (60 s at most), yield the process, stop it afterwards.

    Its standard output is kept (``server.stdout``) only with ``keep_output``: a chatty server never fills an unread pipe.
    """
    server = subprocess.Popen(command, stdout=subprocess.PIPE if keep_output else subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, **popen)
    deadline = time.time() + 60
    while True:
        try:
            urllib.request.urlopen(probe, timeout=2)
            break
        except OSError:
            if server.poll() is not None or time.time() > deadline:
                server.kill()
                raise RuntimeError(f"{what} did not start: {server.stderr.read()[-2000:]}") from None
            time.sleep(0.3)
    try:
        yield server
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()


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
    url = f"http://127.0.0.1:{port}"
    with _serving(command, f"{url}/api/status?token={TOKEN}", "JupyterLab", env=env, cwd=workdir):
        yield url, workdir


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


def test_lessons_open_without_being_marked_changed(lab, browser):
    """JupyterLab once marked every lesson as modified as soon as its kernel started (the kernel's metadata
    differed from the file's), so closing a lesson nobody touched asked whether to save it."""
    url, workdir = lab
    for lesson in sorted(p.name for p in (workdir / "lessons").iterdir() if p.is_dir()):
        shutil.copy(workdir / f"lessons/{lesson}/{lesson}.ipynb", workdir / f"lessons/{lesson}/open_check.ipynb")
        page = browser.new_page(viewport={"width": 1366, "height": 768})
        page.goto(f"{url}/lab/tree/lessons/{lesson}/open_check.ipynb?token={TOKEN}&reset")
        page.wait_for_selector(".jp-NotebookPanel .jp-Cell", timeout=60_000)
        page.get_by_text("| Idle").first.wait_for(timeout=120_000)
        page.wait_for_timeout(2000)  # the kernel's info has arrived and been compared
        expect(page.locator(".lm-TabBar-tab.jp-mod-dirty")).to_have_count(0)
        page.close()


def test_warmup_quiz_works_in_the_browser(lab, browser):
    url, workdir = lab
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    _run_all(page, url, "lessons/01_what_is_deepfake/01_what_is_deepfake.ipynb")
    fake = page.locator(".jp-OutputArea-output button", has_text="Fake").first
    fake.wait_for(timeout=180_000)
    fake.scroll_into_view_if_needed()
    fake.click()
    # the verdict appears ("Next" is always there, disabled until the vote)
    expect(page.locator(".jp-OutputArea-output").filter(has_text=re.compile("[✓✗] (Right|Not this time)")).first).to_be_visible(timeout=20_000)
    page.screenshot(path=str(workdir / "quiz.png"))
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
    "06_the_game": "fig = calibration_plot(results, language=game.language)",
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


def _too_tall(page) -> list[str]:
    """Every widget of the open notebook taller than the notebook's visible area (it cannot be seen whole)."""
    visible = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook").first.bounding_box()["height"]
    outputs = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-OutputArea-output:has(.jupyter-widgets)")
    tall = []
    for k in range(outputs.count()):
        box = outputs.nth(k).bounding_box()
        if box and box["height"] > visible:
            code = outputs.nth(k).locator("xpath=ancestor::div[contains(@class, 'jp-CodeCell')]").locator(".jp-InputArea").inner_text()
            tall.append(f"{box['height']:.0f} px of {visible:.0f}: {' | '.join(code.strip().splitlines())[:120]}")
    return tall


#: Every matplotlib figure of the notebook on screen (a PNG output, or the HTML image with alt text that rof.setup() makes).
FIGURES = ".jp-NotebookPanel:not(.lm-mod-hidden) .jp-OutputArea-output:not(:has(.jupyter-widgets)) img"


def _figures_without_alt(page) -> list[str]:
    """Every figure a screen reader could only call "image"."""
    return page.evaluate(
        """selector => Array.from(document.querySelectorAll(selector))
            .filter(img => !img.alt || img.alt === "Image" || img.alt.length < 8)
            .map(img => img.closest('.jp-CodeCell').querySelector('.jp-InputArea').innerText.slice(0, 100))""",
        FIGURES,
    )


def _shrunk_figures(page) -> list[str]:
    """Every matplotlib figure of the open notebook that the notebook shows narrower than it was drawn."""
    figures = page.locator(FIGURES)
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


#: JavaScript: the keyboard focus is on a button (not on the page, whose text contains every word).
ON_BUTTON = "document.activeElement && document.activeElement.tagName === 'BUTTON'"


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
    assert _figures_without_alt(page) == []
    picture = quiz.get_by_role("img", name=re.compile(r"^Image \d+ of 8: real or fake\?"))  # alt text, before the reveal
    expect(picture).to_have_count(1)
    shown = int(re.search(r"Image (\d+) of", picture.get_attribute("alt")).group(1))  # an earlier test's vote is resumed

    real = quiz.get_by_role("button", name="Real")
    real.focus()
    page.keyboard.press("Enter")  # vote by keyboard
    page.wait_for_function(f"() => {ON_BUTTON} && document.activeElement.textContent.includes('Next')", timeout=20_000)
    expect(quiz.get_by_role("status")).to_have_text(re.compile("^(Right|Not this time)"))  # read aloud by screen readers
    expect(quiz.get_by_role("img", name=f"Image {shown} of 8, revealed")).to_have_count(1)
    page.screenshot(path=str(ARTIFACTS / "lesson01_quiz_keyboard.png"))

    page.keyboard.press("Enter")  # "Next", by keyboard: focus comes back to "Real", not to the page
    page.wait_for_function(f"() => {ON_BUTTON} && document.activeElement.textContent.includes('Real') && !document.activeElement.disabled", timeout=20_000)
    expect(quiz.get_by_role("img", name=f"Image {shown + 1} of 8: real or fake?")).to_have_count(1)
    # to the end by keyboard: after "See my score" the focus goes to the score, not back to the page
    for _ in range(8 - shown):
        page.keyboard.press("Enter")  # vote "Real" (focus is on it)
        page.wait_for_function(f"() => {ON_BUTTON} && /Next|See my score/.test(document.activeElement.textContent)", timeout=20_000)
        page.keyboard.press("Enter")  # Next, or See my score
        page.wait_for_function(
            f"() => document.activeElement.classList.contains('rof-focusable') || ({ON_BUTTON} && document.activeElement.textContent.includes('Real') && !document.activeElement.disabled)",
            timeout=20_000,
        )
    assert page.evaluate("() => document.activeElement.classList.contains('rof-focusable') && document.activeElement.textContent.includes('right')")
    page.close()


def test_every_control_and_picture_has_a_name(lab, browser):
    """The clip player's buttons, the sliders and every picture once had no accessible name; toggles hid their state.

    On a 1366 x 768 laptop screen every widget fits the notebook's visible area (the blend comparer was once
    873 px tall there, so its close-ups and its sliders could not be seen together).
    """
    url, workdir = lab
    lessons = ("01_what_is_deepfake", "02_faces_as_data", "03_make_a_face_swap", "05_train_a_detector", "06_the_game", "07_verify_like_a_pro", "04_spotting_artifacts")
    for lesson in lessons:  # Lesson 04 last: its page is used below
        # a copy of its own, so that it gets a fresh kernel (an earlier test may have run the lesson)
        shutil.copy(workdir / f"lessons/{lesson}/{lesson}.ipynb", workdir / f"lessons/{lesson}/names_check.ipynb")
        page = browser.new_page(viewport={"width": 1366, "height": 768})
        _run_all(page, url, f"lessons/{lesson}/names_check.ipynb")
        page.locator(".jp-OutputArea-output:has(.jupyter-widgets)").first.wait_for(timeout=180_000)
        _wait_until_run(page)
        assert _unnamed(page) == [], lesson
        assert _too_tall(page) == [], lesson
        # Enter on any widget's button presses it and nothing else: every widget output with a control keeps JupyterLab's
        # shortcuts out (a progress bar, such as tqdm's during training, has nothing to press)
        unshielded = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-OutputArea-output:has(.jupyter-widgets :is(button, input, select, textarea)):not([data-lm-suppress-shortcuts])")
        assert unshielded.count() == 0, (lesson, unshielded.all_inner_texts())
        if lesson in FIXED_FIGURES:
            _keep_figure(page, FIXED_FIGURES[lesson], f"{lesson[:2]}_figure_at_notebook_size.png")
        assert _shrunk_figures(page) == [], lesson  # every figure, not only the ones once found too small
        assert _figures_without_alt(page) == [], lesson
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
    expect(page.get_by_role("button", name="❚❚ Pause").first).to_have_attribute("aria-pressed", "true")
    expect(page.get_by_role("slider", name="frame").first).not_to_have_attribute("aria-valuetext", re.compile("^frame 1 of"))  # it plays
    page.close()


def test_a_couple_round_of_the_game_is_played_to_the_finale(lab, browser):
    """Lesson 06: two partners take turns in the Chair of Truth (the hand-over hides the first vote), answers come at the finale."""
    url, workdir = lab
    shutil.copy(workdir / "lessons/06_the_game/06_the_game.ipynb", workdir / "lessons/06_the_game/couple_check.ipynb")
    ARTIFACTS.mkdir(exist_ok=True)
    page = browser.new_page(viewport={"width": 1366, "height": 768})
    _run_all(page, url, "lessons/06_the_game/couple_check.ipynb")
    games = page.locator(".jp-OutputArea-output:has(button:has-text('Start the game'))")
    games.nth(2).wait_for(timeout=240_000)
    _wait_until_run(page)
    couple = games.nth(1)  # section 4: the couple round, in finale mode
    couple.scroll_into_view_if_needed()
    couple.locator("textarea").fill("Ana, Ben")
    couple.get_by_role("button", name="Start the game").click()
    for item in range(10):
        for name, vote in (("Ana", "Real"), ("Ben", "Fake")):
            turn = couple.get_by_role("button", name=f"I am {name}: my turn")
            turn.wait_for(timeout=20_000)
            expect(couple.get_by_role("img").first).to_be_hidden()  # nobody sees the picture (or a vote) during the hand-over
            turn.click()
            expect(couple.get_by_text(f"The Chair of Truth: {name}")).to_be_visible()
            couple.get_by_role("button", name=vote).click()  # the icon adds a space to the name
        expect(couple.get_by_text("The answers come at the finale")).to_be_visible()
        if item == 0:
            couple.screenshot(path=str(ARTIFACTS / "lesson06_couple_round.png"))
        couple.get_by_role("button", name="To the finale" if item == 9 else "Next").click()
    board = couple  # the same widget now shows the finale
    expect(board).to_contain_text("Winner: Ana & Ben", timeout=30_000)
    expect(board).to_contain_text("€50,000")  # one partner right on every item: half of each share
    # the button that led here is gone: the keyboard goes on from the finale (a screen reader reads the winner), not the page's top
    page.wait_for_function("() => document.activeElement && document.activeElement.innerText.startsWith('The finale')", timeout=10_000)
    board.scroll_into_view_if_needed()
    board.screenshot(path=str(ARTIFACTS / "lesson06_finale.png"))
    page.close()


#: JavaScript: every visible button of the game widget whose label is cut (wider than the button, or past the widget's edge).
CUT_BUTTONS = """() => Array.from(document.querySelectorAll('.rof-room button')).filter(b => b.offsetParent
    && (b.scrollWidth > b.clientWidth + 1 || b.getBoundingClientRect().right > b.closest('.rof-room').getBoundingClientRect().right))
    .map(b => b.innerText)"""


def test_projector_mode_shows_every_button_whole(lab, browser):
    """GameShow(projector=True) enlarges the text: its buttons once kept their width and cut "Start the game" to "Start the ..."."""
    url, workdir = lab
    notebook = nbformat.v4.new_notebook(metadata={"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}})
    code = "import realorfake as rof\nrof.setup()\nfrom realorfake.widgets.game_show import GameShow\nGameShow(mode='couple', count=2, seed=1, projector=True)"
    notebook.cells = [nbformat.v4.new_code_cell(code)]
    nbformat.write(notebook, workdir / "projector_check.ipynb")
    page = browser.new_page(viewport={"width": 1366, "height": 768})
    _run_all(page, url, "projector_check.ipynb")
    room = page.locator(".rof-room")
    room.get_by_role("button", name="Start the game").wait_for(timeout=120_000)
    assert page.evaluate(CUT_BUTTONS) == []
    room.locator("textarea").fill("Ana, Ben")
    room.get_by_role("button", name="Start the game").click()
    room.get_by_role("button", name="I am Ana: my turn").click()
    room.get_by_role("button", name="Real").wait_for(timeout=20_000)
    assert page.evaluate(CUT_BUTTONS) == []
    picture, real = room.locator(".rof-seat img").first.bounding_box(), room.get_by_role("button", name="Real").bounding_box()
    assert real["x"] > picture["x"] + picture["width"], "the buttons sit beside the picture, not below it out of view"

    ARTIFACTS.mkdir(exist_ok=True)
    room.screenshot(path=str(ARTIFACTS / "lesson06_projector.png"))
    page.close()


@contextmanager
def _play_app(tmp_path, *options: str):
    """`make play`'s server (python -m realorfake.game.app), on a free localhost port; yields its address and stops it afterwards."""
    import sys

    port = _free_port()
    command = [sys.executable, "-m", "realorfake.game.app", "--port", str(port), "--folder", str(tmp_path / "games"), *options]
    with _serving(command, f"http://127.0.0.1:{port}", "make play's server", keep_output=True) as server:
        yield f"http://127.0.0.1:{port}"
    assert "Real or Fake? The game is at: http://127.0.0.1" in server.stdout.read()


@pytest.fixture()
def play_server(tmp_path):
    """`make play`'s server with the built-in pack."""
    with _play_app(tmp_path) as url:
        yield url


def _loaded(page, selector: str) -> None:
    """Wait until every picture matching ``selector`` has arrived and has a size."""
    page.wait_for_function("s => [...document.querySelectorAll(s)].length && [...document.querySelectorAll(s)].every(i => i.complete && i.naturalWidth > 0)", arg=selector)


def _small_targets(page) -> list[str]:
    """Every visible control of the page less than 44 px high (too small for a finger); a checkbox counts by its label."""
    return page.evaluate(
        """() => [...document.querySelectorAll('button, select, a, input, textarea')]
            .filter(e => e.offsetParent !== null)
            .map(e => [e.id || e.textContent.trim().slice(0, 30), (e.type === 'checkbox' ? e.closest('label') : e).getBoundingClientRect().height])
            .filter(([, height]) => height < 44).map(([name, height]) => `${name}: ${height.toFixed(0)} px`)"""
    )


def _scrolls_sideways(page) -> bool:
    return page.evaluate("() => document.documentElement.scrollWidth > document.documentElement.clientWidth")


def test_make_play_a_couple_round_to_the_finale_with_no_answer_sent_early(play_server, browser):
    import json

    ARTIFACTS.mkdir(exist_ok=True)
    page = browser.new_page(viewport={"width": 1366, "height": 768})
    states, bodies = [], []
    page.on("response", lambda response: states.append(response) if "/api/games/" in response.url and response.url.split("?")[0].count("/") == 5 else None)

    def read_states():  # a response's body is gone once the page reloads
        bodies.extend(json.loads(response.text()) for response in states if response.ok)
        states.clear()

    page.goto(play_server)
    page.select_option("#mode", "couple")
    page.select_option("#reveal-mode", "finale")
    page.fill("#names", "Ana, Ben")
    page.get_by_role("button", name="Start the game").click()
    for item in range(10):
        for name, partner, vote in (("Ana", "Ben", "Real"), ("Ben", "Ana", "Fake")):
            seat = page.get_by_role("button", name=f"I am {name}, show me the picture")
            seat.wait_for(timeout=20_000)
            expect(page.locator("#picture")).to_be_hidden()  # the hand-over hides the picture and the last vote
            expect(page.locator("#pass")).to_have_text(f"Next in the Chair of Truth: {name}")
            expect(page.locator("#lookaway")).to_have_text(f"{partner}, look away now: {name} votes without seeing your vote.")
            expect(page.locator("#money")).to_have_text(f"Pot: €100,000 · Banked: secret until the finale · {10 - item} of 10 items to go")
            if item == 0 and name == "Ana":
                page.screenshot(path=str(ARTIFACTS / "make_play_handover.png"))
            if item == 3 and name == "Ben":  # a reload (or a phone that dropped the tab) comes back to Ben's turn, not to Ana's vote
                assert re.search(r"/game/[A-Za-z0-9_-]{8,40}\?lang=en$", page.url), page.url
                read_states()
                page.reload()
                seat.wait_for(timeout=20_000)
                expect(page.locator("#picture")).to_be_hidden()
            seat.click()
            expect(page.locator("#who")).to_have_text(f"The Chair of Truth: {name} (Ana & Ben)")
            if item == 0 and name == "Ana":
                _loaded(page, "#picture")
                page.screenshot(path=str(ARTIFACTS / "make_play_chair.png"))
            page.get_by_role("button", name=vote).click()
        expect(page.locator("#message")).to_have_text("Votes recorded. The answers come at the finale.")
        if item == 0:
            page.screenshot(path=str(ARTIFACTS / "make_play_recorded.png"))
        page.locator("#next").click()
    expect(page.locator("#winner")).to_have_text("Winner: Ana & Ben, with the fewest mistakes", timeout=20_000)
    expect(page.locator("#board")).to_contain_text("€50,000")  # one partner right on every item: half of each share
    plots = page.locator("#plots img")
    expect(plots).to_have_count(2)
    _loaded(page, "#plots img")
    assert plots.nth(0).get_attribute("alt").startswith("Calibration plot: how sure each player said they were")
    assert plots.nth(1).get_attribute("alt").startswith("Bar chart, what fooled us most")
    page.screenshot(path=str(ARTIFACTS / "make_play_finale.png"), full_page=True)
    read_states()
    before = [body for body in bodies if body.get("screen") != "finale"]
    assert len(before) >= 20 and not any(key in body for body in before for key in ("truth", "explanation", "verdicts", "banked", "plots"))
    assert not any(body["money"]["banked"] for body in before)  # the money would tell the answers
    page.close()


def test_make_play_on_a_phone_by_keyboard_alone_from_the_answers_to_the_finale(play_server, browser):
    """Learning mode on a 360-px phone: the answer after each item, the money banked, big targets, Enter alone, a finale that fits."""
    page = browser.new_page(viewport={"width": 360, "height": 740})
    page.goto(play_server)
    page.fill("#names", "Lia")
    assert not _small_targets(page), _small_targets(page)
    page.locator("#start").focus()
    page.keyboard.press("Enter")
    page.locator("#confidence").fill("90")
    page.get_by_role("button", name="Fake").click()
    expect(page.locator("#truth")).to_have_text(re.compile("^It was (REAL|FAKE)$"), timeout=20_000)
    expect(page.locator("#explanation")).to_have_text(re.compile("^(Real|Fake): "))
    expect(page.locator("#verdicts")).to_contain_text("Lia: Fake (90%)")
    expect(page.locator("#answer-picture")).to_be_visible()
    expect(page.locator("#money")).to_have_text(re.compile(r"^Pot: €100,000 · Lia: €(0|10,000) banked · 9 of 10 items to go$"))
    ARTIFACTS.mkdir(exist_ok=True)
    _loaded(page, "#answer-picture")
    page.screenshot(path=str(ARTIFACTS / "make_play_reveal_phone.png"))
    assert not _small_targets(page) and not _scrolls_sideways(page)
    for item in range(1, 10):  # by keyboard alone: each screen puts the focus where the next key press belongs
        expect(page.locator("#next")).to_be_focused()
        page.keyboard.press("Enter")
        expect(page.locator("#real")).to_be_focused(timeout=20_000)
        page.keyboard.press("Tab")  # to Fake
        page.keyboard.press("Enter")
        expect(page.locator("#progress")).to_have_text(f"Item {item + 1} of 10")
    expect(page.locator("#next")).to_have_text("To the finale", timeout=20_000)
    expect(page.locator("#next")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("#winner")).to_have_text("Winner: Lia, with the fewest mistakes", timeout=20_000)
    _loaded(page, "#plots img, #answers img")
    assert not _scrolls_sideways(page), "the finale is wider than a 360-px phone"
    assert not _small_targets(page), _small_targets(page)
    assert page.evaluate("() => document.querySelector('table').getBoundingClientRect().right") <= 360
    page.screenshot(path=str(ARTIFACTS / "make_play_finale_phone.png"), full_page=True)
    page.goto(play_server)  # the start page: nothing left to resume
    expect(page.locator("#setup")).to_be_visible()
    expect(page.locator("#resume")).to_be_hidden()
    page.close()


def test_make_play_shows_a_clip_moving_with_a_pause_button_and_resumes_from_the_start_page(tmp_path, browser):
    """Clips were one still frame: now their frames play (paused for people who asked for reduced motion), in Spanish too."""
    from game_helpers import clip_pack

    with _play_app(tmp_path, "--pack", str(clip_pack(tmp_path / "clips"))) as url:
        page = browser.new_page(viewport={"width": 360, "height": 740})
        page.goto(f"{url}/?lang=es")
        expect(page.locator("#start")).to_have_text("Empezar el juego")
        page.fill("#names", "Lia")
        page.locator("#start").click()
        play = page.get_by_role("button", name="Reproducir el vídeo")
        expect(play).to_have_attribute("aria-pressed", "true", timeout=20_000)  # it plays
        assert page.evaluate("document.documentElement.lang") == "es"
        seen = set()
        for _ in range(12):
            seen.add(page.get_attribute("#picture", "src"))
            page.wait_for_timeout(100)
        assert len(seen) >= 3, seen  # the frames move
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "make_play_clip_phone.png"))
        play.focus()
        page.keyboard.press("Enter")
        expect(play).to_have_attribute("aria-pressed", "false")
        still = page.get_attribute("#picture", "src")
        page.wait_for_timeout(600)
        assert page.get_attribute("#picture", "src") == still  # paused
        assert not _small_targets(page)
        calm = browser.new_context(viewport={"width": 360, "height": 740}, reduced_motion="reduce").new_page()
        calm.goto(url)
        resume = calm.get_by_role("link", name=re.compile("^Resume: Lia · solo · Item 1 of 3$"))
        resume.click()  # the start page lists the unfinished game; it reopens in the game's own language
        calm_play = calm.get_by_role("button", name="Reproducir el vídeo")
        calm_play.wait_for(timeout=20_000)
        _loaded(calm, "#picture")
        calm.wait_for_timeout(800)
        expect(calm_play).to_have_attribute("aria-pressed", "false")  # reduced motion: it waits to be asked
        calm.close()
        page.close()


def test_class_mode_one_host_and_four_players_to_the_finale_with_no_answer_sent_early(browser, tmp_path):
    """`make class`: a projector page and four phones (separate browser contexts); the answer reaches no phone before the reveal."""
    from game_helpers import start_class_server

    ARTIFACTS.mkdir(exist_ok=True)
    process, url, code, key = start_class_server(tmp_path, "--mode", "teams", "--teams", "Reds, Blues", "--seconds", "120", "--count", "2", "--language", "es")
    try:
        host = browser.new_page(viewport={"width": 1366, "height": 768})
        host.goto(f"{url}/host#key={key}")
        expect(host.locator("#code")).to_have_text(code)
        expect(host.locator("#qr svg")).to_have_count(1)
        phones, seen = [], []
        for name in ["Ana", "Ben", "<b>Carla</b>", "Dani"]:
            context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True)
            phone = context.new_page()
            phone.on("requestfinished", lambda request, seen=seen: seen.append(request) if "/api/me" in request.url else None)
            phone.goto(f"{url}/?code={code}")  # as the QR code opens it: the code is filled in
            expect(phone.locator("#code")).to_have_value(code)
            phone.fill("#name", name)
            phone.click("#join-button")
            expect(phone.locator("#waiting")).to_be_visible()
            assert not _scrolls_sideways(phone) and _small_targets(phone) == []
            phones.append(phone)
        expect(host.locator("#people-count")).to_have_text("4")
        carla = host.locator("#players li").nth(2)
        expect(carla).to_contain_text("<b>Carla</b>")  # a name is text, never markup
        expect(carla.get_by_role("combobox", name="equipo: <b>Carla</b>")).to_have_value("Reds")  # the host can move her to another team
        host.click("#start")
        for round_number in range(2):
            for phone in phones:  # every phone is on the new item (the last reveal's answers are behind it)
                expect(phone.locator("#real")).to_be_enabled()
            seen.clear()
            for k, phone in enumerate(phones):
                _loaded(phone, "#picture")
                phone.locator("#confidence").fill("90")
                phone.click("#fake" if k % 2 else "#real")
                expect(phone.locator("#voted")).to_be_visible()
            expect(host.locator("#votes")).to_contain_text("4 / 4")

            def nothing_sent_early() -> None:
                bodies = [request.response().text() for request in seen if request.response()]
                early = [body for body in bodies if '"truth"' in body or '"explanation"' in body]
                assert bodies and not early, early[:1]  # nothing sent before the reveal
                assert all("Era " not in phone.locator("body").inner_text() for phone in phones)
                seen.clear()

            nothing_sent_early()
            if round_number == 0:
                phones[0].screenshot(path=str(ARTIFACTS / "class_phone_voted.png"))
                host.screenshot(path=str(ARTIFACTS / "class_host_votes_in.png"))
                phones[1].reload()  # a phone reloads mid-round: the same seat, its vote still in
                expect(phones[1].locator("#voted")).to_be_visible()
                nothing_sent_early()
            explanation = None
            host.click("#reveal")
            for phone in phones:
                expect(phone.locator("#truth")).to_contain_text("Era")
                explanation = phone.locator("#explanation").inner_text()
            assert explanation
            host.click("#next")
        for phone in phones:
            expect(phone.locator("#finale")).to_be_visible()
        phones[0].screenshot(path=str(ARTIFACTS / "class_phone_finale.png"))
        expect(host.locator("#winner")).to_contain_text("Gana")
        expect(host.locator("#plots img")).to_have_count(2)
        _loaded(host, "#plots img")
        host.screenshot(path=str(ARTIFACTS / "class_host_finale.png"), full_page=True)
        assert host.locator("#teams tr").count() == 3  # the teams' table: a head and two teams
        for page in (host, *phones):
            page.context.close() if page is not host else page.close()
    finally:
        process.terminate()  # stops within seconds although pages may still hold event streams
        process.wait(timeout=20)


def test_class_mode_plays_a_clip_on_the_projector_and_the_phones(browser, tmp_path):
    """Every clip once showed as a broken picture: the pages' policy blocked the blob: frames they cycle."""
    from game_helpers import clip_pack, start_class_server

    process, url, code, key = start_class_server(tmp_path, "--pack", str(clip_pack(tmp_path / "clips")), "--seconds", "120")
    try:
        host = browser.new_page(viewport={"width": 1366, "height": 768})
        refused = []
        host.on("console", lambda message: refused.append(message.text) if message.type == "error" else None)
        host.goto(f"{url}/host#key={key}")
        phone = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True).new_page()
        phone.goto(f"{url}/?code={code}")
        phone.fill("#name", "Ana")
        phone.click("#join-button")
        expect(phone.locator("#waiting")).to_be_visible()
        host.click("#start")
        for page in (host, phone):
            page.wait_for_function("() => document.querySelector('#picture').src.startsWith('blob:')", timeout=60_000)  # the frames, fetched once
            _loaded(page, "#picture")
            seen = set()
            for _ in range(12):
                seen.add(page.get_attribute("#picture", "src"))
                page.wait_for_timeout(150)
            assert len(seen) >= 3, seen  # it moves
        assert refused == []
        host.close()
        phone.context.close()
    finally:
        process.terminate()
        process.wait(timeout=20)
