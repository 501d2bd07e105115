"""Russian date expressions in questions: "в 2013 году", "в феврале 2013", "16 февраля 2013 г.",
"с 2008 по 2009", "между 2008 и 2009", "до 2000 года", "после 2012", "в 1990-х", "в 90-е",
"весной 1993", "в начале 2013", "в конце 2011".

The same readings as the English grammar (bot/lang/en_dates.py): seasons are meteorological,
"до X" ends before X, "после X" starts after it, "с X" alone includes X; parts of a year are
its thirds. Month names are matched by stem, so every grammatical case reads.
"""

from __future__ import annotations

import datetime as dt
import functools
import re

from bot.dates import (
    OPEN_END,
    OPEN_START,
    DateMatch,
    DateSpan,
    about_year,
    day_span,
    month_span,
    months_span,
    year_span,
)

_MONTH_STEMS = (
    ("январ", "янв"), ("феврал", "фев"), ("март", "мар"), ("апрел", "апр"), ("ма", "мая"),
    ("июн", "июн"), ("июл", "июл"), ("август", "авг"), ("сентябр", "сен"), ("октябр", "окт"),
    ("ноябр", "ноя"), ("декабр", "дек"),
)  # fmt: skip
_MON = (
    r"(?P<mon>январ[ьяеюё]м?|феврал[ьяеюё]м?|март[ауе]?|апрел[ьяеюё]м?|ма[йяюе]|июн[ьяеюё]м?"
    r"|июл[ьяеюё]м?|август[ауе]?|сентябр[ьяеюё]м?|октябр[ьяеюё]м?|ноябр[ьяеюё]м?"
    r"|декабр[ьяеюё]м?|янв|фев|мар|апр|авг|сент?|окт|нояб?|дек)\.?(?![а-яё])"
)
_YEAR_WORD = (
    r"(?:\s*(?:годах|годов|годы|году|года|год|гг?\.?(?![а-яё])|-?го(?![а-яё])|-?м(?![а-яё])"
    r"|-?й(?![а-яё])))?"
)
# Not the start of a decade: "1990-х" is the 1990s, never the year 1990.
_NOT_DECADE = r"(?!\s*-?\s*(?:х|е|ых|ые)(?![а-яё]))"
_YEAR = r"(?P<year>[12]\d{3})(?!\d)" + _NOT_DECADE + _YEAR_WORD
_DAY = r"(?P<day>\d{1,2})(?!\d)(?:-?го)?"
_SEASON = r"(?P<season>весн[аоуыеё]й?|весною|лет[оаеу]м?|осен[ьию]ю?|зим[аоуые]й?)"
_PART = (
    r"(?P<part>(?:в\s+)?(?:начал[еоау]|середин[еаыу]|конц[еау]|конец|перв(?:ой|ая)\s+половин[еау]"
    r"|втор(?:ой|ая)\s+половин[еау]))\s+"
)
_QUARTER = (
    r"(?P<quarter>(?:во?\s+)?(?:перв|втор|трет|четв[её]рт)(?:ом|ый|ого|ий|ьем|ьего|ый)"
    r"\s+квартал[еау]?)\s+"
)
_QUARTERS = ("пер", "вто", "тре", "чет")
_DECADE = (
    r"(?P<decade>(?:[12]\d)?\d0)\s*-?\s*(?:х|е|ых|ые)(?![а-яё])"
    r"(?:\s*(?:годов|годах|годы|гг\.?))?"
)
_DECADE_WORD = (
    r"(?P<decword>двадцат|тридцат|сороков|пятидесят|шестидесят|семидесят|восьмидесят"
    r"|девяност|нулев|двухтысячн)(?:ые|ых|ым|ыми)(?:\s+(?:годы|годах|годов))?"
)
_DECADE_WORDS = (
    "двадцат", "тридцат", "сороков", "пятидесят", "шестидесят", "семидесят", "восьмидесят",
    "девяност",
)  # fmt: skip
# "нулевые", "двухтысячные": the 2000s.
_NOUGHTIES = ("нулев", "двухтысячн")
# Thirds of a decade, in years: "в конце 90-х" = 1997-1999 (as bot.lang.en_date_points).
_DECADE_PARTS = {"нач": (0, 3), "сер": (4, 6), "кон": (7, 9), "пер": (0, 4), "вто": (5, 9)}
_SEASON_MONTHS = {"вес": (3, 5), "лет": (6, 8), "осе": (9, 11), "зим": (12, 14)}
_YEAR_PARTS = {"нач": (1, 4), "сер": (5, 8), "кон": (9, 12), "пер": (1, 6), "вто": (7, 12)}
_MONTH_PARTS = {"нач": (1, 10), "сер": (11, 20), "кон": (21, 31), "пер": (1, 15), "вто": (16, 31)}


