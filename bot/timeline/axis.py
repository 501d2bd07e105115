"""The picture's horizontal geometry: its width, where the plot lies, and the time axis
across it (which years it spans, where each day falls, which ticks it carries).

Part of the timeline layout (bot/timeline/layout.py), apart because everything placed along
time (marks, labels, bars, the asked period's shade) goes through `Axis.x`, and the axis is
checked in tests on its own (ticks for spans of a month to millennia).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from bot.timeline.collect import MONTH, Timeline
from bot.words import ENGLISH, N_, Words

WIDTH = 1280  # Telegram shows photos up to 1280 pixels wide without scaling them down
MARGIN = 24
GUTTER = 230  # lane names
PLOT_LEFT = MARGIN + GUTTER
PLOT_RIGHT = WIDTH - MARGIN

# Month names on a short axis and in a monthly histogram (words._ translates them).
MONTHS = (
    N_("Jan"), N_("Feb"), N_("Mar"), N_("Apr"), N_("May"), N_("Jun"),
    N_("Jul"), N_("Aug"), N_("Sep"), N_("Oct"), N_("Nov"), N_("Dec"),
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Axis:
    """Days (ordinals) from `start` to `end` mapped onto the plot's width."""

    start: int
    end: int

    def x(self, day: float) -> float:
        return PLOT_LEFT + (day - self.start) * (PLOT_RIGHT - PLOT_LEFT) / (self.end - self.start)


def choose_axis(timeline: Timeline) -> Axis:
    """Whole years around the entries, widened to bounded asked periods when they are near."""
    first, last = timeline.first_day, timeline.last_day
    reach = max(last - first, 366) * 2  # a far-off period would squeeze the entries
    for asked in timeline.asked:
        if asked.start_iso and first - asked.start.toordinal() <= reach:
            first = min(first, asked.start.toordinal())
        if asked.end_iso and asked.end.toordinal() - last <= reach:
            last = max(last, asked.end.toordinal())
    first_year = dt.date.fromordinal(first).year
    last_year = dt.date.fromordinal(last).year
    return Axis(dt.date(first_year, 1, 1).toordinal(), _year_start(last_year + 1))


def _year_start(year: int) -> int:
    return dt.date(min(year, dt.MAXYEAR), 1, 1).toordinal() + (365 if year > dt.MAXYEAR else 0)


def ticks(axis: Axis, words: Words = ENGLISH) -> list[tuple[int, str, bool]]:
    """(day, label, major) along the axis: years at a readable step, or months in short spans."""
    first = dt.date.fromordinal(axis.start).year
    last = dt.date.fromordinal(axis.end - 1).year
    years = last - first + 1
    if years <= 2:
        step = 1 if years == 1 else 3
        return [
            (dt.date(y, m, 1).toordinal(), str(y) if m == 1 else words._(MONTHS[m - 1]), m == 1)
            for y in range(first, last + 1)
            for m in range(1, 13, step)
        ] + [(axis.end, str(last + 1), True)]
    room = (PLOT_RIGHT - PLOT_LEFT) // 56  # a year label is about 40 pixels wide
    step = next(
        s for s in (1, 2, 5, 10, 20, 25, 50, 100, 200, 500, 1000, 10000) if years / s <= room
    )
    start = -(-first // step) * step
    return [(_year_start(y), str(y), True) for y in range(start, last + 2, step) if y <= dt.MAXYEAR]


def bin_label(first_day: int, unit: str, words: Words = ENGLISH) -> str:
    """ "1987", or "Feb 1987" for a month."""
    day = dt.date.fromordinal(first_day)
    return f"{words._(MONTHS[day.month - 1])} {day.year}" if unit == MONTH else str(day.year)
