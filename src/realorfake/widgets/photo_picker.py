"""Choosing a photo in the browser and getting it to the kernel, whatever its size: the one upload of the course.

ipywidgets' ``FileUpload`` sends a file as one websocket message; a notebook
server drops messages over 10 MB (Tornado's default) without a word, so a
12-20 MB phone photo never arrived and the previous photo's result stayed on
screen as if it were the new one's. :class:`PhotoPicker` (on ``anywidget``)
instead:

- tells the kernel at once that a photo is on its way (``pending``), so the
  widget showing the old result can clear it and say "Receiving ...";
- sends a file of up to ``send_limit`` bytes as it is (its label and badge
  intact), and shrinks a larger photo in the browser to ``shrink_side`` px
  (upright, as a JPEG) before sending, saying so in ``note``;
- says in the page when the kernel has not taken the photo after 30 seconds
  (a stopped kernel, a lost connection), and when the browser cannot read a
  file too large to send.

:func:`watch_photo` connects it to the code that reads the photo.
"""

from __future__ import annotations

from collections.abc import Callable

import anywidget
import traitlets
from ipywidgets.widgets.trait_types import bytes_serialization

from .accessible import KEEP_KEYS_JS

#: Files up to this size (bytes) are sent as they are: well under the 10 MB message limit of a default server.
SEND_LIMIT = 8_000_000
#: Larger photos are shrunk in the browser to at most this many pixels on their longer side.
SHRINK_SIDE = 2048
#: What a widget says when the browser did not send a photo (the reason is shown next to the button).
REFUSED = "<b>{name}</b> was not sent: the note by the upload button says why. Choose another photo."

_ESM = (
    KEEP_KEYS_JS
    + """
function megabytes(n) { return (n / 1e6).toFixed(n < 1e7 ? 1 : 0) + " MB"; }

async function shrink(file, side) {
  const bitmap = await createImageBitmap(file, { imageOrientation: "from-image" });
  const scale = Math.min(1, side / Math.max(bitmap.width, bitmap.height));
  const width = Math.max(1, Math.round(bitmap.width * scale));
  const height = Math.max(1, Math.round(bitmap.height * scale));
  const canvas = document.createElement("canvas");
  canvas.width = width;
  canvas.height = height;
  canvas.getContext("2d").drawImage(bitmap, 0, 0, width, height);
  const blob = await new Promise((done) => canvas.toBlob(done, "image/jpeg", 0.92));
  const note = "shrunk in the browser from " + bitmap.width + " x " + bitmap.height + " (" + megabytes(file.size) +
    ") to " + width + " x " + height + " before sending";
  const original = bitmap.width;
  bitmap.close();
  return [await blob.arrayBuffer(), note, original];
}

function render({ model, el }) {
  const input = document.createElement("input");
  input.type = "file";
  input.accept = "image/*";
  input.hidden = true;
  const button = document.createElement("button");
  button.type = "button";
  button.className = "jupyter-button rof-pick";
  const status = document.createElement("span");
  status.className = "rof-pick-status";
  status.setAttribute("role", "status");
  let timer = null;
  const show = () => { button.textContent = model.get("description"); };
  const say = (text) => { status.textContent = text; };

  button.addEventListener("click", () => input.click());
  input.addEventListener("change", async () => {
    const file = input.files && input.files[0];
    input.value = "";  // choosing the same file again is a new choice
    if (!file) return;
    const sequence = model.get("sequence") + 1;
    model.set("pending", file.name);
    model.save_changes();
    let data = null;
    let note = "";
    let original = 0;
    if (file.size <= model.get("send_limit")) {
      say("Sending " + file.name + " (" + megabytes(file.size) + ")…");
      data = await file.arrayBuffer();
    } else {
      say("Shrinking " + file.name + " (" + megabytes(file.size) + ") before sending…");
      try {
        [data, note, original] = await shrink(file, model.get("shrink_side"));
      } catch (error) {
        model.set("pending", "");
        model.save_changes();
        say(file.name + " is " + megabytes(file.size) + ", too large to send as it is, and this browser cannot read it " +
          "to make it smaller. Choose a JPEG or PNG photo (phones can save one), or one under " +
          megabytes(model.get("send_limit")) + ".");
        return;
      }
      say("Sending " + file.name + ", " + note + "…");
    }
    model.set("data", new DataView(data));
    model.set("name", file.name);
    model.set("size", file.size);
    model.set("note", note);
    model.set("original_width", original);
    model.set("sequence", sequence);
    model.save_changes();
    if (timer !== null) clearTimeout(timer);
    timer = setTimeout(() => {
      if (model.get("received") < sequence) {
        say(file.name + " has not arrived after 30 seconds. Is the kernel still running (see the top right of the " +
          "notebook)? Run this cell again, then choose the photo once more.");
      }
    }, 30000);
  });
  model.on("change:received", () => { if (model.get("received") >= model.get("sequence")) say(""); });
  model.on("change:description", show);
  show();
  el.setAttribute("data-lm-suppress-shortcuts", "true");  // Enter presses the button, not JupyterLab's "edit cell"
  el.addEventListener("keydown", keepKeys);
  el.classList.add("rof-picker");
  el.append(button, input, status);
  return () => { if (timer !== null) clearTimeout(timer); };
}
export default { render };
"""
)

