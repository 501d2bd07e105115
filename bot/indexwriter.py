"""Write an index's rows as a chronology streams in, then its indexes and full-text index."""

from __future__ import annotations

import contextlib
import json
import sqlite3
from pathlib import Path
from time import perf_counter
from typing import TYPE_CHECKING

from bot.chronology import ChronologyInfo, Event, Person
from bot.indexschema import (
    CHRONOLOGY_COLUMNS,
    EVENT_COLUMNS,
    FTS_COLUMNS,
    FTS_TOKENIZE,
    LINK_COLUMNS,
    PEOPLE_COLUMNS,
    SCHEMA_VERSION,
    insert_sql,
    publication,
    to_json,
)
from bot.lang.en import base_forms_of_text
from bot.lang.ru import stems_of_text

if TYPE_CHECKING:  # the build's thread pool is imported by the build only (logging with it)
    from concurrent.futures import Future

_ROWS_PER_WRITE = 5000


class IndexWriter:
    """Writes an index from a stream of people and events (a `bot.validate.Sink`).

    Rows go to SQLite in batches as they arrive, so memory holds one batch and the people's
    names, never the chronology. Events are numbered in file order; `finish` renumbers them
    in date order when the file was not (rowid order is date order for every query), then
    builds the secondary indexes, the name tables and the full-text index.
    """

    def __init__(self, path: Path):
        import sqlite_utils  # costly to import: only the build path pays for it

        self.path = path
        # Batches of rows are inserted by a second thread (SQLite runs without the GIL), so on
        # two cores the inserts overlap with reading the YAML; one batch in flight at a time.
        self.db = sqlite_utils.Database(sqlite3.connect(path, check_same_thread=False))
        from concurrent.futures import ThreadPoolExecutor

        self._inserter = ThreadPoolExecutor(max_workers=1, thread_name_prefix="index-rows")
        self._pending: Future[None] | None = None
        self.conn = self.db.conn
        # A temporary file that is thrown away on any failure needs no journal; durability
        # comes from the fsync before os.replace.
        self.conn.execute("PRAGMA journal_mode = OFF")
        self.conn.execute("PRAGMA synchronous = OFF")
        self.conn.execute("PRAGMA cache_size = -65536")  # 64 MB: index builds sort less on disk
        self.db.table("meta").create({"key": str, "value": str}, pk="key")
        self.db.table("people").create(PEOPLE_COLUMNS, pk="id")
        self.db.table("events").create(EVENT_COLUMNS, pk="rowid")
        self.db.table("event_people").create(LINK_COLUMNS)
        self.db.table("synonyms").create({"term": str, "group_id": int})
        self.db.table("chronologies").create(CHRONOLOGY_COLUMNS, pk="rowid")
        self.header: ChronologyInfo | None = None
        self.headers: dict[int, tuple[str, str, ChronologyInfo | None]] = {}  # source -> file
        self.source = 1
        self.prefix = ""  # "name/" before entry ids when several chronologies share an index
        self.groups = 0  # synonym groups so far (group ids are unique across files)
        self.merged: dict[str, list[str]] = {}  # person id -> spellings from later files
        self.names: dict[str, str] = {}  # person id -> display name, for the full-text column
        self.people_rows: list[tuple] = []
        self.event_rows: list[tuple] = []
        self.link_rows: list[tuple] = []
        self.count = 0
        self.last_start = (0, 0)
        self.in_date_order = True
        self.names_missing = False  # an event named a person the file introduces later
        self.longest = 0
        self.people = 0
        self.cited: dict[str, int] = {}  # publication -> entries citing it
        self.writing_s = 0.0  # time in the sink methods: rows built and inserted
        self.timings: dict[str, float] = {}
        self._closed = False

    # --- the Sink

    def begin_source(self, number: int, path: Path, *, qualify: bool) -> None:
        """The pieces that follow come from chronology `number` (1-based), read from `path`;
        with `qualify`, its entry ids are written "name/id" (ids are unique per file)."""
        from bot.sources import chronology_name

        name = chronology_name(path)
        self.source = number
        self.prefix = f"{name}/" if qualify else ""
        self.headers[number] = (name, str(path), None)

    def info(self, info: ChronologyInfo) -> None:
        if self.header is None:
            self.header = info
        name, path, _ = self.headers.get(self.source, ("", "", None))
        self.headers[self.source] = (name, path, info)

    def synonyms(self, groups: tuple[tuple[str, ...], ...]) -> None:
        self._wait()
        self.conn.executemany(
            "INSERT INTO synonyms (term, group_id) VALUES (?, ?)",
            (
                (term.lower(), self.groups + group_id)
                for group_id, group in enumerate(groups)
                for term in group
            ),
        )
        self.groups += len(groups)

    def person(self, person: Person) -> None:
        if person.id in self.names:
            # The same id in another chronology is the same person: its spellings become
            # aliases of the first one.
            spellings = self.merged.setdefault(person.id, [])
            spellings.extend((person.name, *person.aliases))
            return
        self.people += 1
        self.names[person.id] = person.name
        row = (person.id, person.name, to_json(person.aliases), person.description, 0)
        self.people_rows.append(row)
        if len(self.people_rows) >= _ROWS_PER_WRITE:
            self._flush()

    def event(self, event: Event) -> None:
        began = perf_counter()
        self.count += 1
        rowid = self.count
        start, end = event.span.start.toordinal(), event.span.end.toordinal()
        if (start, end) < self.last_start:
            self.in_date_order = False
        self.last_start = (start, end)
        self.longest = max(self.longest, end - start)
        names = self.names
        try:
            people_names = " ; ".join([names[pid] for pid in event.people])
        except KeyError:  # a person the file introduces later: filled in by `finish`
            people_names, self.names_missing = "", True
        self.event_rows.append(
            (
                rowid,
                self.prefix + event.id if self.prefix else event.id,
                event.date,
                event.date_text,
                start,
                end,
                event.text,
                event.note,
                people_names,
                " ; ".join(event.places),
                " ; ".join(event.tags),
                " ; ".join(event.cites),
                lemmas_of(event),
                to_json(event.people),
                to_json(event.places),
                to_json(event.tags),
                to_json(event.cites),
                self.source,
            )
        )
        self.link_rows.extend(
            (pid, start, end, rowid, int(i == 0)) for i, pid in enumerate(event.people)
        )
        if event.cites:  # each paper once per entry
            cited = self.cited
            for paper in {publication(cite) for cite in event.cites}:
                cited[paper] = cited.get(paper, 0) + 1
        if len(self.event_rows) >= _ROWS_PER_WRITE:
            self._flush()
        self.writing_s += perf_counter() - began

    def _flush(self) -> None:
        """Hand the gathered rows to the inserting thread (after the previous batch)."""
        batch = (self.people_rows, self.event_rows, self.link_rows)
        self.people_rows, self.event_rows, self.link_rows = [], [], []
        self._wait()
        self._pending = self._inserter.submit(self._insert, *batch)

    def _insert(self, people: list[tuple], events: list[tuple], links: list[tuple]) -> None:
        if people:
            self.conn.executemany(insert_sql("people", PEOPLE_COLUMNS), people)
        if events:
            self.conn.executemany(insert_sql("events", EVENT_COLUMNS), events)
        if links:
            self.conn.executemany(insert_sql("event_people", LINK_COLUMNS), links)

    def _wait(self) -> None:
        """Let the batch in flight finish (raising its error), before the connection is
        used from this thread."""
        if self._pending is not None:
            pending, self._pending = self._pending, None
            pending.result()

    # --- the end

    def finish(self, content_hash: str, stamp: str) -> None:
        """Everything that needs all rows: date order, counts, indexes, names, full text."""
        import time

        started = time.perf_counter()
        self._flush()
        self._wait()
        self.names.clear()
        self._merge_spellings()
        self.conn.executemany(
            insert_sql("chronologies", CHRONOLOGY_COLUMNS),
            (
                (
                    number,
                    name,
                    path,
                    info.title if info else name,
                    info.publisher if info else None,
                    info.url if info else None,
                    info.published if info else None,
                )
                for number, (name, path, info) in sorted(self.headers.items())
            ),
        )
        if not self.in_date_order:
            self._renumber_in_date_order()
        if self.names_missing:
            self.conn.execute(
                """UPDATE events SET people_names = (
                       SELECT group_concat(name, ' ; ') FROM (
                           SELECT p.name FROM json_each(events.people_json) AS j
                           JOIN people AS p ON p.id = j.value ORDER BY j.key))
                   WHERE people_json != '[]'"""
            )
        conn = self.conn
        conn.execute("CREATE UNIQUE INDEX idx_events_id ON events (id)")
        conn.execute("CREATE INDEX idx_events_start_day_end_day ON events (start_day, end_day)")
        conn.execute("CREATE INDEX idx_events_end_day ON events (end_day)")  # nearest before
        if len(self.headers) > 1:
            # A question limited to one chronology reads that chronology's rowids
            # (bot.ranking); with one chronology there is nothing to limit.
            conn.execute("CREATE INDEX idx_events_source ON events (source)")
        conn.execute(
            "CREATE INDEX idx_event_people_person_id_start_day_end_day_event_rowid"
            " ON event_people (person_id, start_day, end_day, event_rowid)"
        )
        conn.execute(
            "CREATE INDEX idx_event_people_person_id_event_rowid_lead"
            " ON event_people (person_id, event_rowid, lead)"  # lead: see Pages._leads
        )
        conn.execute(
            """UPDATE people SET entry_count = (
                   SELECT count(*) FROM event_people WHERE person_id = people.id)"""
        )
        info = self.header or ChronologyInfo("")
        meta = {
            "schema_version": SCHEMA_VERSION,
            "content_hash": content_hash,
            "source_stamp": stamp,
            "title": info.title,
            "publisher": info.publisher or "",
            "published": info.published or "",
            "url": info.url or "",
            # The longest span bounds how early an entry overlapping a date can start, so
            # date queries scan an index range instead of every entry starting before it.
            "max_span_days": str(self.longest),
        }
        conn.executemany("INSERT INTO meta VALUES (?, ?)", meta.items())
        # The papers and outlets entries cite, for "which newspapers?" (bot.entries.cited).
        conn.execute(
            "CREATE TABLE cited (name TEXT PRIMARY KEY, entry_count INTEGER NOT NULL) WITHOUT ROWID"
        )
        conn.execute("CREATE INDEX idx_cited_entry_count ON cited (entry_count)")
        self.cited.pop("", None)  # a citation that starts with a comma names no paper
        conn.executemany("INSERT INTO cited VALUES (?, ?)", self.cited.items())
        from bot.nameindex import write_name_tables

        write_name_tables(conn)
        indexed = time.perf_counter()
        columns = ", ".join(f"[{name}]" for name, _ in FTS_COLUMNS)
        conn.execute(
            f"CREATE VIRTUAL TABLE [events_fts] USING FTS5 ({columns}, "
            f"tokenize='{FTS_TOKENIZE}', content=[events])"
        )
        # Terms are gathered in memory up to this size before a segment is written: with the
        # default 1 MB a million entries made hundreds of segments, merged again and again; with
        # 256 MB they make one, so `optimize` has nothing to merge. The memory is a cap, not a
        # share: a small chronology's terms take what they need.
        conn.execute(
            "INSERT INTO events_fts(events_fts, rank) VALUES ('hashsize', ?)", (256 << 20,)
        )
        conn.execute(
            f"INSERT INTO events_fts (rowid, {columns}) SELECT rowid, {columns} FROM events"
        )
        conn.execute("INSERT INTO events_fts(events_fts) VALUES ('optimize')")
        # The indexed words, for suggesting a spelling when a word matches nothing.
        conn.execute("CREATE VIRTUAL TABLE events_vocab USING fts5vocab(events_fts, 'row')")
        # Listed once here: reading them from events_vocab walks the whole full-text index
        # (1.5 s at a million entries), which the first mistyped question would wait for.
        conn.execute(
            """CREATE TABLE latin_terms (term TEXT PRIMARY KEY, name_word INTEGER NOT NULL)
               WITHOUT ROWID"""
        )
        conn.execute(
            """INSERT INTO latin_terms
               SELECT term, term IN (SELECT word FROM name_words) FROM events_vocab
               WHERE term GLOB '[a-z]*'"""
        )
        conn.commit()
        self.timings = {"indexes_s": indexed - started, "fts_s": time.perf_counter() - indexed}
        self.close()

    def _merge_spellings(self) -> None:
        """Aliases of people named in several chronologies: every other file's spellings."""
        for person_id, spellings in self.merged.items():
            name, aliases = self.conn.execute(
                "SELECT name, aliases FROM people WHERE id = ?", (person_id,)
            ).fetchone()
            known = [*json.loads(aliases or "[]"), *spellings]
            merged = tuple(dict.fromkeys(a for a in known if a != name))
            self.conn.execute(
                "UPDATE people SET aliases = ? WHERE id = ?", (to_json(merged), person_id)
            )

    def _renumber_in_date_order(self) -> None:
        """Give the events rowids in date order (file order breaks ties), links included."""
        conn = self.conn
        conn.executescript(
            """
            CREATE TEMP TABLE renumbered (old INTEGER PRIMARY KEY, new INTEGER);
            INSERT INTO renumbered
                SELECT rowid, row_number() OVER (ORDER BY start_day, end_day, rowid) FROM events;
            UPDATE events SET rowid = -rowid;
            UPDATE events SET rowid = (SELECT new FROM renumbered WHERE old = -events.rowid);
            UPDATE event_people SET event_rowid =
                (SELECT new FROM renumbered WHERE old = event_people.event_rowid);
            DROP TABLE renumbered;
            """
        )

    def close(self) -> None:
        if not self._closed:
            self._closed = True
            with contextlib.suppress(Exception):  # closing after a failure: the first error wins
                self._wait()
            self._inserter.shutdown()
            self.db.close()


def lemmas_of(event: Event) -> str:
    """The `lemmas` column: base forms of the irregular English words of the entry's text and
    note ("shook" -> "shake"), and the stems of its Russian words, places and tags included
    ("в космосе" -> "космос"), so that any form of a word finds the entry."""
    text = f"{event.text} {event.note or ''}"
    lemmas = base_forms_of_text(text)
    russian = stems_of_text(" ".join((text, *event.places, *event.tags)))
    return f"{lemmas} {russian}" if lemmas and russian else lemmas or russian
