"""Timeline pictures: question to PNG bytes, for about 100 entries and for 100,000.

Each case times `bot.timeline.render_timeline` (the engine's answer, the lanes, the layout,
Pillow's drawing and the PNG encoding): the first picture in the process (fonts loaded then)
and the median of the following runs. Targets: 100 entries under 150 ms, 100,000 under 1 s.

    python -m bench.measure_timeline INDEX.sqlite [INDEX.sqlite ...]   # standalone
"""

from __future__ import annotations

import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path

RUNS = 7
TARGET_MS = {"~100 entries": 150.0, "100,000 entries": 1000.0}


@dataclass(frozen=True, slots=True)
class TimelineCase:
    case: str
    question: str
    entries: int
    histogram: bool
    first_ms: float
    median_ms: float
    cpu_ms: float  # median CPU time of this process: what a shared, busy machine inflates least
    size_kb: float
    width: int
    height: int


def _time_one(engine, question: str) -> tuple[float, float, object, object]:
    from bot.timeline import render_timeline

    started, cpu = time.perf_counter(), time.process_time()
    timeline, picture = render_timeline(engine, question)
    wall_ms = (time.perf_counter() - started) * 1000
    return wall_ms, (time.process_time() - cpu) * 1000, timeline, picture


def measure_case(db_path: Path, case: str, question: str, runs: int = RUNS) -> TimelineCase:
    from bot.engine import Engine

    engine = Engine.open(db_path)
    try:
        first_ms, _, timeline, picture = _time_one(engine, question)
        times = [_time_one(engine, question)[:2] for _ in range(runs)]
    finally:
        engine.close()
    assert picture is not None, f"{question!r} matches nothing in {db_path}"
    return TimelineCase(
        case,
        question,
        timeline.total,
        timeline.is_histogram,
        first_ms,
        statistics.median(wall for wall, _ in times),
        statistics.median(cpu for _, cpu in times),
        len(picture.png) / 1024,
        picture.width,
        picture.height,
    )


def hundred_entry_question(db_path: Path) -> str:
    """A decade of the chronology whose answer holds closest to 100 entries."""
    from bot.engine import Engine

    engine = Engine.open(db_path)
    try:
        about = engine.about()
        assert about.first and about.last
        decades = range(about.first.start.year // 10 * 10, about.last.end.year + 1, 10)
        questions = [f"the {decade}s" for decade in decades]
        return min(questions, key=lambda q: abs(engine.ask(q, limit=1).total - 100))
    finally:
        engine.close()


def measure_timeline(indexes: dict[int, Path]) -> list[TimelineCase]:
    """The cases for the smallest index (about 100 entries, all of it) and the largest (all)."""
    smallest, largest = indexes[min(indexes)], indexes[max(indexes)]
    cases = [
        measure_case(smallest, "~100 entries", hundred_entry_question(smallest)),
        measure_case(smallest, f"{min(indexes):,} entries", ""),
    ]
    if max(indexes) != min(indexes):
        cases.append(measure_case(largest, f"{max(indexes):,} entries", ""))
        cases.append(measure_case(largest, "a decade of the largest", "the 1990s"))
    return cases


def timeline_markdown(cases: list[TimelineCase] | None) -> str:
    """The RESULTS.md section."""
    if not cases:
        return ""
    lines = [
        "",
        "## Timeline pictures",
        "",
        "`bot.timeline.render_timeline`, question to PNG bytes (answer, lanes, layout, Pillow,",
        f"PNG encoding), in-process: the first picture (fonts loaded) and the median of {RUNS}",
        "(wall time, and the process's CPU time, which a busy shared machine inflates less).",
        "",
        "| case | question | entries | mode | first ms | median ms | CPU ms | target | PNG kB |"
        " size |",
        "|---|---|---:|---|---:|---:|---:|---|---:|---|",
    ]
    for c in cases:
        target = TARGET_MS.get(c.case)
        status = (
            ""
            if target is None
            else f"< {target:.0f} ms: **{'met' if c.median_ms < target else 'not met'}**"
        )
        mode = "histogram" if c.histogram else "marks"
        question = f"`{c.question}`" if c.question else "(whole chronology)"
        lines.append(
            f"| {c.case} | {question} | {c.entries:,} | {mode} | {c.first_ms:.0f} | "
            f"{c.median_ms:.0f} | {c.cpu_ms:.0f} | {status} | {c.size_kb:.0f} | "
            f"{c.width}×{c.height} |"
        )
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    paths = [Path(arg) for arg in argv]
    if not paths:
        print(__doc__, file=sys.stderr)
        return 2
    from bot.engine import Engine

    indexes = {}
    for path in paths:
        engine = Engine.open(path)
        indexes[engine.about().entry_count] = path
        engine.close()
    print(timeline_markdown(measure_timeline(indexes)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
