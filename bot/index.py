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
from collections.abc import Iterable, Iterator
from pathlib import Path

from bot.chronology import Chronology, Event
from bot.lang.en import base_forms_of_text


def _log(level: str, message: str, *args: object) -> None:
    """Log at `level` ("info", "warning"): only the rebuild path logs, never a cached `ask`,
    which so does not pay the ~7 ms of importing logging."""
    import logging

    getattr(logging.getLogger(__name__), level)(message, *args)


# Bump when the schema changes: an index of another version is rebuilt, never misread.
SCHEMA_VERSION = "5"

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
    """sha256 of the data file's bytes."""
    return _sha256(Path(data_path).read_bytes())


def _sha256(raw: bytes) -> str:
    import hashlib

    return hashlib.sha256(raw).hexdigest()


def source_stamp(data_path: str | Path) -> str:
    """The data file's path, size, mtime and inode: while these are unchanged the content is
    taken as unchanged (as make and git do), so a cached `ask` never reads or hashes it."""
    path = Path(data_path).resolve()
    info = path.stat()
    return f"{path}|{info.st_size}|{info.st_mtime_ns}|{info.st_ino}"


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


def _in_date_order(chronology: Chronology) -> list[Event]:
    """Events sorted by date (file order breaks ties): rowid order is then date order, which
    lets every query sort by rowid alone."""
    return sorted(chronology.events, key=lambda e: (e.span.start, e.span.end))


# One encoder for every list column: json.dumps with options builds a new one per call.
_to_json = json.JSONEncoder(ensure_ascii=False).encode

# Table schemas, created by sqlite-utils; rows are then added in bulk (see _insert).
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
}
PEOPLE_COLUMNS = {"id": str, "name": str, "aliases": str, "description": str, "entry_count": int}
# `lead` is 1 where the person is named first: the one who acts, not a passing mention.
LINK_COLUMNS = {
    "person_id": str, "start_day": int, "end_day": int, "event_rowid": int, "lead": int,
}  # fmt: skip


def _event_rows(events: list[Event], names: dict[str, str]) -> Iterator[tuple]:
    """Rows of the events table, in EVENT_COLUMNS order."""
    for order, event in enumerate(events):
        yield (
            order + 1,
            event.id,
            event.date,
            event.date_text,
            event.span.start.toordinal(),
            event.span.end.toordinal(),
            event.text,
            event.note,
            " ; ".join(names[pid] for pid in event.people),
            " ; ".join(event.places),
            " ; ".join(event.tags),
            " ; ".join(event.cites),
            base_forms_of_text(f"{event.text} {event.note or ''}"),
            _to_json(event.people),
            _to_json(event.places),
            _to_json(event.tags),
            _to_json(event.cites),
        )


