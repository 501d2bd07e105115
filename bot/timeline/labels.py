"""Which labels of a lane fit, and where: stacked in up to `LABEL_ROWS` rows above their
marks, dropped when no row has room, so no two labels (or a label and another's leader line)
ever overlap.

Part of the timeline layout (bot/timeline/layout.py), apart because it is one self-contained
algorithm (greedy placement over sorted free intervals) that a reader can check without the
rest of the picture. Text widths come from a `Measure` the drawing module provides.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable

from bot.timeline.axis import PLOT_LEFT, WIDTH, Axis
from bot.timeline.collect import Mark

Measure = Callable[[str, int, bool], float]  # (text, pixel size, bold) -> width in pixels

LABEL_SIZE = 12  # pixels
LABEL_ROWS = 3
LABEL_GAP = 6  # pixels kept free between two labels in a row
LEADER_ROOM = 3  # a leader line and the pixels either side of it


def place_labels(
    marks: list[Mark], axis: Axis, measure: Measure
) -> list[tuple[int, int, float, float, float, str]]:
    """(position in `marks`, row, left, right, leader x, text) of the labels that fit.

    Greedy from the latest mark back, each label in the lowest row with room to start at its
    mark, else in the lowest row with room to end there. A label that would cover the next
    one's start goes a row up, so crowded labels climb in a staircase whose leader lines pass
    left of the boxes below. Each row keeps its taken intervals sorted and disjoint: a label's
    box takes its own row, its leader line every row below it.
    """
    taken: list[list[tuple[float, float]]] = [[] for _ in range(LABEL_ROWS)]
    placed = []
    for at in range(len(marks) - 1, -1, -1):
        mark = marks[at]
        anchor = axis.x(mark.start) if mark.interval else axis.x((mark.start + mark.end + 1) / 2)
        width = measure(mark.label, LABEL_SIZE, False) + 6
        sides = [(anchor, anchor + width), (anchor - width, anchor)]
        sides = [(left, right) for left, right in sides if left >= PLOT_LEFT and right <= WIDTH - 4]
        leader = (anchor - LEADER_ROOM, anchor + LEADER_ROOM)
        spot = next(
            (
                (row, left, right)
                for left, right in sides
                for row in range(LABEL_ROWS)
                if _free(taken[row], (left - LABEL_GAP / 2, right + LABEL_GAP / 2))
                and all(_free(taken[r], leader) for r in range(row))
            ),
            None,
        )
        if spot is not None:
            row, left, right = spot
            _take(taken[row], (left - LABEL_GAP / 2, right + LABEL_GAP / 2))
            for r in range(row):
                _take(taken[r], leader)
            placed.append((at, row, left, right, anchor, mark.label))
    return placed


def _free(intervals: list[tuple[float, float]], wanted: tuple[float, float]) -> bool:
    at = bisect.bisect_left(intervals, wanted)
    if at > 0 and intervals[at - 1][1] > wanted[0]:
        return False
    return not (at < len(intervals) and intervals[at][0] < wanted[1])


def _take(intervals: list[tuple[float, float]], interval: tuple[float, float]) -> None:
    bisect.insort(intervals, interval)
