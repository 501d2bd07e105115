"""Query latency in-process: `Engine.ask` beside the bare FTS5 floor, on the same database.

The floor is what SQLite alone costs for the same question: one FTS5 `MATCH` of the
question's words (each quoted, OR-ed), ranked by `bm25()`, `LIMIT 10`. Engine and floor
alternate question by question, after one warm-up pass of both, so they see the same page
cache and the same machine noise. Run as `python -m bench.measure_query DB QUESTIONS.json` it
is the serving-memory child: open the engine, answer every question, report the peak RSS.
"""

from __future__ import annotations

import json
import re
import sqlite3
import statistics
import sys
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from bench.generate import Question
from bench.measure_build import child_report, peak_rss_mb

_FTS5_TABLE = re.compile(r"USING\s+fts5\s*\(", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Percentiles:
    p50_ms: float
    p95_ms: float
    p99_ms: float

    @classmethod
    def of(cls, seconds: list[float]) -> Percentiles:
        """p50/p95/p99 in milliseconds (inclusive method: p99 of 500 samples is observed)."""
        cuts = statistics.quantiles([s * 1000 for s in seconds], n=100, method="inclusive")
        return cls(cuts[49], cuts[94], cuts[98])


@dataclass(frozen=True, slots=True)
class QueryResult:
    engine: Percentiles
    floor: Percentiles
    open_ms: float  # Engine.open, cold for this process
    first_ask_ms: float  # the first question after opening (lazy set-up included)
    by_kind: dict[str, tuple[float, float]] = field(default_factory=dict)  # kind -> p50, max ms
    floor_questions: int = 0  # questions that have words for the floor to search


def fts_table(conn: sqlite3.Connection) -> str:
    """The name of the index's FTS5 table, read from the schema rather than assumed."""
    for name, sql in conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table'"):
        if sql and _FTS5_TABLE.search(sql):
            return name
    raise LookupError("the index has no FTS5 table")


def floor_match(words: tuple[str, ...]) -> str:
    """The floor's MATCH expression: every word quoted (so none is syntax), OR-ed."""
    return " OR ".join('"' + word.replace('"', '""') + '"' for word in words)


def measure_queries(db_path: Path, questions: tuple[Question, ...]) -> QueryResult:
    """Time every question through `Engine.ask` and through the bare FTS5 floor."""
    from bot.engine import Engine

    started = time.perf_counter()
    engine = Engine.open(str(db_path))
    opened = time.perf_counter()
    engine.ask(questions[0].text)
    first_ask_ms = (time.perf_counter() - opened) * 1000
    conn = sqlite3.connect(f"{db_path.resolve().as_uri()}?mode=ro", uri=True)
    table = fts_table(conn)
    floor_sql = (
        f"SELECT rowid, bm25({table}) FROM {table} WHERE {table} MATCH ? "
        f"ORDER BY bm25({table}) LIMIT 10"
    )
    try:
        for measured in (False, True):  # the first pass only warms caches
            engine_times: list[float] = []
            floor_times: list[float] = []
            kinds: dict[str, list[float]] = defaultdict(list)
            for question in questions:
                before = time.perf_counter()
                engine.ask(question.text, limit=10)
                between = time.perf_counter()
                if question.floor_words:
                    conn.execute(floor_sql, (floor_match(question.floor_words),)).fetchall()
                    floor_times.append(time.perf_counter() - between)
                engine_times.append(between - before)
                kinds[question.kind].append(between - before)
            if measured:
                return QueryResult(
                    engine=Percentiles.of(engine_times),
                    floor=Percentiles.of(floor_times),
                    open_ms=(opened - started) * 1000,
                    first_ask_ms=first_ask_ms,
                    by_kind={
                        kind: (statistics.median(times) * 1000, max(times) * 1000)
                        for kind, times in sorted(kinds.items())
                    },
                    floor_questions=len(floor_times),
                )
    finally:
        conn.close()
        engine.close()
    raise AssertionError("unreachable")


def measure_serving_rss(db_path: Path, questions_path: Path) -> float:
    """Peak RSS (MB) of a fresh process that opens the engine and answers every question."""
    line = child_report(
        "bench.measure_query", str(db_path), str(questions_path), what="serving process"
    )
    return float(line)


def _serve_here(db_path: str, questions_path: str) -> float:
    from bot.engine import Engine

    engine = Engine.open(db_path)
    for row in json.loads(Path(questions_path).read_text(encoding="utf-8")):
        engine.ask(row["text"])
    engine.close()
    return peak_rss_mb()


if __name__ == "__main__":
    print(_serve_here(*sys.argv[1:3]))
