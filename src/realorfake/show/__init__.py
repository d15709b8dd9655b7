"""Pictures: every matplotlib drawing and picture helper of the course.

:mod:`~realorfake.show.plots` (image grids, landmarks by region, PNG bytes),
:mod:`~realorfake.show.landmarks` (landmarks drawn with OpenCV, fitting a
picture to a size), :mod:`~realorfake.show.swap_pictures` (the swap pipeline),
:mod:`~realorfake.show.forensic_pictures` (the forensic views as pictures),
:mod:`~realorfake.show.diagrams` (the autoencoder diagram),
:mod:`~realorfake.show.score_pictures` (Lesson 07's before/after chart) and
:mod:`~realorfake.show.messages` (the colored message box).

Layer rules: imports the core, ``fakes`` and ``forensics``; never a widget or
``course``. Widgets and lessons draw through this layer.
"""
