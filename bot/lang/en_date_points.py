"""One English period in a question: a year, a month, a day, a season, a decade, a part or a
fraction of a year ("2013", "Feb. 21, 2013", "09.07.2007", "spring 1993", "the '90s",
"early 2000s", "Q3 1986"), each form with how it reads as days.

The building block of the English date grammar (bot/lang/en_dates.py), which joins two of
these into ranges, opens one at an end ("before 1975") and finds them in a question. Kept
apart because each form here is a small self-contained reading of one period, while the
grammar is about how periods combine. Patterns are plain strings until `compiled` is asked:
compiling the grammar costs milliseconds that questions without a date should not pay.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable

from bot.dates import DateSpan, day_span, days_in_month, month_span, months_span, year_span

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
MON = rf"(?P<mon>{_MONTH_NAME})\b\.?"
YEAR = r"(?P<year>[12]\d{3})(?!\d)"
DAY = r"(?P<day>\d{1,2})(?!\d)(?:st|nd|rd|th)?"
YEAR_SEP = r"(?:\s*,\s*|\s+)"  # "Nov. 3, 1987" and "Nov 3 1987"
# "early 1987", "mid-1984", "late in 1986", "the end of 1986", "the beginning of March 1983".
_PART = (
    r"(?P<part>(?:early|mid|late)(?:\s*-\s*|\s+)(?:in\s+)?"
    r"|(?:the\s+)?(?:beginning|start|middle|end)\s+of\s+(?:the\s+)?)"
)
_SEASON = r"(?:the\s+)?(?P<season>spring|summer|autumn|fall|winter)(?:\s+of)?\s+"


# Reads one form's match as the days it covers, or None for an impossible date.
_Reader = Callable[[re.Match[str]], DateSpan | None]


@functools.cache
def compiled(pattern: str) -> re.Pattern[str]:
    """Compile a pattern on first use: the grammar costs ~15 ms to compile, which commands
    that never read a date (and questions without a digit) should not pay at import."""
    return re.compile(pattern, re.IGNORECASE)


def unnamed(pattern: str) -> str:
    """The pattern with its named groups made non-capturing, to embed it in a larger one."""
    return re.sub(r"\(\?P<\w+>", "(?:", pattern)


def month_number(name: str) -> int:
    """1 for "Jan", "January" or "jan.", ..., 12 for "Dec"."""
    return _MONTH_NUMBERS[name[:3].lower()]


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
    return day_span(int(m["year"]), int(m["month"]), int(m["day"]))


def _iso_month(m: re.Match[str]) -> DateSpan | None:
    """ "2009-07" is July 2009, but "2008-09" is 2008 to 2009, as people abbreviate a span of
    two years; a number that cannot be a month ("2012-13") is a short end year too."""
    year, month = int(m["year"]), int(m["month"])
    if month == (year + 1) % 100 or month > 12:
        return short_end_year(year, month)
    return month_span(year, month) if month >= 1 else None


def _numeric_day(m: re.Match[str]) -> DateSpan | None:
    """ "09.07.2007", "28/04/2012", "12/25/1987": day first, as most of the world writes it,
    unless only the other reading is a possible date."""
    year, first, second = int(m["year"]), int(m["d1"]), int(m["d2"])
    return day_span(year, second, first) or day_span(year, first, second)


def _nine_eleven(m: re.Match[str]) -> DateSpan | None:
    """ "9/11": the day of the 2001 attacks, as English speakers name it."""
    return day_span(2001, 9, 11)


def _two_digit_year(m: re.Match[str]) -> DateSpan | None:
    """ "'09": a year of this century up to '29, of the last one from '30."""
    short = int(m["yy"])
    return year_span((2000 if short < 30 else 1900) + short)


def _decade_word(m: re.Match[str]) -> DateSpan | None:
    """ "the nineties" (of the 1900s, as people say it)."""
    word = m["decword"].lower()
    first = 2000 if word in _NOUGHTIES else 1900 + 10 * _DECADE_WORDS.index(word[:3]) + 20
    if m["part"] is None:
        return year_span(first, first + 9)
    low, high = _DECADE_PARTS[_part_of(m["part"])]
    return year_span(first + low, first + high)


_DECADE_WORDS = ("twe", "thi", "for", "fif", "six", "sev", "eig", "nin")
_NOUGHTIES = ("noughties", "aughts", "naughties")  # the 2000s


def _named_day(m: re.Match[str]) -> DateSpan | None:
    return day_span(int(m["year"]), month_number(m["mon"]), int(m["day"]))


def _numeric_month(m: re.Match[str]) -> DateSpan | None:
    return month_span(int(m["year"]), int(m["mm"]))


def _named_month(m: re.Match[str]) -> DateSpan | None:
    return month_span(int(m["year"]), month_number(m["mon"]))


def _part_month(m: re.Match[str]) -> DateSpan | None:
    year, month = int(m["year"]), month_number(m["mon"])
    first, last = _MONTH_PARTS[_part_of(m["part"])]
    last = min(last, days_in_month(year, month))
    return DateSpan(dt.date(year, month, first), dt.date(year, month, last))


def _season(m: re.Match[str]) -> DateSpan | None:
    first, last = _SEASONS[m["season"].lower()]
    return months_span(int(m["year"]), first, last)


def _winter_of_two_years(m: re.Match[str]) -> DateSpan | None:
    """ "winter 1984-1985" or "winter 1984/85": the two years must follow each other."""
    year, next_year = int(m["year"]), m["next"]
    if int(next_year) % 10 ** len(next_year) != (year + 1) % 10 ** len(next_year):
        return None
    return months_span(year, 12, 14)


def _part_year(m: re.Match[str]) -> DateSpan | None:
    first, last = _YEAR_PARTS[_part_of(m["part"])]
    return months_span(int(m["year"]), first, last)


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
    return months_span(int(m["year"]), (index - 1) * months + 1, index * months)


def _decade(m: re.Match[str]) -> DateSpan | None:
    digits = m["decade"].strip("'’sS")
    if len(digits) == 2:
        # "'90s": a two-digit decade is of the 1900s from '20s on, of the 2000s before.
        digits = ("19" if int(digits) >= 20 else "20") + digits
    first = int(digits)
    if m["part"] is None:
        return year_span(first, first + 9)
    low, high = _DECADE_PARTS[_part_of(m["part"])]
    return year_span(first + low, first + high)


def _century(m: re.Match[str]) -> DateSpan | None:
    """ "the 20th century" (1901-2000, as counted), "early 21st century" (its first thirty
    years); "the twentieth century" in words."""
    number = int(m["century"]) if m["century"] else _CENTURY_WORDS.index(m["centword"]) + 1
    if not 1 <= number <= 30:
        return None
    first = (number - 1) * 100 + 1
    if m["part"] is None:
        return year_span(first, first + 99)
    low, high = _CENTURY_PARTS[_part_of(m["part"])]
    return year_span(first + low, first + high)


_CENTURY_PARTS = {"early": (0, 29), "mid": (30, 69), "late": (70, 99)}
_CENTURY_WORDS = tuple(
    """first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth
    thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth
    twenty-first""".split()
)


def _year(m: re.Match[str]) -> DateSpan | None:
    return year_span(int(m["year"]))


WINTER_OF_TWO_YEARS = (
    rf"(?:the\s+)?winter(?:\s+of)?\s+{YEAR}\s*[-–/]\s*(?P<next>\d{{4}}|\d{{2}})(?!\d)"
)

# One period, most specific form first: at one position the first form that fits wins.
_POINT_FORMS: tuple[tuple[str, _Reader], ...] = (
    (rf"{YEAR}-(?P<month>\d{{2}})-(?P<day>\d{{2}})(?!\d)", _iso_day),
    (rf"{YEAR}-(?P<month>\d{{2}})(?!\d)", _iso_month),
    (rf"{YEAR}[/.](?P<month>\d{{1,2}})[/.](?P<day>\d{{1,2}})(?!\d)", _iso_day),
    (rf"(?P<d1>\d{{1,2}})[./](?P<d2>\d{{1,2}})[./]{YEAR}", _numeric_day),
    # "11.2011", "02/2013": a month written in two digits, then its year.
    (rf"(?P<mm>0[1-9]|1[0-2])[./]{YEAR}", _numeric_month),
    (r"(?P<nine>9/11)(?![/\d])", _nine_eleven),
    (rf"{_PART}{MON}{YEAR_SEP}?{YEAR}", _part_month),
    (rf"{MON}\s*(?:the\s+)?{DAY}{YEAR_SEP}{YEAR}", _named_day),
    (rf"(?:the\s+)?{DAY}\s+(?:of\s+)?{MON}{YEAR_SEP}?{YEAR}", _named_day),
    (rf"{MON}(?:\s+of)?{YEAR_SEP}?{YEAR}", _named_month),
    (rf"{YEAR}\s+{MON}", _named_month),  # "2013 feb", as a phone search is typed
    (WINTER_OF_TWO_YEARS, _winter_of_two_years),
    (rf"{_SEASON}{YEAR}", _season),
    (
        r"(?:the\s+)?(?P<ordinal>first|1st|second|2nd|third|3rd|fourth|4th|last)\s+"
        rf"(?P<unit>half|quarter)\s+of\s+(?:the\s+year\s+)?{YEAR}",
        _fraction_of_year,
    ),
    (rf"(?P<ordinal>q[1-4])(?P<unit>){YEAR_SEP}?{YEAR}", _fraction_of_year),
    (rf"(?:the\s+)?{_PART}?(?P<decade>[12]\d{{2}}0s|['’]\d0s)", _decade),
    # "the 90s" needs its article: "in his 90s" is an age.
    (rf"the\s+{_PART}?(?P<decade>\d0s)", _decade),
    (rf"{_PART}(?P<decade>\d0s)", _decade),  # "late 90s": a part of a decade is no age
    # Bare "90s stuff" is the decade too, but not after a possessive ("in his 90s").
    (rf"(?<!his\s)(?<!her\s)(?<!their\s)(?<!my\s)(?<!your\s){_PART}?(?P<decade>\d0s)", _decade),
    (
        rf"(?:the\s+)?{_PART}?(?P<decword>(?:twen|thir|for|fif|six|seven|eigh|nine)ties"
        r"|noughties|naughties|aughts)\b",
        _decade_word,
    ),
    (
        rf"(?:the\s+)?{_PART}?(?:(?P<century>\d{{1,2}})(?:st|nd|rd|th)"
        rf"|(?P<centword>{'|'.join(_CENTURY_WORDS)}))[\s-]+century",
        _century,
    ),
    (rf"{_PART}{YEAR}", _part_year),
    (r"['’](?P<yy>\d{2})(?![\d\w])", _two_digit_year),
    (rf"(?:(?:the\s+)?year\s+)?{YEAR}", _year),
)
POINT = "(?:" + "|".join(unnamed(pattern) for pattern, _ in _POINT_FORMS) + ")"
# The point forms that name a month: the ones a first end without its year can borrow from.
POINT_WITH_MONTH = (
    # "<mon" also finds the ISO forms' "<month>".
    "(?:" + "|".join(unnamed(pattern) for pattern, _ in _POINT_FORMS if "<mon" in pattern) + ")"
)
# A month (and day) without its year, as the first end of a range that names the year once:
# "from March to July 1983", "June 30-July 2, 1984".
POINT_WITHOUT_YEAR = (
    rf"(?:{unnamed(MON)}\s*(?:the\s+)?{unnamed(DAY)}"
    rf"|(?:the\s+)?{unnamed(DAY)}\s+(?:of\s+)?{unnamed(MON)}|{unnamed(MON)})"
)


def warm() -> None:
    """Compile every point form now (see `bot.lang.warm`)."""
    for pattern, _build in _POINT_FORMS:
        compiled(pattern)


def parse_point(text: str) -> DateSpan | None:
    """The span of one period's words, or None if they name no possible period."""
    text = text.strip()
    if len(text) == 4 and text.isdigit():  # a bare year, the commonest point: no regex needed
        return year_span(int(text)) if text[0] in "12" else None
    for pattern, build in _POINT_FORMS:
        match = compiled(pattern).fullmatch(text)
        if match:
            return build(match)
    return None


def short_end_year(year: int, short: int) -> DateSpan | None:
    """`year` to the next year ending in the digits `short` ("1982-83", "1999-00"), or None
    when that is more than 30 years on (then it was not meant as a year)."""
    last = year - year % 100 + short
    if last <= year:
        last += 100
    return year_span(year, last) if last - year <= 30 else None
