"""What each language contributes to reading questions: its words (bot/lang/en.py,
bot/lang/ru.py), its phrases of conversation (bot/lang/en_talk.py, bot/lang/ru_talk.py) and
its date grammar (bot/lang/en_dates.py, bot/lang/ru_dates.py).

A question is read with every language at once (people mix them: "Лавров 2009"). A new
language is a new set of modules listed here, and a catalog for its interface.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

from bot.dates import DateMatch
from bot.lang import en, en_dates, en_talk, ru, ru_dates, ru_talk

_WORDS = (en, ru)
_TALK = (en_talk, ru_talk)
_GRAMMARS = (en_dates, ru_dates)


@functools.cache
def question_words() -> frozenset[str]:
    """Words people ask with, in every language: they never select or rank."""
    return frozenset().union(*(module.QUESTION_WORDS for module in _WORDS))


# A word this long that is one edit from a word people ask with is that word mistyped
# ("happend", "propsed", "предлогал"); shorter ones are too often other words ("sad", "wit").
MIN_ASKING_TYPO = 6


def mistyped_question_word(word: str) -> bool:
    """Is `word` (lowercase, no word people ask with itself) one such word mistyped: a letter
    dropped, added, changed or two swapped?"""
    if len(word) < MIN_ASKING_TYPO:
        return False
    from rapidfuzz import process  # only a word the chronology lacks comes here
    from rapidfuzz.distance import OSA

    found = process.extractOne(word, _long_question_words(), scorer=OSA.distance, score_cutoff=1)
    return found is not None


@functools.cache
def _long_question_words() -> tuple[str, ...]:
    return tuple(word for word in question_words() if len(word) >= MIN_ASKING_TYPO - 1)


def exclusion_cue_before(text: str, start: int) -> int | None:
    """Where a word that leaves out the person named at `start` begins ("but not Lovelace",
    "кроме Гагарина"), or None when the name is asked about."""
    found = _exclusion_cue().search(text, 0, start)
    return found.start(1) if found else None


@functools.cache
def _exclusion_cue() -> re.Pattern[str]:
    cues = sorted({cue for module in _WORDS for cue in module.EXCLUSION_CUES}, key=len)
    either = "|".join(re.escape(cue).replace(r"\ ", r"\s+") for cue in reversed(cues))
    return re.compile(rf"(?i)(?:^|(?<=[\s,(]))({either})\s*[,:]?\s*$")


@functools.cache
def titles() -> frozenset[str]:
    return frozenset().union(*(module.TITLES for module in _WORDS))


@functools.cache
def feminine_titles() -> frozenset[str]:
    return frozenset().union(*(module.FEMININE_TITLES for module in _WORDS))


@functools.cache
def masculine_titles() -> frozenset[str]:
    return frozenset().union(*(module.MASCULINE_TITLES for module in _WORDS))


@functools.cache
def name_suffixes() -> frozenset[str]:
    return frozenset().union(*(module.NAME_SUFFIXES for module in _WORDS))


@functools.cache
def newest_words() -> frozenset[str]:
    return frozenset().union(*(module.NEWEST_WORDS for module in _WORDS))


@functools.cache
def oldest_words() -> frozenset[str]:
    return frozenset().union(*(module.OLDEST_WORDS for module in _WORDS))


@functools.cache
def _shorthand() -> dict[str, str]:
    return {short: full for module in _WORDS for short, full in module.SHORTHANDS.items()}


# A whole token between spaces, less the punctuation that may close it ("abt?"): shorthand is
# looked up in a table rather than matched by one large pattern, which costs ~9 ms to compile
# in a one-shot `chronobot ask`. "U.S.", "w/o", "Su-27" and "don't" are tokens of their own.
_TOKEN = re.compile(r"(?<!\S)(\S+?)(?=[?!,;:]*(?:\s|$))")


def _full_word(match: re.Match[str]) -> str:
    short = match.group()
    if len(short) == 1 and short.isupper():
        return short  # "U", "R": an initial, not "you", "are"
    if (year := _TWO_K.fullmatch(short)) is not None:
        return f"20{int(year[1]):02d}"  # "2k13", "2K9": 2013, 2009
    return _shorthand().get(short.lower(), short)


_TWO_K = re.compile(r"(?i)2k(\d{1,2})")


# Three or more of one lowercase letter are two ("puuutin", "pleeease"); a word glued to a
# year is two words ("putin2007").
_TRIPLED = re.compile(r"([a-zа-яё])\1{2,}")
_REPEATS = re.compile(rf"[^\W\d_]*{_TRIPLED.pattern}[^\W\d_]*")  # the whole word
# Words written with three of a letter: "ссср" (USSR), "iii" (Henry III), "www".
_TRIPLE_LETTER_WORDS = frozenset("ссср iii www xxx".split())


def _two_of_a_letter(match: re.Match[str]) -> str:
    word = match.group()
    if word.lower() in _TRIPLE_LETTER_WORDS:
        return word
    return _TRIPLED.sub(r"\1\1", word)


_GLUED_YEAR = re.compile(r"(?<=[^\W\d_]{3})(?=(?:1[0-9]|20)\d\d(?!\d))")
_HYPHENED_YEAR = re.compile(r"\b([^\W\d_]{3,})-((?:1[0-9]|20)\d\d)(?![\d-])")
# Words a hyphen joins to a year in a date ("mid-2007", "pre-2000", "середина-2007" is rare).
_YEAR_PREFIXES = frozenset("mid early late pre post end start circa".split())


def _unhyphened_year(match: re.Match[str]) -> str:
    word, year = match.groups()
    return match.group() if word.lower() in _YEAR_PREFIXES else f"{word} {year}"


# A name and its short number typed as one word ("apollo13", "soyuz11"): unglued only where
# the chronology writes them apart.
_GLUED_NUMBER = re.compile(r"(?<![\w-])([^\W\d_]{3,})(\d{1,3})(?!\w)")


def expand_typing(question: str, names_a_thing: Callable[[str], bool] | None = None) -> str:
    """The question as it would be written out: phone shorthand ("abt", "b4", "чё") spelt in
    full, letters typed three times twice, years unglued from words (and numbers, where the
    chronology writes them apart: "apollo13"), two-digit years in four digits. Read before
    anything else, so every later step sees the words the person meant.

    `names_a_thing(words)`: does the chronology write these words together ("soyuz 40")? Then
    a two-digit number after a word is left alone: it names something, it is no year.
    """
    if len(question) < _LONGEST_NEWS_REQUEST and _asks_for_news(question):
        return "latest"  # "what's new?", "что нового": the newest entries
    text = question
    # Three of a letter are rare: checked without compiling the pattern.
    if any(a == b == c for a, b, c in zip(text, text[1:], text[2:], strict=False)):
        text = _REPEATS.sub(_two_of_a_letter, text)
    text = _GLUED_YEAR.sub(" ", text)
    if "-" in text:  # "rogozin-2013", but not "mid-2007" (a date) nor "Su-27"
        text = _HYPHENED_YEAR.sub(_unhyphened_year, text)
    if names_a_thing is not None and any(c.isdigit() for c in text):
        text = _GLUED_NUMBER.sub(
            lambda m: f"{m[1]} {m[2]}" if names_a_thing(f"{m[1].lower()} {m[2]}") else m[0], text
        )
    text = _TOKEN.sub(_full_word, text)
    if _TO_NOW_HINT.search(text):
        text = re.sub(_TO_NOW, " onwards", text)
    if "11" in text or "eleven" in text.lower():
        text = re.sub(_EN_911, r"\1\g<2>9/11", re.sub(_EN_NINE_ELEVEN, "9/11", text))
    if "сентябр" in text.lower() or "9/11" in text or _DATE_MARK.search(text):
        text = _russian_before_english_dates(text)
    return _full_years(text, names_a_thing or (lambda number: False))


_LONGEST_NEWS_REQUEST = 40


def _asks_for_news(question: str) -> bool:
    text = " ".join(question.lower().replace("’", "'").strip(" ?!.").split())
    return any(text in module.NEWS_REQUESTS for module in _TALK)


# "2008 to now", "since 2010 till today": an open end, the grammar's "onwards".
_TO_NOW_HINT = re.compile(r"(?i)\b(?:now|present|today|date)\b")
_TO_NOW = (
    r"(?i)(?<=\d)\s+(?:to|till|til|until|through|thru|up\s+to|-|–)\s*"
    r"(?:the\s+)?(?:now|present(?:\s+day)?|today|date)\b"
)
# "September 11" (or "sept 11", "11th of September", "9-11", "nine eleven") without a year is
# the day of the 2001 attacks: the grammar's "9/11".
_EN_NINE_ELEVEN = (
    r"(?i)(?<![\w/-])(?:sept?(?:ember)?\.?\s+11(?:th)?|11(?:th)?\s+(?:of\s+)?sept?(?:ember)?\.?"
    r"|9-11|nine[\s-]eleven)(?![\w/-])(?!\s*,?\s*(?:\d|of\s+\d))"
)
# "911" only after a word that takes a date ("after 911", "post-911"): alone it is a number.
_EN_911 = r"(?i)\b(after|before|since|until|post|pre|on)([\s-]+)911(?![\w/-])"
# "11 сентября" without a year is the day of the 2001 attacks, as Russian speakers name it (the
# English grammar's "9/11"); a Russian "после", "до" or "с" before a date only the English
# grammar reads ("после 9/11", "до 21.02.2013") becomes its English word.
_RU_NINE_ELEVEN = r"(?i)(?<!\d)11\s+сентября(?!\s*(?:\d|года?\b|г\.))"
_RU_LEAD = (
    r"(?i)(?<![\w])(после|до|со|с|начиная\s+с)\s+(?=(?:9/11|\d{1,2}[./]\d{1,2}[./]\d{2,4})(?!\d))"
)
_RU_LEAD_WORDS = {"после": "after", "до": "before", "со": "since", "с": "since"}


def _russian_before_english_dates(text: str) -> str:
    text = re.sub(_RU_NINE_ELEVEN, "9/11", text)
    return re.sub(_RU_LEAD, lambda m: _RU_LEAD_WORDS.get(m[1].lower(), "since") + " ", text)


def _century(two_digits: str) -> str:
    """ "09" -> "2009", "93" -> "1993": this century up to '29, the last one from '30."""
    number = int(two_digits)
    return str((2000 if number < 30 else 1900) + number)


@functools.cache
def _short_year_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    prepositions = "|".join(
        sorted({p for module in _WORDS for p in module.YEAR_PREPOSITIONS}, key=len, reverse=True)
    )
    # Not a time, a decimal, a fraction, a range of numbers, a day's ordinal or a count
    # ("in 10 days", "up to 50 missiles": a counted thing is a plural noun after it).
    # Nor a century ("в 21 веке", "в 20-м веке").
    end = (
        r"(?!\d|[:.,/%-]\d|\s*%|(?:st|nd|rd|th)\b|\s+(?:per\b|percent|[a-z]+s\b)"
        r"|(?:-?(?:й|го|м|ом|ый))?\s+век)"
    )
    # Nor a day: before its month ("до 16 февраля 2013", "since 16 feb"), before a year ("feb
    # 16 to 21 2013"), or opening a range of days ("from 12 to 15 june", "с 12 по 15 февраля").
    month = rf"(?:{_MONTH_WORD}|{_RU_MONTH})"
    end += rf"(?!\s+{month}|,?\s+[12]\d{{3}}(?!\d))"
    connector = r"(?:to|and|till|until|through|thru|по|и|[-–])"
    end += rf"(?!\s*{connector}\s*\d{{1,2}}(?:st|nd|rd|th)?\s+{month})"
    # After a word that introduces a date ("in 09", "from 2000 to 05", "'07"): any two digits.
    after_preposition = re.compile(
        rf"(?<![\w'’])(?P<lead>(?:{prepositions})\s+|['’])(?P<yy>\d{{2}}){end}", re.I
    )
    # After any other word ("lavrov 09", "yeltsin 93"): only numbers no day or count is
    # written with, a leading zero or 32 and over; never "Apollo 11".
    after_word = re.compile(
        rf"(?<![\w'’])(?P<word>[^\W\d_]+)\s(?P<yy>0\d|3[2-9]|[4-9]\d){end}(?![\w'’])"
    )
    return after_preposition, after_word


_MONTHS = "jan feb mar apr may jun jul aug sep oct nov dec".split()
_RU_MONTH = r"(?:январ|феврал|март|апрел|ма[йяе]|июн|июл|август|сентябр|октябр|ноябр|декабр)"
# Numeric dates as typed: "21/2/13" and "21.02.13" (a two-digit year), "21-02-2013" (dashes),
# "02/2013" (a month); and a day and month before two digits ("21 feb 13", "feb 21, 13").
# (Compiled on first use through `re`'s own cache: most questions have no such date.)
_NUMERIC_SHORT_YEAR = r"(?<![\d/.\-])(\d{1,2})([./])(\d{1,2})\2(\d{2})(?![\d/.\-]\d|\d)"
_NUMERIC_DASHES = r"(?<![\d/.\-])(\d{1,2})-(\d{1,2})-(\d{4})(?![\d\-])"
_NUMERIC_MONTH = r"(?<![\d/.\-])(\d{1,2})/(\d{4})(?![\d/\-])"
_MONTH_WORD = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_DAY_MONTH_SHORT_YEAR = (
    rf"(?i)(?<![\w'’])((?:\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH_WORD}|{_MONTH_WORD}\s+\d{{1,2}}"
    rf"(?:st|nd|rd|th)?),?\s+)['’]?(\d{{2}})(?!\d|[:.,/%-]\d)"
)


def _numeric_dates(text: str) -> str:
    text = re.sub(_NUMERIC_SHORT_YEAR, lambda m: f"{m[1]}.{m[3]}.{_century(m[4])}", text)
    text = re.sub(_NUMERIC_DASHES, r"\1.\2.\3", text)
    text = re.sub(
        _NUMERIC_MONTH,
        lambda m: f"{_MONTHS[int(m[1]) - 1]} {m[2]}" if 1 <= int(m[1]) <= 12 else m[0],
        text,
    )
    return text


def _full_years(text: str, names_a_thing: Callable[[str], bool]) -> str:
    text = _COMPACT_DATE.sub(r"\1-\2-\3", text)  # "20130216": an ISO day without dashes
    if _DATE_MARK.search(text):
        text = _numeric_dates(text)
    if not _TWO_DIGITS.search(text):
        return text
    # "13 год", "в 09-м году": two digits the word "год" calls a year.
    text = _RU_SHORT_YEAR.sub(lambda m: _century(m[1]), text)

    def day_month_year(m: re.Match[str]) -> str:
        day = re.match(r"\d+", m[1])
        after_word = re.search(r"([^\W\d_]+)\s+$", text[: m.start()])
        if day and after_word and names_a_thing(f"{after_word[1]} {day.group()}"):
            return m[0]  # "Apollo 11 jul 20": 11 names the mission, not a day
        return m[1] + _century(m[2])

    text = re.sub(_DAY_MONTH_SHORT_YEAR, day_month_year, text)
    text = _SHORT_YEAR_RANGE.sub(_year_range, text)
    after_preposition, after_word = _short_year_patterns()
    text = after_preposition.sub(lambda m: m["lead"].rstrip("'’") + _century(m["yy"]), text)

    def year_after_word(m: re.Match[str]) -> str:
        named = names_a_thing(f"{m['word']} {m['yy']}")  # "soyuz 40" names a flight
        return f"{m['word']} {m['yy'] if named else _century(m['yy'])}"

    return after_word.sub(year_after_word, text)


_TWO_DIGITS = re.compile(r"(?<!\d)\d{2}(?!\d)")
# "lavrov 08-10", "yeltsin 93-95": two years after a word, the first written as no day is (a
# leading zero, or 32 and over) and the earlier.
_SHORT_YEAR_RANGE = re.compile(
    r"(?<![\w'’])(?P<word>[^\W\d_]+)\s+(?P<a>0\d|3[2-9]|[4-9]\d)\s*[-–]\s*(?P<b>\d{2})"
    r"(?![\w'’/.:-])"
)


_MONTH_NAME = re.compile(rf"{_MONTH_WORD}$|{_RU_MONTH}")


def _year_range(match: re.Match[str]) -> str:
    first, last = _century(match["a"]), _century(match["b"])
    if first >= last or _MONTH_NAME.match(match["word"].lower()):
        return match.group()  # "jan 08-09": days of a month
    return f"{match['word']} {first}-{last}"


_RU_SHORT_YEAR = re.compile(
    r"(?<![\d.,/:])(\d{2})"
    r"(?=(?:-?(?:й|м|го|ом))?\s+(?:год|году|года|годом|г\.)(?![а-яё])(?!\s+назад))",
    re.IGNORECASE,
)
_DATE_MARK = re.compile(r"\d[./\-]\d")
_COMPACT_DATE = re.compile(
    r"(?<![\d.,/-])((?:1[0-9]|20)\d\d)(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?![\d.,/-])"
)


def plain_words(question: str) -> str:
    """The question's words as typed out, lowercase, "ё" as "е", single spaces: what cue and
    phrase tables (follow-ups, small talk) are compared with."""
    text = expand_typing(question).lower().replace("’", "'").replace("ё", "е")
    return " ".join(_PLAIN_WORD.findall(text))


_PLAIN_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)*")


def warm() -> None:
    """Compile the date grammars and gather the word tables now, not on the first question
    that needs them: a serving bot's first questions would wait ~80 ms for them."""
    for grammar in _GRAMMARS:
        grammar.warm()
    for table in (question_words, titles, newest_words, oldest_words, _shorthand):
        table()


def find_dates(question: str) -> list[DateMatch]:
    """Every date expression of the question in any language, left to right, without
    overlaps: where two grammars read the same words, the longer reading wins."""
    found = [match for grammar in _GRAMMARS for match in grammar.find_date_expressions(question)]
    found.sort(key=lambda m: (m.start, -(m.end - m.start)))
    chosen: list[DateMatch] = []
    for match in sorted(found, key=lambda m: -(m.end - m.start)):
        if all(match.end <= other.start or other.end <= match.start for other in chosen):
            chosen.append(match)
    return sorted(chosen, key=lambda m: m.start)
