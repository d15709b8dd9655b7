"""The game's English and Spanish: one gettext catalogue, read with Babel.

Every string a player sees (buttons, messages, the built-in pack's
explanations) is written in English in the code, marked with :func:`N_` or
passed to :func:`translate`, and translated in ``locale/es.po`` beside this
file, the standard gettext format any translator's tool (Poedit, Weblate)
opens. A test checks that every marked string has a Spanish translation and that
the catalogue holds nothing unused. Another language is one more ``.po`` file.

Numbers, percentages and euros are written the way each language writes
them (``€100,000`` and ``100.000 €``) with Babel's CLDR data, and a
:class:`GameMessage` is an error a player can cause whose message the widget
and the web app show in the player's language.

Game layer: imports only the core's errors.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from pathlib import Path

from babel import Locale
from babel.messages.pofile import read_po
from babel.numbers import format_currency, format_decimal, format_percent

from ..errors import GameError, OutOfRange
from ..numbers import whole_percent

#: Languages the game speaks, by code.
LANGUAGES = {"en": "English", "es": "Español"}
#: The folder of the ``.po`` catalogues.
LOCALE_FOLDER = Path(__file__).with_name("locale")


def N_(text: str) -> str:
    """Mark ``text`` (English) for the catalogue without translating it yet; returns it unchanged."""
    return text


def read_catalogue(path: str | Path, language: str) -> dict[str, str]:
    """{English text: translation} from the gettext ``.po`` file at ``path`` in ``language``; untranslated and fuzzy entries are left out."""
    with open(path, "rb") as handle:
        catalog = read_po(handle, locale=language)
    return {message.id: message.string for message in catalog if message.id and message.string and not message.fuzzy}


@cache
def catalogue(language: str) -> dict[str, str]:
    """{English text: translation} of ``language`` read from ``locale/<language>.po`` (empty for English)."""
    if language == "en":
        return {}
    if language not in LANGUAGES:
        raise KeyError(language)
    return read_catalogue(LOCALE_FOLDER / f"{language}.po", language)


def translate(text: str, language: str = "en", **values: object) -> str:
    """``text`` in ``language`` ("en" or "es"; any other gives English), with ``{name}`` fields filled from ``values``.

    A string missing from the catalogue falls back to English (the test makes
    sure none is missing).
    """
    table = catalogue(language) if language in LANGUAGES else {}
    result = table.get(text, text)
    return result.format(**values) if values else result


def translator(language: str) -> Callable[..., str]:
    """A function ``t(text, **values)`` that translates into ``language``."""
    return lambda text, **values: translate(text, language, **values)


def money(euros: float, language: str = "en") -> str:
    """Whole euros as ``language`` writes them: ``money(100000)`` is "€100,000", in Spanish "100.000 €"."""
    code = language if language in LANGUAGES else "en"
    pattern = Locale(code).currency_formats["standard"].pattern.replace(".00", "")
    return format_currency(round(euros), "EUR", locale=code, format=pattern, currency_digits=False)


def number(value: float, language: str = "en", digits: int = 0) -> str:
    """``value`` with ``digits`` decimals as ``language`` writes it: 0.123 is "0.123", in Spanish "0,123"."""
    code = language if language in LANGUAGES else "en"
    return format_decimal(value, locale=code, format="#,##0" + ("." + "0" * digits if digits else ""))


def percent(value: float, language: str = "en") -> str:
    """A percentage (0 to 100) as ``language`` writes it: "78%", in Spanish "78 %"."""
    code = language if language in LANGUAGES else "en"
    return format_percent(whole_percent(value) / 100, locale=code)


class GameMessage(GameError):
    """A ``GameError`` whose message is in the catalogue: ``str()`` is English, :meth:`in_language` translates.

    ``text`` is marked with :func:`N_` where it is raised, with ``{name}`` fields
    filled from ``values``.
    """

    def __init__(self, text: str, **values: object):
        self.text, self.values = text, values
        super().__init__(text.format(**values) if values else text)

    def in_language(self, language: str) -> str:
        """The message in ``language``."""
        return translate(self.text, language, **self.values)


class RangeMessage(GameMessage, OutOfRange):
    """A :class:`GameMessage` about a number out of its range (also an ``OutOfRange``)."""


def error_text(error: BaseException, language: str = "en") -> str:
    """What a player reads for ``error``: in ``language`` when it is a :class:`GameMessage`, else its English message."""
    return error.in_language(language) if isinstance(error, GameMessage) else str(error)