def _write_index(chronology: Chronology, path: Path, content_hash: str, stamp: str) -> None:
    import sqlite_utils  # costly to import: only the build path pays for it

    db = sqlite_utils.Database(path)

    def _insert(
        table: str, columns: dict[str, type], rows: Iterable[tuple], pk: str | None = None
    ) -> None:
        """Create `table` with sqlite-utils, then add `rows` (in `columns` order) in bulk.

        sqlite-utils' insert_all inspects every value of every row; for 100,000 entries that
        was most of the build, while a prepared statement over plain tuples does the same.
        """
        db.table(table).create(columns, pk=pk)
        names = ", ".join(f"[{name}]" for name in columns)
        marks = ", ".join("?" * len(columns))
        db.conn.executemany(f"INSERT INTO [{table}] ({names}) VALUES ({marks})", rows)

    # A temporary file that is thrown away on any failure needs no journal; durability
    # comes from the fsync before os.replace.
    db.execute("PRAGMA journal_mode = OFF")
    db.execute("PRAGMA synchronous = OFF")
    events = _in_date_order(chronology)
    counts: dict[str, int] = dict.fromkeys(chronology.people, 0)
    for event in events:
        for pid in event.people:
            counts[pid] += 1
    info = chronology.info
    # The longest span bounds how early an entry overlapping a date can start, so date
    # queries scan an index range instead of every entry that starts before the date.
    longest = max((e.span.end.toordinal() - e.span.start.toordinal() for e in events), default=0)
    meta = {
        "schema_version": SCHEMA_VERSION,
        "content_hash": content_hash,
        "source_stamp": stamp,
        "title": info.title,
        "publisher": info.publisher or "",
        "published": info.published or "",
        "url": info.url or "",
        "max_span_days": str(longest),
    }
    _insert("meta", {"key": str, "value": str}, meta.items(), pk="key")
    people = chronology.people.values()
    _insert(
        "people",
        PEOPLE_COLUMNS,
        ((p.id, p.name, _to_json(p.aliases), p.description, counts[p.id]) for p in people),
        pk="id",
    )
    names = {pid: person.name for pid, person in chronology.people.items()}
    _insert("events", EVENT_COLUMNS, _event_rows(events, names), pk="rowid")
    # Dates are copied into the link table so "person X in year Y" is one index range.
    _insert(
        "event_people",
        LINK_COLUMNS,
        (
            (pid, event.span.start.toordinal(), event.span.end.toordinal(), order + 1, int(i == 0))
            for order, event in enumerate(events)
            for i, pid in enumerate(event.people)
        ),
    )
    _insert(
        "synonyms",
        {"term": str, "group_id": int},
        (
            (term.lower(), group_id)
            for group_id, group in enumerate(chronology.synonyms)
            for term in group
        ),
    )
    db.table("events").create_index(["id"], unique=True)
    db.table("events").create_index(["start_day", "end_day"])
    db.table("events").create_index(["end_day"])  # the nearest entry before a date
    db.table("event_people").create_index(["person_id", "start_day", "end_day", "event_rowid"])
    db.table("event_people").create_index(["person_id", "event_rowid"])
    # The name matcher's tables, built once here instead of at every engine start.
    from bot.names import NameMatcher

    matcher = NameMatcher((p.id, p.name, p.aliases) for p in chronology.people.values())
    db.table("blobs").insert({"key": "name_matcher", "value": matcher.state()}, pk="key")
    db.table("events").enable_fts([name for name, _ in FTS_COLUMNS], tokenize=FTS_TOKENIZE)
    db.execute("INSERT INTO events_fts(events_fts) VALUES ('optimize')")
    # The indexed words, for suggesting a spelling when a word matches nothing.
    db.execute("CREATE VIRTUAL TABLE events_vocab USING fts5vocab(events_fts, 'row')")
    db.conn.commit()
    db.close()


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
    target = Path(db_path)
    target.parent.mkdir(parents=True, exist_ok=True)
    with _build_lock(target):
        _build_locked(chronology, target, content_hash, source_stamp)


def _build_locked(chronology: Chronology, target: Path, content_hash: str, stamp: str) -> None:
    import tempfile

    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        tmp.unlink()  # sqlite-utils creates the file itself
        _write_index(chronology, tmp, content_hash, stamp)
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
    target = Path(db_path)
    meta = current_meta(target)
    try:
        stamp = source_stamp(data_path)
    except OSError:
        from bot.data import read_data_file

        read_data_file(data_path)  # raises the reader's DataError, which says why
        raise
    if meta and meta.get("source_stamp") == stamp:
        return target  # the fast path of `chronobot ask`: neither YAML nor the loader
    # Imported here: PyYAML and the validator cost ~15 ms, which a cached index never pays.
    from bot.data import parse_chronology, read_data_file

    # Hash and parse the same bytes, so an edit racing with the build cannot be mislabelled.
    raw, text = read_data_file(data_path)
    content_hash = _sha256(raw)
    if meta and meta.get("content_hash") == content_hash:
        return target
    chronology = parse_chronology(text, str(data_path))
    _log("info", "building index %s from %s", target, data_path)
    build_index(chronology, target, content_hash=content_hash, source_stamp=stamp)
    return target
