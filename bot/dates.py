"""Dates: the date values written in the data, spans of calendar units, and dates for readers.

Everything is a closed interval of calendar days (`DateSpan`), so "May 15, 2010" in a
question and "2010-05-14/2010-05-17" in the data compare by overlap. How each language writes
dates in questions is a grammar of its own (bot/lang/en_dates.py, ...), built on these spans.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from typing import NamedTuple

# Open-ended ranges ("before 2000") use the calendar's own limits as their missing end.
OPEN_START = dt.date.min
OPEN_END = dt.date.max
ONE_DAY = dt.timedelta(days=1)


def days_in_month(year: int, month: int) -> int:
    """Length of a month in the proleptic Gregorian calendar (calendar.monthrange, minus its
    import cost on the `chronobot ask` path)."""
    if month == 2:
        leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
        return 29 if leap else 28
    return 30 if month in (4, 6, 9, 11) else 31


class DateSpan(NamedTuple):
    """A closed interval of days, `start` <= `end`."""

    start: dt.date
    end: dt.date

    @property
    def start_iso(self) -> str | None:
        """The first day as YYYY-MM-DD, or None when the span is open at its start."""
        return None if self.start == OPEN_START else self.start.isoformat()

    @property
    def end_iso(self) -> str | None:
        """The last day as YYYY-MM-DD, or None when the span is open at its end."""
        return None if self.end == OPEN_END else self.end.isoformat()


_VALUE_PART = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def _parse_value_part(text: str) -> DateSpan:
    """One of YYYY | YYYY-MM | YYYY-MM-DD as the span of days it covers."""
    match = _VALUE_PART.match(text)
    if not match:
        raise ValueError(f"{text} is not a date (use YYYY, YYYY-MM or YYYY-MM-DD)")
    year = int(match[1])
    if match[2] is None:
        return DateSpan(dt.date(year, 1, 1), dt.date(year, 12, 31))
    month = int(match[2])
    if not 1 <= month <= 12 or year < 1:
        raise ValueError(f"{text} is not a valid date")
    last_day = days_in_month(year, month)
    if match[3] is None:
        return DateSpan(dt.date(year, month, 1), dt.date(year, month, last_day))
    day = int(match[3])
    if not 1 <= day <= last_day:
        raise ValueError(f"{text} is not a valid date")
    return DateSpan(dt.date(year, month, day), dt.date(year, month, day))


def normalize_date_value(value: object) -> str:
    """The data's date value as text: YAML may hand us a date or an int for unquoted dates."""
    if isinstance(value, bool):  # bool is an int subclass; `date: yes` is a mistake, not 1
        raise ValueError(f"{value!r} is not a date")
    if isinstance(value, dt.datetime):
        raise ValueError(f"{value.isoformat()} is a timestamp, not a date")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int):
        return f"{value:04d}"
    if isinstance(value, str):
        return value.strip()
    raise ValueError(f"{value!r} is not a date")


def parse_date_value(value: object) -> DateSpan:
    """Parse a data file's `date`: YYYY | YYYY-MM | YYYY-MM-DD | START/END.

    Raises ValueError with a message fit for an operator ("2013-02-30 is not a valid date").
    """
    text = normalize_date_value(value)
    if "/" in text:
        first, _, last = text.partition("/")
        start, end = _parse_value_part(first.strip()), _parse_value_part(last.strip())
        if end.end < start.start:
            raise ValueError(f"{text} ends before it starts")
        return DateSpan(start.start, end.end)
    return _parse_value_part(text)


# --- Spans of calendar units (shared by the data's values and every language's grammar) --


def month_span(year: int, month: int) -> DateSpan:
    """The days of one month."""
    return DateSpan(dt.date(year, month, 1), dt.date(year, month, days_in_month(year, month)))


def months_span(year: int, first: int, last: int) -> DateSpan:
    """Months `first`..`last` of `year`; `last` may run into the next year (13 = January)."""
    end_year, end_month = year + (last - 1) // 12, (last - 1) % 12 + 1
    return DateSpan(month_span(year, first).start, month_span(end_year, end_month).end)


def year_span(first: int, last: int | None = None) -> DateSpan:
    """The days of a year, or of the years `first`..`last`."""
    return DateSpan(dt.date(first, 1, 1), dt.date(first if last is None else last, 12, 31))


def day_span(year: int, month: int, day: int) -> DateSpan | None:
    """One day, or None for an impossible one ("Feb 30"): a question must never raise."""
    if not 1 <= month <= 12 or not 1 <= day <= days_in_month(year, month):
        return None
    return DateSpan(dt.date(year, month, day), dt.date(year, month, day))


def spans_hull(spans: tuple[DateSpan, ...]) -> DateSpan | None:
    """The smallest span covering all of `spans` (gaps included), or None when there are none."""
    if not spans:
        return None
    return DateSpan(min(s.start for s in spans), max(s.end for s in spans))


class DateMatch(NamedTuple):
    """A date expression found in a question: where it stands and the days it covers."""

    start: int  # character offsets of the expression in the question
    end: int
    text: str  # the question's own words, e.g. "between 1982 and 1983"
    span: DateSpan
    # How an ambiguous form was read, e.g. "day-first" for "09.07.2007"; None when certain.
    reading: str | None = None


# --- Dates for readers ---------------------------------------------------------------------

