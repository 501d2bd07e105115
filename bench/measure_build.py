"""Index build: time, database size and peak memory, each build in a fresh process.

A fresh process per build keeps one size's memory from inflating the next one's peak, and
measures what `chronobot index` costs an operator: loading and validating the YAML, then
writing the index. Run as `python -m bench.measure_build YAML DB` it is that child process.
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
    load_s: float  # YAML parse + validation (bot.data.load_chronology)
    index_s: float  # bot.index.build_index, hash included
    db_mb: float
    peak_mb: float  # maximum resident set size of the building process

    @property
    def build_s(self) -> float:
        """YAML to ready index, as `chronobot index` does it."""
        return self.load_s + self.index_s


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
    return BuildResult(
        load_s=report["load_s"],
        index_s=report["index_s"],
        db_mb=db_path.stat().st_size / 1e6,
        peak_mb=report["peak_mb"],
    )


def peak_rss_mb() -> float:
    """This process's peak resident set size so far (Linux reports ru_maxrss in KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _build_here(yaml_path: str, db_path: str) -> dict[str, float]:
    """The child's work: import, load, build; timings exclude the interpreter's start-up."""
    from bot.data import load_chronology
    from bot.index import build_index, source_hash

    started = time.perf_counter()
    chronology = load_chronology(yaml_path)
    loaded = time.perf_counter()
    build_index(chronology, db_path, content_hash=source_hash(yaml_path))
    built = time.perf_counter()
    return {"load_s": loaded - started, "index_s": built - loaded, "peak_mb": peak_rss_mb()}


if __name__ == "__main__":
    print(json.dumps(_build_here(*sys.argv[1:3])))
