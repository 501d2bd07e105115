"""Where everything in a timeline picture goes: plain geometry, computed before any drawing.

The layout decides the size of the picture, the header, the lanes (marks or per-year bars,
each lane's name and counts), the shade of the asked period and the footer. Two parts live
beside it: the time axis and the picture's width (bot/timeline/axis.py) and which labels fit
without overlapping (bot/timeline/labels.py). Text widths come from a `measure` function (the
drawing module passes the real font's), so this module never imports Pillow and its result
can be checked in tests without looking at pixels.
"""

from __future__ import annotations

import datetime as dt

from bot.dates import DateSpan
from bot.render import shorten
from bot.timeline.axis import (
    GUTTER,
    MARGIN,
    PLOT_LEFT,
    PLOT_RIGHT,
    WIDTH,
    Axis,
    bin_label,
    choose_axis,
    ticks,
)
from bot.timeline.collect import MONTH, Lane, Timeline, next_bin
from bot.timeline.labels import LABEL_SIZE, Measure, place_labels
from bot.timeline.shapes import INK, Dot, Label, Layout, Line, Rect, Text
from bot.words import ENGLISH, Words

TITLE_SIZE, TEXT_SIZE, NAME_SIZE, SMALL_SIZE = 22, 15, 14, 12
ROW_HEIGHT = 17
MARK_HEIGHT = 16
LANE_PAD = 8
HISTOGRAM_HEIGHT = 48

LANE_COLORS = (
    "#4e79a7",
    "#e15759",
    "#59a14f",
    "#f28e2b",
    "#b07aa1",
    "#76b7b2",
    "#9c755f",
    "#d37295",
)
OTHERS_COLOR = "#8c8c8c"
GREY, GRID, STRIPE = "#666666", "#dddddd", "#f5f6f8"
SHADE, SHADE_STRIPE, ASKED_INK = "#fff4cc", "#f7ebc1", "#8a6d00"  # the asked period


def lay_out(timeline: Timeline, measure: Measure, words: Words = ENGLISH) -> Layout:
    """The picture of a non-empty timeline, worded in `words`' language."""
    if not timeline.total or not timeline.lanes:
        raise ValueError("an empty timeline has nothing to draw")
    axis = choose_axis(timeline)
    layout = Layout(WIDTH, 0)
    y = _header(layout, timeline, measure, words)
    top = y
    if timeline.asked:
        y += ROW_HEIGHT + 4  # a row for the asked periods' names above the lanes
    lanes_top = y
    shades = _asked_columns(timeline, axis)
    for x0, x1 in shades:
        layout.background.append(Rect(x0, top, x1, lanes_top, SHADE))
    unlabelled = set(range(len(timeline.marks)))  # marks whose label found no room yet
    for index in range(len(timeline.lanes)):
        if timeline.is_histogram:
            height = _histogram_lane(layout, timeline, index, axis, y)
        else:
            height = _mark_lane(layout, timeline, index, axis, y, measure, unlabelled)
        striped = index % 2 == 0
        if striped:
            layout.background.append(Rect(0, y, WIDTH, y + height, STRIPE))
        for x0, x1 in shades:  # a darker yellow where it crosses a stripe, so both show
            color = SHADE_STRIPE if striped else SHADE
            layout.background.append(Rect(x0, y, x1, y + height, color))
        _lane_name(layout, timeline, index, (y, height), measure, words)
        y += height
    if shades:
        _name_asked(layout, timeline, shades[0], (top + lanes_top) / 2, measure, words)
    y = _axis(layout, axis, lanes_top, y, words)
    layout.dropped_labels = len(unlabelled)
    _footer(layout, timeline, y, words)
    layout.height = int(y + 2 * SMALL_SIZE + MARGIN)
    return layout


def _header(layout: Layout, timeline: Timeline, measure: Measure, words: Words) -> float:
    y = MARGIN + TITLE_SIZE / 2
    width = WIDTH - 2 * MARGIN
    heading = timeline.question or words._("The whole chronology")
    heading = _fit(heading, width, TITLE_SIZE, True, measure)
    layout.texts.append(Text(MARGIN, y, heading, TITLE_SIZE, INK, True))
    y += TITLE_SIZE + 8
    layout.texts.append(
        Text(
            MARGIN,
            y,
            _fit(summary(timeline, words), width, TEXT_SIZE, False, measure),
            TEXT_SIZE,
            GREY,
        )
    )
    y += TEXT_SIZE + 8
    if timeline.notice:
        layout.texts.append(
            Text(
                MARGIN,
                y,
                _fit(timeline.notice, width, TEXT_SIZE, False, measure),
                TEXT_SIZE,
                "#9a3412",
            )
        )
        y += TEXT_SIZE + 8
    return y + 6


