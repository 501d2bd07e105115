"""Dates: the date values written in the data, and date expressions found in questions.

Everything is a closed interval of calendar days (`DateSpan`), so "May 15, 2010" in a
question and "2010-05-14/2010-05-17" in the data compare by overlap.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass

# Open-ended ranges ("before 2000") use the calendar's own limits as their missing end.
OPEN_START = dt.date.min
OPEN_END = dt.date.max


def days_in_month(year: int, month: int) -> int:
    """Length of a month in the proleptic Gregorian calendar (calendar.monthrange, minus its
    import cost on the `chronobot ask` path)."""
    if month == 2:
        leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
        return 29 if leap else 28
    return 30 if month in (4, 6, 9, 11) else 31


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


# --- Date expressions in questions -------------------------------------------------------
#
# A hand-written grammar of compiled regexes: no date library on the hot path of every
# question. One "point" is a single period (a year, a month, a day, a season, a decade, part
# of a year); a question's date expression is a point, a range of two points, or a point
# opened at one end ("before 1975"). The master regex finds the leftmost expression, longest
# form first, so a range wins over its own endpoints; when two independent expressions
# appear ("1985 and 1987") the first one is returned.


@dataclass(frozen=True, slots=True)
class DateMatch:
    """A date expression found in a question: where it stands and the days it covers."""

    start: int  # character offsets of the expression in the question
    end: int
    text: str  # the question's own words, e.g. "between 1982 and 1983"
    span: DateSpan


_MONTH_NAME = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_MONTH_NUMBERS = {
    name: number
    for number, name in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"),
        start=1,
    )
}
# A month name may carry an abbreviation's ".". No pattern piece ends in optional space where
# the next one begins with it: two adjacent whitespace runs backtrack quadratically.
_MON = rf"(?P<mon>{_MONTH_NAME})\b\.?"
_YEAR = r"(?P<year>[12]\d{3})(?!\d)"
_DAY = r"(?P<day>\d{1,2})(?!\d)(?:st|nd|rd|th)?"
_YEAR_SEP = r"(?:\s*,\s*|\s+)"  # "Nov. 3, 1987" and "Nov 3 1987"
_DASH = r"[-‐‑‒–—]"
_CONNECTOR = rf"(?:\s*{_DASH}\s*|\s*/\s*|\s+(?:to|till|til|until|through|thru)\s+)"
# "early 1987", "mid-1984", "late in 1986", "the end of 1986", "the beginning of March 1983".
_PART = (
    r"(?P<part>(?:early|mid|late)(?:\s*-\s*|\s+)(?:in\s+)?"
    r"|(?:the\s+)?(?:beginning|start|middle|end)\s+of\s+(?:the\s+)?)"
)
_SEASON = r"(?:the\s+)?(?P<season>spring|summer|autumn|fall|winter)(?:\s+of)?\s+"


# Reads one form's match as the days it covers, or None for an impossible date.
_Reader = Callable[[re.Match[str]], DateSpan | None]


@functools.cache
def _compiled(pattern: str) -> re.Pattern[str]:
    """Compile a pattern on first use: the grammar costs ~15 ms to compile, which commands
    that never read a date (and questions without a digit) should not pay at import."""
    return re.compile(pattern, re.IGNORECASE)


def _unnamed(pattern: str) -> str:
    """The pattern with its named groups made non-capturing, to embed it in a larger one."""
    return re.sub(r"\(\?P<\w+>", "(?:", pattern)


def _month_number(name: str) -> int:
    return _MONTH_NUMBERS[name[:3].lower()]


def _month_span(year: int, month: int) -> DateSpan:
    return DateSpan(dt.date(year, month, 1), dt.date(year, month, days_in_month(year, month)))


def _months_span(year: int, first: int, last: int) -> DateSpan:
    """Months `first`..`last` of `year`; `last` may run into the next year (13 = January)."""
    end_year, end_month = year + (last - 1) // 12, (last - 1) % 12 + 1
    return DateSpan(_month_span(year, first).start, _month_span(end_year, end_month).end)


def _year_span(first: int, last: int | None = None) -> DateSpan:
    return DateSpan(dt.date(first, 1, 1), dt.date(first if last is None else last, 12, 31))


def _day_span(year: int, month: int, day: int) -> DateSpan | None:
    """One day, or None for an impossible one ("Feb 30"): a question must never raise."""
    if not 1 <= day <= days_in_month(year, month):
        return None
    return DateSpan(dt.date(year, month, day), dt.date(year, month, day))


def _part_of(part_text: str) -> str:
    """Normalize a part phrase to "early", "mid" or "late"."""
    word = re.sub(r"^the\s+", "", part_text.strip().lower())[:3]
    return {"ear": "early", "beg": "early", "sta": "early", "mid": "mid"}.get(word, "late")


# Thirds: of a year in months, of a month in days, of a decade in years.
_YEAR_PARTS = {"early": (1, 4), "mid": (5, 8), "late": (9, 12)}
_MONTH_PARTS = {"early": (1, 10), "mid": (11, 20), "late": (21, 31)}
_DECADE_PARTS = {"early": (0, 3), "mid": (4, 6), "late": (7, 9)}
# Winter is the meteorological one that begins in December of the named year:
# "winter 1984" = Dec. 1984 - Feb. 1985 (month 14 = February of the next year).
_SEASONS = {
    "spring": (3, 5),
    "summer": (6, 8),
    "autumn": (9, 11),
    "fall": (9, 11),
    "winter": (12, 14),
}
_ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3}
_ORDINALS |= {"fourth": 4, "4th": 4}


def _iso_day(m: re.Match[str]) -> DateSpan | None:
    return _day_span(int(m["year"]), int(m["month"]), int(m["day"]))


def _iso_month(m: re.Match[str]) -> DateSpan | None:
    month = int(m["month"])
    return _month_span(int(m["year"]), month) if 1 <= month <= 12 else None


def _named_day(m: re.Match[str]) -> DateSpan | None:
    return _day_span(int(m["year"]), _month_number(m["mon"]), int(m["day"]))


def _named_month(m: re.Match[str]) -> DateSpan | None:
    return _month_span(int(m["year"]), _month_number(m["mon"]))


def _part_month(m: re.Match[str]) -> DateSpan | None:
    year, month = int(m["year"]), _month_number(m["mon"])
    first, last = _MONTH_PARTS[_part_of(m["part"])]
    last = min(last, days_in_month(year, month))
    return DateSpan(dt.date(year, month, first), dt.date(year, month, last))


def _season(m: re.Match[str]) -> DateSpan | None:
    first, last = _SEASONS[m["season"].lower()]
    return _months_span(int(m["year"]), first, last)


def _winter_of_two_years(m: re.Match[str]) -> DateSpan | None:
    """ "winter 1984-1985" or "winter 1984/85": the two years must follow each other."""
    year, next_year = int(m["year"]), m["next"]
    if int(next_year) % 10 ** len(next_year) != (year + 1) % 10 ** len(next_year):
        return None
    return _months_span(year, 12, 14)


def _part_year(m: re.Match[str]) -> DateSpan | None:
    first, last = _YEAR_PARTS[_part_of(m["part"])]
    return _months_span(int(m["year"]), first, last)


def _fraction_of_year(m: re.Match[str]) -> DateSpan | None:
    """ "the first half of 1986", "the third quarter of 1986", "Q3 1986"."""
    ordinal = m["ordinal"].lower()
    count = 2 if m["unit"].lower() == "half" else 4
    if ordinal.startswith("q"):
        index = int(ordinal[1:])
    else:
        index = count if ordinal == "last" else _ORDINALS[ordinal]
    if not 1 <= index <= count:
        return None
    months = 12 // count
    return _months_span(int(m["year"]), (index - 1) * months + 1, index * months)


def _decade(m: re.Match[str]) -> DateSpan | None:
    digits = m["decade"].strip("'’sS")
    if len(digits) == 2:
        # "'90s": a two-digit decade is of the 1900s from '20s on, of the 2000s before.
        digits = ("19" if int(digits) >= 20 else "20") + digits
    first = int(digits)
    if m["part"] is None:
        return _year_span(first, first + 9)
    low, high = _DECADE_PARTS[_part_of(m["part"])]
    return _year_span(first + low, first + high)


def _year(m: re.Match[str]) -> DateSpan | None:
    return _year_span(int(m["year"]))


_WINTER_OF_TWO_YEARS = (
    rf"(?:the\s+)?winter(?:\s+of)?\s+{_YEAR}\s*[-–/]\s*(?P<next>\d{{4}}|\d{{2}})(?!\d)"
)

# One period, most specific form first: at one position the first form that fits wins.
_POINT_FORMS: tuple[tuple[str, _Reader], ...] = (
    (rf"{_YEAR}-(?P<month>\d{{2}})-(?P<day>\d{{2}})(?!\d)", _iso_day),
    (rf"{_YEAR}-(?P<month>\d{{2}})(?!\d)", _iso_month),
    (rf"{_PART}{_MON}{_YEAR_SEP}?{_YEAR}", _part_month),
    (rf"{_MON}\s*(?:the\s+)?{_DAY}{_YEAR_SEP}{_YEAR}", _named_day),
    (rf"(?:the\s+)?{_DAY}\s+(?:of\s+)?{_MON}{_YEAR_SEP}?{_YEAR}", _named_day),
    (rf"{_MON}(?:\s+of)?{_YEAR_SEP}?{_YEAR}", _named_month),
    (_WINTER_OF_TWO_YEARS, _winter_of_two_years),
    (rf"{_SEASON}{_YEAR}", _season),
    (
        r"(?:the\s+)?(?P<ordinal>first|1st|second|2nd|third|3rd|fourth|4th|last)\s+"
        rf"(?P<unit>half|quarter)\s+of\s+(?:the\s+year\s+)?{_YEAR}",
        _fraction_of_year,
    ),
    (rf"(?P<ordinal>q[1-4])(?P<unit>){_YEAR_SEP}?{_YEAR}", _fraction_of_year),
    (rf"(?:the\s+)?{_PART}?(?P<decade>[12]\d{{2}}0s|['’]\d0s)", _decade),
    # "the 90s" needs its article: "in his 90s" is an age.
    (rf"the\s+{_PART}?(?P<decade>\d0s)", _decade),
    (rf"{_PART}{_YEAR}", _part_year),
    (rf"(?:(?:the\s+)?year\s+)?{_YEAR}", _year),
)
_POINT = "(?:" + "|".join(_unnamed(pattern) for pattern, _ in _POINT_FORMS) + ")"
# The point forms that name a month: the ones a first end without its year can borrow from.
_POINT_WITH_MONTH = (
    # "<mon" also finds the ISO forms' "<month>".
    "(?:" + "|".join(_unnamed(pattern) for pattern, _ in _POINT_FORMS if "<mon" in pattern) + ")"
)
# A month (and day) without its year, as the first end of a range that names the year once:
# "from March to July 1983", "June 30-July 2, 1984".
_POINT_WITHOUT_YEAR = (
    rf"(?:{_unnamed(_MON)}\s*(?:the\s+)?{_unnamed(_DAY)}"
    rf"|(?:the\s+)?{_unnamed(_DAY)}\s+(?:of\s+)?{_unnamed(_MON)}|{_unnamed(_MON)})"
)


def _parse_point(text: str) -> DateSpan | None:
    """The span of one period's words, or None if they name no possible period."""
    text = text.strip()
    for pattern, build in _POINT_FORMS:
        match = _compiled(pattern).fullmatch(text)
        if match:
            return build(match)
    return None


