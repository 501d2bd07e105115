"""Open a chronology's SQLite index, and reuse it while the data it was built from is unchanged.

The index is built (`bot.indexbuild`) into a temporary file and moved into place with
`os.replace`, so readers only ever see a complete index. The source file's content hash is
stored inside it, so an unchanged YAML file is never parsed again (the fast path of
`chronobot ask` imports neither YAML nor sqlite-utils).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from bot.indexbuild import BuildReport, build_index, build_index_from_file
from bot.indexschema import FTS_COLUMNS, FTS_TOKENIZE, SCHEMA_VERSION
from bot.indexsource import combined_hash, source_hash, source_stamp

__all__ = [
    "FTS_COLUMNS",
    "FTS_TOKENIZE",
    "SCHEMA_VERSION",
    "BuildReport",
    "build_index",
    "build_index_from_file",
    "combined_hash",
    "current_meta",
    "ensure_index",
    "index_counts",
    "read_meta",
    "source_hash",
    "source_stamp",
]


def _log(level: str, message: str, *args: object) -> None:
    """Log at `level` ("info", "warning"): only the rebuild path logs, never a cached `ask`,
    which so does not pay the ~7 ms of importing logging."""
    import logging

    getattr(logging.getLogger(__name__), level)(message, *args)


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
