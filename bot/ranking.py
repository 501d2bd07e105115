"""Selecting and ordering a question's entries in SQL: one page of rows for a constraint and
its concepts, the nearest entries, the checks the engine's honest notices rest on.

The engine (bot/engine.py) decides what a question asks and how to answer when nothing
matches; this module only finds rows (questions of words alone: bot.word_pages). Rowids are
in date order (see bot.index), so "by date" is "by rowid" throughout.
"""

from __future__ import annotations

import sqlite3
from typing import NamedTuple

from bot.answer import NEWEST
from bot.dates import DateSpan
from bot.day_bounds import DayBounds
from bot.index import FTS_COLUMNS
from bot.search import IN_CHRONOLOGY, Constraint, fts_all, fts_any, fts_concept, fts_within
from bot.word_pages import SORT_IN_PYTHON, WordPages, entries_naming

# A fetched row of the events table, with its rank score (None when ordered by date).
Row = tuple[sqlite3.Row, float | None]

# The entries' first day and last day: two index lookups. (min() and max() in one SELECT walk
# the whole date index instead: 110 ms at a million entries.)
DAY_RANGE_SQL = "SELECT (SELECT min(start_day) FROM events), (SELECT max(end_day) FROM events)"


class Reading(NamedTuple):
    """What a page is of: the entries the constraint allows, ranked by the concepts, holding
    the phrases, in the order asked ("first", "latest"; None: best first). Equal readings
    share their remembered ranking (`Pages.page`)."""

    constraint: Constraint
    concepts: tuple[tuple[str, ...], ...] = ()
    phrases: tuple[str, ...] = ()
    order: str | None = None


def _bm25_weights() -> str:
    return ", ".join(str(weight) for _, weight in FTS_COLUMNS)


