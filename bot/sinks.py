"""Where a checker sends the valid pieces of a chronology: the index being written, a list, or
a count."""

from __future__ import annotations

from typing import Protocol

from bot.chronology import Chronology, ChronologyInfo, Event, Person


class Sink(Protocol):
    """Where the checker sends every valid piece of a chronology, in file order."""

    def info(self, info: ChronologyInfo) -> None: ...

    def person(self, person: Person) -> None: ...

    def event(self, event: Event) -> None: ...

    def synonyms(self, groups: tuple[tuple[str, ...], ...]) -> None: ...


class ChronologySink:
    """Collects the pieces into a `Chronology` (for files small enough to hold)."""

    def __init__(self) -> None:
        self.header: ChronologyInfo | None = None
        self.people: dict[str, Person] = {}
        self.events: list[Event] = []
        self.groups: tuple[tuple[str, ...], ...] = ()

    def info(self, info: ChronologyInfo) -> None:
        self.header = info

    def synonyms(self, groups: tuple[tuple[str, ...], ...]) -> None:
        self.groups = groups

    def person(self, person: Person) -> None:
        self.people[person.id] = person

    def event(self, event: Event) -> None:
        self.events.append(event)

    def chronology(self) -> Chronology:
        assert self.header is not None
        return Chronology(self.header, self.people, tuple(self.events), self.groups)


class CountingSink:
    """Counts what a valid file holds, keeping nothing (`chronobot validate`)."""

    def __init__(self) -> None:
        self.people = self.events = 0

    def restart(self) -> CountingSink:
        self.people = self.events = 0
        return self

    def info(self, info: ChronologyInfo) -> None:
        pass

    def person(self, person: Person) -> None:
        self.people += 1

    def event(self, event: Event) -> None:
        self.events += 1

    def synonyms(self, groups: tuple[tuple[str, ...], ...]) -> None:
        pass
