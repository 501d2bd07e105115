"""What the engine returns: an `Answer` (how the question was read, the entries, a notice),
plain frozen data that every renderer and surface reads and none of them changes."""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.dates import DateSpan


@dataclass(frozen=True, slots=True)
class Source:
    """What a reader needs to cite the chronology itself."""

    title: str
    publisher: str | None = None
    url: str | None = None


@dataclass(frozen=True, slots=True)
class PersonInfo:
    id: str
    name: str
    aliases: tuple[str, ...] = ()
    description: str | None = None
    entry_count: int = 0


@dataclass(frozen=True, slots=True)
class Entry:
    """One chronology entry as a result, with everything needed to show and cite it."""

    id: str
    date: str  # the data's date value ("2013-02-16", "1993-03/1993-05")
    date_text: str  # as the source writes it, or a readable form of `date`
    span: DateSpan
    text: str
    people: tuple[PersonInfo, ...] = ()
    cites: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    note: str | None = None
    score: float = 0.0  # higher is better; 0 when the order is by date only


@dataclass(frozen=True, slots=True)
class Interpretation:
    """How the question was read."""

    people: tuple[PersonInfo, ...] = ()
    span: DateSpan | None = None
    date_phrase: str | None = None  # the question's own date words, e.g. "between 2008 and 2009"
    terms: tuple[str, ...] = ()  # words that rank (after stop words are removed)
    phrases: tuple[str, ...] = ()  # runs of those words as written: whole phrases rank higher
    unknown_names: tuple[str, ...] = ()  # name-like words matching no person ("Merkel")
    suggestions: tuple[PersonInfo, ...] = ()  # close names for the unknown ones


@dataclass(frozen=True, slots=True)
class Answer:
    question: str
    interpretation: Interpretation
    results: tuple[Entry, ...]  # the requested page, best first
    total: int  # matching entries in all (results may be one page of them)
    offset: int = 0
    relaxed: bool = False  # True when results are the nearest alternative, not exact matches
    notice: str | None = None  # one human sentence about relaxation or unknown names
    source: Source = field(default_factory=lambda: Source(title=""))


@dataclass(frozen=True, slots=True)
class About:
    """The chronology as a whole, for /about and `chronobot check`."""

    source: Source
    published: str | None
    first: DateSpan | None
    last: DateSpan | None
    entry_count: int
    people_count: int
