"""English date expressions in questions: "in 2013", "Feb. 21, 2013", "between 2008 and
2009", "spring 1993", "the '90s", "09.07.2007", "after 9/11".

A hand-written grammar of compiled regexes: no date library on the hot path of every
question. One "point" is a single period (a year, a month, a day, a season, a decade, part
of a year: bot/lang/en_date_points.py); a question's date expression is a point, a range of
two points, or a point opened at one end ("before 1975"). The master regex finds expressions
left to right, longest form first, so a range wins over its own endpoints; several
independent expressions ("in 2012 and 2013") are all returned, and the engine reads them as
"any of these". A bare number is a year only when it counts nothing ("1000 times" is not).
"""

from __future__ import annotations

import re

from bot.dates import (
    ONE_DAY,
    OPEN_END,
    OPEN_START,
    DateMatch,
    DateSpan,
    about_year,
    day_span,
    year_span,
)
from bot.lang import en_date_points
from bot.lang.en_date_points import (
    DAY,
    MON,
    POINT,
    POINT_WITH_MONTH,
    POINT_WITHOUT_YEAR,
    WINTER_OF_TWO_YEARS,
    YEAR,
    YEAR_SEP,
    compiled,
    month_number,
    parse_point,
    short_end_year,
    unnamed,
)

# What stands between the two ends of a range: "1982-1984", "1982 / 84", "March to July".
_DASH = r"[-‐‑‒–—]"
_CONNECTOR = rf"(?:\s*{_DASH}\s*|\s*/\s*|\s+(?:to|till|til|until|through|thru)\s+)"


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
    first = parse_point(f"{first_words} {last.start.year}")
    if first is not None and first.start > last.start:
        first = parse_point(f"{first_words} {last.start.year - 1}")
    return _union(first, last)


def _day_range(m: re.Match[str]) -> DateSpan | None:
    """ "June 8-11, 1984" and "8-11 June 1984"."""
    year, month = int(m["year"]), month_number(m["mon"])
    return _union(day_span(year, month, int(m["first"])), day_span(year, month, int(m["last"])))


def _years_with_short_end(m: re.Match[str]) -> DateSpan | None:
    """ "1982–83" and "1899–00": the second year is the next one ending in those digits."""
    return short_end_year(int(m["year"]), int(m["next"]))


_FIRST_DAY = DAY.replace("<day>", "<first>")
_LAST_DAY = DAY.replace("<day>", "<last>")
_DAY_RANGE_FORMS = (
    rf"between\s+{MON}\s*{_FIRST_DAY}\s+and\s+{_LAST_DAY}{YEAR_SEP}{YEAR}",
    rf"{MON}\s*{_FIRST_DAY}{_CONNECTOR}{_LAST_DAY}{YEAR_SEP}{YEAR}",
    rf"{_FIRST_DAY}{_CONNECTOR}{_LAST_DAY}\s+(?:of\s+)?{MON}{YEAR_SEP}?{YEAR}",
)
# "1982–83": a dash other than the hyphen, which makes "1982-09" the ISO month.
_SHORT_YEARS = rf"{YEAR}\s*[–—]\s*(?P<next>\d{{2}})(?!\d)"

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
_LEAD = (
    r"(?:(?:in|on|during|throughout|within|from)\s+"
    r"|(?P<around>around|circa|ca\.?|approx\.?)\s+)?"
)
# "2009ish", "2009-ish": about that year.
_ISH = r"(?P<ish>[-‐]?ish)?"

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
    + "|".join(unnamed(pattern) for pattern in _DAY_RANGE_FORMS)
    + ")"
    # Before the ranges, which would read "winter 1985-1986" as Dec. 1985 to the end of 1986.
    + f"|(?P<winter>{unnamed(WINTER_OF_TWO_YEARS)})"
    + f"|(?P<short>{unnamed(_SHORT_YEARS)})"
    + r"|(?:(?P<between>between\s+)"
    + f"|(?P<open>(?P<before>{_BEFORE})|(?P<after>{_AFTER})"
    + f"|(?P<since>{_SINCE})|(?P<until>{_UNTIL})))?"
    + f"(?:(?P<a>{POINT})|(?P<partial>{POINT_WITHOUT_YEAR}))"
    + rf"(?P<tail>(?(between)\s+and\s+|{_CONNECTOR})"
    + f"(?P<b>(?(partial){POINT_WITH_MONTH}|{POINT}))"
    + f"|(?P<onwards>{_ONWARDS})|(?P<earlier>{_AND_EARLIER}))?"
    + "(?(between)(?(b)|(?!)))(?(partial)(?(b)|(?!)))"
    # "since 1984 until 1986" is a range; "before 1975 to ..." and "until 1982 to ..." are not.
    + "(?(before)(?(tail)(?!)))(?(until)(?(tail)(?!)))"
    + ")"
    + _ISH
    # Nor followed by more of a word or number ("1987-11-03x", "1990s" read as a year).
    + rf"(?![\w/]|{_DASH}\d|[.,]\d)"
)
_DIGIT = re.compile(r"\d")


