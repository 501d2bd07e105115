"""The question-answering engine: question text in, `Answer` out.

The CLI, the console chat and every Telegram surface call `Engine.ask`; nothing else
searches. Person and date constraints filter; words only rank.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from bot.answer import (
    About,
    Answer,
    Entry,
    Interpretation,
    Notice,
    PersonInfo,
    Source,
)
from bot.dates import DateSpan, describe_span, format_date_value
from bot.index import FTS_COLUMNS
from bot.lang import ru, small_talk
from bot.nameindex import open_matcher
from bot.people import PeopleTable
from bot.question import MAX_TERMS, ParsedQuestion, read_question
from bot.ranking import Pages, Row
from bot.search import Constraint, fts_all, fts_concept, fts_query
from bot.word_forms import Vocabulary

if TYPE_CHECKING:  # follow-ups only: a first question does not import them
    from bot.context import Context

# The answer types are part of the engine's interface: callers may import them from here.
__all__ = [
    "About", "Answer", "Engine", "Entry", "Interpretation", "Notice", "PersonInfo", "Source",
    "UnknownChronology",
]  # fmt: skip


class UnknownChronology(ValueError):
    """A question was limited to a chronology the index does not hold."""

    def __init__(self, name: str, known: tuple[str, ...]):
        self.name, self.known = name, known
        super().__init__(f"No chronology named {name!r}; the index holds: {', '.join(known)}")


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
        self._chronology_numbers: dict[str, int] = {
            name: number for number, name in conn.execute("SELECT rowid, name FROM chronologies")
        }
        self._chronology_titles = {
            number: self._sources[number].title or name
            for name, number in self._chronology_numbers.items()
        }
        if len(self._sources) < 2:
            self._sources = {}
        # Absent in an index without spans: then no lower bound may be assumed.
        self._pages = Pages(conn, int(meta.get("max_span_days", dt.date.max.toordinal())))

    @classmethod
    def open(cls, db_path: str | Path) -> Engine:
        """Open a built index (see `bot.index.ensure_index`) read-only."""
        uri = f"{Path(db_path).resolve().as_uri()}?mode=ro"
        # The bot reads from one event-loop thread, but a reload may open the engine elsewhere.
        conn = sqlite3.connect(uri, uri=True, check_same_thread=False)
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
        return read_question(question, self._names, self._people, self._vocabulary)

    @functools.cached_property
    def _vocabulary(self) -> Vocabulary:
        # Remembered per engine (bounded): the same words come back question after question,
        # and reading one question asks about a dozen forms.
        remember = functools.lru_cache(maxsize=4096)
        return Vocabulary(
            remember(self._in_vocabulary),
            remember(self._has_prefix),
            remember(self._data_synonyms),
            remember(self._spelling),
            remember(self._names_only),
            remember(self._written_apart),
        )

    # fuzz.ratio a typo must reach to be read as a word of the chronology: strict, as a wrong
    # reading would change the answer while a missed one only leaves a word unused.
    _SPELLING_CUTOFF = 82

    def _spelling(self, word: str) -> str | None:
        """The indexed word (not a name) closest to `word`, if it is close; else None."""
        best = self._closest(word.lower(), self._topic_words)
        return self._written_form(best) if best else None

    def _closest(self, word: str, candidates: list[str]) -> str | None:
        """The candidate within `_SPELLING_CUTOFF` of `word` that is closest, or None."""
        from rapidfuzz import fuzz, process  # only questions with an unknown word pay for it

        best = process.extractOne(
            word, candidates, scorer=fuzz.ratio, score_cutoff=self._SPELLING_CUTOFF
        )
        return best[0] if best else None

    def _written_form(self, stem: str) -> str:
        """A word as an entry writes it for an indexed Porter stem ("missil" -> "missile"),
        so that a correction reads as a word."""
        row = self._conn.execute(
            """SELECT text, note, tags, places, cites FROM events WHERE rowid =
               (SELECT rowid FROM events_fts WHERE events_fts MATCH ? LIMIT 1)""",
            (fts_query((stem,)),),
        ).fetchone()
        if row:
            found = re.search(rf"\b{re.escape(stem)}[^\W_]*", " ".join(filter(None, row)), re.I)
            if found:
                return found.group().lower()
        return stem

    @functools.cached_property
    def _topic_words(self) -> list[str]:
        """The indexed words that are not words of names: what a typo of a topic may mean."""
        return [word for word in self._indexed_words if not self._names.knows_word(word)]

    def _names_only(self, word: str) -> bool:
        """Is `word` written only where it names a person the entry is about? Then "musk"
        typed in lowercase is Elon Musk, while "rice" in a chronology of harvests stays rice."""
        return not self._written_apart(word, word)

    def _written_apart(self, words: str, name: str) -> bool:
        """Does an entry that is not about anyone called `name` write `words` (a phrase)?
        "Hubble Space Telescope" in an entry about a launch names a thing, not Hubble."""
        elsewhere = " ".join(column for column, _ in FTS_COLUMNS if column != "people_names")
        phrase, person = fts_query((words,)), fts_query((name,))
        return self._pages.any_match(f"{{{elsewhere}}} : {phrase} NOT people_names : {person}")

    def _in_vocabulary(self, word: str) -> bool:
        return self._pages.any_match(fts_query((word,)))

    def _has_prefix(self, word: str) -> bool:
        return self._pages.any_match(fts_concept((word + "*",)))

    @functools.cached_property
    def _synonym_groups(self) -> dict[str, tuple[str, ...]]:
        """The chronology's `synonyms:` list: each term -> every term of its group."""
        groups: dict[str, tuple[str, ...]] = {}
        try:
            rows = self._conn.execute("SELECT term, group_id FROM synonyms").fetchall()
        except sqlite3.OperationalError:  # an index built before synonyms existed
            return groups
        members: dict[int, list[str]] = {}
        for term, group in rows:
            members.setdefault(group, []).append(term)
        for terms in members.values():
            for term in terms:
                groups[_synonym_key(term)] = tuple(terms)
        return groups

    @functools.cached_property
    def _glossary_stems(self) -> dict[str, tuple[str, ...]]:
        """Russian terms of the `synonyms:` list by stem, so "астероидной" finds the group
        of "астероид" (see bot.lang.ru)."""
        return {
            ru.stem(term): group
            for term, group in self._synonym_groups.items()
            if ru.is_cyrillic(term) and " " not in term
        }

    def _data_synonyms(self, term: str) -> tuple[str, ...]:
        term = _synonym_key(term)
        group = self._synonym_groups.get(term, ())
        if not group and ru.is_cyrillic(term):
            for key in ru.glossary_keys(term):
                group = self._glossary_stems.get(key, ())
                if group:
                    break
        return tuple(other for other in group if _synonym_key(other) != term)

    @functools.cached_property
    def _uses_cyrillic(self) -> bool:
        """Does the chronology itself write in Cyrillic (else Russian words need a glossary)?"""
        row = self._conn.execute(
            "SELECT 1 FROM events_vocab WHERE term >= 'а' AND term < 'ӿ' LIMIT 1"
        ).fetchone()
        return row is not None

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
        number = self._chronology_number(chronology)
        talk = small_talk(question)
        if talk == "more" and after is not None and not after.is_empty:
            return self._more(question, after, limit, offset, chronology, number)
        if talk in ("greeting", "thanks"):
            return self._make(question, Interpretation(), [], 0, offset, False, [Notice(talk)])
        parsed = self.parse(question)
        if after is not None:
            from bot.conversation import read_follow_up

            parsed = read_follow_up(question, parsed, after, self._people, self._vocabulary)
        return self._answer_within(question, parsed, limit, offset, chronology, number)

    def _more(
        self,
        question: str,
        after: Context,
        limit: int,
        offset: int,
        chronology: str | None,
        number: int | None,
    ) -> Answer:
        """The next page of the previous question's answer ("more", "дальше"); when it was all
        shown, a notice says so."""
        from bot.conversation import read_more

        parsed = read_more(after, self._people, self._vocabulary)
        start = after.next_offset + offset
        answer = self._answer_within(question, parsed, limit, start, chronology, number)
        if answer.results or not answer.total:
            return answer
        kept = tuple(notice for notice in answer.notices if notice.kind == "one_chronology")
        return answer._replace(notices=(*kept, Notice("no_more")))

    def chronology_names(self) -> tuple[str, ...]:
        """The names a question may be limited to, in /sources order."""
        return tuple(self._chronology_numbers)

    def _chronology_number(self, name: str | None) -> int | None:
        if name is None:
            return None
        if name not in self._chronology_numbers:
            raise UnknownChronology(name, self.chronology_names())
        return self._chronology_numbers[name]

    def _answer_within(
        self,
        question: str,
        parsed: ParsedQuestion,
        limit: int,
        offset: int,
        name: str | None,
        number: int | None,
    ) -> Answer:
        """The answer from every chronology, or from chronology `number` (named `name`) only:
        then it says so, and when that chronology has no match but others do, says that too
        (its relaxed alternatives stay within it)."""
        if name is None or number is None:
            return self._answer(question, parsed, limit, offset)
        answer = self._answer(question, parsed, limit, offset, number)
        notices = [Notice("one_chronology", words=(self._chronology_titles[number],))]
        notices += answer.notices
        if answer.relaxed or not answer.total:
            everywhere = self._answer(question, parsed, 0, 0)
            if everywhere.total and not everywhere.relaxed:
                notices.append(Notice("elsewhere"))
        meaning = answer.interpretation._replace(chronology=name)
        return answer._replace(interpretation=meaning, notices=tuple(notices))

    def ask_context(
        self, context: Context, *, limit: int = 10, offset: int = 0, chronology: str | None = None
    ) -> Answer:
        """Answer a context's reading itself: a follow-up's next page, an offered reading
        (`chronology` as for `ask`)."""
        from bot.conversation import context_reading

        number = self._chronology_number(chronology)
        parsed = context_reading(context, self._people, self._vocabulary)
        question = _as_question(parsed.interpretation)
        return self._answer_within(question, parsed, limit, offset, chronology, number)

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
        number = self._chronology_number(chronology)
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
        return self._answer_within(question, parsed, limit, offset, chronology, number)

    def _answer(
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
        untranslated = tuple(t for t in meaning.unused_terms if ru.is_cyrillic(t))
        if untranslated and not self._uses_cyrillic:
            notices.append(Notice("untranslated", words=untranslated))
        if meaning.corrections:
            asked, read = zip(*meaning.corrections, strict=True)
            notices.append(Notice("spelling", words=asked, corrections=read))
        known = _known_concepts(parsed)
        rest_asked = bool(parsed.groups or meaning.spans or known or meaning.excluded)
        if meaning.unknown_names and not parsed.groups:
            unknown = Notice(
                "unknown_person",
                words=meaning.unknown_names,
                suggestions=meaning.suggestions,
                shown=rest_asked,
            )
            if not rest_asked:
                return self._make(question, meaning, [], 0, offset, False, [*notices, unknown])
            # The rest of the question is answered, never attributed to the unknown person.
            answer = self._strict_or_relaxed(
                question, parsed, known, limit, offset, notices, chronology
            )
            return answer._replace(relaxed=True, notices=(unknown, *answer.notices))
        if not (parsed.groups or meaning.spans or parsed.concepts or meaning.excluded):
            rows, total = self._pages.page(
                Constraint((), chronology=chronology), (), (), meaning.order, limit, offset
            )
            if meaning.order is None:
                notices.append(Notice("whole_chronology"))
            return self._make(question, meaning, rows, total, offset, False, notices)
        answer = self._strict_or_relaxed(
            question, parsed, known, limit, offset, notices, chronology
        )
        if untranslated:  # "no entry mentions X" adds nothing to "X is not translated"
            kept = [n for n in answer.notices if n.kind != "no_words"]
            answer = answer._replace(notices=tuple(kept))
        if meaning.unknown_names and answer.total:  # a known person was asked too
            unknown = Notice("unknown_person", words=meaning.unknown_names, shown=True)
            answer = answer._replace(notices=(unknown, *answer.notices))
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
            parsed.groups, meaning.spans, prefer, _ids(meaning.excluded), chronology
        )
        if constraint.is_empty and not known:
            return self._relax(question, parsed, limit, offset, notices, chronology)
        rows, total = self._pages.page(
            constraint, known, meaning.phrases, meaning.order, limit, offset
        )
        held_apart = len(known) >= 2 and self._pages.held_apart(known, chronology)
        words = tuple(term for term in meaning.terms if term not in meaning.unused_terms)
        if total and constraint.is_empty and held_apart:
            notices.append(Notice("partial", words=words))
            notices.extend(self._unranked(known, words, meaning.order, total, chronology))
            return self._make(question, meaning, rows, total, offset, True, notices)
        if total:
            if constraint.is_empty:
                notices.extend(self._unranked(known, words, meaning.order, total, chronology))
            return self._make(question, meaning, rows, total, offset, False, notices)
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
        """Nothing matched the strict reading: say so and show the nearest honest alternative
        (within `chronology` when the question is limited to one)."""
        meaning = parsed.interpretation
        known = _known_concepts(parsed)
        spans = meaning.spans
        if len(parsed.groups) > 1:
            either = (tuple(dict.fromkeys(p for g in parsed.groups for p in g)),)
            rows, total = self._pages.page(
                Constraint(either, spans, (), _ids(meaning.excluded), chronology),
                known,
                (),
                meaning.order,
                limit,
                offset,
            )
            if total:
                notices.append(
                    Notice("not_together", people=meaning.people, span=meaning.span, together=True)
                )
                return self._make(question, meaning, rows, total, offset, True, notices)
        if spans:
            groups = parsed.groups
            if len(groups) > 1:
                groups = (tuple(dict.fromkeys(p for g in groups for p in g)),)
            subject = meaning.people if groups else ()
            nearest = self._pages.nearest(
                groups, meaning.span or spans[0], _ids(meaning.excluded), chronology
            )
            together = len(parsed.groups) > 1
            if nearest:
                dates = tuple(self._date_text(row) for row, _ in nearest)
                notices.append(
                    Notice(
                        "nearest",
                        people=subject,
                        span=meaning.span,
                        dates=dates,
                        together=together,
                        excluded=meaning.excluded,
                    )
                )
                page = nearest[offset : offset + limit]
                return self._make(question, meaning, page, len(nearest), offset, True, notices)
            notices.append(
                Notice(
                    "no_entry",
                    people=subject,
                    span=meaning.span,
                    together=together,
                    excluded=meaning.excluded,
                )
            )
            return self._make(question, meaning, [], 0, offset, False, notices)
        if meaning.terms and not parsed.groups:
            corrected = self._correct_terms(meaning.terms)
            if corrected and corrected != meaning.terms:
                concepts = tuple((word,) for word in corrected)
                rows, total = self._pages.page(
                    Constraint((), chronology=chronology),
                    concepts,
                    (),
                    meaning.order,
                    limit,
                    offset,
                )
                if total:
                    notices.append(Notice("spelling", words=meaning.terms, corrections=corrected))
                    notices.extend(
                        self._unranked(concepts, corrected, meaning.order, total, chronology)
                    )
                    return self._make(question, meaning, rows, total, offset, True, notices)
            notices.append(Notice("no_words", words=meaning.terms))
            return self._make(question, meaning, [], 0, offset, False, notices)
        if parsed.groups and chronology is not None:
            # The people are known, but this chronology never names them (together).
            together = len(parsed.groups) > 1
            notices.append(Notice("no_entry", people=meaning.people, together=together))
            return self._make(question, meaning, [], 0, offset, False, notices)
        notices.append(Notice("no_match"))
        return self._make(question, meaning, [], 0, offset, False, notices)

    def _unranked(
        self,
        concepts: tuple[tuple[str, ...], ...],
        terms: tuple[str, ...],
        order: str | None,
        total: int,
        chronology: int | None = None,
    ) -> list[Notice]:
        """The notice for words matching too many entries to rank (see Pages.RANK_LIMIT):
        they are shown newest first, those holding every word first when some do."""
        if not concepts or order is not None or total <= Pages.RANK_LIMIT:
            return []
        together = len(concepts) > 1 and self._pages.any_match(fts_all(concepts), chronology)
        return [Notice("unranked", words=terms, together=together)]

    def _correct_terms(self, terms: tuple[str, ...]) -> tuple[str, ...]:
        """Terms with each unknown word replaced by the closest indexed word, if one is close."""
        corrected = []
        for term in terms:
            if self._in_vocabulary(term):
                corrected.append(term)
                continue
            best = self._closest(term, self._indexed_words) if len(term) >= 4 else None
            if best:
                corrected.append(best)
        return tuple(dict.fromkeys(corrected))

    @functools.cached_property
    def _indexed_words(self) -> list[str]:
        """Every word the index holds (Porter stems), for spelling suggestions."""
        return [
            term
            for (term,) in self._conn.execute(
                "SELECT term FROM events_vocab WHERE term GLOB '[a-z]*'"
            )
        ]

    @staticmethod
    def _date_text(row: sqlite3.Row) -> str:
        return row["date_text"] or format_date_value(row["date"])

    def _entry(self, fetched: Row) -> Entry:
        row, score = fetched
        return Entry(
            id=row["id"],
            date=row["date"],
            date_text=self._date_text(row),
            span=DateSpan(_day(row["start_day"]), _day(row["end_day"])),
            text=row["text"],
            people=tuple(
                self._people[p] for p in json.loads(row["people_json"]) if p in self._people
            ),
            cites=tuple(json.loads(row["cites_json"])),
            places=tuple(json.loads(row["places_json"])),
            tags=tuple(json.loads(row["tags_json"])),
            note=row["note"],
            score=round(-score, 4) if score is not None else 0.0,
            source=self._sources.get(row["source"]),
        )

    def _make(
        self,
        question: str,
        meaning: Interpretation,
        rows: list[Row],
        total: int,
        offset: int,
        relaxed: bool,
        notices: list[Notice],
    ) -> Answer:
        entries = tuple(self._entry(row) for row in rows)
        return Answer(
            question, meaning, entries, total, offset, relaxed, tuple(notices), self.source
        )

    # -- browsing -------------------------------------------------------------------------

    def entry(self, entry_id: str) -> Entry | None:
        """One entry by id, or None."""
        row = self._conn.execute("SELECT rowid FROM events WHERE id = ?", (entry_id,)).fetchone()
        return self._entry(self._pages.fetch([(row[0], None)])[0]) if row else None

    def chronologies(self) -> list[tuple[str, Source, int, DateSpan | None]]:
        """Each chronology of the index: (name, source, entry count, dates covered)."""
        rows = self._conn.execute(
            """SELECT c.name, c.title, c.publisher, c.url, count(e.rowid), min(e.start_day),
                      max(e.end_day)
               FROM chronologies c LEFT JOIN events e ON e.source = c.rowid
               GROUP BY c.rowid ORDER BY c.rowid"""
        )
        return [
            (
                name,
                Source(title=title, publisher=publisher or None, url=url or None),
                count,
                DateSpan(_day(first), _day(last)) if count else None,
            )
            for name, title, publisher, url, count, first, last in rows
        ]

    def person(self, person_id: str) -> PersonInfo | None:
        return self._people.get(person_id)

    def people(self) -> list[PersonInfo]:
        """Everyone in the chronology with their entry counts, by name."""
        return sorted(self._people.all(), key=lambda p: (_surname(p.name), p.name))

    def latest(self, limit: int = 10) -> list[Entry]:
        """The most recent entries, newest first."""
        rows = self._conn.execute(
            "SELECT rowid, NULL FROM events ORDER BY end_day DESC, rowid DESC LIMIT ?", (limit,)
        ).fetchall()
        return [self._entry(row) for row in self._pages.fetch(rows)]

    def about(self) -> About:
        count, first, last = self._conn.execute(
            "SELECT count(*), min(start_day), max(end_day) FROM events"
        ).fetchone()
        first_span = last_span = None
        if count:
            first_span = DateSpan(_day(first), _day(first))
            last_span = DateSpan(_day(last), _day(last))
        return About(self.source, self._published, first_span, last_span, count, len(self._people))


def _day(ordinal: int) -> dt.date:
    return dt.date.fromordinal(ordinal)


def _ids(people: tuple[PersonInfo, ...]) -> tuple[str, ...]:
    return tuple(person.id for person in people)


def _surname(name: str) -> str:
    return name.split()[-1].lower() if name.split() else ""


def _synonym_key(term: str) -> str:
    """How synonyms are looked up: lowercase, words joined by single spaces ("apollo soyuz")."""
    return " ".join(re.findall(r"[^\W_]+", term.lower()))


def _known_concepts(parsed: ParsedQuestion) -> tuple[tuple[str, ...], ...]:
    """The concepts of the terms the chronology uses: the others can neither select nor rank."""
    unused = set(parsed.interpretation.unused_terms)
    return tuple(
        concept
        for term, concept in zip(parsed.interpretation.terms, parsed.concepts, strict=False)
        if term not in unused
    )


def _as_question(meaning: Interpretation) -> str:
    """A reading as the words of a question that reads the same: names, period, words."""
    return " ".join(
        [p.name for p in meaning.people]
        + ([meaning.date_phrase] if meaning.date_phrase else [])
        + list(meaning.terms)
    )