_CSS = """
.rof-picker { display: flex; align-items: center; gap: 8px; flex-wrap: wrap; }
.rof-pick-status { font-size: 90%; }
"""


class PhotoPicker(anywidget.AnyWidget):
    """A "choose a photo" button: the chosen file reaches the kernel as ``data`` (bytes), ``name`` and ``size``.

    ``sequence`` goes up by one for each photo that arrives (watch it, or use
    :func:`watch_photo`); ``pending`` holds the name of a photo on its way
    ("" otherwise); ``note`` says when the browser shrank the photo first
    (files over ``send_limit`` bytes, to ``shrink_side`` px), and
    ``original_width`` is then the photo's own width in px (0 when it was sent
    as it is). Set ``received``
    to ``sequence`` once the photo is read. :meth:`clear` forgets the photo.
    """

    _esm = _ESM
    _css = _CSS
    description = traitlets.Unicode("Choose a photo").tag(sync=True)
    data = traitlets.Bytes(b"").tag(sync=True, **bytes_serialization)
    name = traitlets.Unicode("").tag(sync=True)
    size = traitlets.Int(0).tag(sync=True)
    note = traitlets.Unicode("").tag(sync=True)
    original_width = traitlets.Int(0).tag(sync=True)
    pending = traitlets.Unicode("").tag(sync=True)
    sequence = traitlets.Int(0).tag(sync=True)
    received = traitlets.Int(0).tag(sync=True)
    send_limit = traitlets.Int(SEND_LIMIT).tag(sync=True)
    shrink_side = traitlets.Int(SHRINK_SIDE).tag(sync=True)

    def clear(self) -> None:
        """Forget the photo (its bytes leave the widget; the next choice still counts as new)."""
        with self.hold_sync():
            self.data, self.name, self.size, self.note, self.original_width, self.pending = b"", "", 0, "", 0, ""

    def choose(self, data: bytes, name: str = "photo.jpg", note: str = "", original_width: int = 0) -> None:
        """Deliver a photo as the browser does (for tests and scripts): ``pending`` first, then the bytes."""
        self.pending = name
        with self.hold_trait_notifications():
            self.data, self.name, self.size, self.note, self.original_width = bytes(data), name, len(data), note, original_width
            self.sequence += 1


def watch_photo(
    picker: PhotoPicker,
    on_file: Callable[[bytes, str, str, int], None],
    on_pending: Callable[[str], None] | None = None,
    on_refused: Callable[[str], None] | None = None,
) -> None:
    """Call ``on_pending(name)`` when a photo is on its way and ``on_file(data, name, note, original_width)`` when it has arrived.

    ``on_pending`` is where a widget clears the previous photo's result, so that
    a stale result is never shown as the new photo's. ``on_refused(name)`` is
    called when the browser gives up on a photo it announced (too large and
    unreadable: it says why next to the button), so that the widget does not
    say "Receiving ..." forever. ``received`` is set after ``on_file`` returns,
    which clears the browser's "Sending ..." status.
    """

    def pending(change) -> None:
        if change["new"] and on_pending is not None:
            on_pending(change["new"])
        elif not change["new"] and change["old"] and picker.received >= picker.sequence and on_refused is not None:
            on_refused(change["old"])  # no new photo came with it (an arrival clears ``pending`` before ``received``)

    def arrived(change) -> None:
        try:
            if picker.data:
                on_file(bytes(picker.data), picker.name or "your photo", picker.note, picker.original_width)
        finally:
            picker.pending = ""
            picker.received = change["new"]

    picker.observe(pending, names="pending")
    picker.observe(arrived, names="sequence")