def _read_whole(text: str) -> DateSpan | None:
    """A day range ("June 8-11, 1984") read again by the one form that fits it."""
    for pattern in _DAY_RANGE_FORMS:
        match = compiled(pattern).fullmatch(text)
        if match:
            return _day_range(match)
    return None


def _read_expression(m: re.Match[str]) -> DateSpan | None:
    """The days the master regex's match covers, or None when it names an impossible date."""
    if m["days"] is not None:
        return _read_whole(m["days"])
    if m["winter"] is not None:
        return parse_point(m["winter"])
    if m["short"] is not None:
        short = compiled(_SHORT_YEARS).fullmatch(m["short"])
        return _years_with_short_end(short) if short else None
    last = parse_point(m["b"]) if m["b"] is not None else None
    if m["partial"] is not None:
        return _range_without_first_year(m["partial"].strip(), last)
    point = parse_point(m["a"])
    if point is None:
        return None
    if (m["around"] or m["ish"]) and m["tail"] is None and m["open"] is None:
        return about_year(point)
    if m["b"] is not None:
        if m["after"] is not None:  # "after 1982 until 1984" starts the day after 1982 ends
            point = DateSpan(point.end + ONE_DAY, point.end + ONE_DAY)
        return _union(point, last)
    if m["before"] is not None:
        return DateSpan(OPEN_START, point.start - ONE_DAY)
    if m["after"] is not None:
        return DateSpan(point.end + ONE_DAY, OPEN_END)
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
    r"|some|x|by)\s+$"
    # "of" counts after a quantity ("a total of 2000"), but dates an event ("summary of 2012")
    r"|(?:total|number|out|sum|cost|price|budget|force|group|crew|team|population|range"
    r"|distance|altitude|height|speed|amount|figure|score)\s+of\s+$",
    re.IGNORECASE,
)
_BARE_NUMBER = re.compile(r"\d+")
_AROUND = re.compile(r"^(?:around|circa|ca\.?|approx\.?)\s+", re.IGNORECASE)
# "09.07.2007": both numbers could be the month; the reading is then worth saying.
_AMBIGUOUS_NUMERIC = re.compile(r"(?<!\d)(\d{1,2})[./](\d{1,2})[./][12]\d{3}")
_DECADE_WORD_HINT = re.compile(r"ties\b|aughts\b|century", re.IGNORECASE)


def _counts_something(question: str, match: re.Match[str]) -> bool:
    """True when a bare number reads as a quantity, not a year: "1000 times", "over 2000"."""
    if not _BARE_NUMBER.fullmatch(_AROUND.sub("", match.group())):
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
    # a year's sentence mark ("in 2000?") is no date part: it stays on this path
    r"|ties\b|aughts\b|[-‐‑‒–—/]|\d[^\d\s?!.,;:]|[^\w\s]\d|(?<!\d)(?:\d{1,3}|\d{5,})(?!\d)",
    re.IGNORECASE,
)
_PLAIN_YEAR = re.compile(
    r"(?<![\w])(?:(?:in|during|throughout|within)\s+)?[12]\d{3}(?!\w)", re.IGNORECASE
)


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


def warm() -> None:
    """Compile the whole grammar now (see `bot.lang.warm`)."""
    for pattern in (_EXPRESSION, _SHORT_YEARS, *_DAY_RANGE_FORMS):
        compiled(pattern)
    en_date_points.warm()


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
    expression = compiled(_EXPRESSION)
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