class Pages:
    """Rows of one built index for the engine's readings of questions."""

    def __init__(self, conn: sqlite3.Connection, max_span_days: int):
        self._conn = conn
        self._weights = _bm25_weights()
        self._bm25 = f"bm25(events_fts, {self._weights})"
        self._max_span_days = max_span_days
        self._dates: dict[int | None, DayBounds] = {None: DayBounds(conn)}
        self._members: dict[int, frozenset[int]] = {}
        self._words = WordPages(conn, self._weights)
        self._windows: dict[tuple, tuple[list[tuple[int, float | None]], int]] = {}
        conn.create_function(IN_CHRONOLOGY, 2, self._in_chronology, deterministic=True)

    def _in_chronology(self, rowid: int, chronology: int) -> bool:
        """SQL's `in_chronology(rowid, n)` (see bot.search): the rowids of each chronology
        asked about are read once (by the index on `source`), then every check is a set
        lookup, ~6x cheaper than reading the entry's row for its `source`."""
        members = self._members.get(chronology)
        if members is None:
            rows = self._conn.execute("SELECT rowid FROM events WHERE source = ?", (chronology,))
            members = self._members[chronology] = frozenset(rowid for (rowid,) in rows)
        return rowid in members

    def warm(self) -> None:
        """Read every entry's first and last day now (0.7 s at a million entries), not on
        the first question with a date."""
        self._dates[None].count_overlapping(None)

    def _dates_of(self, chronology: int | None) -> DayBounds:
        """The day arrays of one chronology (None: of every entry), made on first use."""
        if chronology not in self._dates:
            self._dates[chronology] = DayBounds(self._conn, chronology)
        return self._dates[chronology]

    def any_match(self, match: str, chronology: int | None = None) -> bool:
        within, scope = fts_within("events_fts.rowid", chronology)
        row = self._conn.execute(
            f"SELECT 1 FROM events_fts WHERE events_fts MATCH ?{within} LIMIT 1", (match, *scope)
        ).fetchone()
        return row is not None

    # A word in more than this share of the entries says little about which entry is meant:
    # "space station" is about the station in a chronology of spaceflight.
    _COMMON_SHARE = 0.2
    _COMMON_FLOOR = 10  # in a small chronology, a word of a few entries is still distinctive
    _COMMON_CEILING = 1000  # in a large one, counting further costs more than it tells

    def held_apart(
        self, concepts: tuple[tuple[str, ...], ...], chronology: int | None = None
    ) -> bool:
        """True when no entry (of `chronology`, if given) holds all the distinctive asked
        concepts together."""
        if self.any_match(fts_all(concepts), chronology):
            return False
        share = int(self._dates_of(chronology).count_overlapping(None) * self._COMMON_SHARE)
        cap = min(max(self._COMMON_FLOOR, share), self._COMMON_CEILING)
        within, scope = fts_within("events_fts.rowid", chronology)
        distinctive = tuple(
            forms
            for forms in concepts
            if self._conn.execute(
                "SELECT count(*) FROM (SELECT 1 FROM events_fts"
                f" WHERE events_fts MATCH ?{within} LIMIT ?)",
                (fts_concept(forms), *scope, cap + 1),
            ).fetchone()[0]
            <= cap
        )
        if len(distinctive) < len(concepts) and len(distinctive) < 2:
            return False  # every distinctive word is held by some entry (one word: trivially)
        return not self.any_match(fts_all(distinctive or concepts), chronology)

    # Up to this many constrained entries are ordered in Python (by role and by how closely
    # their dates fit the question); more are paged in date order by SQLite.
    _SORT_IN_PYTHON = SORT_IN_PYTHON
    # A question about a period this short prefers entries within it to longer ones.
    _NARROW_DAYS = 92

    def page(self, reading: Reading, limit: int, offset: int) -> tuple[list[Row], int]:
        """One page of full rows for the reading, and the total.

        The first `_WINDOW` ranked entries of a reading are remembered (bounded), so its
        next pages (▶, inline scrolling) and the same reading at another page size (a group's
        3, a private chat's 5, inline's 20) are sliced from them, not ranked again.
        """
        if offset + limit > self._WINDOW:
            ranked, total = self._ranked_page(reading, limit, offset)
            return self.fetch(ranked), total
        window = self._windows.get(reading)
        if window is None:
            if len(self._windows) >= self._WINDOWS_REMEMBERED:
                self._windows.clear()
            window = self._windows[reading] = self._ranked_page(reading, self._WINDOW, 0)
        ranked, total = window
        return self.fetch(ranked[offset : offset + limit]), total

    # Ranked entries remembered per reading, and how many readings: a few hundred KB at most.
    _WINDOW = 50
    _WINDOWS_REMEMBERED = 512

    def _ranked_page(
        self, reading: Reading, limit: int, offset: int
    ) -> tuple[list[tuple[int, float | None]], int]:
        """One page of (rowid, score) for the reading, and the total. Rowids are in date order
        (see bot.index), so "by date" is "by rowid"."""
        constraint, concepts, phrases, order = reading
        if concepts and constraint.is_empty:
            ranked, matched = self._words.page(
                concepts, phrases, order, limit, offset, constraint.prefer, constraint.chronology
            )
            return ranked, matched
        source, params = constraint.sql(self._max_span_days)
        if constraint.groups or len(constraint.spans) > 1 or constraint.excluded:
            merged = self._each_person(constraint)
            counted = f"{merged[0]} ORDER BY 1" if merged else source
            count_params = merged[1] if merged else params
            total = self._conn.execute(
                f"SELECT count(*) FROM ({counted})", count_params
            ).fetchone()[0]
        else:
            total = self._dates_of(constraint.chronology).count_overlapping(constraint.span)
        if not total:
            return [], 0
        if concepts:
            selecting = not (constraint.groups or constraint.spans)  # only people left out
            page, held = self._rank_within(
                constraint, concepts, phrases, order, selecting, limit, offset
            )
            return page, held if selecting else total
        narrow = constraint.span is not None and (
            constraint.span.end.toordinal() - constraint.span.start.toordinal() <= self._NARROW_DAYS
        )
        sorted_here = constraint.groups or constraint.prefer or narrow
        if sorted_here and order is None and total <= self._SORT_IN_PYTHON:
            ranked = self._by_role_and_fit(source, params, constraint)
            return ranked[offset : offset + limit], total
        direction = " DESC" if order == NEWEST else ""
        if merged := self._each_person(constraint):
            union, union_params = merged
            found = self._conn.execute(
                f"{union} ORDER BY 1{direction} LIMIT ? OFFSET ?", (*union_params, limit, offset)
            )
            return [(rowid, None) for (rowid,) in found], total
        date_order = ", ".join(column + direction for column in constraint.date_order.split(", "))
        rows = self._conn.execute(
            f"SELECT rowid, NULL FROM ({source}) ORDER BY {date_order} LIMIT ? OFFSET ?",
            (*params, limit, offset),
        ).fetchall()
        return rows, total

    def _each_person(self, constraint: Constraint) -> tuple[str, list] | None:
        """With several people to choose from (namesakes), their entries as a UNION of one
        query per person, and its parameters; None for one person or none. Ordered by rowid,
        SQLite merges each person's index walk and stops after a page, where one query for
        all of them collects and sorts every entry (16 ms for 38,000 at a million)."""
        if not constraint.groups or len(constraint.groups[0]) < 2:
            return None
        rest = constraint.groups[1:]
        parts = [
            constraint._replace(groups=((person,), *rest)).sql(self._max_span_days)
            for person in constraint.groups[0]
        ]
        return " UNION ".join(sql for sql, _ in parts), [p for _, ps in parts for p in ps]

    def _by_role_and_fit(
        self, source: str, params: list, constraint: Constraint
    ) -> list[tuple[int, float | None]]:
        """Constrained entries, the event before the mention: entries within a short asked
        period before longer ones that only overlap it, entries where an asked person is
        named first (acts) before passing mentions, then by date."""
        span = constraint.span
        fits: dict[int, tuple[int, int]] = {}
        if span is not None:
            first, last = span.start.toordinal(), span.end.toordinal()
            rowids = []
            # Without people the constraint reads the dates from the date index itself.
            dated = (
                f"""SELECT rowid, start_day, end_day FROM events
                    WHERE rowid IN (SELECT rowid FROM ({source})) ORDER BY rowid"""
                if constraint.groups
                else f"SELECT rowid, start_day, end_day FROM ({source}) ORDER BY rowid"
            )
            for rowid, start, end in self._conn.execute(dated, params):
                rowids.append(rowid)
                inside = first <= start and end <= last
                fits[rowid] = (0, 0) if inside else (1, end - start)
        else:
            rowids = [rowid for rowid, *_ in self._conn.execute(f"{source} ORDER BY 1", params)]
        leads = self._leads(constraint.groups, rowids)
        preferred = entries_naming(self._conn, constraint.prefer, set(rowids))
        rowids.sort(key=lambda r: (r not in preferred, fits.get(r, (0, 0)), r not in leads, r))
        return [(rowid, None) for rowid in rowids]

    def _leads(self, groups: tuple[tuple[str, ...], ...], rowids: list[int]) -> set[int]:
        """Of `rowids`, the entries that name an asked person first."""
        if not groups or not rowids:
            return set()
        asked = tuple(dict.fromkeys(pid for group in groups for pid in group))
        marks = ",".join("?" * len(asked))
        try:  # the entries' rowid range of the index that carries `lead`: no row is read
            found = self._conn.execute(
                f"""SELECT event_rowid FROM event_people WHERE person_id IN ({marks})
                    AND event_rowid BETWEEN ? AND ? AND lead = 1""",
                (*asked, min(rowids), max(rowids)),
            )
        except sqlite3.OperationalError:  # an index without roles: no preference
            return set()
        wanted = set(rowids)
        return {rowid for (rowid,) in found if rowid in wanted}

    # An asked person named first in an entry makes it rank as if its words scored this much
    # higher: the event before the mention.
    _LEAD_BOOST = 1.5

    def _rank_within(
        self,
        constraint: Constraint,
        concepts: tuple[tuple[str, ...], ...],
        phrases: tuple[str, ...],
        order: str | None,
        selecting: bool,
        limit: int,
        offset: int,
    ) -> tuple[list[tuple[int, float | None]], int]:
        """One page of the constrained entries: those with the words first (bm25, or by date
        when an order was asked), then the rest by date; with `selecting`, only those with the
        words. Also how many hold the words.

        The constrained entries stay in SQL (a year of a million entries is ten thousand of
        them): only the matches and the page come to Python.
        """
        match = fts_any(concepts, phrases)
        source, params = constraint.sql(self._max_span_days)
        first, last = self._window(constraint, source, params)
        if first is None or last is None:
            return [], 0
        # FTS5 seeks rowid ranges in its doclists; rowids are in date order, so a period's
        # entries lie in a narrow range and only its matches are visited and scored.
        window = (match, first, last)
        matching = "SELECT rowid FROM events_fts WHERE events_fts MATCH ? AND rowid BETWEEN ? AND ?"
        # "+rowid": the constrained set is a filter on the matches, never a list of rowids
        # for FTS5 to look up one by one (each lookup would count the words' entries again).
        hits_sql = f"{matching} AND +rowid IN (SELECT rowid FROM ({source}))"
        if order is not None:
            hits = [r for (r,) in self._conn.execute(hits_sql, (*window, *params))]
            hits.sort(reverse=order == NEWEST)
            ranked: list[tuple[int, float | None]] = [(r, None) for r in hits]
        else:
            # One pass: SQLite filters a match before it computes bm25, so only the
            # constrained matches are scored, and the words' entry counts are read once.
            scored = self._conn.execute(
                hits_sql.replace("SELECT rowid", f"SELECT rowid, {self._bm25}", 1),
                (*window, *params),
            ).fetchall()
            ranked = self._scored(constraint, scored)
            hits = [r for r, _ in ranked]
        page = ranked[offset : offset + limit]
        wanted = offset + limit - max(offset, len(hits))
        if not selecting and wanted > 0:  # the page reaches the entries without the words
            direction = " DESC" if order == NEWEST else ""
            date_order = ", ".join(c + direction for c in constraint.date_order.split(", "))
            page += self._conn.execute(
                f"""SELECT rowid, NULL FROM ({source}) WHERE rowid NOT IN ({matching})
                    ORDER BY {date_order} LIMIT ? OFFSET ?""",
                (*params, *window, wanted, max(0, offset - len(hits))),
            ).fetchall()
        return page, len(hits)

    def _window(
        self, constraint: Constraint, source: str, params: list
    ) -> tuple[int | None, int | None]:
        """The first and last rowid the constrained entries may have. With asked periods, two
        steps in the date index (rowids are in date order): from the first entry that may
        reach into the earliest period to the last one starting in the latest; the entries
        themselves are not read. Otherwise the constrained entries' own bounds."""
        if not constraint.spans:
            bounds = f"SELECT min(rowid), max(rowid) FROM ({source})"
            first, last = self._conn.execute(bounds, params).fetchone()
            return first, last
        earliest = min(span.start.toordinal() for span in constraint.spans)
        latest = max(span.end.toordinal() for span in constraint.spans)
        first = self._conn.execute(
            """SELECT rowid FROM events WHERE start_day >= ?
               ORDER BY start_day, end_day, rowid LIMIT 1""",
            (earliest - self._max_span_days,),
        ).fetchone()
        last = self._conn.execute(
            """SELECT rowid FROM events WHERE start_day <= ?
               ORDER BY start_day DESC, end_day DESC, rowid DESC LIMIT 1""",
            (latest,),
        ).fetchone()
        return (first[0] if first else None), (last[0] if last else None)

    def _scored(
        self, constraint: Constraint, scored: list[tuple[int, float]]
    ) -> list[tuple[int, float | None]]:
        """(rowid, bm25) pairs best first; an asked person named first ranks higher."""
        scores = dict(scored)
        for rowid in self._leads(constraint.groups, list(scores)):
            scores[rowid] *= self._LEAD_BOOST  # bm25 is negative: more negative ranks higher
        return sorted(scores.items(), key=lambda pair: (pair[1], pair[0]))

    def nearest(
        self,
        groups: tuple[tuple[str, ...], ...],
        span: DateSpan,
        excluded: tuple[str, ...] = (),
        chronology: int | None = None,
    ) -> list[Row]:
        """The closest entry before and the closest after `span`, under the people filter
        (and, for "who else?", not naming the `excluded` people; with `chronology`, of it)."""
        first, last = span.start.toordinal(), span.end.toordinal()
        if not groups:  # the date indexes answer directly
            marks = ",".join("?" * len(excluded))
            others = (
                f" AND rowid NOT IN (SELECT event_rowid FROM event_people"
                f" WHERE person_id IN ({marks}))"
                if excluded
                else ""
            )
            scope: tuple[int, ...] = ()
            if chronology is not None:
                # `+`: walk the date index, not the chronology's (see Constraint.where)
                others, scope = others + " AND +source = ?", (chronology,)
            before = self._conn.execute(
                f"""SELECT rowid, NULL FROM events WHERE end_day < ?{others}
                   ORDER BY end_day DESC, rowid DESC LIMIT 1""",
                (first, *excluded, *scope),
            ).fetchall()
            after = self._conn.execute(
                f"""SELECT rowid, NULL FROM events WHERE start_day > ?{others}
                   ORDER BY start_day, rowid LIMIT 1""",
                (last, *excluded, *scope),
            ).fetchall()
            return self.fetch(before + after)
        # The link table carries each entry's dates, indexed after the person: the scan stays
        # within that person's rows, however busy the chronology is.
        where, params = Constraint(groups, chronology=chronology).where(self._max_span_days)
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
        return self.fetch(before + after)

    # An entry's four lists come as one JSON array of four: one parse per entry, not four.
    _COLUMNS = (
        "rowid, id, date, date_text, start_day, end_day, text, note, source, "
        "'[' || people_json || ',' || places_json || ',' || tags_json || ',' || cites_json"
        " || ']' AS lists_json"
    )

    def fetch(self, ranked: list[tuple[int, float | None]]) -> list[Row]:
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
