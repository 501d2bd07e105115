"""Dates: the date values written in the data, and date expressions found in questions.

Everything is a closed interval of calendar days (`DateSpan`), so "May 15, 2010" in a
question and "2010-05-14/2010-05-17" in the data compare by overlap.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

# Open-ended ranges ("before 2000") use the calendar's own limits as their missing end.
OPEN_START = dt.date.min
OPEN_END = dt.date.max


@dataclass(frozen=True, slots=True)
class DateSpan:
    """A closed interval of days, `start` <= `end`."""

    start: dt.date
    end: dt.date

    def overlaps(self, other: DateSpan) -> bool:
        """True when the two intervals share at least one day."""
        return self.start <= other.end and other.start <= self.end

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
    last_day = calendar.monthrange(year, month)[1]
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
