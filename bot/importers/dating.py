"""Dates as sources write them, turned into the data format's date values.

The words are read by the question grammars of `bot.lang` (every language it has: one grammar
per language for every date the project reads); this module only decides which words are a
date and writes the value.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.dates import OPEN_END, OPEN_START, DateSpan, days_in_month
from bot.lang import find_dates

# Words the grammar counts as part of a date but a `date_text` should not keep.
_LEAD_WORDS = re.compile(
    r"^(?:(?:in|on|during|from|around|circa|the|в|во|около)\s+)+", re.IGNORECASE
)
_CYRILLIC = re.compile("[а-яё]", re.IGNORECASE)
_YEAR_DIGITS = re.compile(r"(?<!\d)[12]\d{3}(?!\d)")
_EMPHASIS = re.compile(r"[*_]+")
# "Nov. 3, 1987: ...", "3 March — ...": a short prefix, then a colon or a spaced dash.
_SEPARATOR = re.compile(r"\s*(?::|\s[—–-]\s)\s*")
_PREFIX_MAX = 60


@dataclass(frozen=True)
class ReadDate:
    """A date found in a source: its value for the data and its own words."""

    value: str  # "1987-11-03", "1983-03/1983-05"
    text: str  # the words as written (with a year borrowed from a heading added)
    span: DateSpan


@dataclass(frozen=True)
class LeadingDate:
    """The date a paragraph begins with, and the paragraph's text without it (if a prefix)."""

    date: ReadDate
    rest: str


def date_value(span: DateSpan) -> str:
    """The data value of a span: the coarsest exact form, "YYYY", "YYYY-MM", days, or START/END."""
    start, end = span.start, span.end
    if (start.month, start.day, end.month, end.day) == (1, 1, 12, 31):
        first, last = f"{start.year:04d}", f"{end.year:04d}"
    elif start.day == 1 and end.day == days_in_month(end.year, end.month):
        first, last = f"{start:%Y-%m}", f"{end:%Y-%m}"
    else:
        first, last = start.isoformat(), end.isoformat()
    return first if first == last else f"{first}/{last}"


def read_date(words: str, year: int | None = None) -> ReadDate | None:
    """`words` read whole as one closed date ("Nov. 3, 1987"); a date without a year
    ("3 March") takes `year` when given. None when the words are not exactly a date."""
    words = _EMPHASIS.sub("", words).strip().rstrip(",.")
    if not words or (not any(c.isdigit() for c in words) and year is None):
        return None
    found = _whole(words)
    if found is None and year is not None and not _YEAR_DIGITS.search(words):
        words = f"{words} {year}"
        found = _whole(words)
    if found is None:
        return None
    return ReadDate(date_value(found), _LEAD_WORDS.sub("", words), found)


def _whole(words: str) -> DateSpan | None:
    # Every language's grammar: a table's dates may be written in any of them.
    match = next((m for m in find_dates(words) if m.start == 0 and m.end == len(words)), None)
    if match is None:
        return None
    if match.span.start == OPEN_START or match.span.end == OPEN_END:
        return None
    return match.span


def leading_date(paragraph: str, year: int | None = None) -> LeadingDate | None:
    """The date a paragraph starts with: a prefix ending in ":" or a dash ("Nov. 3, 1987:",
    "3 March —"), or a date opening the sentence ("In 1987, ...", kept in the text; a
    Cyrillic one needs no comma: "17 июля 1975 года состоялась ...")."""
    # The longest prefix that is a date: "26 July – 7 August: ..." is one range, not "26 July".
    for separator in reversed(list(_SEPARATOR.finditer(paragraph[: _PREFIX_MAX + 3]))):
        found = read_date(paragraph[: separator.start()], year)
        if found is not None:
            return LeadingDate(found, _strip_leading_emphasis(paragraph[separator.end() :]))
    match = next((m for m in find_dates(paragraph[:80]) if m.start == 0), None)
    if match is None:
        return None
    after = paragraph[match.end : match.end + 1]
    if after != "," and not (_CYRILLIC.search(match.text) and after.isspace()):
        return None
    if match.span.start == OPEN_START or match.span.end == OPEN_END:
        return None
    text = _LEAD_WORDS.sub("", match.text)
    return LeadingDate(ReadDate(date_value(match.span), text, match.span), paragraph)


def _strip_leading_emphasis(text: str) -> str:
    """ "**Nov. 3, 1987:** text" leaves "** text" after the prefix; drop the markers. What
    follows a date and a dash is an entry's first sentence: "— запущен блок" -> "Запущен
    блок" (a word with capitals of its own, "iPhone", stays as written)."""
    text = re.sub(r"^[*_]+\s*", "", text)
    first = text.split(" ", 1)[0]
    if first.isalpha() and first.islower():
        return text[:1].upper() + text[1:]
    return text


def dates_in(text: str) -> list[ReadDate]:
    """Every closed date expression in running text, in order, in any language."""
    return [
        ReadDate(date_value(match.span), _LEAD_WORDS.sub("", match.text), match.span)
        for match in find_dates(text)
        if match.span.start != OPEN_START and match.span.end != OPEN_END
    ]


def union(dates: list[ReadDate]) -> DateSpan:
    """The span from the earliest start to the latest end of `dates` (not empty)."""
    return DateSpan(min(d.span.start for d in dates), max(d.span.end for d in dates))
