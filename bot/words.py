"""The interface language: which one a reader gets, and the `Words` that word replies in it.

English is the language the code is written in. `ENGLISH` returns every message as written
and writes dates in the press style of `bot.dates`, with no catalog and no Babel: the
`chronobot ask` path stays as light as it was. Another language is a gettext catalog under
`bot/locale/` and Babel's dates for its locale (`bot.catalog_words`), loaded on first use.

Messages are marked where they are written, for `pybabel extract` (see `babel.cfg`):
`words._("...")`, `words.ngettext("...", "...", n)`, `words.pgettext("context", "...")`, and
`N_("...")` for a message kept in a table and translated where it is shown.
"""

from __future__ import annotations

import functools

from bot.dates import DateSpan, date_phrase, describe_span

ENGLISH_CODE = "en"
LANGUAGES = ("en", "ru")  # every interface language: English and one catalog per other
LANGUAGE_NAMES = {"en": "English", "ru": "Русский"}  # each in its own language, for buttons


def N_(message: str) -> str:
    """Mark `message` for the catalog without translating it (it is translated where shown)."""
    return message


def language_for(code: str | None) -> str:
    """An interface language for a language tag ("ru", "ru-RU", "de", None): English unless
    the tag's language has a catalog."""
    base = (code or "").replace("_", "-").split("-")[0].lower()
    return base if base in LANGUAGES else ENGLISH_CODE


class Words:
    """Words replies in English (the messages as written); the base of every language."""

    code = ENGLISH_CODE

    def _(self, message: str) -> str:
        """`message` in this language."""
        return message

    def ngettext(self, singular: str, plural: str, count: int) -> str:
        """The form of a message for `count` ("{count} entry" / "{count} entries")."""
        return singular if count == 1 else plural

    def pgettext(self, context: str, message: str) -> str:
        """`message` in this language, where the same English means different things."""
        return message

    def period(self, span: DateSpan) -> str:
        """A period on its own, for a lead line: "1987", "spring 1967", "the 1990s"."""
        return describe_span(span)

    def in_period(self, span: DateSpan) -> str:
        """A period inside a sentence: "in 1987", "on Nov. 3, 1987", "before 1975"."""
        return date_phrase(span)

    def entry_date(self, date_text: str, span: DateSpan) -> str:
        """An entry's date heading: English shows the chronology's own wording of it."""
        return date_text

    def number(self, count: int) -> str:
        """A count as this language writes it: "1,200"."""
        return f"{count:,}"

    def quoted(self, word: str) -> str:
        """A word the reader typed, or one of the chronology's, in this language's quotes."""
        return self.pgettext("quotes", "“{word}”").format(word=word)


ENGLISH = Words()


@functools.cache
def words_for(code: str | None) -> Words:
    """The `Words` of an interface language (English for anything without a catalog)."""
    code = language_for(code)
    if code == ENGLISH_CODE:
        return ENGLISH
    from bot.catalog_words import CatalogWords  # gettext and Babel: only for other languages

    return CatalogWords(code)
