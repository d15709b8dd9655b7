"""Every ipywidgets class of the course, thin over ``show`` and the core.

:mod:`~realorfake.widgets.explorer` (landmark explorer, face uploader),
:mod:`~realorfake.widgets.spot_it`, :mod:`~realorfake.widgets.blend_comparer`,
:mod:`~realorfake.widgets.magnifier` (the artifact magnifier),
:mod:`~realorfake.widgets.quiz` (real-or-fake rounds) and
:mod:`~realorfake.widgets.clip_player`. :mod:`~realorfake.widgets.common` holds
the one upload reader, the picture and the privacy notes; the message box is
``show.messages``. :mod:`~realorfake.widgets.accessible` has the controls a
keyboard and a screen reader can use where ipywidgets' own cannot (pictures
with alt text, named sliders, the clip's Play button, a live region for verdicts).
Each widget keeps its parts as attributes, so it can be driven and tested from
plain Python, and shows a problem as a message, never a traceback.

Layer rules: imports the core, ``fakes``, ``forensics`` and ``show``; never ``course``
(lessons pass their pictures and questions in).
"""
