"""Lesson 03's swap with your own photos: behind the consent reminder, labelled like every fake of the course.

The consent form asks each person's agreement to exactly this: a labelled face
swap with another consenting person or a course portrait. The widget offers
the course portraits, the class's consented photos in ``data/my_photos/`` and
uploads (the same photo picker and "look harder" option as the other lessons),
and swaps only after the learner has ticked that everyone in the photos agreed.
Uploads stay in memory; nothing is saved.
"""

from __future__ import annotations

import html
from collections.abc import Mapping

import numpy as np

from .. import data, faces
from ..errors import CourseError, NoFaceFound
from ..fakes import swap
from ..images import WORKING_SIZE, resize_longest
from ..show.plots import png_bytes
from .common import CONSENT_NOTE, GOOD, LOOK_HARDER, NOTE, PRIVACY_NOTE, PROBLEM, message_box, picture_widget, read_upload, widgets
from .explorer import describe_upload_faces
from .photo_picker import REFUSED, PhotoPicker, watch_photo

#: What the learner confirms before any swap (the consent form's wording, Lesson 03).
CONSENT_CHECK = "Everyone whose face is in these photos agreed to this swap (a labelled swap, for this group only)."

#: Photos are worked on at most this size (px, longest side): swaps stay quick.
SWAP_SIDE = 1024


def course_photos(folder=None) -> dict[str, np.ndarray]:
    """The photos a learner may swap without uploading: the two course portraits and the class's ``data/my_photos/``."""
    photos = {"Grace Hopper (course portrait)": data.portrait("hopper"), "Eileen Collins (course portrait)": data.portrait("collins")}
    try:
        photos.update({f"Class photo: {name}": resize_longest(image, SWAP_SIDE, enlarge=False) for name, image in data.my_photos(folder).items()})
    except CourseError:  # no data/my_photos/ folder: the portraits and uploads are enough
        pass
    return photos


