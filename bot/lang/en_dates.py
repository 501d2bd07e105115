"""English date expressions in questions: "in 2013", "Feb. 21, 2013", "between 2008 and
2009", "spring 1993", "the '90s", "09.07.2007", "after 9/11".

A hand-written grammar of compiled regexes: no date library on the hot path of every
question. One "point" is a single period (a year, a month, a day, a season, a decade, part
of a year); a question's date expression is a point, a range of two points, or a point
opened at one end ("before 1975"). The master regex finds expressions left to right, longest
form first, so a range wins over its own endpoints; several independent expressions
("in 2012 and 2013") are all returned, and the engine reads them as "any of these".
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable

from bot.dates import (
    OPEN_END,
    OPEN_START,
    DateMatch,
    DateSpan,
    day_span,
    days_in_month,
    month_span,
    months_span,
    year_span,
)

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
        return _short_end_year(year, month)
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
    first = 1900 + 10 * _DECADE_WORDS.index(m["decword"].lower()[:3]) + 20
    if m["part"] is None:
        return year_span(first, first + 9)
    low, high = _DECADE_PARTS[_part_of(m["part"])]
    return year_span(first + low, first + high)


_DECADE_WORDS = ("twe", "thi", "for", "fif", "six", "sev", "eig", "nin")


def _named_day(m: re.Match[str]) -> DateSpan | None:
    return day_span(int(m["year"]), _month_number(m["mon"]), int(m["day"]))


def _named_month(m: re.Match[str]) -> DateSpan | None:
    return month_span(int(m["year"]), _month_number(m["mon"]))


def _part_month(m: re.Match[str]) -> DateSpan | None:
    year, month = int(m["year"]), _month_number(m["mon"])
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


def _year(m: re.Match[str]) -> DateSpan | None:
    return year_span(int(m["year"]))


_WINTER_OF_TWO_YEARS = (
    rf"(?:the\s+)?winter(?:\s+of)?\s+{_YEAR}\s*[-–/]\s*(?P<next>\d{{4}}|\d{{2}})(?!\d)"
)

# One period, most specific form first: at one position the first form that fits wins.
_POINT_FORMS: tuple[tuple[str, _Reader], ...] = (
    (rf"{_YEAR}-(?P<month>\d{{2}})-(?P<day>\d{{2}})(?!\d)", _iso_day),
    (rf"{_YEAR}-(?P<month>\d{{2}})(?!\d)", _iso_month),
    (rf"{_YEAR}[/.](?P<month>\d{{1,2}})[/.](?P<day>\d{{1,2}})(?!\d)", _iso_day),
    (rf"(?P<d1>\d{{1,2}})[./](?P<d2>\d{{1,2}})[./]{_YEAR}", _numeric_day),
    (r"(?P<nine>9/11)(?![/\d])", _nine_eleven),
    (rf"{_PART}{_MON}{_YEAR_SEP}?{_YEAR}", _part_month),
    (rf"{_MON}\s*(?:the\s+)?{_DAY}{_YEAR_SEP}{_YEAR}", _named_day),
    (rf"(?:the\s+)?{_DAY}\s+(?:of\s+)?{_MON}{_YEAR_SEP}?{_YEAR}", _named_day),
    (rf"{_MON}(?:\s+of)?{_YEAR_SEP}?{_YEAR}", _named_month),
    (rf"{_YEAR}\s+{_MON}", _named_month),  # "2013 feb", as a phone search is typed
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
    (rf"{_PART}(?P<decade>\d0s)", _decade),  # "late 90s": a part of a decade is no age
    (
        rf"(?:the\s+)?{_PART}?(?P<decword>(?:twen|thir|for|fif|six|seven|eigh|nine)ties)\b",
        _decade_word,
    ),
    (rf"{_PART}{_YEAR}", _part_year),
    (r"['’](?P<yy>\d{2})(?![\d\w])", _two_digit_year),
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
    if len(text) == 4 and text.isdigit():  # a bare year, the commonest point: no regex needed
        return year_span(int(text)) if text[0] in "12" else None
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
    return _union(day_span(year, month, int(m["first"])), day_span(year, month, int(m["last"])))


def _years_with_short_end(m: re.Match[str]) -> DateSpan | None:
    """ "1982–83" and "1899–00": the second year is the next one ending in those digits."""
    return _short_end_year(int(m["year"]), int(m["next"]))


def _short_end_year(year: int, short: int) -> DateSpan | None:
    last = year - year % 100 + short
    if last <= year:
        last += 100
    return year_span(year, last) if last - year <= 30 else None


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


# A bare number followed by what it counts ("1000 missiles", "5 times") is not a year.
_COUNTED = re.compile(
    r"\s*(?:times|missiles?|warheads?|rockets?|troops|soldiers|people|persons|men|women"
    r"|tons?|tonnes?|km|kilomet(?:er|re)s?|miles?|met(?:er|re)s?|feet|ft|kg|pounds|lbs"
    r"|dollars|euros|rubles|roubles|yuan|percent|%|satellites|units|copies|pages|words"
    r"|years|days|hours|minutes|seconds|members|delegates|casualties|victims|launchers)\b",
    re.IGNORECASE,
)
_COUNT_BEFORE = re.compile(
    r"(?:more|less|fewer|greater)\s+than\s+$|(?:over|nearly|almost|roughly|approximately"
    r"|some|x|by|of)\s+$",
    re.IGNORECASE,
)
_BARE_NUMBER = re.compile(r"\d+")
# "09.07.2007": both numbers could be the month; the reading is then worth saying.
_AMBIGUOUS_NUMERIC = re.compile(r"(?<!\d)(\d{1,2})[./](\d{1,2})[./][12]\d{3}")
_DECADE_WORD_HINT = re.compile(r"ties\b", re.IGNORECASE)


def _counts_something(question: str, match: re.Match[str]) -> bool:
    """True when a bare number reads as a quantity, not a year: "1000 times", "over 2000"."""
    if not _BARE_NUMBER.fullmatch(match.group()):
        return False
    return bool(
        _COUNTED.match(question, match.end()) or _COUNT_BEFORE.search(question, 0, match.start())
    )


def _reading(text: str) -> str | None:
    """How an ambiguous numeric day was read ("day-first"), or None when it was not ambiguous."""
    for found in _AMBIGUOUS_NUMERIC.finditer(text):
        first, second = int(found[1]), int(found[2])
        if first != second and first <= 12 and second <= 12:
            return "day-first"
    return None


# Words and marks that may make a date more than a bare year ("in 2013"). Without any of them
# the years are read directly, sparing the grammar's compilation (~18 ms) in a one-shot
# `chronobot ask`; `tests/test_dates.py` checks both ways agree on every acceptance question.
_NOT_PLAIN = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|spring|summer|autumn|fall"
    r"|winter|early|mid|late|beginning|start|middle|end|first|second|third|fourth|last|half"
    r"|quarter|q[1-4]|before|after|since|until|till|til|up|through|thru|by|prior|later"
    r"|earlier|pre|post|starting|as|on|onwards?|between|from|to|around|circa|the|year|no|not"
    r"|and|or)"
    r"|ties\b|[-‐‑‒–—/]|\d[^\d\s]|[^\w\s]\d|(?<!\d)(?:\d{1,3}|\d{5,})(?!\d)",
    re.IGNORECASE,
)
_PLAIN_YEAR = re.compile(r"(?<![\w])(?:(?:in|during|throughout|within)\s+)?[12]\d{3}(?!\w)")


def _plain_years(question: str) -> list[DateMatch] | None:
    """The years of a question that holds nothing but bare years as dates, or None."""
    if _NOT_PLAIN.search(question):
        return None
    found = []
    for match in _PLAIN_YEAR.finditer(question):
        if _counts_something(question, match):
            continue
        year = int(match.group()[-4:])
        found.append(DateMatch(match.start(), match.end(), match.group(), year_span(year)))
    return found


def find_date_expressions(question: str) -> list[DateMatch]:
    """Every date expression of the question, left to right, each in its longest form.

    "between 1982 and 1983" is one expression; "in 2012 and 2013" two (the engine reads
    several as "any of them"). Words that name no possible period ("Feb 30 1987") and numbers
    that count something ("1000 times") are skipped. Never raises.
    """
    # Every expression has a digit, but for the decade words: the common fast exit.
    if not _DIGIT.search(question) and not _DECADE_WORD_HINT.search(question):
        return []
    plain = _plain_years(question)
    if plain is not None:
        return plain
    return _grammar_dates(question)


def _grammar_dates(question: str) -> list[DateMatch]:
    """`find_date_expressions` by the whole grammar."""
    expression = _compiled(_EXPRESSION)
    found: list[DateMatch] = []
    position = 0
    while match := expression.search(question, position):
        position = match.end()
        if _counts_something(question, match):
            continue
        span = _read_expression(match)
        if span is not None:
            text = match.group()
            found.append(DateMatch(match.start(), match.end(), text, span, _reading(text)))
    return found


def find_date_expression(question: str) -> DateMatch | None:
    """The question's first date expression (see `find_date_expressions`), or None."""
    found = find_date_expressions(question)
    return found[0] if found else None
