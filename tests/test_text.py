"""Printed text is wrapped at word boundaries, so JupyterLab never breaks a word at the output's edge."""

from __future__ import annotations

from realorfake.text import WIDTH, fit_lines


def test_long_lines_wrap_at_words_and_keep_list_items_together():
    item = "- Keep evidence: " + "the link, a screenshot showing where and when it was posted, " * 3
    text = fit_lines("short line\n\n" + item + "\n  indented: " + "word " * 40)
    lines = text.splitlines()
    assert lines[:2] == ["short line", ""]
    assert all(len(line) <= WIDTH for line in lines)
    assert lines[3].startswith("  ") and not lines[3].startswith("   -")  # the item's next line hangs under its text
    assert " ".join(line.strip() for line in lines[2:]).split() == (item + " indented: " + "word " * 40).split()  # no word cut or lost


def test_short_text_is_unchanged():
    assert fit_lines("a\nb c") == "a\nb c"
