"""The question-answering engine: question text in, `Answer` out.

The CLI, the console chat and every Telegram surface call `Engine.ask`; nothing else
searches. Person and date constraints filter; words only rank.
"""

from __future__ import annotations

import datetime as dt
import functools
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from bot import lang, name_forms
from bot.answer import (
    TALK,
    About,
    Answer,
    Entry,
    Interpretation,
    Notice,
    PersonInfo,
    Source,
)
from bot.answering import Answerer, Chronologies, UnknownChronology
from bot.dates import DateSpan, describe_span
from bot.entries import IndexEntries
from bot.index_words import IndexWords
from bot.lang.requests import asks_who, asks_who_is, selection, small_talk
from bot.nameindex import open_matcher
from bot.people import PeopleTable
from bot.question import ParsedQuestion, read_question
from bot.question_words import MAX_TERMS
from bot.ranking import Pages
from bot.talk import WHO_MATCHES, talk_notice, who_notice
from bot.word_forms import Vocabulary

if TYPE_CHECKING:  # follow-ups only: a first question does not import them
    from bot.context import Context

# The answer types are part of the engine's interface: callers may import them from here.
__all__ = [
    "About", "Answer", "Engine", "Entry", "Interpretation", "Notice", "PersonInfo", "Source",
    "UnknownChronology",
]  # fmt: skip


