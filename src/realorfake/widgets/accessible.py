"""Controls a keyboard and a screen reader can use, where ipywidgets' own cannot.

ipywidgets 8 gives its sliders and its ``Play`` buttons no accessible name (a
screen reader hears "slider" and "button"), its pictures no alt text (setting an
``Image``'s tooltip breaks its view), and says nothing when a message changes.
These small widgets, on ``anywidget`` (plain browser controls with a few lines
of JavaScript, no download at run time), fill those gaps:

- :class:`Picture`: an image with alt text;
- :class:`Slider`: a native range input with a label, its value shown beside it;
- :class:`Choices`: radio buttons in one group (see :func:`choices`);
- :class:`FramePlayer`: a Play/Pause button, a frame slider and "frame n of N",
  the playing done in the browser as ipywidgets' ``Play`` does;
- :class:`Announcer`: a live region (``role="status"``) whose text a screen
  reader reads out when it changes, hidden from the eye;
- :class:`FocusableHTML`: HTML that can take the keyboard focus (when the
  controls that had it disappear, as at the end of a quiz).

Each keeps its value in a trait (``value``, ``alt``, ``playing``, ``text``) that Python
code sets and observes as with any ipywidget.
"""

from __future__ import annotations

import anywidget
import traitlets

#: A JavaScript function ``keepKeys(event)`` for a control's keydown listener: the keys a control uses itself
#: (arrows, Home/End, Page Up/Down, Enter, Space) must not reach the notebook, which would move between cells.
KEEP_KEYS_JS = """
function keepKeys(event) {
  const own = ["ArrowLeft", "ArrowRight", "ArrowUp", "ArrowDown", "Home", "End", "PageUp", "PageDown", "Enter", " "];
  if (own.includes(event.key)) event.stopPropagation();
}
"""

#: A JavaScript function ``shieldOutput(el)``: keys pressed on a course widget's own buttons (Enter, Space) belong to
#: them, so the whole output the widget sits in is marked for JupyterLab to leave alone; otherwise Enter on a button
#: also means "edit this cell" and pulls the keyboard focus away from the next button. Every course widget shows a
#: :class:`Picture` or has an :class:`Announcer`, and both call it.
SHIELD_JS = """
function shieldOutput(el) {
  let tries = 0;
  const timer = setInterval(() => {  // the output exists only once the widget is attached to the page
    const output = el.closest(".jp-OutputArea-output, .widget-area, .output_area");
    if (output) output.setAttribute("data-lm-suppress-shortcuts", "true");
    if (output || ++tries > 50) clearInterval(timer);
  }, 100);
}
"""

_PICTURE_ESM = (
    SHIELD_JS
    + """
function render({ model, el }) {
  shieldOutput(el);
  const img = document.createElement("img");
  img.className = "rof-picture";
  let url = null;
  const show = () => {
    if (url !== null) URL.revokeObjectURL(url);
    url = null;
    const data = model.get("value");
    if (data && data.byteLength > 0) {
      url = URL.createObjectURL(new Blob([data], { type: "image/" + model.get("format") }));
      img.src = url;
    } else {
      img.removeAttribute("src");
    }
  };
  const describe = () => { img.alt = model.get("alt"); };
  model.on("change:value", show);
  model.on("change:format", show);
  model.on("change:alt", describe);
  show();
  describe();
  el.append(img);
  return () => { if (url !== null) URL.revokeObjectURL(url); };
}
export default { render };
"""
)

_PICTURE_CSS = """
.rof-picture { display: block; width: 100%; height: auto; }
"""


class Picture(anywidget.AnyWidget):
    """A picture from encoded bytes (``value``, a PNG or JPEG file's bytes; ``format`` "png" or "jpeg") with ``alt`` text.

    It fills its layout's width and keeps its aspect ratio; give it a
    ``layout`` with a ``max_width``. ``alt`` is what a screen reader says
    instead of the picture: set it whenever ``value`` changes what it shows.
    """

    _esm = _PICTURE_ESM
    _css = _PICTURE_CSS
    value = traitlets.Bytes(b"").tag(sync=True)
    format = traitlets.Unicode("png").tag(sync=True)
    alt = traitlets.Unicode("").tag(sync=True)