def _union(first: DateSpan | None, second: DateSpan | None) -> DateSpan | None:
    """Both ends' days and all between: a reversed range ("from 1984 to 1982") still reads."""
    if first is None or second is None:
        return None
    return DateSpan(min(first.start, second.start), max(first.end, second.end))


def _range_without_first_year(first_words: str, last: DateSpan | None) -> DateSpan | None:
    """ "from March to July 1983": the first end takes the second's year, or the year before
    when it would otherwise start later ("from December to February 1985")."""
    if last is None:
        return None
    first = _parse_point(f"{first_words} {last.start.year}")
    if first is not None and first.start > last.start:
        first = _parse_point(f"{first_words} {last.start.year - 1}")
    return _union(first, last)


def _day_range(m: re.Match[str]) -> DateSpan | None:
    """ "June 8-11, 1984" and "8-11 June 1984"."""
    year, month = int(m["year"]), _month_number(m["mon"])
    return _union(_day_span(year, month, int(m["first"])), _day_span(year, month, int(m["last"])))


def _years_with_short_end(m: re.Match[str]) -> DateSpan | None:
    """ "1982–83" and "1899–00": the second year is the next one ending in those digits."""
    year = int(m["year"])
    last = year - year % 100 + int(m["next"])
    if last <= year:
        last += 100
    return _year_span(year, last) if last - year <= 30 else None


