"""The course's own English and Spanish: the real-or-fake rounds' explanations and the take-home checklist.

Strings are written in English in the code, marked with :func:`N_`, and
translated in ``locale/es.po`` beside this file (gettext, read with Babel as
the game's catalogue is: :func:`realorfake.game.i18n.read_catalogue`). A test
checks that every marked string of the course layer has a Spanish translation
and that the catalogue holds nothing unused.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from ..errors import UnknownName
from ..game.i18n import LANGUAGES, N_, read_catalogue

#: The folder of the course's ``.po`` catalogues.
LOCALE_FOLDER = Path(__file__).with_name("locale")

__all__ = ["LANGUAGES", "LOCALE_FOLDER", "N_", "catalogue", "check_language", "translate"]


def check_language(language: object) -> str:
    """``language`` when the course speaks it ("en" or "es"); else ``UnknownName`` saying which it speaks."""
    if not isinstance(language, str) or language not in LANGUAGES:
        raise UnknownName(f"language must be one of {', '.join(repr(code) for code in LANGUAGES)} ({', '.join(LANGUAGES.values())}); got {language!r}.")
    return language


@cache
def catalogue(language: str) -> dict[str, str]:
    """{English text: translation} of ``language`` from ``locale/<language>.po`` (empty for English); ``UnknownName`` for another language."""
    if check_language(language) == "en":
        return {}
    return read_catalogue(LOCALE_FOLDER / f"{language}.po", language)


def translate(text: str, language: str = "en", **values: object) -> str:
    """``text`` (English, marked with ``N_``) in ``language``, with ``{name}`` fields filled from ``values``.

    A string missing from the catalogue stays English (a test makes sure none is
    missing); ``UnknownName`` for a language the course does not speak.
    """
    result = catalogue(language).get(text, text)
    return result.format(**values) if values else result