_SLIDER_ESM = (
    KEEP_KEYS_JS
    + """
function render({ model, el }) {
  const id = "rof-" + Math.random().toString(36).slice(2);
  const label = document.createElement("label");
  label.htmlFor = id;
  label.className = "rof-label";
  const input = document.createElement("input");
  input.type = "range";
  input.id = id;
  const out = document.createElement("output");
  out.htmlFor = id;
  out.className = "rof-readout";
  out.setAttribute("aria-hidden", "true");  // the slider says its value itself (aria-valuetext)
  const show = () => {
    label.textContent = model.get("description");
    input.min = model.get("min");
    input.max = model.get("max");
    input.step = model.get("step");
    input.value = model.get("value");
    input.disabled = model.get("disabled");
    const digits = model.get("digits");
    out.textContent = Number(model.get("value")).toFixed(digits) + model.get("unit");
    input.setAttribute("aria-valuetext", out.textContent);
  };
  const send = () => {
    model.set("value", Number(input.value));
    model.save_changes();
  };
  input.addEventListener("change", send);
  input.addEventListener("input", () => {
    out.textContent = Number(input.value).toFixed(model.get("digits")) + model.get("unit");
    if (model.get("continuous_update")) send();
  });
  model.on("change", show);
  show();
  el.setAttribute("data-lm-suppress-shortcuts", "true");  // arrows and Enter go to the control, not to JupyterLab
  el.addEventListener("keydown", keepKeys);
  el.classList.add("rof-slider");
  el.append(label, input, out);
}
export default { render };
"""
)

_SLIDER_CSS = """
.rof-slider { display: flex; align-items: center; gap: 8px; margin: 2px 0; }
.rof-slider .rof-label { min-width: 80px; text-align: right; }
.rof-slider input[type=range] { flex: 1 1 auto; min-width: 120px; }
.rof-slider .rof-readout { min-width: 3.5em; font-variant-numeric: tabular-nums; }
"""


class Slider(anywidget.AnyWidget):
    """A labelled slider: ``value`` from ``min`` to ``max`` in ``step`` (floats; whole numbers when ``step`` is 1).

    ``description`` is its visible label and accessible name; ``unit`` follows
    the value shown (e.g. ``" px"``); ``digits`` is how many decimals are shown.
    With ``continuous_update=False`` the value is sent when the learner lets go.
    Arrow keys move it one step, Page Up/Down ten, Home/End to the ends.
    """

    _esm = _SLIDER_ESM
    _css = _SLIDER_CSS
    value = traitlets.Float(0.0).tag(sync=True)
    min = traitlets.Float(0.0).tag(sync=True)
    max = traitlets.Float(100.0).tag(sync=True)
    step = traitlets.Float(1.0).tag(sync=True)
    description = traitlets.Unicode("").tag(sync=True)
    unit = traitlets.Unicode("").tag(sync=True)
    digits = traitlets.Int(0).tag(sync=True)
    disabled = traitlets.Bool(False).tag(sync=True)
    continuous_update = traitlets.Bool(True).tag(sync=True)

    @traitlets.validate("value")
    def _within(self, proposal):
        value = min(max(float(proposal["value"]), self.min), self.max)
        return float(round(value)) if self.step == 1 and self.digits == 0 else value


