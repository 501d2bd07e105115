"""The question-answering engine: question text in, `Answer` out.

The CLI, the console chat and every Telegram surface call `Engine.ask`; nothing else
searches. Person and date constraints filter; words only rank.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import json
import re
import sqlite3
from array import array
from dataclasses import replace
from pathlib import Path

from bot.answer import (
    NEWEST,
    About,
    Answer,
    Entry,
    Interpretation,
    Notice,
    PersonInfo,
    Source,
)
from bot.conversation import Context, context_reading, read_follow_up
from bot.dates import DateSpan, describe_span, format_date_value
from bot.index import FTS_COLUMNS
from bot.lang import ru
from bot.nameindex import open_matcher
from bot.people import PeopleTable
from bot.question import MAX_TERMS, ParsedQuestion, Vocabulary, read_question
from bot.search import Constraint, fts_all, fts_any, fts_concept, fts_query

# A fetched row of the events table, with its rank score (None when ordered by date).
_Row = tuple[sqlite3.Row, float | None]

# The answer types are part of the engine's interface: callers may import them from here.
__all__ = [
    "About", "Answer", "Engine", "Entry", "Interpretation", "Notice", "PersonInfo", "Source",
]  # fmt: skip


def _bm25_weights() -> str:
    return ", ".join(str(weight) for _, weight in FTS_COLUMNS)


class DayBounds:
    """Counts entries overlapping a period by bisection over sorted first and last days.

    An entry overlaps [S, E] unless it starts after E or ends before S, two disjoint sets, so
    the count is (entries starting on or before E) - (entries ending before S): two binary
    searches instead of an index scan over a range that may hold most of the chronology.
    Loaded on first use: questions without a bare date never pay for it.
    """

    def __init__(self, conn: sqlite3.Connection):
        self._conn = conn
        self._starts: array | None = None
        self._ends: array | None = None

    def count_overlapping(self, span: DateSpan | None) -> int:
        if self._starts is None or self._ends is None:
            days = "SELECT {0} FROM events ORDER BY {0}"
            self._starts = array("l", (d for (d,) in self._conn.execute(days.format("start_day"))))
            self._ends = array("l", (d for (d,) in self._conn.execute(days.format("end_day"))))
        if span is None:
            return len(self._starts)
        started = bisect.bisect_right(self._starts, span.end.toordinal())
        ended = bisect.bisect_left(self._ends, span.start.toordinal())
        return started - ended


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
        if len(self._sources) < 2:
            self._sources = {}
        self._weights = _bm25_weights()
        # Absent in an index without spans: then no lower bound may be assumed.
        self._max_span_days = int(meta.get("max_span_days", dt.date.max.toordinal()))
        self._dates = DayBounds(conn)

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
        )

    # fuzz.ratio a typo must reach to be read as a word of the chronology: strict, as a wrong
    # reading would change the answer while a missed one only leaves a word unused.
    _SPELLING_CUTOFF = 80

    def _spelling(self, word: str) -> str | None:
        """The indexed word (not a name) closest to `word`, if it is close; else None."""
        from rapidfuzz import fuzz, process  # only questions with an unknown word pay for it

        best = process.extractOne(
            word.lower(), self._topic_words, scorer=fuzz.ratio, score_cutoff=self._SPELLING_CUTOFF
        )
        return self._written_form(best[0]) if best else None

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

    def _in_vocabulary(self, word: str) -> bool:
        return self._any_match(fts_query((word,)))

    def _has_prefix(self, word: str) -> bool:
        return self._any_match(fts_concept((word + "*",)))

    def _any_match(self, match: str) -> bool:
        row = self._conn.execute(
            "SELECT 1 FROM events_fts WHERE events_fts MATCH ? LIMIT 1", (match,)
        ).fetchone()
        return row is not None

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
        self, question: str, *, limit: int = 10, offset: int = 0, after: Context | None = None
    ) -> Answer:
        """Parse `question` and answer it; `limit`/`offset` select a page of the results.

        `after`: the previous question's context (`bot.conversation.context_of` its answer);
        a follow-up ("and in 2011?") then takes from it the parts it does not name.
        """
        parsed = self.parse(question)
        if after is not None:
            parsed = read_follow_up(question, parsed, after, self._people, self._vocabulary)
        return self._answer(question, parsed, limit, offset)

    def ask_context(self, context: Context, *, limit: int = 10, offset: int = 0) -> Answer:
        """Answer a context's reading itself: a follow-up's next page, an offered reading."""
        parsed = context_reading(context, self._people, self._vocabulary)
        meaning = parsed.interpretation
        question = " ".join(
            [p.name for p in meaning.people]
            + ([meaning.date_phrase] if meaning.date_phrase else [])
            + list(meaning.terms)
        )
        return self._answer(question, parsed, limit, offset)

    def search(
        self,
        *,
        people: tuple[str, ...] = (),
        span: DateSpan | None = None,
        terms: tuple[str, ...] = (),
        limit: int = 10,
        offset: int = 0,
    ) -> Answer:
        """Answer an already-structured query: `people` (any of these ids), span, words."""
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
        return self._answer(question, parsed, limit, offset)

    def _answer(self, question: str, parsed: ParsedQuestion, limit: int, offset: int) -> Answer:
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
            answer = self._strict_or_relaxed(question, parsed, known, limit, offset, notices)
            return replace(answer, relaxed=True, notices=(unknown, *answer.notices))
        if not (parsed.groups or meaning.spans or parsed.concepts or meaning.excluded):
            rows, total = self._page(Constraint(()), (), (), meaning.order, limit, offset)
            if meaning.order is None:
                notices.append(Notice("whole_chronology"))
            return self._make(question, meaning, rows, total, offset, False, notices)
        answer = self._strict_or_relaxed(question, parsed, known, limit, offset, notices)
        if untranslated:  # "no entry mentions X" adds nothing to "X is not translated"
            kept = [n for n in answer.notices if n.kind != "no_words"]
            answer = replace(answer, notices=tuple(kept))
        if meaning.unknown_names and answer.total:  # a known person was asked too
            unknown = Notice("unknown_person", words=meaning.unknown_names, shown=True)
            answer = replace(answer, notices=(unknown, *answer.notices))
        return answer

    def _strict_or_relaxed(
        self,
        question: str,
        parsed: ParsedQuestion,
        known: tuple[tuple[str, ...], ...],
        limit: int,
        offset: int,
        notices: list[Notice],
    ) -> Answer:
        """The strict reading's entries, or the nearest honest alternative when there are none."""
        meaning = parsed.interpretation
        prefer = tuple(p.id for p in meaning.suggestions) if meaning.unknown_names else ()
        constraint = Constraint(
            parsed.groups, meaning.spans, prefer, excluded=_ids(meaning.excluded)
        )
        if constraint.is_empty and not known:
            return self._relax(question, parsed, limit, offset, notices)
        rows, total = self._page(constraint, known, meaning.phrases, meaning.order, limit, offset)
        held_apart = len(known) >= 2 and self._held_apart(known)
        if total and constraint.is_empty and held_apart:
            words = tuple(term for term in meaning.terms if term not in meaning.unused_terms)
            notices.append(Notice("partial", words=words))
            return self._make(question, meaning, rows, total, offset, True, notices)
        if total:
            return self._make(question, meaning, rows, total, offset, False, notices)
        return self._relax(question, parsed, limit, offset, notices)

    # A word in more than this share of the entries says little about which entry is meant:
    # "space station" is about the station in a chronology of spaceflight.
    _COMMON_SHARE = 0.2
    _COMMON_FLOOR = 10  # in a small chronology, a word of a few entries is still distinctive
    _COMMON_CEILING = 1000  # in a large one, counting further costs more than it tells

    def _held_apart(self, concepts: tuple[tuple[str, ...], ...]) -> bool:
        """True when no entry holds all the distinctive asked concepts together."""
        if self._any_match(fts_all(concepts)):
            return False
        share = int(self._entry_count * self._COMMON_SHARE)
        cap = min(max(self._COMMON_FLOOR, share), self._COMMON_CEILING)
        distinctive = tuple(
            forms
            for forms in concepts
            if self._conn.execute(
                "SELECT count(*) FROM (SELECT 1 FROM events_fts WHERE events_fts MATCH ? LIMIT ?)",
                (fts_concept(forms), cap + 1),
            ).fetchone()[0]
            <= cap
        )
        if len(distinctive) < len(concepts) and len(distinctive) < 2:
            return False  # every distinctive word is held by some entry (one word: trivially)
        return not self._any_match(fts_all(distinctive or concepts))

    @functools.cached_property
    def _entry_count(self) -> int:
        return self._dates.count_overlapping(None)

    def _relax(
        self,
        question: str,
        parsed: ParsedQuestion,
        limit: int,
        offset: int,
        notices: list[Notice],
    ) -> Answer:
        """Nothing matched the strict reading: say so and show the nearest honest alternative."""
        meaning = parsed.interpretation
        known = _known_concepts(parsed)
        spans = meaning.spans
        if len(parsed.groups) > 1:
            either = (tuple(dict.fromkeys(p for g in parsed.groups for p in g)),)
            rows, total = self._page(
                Constraint(either, spans, excluded=_ids(meaning.excluded)),
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
            nearest = self._nearest(groups, meaning.span or spans[0], _ids(meaning.excluded))
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
                rows, total = self._page(Constraint(()), concepts, (), meaning.order, limit, offset)
                if total:
                    notices.append(Notice("spelling", words=meaning.terms, corrections=corrected))
                    return self._make(question, meaning, rows, total, offset, True, notices)
            notices.append(Notice("no_words", words=meaning.terms))
            return self._make(question, meaning, [], 0, offset, False, notices)
        notices.append(Notice("no_match"))
        return self._make(question, meaning, [], 0, offset, False, notices)

    # -- SQL ------------------------------------------------------------------------------

    # Up to this many constrained entries are ordered in Python (by role and by how closely
    # their dates fit the question); more are paged in date order by SQLite.
    _SORT_IN_PYTHON = 5000
    # Up to this many entries matching some of several words are ordered by how many of the
    # words they hold; beyond it bm25 alone orders them (it favours those holding more, and
    # SQLite then stops after one page instead of scoring every match in Python).
    _COVERAGE_SORT = 300
    # A question about a period this short prefers entries within it to longer ones.
    _NARROW_DAYS = 92

    def _page(
        self,
        constraint: Constraint,
        concepts: tuple[tuple[str, ...], ...],
        phrases: tuple[str, ...],
        order: str | None,
        limit: int,
        offset: int,
    ) -> tuple[list[_Row], int]:
        """One page of full rows for the constraint, ranked by the concepts, and the total.

        Rowids are in date order (see bot.index), so "by date" is "by rowid" throughout.
        """
        if concepts and constraint.is_empty:
            return self._page_by_words(concepts, phrases, order, limit, offset, constraint.prefer)
        source, params = constraint.sql(self._max_span_days)
        if constraint.groups or len(constraint.spans) > 1 or constraint.excluded:
            total = self._conn.execute(f"SELECT count(*) FROM ({source})", params).fetchone()[0]
        else:
            total = self._dates.count_overlapping(constraint.span)
        if not total:
            return [], 0
        if concepts:
            selecting = not (constraint.groups or constraint.spans)  # only people left out
            ranked = self._rank_within(constraint, concepts, phrases, order, selecting)
            return self._fetch(ranked[offset : offset + limit]), len(ranked) if selecting else total
        narrow = constraint.span is not None and (
            constraint.span.end.toordinal() - constraint.span.start.toordinal() <= self._NARROW_DAYS
        )
        sorted_here = constraint.groups or constraint.prefer or narrow
        if sorted_here and order is None and total <= self._SORT_IN_PYTHON:
            ranked = self._by_role_and_fit(source, params, constraint)
            return self._fetch(ranked[offset : offset + limit]), total
        direction = " DESC" if order == NEWEST else ""
        date_order = ", ".join(column + direction for column in constraint.date_order.split(", "))
        rows = self._conn.execute(
            f"SELECT rowid, NULL FROM ({source}) ORDER BY {date_order} LIMIT ? OFFSET ?",
            (*params, limit, offset),
        ).fetchall()
        return self._fetch(rows), total

    def _page_by_words(
        self,
        concepts: tuple[tuple[str, ...], ...],
        phrases: tuple[str, ...],
        order: str | None,
        limit: int,
        offset: int,
        prefer: tuple[str, ...] = (),
    ) -> tuple[list[_Row], int]:
        """Entries holding any of the concepts: those of preferred people first, then those
        holding more of the concepts, then bm25 (or by date when an order was asked)."""
        match = fts_any(concepts, phrases)
        total = self._conn.execute(
            "SELECT count(*) FROM events_fts WHERE events_fts MATCH ?", (match,)
        ).fetchone()[0]
        if order is not None:
            direction = "DESC" if order == NEWEST else "ASC"
            rows = self._conn.execute(
                f"""SELECT rowid, NULL FROM events_fts WHERE events_fts MATCH ?
                    ORDER BY rowid {direction} LIMIT ? OFFSET ?""",
                (match, limit, offset),
            ).fetchall()
            return self._fetch(rows), total
        by_coverage = len(concepts) > 1 and total <= self._COVERAGE_SORT
        if (by_coverage or prefer) and total <= self._SORT_IN_PYTHON:
            scored = self._conn.execute(
                f"SELECT rowid, bm25(events_fts, {self._weights}) FROM events_fts"
                " WHERE events_fts MATCH ?",
                (match,),
            ).fetchall()
            hits = {rowid for rowid, _ in scored}
            coverage = self._coverage(concepts, hits) if by_coverage else {}
            preferred = self._entries_of(prefer, hits)
            scored.sort(
                key=lambda pair: (
                    pair[0] not in preferred,
                    -coverage.get(pair[0], 0),
                    pair[1],
                    pair[0],
                )
            )
            return self._fetch(scored[offset : offset + limit]), total
        rows = self._conn.execute(
            f"""SELECT rowid, bm25(events_fts, {self._weights}) AS score
                FROM events_fts WHERE events_fts MATCH ?
                ORDER BY score, rowid LIMIT ? OFFSET ?""",
            (match, limit, offset),
        ).fetchall()
        return self._fetch(rows), total

    def _entries_of(self, people: tuple[str, ...], among: set[int]) -> set[int]:
        """Of the entries `among`, those naming any of `people`."""
        if not people or not among:
            return set()
        marks = ",".join("?" * len(people))
        found = self._conn.execute(
            f"SELECT event_rowid FROM event_people WHERE person_id IN ({marks})", people
        )
        return {rowid for (rowid,) in found if rowid in among}

    def _coverage(self, concepts: tuple[tuple[str, ...], ...], rowids: set[int]) -> dict[int, int]:
        """How many of the concepts each of `rowids` holds."""
        counts: dict[int, int] = {}
        for forms in concepts:
            for (rowid,) in self._conn.execute(
                "SELECT rowid FROM events_fts WHERE events_fts MATCH ?", (fts_concept(forms),)
            ):
                if rowid in rowids:
                    counts[rowid] = counts.get(rowid, 0) + 1
        return counts

    def _by_role_and_fit(
        self, source: str, params: list, constraint: Constraint
    ) -> list[tuple[int, float | None]]:
        """Constrained entries, the event before the mention: entries within a short asked
        period before longer ones that only overlap it, entries where an asked person is
        named first (acts) before passing mentions, then by date."""
        rowids = [rowid for rowid, *_ in self._conn.execute(f"{source} ORDER BY 1", params)]
        leads = self._leads(constraint.groups, rowids)
        span = constraint.span
        fits: dict[int, tuple[int, int]] = {}
        if span is not None and rowids:
            first, last = span.start.toordinal(), span.end.toordinal()
            marks = ",".join("?" * len(rowids))
            for rowid, start, end in self._conn.execute(
                f"SELECT rowid, start_day, end_day FROM events WHERE rowid IN ({marks})", rowids
            ):
                inside = first <= start and end <= last
                fits[rowid] = (0, 0) if inside else (1, end - start)
        preferred = self._entries_of(constraint.prefer, set(rowids))
        rowids.sort(key=lambda r: (r not in preferred, fits.get(r, (0, 0)), r not in leads, r))
        return [(rowid, None) for rowid in rowids]

    def _leads(self, groups: tuple[tuple[str, ...], ...], rowids: list[int]) -> set[int]:
        """Of `rowids`, the entries that name an asked person first."""
        if not groups or not rowids:
            return set()
        asked = tuple(dict.fromkeys(pid for group in groups for pid in group))
        marks = ",".join("?" * len(asked))
        try:
            found = self._conn.execute(
                f"SELECT event_rowid FROM event_people WHERE person_id IN ({marks}) AND lead = 1",
                asked,
            )
        except sqlite3.OperationalError:  # an index without roles: no preference
            return set()
        wanted = set(rowids)
        return {rowid for (rowid,) in found if rowid in wanted}

    # Below this many hits, bm25 is computed per entry; above it, for every entry matching
    # the words (SQLite's join of the two is a nested loop, far slower than either).
    _PER_ROW_BM25 = 40
    # An asked person named first in an entry makes it rank as if its words scored this much
    # higher: the event before the mention.
    _LEAD_BOOST = 1.5

    def _rank_within(
        self,
        constraint: Constraint,
        concepts: tuple[tuple[str, ...], ...],
        phrases: tuple[str, ...],
        order: str | None,
        selecting: bool = False,
    ) -> list[tuple[int, float | None]]:
        """The constrained entries: those with the words first (bm25, or by date when an order
        was asked), then the rest by date; with `selecting`, only those with the words."""
        match = fts_any(concepts, phrases)
        source, params = constraint.sql(self._max_span_days)
        candidates = [r for r, *_ in self._conn.execute(f"{source} ORDER BY 1", params)]
        # FTS5 seeks rowid ranges in its doclists; rowids are in date order, so a period's
        # entries lie in a narrow range and only its matches are visited and scored.
        window = (match, candidates[0], candidates[-1])
        in_window = "events_fts MATCH ? AND rowid BETWEEN ? AND ?"
        matching = {
            r
            for (r,) in self._conn.execute(
                f"SELECT rowid FROM events_fts WHERE {in_window}", window
            )
        }
        hits = [r for r in candidates if r in matching]
        rest = [] if selecting else [r for r in candidates if r not in matching]
        if order is not None:
            ranked = hits + rest
            if order == NEWEST:
                ranked = hits[::-1] + rest[::-1]
            return [(r, None) for r in ranked]
        bm25 = f"SELECT rowid, bm25(events_fts, {self._weights}) FROM events_fts"
        if len(hits) <= self._PER_ROW_BM25:
            marks = ",".join("?" * len(hits))
            scored = self._conn.execute(
                f"{bm25} WHERE events_fts MATCH ? AND rowid IN ({marks})", (match, *hits)
            )
        else:
            scored = self._conn.execute(f"{bm25} WHERE {in_window}", window)
        hit_set = set(hits)
        scores = {r: score for r, score in scored if r in hit_set}
        leads = self._leads(constraint.groups, hits)
        for rowid in leads:
            scores[rowid] *= self._LEAD_BOOST  # bm25 is negative: more negative ranks higher
        ranked = sorted(hits, key=lambda r: (scores[r], r))
        return [(r, scores.get(r)) for r in ranked] + [(r, None) for r in rest]

    def _nearest(
        self, groups: tuple[tuple[str, ...], ...], span: DateSpan, excluded: tuple[str, ...] = ()
    ) -> list[_Row]:
        """The closest entry before and the closest after `span`, under the people filter
        (and, for "who else?", not naming the `excluded` people)."""
        first, last = span.start.toordinal(), span.end.toordinal()
        if not groups:  # the date indexes answer directly
            marks = ",".join("?" * len(excluded))
            others = (
                f" AND rowid NOT IN (SELECT event_rowid FROM event_people"
                f" WHERE person_id IN ({marks}))"
                if excluded
                else ""
            )
            before = self._conn.execute(
                f"""SELECT rowid, NULL FROM events WHERE end_day < ?{others}
                   ORDER BY end_day DESC, rowid DESC LIMIT 1""",
                (first, *excluded),
            ).fetchall()
            after = self._conn.execute(
                f"""SELECT rowid, NULL FROM events WHERE start_day > ?{others}
                   ORDER BY start_day, rowid LIMIT 1""",
                (last, *excluded),
            ).fetchall()
            return self._fetch(before + after)
        # The link table carries each entry's dates, indexed after the person: the scan stays
        # within that person's rows, however busy the chronology is.
        where, params = Constraint(groups).where(self._max_span_days)
        before = self._conn.execute(
            f"""SELECT ep.event_rowid, NULL FROM event_people ep WHERE {where} AND ep.end_day < ?
                ORDER BY ep.end_day DESC, ep.event_rowid DESC LIMIT 1""",
            (*params, first),
        ).fetchall()
        after = self._conn.execute(
            f"""SELECT ep.event_rowid, NULL FROM event_people ep WHERE {where}
                AND ep.start_day > ? ORDER BY ep.start_day, ep.event_rowid LIMIT 1""",
            (*params, last),
        ).fetchall()
        return self._fetch(before + after)

    def _correct_terms(self, terms: tuple[str, ...]) -> tuple[str, ...]:
        """Terms with each unknown word replaced by the closest indexed word, if one is close."""
        from rapidfuzz import fuzz, process  # only the no-result path pays for this import

        corrected = []
        for term in terms:
            if self._in_vocabulary(term):
                corrected.append(term)
                continue
            best = (
                process.extractOne(term, self._indexed_words, scorer=fuzz.ratio, score_cutoff=80)
                if len(term) >= 4
                else None
            )
            if best:
                corrected.append(best[0])
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

    _COLUMNS = (
        "rowid, id, date, date_text, start_day, end_day, text, note, "
        "people_json, places_json, tags_json, cites_json, source"
    )

    def _fetch(self, ranked: list[tuple[int, float | None]]) -> list[_Row]:
        """Full rows for ranked (rowid, score) pairs, in the same order, with their scores."""
        if not ranked:
            return []
        ids = [rowid for rowid, _ in ranked]
        marks = ",".join("?" * len(ids))
        cursor = self._conn.cursor()
        cursor.row_factory = sqlite3.Row
        rows = {
            row["rowid"]: row
            for row in cursor.execute(
                f"SELECT {self._COLUMNS} FROM events WHERE rowid IN ({marks})", ids
            )
        }
        return [(rows[rowid], score) for rowid, score in ranked if rowid in rows]

    @staticmethod
    def _date_text(row: sqlite3.Row) -> str:
        return row["date_text"] or format_date_value(row["date"])

    def _entry(self, fetched: _Row) -> Entry:
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
        rows: list[_Row],
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
        return self._entry(self._fetch([(row[0], None)])[0]) if row else None

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
        return [self._entry(row) for row in self._fetch(rows)]

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
