"""Reading a question: which people, which periods, which words, which order.

Dates are found first (so "May" in "May 2010" is never a name), then people (with the titles
in front of them), then what is left: words people ask with are dropped, order words set the
order, and the rest become ranking terms. A word is reported as an unknown person only when
the evidence says it is a name: capitalised where a sentence does not begin, after a title,
close to a known name, or possessive — never a capitalised first word or an imperative.
Three parts of the reading live beside this module: `bot.question_words` (what each word
left after dates and names is), `bot.titles` (which namesake a title points to) and
`bot.word_forms` (what else a ranking word is searched as).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import NamedTuple

from bot import lang
from bot.answer import Interpretation, PersonInfo
from bot.dates import DateMatch, DateSpan, spans_hull
from bot.lang import en
from bot.lang.recurring import find_recurring
from bot.names import NameMatcher
from bot.question_words import WORD, QuestionWords, plain
from bot.titles import choose_by_titles, titles_before
from bot.word_forms import Vocabulary, word_concept

MAX_QUESTION_CHARS = 1000  # longer text is cut: nobody asks in more words, and work stays bounded


class ParsedQuestion(NamedTuple):
    """A question as read: the person groups the engine filters by, the reading, the concepts."""

    groups: tuple[tuple[str, ...], ...]  # each mention's person ids: AND across, OR within
    interpretation: Interpretation
    # Per term, its alternatives as FTS5 strings (a trailing "*" is a prefix): an entry
    # holding any alternative holds the term.
    concepts: tuple[tuple[str, ...], ...] = ()


def read_question(
    question: str,
    names: NameMatcher,
    people: Mapping[str, PersonInfo],
    vocabulary: Vocabulary,
) -> ParsedQuestion:
    """Split a question into people, periods, ranking terms and an order."""
    text = lang.expand_typing(question[:MAX_QUESTION_CHARS], vocabulary.is_indexed)
    if "-" in text:  # "n-1" when the chronology writes "N1"
        text = _DESIGNATION.sub(lambda m: _glued(m, vocabulary), text)
    blanked: list[tuple[int, int]] = []  # where a date, a title or a name stood
    dates = lang.find_dates(text)
    for found in dates:
        text = _blank(text, found.start, found.end)
        blanked.append((found.start, found.end))
    groups: list[tuple[str, ...]] = []
    excluded: list[str] = []  # "but not Lovelace": people whose entries are left out
    named: list[tuple[int, int]] = []  # where a person was named
    for match in names.find(text, vocabulary.names_only):
        if _names_a_thing(text, match.start, match.end, vocabulary):
            continue
        titles, title_start = titles_before(text, match.start)
        ids = choose_by_titles(match.person_ids, titles, people)
        cue = lang.exclusion_cue_before(text, title_start)
        if cue is not None:
            excluded.extend(ids)
        elif ids not in groups:
            groups.append(ids)
        start = title_start if cue is None else cue
        text = _blank(text, start, match.end)
        blanked.append((start, match.end))
        named.append((title_start, match.end))
    # A month or season without a year ("rogozin feb"): that part of each year the
    # chronology covers, as several periods (any of them).
    every_year: list[DateSpan] = []
    recurring_text: list[str] = []
    years = vocabulary.years() if not dates else None
    if years is not None:
        for months in find_recurring(text):
            every_year.extend(months.each_year(years))
            recurring_text.append(" ".join(text[months.start : months.end].split()))
            text = _blank(text, months.start, months.end)
            blanked.append((months.start, months.end))
    words = QuestionWords(text, vocabulary, names, named)
    for word_match in WORD.finditer(text):
        words.read(word_match)
    quoted = _quoted_phrases(text, vocabulary)
    if quoted:  # "…" asks for those words in that order: one term, the phrase
        inside = {word for phrase in quoted for word in phrase.split()}
        words.terms = [term for term in words.terms if term not in inside] + quoted
    person_ids = tuple(dict.fromkeys(pid for group in groups for pid in group))
    # A run of words may name one thing another way ("extravehicular activity" = "EVA"):
    # each of its words then also holds that name.
    extra = _phrase_synonyms(text, set(words.terms), vocabulary)
    for word, fixed in words.corrections.items():
        extra[word] = (*extra.get(word, ()), fixed)
    concepts = tuple(
        (f'"{term}"',) if term in quoted else word_concept(term, vocabulary, extra.get(term, ()))
        for term in words.terms
    )
    spans = tuple(found.span for found in dates) + tuple(every_year)
    phrases_of_dates = [found.text.strip() for found in dates] + recurring_text
    interpretation = Interpretation(
        people=tuple(people[pid] for pid in person_ids),
        span=spans_hull(spans),
        date_phrase=", ".join(phrases_of_dates) or None,
        terms=tuple(words.terms),
        phrases=_phrases(text, blanked, set(words.terms)),
        unknown_names=tuple(dict.fromkeys(words.unknown)),
        suggestions=tuple(people[pid] for pid in words.suggestions if pid in people),
        periods=spans if len(spans) > 1 else (),
        date_reading=_reading(dates),
        order=words.order,
        unused_terms=tuple(
            term for term, concept in zip(words.terms, concepts, strict=True) if not concept
        ),
        corrections=tuple(words.corrections.items()),
        expansions=tuple(
            (term, concept[1:])
            for term, concept in zip(words.terms, concepts, strict=True)
            if len(concept) > 1
        ),
        groups=tuple(groups),
        excluded=tuple(people[pid] for pid in dict.fromkeys(excluded) if pid not in person_ids),
    )
    # A term the chronology never uses still ranks nothing: its concept is the bare word.
    concepts = tuple(
        concept or (term,) for term, concept in zip(words.terms, concepts, strict=True)
    )
    return ParsedQuestion(tuple(groups), interpretation, concepts)


_MAX_SYNONYM_WORDS = 4
_JOINER = re.compile(r"[\s\-‐–—]+")


def _phrase_synonyms(
    text: str, terms: set[str], vocabulary: Vocabulary
) -> dict[str, tuple[str, ...]]:
    """Synonyms of the question's runs of two to four words, for each term of the run."""
    words = [(m.start(), m.end(), plain(m.group())) for m in WORD.finditer(text)]
    runs: list[list[str]] = []
    previous_end: int | None = None
    for start, end, word in words:
        joined = previous_end is not None and _JOINER.fullmatch(text, previous_end, start)
        if not joined:
            runs.append([])
        runs[-1].append(word)
        previous_end = end
    extra: dict[str, list[str]] = {}
    for run in runs:
        for size in range(min(_MAX_SYNONYM_WORDS, len(run)), 1, -1):
            for first in range(len(run) - size + 1):
                window = run[first : first + size]
                phrase = " ".join(window)
                found = [*en.synonyms(phrase), *vocabulary.synonyms(phrase)]
                for word in window:
                    if word in terms and found:
                        extra.setdefault(word, []).extend(found)
    return {word: tuple(dict.fromkeys(forms)) for word, forms in extra.items()}