def _named(pattern: str, suffix: str) -> str:
    """The pattern with its group names suffixed, so two points fit in one range pattern."""
    return re.sub(r"\(\?P<(\w+)>", rf"(?P<\1{suffix}>", pattern)


def _century_number(text: str) -> int:
    """ "20" -> 20, "XX" (Latin or Cyrillic Х) -> 20, "XIX" -> 19; 0 when it is no number."""
    if text.isdigit():
        return int(text)
    values = [_ROMAN.get(c, 0) for c in text.upper().replace("Х", "X")]
    if 0 in values:
        return 0
    return sum(-v if v < nxt else v for v, nxt in zip(values, [*values[1:], 0], strict=True))


def month_number(word: str) -> int:
    """1 for "январь", "января", "янв.", ..., 12 for "декабре"; 0 for no month."""
    word = word.lower().rstrip(".")
    for number, (stem, short) in enumerate(_MONTH_STEMS, start=1):
        if word.startswith(stem) or word == short or (short == "мая" and word[:2] == "ма"):
            return number
    return 0


# "XX век", "в 20-м веке", "ХХ века" (typed with the Cyrillic Х, as it often is).
_CENTURY = r"(?P<century>[IVXХ]{1,5}|\d{1,2})(?:-?(?:й|го|м|ом|ый))?\s+век(?:а|е|у|ом)?"
_ROMAN = {"I": 1, "V": 5, "X": 10}

# One period, by form; at one position the first form that fits wins.
_FORMS = (
    _CENTURY,
    rf"{_PART}(?:{_MON}\s+)?{_YEAR}",
    rf"{_QUARTER}{_YEAR}",
    rf"{_MON}\s*[-–—]\s*{_MON.replace('<mon>', '<mon2>')}\s*,?\s*{_YEAR}",
    rf"{_DAY}\s+{_MON}\s*,?\s*{_YEAR}",
    rf"{_MON}\s*,?\s*{_YEAR}",
    rf"{_SEASON}\s+{_YEAR}",
    rf"{_PART}{_DECADE}",
    rf"{_PART}{_DECADE_WORD}",
    _DECADE,
    _DECADE_WORD,
    _YEAR,
)


def _point(end: str) -> str:
    """The point grammar for one end of a range (`end` is "a" or "b"), every group named
    after its form and end so that both ends fit in one pattern."""
    return (
        "(?:"
        + "|".join(f"(?P<f{i}{end}>{_named(form, f'_{i}{end}')})" for i, form in enumerate(_FORMS))
        + ")"
    )