_PLAYER_ESM = (
    KEEP_KEYS_JS
    + """
function render({ model, el }) {
  const button = document.createElement("button");
  button.type = "button";
  button.className = "rof-play jupyter-button";
  const id = "rof-" + Math.random().toString(36).slice(2);
  const label = document.createElement("label");
  label.htmlFor = id;
  label.textContent = model.get("description");
  const input = document.createElement("input");
  input.type = "range";
  input.id = id;
  input.min = 0;
  input.step = 1;
  const out = document.createElement("output");
  out.htmlFor = id;
  out.setAttribute("aria-hidden", "true");  // not read at every frame: the slider says it (aria-valuetext)
  let timer = null;
  const stop = () => { if (timer !== null) { clearInterval(timer); timer = null; } };
  const tick = () => {
    const next = (model.get("value") + 1) % (model.get("max") + 1);
    model.set("value", next);
    model.save_changes();
  };
  const show = () => {
    const playing = model.get("playing");
    button.textContent = playing ? model.get("pause_label") : model.get("play_label");
    label.textContent = model.get("description");
    button.setAttribute("aria-pressed", playing ? "true" : "false");
    input.max = model.get("max");
    input.value = model.get("value");
    out.textContent = model.get("position_label").replace("{n}", model.get("value") + 1).replace("{count}", model.get("max") + 1);
    input.setAttribute("aria-valuetext", out.textContent);
    if (playing && timer === null) timer = setInterval(tick, model.get("interval"));
    if (!playing) stop();
  };
  button.addEventListener("click", () => {
    model.set("playing", !model.get("playing"));
    model.save_changes();
  });
  input.addEventListener("input", () => {
    model.set("playing", false);
    model.set("value", Number(input.value));
    model.save_changes();
  });
  model.on("change", show);
  show();
  el.setAttribute("data-lm-suppress-shortcuts", "true");
  el.addEventListener("keydown", keepKeys);
  el.classList.add("rof-player");
  el.append(button, label, input, out);
  return stop;
}
export default { render };
"""
)

_PLAYER_CSS = """
.rof-player { display: flex; flex-wrap: wrap; align-items: center; gap: 8px; margin: 4px 0; }
.rof-player .rof-play { min-width: 6.5em; width: auto !important; white-space: nowrap; overflow: visible; text-overflow: clip; flex: none; }
.rof-player input[type=range] { flex: 1 1 auto; min-width: 80px; }
.rof-player output { min-width: 10em; white-space: nowrap; font-variant-numeric: tabular-nums; }
"""


class FramePlayer(anywidget.AnyWidget):
    """Play/Pause and a frame slider for ``max + 1`` frames, one every ``interval`` ms, looping.

    ``value`` is the frame shown (0-based); ``playing`` is True while it plays
    (the stepping runs in the browser). Moving the slider pauses. The words
    (``description``, ``play_label``, ``pause_label`` and ``position_label``,
    whose ``{n}`` and ``{count}`` are filled in) can be set in another language.
    """

    _esm = _PLAYER_ESM
    _css = _PLAYER_CSS
    value = traitlets.Int(0).tag(sync=True)
    max = traitlets.Int(0).tag(sync=True)
    interval = traitlets.Int(100).tag(sync=True)
    playing = traitlets.Bool(False).tag(sync=True)
    description = traitlets.Unicode("frame").tag(sync=True)
    play_label = traitlets.Unicode("▶ Play").tag(sync=True)
    pause_label = traitlets.Unicode("❚❚ Pause").tag(sync=True)  # ❚❚, not ⏸: common fonts have it
    position_label = traitlets.Unicode("frame {n} of {count}").tag(sync=True)

    @traitlets.validate("value")
    def _within(self, proposal):
        return min(max(int(proposal["value"]), 0), self.max)


_ANNOUNCER_ESM = (
    SHIELD_JS
    + """
function render({ model, el }) {
  const region = document.createElement("div");
  region.setAttribute("role", "status");
  region.setAttribute("aria-live", "polite");
  region.className = "rof-announcer";
  const show = () => { region.textContent = model.get("text"); };
  model.on("change:text", show);
  show();
  el.append(region);
  shieldOutput(el);
}
export default { render };
"""
)

_ANNOUNCER_CSS = """
.rof-announcer { position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden;
  clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
"""


class Announcer(anywidget.AnyWidget):
    """A live region: screen readers read ``text`` aloud each time it changes; nothing shows on screen.

    Like :class:`Picture`, it keeps JupyterLab's keyboard shortcuts out of the
    output it sits in (``SHIELD_JS``).
    """

    _esm = _ANNOUNCER_ESM
    _css = _ANNOUNCER_CSS
    text = traitlets.Unicode("").tag(sync=True)


