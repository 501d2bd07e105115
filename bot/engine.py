"""The question-answering engine: question text in, `Answer` out.

The CLI, the console chat and every Telegram surface call `Engine.ask`; nothing else
searches. Person and date constraints filter; words only rank.
"""

from __future__ import annotations

import bisect
import datetime as dt
import json
import sqlite3
from array import array
from pathlib import Path

from bot.answer import About, Answer, Entry, Interpretation, PersonInfo, Source
from bot.dates import DateSpan, date_phrase, describe_span, format_date_value
from bot.index import FTS_COLUMNS
from bot.names import NameMatcher
from bot.question import MAX_TERMS, ParsedQuestion, read_question
from bot.search import Constraint, fts_query

# The answer types are part of the engine's interface: callers may import them from here.
__all__ = ["About", "Answer", "Engine", "Entry", "Interpretation", "PersonInfo", "Source"]


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
        self._people: dict[str, PersonInfo] = {}
        for pid, name, aliases, description, count in conn.execute(
            "SELECT id, name, aliases, description, entry_count FROM people"
        ):
            self._people[pid] = PersonInfo(
                pid, name, tuple(json.loads(aliases or "[]")), description, count
            )
        self._names = self._stored_matcher() or NameMatcher(
            (p.id, p.name, p.aliases) for p in self._people.values()
        )
        self._weights = _bm25_weights()
        # Absent in an index without spans: then no lower bound may be assumed.
        self._max_span_days = int(meta.get("max_span_days", dt.date.max.toordinal()))
        self._dates = DayBounds(conn)

    def _stored_matcher(self) -> NameMatcher | None:
        """The matcher the index was built with, unless another version of the code made it."""
        row = self._conn.execute("SELECT value FROM blobs WHERE key = 'name_matcher'").fetchone()
        return NameMatcher.from_state(row[0]) if row else None

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

    # -- reading the question -------------------------------------------------------------

    def parse(self, question: str) -> ParsedQuestion:
        """Split a question into people, a date span and ranking terms."""
        return read_question(question, self._names, self._people, self._in_vocabulary)

    def _in_vocabulary(self, word: str) -> bool:
        row = self._conn.execute(
            "SELECT 1 FROM events_fts WHERE events_fts MATCH ? LIMIT 1", (fts_query((word,)),)
        ).fetchone()
        return row is not None

    # -- answering ------------------------------------------------------------------------

    def ask(self, question: str, *, limit: int = 10, offset: int = 0) -> Answer:
        """Parse `question` and answer it; `limit`/`offset` select a page of the results."""
        parsed = self.parse(question)
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
        interpretation = Interpretation(
            people=tuple(self._people[pid] for pid in known),
            span=span,
            date_phrase=describe_span(span) if span else None,
            terms=tuple(t.lower() for t in terms if t.strip())[:MAX_TERMS],
        )
        parsed = ParsedQuestion((known,) if known else (), interpretation)
        question = " ".join(
            [p.name for p in interpretation.people]
            + ([describe_span(span)] if span else [])
            + list(interpretation.terms)
        )
        if people and not known:
            return Answer(
                question,
                interpretation,
                (),
                0,
                offset,
                False,
                "That person is not in this chronology.",
                self.source,
            )
        return self._answer(question, parsed, limit, offset)

    def _answer(self, question: str, parsed: ParsedQuestion, limit: int, offset: int) -> Answer:
        meaning = parsed.interpretation
        limit = max(0, limit)
        offset = max(0, offset)
        if meaning.unknown_names and not parsed.groups:
            return Answer(
                question, meaning, (), 0, offset, False, self._unknown_notice(meaning), self.source
            )
        if not parsed.groups and meaning.span is None and not meaning.terms:
            rows, total = self._page(Constraint((), None), (), limit, offset)
            notice = "Ask about a person, a date or a topic; here is the whole chronology."
            return self._make(question, meaning, rows, total, offset, False, notice)
        constraint = Constraint(parsed.groups, meaning.span)
        # Phrases only match entries that hold their words too: they reorder, never add.
        rows, total = self._page(constraint, meaning.terms + meaning.phrases, limit, offset)
        if total:
            notice = self._unknown_notice(meaning) if meaning.unknown_names else None
            return self._make(question, meaning, rows, total, offset, False, notice)
        return self._relax(question, parsed, limit, offset)

    def _relax(self, question: str, parsed: ParsedQuestion, limit: int, offset: int) -> Answer:
        """Nothing matched the strict reading: say so and show the nearest honest alternative."""
        meaning = parsed.interpretation
        who = _names_phrase(meaning.people, parsed.groups)
        when = f" {date_phrase(meaning.span)}" if meaning.span else ""
        if len(parsed.groups) > 1:
            either = (tuple(dict.fromkeys(p for g in parsed.groups for p in g)),)
            rows, total = self._page(Constraint(either, meaning.span), meaning.terms, limit, offset)
            if total:
                notice = f"No entry names {who} together{when}; showing entries for any of them."
                return self._make(question, meaning, rows, total, offset, True, notice)
        if meaning.span is not None:
            groups = (
                parsed.groups[:1]
                if len(parsed.groups) == 1
                else (
                    (tuple(dict.fromkeys(p for g in parsed.groups for p in g)),)
                    if parsed.groups
                    else ()
                )
            )
            nearest = self._nearest(groups, meaning.span)
            subject = f" for {who}" if groups else ""
            if nearest:
                dates = ", ".join(self._date_text(row) for row in nearest)
                notice = f"No entry{subject}{when}; nearest: {dates}."
                page = nearest[offset : offset + limit]
                return self._make(question, meaning, page, len(nearest), offset, True, notice)
            return self._make(question, meaning, [], 0, offset, False, f"No entry{subject}{when}.")
        if meaning.terms and not parsed.groups:
            corrected = self._correct_terms(meaning.terms)
            if corrected and corrected != meaning.terms:
                rows, total = self._page(Constraint((), None), corrected, limit, offset)
                if total:
                    asked = ", ".join(f"“{t}”" for t in meaning.terms)
                    shown = ", ".join(f"“{t}”" for t in corrected)
                    notice = f"No entry mentions {asked}; showing entries for {shown}."
                    return self._make(question, meaning, rows, total, offset, True, notice)
            asked = ", ".join(f"“{t}”" for t in meaning.terms)
            return self._make(
                question, meaning, [], 0, offset, False, f"No entry mentions {asked}."
            )
        return self._make(question, meaning, [], 0, offset, False, "No matching entry.")

    def _unknown_notice(self, meaning: Interpretation) -> str:
        """Say plainly that a name is unknown; it may be a place or a word, so say that too."""
        names = " or ".join(f"“{name}”" for name in meaning.unknown_names)
        pronoun = "them" if len(meaning.unknown_names) > 1 else "it"
        notice = f"No person named {names} in this chronology, and no entry mentions {pronoun}"
        if meaning.suggestions:
            return (
                notice + "; did you mean " + " or ".join(p.name for p in meaning.suggestions) + "?"
            )
        return notice + "."

    # -- SQL ------------------------------------------------------------------------------

    def _page(
        self, constraint: Constraint, terms: tuple[str, ...], limit: int, offset: int
    ) -> tuple[list[tuple], int]:
        """One page of full rows for the constraint, ranked by terms, and the total.

        Rowids are in date order (see bot.index), so "by date" is "by rowid" throughout.
        """
        if terms and constraint.is_empty:
            match = fts_query(terms)
            total = self._conn.execute(
                "SELECT count(*) FROM events_fts WHERE events_fts MATCH ?", (match,)
            ).fetchone()[0]
            rows = self._conn.execute(
                f"""SELECT rowid, bm25(events_fts, {self._weights}) AS score
                    FROM events_fts WHERE events_fts MATCH ?
                    ORDER BY score, rowid LIMIT ? OFFSET ?""",
                (match, limit, offset),
            ).fetchall()
            return self._fetch(rows), total
        source, params = constraint.sql(self._max_span_days)
        if constraint.groups:
            total = self._conn.execute(f"SELECT count(*) FROM ({source})", params).fetchone()[0]
        else:
            total = self._dates.count_overlapping(constraint.span)
        if not total:
            return [], 0
        if terms:
            return self._rank_within(source, params, terms, limit, offset), total
        rows = self._conn.execute(
            f"SELECT rowid, NULL FROM ({source}) ORDER BY {constraint.date_order} LIMIT ? OFFSET ?",
            (*params, limit, offset),
        ).fetchall()
        return self._fetch(rows), total

    # Below this many hits, bm25 is computed per entry; above it, for every entry matching
    # the words (SQLite's join of the two is a nested loop, far slower than either).
    _PER_ROW_BM25 = 40

    def _rank_within(
        self, source: str, params: list, terms: tuple[str, ...], limit: int, offset: int
    ) -> list[tuple]:
        """A page of the constrained entries: those with the words first (bm25), then by date."""
        match = fts_query(terms)
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
        ranked = sorted(hits, key=lambda r: (scores[r], r))
        ranked += [r for r in candidates if r not in matching]
        return self._fetch([(r, scores.get(r)) for r in ranked[offset : offset + limit]])

    def _nearest(self, groups: tuple[tuple[str, ...], ...], span: DateSpan) -> list[tuple]:
        """The closest entry before and the closest after `span`, under the people filter."""
        first, last = span.start.toordinal(), span.end.toordinal()
        if not groups:  # the date indexes answer directly
            before = self._conn.execute(
                """SELECT rowid, NULL FROM events WHERE end_day < ?
                   ORDER BY end_day DESC, rowid DESC LIMIT 1""",
                (first,),
            ).fetchall()
            after = self._conn.execute(
                """SELECT rowid, NULL FROM events WHERE start_day > ?
                   ORDER BY start_day, rowid LIMIT 1""",
                (last,),
            ).fetchall()
            return self._fetch(before + after)
        # The link table carries each entry's dates, indexed after the person: the scan stays
        # within that person's rows, however busy the chronology is.
        where, params = Constraint(groups, None).where(self._max_span_days)
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

        self._ensure_vocabulary()
        corrected = []
        for term in terms:
            if self._in_vocabulary(term):
                corrected.append(term)
                continue
            best = (
                process.extractOne(term, self._vocabulary, scorer=fuzz.ratio, score_cutoff=80)
                if len(term) >= 4
                else None
            )
            if best:
                corrected.append(best[0])
        return tuple(dict.fromkeys(corrected))

    def _ensure_vocabulary(self) -> None:
        if not hasattr(self, "_vocabulary"):
            self._vocabulary = [
                term
                for (term,) in self._conn.execute(
                    "SELECT term FROM events_vocab WHERE term GLOB '[a-z]*'"
                )
            ]

    _COLUMNS = (
        "rowid, id, date, date_text, start_day, end_day, text, note, "
        "people_json, places_json, tags_json, cites_json"
    )

    def _fetch(self, ranked: list[tuple]) -> list[tuple]:
        """Full rows for ranked (rowid, score) pairs, in the same order, score appended."""
        if not ranked:
            return []
        ids = [rowid for rowid, _ in ranked]
        marks = ",".join("?" * len(ids))
        rows = {
            row[0]: row
            for row in self._conn.execute(
                f"SELECT {self._COLUMNS} FROM events WHERE rowid IN ({marks})", ids
            )
        }
        return [(*rows[rowid], score) for rowid, score in ranked if rowid in rows]

    def _date_text(self, row: tuple) -> str:
        return row[3] or format_date_value(row[2])

    def _entry(self, row: tuple) -> Entry:
        (_, eid, date, date_text, start, end, text, note, people, places, tags, cites, score) = row
        return Entry(
            id=eid,
            date=date,
            date_text=date_text or format_date_value(date),
            span=DateSpan(_day(start), _day(end)),
            text=text,
            people=tuple(self._people[p] for p in json.loads(people) if p in self._people),
            cites=tuple(json.loads(cites)),
            places=tuple(json.loads(places)),
            tags=tuple(json.loads(tags)),
            note=note,
            score=round(-score, 4) if score is not None else 0.0,
        )

    def _make(
        self,
        question: str,
        meaning: Interpretation,
        rows: list[tuple],
        total: int,
        offset: int,
        relaxed: bool,
        notice: str | None,
    ) -> Answer:
        entries = tuple(self._entry(row) for row in rows)
        return Answer(question, meaning, entries, total, offset, relaxed, notice, self.source)

    # -- browsing -------------------------------------------------------------------------

    def entry(self, entry_id: str) -> Entry | None:
        """One entry by id, or None."""
        row = self._conn.execute("SELECT rowid FROM events WHERE id = ?", (entry_id,)).fetchone()
        return self._entry(self._fetch([(row[0], None)])[0]) if row else None

    def person(self, person_id: str) -> PersonInfo | None:
        return self._people.get(person_id)

    def people(self) -> list[PersonInfo]:
        """Everyone in the chronology with their entry counts, by name."""
        return sorted(self._people.values(), key=lambda p: (_surname(p.name), p.name))

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


def _surname(name: str) -> str:
    return name.split()[-1].lower() if name.split() else ""


def _names_phrase(people: tuple[PersonInfo, ...], groups: tuple[tuple[str, ...], ...]) -> str:
    names = [p.name for p in people]
    if len(names) <= 1:
        return names[0] if names else "anyone"
    joiner = " and " if len(groups) > 1 else " or "
    return ", ".join(names[:-1]) + joiner + names[-1]