def summary(timeline: Timeline, words: Words = ENGLISH) -> str:
    """'22 entries · 14 people · 1993–2013 · <chronology title>'."""
    first = dt.date.fromordinal(timeline.first_day).year
    last = dt.date.fromordinal(timeline.last_day).year
    years = words.period(DateSpan(dt.date(first, 1, 1), dt.date(last, 12, 31)))
    entries, people = _entries(words, timeline.total), _people(words, timeline.people_count)
    return " · ".join(part for part in (entries, people, years, timeline.title) if part)


def _entries(words: Words, count: int) -> str:
    return words.ngettext("{count} entry", "{count} entries", count).format(
        count=words.number(count)
    )


def _people(words: Words, count: int) -> str:
    return words.ngettext("{count} person", "{count} people", count).format(
        count=words.number(count)
    )


def _fit(text: str, width: float, size: int, bold: bool, measure: Measure) -> str:
    """`text` shortened until it is at most `width` pixels wide."""
    limit = len(text)
    while limit > 8 and measure(text, size, bold) > width:
        limit = max(8, int(limit * width / measure(text, size, bold)) - 1)
        text = shorten(text, limit)
    return text


def _mark_lane(
    layout: Layout,
    timeline: Timeline,
    index: int,
    axis: Axis,
    top: float,
    measure: Measure,
    unlabelled: set[int],
) -> float:
    """One lane's marks, and labels for those not labelled in an earlier lane; its height.

    An entry naming several people is marked in each of their lanes and labelled once, in the
    first of them with room for the label.
    """
    color = lane_color(timeline.lanes[index], index)
    marks = [m for m in timeline.marks if index in m.lanes]
    wanting = [i for i in sorted(unlabelled) if index in timeline.marks[i].lanes]
    placed = place_labels([timeline.marks[i] for i in wanting], axis, measure)
    unlabelled.difference_update(wanting[at] for at, *_ in placed)
    rows = max((row for _, row, *_ in placed), default=-1) + 1
    height = 2 * LANE_PAD + rows * ROW_HEIGHT + MARK_HEIGHT
    height = max(height, 2 * NAME_SIZE + 2 * LANE_PAD + 6)
    mark_y = top + height - LANE_PAD - MARK_HEIGHT / 2
    for mark in marks:
        x0, x1 = axis.x(mark.start), axis.x(mark.end + 1)
        if mark.interval and x1 - x0 >= 4:
            layout.bars.append(Rect(x0, mark_y - 4, x1, mark_y + 4, color))
        else:
            layout.dots.append(Dot((x0 + x1) / 2, mark_y, 5, color))
    for _, row, left, right, leader_x, text in placed:
        box_top = mark_y - MARK_HEIGHT / 2 - (row + 1) * ROW_HEIGHT
        box = (left, box_top, right, box_top + ROW_HEIGHT - 2)
        label = Label(box, text, leader_x, mark_y - 5)
        layout.labels.append(label)
        layout.lines.append(Line(leader_x, box[3], leader_x, mark_y - 5, color))
        text_x = left + 3 if leader_x == left else right - 3
        anchor = "lm" if leader_x == left else "rm"
        layout.texts.append(
            Text(text_x, (box[1] + box[3]) / 2, text, LABEL_SIZE, INK, False, anchor)
        )
    return height


def _histogram_lane(
    layout: Layout, timeline: Timeline, index: int, axis: Axis, top: float
) -> float:
    """One lane's entries per year (or month) as bars, scaled to the lane's busiest one."""
    counts = timeline.counts[index]
    color = lane_color(timeline.lanes[index], index)
    height = 2 * LANE_PAD + HISTOGRAM_HEIGHT
    base = top + height - LANE_PAD
    peak = max(counts.values(), default=0)
    if not peak:
        return height
    days = 30.5 if timeline.unit == MONTH else 365.25
    gap = 1 if axis.x(axis.start + days) - axis.x(axis.start) >= 3 else 0
    for first_day, count in counts.items():
        x0, x1 = axis.x(first_day), axis.x(next_bin(first_day, timeline.unit))
        bar = max(1.0, HISTOGRAM_HEIGHT * count / peak)
        layout.bars.append(Rect(x0, base - bar, max(x0 + 1, x1 - gap), base, color))
    return height