# Newspaper (AP) style, as chronologies in the press write them: "Nov. 3", "March 1983".
_MONTH_LABELS = (
    "Jan.", "Feb.", "March", "April", "May", "June",
    "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec.",
)  # fmt: skip
_SEASON_NAMES = {3: "spring", 6: "summer", 9: "autumn", 12: "winter"}


def _is_month_end(day: dt.date) -> bool:
    return day.day == days_in_month(day.year, day.month)


def _month_label(day: dt.date) -> str:
    return _MONTH_LABELS[day.month - 1]


def _describe_day(day: dt.date) -> str:
    return f"{_month_label(day)} {day.day}, {day.year}"


def _describe_start(day: dt.date) -> str:
    """A first day at the coarsest grain it begins: "1984", "March 1984", "March 5, 1984"."""
    if day.month == 1 and day.day == 1:
        return str(day.year)
    if day.day == 1:
        return f"{_month_label(day)} {day.year}"
    return _describe_day(day)


def _describe_closed(start: dt.date, end: dt.date) -> str:
    """A closed interval at its coarsest grain: whole years, whole months, else days."""
    if (start.month, start.day, end.month, end.day) == (1, 1, 12, 31):
        return str(start.year) if start.year == end.year else f"{start.year}–{end.year}"
    if start.day == 1 and _is_month_end(end):
        if (start.year, start.month) == (end.year, end.month):
            return f"{_month_label(start)} {start.year}"
        if start.year == end.year:
            return f"{_month_label(start)}–{_month_label(end)} {start.year}"
        return f"{_month_label(start)} {start.year}–{_month_label(end)} {end.year}"
    if start == end:
        return _describe_day(start)
    if (start.year, start.month) == (end.year, end.month):
        return f"{_month_label(start)} {start.day}–{end.day}, {start.year}"
    if start.year == end.year:
        return f"{_month_label(start)} {start.day}–{_month_label(end)} {end.day}, {start.year}"
    return f"{_describe_day(start)}–{_describe_day(end)}"


def _season_name(start: dt.date, end: dt.date) -> str | None:
    """ "spring 1967" when the interval is exactly one season as the grammar reads it."""
    season = _SEASON_NAMES.get(start.month)
    if season is None or start.day != 1 or not _is_month_end(end):
        return None
    span = months_span(start.year, start.month, start.month + 2)
    return f"{season} {start.year}" if (span.start, span.end) == (start, end) else None


def describe_span(span: DateSpan) -> str:
    """Short human form for a lead line: "1987", "Nov. 1987", "Nov. 3, 1987", "1982–1983",
    "before 1975", "since 1984", "the 1990s", "spring 1967", "June 8–11, 1984"."""
    start, end = span.start, span.end
    if start == OPEN_START and end == OPEN_END:
        return "any date"
    if start == OPEN_START:
        return f"before {_describe_start(end + dt.timedelta(days=1))}"
    if end == OPEN_END:
        return f"since {_describe_start(start)}"
    if (
        (start.month, start.day, end.month, end.day) == (1, 1, 12, 31)
        and start.year % 10 == 0
        and end.year == start.year + 9
    ):
        return f"the {start.year}s"
    return _season_name(start, end) or _describe_closed(start, end)


def date_phrase(span: DateSpan) -> str:
    """The span as it reads inside a sentence ("No entry for X {phrase}"): "in 1987",
    "on Nov. 3, 1987", "before 1975", "since 1984", "in the 1990s", "at any date"."""
    described = describe_span(span)
    if described.startswith(("before ", "since ")):
        return described
    if described == "any date":
        return "at any date"
    single_day = span.start == span.end
    return f"{'on' if single_day else 'in'} {described}"


@functools.lru_cache(maxsize=4096)  # entries share dates; answers show them again and again
def format_date_value(date_value: str) -> str:
    """Readable form of a data date value for entries without date_text: "1987-11-03" ->
    "Nov. 3, 1987", "1983-03" -> "March 1983", "1984-06-08/1984-06-11" -> "June 8–11, 1984".

    A value that is not a valid date is returned as it is: the loader has already reported it,
    and a reply must not fail over how a date is shown.
    """
    try:
        span = parse_date_value(date_value)
    except ValueError:
        return str(date_value)
    return _describe_closed(span.start, span.end)


def about_year(point: DateSpan) -> DateSpan:
    """About a year ("around 2010", "2009ish"): the year before to the year after; any other
    period as it is."""
    first, last = point.start, point.end
    if (first.month, first.day, last.month, last.day) != (1, 1, 12, 31) or first.year != last.year:
        return point
    return DateSpan(first.replace(year=first.year - 1), last.replace(year=last.year + 1))


def first_of_each_year(spans: tuple[DateSpan, ...]) -> DateSpan | None:
    """The first of `spans` when they are the same part of year after year (a month asked
    without a year: "feb"), else None."""
    if len(spans) < 3:
        return None
    first = spans[0]
    shape = (first.start.month, first.start.day, first.end.month)
    for year, span in enumerate(spans, start=first.start.year):
        if (span.start.month, span.start.day, span.end.month) != shape or span.start.year != year:
            return None
    return first


_YEAR_AND_AFTER = re.compile(r"[\s,]*\d{4}.*$")


def without_year(period: str) -> str:
    """A period's words without its year: "Feb. 1993" -> "Feb.", "summer 1993" -> "summer"."""
    return _YEAR_AND_AFTER.sub("", period)
