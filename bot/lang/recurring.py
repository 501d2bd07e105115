"""A month, day or season asked without a year ("rogozin feb", "in May", "feb 16", "летом",
"в феврале"): that part of every year the chronology covers, as several periods (any of them).
Read after dates and names (bot.question), so "Feb 2013" and "Jan Novak" never get here.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from bot.dates import DateSpan, day_span, days_in_month, months_span
from bot.lang import en, ru
from bot.lang.en_date_points import month_number
from bot.lang.ru_dates import month_number as ru_month_number

MAX_YEARS = 200  # "feb" in a chronology of centuries: the latest 200 Februaries
_ANY_LEAP_YEAR = 2000  # the longest of a month: Feb. 29 is a day some year has


class Recurring(NamedTuple):
    """A month or season named without a year: where, and its months (13, 14: of the next
    year, for winter); with a day of the month, that day ("16 feb")."""

    start: int
    end: int
    first_month: int
    last_month: int
    day: int = 0

    def each_year(self, years: tuple[int, int]) -> list[DateSpan]:
        """Its days in every year of `years`, the latest `MAX_YEARS` of them (a Feb. 29 in
        the years that have one)."""
        low, high = years
        spans = []
        for year in range(max(low, high - MAX_YEARS + 1), high + 1):
            if self.day:
                day = day_span(year, self.first_month, self.day)
                spans.extend([day] if day is not None else [])
            else:
                spans.append(months_span(year, self.first_month, self.last_month))
        return spans


_EN_RECURRING = re.compile(
    r"(?<![\w-])(?:(?P<lead>(?:in|during|last|this|every|each|on)(?:\s+the)?)\s+)?"
    r"(?:(?P<before>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?)?"
    r"(?P<word>[a-z]+)\.?(?:\s+(?P<after>\d{1,2})(?:st|nd|rd|th)?)?(?![\w-])",
    re.IGNORECASE,
)
_NAME_AFTER = re.compile(r"\s+[A-ZА-ЯЁ]")
_RU_RECURRING = re.compile(
    r"(?<![\w-])(?:(?P<lead>в|во)\s+|(?P<day>\d{1,2})(?:-?го)?\s+)?(?P<word>[а-яё]+)(?![\w-])",
    re.I,
)
# Month names written out, in any case ("феврале", "мая"): not the grammar's abbreviations.
_RU_MONTH_FORMS = re.compile(
    r"^(?:январ|феврал|апрел|июн|июл|сентябр|октябр|ноябр|декабр)[ьяеюё]м?$"
    r"|^ма[йяюе]$|^март[ауе]?$|^август[ауе]?$"
)


def find_recurring(text: str) -> list[Recurring]:
    """Months and seasons named without a year, in every known language ("feb", "in May",
    "last summer", "в феврале", "летом"), left to right."""
    found: list[Recurring] = []
    for match in _EN_RECURRING.finditer(text):
        word = match["word"].lower()
        if _NAME_AFTER.match(text, match.end()) and match["word"][:1].isupper():
            continue  # "Jan Novak", "June Carter": a given name
        day = int(match["before"] or match["after"] or 0)
        if word in en.RECURRING_MONTHS or (day and word in ("may", "march")):
            month = month_number(word)
            found.append(Recurring(match.start(), match.end(), month, month, _day(month, day)))
        elif match["lead"] and word in en.RECURRING_AFTER_LEAD:
            first, last = en.RECURRING_AFTER_LEAD[word]
            found.append(Recurring(match.start(), match.end(), first, last))
    if ru.is_cyrillic(text):
        for match in _RU_RECURRING.finditer(text):
            word = match["word"].lower().replace("ё", "е")
            if word in ru.RECURRING_SEASONS:
                first, last = ru.RECURRING_SEASONS[word]
                found.append(Recurring(match.start(), match.end(), first, last))
            elif (match["lead"] or match["day"]) and _RU_MONTH_FORMS.match(word):
                month = ru_month_number(word)
                day = _day(month, int(match["day"] or 0))
                found.append(Recurring(match.start(), match.end(), month, month, day))
    return sorted(found)


def _day(month: int, day: int) -> int:
    """`day` when some year's `month` has it (Feb. 29 included), else 0 (the whole month)."""
    return day if 1 <= day <= days_in_month(_ANY_LEAP_YEAR, month) else 0
