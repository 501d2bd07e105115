"""Whole-process latency: `chronobot ask` on a cached index beside the bare interpreter.

The floor is `python -c "import sqlite3"` with the same interpreter and environment: what
any Python CLI that queries SQLite pays before doing anything. Runs alternate (floor, ask,
floor, ask, ...) so both see the same machine noise; the median is reported.
"""

from __future__ import annotations

import collections
import compileall
import os
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class ProcessResult:
    question: str
    ask_ms: float  # median wall time of `chronobot ask --json QUESTION`
    python_floor_ms: float  # median wall time of `python -c "import sqlite3"`
    runs: int


def chronobot_command() -> list[str]:
    """The installed `chronobot` script next to this interpreter, else `python -m bot`."""
    script = Path(sys.executable).parent / "chronobot"
    if script.exists():
        return [str(script)]
    found = shutil.which("chronobot")
    return [found] if found else [sys.executable, "-m", "bot"]


def sample_question(data_path: Path) -> str:
    """A person + year question about any chronology: its busiest person, first year."""
    from bot.data import load_chronology

    chronology = load_chronology(data_path)
    counts = collections.Counter(pid for event in chronology.events for pid in event.people)
    if not counts:
        return chronology.events[0].span.start.strftime("%Y")
    busiest = counts.most_common(1)[0][0]
    first = next(event for event in chronology.events if busiest in event.people)
    surname = chronology.people[busiest].name.split()[-1]
    return f"what did {surname} say in {first.span.start.year}"


def _run(command: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    done = subprocess.run(command, env=env, capture_output=True, check=False)
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise RuntimeError(
            f"{' '.join(command)} exited {done.returncode}:\n{done.stderr.decode()[-2000:]}"
        )
    return elapsed


def measure_process(
    data_path: Path, index_path: Path, question: str, runs: int = 15
) -> ProcessResult:
    """Median wall time of `chronobot ask` (index cached at `index_path`) and of the floor."""
    env = dict(os.environ, CHRONOBOT_INDEX=str(index_path))
    # An installed package runs from bytecode: compile ours as pip would, and let both
    # commands use (and write) bytecode caches even where the shell disables them.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    compileall.compile_dir(str(Path(__file__).resolve().parent.parent / "bot"), quiet=1)
    ask = [*chronobot_command(), "ask", "--data", str(data_path), "--json", question]
    floor = [sys.executable, "-c", "import sqlite3"]
    _run(ask, env)  # builds the index if needed: the cached path is what we measure
    _run(floor, env)
    ask_times, floor_times = [], []
    for _ in range(runs):
        floor_times.append(_run(floor, env))
        ask_times.append(_run(ask, env))
    return ProcessResult(
        question=question,
        ask_ms=statistics.median(ask_times) * 1000,
        python_floor_ms=statistics.median(floor_times) * 1000,
        runs=runs,
    )
