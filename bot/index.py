"""Build and open the SQLite index of a chronology.

The index is built with sqlite-utils into a temporary file and moved into place with
`os.replace`, so readers only ever see a complete index. The source file's content hash is
stored inside it, so an unchanged YAML file is never parsed again (the fast path of
`chronobot ask` imports neither YAML nor sqlite-utils).
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from time import perf_counter
from typing import TYPE_CHECKING, NamedTuple

from bot.chronology import Chronology, ChronologyInfo, Event, Person
from bot.lang.en import base_forms_of_text

if TYPE_CHECKING:  # the build's thread pool is imported by the build only (logging with it)
    from concurrent.futures import Future


def _log(level: str, message: str, *args: object) -> None:
    """Log at `level` ("info", "warning"): only the rebuild path logs, never a cached `ask`,
    which so does not pay the ~7 ms of importing logging."""
    import logging

    getattr(logging.getLogger(__name__), level)(message, *args)


# Bump when the schema changes: an index of another version is rebuilt, never misread.
SCHEMA_VERSION = "7"

# FTS5 columns in order, with their bm25 weights: a person's name or a place in an entry
# says more about what it is about than one word of its running text.
FTS_COLUMNS: tuple[tuple[str, float], ...] = (
    ("text", 1.0),
    ("note", 0.5),
    ("people_names", 3.0),
    ("places", 2.0),
    ("tags", 2.0),
    ("cites", 1.5),
    # Base forms of the irregular words of text and note ("shook" -> "shake"): see bot.lang.en.
    ("lemmas", 1.0),
)
FTS_TOKENIZE = "porter unicode61 remove_diacritics 2"


def source_hash(data_path: str | Path) -> str:
    """sha256 of the data file's bytes, read a block at a time; for several chronologies, of
    their names and hashes (see `combined_hash`)."""
    import hashlib

    from bot.sources import data_files, is_several

    files = data_files(data_path)
    hashes = []
    for file in files:
        sha = hashlib.sha256()
        with open(file, "rb") as handle:
            while block := handle.read(1 << 20):
                sha.update(block)
        hashes.append(sha.hexdigest())
    return combined_hash(files, hashes) if is_several(data_path) else hashes[0]


def combined_hash(files: list[Path], hashes: list[str]) -> str:
    """One hash for a set of chronology files: a file added, removed or changed changes it."""
    import hashlib

    listing = "".join(
        f"{file.name}\0{digest}\n" for file, digest in zip(files, hashes, strict=True)
    )
    return hashlib.sha256(listing.encode()).hexdigest()


def source_stamp(data_path: str | Path) -> str:
    """The data file's path, size, mtime and inode: while these are unchanged the content is
    taken as unchanged (as make and git do), so a cached `ask` never reads or hashes it.
    For a directory or a list, the stamps of every file: adding or removing one changes it."""
    from bot.sources import data_files, is_several

    stamps = []
    for file in data_files(data_path) if is_several(data_path) else [Path(data_path)]:
        path = file.resolve()
        info = path.stat()
        stamps.append(f"{path}|{info.st_size}|{info.st_mtime_ns}|{info.st_ino}")
    return "\n".join(stamps)


def _open_read_only(path: Path) -> sqlite3.Connection:
    """A read-only connection whose rows are read by column name."""
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    conn.row_factory = sqlite3.Row
    return conn


def read_meta(db_path: str | Path, *, check_complete: bool = False) -> dict[str, str]:
    """The index's meta table; raises sqlite3.DatabaseError when the file is not an index.

    `check_complete` also rejects a file shorter than its own header says (truncated), which
    SQLite would otherwise only notice when a query reaches the missing pages.
    """
    path = Path(db_path)
    conn = _open_read_only(path)
    try:
        meta = {row["key"]: row["value"] for row in conn.execute("SELECT key, value FROM meta")}
        if check_complete:
            pages = conn.execute("PRAGMA page_count").fetchone()["page_count"]
            page_size = conn.execute("PRAGMA page_size").fetchone()["page_size"]
            if path.stat().st_size < pages * page_size:
                raise sqlite3.DatabaseError("file is truncated")
        return meta
    finally:
        conn.close()


def _to_json(items: tuple[str, ...]) -> str:
    """A list of strings as JSON, as `json.dumps(items, ensure_ascii=False)` writes it.

    Called four times per entry: json.dumps' own set-up per call was a tenth of a build.
    """
    if not items:
        return "[]"
    return "[" + ", ".join(map(_json_string, items)) + "]"


_json_string = json.encoder.encode_basestring

# Table schemas, created by sqlite-utils; rows are then added in bulk (see IndexWriter).
EVENT_COLUMNS = {
    "rowid": int,
    "id": str,
    "date": str,
    "date_text": str,
    "start_day": int,
    "end_day": int,
    "text": str,
    "note": str,
    "people_names": str,
    "places": str,
    "tags": str,
    "cites": str,
    "lemmas": str,
    "people_json": str,
    "places_json": str,
    "tags_json": str,
    "cites_json": str,
    "source": int,  # the chronology (rowid of `chronologies`) the entry comes from
}
PEOPLE_COLUMNS = {"id": str, "name": str, "aliases": str, "description": str, "entry_count": int}
# `lead` is 1 where the person is named first: the one who acts, not a passing mention.
LINK_COLUMNS = {
    "person_id": str, "start_day": int, "end_day": int, "event_rowid": int, "lead": int,
}  # fmt: skip
CHRONOLOGY_COLUMNS = {
    "rowid": int, "name": str, "path": str, "title": str, "publisher": str, "url": str,
    "published": str,
}  # fmt: skip
_ROWS_PER_WRITE = 5000


def _insert_sql(table: str, columns: dict[str, type]) -> str:
    names = ", ".join(f"[{name}]" for name in columns)
    return f"INSERT INTO [{table}] ({names}) VALUES ({', '.join('?' * len(columns))})"


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
        row = (person.id, person.name, _to_json(person.aliases), person.description, 0)
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
        if all(pid in names for pid in event.people):
            people_names = " ; ".join(names[pid] for pid in event.people)
        else:
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
                base_forms_of_text(f"{event.text} {event.note or ''}"),
                _to_json(event.people),
                _to_json(event.places),
                _to_json(event.tags),
                _to_json(event.cites),
                self.source,
            )
        )
        self.link_rows.extend(
            (pid, start, end, rowid, int(i == 0)) for i, pid in enumerate(event.people)
        )
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
            self.conn.executemany(_insert_sql("people", PEOPLE_COLUMNS), people)
        if events:
            self.conn.executemany(_insert_sql("events", EVENT_COLUMNS), events)
        if links:
            self.conn.executemany(_insert_sql("event_people", LINK_COLUMNS), links)

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
            _insert_sql("chronologies", CHRONOLOGY_COLUMNS),
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
        # A question limited to one chronology reads that chronology's rowids (bot.ranking).
        conn.execute("CREATE INDEX idx_events_source ON events (source)")
        conn.execute(
            "CREATE INDEX idx_event_people_person_id_start_day_end_day_event_rowid"
            " ON event_people (person_id, start_day, end_day, event_rowid)"
        )
        conn.execute(
            "CREATE INDEX idx_event_people_person_id_event_rowid"
            " ON event_people (person_id, event_rowid)"
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
        from bot.nameindex import write_name_tables

        write_name_tables(conn)
        indexed = time.perf_counter()
        columns = ", ".join(f"[{name}]" for name, _ in FTS_COLUMNS)
        conn.execute(
            f"CREATE VIRTUAL TABLE [events_fts] USING FTS5 ({columns}, "
            f"tokenize='{FTS_TOKENIZE}', content=[events])"
        )
        # Terms are gathered in memory up to this size before a segment is written: with the
        # default 1 MB a million entries made hundreds of segments, merged again and again.
        conn.execute("INSERT INTO events_fts(events_fts, rank) VALUES ('hashsize', ?)", (32 << 20,))
        conn.execute(
            f"INSERT INTO events_fts (rowid, {columns}) SELECT rowid, {columns} FROM events"
        )
        conn.execute("INSERT INTO events_fts(events_fts) VALUES ('optimize')")
        # The indexed words, for suggesting a spelling when a word matches nothing.
        conn.execute("CREATE VIRTUAL TABLE events_vocab USING fts5vocab(events_fts, 'row')")
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
                "UPDATE people SET aliases = ? WHERE id = ?", (_to_json(merged), person_id)
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


def _write_index(chronology: Chronology, path: Path, content_hash: str, stamp: str) -> None:
    writer = IndexWriter(path)
    try:
        writer.info(chronology.info)
        writer.synonyms(chronology.synonyms)
        for person in chronology.people.values():
            writer.person(person)
        for event in chronology.events:
            writer.event(event)
        writer.finish(content_hash, stamp)
    finally:
        writer.close()


@contextlib.contextmanager
def _build_lock(target: Path) -> Iterator[None]:
    """Serialise builders of one index; the holder may clear temp files of killed builds."""
    import fcntl

    with open(target.with_name(target.name + ".lock"), "a+b") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            for stale in target.parent.glob(f".{target.name}.*.tmp"):
                with contextlib.suppress(FileNotFoundError):
                    stale.unlink()
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def build_index(
    chronology: Chronology, db_path: str | Path, *, content_hash: str = "", source_stamp: str = ""
) -> None:
    """Write the index of `chronology` to `db_path` atomically (temp file + os.replace)."""
    _build_atomically(
        Path(db_path), lambda tmp: _write_index(chronology, tmp, content_hash, source_stamp)
    )


class BuildReport(NamedTuple):
    """What a build from a file did, and where its time went (seconds)."""

    events: int
    people: int
    content_hash: str
    reading_s: float  # reading the file and composing YAML nodes
    validating_s: float  # checking the nodes, building the records
    writing_s: float  # inserting the rows
    indexes_s: float  # date order, counts, secondary indexes, name tables
    fts_s: float  # the full-text index


def build_index_from_file(
    data_path: str | Path, db_path: str | Path, *, source_stamp: str = ""
) -> BuildReport:
    """Validate `data_path` and write its index to `db_path` atomically, in one streaming
    pass: memory does not grow with the number of events. Raises bot.data.DataError."""
    reports: list[BuildReport] = []
    _build_atomically(
        Path(db_path), lambda tmp: reports.append(_stream_index(data_path, tmp, source_stamp))
    )
    return reports[0]


def _stream_index(data_path: str | Path, tmp: Path, stamp: str) -> BuildReport:
    """Read every chronology file of `data_path` into one index at `tmp`."""
    import time

    from bot.chronology import DataError, DataIssue
    from bot.data import read_chronology
    from bot.sources import data_files, is_several

    several = is_several(data_path)
    files = data_files(data_path)
    if not files:
        raise DataError([DataIssue(str(data_path), None, "", "no *.yaml file in the directory")])
    writers: list[IndexWriter] = []

    def fresh_writer(upto: int) -> IndexWriter:
        """A new index holding the first `upto` files again (a file read a second time
        restarts the index, and the files before it are read into the new one)."""
        if writers:
            writers[-1].close()
            tmp.unlink(missing_ok=True)
        writer = IndexWriter(tmp)
        writers.append(writer)
        for number, file in enumerate(files[:upto], 1):
            writer.begin_source(number, file, qualify=several)
            read_chronology(file, lambda: writer)
        return writer

    started = time.perf_counter()
    issues: list[DataIssue] = []
    hashes: list[str] = []
    reading_s = 0.0
    try:
        fresh_writer(0)
        for number, file in enumerate(files, 1):
            calls: list[int] = []

            def sink(
                number: int = number, file: Path = file, calls: list[int] = calls
            ) -> IndexWriter:
                calls.append(1)
                writer = fresh_writer(number - 1) if len(calls) > 1 else writers[-1]
                writer.begin_source(number, file, qualify=several)
                return writer

            try:
                digest, seconds = read_chronology(file, sink)
            except DataError as error:
                issues.extend(error.issues)  # every file's problems, each under its own name
                continue
            hashes.append(digest)
            reading_s += seconds
        if issues:
            raise DataError(issues)
        content_hash = combined_hash(files, hashes) if several else hashes[0]
        streamed = time.perf_counter() - started
        writer = writers[-1]
        writer.finish(content_hash, stamp)
    finally:
        for each in writers:
            each.close()
    return BuildReport(
        events=writer.count,
        people=writer.people,
        content_hash=content_hash,
        reading_s=reading_s,
        validating_s=streamed - reading_s - writer.writing_s,
        writing_s=writer.writing_s,
        indexes_s=writer.timings["indexes_s"],
        fts_s=writer.timings["fts_s"],
    )


def _build_atomically(target: Path, write: Callable[[Path], None]) -> None:
    """Run `write(tmp)` on a temporary file beside `target`, then move it into place."""
    import tempfile

    target.parent.mkdir(parents=True, exist_ok=True)
    with _build_lock(target):
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        os.close(fd)
        tmp = Path(tmp_name)
        try:
            tmp.unlink()  # sqlite-utils creates the file itself
            write(tmp)
            with open(tmp, "rb+") as handle:
                os.fsync(handle.fileno())
            os.replace(tmp, target)
        except BaseException:
            with contextlib.suppress(FileNotFoundError):
                tmp.unlink()
            raise
        _fsync_directory(target.parent)


def _fsync_directory(directory: Path) -> None:
    """Make the rename itself durable (a no-op where directories cannot be opened)."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def current_meta(db_path: str | Path) -> dict[str, str] | None:
    """The meta table of a readable, complete index of this schema at `db_path`, else None."""
    path = Path(db_path)
    if not path.exists():
        return None
    try:
        meta = read_meta(path, check_complete=True)
    except sqlite3.DatabaseError as error:
        _log("warning", "index %s is unreadable (%s); rebuilding it", path, error)
        return None
    return meta if meta.get("schema_version") == SCHEMA_VERSION else None


