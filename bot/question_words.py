"""The words of a question left after its dates and names (bot.question reads those): each
is dropped (a word people ask with), sets the order, becomes a ranking term, or is reported as
an unknown person's name, only where the evidence says it is one.
"""

from __future__ import annotations

import re

from bot import lang
from bot.answer import NEWEST, OLDEST
from bot.lang import en
from bot.names import NameMatcher
from bot.titles import titles_before
from bot.word_forms import Vocabulary, other_spelling, word_concept

WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")

MAX_TERMS = 12
MIN_SPELLING = 5  # a word this long that the chronology lacks may be a typo of one it uses


class QuestionWords:
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
            m for m in WORD.finditer(text) if plain(m.group()) not in lang.question_words()
        ]

    def read(self, match: re.Match[str]) -> None:
        word = match.group()
        lower = plain(word)
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
                return plain(word) in lang.name_suffixes()
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
        return plain(before.group(1)) if before else None

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


_WORD_BEFORE = re.compile(r"([^\W\d_]+)[\s\-]+$")


def _starts_sentence(text: str, position: int) -> bool:
    """True when only punctuation, spaces and emoji separate `position` from a sentence start."""
    before = text[:position]
    while before and not (before[-1].isalnum() or before[-1] in ".?!:;"):
        before = before[:-1]
    return not before or before[-1] in ".?!:;"


def plain(word: str) -> str:
    """A question word as the word lists hold it: lowercase, no possessive."""
    return re.sub(r"['’]s$", "", word.lower())