class OwnPhotoSwap:
    """Swap a face between your own (consented) photos, a class photo or a course portrait; the result is labelled.

    ``photos`` maps a name to an RGB image (default :func:`course_photos`).
    Parts: ``consent`` (Checkbox: nothing is swapped until it is ticked),
    ``source`` and ``target`` (Dropdowns), ``source_upload`` and
    ``target_upload`` (:class:`~realorfake.widgets.photo_picker.PhotoPicker`),
    ``look_harder`` (Checkbox), ``swap_button``, ``forget_button``, ``image``
    (the labelled swap), ``message`` (HTML), ``result`` (the last
    :class:`~realorfake.fakes.swap.SwapResult`) and ``widget``.
    """

    def __init__(self, photos: Mapping[str, np.ndarray] | None = None, *, max_side: int = 420):
        w = widgets()
        self.max_side = max_side
        self.photos: dict[str, np.ndarray] = dict(course_photos() if photos is None else photos)
        self.result: swap.SwapResult | None = None
        names = list(self.photos)
        self.consent = w.Checkbox(value=False, description=CONSENT_CHECK, indent=False, layout=w.Layout(width="auto"))
        self.source = w.Dropdown(options=names, value=names[-1] if len(names) > 1 else names[0], description="face from:", layout=w.Layout(width="380px"))
        self.target = w.Dropdown(options=names, value=names[0], description="onto:", layout=w.Layout(width="380px"))
        self.source_upload = PhotoPicker(description="Upload the face's photo", shrink_side=WORKING_SIZE)
        self.target_upload = PhotoPicker(description="Upload the photo to swap onto", shrink_side=WORKING_SIZE)
        self.look_harder = w.Checkbox(value=False, description=LOOK_HARDER, indent=False, layout=w.Layout(width="auto"))
        self.swap_button = w.Button(description="Swap (labelled)", icon="random", button_style="primary", disabled=True)
        self.forget_button = w.Button(description="Forget my uploads", icon="trash", layout=w.Layout(width="auto"))
        self.image = picture_widget(max_side)
        self.message = w.HTML(message_box("Tick the consent box first: a swap is only made with everyone's agreement.", NOTE))
        privacy = w.HTML(message_box(f"{html.escape(PRIVACY_NOTE)}<br>{html.escape(CONSENT_NOTE)}", NOTE))
        self.widget = w.VBox(
            [
                privacy,
                self.consent,
                w.HBox([self.source, self.source_upload], layout=w.Layout(flex_flow="row wrap")),  # a long note wraps under the button
                w.HBox([self.target, self.target_upload], layout=w.Layout(flex_flow="row wrap")),
                w.HBox([self.swap_button, self.look_harder, self.forget_button]),
                self.message,
                self.image,
            ]
        )
        self.consent.observe(self._consent_changed, names="value")
        watch_photo(self.source_upload, lambda data_, name, note, width: self.add_upload(self.source, data_, name, note, width), self._receiving, self._refused)
        watch_photo(self.target_upload, lambda data_, name, note, width: self.add_upload(self.target, data_, name, note, width), self._receiving, self._refused)
        self.swap_button.on_click(lambda _button: self.swap())
        self.forget_button.on_click(lambda _button: self.forget())

    # -- actions
    def add_upload(self, dropdown, data_: bytes, name: str, note: str = "", original_width: int = 0) -> bool:
        """Add an uploaded photo to the choices and choose it in ``dropdown``; a bad file becomes a message.

        The message lists the faces found, as Lesson 02's uploader does, with
        sizes in the photo's own pixels (``original_width``: its width before
        the browser shrank it, 0 when it was sent as it is).
        """
        try:
            upload = read_upload(data_, SWAP_SIDE, name)
        except CourseError as error:
            self._clear_swap()
            self._say(html.escape(str(error)), PROBLEM)
            return False
        if upload.fake:
            self._clear_swap()
            self._say(f"<b>{html.escape(name)}</b> is already a fake made by the course (recognised by {html.escape(upload.how)}). Swap real photos only.", PROBLEM)
            return False
        found = faces.detect_faces(upload.image, upsample=1)  # checked now, not at Swap, so the advice fits the photo
        if not found:
            self._clear_swap()
            self._say(f"No face found in <b>{html.escape(name)}</b>, even looking for small faces, so it was not added. Choose a photo with a clear, mostly frontal face.", PROBLEM)
            return False
        small = not self.look_harder.value and not faces.detect_faces(upload.image)
        if small:
            self.look_harder.value = True  # its face is found only when looking harder
        key = f"Upload: {name}"
        self.photos[key] = upload.image
        for choice in (self.source, self.target):
            kept = choice.value  # a new list of options would reset the other choice to the first photo
            choice.options = [o for o in choice.options if o != key] + [key]
            choice.value = kept if kept in choice.options else key
        dropdown.value = key
        self._clear_swap()  # the swap on screen was made from other photos
        shrunk = f" It was {html.escape(note)}." if note else ""
        then = "press <b>Swap</b>" if self.consent.value else "tick the consent box and press <b>Swap</b>"
        harder = f" Its face is small, so '{LOOK_HARDER}' is now ticked." if small else ""
        which = " The swap uses the largest face, #1." if len(found) > 1 else ""
        listed = html.escape(describe_upload_faces(found, upload.image.shape[1], original_width or upload.full_shape[1])) + which
        self._say(f"<b>{html.escape(name)}</b> added: {listed}{shrunk}{harder} Choose the face and the photo, then {then}.", NOTE)
        return True

    def swap(self) -> swap.SwapResult | None:
        """Swap the chosen face onto the chosen photo (only with consent ticked); the result carries the SYNTHETIC badge."""
        if not self.consent.value:
            self._say("Tick the consent box first: a swap is only made with everyone's agreement.", PROBLEM)
            return None
        if self.source.value == self.target.value:
            self._say("Choose two different photos: the face of one, put onto the other.", PROBLEM)
            return None
        self._clear_swap()  # never an old swap on screen under a new message
        try:
            result = swap.face_swap(self.photos[self.source.value], self.photos[self.target.value], upsample=1 if self.look_harder.value else None)
        except NoFaceFound as error:
            where = self.source.value if "source" in str(error) else self.target.value
            harder = f" Tick '{LOOK_HARDER}' to search for smaller faces, or" if not self.look_harder.value else ""
            self._say(f"No face found in <b>{html.escape(where)}</b>.{harder} choose a photo with a clear, mostly frontal face.".replace(". choose", ". Choose"), PROBLEM)
            return None
        except CourseError as error:
            self._say(html.escape(str(error)), PROBLEM)
            return None
        except Exception as error:  # never a traceback in the widget
            self._say(f"The swap failed ({html.escape(type(error).__name__)}). Try other photos.", PROBLEM)
            return None
        self.result = result
        self.image.value = png_bytes(result.image, max_side=self.max_side)
        self.image.alt = f"The face from {self.source.value} swapped onto {self.target.value}, labelled SYNTHETIC."
        notes = "".join(f"<br><span style='font-size:12px'>{html.escape(n)}</span>" for n in result.notes)
        self._say(
            "<b>Done, and labelled:</b> the SYNTHETIC badge is part of the picture. Look closely: where do you see the seam? "
            "Then forget it; share it only with the people in it, and only if they say yes." + notes,
            GOOD,
        )
        return result

    def forget(self) -> None:
        """Drop every uploaded photo and the swap from memory."""
        uploads = [name for name in self.photos if name.startswith("Upload: ")]
        for name in uploads:
            del self.photos[name]
        for choice in (self.source, self.target):
            choice.options = [o for o in choice.options if o not in uploads]
        self.source_upload.clear()
        self.target_upload.clear()
        self.result = None
        self.image.value = b""
        self._say("Uploads and the swap forgotten.", NOTE)

    # -- messages
    def _consent_changed(self, change) -> None:
        self.swap_button.disabled = not change["new"]
        if change["new"]:
            self._say("Thank you. Choose the face and the photo to put it onto, then press <b>Swap</b>.", NOTE)
        else:
            self._clear_swap()
            self._say("Tick the consent box first: a swap is only made with everyone's agreement.", NOTE)

    def _clear_swap(self) -> None:
        self.result = None
        self.image.value = b""
        self.image.alt = ""

    def _receiving(self, name: str) -> None:
        self._say(f"Receiving <b>{html.escape(name)}</b>…", NOTE)

    def _refused(self, name: str) -> None:
        """The browser did not send the photo it announced: say so, instead of "Receiving ..." forever."""
        self._say(REFUSED.format(name=html.escape(name)), PROBLEM)

    def _say(self, text: str, color: str) -> None:
        self.message.value = message_box(text, color)

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.widget)
