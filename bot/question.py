"""Reading a question: which people, which periods, which words, which order.

Dates are found first (so "May" in "May 2010" is never a name), then people (with the titles
in front of them), then what is left: words people ask with are dropped, order words set the
order, and the rest become ranking terms. A word is reported as an unknown person only when
the evidence says it is a name: capitalised where a sentence does not begin, after a title,
close to a known name, or possessive — never a capitalised first word or an imperative.
Two parts of the reading live beside this module: `bot.titles` (which namesake a title
points to) and `bot.word_forms` (what else a ranking word is searched as).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import NamedTuple

from bot import lang
from bot.answer import NEWEST, OLDEST, Interpretation, PersonInfo
from bot.dates import DateMatch, DateSpan, spans_hull
from bot.lang import en
from bot.lang.recurring import find_recurring
from bot.names import NameMatcher
from bot.titles import choose_by_titles, titles_before
from bot.word_forms import Vocabulary, other_spelling, word_concept

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")

MAX_QUESTION_CHARS = 1000  # longer text is cut: nobody asks in more words, and work stays bounded
MAX_TERMS = 12
MIN_SPELLING = 5  # a word this long that the chronology lacks may be a typo of one it uses


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
    words = _Words(text, vocabulary, names, named)
    for word_match in _WORD.finditer(text):
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


class _Words:
    """Sorts the words left after dates and names: dropped, order, term or unknown name."""

    def __init__(
        self,
        text: str,
        vocabulary: Vocabulary,
        names: NameMatcher,
        named: list[tuple[int, int]] = (),  # type: ignore[assignment]
    ):
        self.text = text
        self.vocabulary = vocabulary
        self.names = names
        self.named = named
        self.terms: list[str] = []
        self.unknown: list[str] = []
        self.suggestions: list[str] = []
        self.order: str | None = None
        self.corrections: dict[str, str] = {}  # a mistyped word -> the word the data uses
        self.content = [
            m for m in _WORD.finditer(text) if _plain(m.group()) not in lang.question_words()
        ]

    def read(self, match: re.Match[str]) -> None:
        word = match.group()
        lower = _plain(word)
        if lower in lang.newest_words():
            self.order = self.order or NEWEST
            return
        if lower in lang.oldest_words():
            self.order = self.order or OLDEST
            return
        # An acronym the chronology's glossary knows is a term even when it spells a word
        # people ask with ("ПРО", missile defence, is also "про", about).
        acronym = (
            word.isupper() and len(word) > 1 and bool(self.vocabulary.synonyms(word))
        ) or self._names_a_country(match, lower)
        if (lower in lang.question_words() and not acronym) or (
            len(lower) < 2 and not lower.isdigit()
        ):
            return
        if lower.isdigit():
            # A number after a word names something ("Article 5", "Apollo 12"); other
            # numbers count things ("500 missiles") and say nothing about the topic.
            if self._follows_a_word(match) and self.vocabulary.is_indexed(lower):
                self._add_term(lower)
            elif (noun := self._numbered_noun(match)) and self.vocabulary.is_indexed(lower):
                self._add_term(noun)  # "article 5": an asking word, but here a name's part
                self._add_term(lower)
            return
        indexed = self.vocabulary.is_indexed(lower)
        # "Defence" names a topic when the chronology writes "defense", a title otherwise.
        if lower in lang.titles() and not indexed and not other_spelling(lower, self.vocabulary):
            return
        # A word the chronology lacks may still be translated by its glossary ("Луне").
        translated = indexed or bool(word_concept(lower, self.vocabulary))
        # Before any spelling against the index: "propsed" must not become "proposed" the
        # topic, which would keep only the entries that write it. A capital past the first
        # word may start a name ("Happer"), which is reported if the chronology lacks it.
        capitalised = word[:1].isupper() and bool(self.text[: match.start()].strip())
        if not translated and not capitalised and lang.mistyped_question_word(lower):
            return
        # A word the chronology lacks right beside a name may be part of how the person was
        # named: a given name or nickname before it ("Liz Smith"), initials ("jf smith"), a
        # suffix after it ("smith jr"). A topic the chronology lacks ("smith gps") is still
        # reported as in no entry.
        if not translated and self._names_the_person(match):
            return
        if not translated and self._is_unknown_name(match, lower):
            return
        if not translated and len(lower) >= MIN_SPELLING:
            fixed = self.vocabulary.spelling(lower)  # "missle" -> "missil", "Gabla" -> "gabala"
            if fixed:
                self.corrections[lower] = fixed
        self._add_term(lower)

    def _names_a_country(self, match: re.Match[str], lower: str) -> bool:
        """Is a word people also ask with ("us") the country's abbreviation here: written
        in capitals ("did the US offer"), or after "the" ("the us")?"""
        if lower not in en.COUNTRY_ABBREVIATIONS:
            return False
        return match.group().isupper() or self._word_before(match) == "the"

    def _names_the_person(self, match: re.Match[str]) -> bool:
        """Is `match` part of a named person's name: right before it (with nothing but
        spaces or dots between) a capitalised word or initials ("jf", "JF", not an acronym
        such as "GPS"); right after it a suffix ("jr", "III")?"""
        word = match.group()
        for start, end in self.named:
            if match.end() <= start and _NAME_SIDE.fullmatch(self.text, match.end(), start):
                initials = len(word) <= 2 or (len(word) == 3 and word.islower())
                return initials or (word[:1].isupper() and not word.isupper())
            if end <= match.start() and _NAME_SIDE.fullmatch(self.text, end, match.start()):
                return _plain(word) in lang.name_suffixes()
        return False

    def _numbered_noun(self, match: re.Match[str]) -> str | None:
        """The noun right before a number that it numbers ("Article 5", "Chapter 11"),
        when the chronology uses it; else None."""
        noun = self._word_before(match)
        return noun if noun in en.NUMBERED_NOUNS and self.vocabulary.is_indexed(noun) else None

    def _follows_a_word(self, match: re.Match[str]) -> bool:
        before = self._word_before(match)
        return before is not None and before not in lang.question_words()

    def _word_before(self, match: re.Match[str]) -> str | None:
        """The word right before `match` (spaces or a hyphen between), as a plain word."""
        before = _WORD_BEFORE.search(self.text, 0, match.start())
        return _plain(before.group(1)) if before else None

    def _is_unknown_name(self, match: re.Match[str], lower: str) -> bool:
        """Record `match` as an unknown person if the evidence says it is a name."""
        word = match.group()
        close = self.names.suggest(word) if len(lower) >= 4 else ()
        capitalised = word[:1].isupper()
        after_title = bool(titles_before(self.text, match.start())[0])
        # Russian writes every name capitalised: a lowercase Cyrillic word near a name
        # ("путь", "медведь") is an ordinary word.
        if not (capitalised or (close and word.isascii())):
            return False
        # All capitals is an acronym ("GLONASS", "ISS"), not a person, unless it is close to
        # a name or follows a title: "No entry mentions GLONASS" says what is true.
        if word.isupper() and len(word) > 1 and not close and not after_title:
            return False
        # Close to a word the chronology uses and to no name: a typo, not a person ("Gabla").
        misspelt = not close and len(lower) >= MIN_SPELLING and self.vocabulary.spelling(lower)
        weak_evidence = (
            not _starts_sentence(self.text, match.start())
            or word.endswith(("'s", "’s"))
            or len(self.content) == 1
        )
        evidence = bool(close) or after_title or (weak_evidence and not misspelt)
        if not evidence:
            return False
        self.unknown.append(re.sub(r"['’]s$", "", word))
        self.suggestions.extend(pid for pid in close if pid not in self.suggestions)
        return True

    def _add_term(self, lower: str) -> None:
        term = re.sub(r"['’]s$", "", lower).replace("’", "'")
        if term not in self.terms and len(self.terms) < MAX_TERMS:
            self.terms.append(term)


_NAME_SIDE = re.compile(r"[\s.]*")  # between a name and a word of it: "J.F. Smith", "Smith Jr."
_MAX_SYNONYM_WORDS = 4
_JOINER = re.compile(r"[\s\-‐–—]+")


def _phrase_synonyms(
    text: str, terms: set[str], vocabulary: Vocabulary
) -> dict[str, tuple[str, ...]]:
    """Synonyms of the question's runs of two to four words, for each term of the run."""
    words = [(m.start(), m.end(), _plain(m.group())) for m in _WORD.finditer(text)]
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