_FIRST_DAY = _DAY.replace("<day>", "<first>")
_LAST_DAY = _DAY.replace("<day>", "<last>")
_DAY_RANGE_FORMS = (
    rf"between\s+{_MON}\s*{_FIRST_DAY}\s+and\s+{_LAST_DAY}{_YEAR_SEP}{_YEAR}",
    rf"{_MON}\s*{_FIRST_DAY}{_CONNECTOR}{_LAST_DAY}{_YEAR_SEP}{_YEAR}",
    rf"{_FIRST_DAY}{_CONNECTOR}{_LAST_DAY}\s+(?:of\s+)?{_MON}{_YEAR_SEP}?{_YEAR}",
)
# "1982–83": a dash other than the hyphen, which makes "1982-09" the ISO month.
_SHORT_YEARS = rf"{_YEAR}\s*[–—]\s*(?P<next>\d{{2}})(?!\d)"

# Open ranges. "before X" excludes X and "after X" starts the day after X ends; "since X"
# includes X; "until/by/through X" includes X. "by 1982" reads as "up to the end of 1982".
_BEFORE = r"(?:(?:before|prior\s+to|earlier\s+than|in\s+or\s+before)\s+|pre\s*-\s*|pre\s+)"
_AFTER = r"(?:(?:after|later\s+than)\s+|post\s*-\s*|post\s+)"
_SINCE = (
    r"(?:(?:since|(?:starting|beginning)(?:\s+(?:in|on|from))?|as\s+of|no\s+earlier\s+than"
    r"|not\s+before|on\s+or\s+after|in\s+or\s+after)\s+)"
)
_UNTIL = (
    r"(?:(?:until|till|til|up\s+(?:to|until|till)|through|thru|by|no\s+later\s+than"
    r"|not\s+after|on\s+or\s+before)\s+)"
)
_ONWARDS = r"\s+(?:on(?:wards?)?|and\s+(?:later|after|onwards?)|or\s+later)"
_AND_EARLIER = r"\s+(?:and|or)\s+(?:earlier|before)"
# Words that only introduce a date; they belong to the expression so the engine drops them.
# A bare "from 1984" means "in 1984" ("entries from 1984"), not "since 1984".
_LEAD = r"(?:(?:in|on|during|throughout|within|from|around|circa)\s+)?"

