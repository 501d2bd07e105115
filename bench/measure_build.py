"""Index build: time, database size and peak memory, each build in a fresh process.

A fresh process per build keeps one size's memory from inflating the next one's peak, and
measures what `chronobot index` costs an operator: one streaming pass that reads, validates
and writes the rows, then the indexes and the full-text index. Run as
`python -m bench.measure_build YAML DB` it is that child process.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class BuildResult:
    build_s: float  # YAML to ready index, as `chronobot index` does it (wall time)
    reading_s: float  # reading the file, composing YAML nodes
    validating_s: float  # checking the nodes
    writing_s: float  # inserting the rows
    indexes_s: float  # date order, counts, secondary indexes, name tables
    fts_s: float  # the full-text index
    db_mb: float
    peak_mb: float  # maximum resident set size of the building process
    cpu_s: float = 0.0  # the building process's CPU time (steadier than wall on a busy machine)


def child_report(module: str, *args: str, what: str) -> str:
    """Run `python -m module args` (a measurement in a fresh process, so its peak memory is
    its own) and return the last line it printed, its report."""
    done = subprocess.run(
        [sys.executable, "-m", module, *args], capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise RuntimeError(f"{what} failed:\n{done.stderr.strip()[-2000:]}")
    return done.stdout.strip().splitlines()[-1]


def measure_build(yaml_path: Path, db_path: Path) -> BuildResult:
    """Build the index of `yaml_path` at `db_path` in a child process and measure it."""
    db_path.unlink(missing_ok=True)
    line = child_report("bench.measure_build", str(yaml_path), str(db_path), what="index build")
    report = json.loads(line)
    return BuildResult(**report, db_mb=db_path.stat().st_size / 1e6)


def peak_rss_mb() -> float:
    """This process's peak resident set size so far (Linux reports ru_maxrss in KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _build_here(yaml_path: str, db_path: str) -> dict[str, float]:
    """The child's work: import, then build as `chronobot index` does; timings exclude the
    interpreter's start-up."""
    from bot.index import build_index_from_file, source_stamp

    started, cpu_started = time.perf_counter(), time.process_time()
    report = build_index_from_file(yaml_path, db_path, source_stamp=source_stamp(yaml_path))
    return {
        "build_s": time.perf_counter() - started,
        "reading_s": report.reading_s,
        "validating_s": report.validating_s,
        "writing_s": report.writing_s,
        "indexes_s": report.indexes_s,
        "fts_s": report.fts_s,
        "peak_mb": peak_rss_mb(),
        "cpu_s": time.process_time() - cpu_started,
    }


if __name__ == "__main__":
    print(json.dumps(_build_here(*sys.argv[1:3])))