def _reading(dates: list[DateMatch]) -> str | None:
    return next((found.reading for found in dates if found.reading), None)


MAX_PHRASES = 3
MAX_PHRASE_WORDS = 8


def _phrases(text: str, blanked: list[tuple[int, int]], terms: set[str]) -> tuple[str, ...]:
    """Runs of two or more asked words as the question writes them ("strategic defense of
    earth"), so entries holding the whole phrase rank above those holding its words apart.

    A run is words separated by spaces only, never across a removed date or name, trimmed
    to start and end on a ranking term.
    """
    runs: list[list[str]] = [[]]
    previous_end = None
    for match in WORD.finditer(text):
        gap_start = previous_end if previous_end is not None else 0
        gap_is_space = previous_end is not None and text[gap_start : match.start()].isspace()
        crosses = any(gap_start < end and start < match.start() for start, end in blanked)
        if not gap_is_space or crosses:
            runs.append([])
        runs[-1].append(plain(match.group()))
        previous_end = match.end()
    phrases: list[str] = []
    for run in runs:
        positions = [i for i, word in enumerate(run) if word in terms]
        if len(positions) >= 2 and positions[-1] - positions[0] < MAX_PHRASE_WORDS:
            phrase = " ".join(run[positions[0] : positions[-1] + 1])
            if phrase not in phrases:
                phrases.append(phrase)
    return tuple(phrases[:MAX_PHRASES])


_QUOTED = re.compile(r"[\"“”«»„]([^\"“”«»„]{3,100})[\"“”«»„]")


def _quoted_phrases(text: str, vocabulary: Vocabulary) -> list[str]:
    """The phrases of two words or more the question puts in quotes, as the index words
    them ("strategic defense of earth"), when the chronology uses every word."""
    phrases = []
    for match in _QUOTED.finditer(text):
        found = [plain(word.group()) for word in WORD.finditer(match[1])]
        if len(found) >= 2 and all(vocabulary.is_indexed(word) for word in found):
            phrases.append(" ".join(found))
    return list(dict.fromkeys(phrases))


# A designation typed with a hyphen ("n-1", "r-7"): one word when the chronology writes it so.
_DESIGNATION = re.compile(r"(?<![\w-])([^\W\d_]{1,3})-(\d{1,3})(?![\w-])")


def _glued(match: re.Match[str], vocabulary: Vocabulary) -> str:
    glued = match[1] + match[2]
    return glued if vocabulary.is_indexed(glued.lower()) else match[0]


def _blank(text: str, start: int, end: int) -> str:
    """`text` with [start, end) replaced by spaces, so offsets elsewhere stay valid."""
    return text[:start] + " " * (end - start) + text[end:]


_NEXT_WORD = re.compile(r"[\s\-]+([^\W\d_]+)")


def _names_a_thing(text: str, start: int, end: int, vocabulary: Vocabulary) -> bool:
    """Is the name at text[start:end] the first word of a thing named after someone, as the
    chronology writes it ("Hubble Space Telescope", "Nobel Peace Prize")?"""
    following = _NEXT_WORD.match(text, end)
    if not following or plain(following.group(1)) in lang.question_words():
        return False
    words = [plain(word) for word in WORD.findall(text[start:end])]
    if not words:
        return False
    surname = re.sub(r"['’]s$", "", words[-1])
    phrase = " ".join([*words[:-1], surname, plain(following.group(1))])
    return vocabulary.written_apart(phrase, surname)