# The master regex. The point grammar appears only twice (the two ends of a range), which keeps
# the pattern small enough to compile in ~15 ms; conditionals keep the forms apart:
# "between" needs its second end, a first end without its year needs a second end that names
# a month, and an open range ("before 1975") has no second end unless it starts one.
_EXPRESSION = (
    # Not inside a word, a number, an id ("talks-1987-11-03") or a numeric date ("12/25/1987").
    r"(?<![\w/-])(?<!\d\.)"
    # Every form starts with a letter, a digit or an apostrophe: other positions fail at once.
    r"(?=[\w'’])"
    + _LEAD
    + "(?:(?P<days>"
    + "|".join(_unnamed(pattern) for pattern in _DAY_RANGE_FORMS)
    + ")"
    # Before the ranges, which would read "winter 1985-1986" as Dec. 1985 to the end of 1986.
    + f"|(?P<winter>{_unnamed(_WINTER_OF_TWO_YEARS)})"
    + f"|(?P<short>{_unnamed(_SHORT_YEARS)})"
    + r"|(?:(?P<between>between\s+)"
    + f"|(?P<open>(?P<before>{_BEFORE})|(?P<after>{_AFTER})"
    + f"|(?P<since>{_SINCE})|(?P<until>{_UNTIL})))?"
    + f"(?:(?P<a>{_POINT})|(?P<partial>{_POINT_WITHOUT_YEAR}))"
    + rf"(?P<tail>(?(between)\s+and\s+|{_CONNECTOR})"
    + f"(?P<b>(?(partial){_POINT_WITH_MONTH}|{_POINT}))"
    + f"|(?P<onwards>{_ONWARDS})|(?P<earlier>{_AND_EARLIER}))?"
    + "(?(between)(?(b)|(?!)))(?(partial)(?(b)|(?!)))"
    # "since 1984 until 1986" is a range; "before 1975 to ..." and "until 1982 to ..." are not.
    + "(?(before)(?(tail)(?!)))(?(until)(?(tail)(?!)))"
    + ")"
    # Nor followed by more of a word or number ("1987-11-03x", "1990s" read as a year).
    + rf"(?![\w/]|{_DASH}\d|[.,]\d)"
)
_DIGIT = re.compile(r"\d")
_ONE_DAY = dt.timedelta(days=1)