def index_counts(db_path: str | Path) -> tuple[int, int]:
    """(entries, people) of a built index."""
    conn = _open_read_only(Path(db_path))
    try:
        row = conn.execute(
            "SELECT (SELECT count(*) FROM events) AS entries, "
            "(SELECT count(*) FROM people) AS people"
        ).fetchone()
        return row["entries"], row["people"]
    finally:
        conn.close()


def ensure_index(data_path: str | Path, db_path: str | Path) -> Path:
    """Return a current index for `data_path`: reuse it when the data is unchanged (same
    file stamp, or else same sha256), otherwise validate and rebuild.

    Raises bot.data.DataError when the data is invalid (the old index is left untouched).
    """
    from bot.chronology import DataError, DataIssue

    target = Path(db_path)
    meta = current_meta(target)
    try:
        stamp = source_stamp(data_path)
        if meta and meta.get("source_stamp") == stamp:
            return target
        content_hash = source_hash(data_path) if meta else None
    except OSError as error:
        reason = error.strerror or str(error)
        issue = DataIssue(str(data_path), None, "", f"cannot read the file: {reason}")
        raise DataError([issue]) from None
    if meta and meta.get("content_hash") == content_hash:
        return target
    _log("info", "building index %s from %s", target, data_path)
    # The index records the hash of the bytes it was built from, read in the same pass.
    build_index_from_file(data_path, target, source_stamp=stamp)
    return target
