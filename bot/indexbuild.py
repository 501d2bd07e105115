"""Build an index atomically: into a temporary file beside the target, then `os.replace`.

Readers only ever see a complete index; builders of one index take turns (a lock file), and
the one holding the lock clears temporary files of builds that were killed.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import NamedTuple

from bot.chronology import Chronology
from bot.indexsource import combined_hash


def _write_index(chronology: Chronology, path: Path, content_hash: str, stamp: str) -> None:
    from bot.indexwriter import IndexWriter

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
    from bot.indexwriter import IndexWriter
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
