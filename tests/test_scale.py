"""Large chronologies: the build streams the file, so memory stays bounded (issue 14)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from bot.engine import Engine

EVENTS = 200_000
# Address space for the building process: the interpreter, SQLite and their libraries take
# about 400 MB of it before any work; composing the whole file at once needed 1.8 GB more.
MEMORY_LIMIT = 1 << 30

BUILD_UNDER_LIMIT = """
import json, resource, sys
resource.setrlimit(resource.RLIMIT_AS, (int(sys.argv[3]), int(sys.argv[3])))
from bot.index import build_index_from_file
report = build_index_from_file(sys.argv[1], sys.argv[2])
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"events": report.events, "people": report.people, "peak_mb": peak}))
"""


def write_large_chronology(path: Path, events: int) -> None:
    """`events` entries naming 1 of events / 10 people, written a block at a time."""
    people = max(events // 10, 1)
    with path.open("w", encoding="utf-8") as out:
        out.write('chronology:\n  title: "A large chronology"\npeople:\n')
        for n in range(people):
            out.write(f"  p{n}:\n    name: Person Number{n}\n    aliases: [Персона {n}]\n")
        out.write("events:\n")
        for n in range(events):
            year, day = 1900 + n * 100 // events, 1 + n % 28
            out.write(
                f"  - id: e{n}\n    date: {year}-{1 + n % 12:02d}-{day:02d}\n"
                f"    people: [p{n % people}, p{(n * 7 + 1) % people}]\n"
                f'    text: "Entry {n} says something about topic{n % 997} and more words"\n'
                f"    tags: [tag{n % 31}]\n"
            )


@pytest.mark.slow
def test_a_200k_event_file_builds_within_a_memory_limit(tmp_path: Path) -> None:
    data, db = tmp_path / "large.yaml", tmp_path / "large.sqlite"
    write_large_chronology(data, EVENTS)

    done = subprocess.run(
        [sys.executable, "-c", BUILD_UNDER_LIMIT, str(data), str(db), str(MEMORY_LIMIT)],
        capture_output=True,
        text=True,
        check=False,
    )

    assert done.returncode == 0, done.stderr[-2000:]
    report = json.loads(done.stdout)
    assert report["events"] == EVENTS
    assert report["people"] == EVENTS // 10
    engine = Engine.open(db)
    try:
        answer = engine.ask("Number123 topic5")
        assert answer.total > 0
        assert all("p123" in [p.id for p in entry.people] for entry in answer.results)
    finally:
        engine.close()
