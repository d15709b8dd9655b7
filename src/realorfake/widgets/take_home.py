"""A page to take home, shown in the notebook: a preview and a link that saves it to the learner's computer.

The course writes take-home pages (Lesson 07's checklist) into the learner's
progress folder, which JupyterLab's file browser may not reach (on JupyterHub it
is outside the notebook folder). :func:`take_home` shows the page in a frame
and adds a link that downloads it as a file from the notebook itself, so a
learner can open it in the browser and print it. :class:`TakeHome` makes the
page again at the press of a button, so that what is saved is never older than
the learner's latest scores.
"""

from __future__ import annotations

import base64
import html
import os
from pathlib import Path

from ..errors import CourseError
from ..show.messages import GOOD, PROBLEM, message_box
from .accessible import Announcer
from .common import widgets

#: Height (px) of the page's preview: with the button and the link, the widget fits a 1366 x 768 laptop's notebook area.
PREVIEW_HEIGHT = 440


def take_home(path: str | os.PathLike, *, name: str | None = None, height: int = PREVIEW_HEIGHT):
    """Preview of the HTML page at ``path`` (``height`` pixels tall) with a link that saves it as ``name``.

    Returns an ``IPython.display.HTML`` object (a notebook shows it). Raises
    ``CourseError`` when the file cannot be read.
    """
    from IPython.display import HTML

    return HTML(take_home_html(path, name=name, height=height))


def take_home_html(path: str | os.PathLike, *, name: str | None = None, height: int = PREVIEW_HEIGHT) -> str:
    """The HTML of :func:`take_home`: the save link, where the file is, and the preview frame."""
    path = Path(path)
    try:
        page = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise CourseError(f"The page {path.name} could not be read ({error}).") from None
    name = name or path.name
    data = base64.b64encode(page.encode("utf-8")).decode("ascii")
    link = (
        f'<a download="{html.escape(name, quote=True)}" href="data:text/html;charset=utf-8;base64,{data}" '
        'style="display:inline-block;padding:6px 14px;margin:4px 0 8px;background:#0072B2;color:white;border-radius:4px;text-decoration:none;font-weight:bold">'
        f"Save {html.escape(name)} to print it</a>"
    )
    note = f'<div style="font-size:90%;color:#444">Also saved on this computer as <code>{html.escape(str(path))}</code>. Open the saved file in your browser and print it (one page).</div>'
    frame = f'<iframe title="{html.escape(name, quote=True)}" srcdoc="{html.escape(page, quote=True)}" style="width:100%;max-width:820px;height:{int(height)}px;border:1px solid #ccc"></iframe>'
    return f"<div>{link}{note}{frame}</div>"


class TakeHome:
    """A button that makes a take-home page with ``make()`` (which returns the page's path) and shows it with its save link.

    The page is made once when the widget is made, and again at each press, so
    the saved page carries the latest scores. A ``CourseError`` from ``make``
    shows as a message, never a traceback. Parts: ``button``, ``page`` (HTML) and
    ``announcer``, which reads out each remaking and keeps JupyterLab's
    shortcuts off the button (Enter presses it).
    """

    def __init__(self, make, *, button: str = "Make it again", height: int = PREVIEW_HEIGHT):
        w = widgets()
        self.make, self.height = make, height
        self.button = w.Button(description=button, button_style="primary", layout=w.Layout(width="auto"))
        self.page = w.HTML()
        self.announcer = Announcer()
        self.widget = w.VBox([self.button, self.page, self.announcer])
        self.button.on_click(lambda _: self.refresh(pressed=True))
        self.refresh()

    def refresh(self, *, pressed: bool = False) -> Path | None:
        """Make the page (again, when ``pressed``) and show it; returns its path (None when making it failed, with a message shown)."""
        import datetime

        try:
            path = Path(self.make())
            made = datetime.datetime.now().strftime("%H:%M:%S")
            said = f"Made again at {made}, with what is saved now."
            note = message_box(said, GOOD) if pressed else ""  # the first making is not news
            self.page.value = note + take_home_html(path, height=self.height)
            self.announcer.text = said if pressed else ""
        except CourseError as error:
            self.page.value = message_box(f"The page could not be made: {html.escape(str(error))}", PROBLEM)
            self.announcer.text = f"The page could not be made: {error}"
            return None
        return path

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.widget)