_FOCUSABLE_ESM = """
function render({ model, el }) {
  const box = document.createElement("div");
  box.tabIndex = -1;  // focusable from code, not a tab stop
  box.className = "rof-focusable";
  const show = () => { box.innerHTML = model.get("value"); };
  model.on("change:value", show);
  model.on("change:focus_count", () => box.focus());
  show();
  el.append(box);
}
export default { render };
"""


class FocusableHTML(anywidget.AnyWidget):
    """HTML (``value``, built by the course with its text escaped) that :meth:`focus` gives the keyboard focus."""

    _esm = _FOCUSABLE_ESM
    _css = ".rof-focusable:focus { outline: 2px solid #0072B2; outline-offset: 2px; }"
    value = traitlets.Unicode("").tag(sync=True)
    focus_count = traitlets.Int(0).tag(sync=True)

    def focus(self) -> None:
        """Move the keyboard focus here (screen readers then read it)."""
        self.focus_count += 1


_CHOICES_ESM = (
    KEEP_KEYS_JS
    + """
function render({ model, el }) {
  const group = document.createElement("div");
  group.setAttribute("role", "radiogroup");
  const legend = document.createElement("span");
  legend.className = "rof-choices-label";
  legend.id = "rof-" + Math.random().toString(36).slice(2);
  group.setAttribute("aria-labelledby", legend.id);
  const name = legend.id + "-group";
  const draw = () => {
    legend.textContent = model.get("description");
    group.replaceChildren();
    for (const [label, value] of model.get("options")) {
      const item = document.createElement("label");
      const radio = document.createElement("input");
      radio.type = "radio";
      radio.name = name;  // one group: the arrow keys move between the choices
      radio.value = value;
      radio.checked = value === model.get("value");
      radio.addEventListener("change", () => {
        if (radio.checked) { model.set("value", value); model.save_changes(); }
      });
      item.append(radio, document.createTextNode(label));
      group.append(item);
    }
  };
  model.on("change:options", draw);
  model.on("change:description", draw);
  model.on("change:value", () => {
    for (const radio of group.querySelectorAll("input")) radio.checked = radio.value === model.get("value");
  });
  draw();
  el.setAttribute("data-lm-suppress-shortcuts", "true");
  el.addEventListener("keydown", keepKeys);
  el.classList.add("rof-choices");
  el.append(legend, group);
}
export default { render };
"""
)

_CHOICES_CSS = """
.rof-choices { display: flex; align-items: baseline; gap: 10px; flex-wrap: wrap; margin: 2px 0; }
.rof-choices [role=radiogroup] { display: flex; flex-wrap: wrap; gap: 2px 16px; }
.rof-choices label { display: inline-flex; align-items: center; gap: 4px; }
.rof-choices input { margin: 0; }
"""


class Choices(anywidget.AnyWidget):
    """Radio buttons in a row: one ``value`` among ``options`` ([label, value] pairs of text), named by ``description``.

    Unlike ipywidgets' ``ToggleButtons`` a screen reader hears which choice is
    selected, and unlike its ``RadioButtons`` the arrow keys move between the
    choices (they form one group) instead of moving JupyterLab's cell selection.
    Setting ``value`` to something not offered raises ``traitlets.TraitError``.
    """

    _esm = _CHOICES_ESM
    _css = _CHOICES_CSS
    options = traitlets.List().tag(sync=True)
    value = traitlets.Unicode("").tag(sync=True)
    description = traitlets.Unicode("").tag(sync=True)

    @traitlets.validate("value")
    def _offered(self, proposal):
        offered = [value for _, value in self.options]
        if proposal["value"] not in offered:
            raise traitlets.TraitError(f"{proposal['value']!r} is not one of the choices {offered}.")
        return proposal["value"]


def choices(options, value: str, description: str) -> Choices:
    """A :class:`Choices` from ``options`` given as values or (label, value) pairs, with ``value`` chosen."""
    pairs = [[str(option[0]), str(option[1])] if isinstance(option, (tuple, list)) else [str(option), str(option)] for option in options]
    return Choices(options=pairs, value=value, description=description)
