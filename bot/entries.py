"""An index's entries and facts as the answer types: a fetched row as an `Entry` (its people,
cites, places and tags, its chronology's citation), one entry by id, the latest entries, the
chronologies with their counts, everyone in the chronology, and what it covers (`About`).

The engine finds which rows answer a question (bot.ranking); this module only reads them.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import sqlite3

from bot.answer import About, Entry, PersonInfo, Source
from bot.dates import DateSpan, format_date_value
from bot.people import PeopleTable
from bot.ranking import DAY_RANGE_SQL, Pages, Row


class IndexEntries:
    """Rows of one built index read as entries, and the index's own facts."""

    def __init__(
        self,
        conn: sqlite3.Connection,
        pages: Pages,
        people: PeopleTable,
        sources: dict[int, Source],
        source: Source,
        published: str | None,
    ):
        self._conn = conn
        self._pages = pages
        self._people = people
        self._sources = sources  # by chronology number; empty when there is only one
        self.source = source
        self._published = published

    def entry(self, fetched: Row) -> Entry:
        """The Entry of a fetched row (bot.ranking), with its score."""
        row, score = fetched
        people, places, tags, cites = json.loads(row["lists_json"])  # see Pages.fetch
        known = self._people
        return Entry(
            id=row["id"],
            date=row["date"],
            date_text=date_text(row),
            span=DateSpan(_day(row["start_day"]), _day(row["end_day"])),
            text=row["text"],
            people=tuple(info for p in people if (info := known.get(p)) is not None),
            cites=tuple(cites),
            places=tuple(places),
            tags=tuple(tags),
            note=row["note"],
            score=round(-score, 4) if score is not None else 0.0,
            source=self._sources.get(row["source"]),
        )

    def by_id(self, entry_id: str) -> Entry | None:
        """One entry by id, or None."""
        row = self._conn.execute("SELECT rowid FROM events WHERE id = ?", (entry_id,)).fetchone()
        return self.entry(self._pages.fetch([(row[0], None)])[0]) if row else None

    def chronologies(self) -> list[tuple[str, Source, int, DateSpan | None]]:
        """Each chronology of the index: (name, source, entry count, dates covered)."""
        return self._chronologies

    @functools.cached_property
    def _chronologies(self) -> list[tuple[str, Source, int, DateSpan | None]]:
        chronologies = self._conn.execute(
            "SELECT rowid, name, title, publisher, url FROM chronologies ORDER BY rowid"
        ).fetchall()
        if len(chronologies) == 1:  # the whole index: its size and days, no scan of it
            about = self._about
            span = None
            if about.first is not None and about.last is not None:
                span = DateSpan(about.first.start, about.last.end)
            counted = {chronologies[0][0]: (about.entry_count, span)}
        else:  # one pass over every entry (1.2 s at a million), once per engine
            counted = {
                number: (count, DateSpan(_day(first), _day(last)))
                for number, count, first, last in self._conn.execute(
                    """SELECT source, count(*), min(start_day), max(end_day) FROM events
                       GROUP BY source"""
                )
            }
        return [
            (
                name,
                Source(title=title, publisher=publisher or None, url=url or None),
                *counted.get(number, (0, None)),
            )
            for number, name, title, publisher, url in chronologies
        ]

    def people(self) -> list[PersonInfo]:
        """Everyone in the chronology with their entry counts, by name."""
        return sorted(self._people.all(), key=lambda p: (_surname(p.name), p.name))

    def latest(self, limit: int = 10) -> list[Entry]:
        """The most recent entries, newest first."""
        rows = self._conn.execute(
            "SELECT rowid, NULL FROM events ORDER BY end_day DESC, rowid DESC LIMIT ?", (limit,)
        ).fetchall()
        return [self.entry(row) for row in self._pages.fetch(rows)]

    def cited(self, limit: int) -> tuple[list[tuple[str, int]], int]:
        """The `limit` papers and outlets cited by the most entries (name, entries), and how
        many there are in all."""
        rows = self._conn.execute(
            "SELECT name, entry_count FROM cited ORDER BY entry_count DESC, name LIMIT ?",
            (limit,),
        ).fetchall()
        total = self._conn.execute("SELECT count(*) FROM cited").fetchone()[0]
        return [(name, count) for name, count in rows], total

    @functools.cached_property
    def _about(self) -> About:
        """Read once: an index never changes under its engine (a reload opens a new one),
        and counting a million entries takes ~80 ms."""
        (count,) = self._conn.execute("SELECT count(*) FROM events").fetchone()
        first, last = self._conn.execute(DAY_RANGE_SQL).fetchone()
        first_span = last_span = None
        if count:
            first_span = DateSpan(_day(first), _day(first))
            last_span = DateSpan(_day(last), _day(last))
        return About(self.source, self._published, first_span, last_span, count, len(self._people))

    def about(self) -> About:
        return self._about


def date_text(row: sqlite3.Row) -> str:
    """An entry's date as the chronology writes it (else as its data value reads)."""
    return row["date_text"] or format_date_value(row["date"])


def _day(ordinal: int) -> dt.date:
    return dt.date.fromordinal(ordinal)


def _surname(name: str) -> str:
    return name.split()[-1].lower() if name.split() else ""