def _starts_sentence(text: str, position: int) -> bool:
    """True when only punctuation, spaces and emoji separate `position` from a sentence start."""
    before = text[:position]
    while before and not (before[-1].isalnum() or before[-1] in ".?!:;"):
        before = before[:-1]
    return not before or before[-1] in ".?!:;"


def _plain(word: str) -> str:
    """A question word as the word lists hold it: lowercase, no possessive."""
    return re.sub(r"['’]s$", "", word.lower())


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
    for match in _WORD.finditer(text):
        gap_start = previous_end if previous_end is not None else 0
        gap_is_space = previous_end is not None and text[gap_start : match.start()].isspace()
        crosses = any(gap_start < end and start < match.start() for start, end in blanked)
        if not gap_is_space or crosses:
            runs.append([])
        runs[-1].append(_plain(match.group()))
        previous_end = match.end()
    phrases: list[str] = []
    for run in runs:
        positions = [i for i, word in enumerate(run) if word in terms]
        if len(positions) >= 2 and positions[-1] - positions[0] < MAX_PHRASE_WORDS:
            phrase = " ".join(run[positions[0] : positions[-1] + 1])
            if phrase not in phrases:
                phrases.append(phrase)
    return tuple(phrases[:MAX_PHRASES])


_WORD_BEFORE = re.compile(r"([^\W\d_]+)[\s\-]+$")
_QUOTED = re.compile(r"[\"“”«»„]([^\"“”«»„]{3,100})[\"“”«»„]")


def _quoted_phrases(text: str, vocabulary: Vocabulary) -> list[str]:
    """The phrases of two words or more the question puts in quotes, as the index words
    them ("strategic defense of earth"), when the chronology uses every word."""
    phrases = []
    for match in _QUOTED.finditer(text):
        found = [_plain(word.group()) for word in _WORD.finditer(match[1])]
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
    if not following or _plain(following.group(1)) in lang.question_words():
        return False
    words = [_plain(word) for word in _WORD.findall(text[start:end])]
    if not words:
        return False
    surname = re.sub(r"['’]s$", "", words[-1])
    phrase = " ".join([*words[:-1], surname, _plain(following.group(1))])
    return vocabulary.written_apart(phrase, surname)
