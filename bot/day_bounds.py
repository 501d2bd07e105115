"""How many entries overlap a period, counted without reading them: by bisection over the
sorted first and last days of every entry (bot.ranking counts a date question's matches so).
"""

from __future__ import annotations

import bisect
import sqlite3
from array import array

from bot.dates import DateSpan


class DayBounds:
    """Counts entries overlapping a period by bisection over sorted first and last days.

    An entry overlaps [S, E] unless it starts after E or ends before S, two disjoint sets, so
    the count is (entries starting on or before E) - (entries ending before S): two binary
    searches instead of an index scan over a range that may hold most of the chronology.
    Loaded on first use: questions without a bare date never pay for it. With `chronology`,
    the days of that chronology's entries only (a question limited to it).
    """

    def __init__(self, conn: sqlite3.Connection, chronology: int | None = None):
        self._conn = conn
        self._chronology = chronology
        self._starts: array | None = None
        self._ends: array | None = None

    def count_overlapping(self, span: DateSpan | None) -> int:
        if self._starts is None or self._ends is None:
            within = "" if self._chronology is None else " WHERE source = ?"
            params = () if self._chronology is None else (self._chronology,)
            days = "SELECT {0} FROM events" + within + " ORDER BY {0}"
            self._starts = array(
                "l", (d for (d,) in self._conn.execute(days.format("start_day"), params))
            )
            self._ends = array(
                "l", (d for (d,) in self._conn.execute(days.format("end_day"), params))
            )
        if span is None:
            return len(self._starts)
        started = bisect.bisect_right(self._starts, span.end.toordinal())
        ended = bisect.bisect_left(self._ends, span.start.toordinal())
        return started - ended
