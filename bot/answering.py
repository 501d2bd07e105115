"""Answering a question already read (`bot.question`): the strict reading's entries, or
the nearest honest alternative when there are none (`bot.relaxing`), from every chronology of
the index or from one; with the notices that say how the question was read.

`bot.engine.Engine` routes a question here after reading it (small talk, follow-ups and the
chosen chronology's name are its business); this module only answers.
"""

from __future__ import annotations

import sqlite3

from bot.answer import Answer, Interpretation, Notice, Source
from bot.entries import IndexEntries
from bot.index_words import IndexWords
from bot.lang import ru
from bot.lang.ru_glossary import translations
from bot.question import ParsedQuestion
from bot.ranking import Pages, Reading, Row
from bot.relaxing import ids, known_concepts, nearest_alternative, unranked_notice
from bot.search import Constraint


class UnknownChronology(ValueError):
    """A question was limited to a chronology the index does not hold."""

    def __init__(self, name: str, known: tuple[str, ...]):
        self.name, self.known = name, known
        super().__init__(f"No chronology named {name!r}; the index holds: {', '.join(known)}")


class Chronologies:
    """The chronologies of an index by the names a question may be limited to (as /sources
    and `--source` name them), each with its number in the index and its title."""

    def __init__(self, conn: sqlite3.Connection, sources: dict[int, Source]):
        self._numbers: dict[str, int] = {
            name: number for number, name in conn.execute("SELECT rowid, name FROM chronologies")
        }
        self._titles = {
            number: sources[number].title or name for name, number in self._numbers.items()
        }

    def names(self) -> tuple[str, ...]:
        """Every name, in /sources order."""
        return tuple(self._numbers)

    def number(self, name: str | None) -> int | None:
        """The number of chronology `name` (None: no limit); an unknown name raises
        `UnknownChronology`."""
        if name is None:
            return None
        if name not in self._numbers:
            raise UnknownChronology(name, self.names())
        return self._numbers[name]

    def title(self, number: int) -> str:
        return self._titles[number]


