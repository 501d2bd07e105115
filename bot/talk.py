"""Answers to messages that ask about the chronology itself rather than search it: a greeting,
"help", who is in it, how big it is, which papers it cites (bot.lang.small_talk tells them
from questions). Each is a `Notice` with no entries; bot.render_reading words it.
"""

from __future__ import annotations

import datetime as dt

from bot.answer import Notice
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
