"""Read and validate a chronology YAML file.

Validation is strict and reports every problem at once, each with file, line and field,
because the people editing the data are not programmers and a half-loaded chronology would
answer questions wrongly.

Line numbers come from PyYAML's node trees (`yaml.compose`), which also show the duplicate
keys that `yaml.safe_load` would silently overwrite. The file is read in pieces
(`bot.yamlstream`) and checked piece by piece (`bot.validate`), so a million-event file is
validated and indexed in bounded memory. Only the commands that read a data file import this
module (and PyYAML); a built index is read with `bot.chronology` alone.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO

import yaml

from bot import yamlfast, yamlstream
from bot.chronology import Chronology, ChronologyInfo, DataError, DataIssue, Event, Person
from bot.validate import MAX_ID_LENGTH, Checker, ChronologySink, Sink

__all__ = [
    "MAX_ID_LENGTH",
    "Chronology",
    "ChronologyInfo",
    "DataError",
    "DataIssue",
    "Event",
    "Person",
    "load_chronology",
    "parse_chronology",
    "read_chronology",
]


def load_chronology(path: str | Path) -> Chronology:
    """Read, validate and return the chronology in `path`; raise DataError listing all problems."""
    sinks: list[ChronologySink] = []

    def new_sink() -> ChronologySink:
        sinks.append(ChronologySink())
        return sinks[-1]

    read_chronology(path, new_sink)
    return sinks[-1].chronology()


def parse_chronology(text: str, path: str = "<string>") -> Chronology:
    """Validate YAML `text` (reported as `path`) and return the chronology; raise DataError."""
    sink = ChronologySink()
    checker = Checker(path, sink)
    _read(path, checker, lambda: yamlstream.read_exact(checker, text=text))
    return sink.chronology()


def read_chronology(path: str | Path, new_sink: Callable[[], Sink]) -> tuple[str, float]:
    """Validate the file at `path`, handing every valid piece to a sink as it is read, so
    memory does not grow with the file; return the sha256 of the bytes read and the seconds
    spent reading them (the checker's and the sink's time excluded).

    Raises DataError listing every problem. `new_sink` makes the sink: it is called again
    (and the earlier sink must be dropped) when the file has to be read a second time.
    """
    shown = str(path)
    opener = _HashingOpener(Path(path))
    checker = Checker(shown, new_sink())
    try:
        seconds = _read(shown, checker, lambda: yamlfast.read_fast(opener, checker))
    except yamlstream.NotFast:
        opener = _HashingOpener(Path(path))
        checker = Checker(shown, new_sink())
        seconds = _read(shown, checker, lambda: yamlstream.read_exact(checker, opener=opener))
    return opener.digest(), seconds


class _HashingOpener:
    """Opens a file whose bytes are hashed as they are read, so an index records the hash of
    exactly what it was built from, even when the file changes meanwhile."""

    def __init__(self, path: Path):
        self._path = path
        self._sha = hashlib.sha256()

    def __call__(self) -> _HashingFile:
        return _HashingFile(open(self._path, "rb"), self._sha)

    def digest(self) -> str:
        return self._sha.hexdigest()


class _HashingFile:
    """A binary file, read-only, that feeds what is read to a hash."""

    def __init__(self, handle: BinaryIO, sha: hashlib._Hash):
        self._handle = handle
        self._sha = sha

    def read(self, size: int = -1) -> bytes:
        data = self._handle.read(size)
        self._sha.update(data)
        return data

    def __enter__(self) -> _HashingFile:
        return self

    def __exit__(self, *exc: object) -> None:
        self._handle.close()


def _read(shown: str, checker: Checker, read: Callable[[], float]) -> float:
    """Run a reader over the checker, turning every way a file can fail into DataError;
    return what the reader returns (its own seconds)."""
    with _gc_paused():
        try:
            seconds = read()
        except OSError as error:
            reason = error.strerror or str(error)
            issue = DataIssue(shown, None, "", f"cannot read the file: {reason}")
            raise DataError([issue]) from None
        except yamlstream.Unreadable as error:
            raise DataError([DataIssue(shown, error.line, "", error.message)]) from None
        except yamlstream.NotFast:
            raise
        except Exception as error:
            found = _yaml_issue(error, shown)
            if found is None:
                raise
            raise DataError([found]) from None
        issues = checker.finish()
    if issues:
        raise DataError(issues)
    return seconds


@contextlib.contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while a file is composed and checked.

    A large file allocates millions of acyclic nodes; each automatic collection would walk
    them all again, which made a 100,000-event file several times slower to load.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _yaml_issue(error: Exception, path: str) -> DataIssue | None:
    """A YAML error as the one DataIssue to report, or None for other exceptions."""
    if isinstance(error, yaml.MarkedYAMLError):
        return _syntax_issue(error, path)
    if isinstance(error, yaml.YAMLError):
        # ReaderError (a control character) has a character position instead of a mark.
        reason = getattr(error, "reason", None) or "unreadable character"
        message = f"invalid YAML: {reason} (remove or replace that character)"
        return DataIssue(path, getattr(error, "line", None), "", message)
    if isinstance(error, UnicodeEncodeError):
        # Lone surrogates can only come from a caller's str, never from a UTF-8 file.
        return DataIssue(path, None, "", "the text is not valid Unicode")
    if isinstance(error, RecursionError):
        # The pure-Python composer recurses per nesting level.
        return DataIssue(path, None, "", "invalid YAML: nested too deeply")
    return None


def _syntax_issue(error: yaml.MarkedYAMLError, path: str) -> DataIssue:
    """A YAML parser error as a DataIssue on the line where the parser gave up."""
    mark = error.problem_mark or error.context_mark
    parts = [part for part in (error.context, error.problem) if part]
    message = "invalid YAML: " + (", ".join(parts) or "syntax error")
    if error.problem and "mapping values are not allowed" in error.problem:
        # By far the most common case in hand-written data: unquoted text containing ": ".
        message += " (put text containing ': ' in quotes)"
    return DataIssue(path, mark.line + 1 if mark else None, "", message)