def _lane_name(
    layout: Layout,
    timeline: Timeline,
    index: int,
    band: tuple[float, float],
    measure: Measure,
    words: Words,
) -> None:
    """The lane's person (or "Others") and its counts, in the gutter; `band` is its top and
    height."""
    lane = timeline.lanes[index]
    top, height = band
    lines = [_entries(words, lane.count)]
    if lane.person_id is None and timeline.people_count > index:
        lines[0] += ", " + _people(words, timeline.people_count - index)
    if timeline.is_histogram and timeline.counts[index]:
        counts = timeline.counts[index]
        busiest = max(counts, key=lambda first_day: (counts[first_day], -first_day))
        when = bin_label(busiest, timeline.unit, words)
        count = words.number(counts[busiest])
        lines.append(words._("busiest: {when} ({count})").format(when=when, count=count))
    y = top + height / 2 - (NAME_SIZE + 4 + len(lines) * (SMALL_SIZE + 4)) / 2 + NAME_SIZE / 2
    layout.dots.append(Dot(MARGIN + 5, y, 5, lane_color(lane, index)))
    name = lane.name if lane.person_id is not None else words._(lane.name)  # OTHERS, NO_PERSON
    name = _fit(name, GUTTER - 24, NAME_SIZE, True, measure)
    layout.texts.append(Text(MARGIN + 16, y, name, NAME_SIZE, INK, True))
    y += NAME_SIZE / 2 + 4
    for line in lines:
        y += (SMALL_SIZE + 4) / 2
        text = _fit(line, GUTTER - 24, SMALL_SIZE, False, measure)
        layout.texts.append(Text(MARGIN + 16, y, text, SMALL_SIZE, GREY))
        y += (SMALL_SIZE + 4) / 2


def _asked_columns(timeline: Timeline, axis: Axis) -> list[tuple[float, float]]:
    """Where the asked periods lie on the plot, clipped to it (those off it are left out)."""
    columns = []
    for asked in timeline.asked:
        x0 = axis.x(asked.start.toordinal()) if asked.start_iso else PLOT_LEFT
        x1 = axis.x(asked.end.toordinal() + 1) if asked.end_iso else PLOT_RIGHT
        x0, x1 = max(PLOT_LEFT, x0), min(PLOT_RIGHT, x1)
        if x1 > x0:
            columns.append((x0, max(x1, x0 + 2)))
    return columns


def _name_asked(
    layout: Layout,
    timeline: Timeline,
    shade: tuple[float, float],
    y: float,
    measure: Measure,
    words: Words,
) -> None:
    """'asked: …' above the first shaded period, inside the picture wherever the period is."""
    periods = ", ".join(words.period(span) for span in timeline.asked)
    text = words._("asked: {periods}").format(periods=periods)
    text = _fit(text, WIDTH - 2 * MARGIN - GUTTER, SMALL_SIZE, False, measure)
    if shade[0] + measure(text, SMALL_SIZE, False) + 6 <= WIDTH - MARGIN:
        layout.texts.append(Text(shade[0] + 4, y, text, SMALL_SIZE, ASKED_INK))
    else:
        layout.texts.append(Text(shade[1] - 4, y, text, SMALL_SIZE, ASKED_INK, False, "rm"))


def _axis(layout: Layout, axis: Axis, lanes_top: float, bottom: float, words: Words) -> float:
    """Grid lines through the lanes, the axis line and its labels; returns the y below them."""
    layout.lines.append(Line(PLOT_LEFT, bottom, PLOT_RIGHT, bottom, GREY))
    for day, text, major in ticks(axis, words):
        x = axis.x(day)
        layout.lines.append(Line(x, lanes_top, x, bottom, GRID if major else "#eeeeee"))
        layout.lines.append(Line(x, bottom, x, bottom + (6 if major else 3), GREY))
        if x <= PLOT_RIGHT - 10 or text:
            layout.texts.append(
                Text(x, bottom + 16, text, SMALL_SIZE, INK if major else GREY, False, "mm")
            )
    return bottom + 28


def _footer(layout: Layout, timeline: Timeline, y: float, words: Words) -> None:
    if timeline.is_histogram and timeline.unit == MONTH:
        note = words._("Entries per month; each lane is scaled to its own busiest month.")
    elif timeline.is_histogram:
        note = words._("Entries per year; each lane is scaled to its own busiest year.")
    else:
        note = words._("Dots are dated entries, bars date intervals.")
        if layout.dropped_labels:
            hidden = layout.dropped_labels
            left_out = words.ngettext(
                "{count} label left out where crowded.",
                "{count} labels left out where crowded.",
                hidden,
            )
            note += " " + left_out.format(count=words.number(hidden))
    layout.texts.append(Text(MARGIN, y + SMALL_SIZE, note, SMALL_SIZE, GREY))
    layout.texts.append(
        Text(WIDTH - MARGIN, y + SMALL_SIZE, "chronobot", SMALL_SIZE, GREY, False, "rm")
    )


def lane_color(lane: Lane, index: int) -> str:
    """A person's lane has its own colour (by position), everyone else's lane is grey."""
    return OTHERS_COLOR if lane.person_id is None else LANE_COLORS[index % len(LANE_COLORS)]