def _read_whole(text: str) -> DateSpan | None:
    """A day range ("June 8-11, 1984") read again by the one form that fits it."""
    for pattern in _DAY_RANGE_FORMS:
        match = _compiled(pattern).fullmatch(text)
        if match:
            return _day_range(match)
    return None


def _read_expression(m: re.Match[str]) -> DateSpan | None:
    """The days the master regex's match covers, or None when it names an impossible date."""
    if m["days"] is not None:
        return _read_whole(m["days"])
    if m["winter"] is not None:
        return _parse_point(m["winter"])
    if m["short"] is not None:
        short = _compiled(_SHORT_YEARS).fullmatch(m["short"])
        return _years_with_short_end(short) if short else None
    last = _parse_point(m["b"]) if m["b"] is not None else None
    if m["partial"] is not None:
        return _range_without_first_year(m["partial"].strip(), last)
    point = _parse_point(m["a"])
    if point is None:
        return None
    if m["b"] is not None:
        if m["after"] is not None:  # "after 1982 until 1984" starts the day after 1982 ends
            point = DateSpan(point.end + _ONE_DAY, point.end + _ONE_DAY)
        return _union(point, last)
    if m["before"] is not None:
        return DateSpan(OPEN_START, point.start - _ONE_DAY)
    if m["after"] is not None:
        return DateSpan(point.end + _ONE_DAY, OPEN_END)
    if m["since"] is not None or m["onwards"] is not None:
        return DateSpan(point.start, OPEN_END)
    if m["until"] is not None or m["earlier"] is not None:
        return DateSpan(OPEN_START, point.end)
    return point


def find_date_expression(question: str) -> DateMatch | None:
    """The question's date constraint and where it stands (so the engine can remove those words).

    The leftmost expression wins, in its longest form ("between 1982 and 1983", not "1982");
    of two independent expressions ("1985 and 1987") the first is returned. Words that name no
    possible period ("Feb 30 1987") are skipped. Never raises.
    """
    if not _DIGIT.search(question):  # every expression has a year or a day: the common fast exit
        return None
    expression = _compiled(_EXPRESSION)
    position = 0
    while match := expression.search(question, position):
        span = _read_expression(match)
        if span is not None:
            return DateMatch(match.start(), match.end(), match.group(), span)
        position = match.end()
    return None


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
    span = _months_span(start.year, start.month, start.month + 2)
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
