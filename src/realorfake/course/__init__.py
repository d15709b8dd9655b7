"""What belongs to a particular lesson: its pictures, questions, saved progress and checks.

:mod:`~realorfake.course.gallery` (Lesson 04's fakes and mystery cases),
:mod:`~realorfake.course.warmup` (Lesson 01's real-or-fake round, the
pre-test), :mod:`~realorfake.course.round_items` (the builders of its eight
kinds of picture), :mod:`~realorfake.course.posttest` (Lesson 07's post-test:
the same kinds, other pictures, as a game pack),
:mod:`~realorfake.course.before_after` (the learner's scores before and after),
:mod:`~realorfake.course.checklist` (the printable take-home checklist),
:mod:`~realorfake.course.i18n` (the course's English and Spanish), :mod:`~realorfake.course.spot_it_questions` (the "Spot it" questions),
:mod:`~realorfake.course.progress` (a learner's saved answers),
:mod:`~realorfake.course.checks` (feedback on "Try it" exercises), and the
tools for the notebooks themselves: :mod:`~realorfake.course.build` (learner
copies from solutions) and :mod:`~realorfake.course.notebooks` (run one and
measure it).

Layer rules: the top layer; it may import every other. ``checks`` imports no widget.
"""
