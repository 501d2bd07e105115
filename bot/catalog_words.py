"""`Words` for a language with a catalog: gettext messages from `bot/locale/<code>/`, dates by
Babel for that locale ("16 февраля 2013 г.", "март — май 1993 г.").

Imported only when a reader's language is not English (gettext and Babel cost ~50 ms of
imports and locale data). What Babel has no form for (a year with its unit, seasons,
decades, "before"/"since") is a catalog message, so the translator decides it too.
"""

from __future__ import annotations

import datetime as dt
import gettext
from pathlib import Path

from babel.dates import format_date, format_interval, format_skeleton
from babel.numbers import format_decimal

from bot.dates import OPEN_END, OPEN_START, DateSpan, days_in_month
from bot.words import Words

LOCALE_DIR = Path(__file__).resolve().parent / "locale"
DOMAIN = "chronobot"
# The months a season starts in, as the question grammars read seasons (three months each).
SEASON_STARTS = (3, 6, 9, 12)


def load_translations(code: str) -> gettext.GNUTranslations:
    """The compiled catalog of `code` (bot/locale/<code>/LC_MESSAGES/chronobot.mo)."""
    path = LOCALE_DIR / code / "LC_MESSAGES" / f"{DOMAIN}.mo"
    with path.open("rb") as file:
        return gettext.GNUTranslations(file)


def _month_end(day: dt.date) -> bool:
    return day.day == days_in_month(day.year, day.month)


def _whole_years(start: dt.date, end: dt.date) -> bool:
    return (start.month, start.day, end.month, end.day) == (1, 1, 12, 31)


def _season(start: dt.date, end: dt.date) -> int | None:
    """The month a season starts in, when the span is exactly one season."""
    if start.month not in SEASON_STARTS or start.day != 1 or not _month_end(end):
        return None
    months = (end.year - start.year) * 12 + end.month - start.month
    return start.month if months == 2 else None


def _decade(start: dt.date, end: dt.date) -> bool:
    return _whole_years(start, end) and start.year % 10 == 0 and end.year == start.year + 9


class CatalogWords(Words):
    """Words replies in the language `code` from its gettext catalog and Babel's locale data."""

    def __init__(self, code: str):
        self.code = code
        self._catalog = load_translations(code)

    def _(self, message: str) -> str:
        return self._catalog.gettext(message)

    def ngettext(self, singular: str, plural: str, count: int) -> str:
        return self._catalog.ngettext(singular, plural, count)

    def pgettext(self, context: str, message: str) -> str:
        return self._catalog.pgettext(context, message)

    def number(self, count: int) -> str:
        return format_decimal(count, locale=self.code)

    # -- dates -------------------------------------------------------------------------------

    def year(self, year: int) -> str:
        return self.pgettext("year", "{year}").format(year=year)

    def _from_day(self, day: dt.date) -> str:
        """Where an open period starts or ends: a year when it is one's first day, else a day."""
        if (day.month, day.day) == (1, 1):
            return self.year(day.year)
        return format_date(day, "long", locale=self.code)

    def _season(self, month: int, year: int, *, inside: bool) -> str:
        names = {
            False: {
                3: self._("spring {year}"),
                6: self._("summer {year}"),
                9: self._("autumn {year}"),
                12: self._("winter {year}–{next_year}"),
            },
            True: {
                3: self._("in spring {year}"),
                6: self._("in summer {year}"),
                9: self._("in autumn {year}"),
                12: self._("in winter {year}–{next_year}"),
            },
        }
        return names[inside][month].format(year=year, next_year=year + 1)

    def _closed(self, start: dt.date, end: dt.date) -> str:
        """A closed period at its coarsest grain: whole years, whole months, else days."""
        if _whole_years(start, end):
            if start.year == end.year:
                return self.year(start.year)
            return self.pgettext("years", "{first}–{last}").format(first=start.year, last=end.year)
        if start.day == 1 and _month_end(end):
            if (start.year, start.month) == (end.year, end.month):
                return format_skeleton("yMMMM", start, locale=self.code)
            return format_interval(start, end, "yMMMM", locale=self.code)
        if start == end:
            return format_date(start, "long", locale=self.code)
        return format_interval(start, end, "yMMMd", locale=self.code)

    def period(self, span: DateSpan) -> str:
        start, end = span.start, span.end
        if start == OPEN_START and end == OPEN_END:
            return self._("any date")
        if start == OPEN_START:
            return self._("before {date}").format(date=self._from_day(end + dt.timedelta(days=1)))
        if end == OPEN_END:
            return self._("since {date}").format(date=self._from_day(start))
        if _decade(start, end):
            return self._("the {decade}s").format(decade=start.year)
        season = _season(start, end)
        if season is not None:
            return self._season(season, start.year, inside=False)
        return self._closed(start, end)

    def in_period(self, span: DateSpan) -> str:
        start, end = span.start, span.end
        if start == OPEN_START and end == OPEN_END:
            return self._("at any date")
        if start == OPEN_START or end == OPEN_END:
            return self.period(span)
        if _decade(start, end):
            return self._("in the {decade}s").format(decade=start.year)
        season = _season(start, end)
        if season is not None:
            return self._season(season, start.year, inside=True)
        if start == end:
            return self._("on {day}").format(day=self._closed(start, end))
        return self._("in {period}").format(period=self._closed(start, end))

    def entry_date(self, date_text: str, span: DateSpan) -> str:
        """The entry's date in this language (its `date_text` is the chronology's English)."""
        return self.period(span)
