"""`chronobot import` of a long article: a 10,000-entry chronology written out as an article
(date-led paragraphs, bracketed notes, hard-wrapped lines, page numbers and running heads),
then drafted back. Target: under 10 s for 10,000 entries.

    python -m bench.measure_import [SIZE]
"""

from __future__ import annotations

import sys
import tempfile
import textwrap
import time
from dataclasses import dataclass
from pathlib import Path

TARGET_S = 10.0
LINES_PER_PAGE = 60


@dataclass(frozen=True, slots=True)
class ImportRun:
    entries: int  # in the generated chronology
    drafted: int  # entries in the draft
    same_dates: int  # drafted entries covering the original's days ("2019/2019" is "2019")
    people: int  # people in the draft
    article_kb: float
    seconds: float  # wall time
    cpu_seconds: float  # this process's CPU time: steadier when other work shares the machine

    def line(self) -> str:
        verdict = "meets" if self.seconds < TARGET_S else "misses"
        return (
            f"import of a {self.entries:,}-entry article ({self.article_kb:,.0f} kB): "
            f"{self.seconds:.2f} s, {self.cpu_seconds:.2f} s CPU ({verdict} the {TARGET_S:.0f} s "
            "target); "
            f"{self.drafted:,} entries drafted, {self.same_dates:,} with the original date, "
            f"{self.people:,} people"
        )


def article_text(size: int) -> tuple[str, list[str]]:
    """A generated chronology as an article, and its entries' dates in order."""
    from bench.generate import generate_chronology
    from bot.dates import format_date_value

    chronology = generate_chronology(size)
    lines = ["A Generated Chronology", "", "Publisher: chronobot benchmarks", ""]
    dates: list[str] = []
    for event in chronology.events:
        dates.append(event.date)
        written = event.date_text or format_date_value(event.date)
        lines += [*textwrap.wrap(f"{written}: {event.text}", 76), ""]
        if event.note:
            lines += [*textwrap.wrap(f"[{event.note}]", 76), ""]
    paged: list[str] = []
    for number, start in enumerate(range(0, len(lines), LINES_PER_PAGE), start=1):
        paged += lines[start : start + LINES_PER_PAGE]
        paged += ["", str(number), "", "A GENERATED CHRONOLOGY    chronobot benchmarks", ""]
    return "\n".join(paged), dates


def measure_import(size: int = 10_000) -> ImportRun:
    from bot.dates import parse_date_value
    from bot.importers import import_file

    text, dates = article_text(size)
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "article.txt"
        path.write_text(text, encoding="utf-8")
        started, cpu_started = time.perf_counter(), time.process_time()
        draft, _yaml = import_file(path)
        seconds = time.perf_counter() - started
        cpu_seconds = time.process_time() - cpu_started
    drafted = [entry.date for entry in draft.entries]
    used = {person for entry in draft.entries for person in entry.people}
    return ImportRun(
        entries=len(dates),
        drafted=len(drafted),
        same_dates=sum(
            parse_date_value(a) == parse_date_value(b) for a, b in zip(dates, drafted, strict=False)
        ),
        people=len(used),
        article_kb=len(text.encode()) / 1024,
        seconds=seconds,
        cpu_seconds=cpu_seconds,
    )


def import_markdown(run: ImportRun | None) -> str:
    """The RESULTS.md section."""
    if run is None:
        return ""
    verdict = "met" if run.seconds < TARGET_S else "not met"
    return "\n".join(
        [
            "",
            "## Import",
            "",
            "`chronobot import` of a generated chronology written as an article (date-led",
            "paragraphs, bracketed notes, lines wrapped at 76 characters, a page number and a",
            "running head every 60 lines), in-process: reading, cleaning, dates, people, sources,",
            "the YAML and its validation.",
            "",
            "| entries | article kB | wall s | CPU s | target | drafted | same date | people |",
            "|---:|---:|---:|---:|---|---:|---:|---:|",
            f"| {run.entries:,} | {run.article_kb:,.0f} | {run.seconds:.2f} | "
            f"{run.cpu_seconds:.2f} | < {TARGET_S:.0f} s: **{verdict}** | {run.drafted:,} | "
            f"{run.same_dates:,} | {run.people:,} |",
            "",
        ]
    )


if __name__ == "__main__":
    print(measure_import(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000).line())
