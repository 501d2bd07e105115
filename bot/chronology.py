"""A chronology as the rest of the program sees it: frozen named tuples, and the data errors.

Kept apart from `bot.data` (which reads and validates YAML) so that everything reading a
built index, `chronobot ask` included, imports neither PyYAML nor the validator.
"""

from __future__ import annotations

from typing import NamedTuple

from bot.dates import DateSpan


class Person(NamedTuple):
    id: str
    name: str
    aliases: tuple[str, ...] = ()
    description: str | None = None


class Event(NamedTuple):
    id: str
    date: str  # the normalized date value as written in the data ("1999-12-31", "1999-03/1999-05")
    span: DateSpan
    text: str
    date_text: str | None = None
    people: tuple[str, ...] = ()  # person ids
    cites: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    note: str | None = None


class ChronologyInfo(NamedTuple):
    title: str
    publisher: str | None = None
    published: str | None = None
    url: str | None = None


class Chronology(NamedTuple):
    info: ChronologyInfo
    people: dict[str, Person]  # id -> person, in file order
    events: tuple[Event, ...]  # in file order
    # `synonyms:` groups of terms that mean the same (in any language): "BMD" and "ballistic
    # missile defense"; asking with one finds entries written with another.
    synonyms: tuple[tuple[str, ...], ...] = ()


class DataIssue(NamedTuple):
    """One problem in a data file, worded for the operator who must fix it."""

    path: str
    line: int | None  # 1-based
    field: str  # e.g. "events[14].date"; "" for the whole file
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return (
            f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"
        )


class DataError(Exception):
    """The data file is invalid; `issues` lists every problem found."""

    def __init__(self, issues: list[DataIssue]):
        self.issues = issues
        super().__init__("\n".join(str(issue) for issue in issues))
