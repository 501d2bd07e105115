"""Answers to messages that ask about the chronology itself rather than search it: a greeting,
"help", who is in it, how big it is, which papers it cites (bot.lang.requests.small_talk tells
them from questions). Each is a `Notice` with no entries; bot.render_reading words it. Also the
summary line of a "who …?" question: the people its entries name.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence

from bot.answer import Entry, Notice
from bot.dates import DateSpan
from bot.entries import IndexEntries
from bot.people import PeopleTable

SHOWN = 15  # people (or papers) listed for "who is in this chronology?" ("which papers?")


def talk_notice(kind: str, people: PeopleTable, entries: IndexEntries) -> Notice:
    """The notice that answers a message of `kind` (one of bot.answer.TALK)."""
    if kind == "people":
        return Notice(kind, people=tuple(people.busiest(SHOWN)), words=(str(len(people)),))
    if kind == "press":
        cited, count = entries.cited(SHOWN)
        return Notice(
            kind,
            words=tuple(name for name, _ in cited),
            counts=tuple(count for _, count in cited),
            dates=(str(count),),
        )
    if kind == "about":
        return _about(entries)
    return Notice(kind)


def _about(entries: IndexEntries) -> Notice:
    """The chronology as a whole, for "how many entries?": its counts and its years."""
    about = entries.about()
    span = None
    if about.first is not None and about.last is not None:  # in whole years
        first, last = about.first.start.year, about.last.end.year
        span = DateSpan(dt.date(first, 1, 1), dt.date(last, 12, 31))
    return Notice("about", span=span, words=(str(about.entry_count), str(about.people_count)))


WHO_SHOWN = 5  # people named in a "who …?" answer's summary line
WHO_MATCHES = 5  # ... of an answer of at most this many entries


def who_notice(entries: Sequence[Entry]) -> Notice | None:
    """For "who proposed …?": the people the shown entries name, the most named first (then
    in the order they appear); None when they name nobody."""
    named = Counter(person.name for entry in entries for person in entry.people)
    if not named:
        return None
    ranked = named.most_common(WHO_SHOWN)  # equal counts: in the order first named
    return Notice(
        "who", words=tuple(name for name, _ in ranked), counts=tuple(n for _, n in ranked)
    )