class Engine:
    """Answers questions from one built index (read-only SQLite)."""

    def __init__(self, conn: sqlite3.Connection):
        self._conn = conn
        meta = dict(conn.execute("SELECT key, value FROM meta"))
        self.source = Source(
            title=meta.get("title", ""),
            publisher=meta.get("publisher") or None,
            url=meta.get("url") or None,
        )
        self._published = meta.get("published") or None
        # People and the name matcher's tables are read as questions need them: opening an
        # index of a million entries costs what opening the bundled one does.
        self._people = PeopleTable(conn)
        self._names = open_matcher(conn)
        # With several chronologies in the index, every entry cites its own.
        self._sources = {
            number: Source(title=title, publisher=publisher or None, url=url or None)
            for number, title, publisher, url in conn.execute(
                "SELECT rowid, title, publisher, url FROM chronologies"
            )
        }
        # A question may be limited to one chronology, named as /sources and `--source` name it.
        self._chronologies = Chronologies(conn, self._sources)
        if len(self._sources) < 2:
            self._sources = {}
        # Absent in an index without spans: then no lower bound may be assumed.
        self._pages = Pages(conn, int(meta.get("max_span_days", dt.date.max.toordinal())))
        self._words = IndexWords(conn, self._pages)
        self._entries = IndexEntries(
            conn, self._pages, self._people, self._sources, self.source, self._published
        )
        self._answerer = Answerer(
            self._pages, self._words, self._entries, self._chronologies, self.source
        )

    def warm(self) -> Engine:
        """Load now what questions would load as they come (date grammars, word lists,
        transliteration, fuzzy matching, the entries' days for counting date questions): a
        bot's first questions should not wait for them. A one-shot `chronobot ask` skips this
        and loads only what its question needs."""
        lang.warm()
        name_forms.warm()
        self._words.warm()
        self._pages.warm()
        self._vocabulary  # noqa: B018 (a cached property, built when first read)
        return self

    @classmethod
    def open(cls, db_path: str | Path) -> Engine:
        """Open a built index (see `bot.index.ensure_index`) read-only."""
        uri = f"{Path(db_path).resolve().as_uri()}?mode=ro"
        # The bot reads from one event-loop thread, but a reload may open the engine elsewhere.
        # An answer runs a few dozen distinct statements (their placeholders vary with the
        # question): more than the default 128 cached would be prepared again and again.
        conn = sqlite3.connect(uri, uri=True, check_same_thread=False, cached_statements=1024)
        try:
            return cls(conn)
        except BaseException:
            conn.close()
            raise

    def close(self) -> None:
        self._conn.close()

    @property
    def connection(self) -> sqlite3.Connection:
        """The index's read-only connection, for other read-only views of it (bot.timeline)."""
        return self._conn

    # -- reading the question -------------------------------------------------------------

    def parse(self, question: str) -> ParsedQuestion:
        """Split a question into people, periods, ranking terms and an order."""
        return self._read(question)

    @functools.cached_property
    def _read(self) -> Callable[[str], ParsedQuestion]:
        # The same text is read again and again: each page of an answer (▶, inline paging),
        # each pause of someone typing inline, a timeline of an answer. A reading depends on
        # the text and this index only, and is immutable: remembered per engine (bounded).
        # Not a method of self: the cache must not hold the engine in a reference cycle (a
        # replaced engine is freed as soon as the last question using it is answered).
        names, people, vocabulary = self._names, self._people, self._vocabulary

        @functools.lru_cache(maxsize=1024)
        def read(question: str) -> ParsedQuestion:
            return read_question(question, names, people, vocabulary)

        return read

    @functools.cached_property
    def _vocabulary(self) -> Vocabulary:
        return self._words.vocabulary()

    # -- answering ------------------------------------------------------------------------

    def ask(
        self,
        question: str,
        *,
        limit: int = 10,
        offset: int = 0,
        after: Context | None = None,
        chronology: str | None = None,
    ) -> Answer:
        """Parse `question` and answer it; `limit`/`offset` select a page of the results.

        `after`: the previous question's context (`bot.context.context_of` its answer);
        a follow-up ("and in 2011?") then takes from it the parts it does not name.
        `chronology`: answer from that chronology only (a name of `chronologies`); an unknown
        name raises `UnknownChronology`.
        """
        self._chronologies.number(chronology)  # an unknown name is refused before any work
        talk = small_talk(question)
        if talk == "more" and after is not None and not after.is_empty:
            return self._more(question, after, limit, offset, chronology)
        if talk in TALK:
            notice = talk_notice(talk, self._people, self._entries)
            return self._answerer.make(question, Interpretation(), [], 0, offset, False, [notice])
        place = selection(question) if after is not None and not after.is_empty else None
        if place is not None and after is not None:
            chosen = self._selected(question, after, place, limit, chronology)
            if chosen is not None:
                return chosen
        parsed = self.parse(question)
        if after is not None:
            from bot.conversation import read_follow_up

            parsed = read_follow_up(question, parsed, after, self._people, self._vocabulary)
        answer = self._answerer.within(question, parsed, limit, offset, chronology)
        # "who proposed …?": who the entries name, when the answer is a few exact matches, all
        # shown (over a long or relaxed answer the count would be of loosely matching entries).
        complete = (
            not answer.relaxed
            and answer.offset == 0
            and answer.total == len(answer.results) <= WHO_MATCHES
        )
        if (
            complete
            and asks_who(question)
            and not (parsed.groups or answer.interpretation.excluded)
        ):
            who = who_notice(answer.results)
            if who is not None:
                answer = answer.noting(who)
        # "who is Lovelace?", "who's he?": who the people asked about are, above their entries.
        meaning = answer.interpretation
        if meaning.people and not meaning.terms and asks_who_is(question):
            answer = answer.noting(Notice("who_is", people=meaning.people), first=True)
        return answer

    def _selected(
        self,
        question: str,
        after: Context,
        place: int,
        page: int,
        chronology: str | None,
    ) -> Answer | None:
        """The entry at `place` on the page of the last answer just shown ("the second one"),
        as the one entry of a page of it; None when that page has no such place."""
        from bot.conversation import read_more

        shown = after.next_offset
        if not shown or page < 1:
            return None
        start = shown - ((shown - 1) % page + 1)  # where that page began: pages are aligned
        if start + place > shown:
            return None
        parsed = read_more(after, self._people, self._vocabulary)
        return self._answerer.within(question, parsed, 1, start + place - 1, chronology)

    def _more(
        self,
        question: str,
        after: Context,
        limit: int,
        offset: int,
        chronology: str | None,
    ) -> Answer:
        """The next page of the previous question's answer ("more", "дальше"); when it was all
        shown, a notice says so."""
        from bot.conversation import read_more

        parsed = read_more(after, self._people, self._vocabulary)
        start = after.next_offset + offset
        answer = self._answerer.within(question, parsed, limit, start, chronology)
        if answer.results or not answer.total:
            return answer
        kept = tuple(notice for notice in answer.notices if notice.kind == "one_chronology")
        return answer._replace(notices=(*kept, Notice("no_more")))

    def chronology_names(self) -> tuple[str, ...]:
        """The names a question may be limited to, in /sources order."""
        return self._chronologies.names()

    def ask_context(
        self, context: Context, *, limit: int = 10, offset: int = 0, chronology: str | None = None
    ) -> Answer:
        """Answer a context's reading itself: a follow-up's next page, an offered reading
        (`chronology` as for `ask`)."""
        from bot.conversation import context_reading

        self._chronologies.number(chronology)  # an unknown name is refused before any work
        parsed = context_reading(context, self._people, self._vocabulary)
        question = _as_question(parsed.interpretation)
        return self._answerer.within(question, parsed, limit, offset, chronology)

    def context_question(self, context: Context) -> str:
        """A context's reading written as a question ("Ada Lovelace 1843"), for what
        takes questions only (a timeline picture of the last answer)."""
        from bot.conversation import context_reading

        return _as_question(context_reading(context, self._people, self._vocabulary).interpretation)

    def search(
        self,
        *,
        people: tuple[str, ...] = (),
        span: DateSpan | None = None,
        terms: tuple[str, ...] = (),
        limit: int = 10,
        offset: int = 0,
        chronology: str | None = None,
    ) -> Answer:
        """Answer an already-structured query: `people` (any of these ids), span, words
        (`chronology` as for `ask`)."""
        self._chronologies.number(chronology)  # an unknown name is refused before any work
        known = tuple(pid for pid in people if pid in self._people)
        words = tuple(t.lower() for t in terms if t.strip())[:MAX_TERMS]
        interpretation = Interpretation(
            people=tuple(self._people[pid] for pid in known),
            span=span,
            date_phrase=describe_span(span) if span else None,
            terms=words,
        )
        parsed = ParsedQuestion(
            (known,) if known else (), interpretation, tuple((word,) for word in words)
        )
        question = " ".join(
            [p.name for p in interpretation.people]
            + ([describe_span(span)] if span else [])
            + list(interpretation.terms)
        )
        if people and not known:
            notice = Notice("unknown_id")
            return Answer(question, interpretation, (), 0, offset, False, (notice,), self.source)
        return self._answerer.within(question, parsed, limit, offset, chronology)

    # -- browsing -------------------------------------------------------------------------

    def entry(self, entry_id: str) -> Entry | None:
        """One entry by id, or None."""
        return self._entries.by_id(entry_id)

    def chronologies(self) -> list[tuple[str, Source, int, DateSpan | None]]:
        """Each chronology of the index: (name, source, entry count, dates covered)."""
        return self._entries.chronologies()

    def person(self, person_id: str) -> PersonInfo | None:
        return self._people.get(person_id)

    def people(self) -> list[PersonInfo]:
        """Everyone in the chronology with their entry counts, by name."""
        return self._entries.people()

    def latest(self, limit: int = 10) -> list[Entry]:
        """The most recent entries, newest first."""
        return self._entries.latest(limit)

    def about(self) -> About:
        return self._entries.about()


def _as_question(meaning: Interpretation) -> str:
    """A reading as the words of a question that reads the same: names, period, words."""
    return " ".join(
        [p.name for p in meaning.people]
        + ([meaning.date_phrase] if meaning.date_phrase else [])
        + list(meaning.terms)
    )