class Answerer:
    """Answers read questions from one built index."""

    def __init__(
        self,
        pages: Pages,
        words: IndexWords,
        entries: IndexEntries,
        chronologies: Chronologies,
        source: Source,
    ):
        self._pages = pages
        self._words = words
        self._entries = entries
        self._chronologies = chronologies
        self._source = source

    def within(
        self,
        question: str,
        parsed: ParsedQuestion,
        limit: int,
        offset: int,
        name: str | None,
    ) -> Answer:
        """The answer from every chronology, or from chronology `name` only: then it says so,
        and when that chronology has no match but others do, says that too (its relaxed
        alternatives stay within it). An unknown name raises `UnknownChronology`."""
        number = self._chronologies.number(name)
        if name is None or number is None:
            return self.answer(question, parsed, limit, offset)
        answer = self.answer(question, parsed, limit, offset, number)
        notices = [Notice("one_chronology", words=(self._chronologies.title(number),))]
        notices += answer.notices
        if answer.relaxed or not answer.total:
            everywhere = self.answer(question, parsed, 0, 0)
            if everywhere.total and not everywhere.relaxed:
                notices.append(Notice("elsewhere"))
        meaning = answer.interpretation._replace(chronology=name)
        return answer._replace(interpretation=meaning, notices=tuple(notices))

    def answer(
        self,
        question: str,
        parsed: ParsedQuestion,
        limit: int,
        offset: int,
        chronology: int | None = None,
    ) -> Answer:
        """The answer from every chronology, or from `chronology` (its number) only."""
        meaning = parsed.interpretation
        limit, offset = max(0, limit), max(0, offset)
        notices: list[Notice] = []
        if meaning.date_reading:
            notices.append(
                Notice(
                    "date_reading",
                    span=meaning.span,
                    words=(meaning.date_phrase or "",),
                    reading=meaning.date_reading,
                )
            )
        # Russian words the glossary cannot translate; one it translates into words no entry
        # writes ("щит": shield) is only absent, as an English word would be.
        untranslated = tuple(
            t for t in meaning.unused_terms if ru.is_cyrillic(t) and not translations(t)
        )
        if untranslated and not self._words.uses_cyrillic:
            notices.append(Notice("untranslated", words=untranslated))
        if meaning.corrections:
            asked, read = zip(*meaning.corrections, strict=True)
            notices.append(Notice("spelling", words=asked, corrections=read))
        known = known_concepts(parsed)
        rest_asked = bool(parsed.groups or meaning.spans or known or meaning.excluded)
        if meaning.unknown_names and not parsed.groups:
            unknown = Notice(
                "unknown_person",
                words=meaning.unknown_names,
                suggestions=meaning.suggestions,
                shown=rest_asked,
            )
            if not rest_asked:
                return self.make(question, meaning, [], 0, offset, False, [*notices, unknown])
            # The rest of the question is answered, never attributed to the unknown person.
            answer = self._strict_or_relaxed(
                question, parsed, known, limit, offset, notices, chronology
            )
            return answer.noting(unknown, first=True)._replace(relaxed=True)
        if not (parsed.groups or meaning.spans or parsed.concepts or meaning.excluded):
            whole = Reading(Constraint((), chronology=chronology), order=meaning.order)
            rows, total = self._pages.page(whole, limit, offset)
            if meaning.order is None:
                notices.append(Notice("whole_chronology"))
            return self.make(question, meaning, rows, total, offset, False, notices)
        answer = self._strict_or_relaxed(
            question, parsed, known, limit, offset, notices, chronology
        )
        if untranslated:  # "no entry mentions X" adds nothing to "X is not translated"
            kept = [n for n in answer.notices if n.kind != "no_words"]
            answer = answer._replace(notices=tuple(kept))
        # The rest of the question found entries, but some of its words are in none of them
        # ("yeltsin GPS"): say so, rather than let the entries seem to be about them.
        absent = tuple(t for t in meaning.unused_terms if t not in untranslated)
        said = {n.kind for n in answer.notices} & {"no_words", "spelling"}
        if absent and answer.total and not said:
            answer = answer.noting(Notice("no_words", words=absent))
        if meaning.unknown_names and answer.total:  # a known person was asked too
            unknown = Notice("unknown_person", words=meaning.unknown_names, shown=True)
            answer = answer.noting(unknown, first=True)
        return answer

    def _strict_or_relaxed(
        self,
        question: str,
        parsed: ParsedQuestion,
        known: tuple[tuple[str, ...], ...],
        limit: int,
        offset: int,
        notices: list[Notice],
        chronology: int | None = None,
    ) -> Answer:
        """The strict reading's entries, or the nearest honest alternative when there are none."""
        meaning = parsed.interpretation
        prefer = tuple(p.id for p in meaning.suggestions) if meaning.unknown_names else ()
        constraint = Constraint(
            parsed.groups, meaning.spans, prefer, ids(meaning.excluded), chronology
        )
        if constraint.is_empty and not known:
            return self._relax(question, parsed, limit, offset, notices, chronology)
        reading = Reading(constraint, known, meaning.phrases, meaning.order)
        rows, total = self._pages.page(reading, limit, offset)
        held_apart = len(known) >= 2 and self._pages.held_apart(known, chronology)
        words = tuple(term for term in meaning.terms if term not in meaning.unused_terms)
        if total and constraint.is_empty and held_apart:
            notices.append(Notice("partial", words=words))
            notices.extend(
                unranked_notice(self._pages, known, words, meaning.order, total, chronology)
            )
            return self.make(question, meaning, rows, total, offset, True, notices)
        if total:
            if constraint.is_empty:
                notices.extend(
                    unranked_notice(self._pages, known, words, meaning.order, total, chronology)
                )
            return self.make(question, meaning, rows, total, offset, False, notices)
        return self._relax(question, parsed, limit, offset, notices, chronology)

    def _relax(
        self,
        question: str,
        parsed: ParsedQuestion,
        limit: int,
        offset: int,
        notices: list[Notice],
        chronology: int | None = None,
    ) -> Answer:
        """Nothing matched the strict reading: the nearest honest alternative (bot.relaxing)."""
        rows, total, relaxed = nearest_alternative(
            self._pages, self._words, parsed, limit, offset, notices, chronology
        )
        return self.make(question, parsed.interpretation, rows, total, offset, relaxed, notices)

    def make(
        self,
        question: str,
        meaning: Interpretation,
        rows: list[Row],
        total: int,
        offset: int,
        relaxed: bool,
        notices: list[Notice],
    ) -> Answer:
        entries = tuple(self._entries.entry(row) for row in rows)
        return Answer(
            question, meaning, entries, total, offset, relaxed, tuple(notices), self._source
        )