def _read_point(m: re.Match[str], end: str) -> DateSpan | None:
    """The days of the point matched at `end` ("a" or "b"), or None."""
    form = next((i for i in range(len(_FORMS)) if m.group(f"f{i}{end}") is not None), None)
    if form is None:
        return None

    def group(name: str) -> str | None:
        try:
            return m.group(f"{name}_{form}{end}")
        except IndexError:  # the form has no such group
            return None

    if group("century") is not None:
        number = _century_number(group("century") or "")
        if not 1 <= number <= 30:
            return None
        return year_span((number - 1) * 100 + 1, number * 100)
    decade = None
    if group("decade") is not None:
        digits = group("decade") or ""
        if len(digits) == 2:
            digits = ("19" if int(digits) >= 20 else "20") + digits
        decade = int(digits)
    elif group("decword") is not None:
        word = (group("decword") or "").lower()
        decade = 2000 if word in _NOUGHTIES else 1920 + 10 * _DECADE_WORDS.index(word)
    if decade is not None:
        part = group("part")
        if part is not None:
            low, high = _DECADE_PARTS[re.sub(r"^в\s+", "", part.lower().strip())[:3]]
            return year_span(decade + low, decade + high)
        return year_span(decade, decade + 9)
    year_text = group("year")
    if year_text is None:
        return None
    year = int(year_text)
    quarter = group("quarter")
    if quarter is not None:
        number = _QUARTERS.index(re.sub(r"^во?\s+", "", quarter.lower())[:3].replace("ё", "е")) + 1
        return months_span(year, 3 * number - 2, 3 * number)
    month = month_number(group("mon") or "") if group("mon") else 0
    part = group("part")
    if part is not None:
        key = re.sub(r"^в\s+", "", part.lower().strip())[:3]
        if month:
            first, last = _MONTH_PARTS[key]
            end_day = month_span(year, month).end.day
            return DateSpan(dt.date(year, month, first), dt.date(year, month, min(last, end_day)))
        first, last = _YEAR_PARTS[key]
        return months_span(year, first, last)
    if group("mon2") is not None and month:  # "в феврале-марте 2013"
        last = month_number(group("mon2") or "")
        if last:
            return months_span(year, month, last if last >= month else last + 12)
    if group("day") is not None and month:
        return day_span(year, month, int(group("day") or 0))
    if month:
        return month_span(year, month)
    if group("season") is not None:
        first, last = _SEASON_MONTHS[(group("season") or "").lower()[:3]]
        return months_span(year, first, last)
    return year_span(year)


_LEAD = (
    r"(?:(?P<about>(?:около|примерно|приблизительно|где-то)(?:\s+в)?\s+)"
    r"|(?:в|во|за|на|к)\s+)?"
)
_EXPRESSION = (
    r"(?<![\w/.-])"
    r"(?:(?P<between>между\s+)|(?P<since>(?:начиная\s+)?(?:с|со|от)\s+)"
    r"|(?P<before>(?:до|раньше|ранее)\s+)|(?P<after>(?:после|позже|позднее)\s+)|"
    + _LEAD
    + ")"
    + _point("a")
    + r"(?P<tail>(?(between)\s+и\s+|(?(since)\s+(?:по|до)\s+|\s*[-–—]\s*))"
    + _point("b")
    + r"(?:\s*(?:гг\.?|годы|годах))?)?"
    # "между" needs its second end; "до X" and "после X" have none.
    + r"(?(between)(?(tail)|(?!)))(?(before)(?(tail)(?!)))(?(after)(?(tail)(?!)))"
    + r"(?![\w/])"
)
_CYRILLIC = re.compile("[а-яё]", re.IGNORECASE)
_ONE_DAY = dt.timedelta(days=1)


@functools.cache
def _expression() -> re.Pattern[str]:
    return re.compile(_EXPRESSION, re.IGNORECASE)


def _read(m: re.Match[str]) -> DateSpan | None:
    first = _read_point(m, "a")
    if first is None:
        return None
    if m.group("tail") is not None:
        last = _read_point(m, "b")
        if last is None:
            return None
        return DateSpan(min(first.start, last.start), max(first.end, last.end))
    if m.group("before"):
        return DateSpan(OPEN_START, first.start - _ONE_DAY)
    if m.group("after"):
        return DateSpan(first.end + _ONE_DAY, OPEN_END)
    if m.group("since"):
        return DateSpan(first.start, OPEN_END)
    if m.group("about"):
        return about_year(first)
    return first


def warm() -> None:
    """Compile the grammar now (see `bot.lang.warm`)."""
    _expression()


def find_date_expressions(question: str) -> list[DateMatch]:
    """Every Russian date expression of the question, left to right. Never raises.

    A question without Cyrillic letters has none: bare years and numeric dates are the
    English grammar's, which every question also goes through.
    """
    if not _CYRILLIC.search(question):
        return []
    found = []
    for m in _expression().finditer(question):
        span = _read(m)
        if span is not None and _CYRILLIC.search(m.group()):
            found.append(DateMatch(m.start(), m.end(), m.group(), span))
    return found
