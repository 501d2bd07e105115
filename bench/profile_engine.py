"""Where the time goes: cProfile of the engine on the question mix, and import times of `ask`.

`python -m bench.profile_engine [--size N]` writes bench/out/profile-N.txt and prints it:
the functions that dominate `Engine.open` and the 500 questions (by own time and by
cumulative time), then the slowest imports of one `chronobot ask` process.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import re
import subprocess
import sys
import time
from pathlib import Path

from bench.generate import DEFAULT_SEED, OUT_DIR, Question, ensure_corpus
from bench.measure_build import measure_build
from bench.measure_process import chronobot_command


def profile_engine(db_path: Path, questions: list[str], top: int) -> str:
    """pstats text of opening the engine once and asking every question twice."""
    from bot.engine import Engine

    profiler = cProfile.Profile()
    profiler.enable()
    engine = Engine.open(str(db_path))
    for _ in range(2):
        for question in questions:
            engine.ask(question)
    profiler.disable()
    engine.close()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out).strip_dirs()
    out.write("== by own time ==\n")
    stats.sort_stats("tottime").print_stats(top)
    out.write("== by cumulative time ==\n")
    stats.sort_stats("cumulative").print_stats(top)
    return out.getvalue()


def slowest_questions(db_path: Path, questions: list[Question], top: int) -> str:
    """The `top` slowest questions (second pass, no profiler) with how the engine read them."""
    from bot.engine import Engine

    engine = Engine.open(str(db_path))
    for question in questions:  # warm-up pass
        engine.ask(question.text)
    timed = []
    for question in questions:
        started = time.perf_counter()
        answer = engine.ask(question.text)
        timed.append((time.perf_counter() - started, question, answer))
    engine.close()
    timed.sort(key=lambda row: row[0], reverse=True)
    lines = [f"{'ms':>7}  {'kind':<11} {'total':>6} {'people':>6}  span  question -> terms"]
    for seconds, question, answer in timed[:top]:
        meaning = answer.interpretation
        span = "yes " if meaning.span else "no  "
        lines.append(
            f"{seconds * 1000:7.1f}  {question.kind:<11} {answer.total:>6} "
            f"{len(meaning.people):>6}  {span}  {question.text!r} -> {list(meaning.terms)}"
            + (" relaxed" if answer.relaxed else "")
        )
    return "\n".join(lines) + "\n"


def import_times(data_path: Path, index_path: Path, question: str, top: int) -> str:
    """The `top` slowest imports (cumulative microseconds) of one `chronobot ask` process."""
    env = dict(os.environ, CHRONOBOT_INDEX=str(index_path), PYTHONPROFILEIMPORTTIME="1")
    command = [*chronobot_command(), "ask", "--data", str(data_path), "--json", question]
    subprocess.run(command, env=env, capture_output=True, check=False)  # make the cache
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    rows = []
    for line in done.stderr.splitlines():
        match = re.match(r"import time:\s+(\d+) \|\s+(\d+) \|(\s*)(\S+)", line)
        if match:
            rows.append((int(match[2]), int(match[1]), match[4]))
    rows.sort(reverse=True)
    lines = [f"{'cumulative ms':>14} {'self ms':>8}  module"]
    lines += [f"{cum / 1000:14.1f} {own / 1000:8.1f}  {name}" for cum, own, name in rows[:top]]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.profile_engine")
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--top", type=int, default=30)
    args = parser.parse_args(argv)
    corpus = ensure_corpus(args.size, args.seed)
    db_path = OUT_DIR / f"index-{args.size}-s{args.seed}.sqlite"
    if not db_path.exists():
        measure_build(corpus.yaml_path, db_path)
    report = f"# Engine.open + 2 x {len(corpus.questions)} questions, {args.size:,} events\n"
    report += profile_engine(db_path, [q.text for q in corpus.questions], args.top)
    report += f"\n# slowest questions, {args.size:,} events\n"
    report += slowest_questions(db_path, list(corpus.questions), args.top)
    person_year = next(q.text for q in corpus.questions if q.kind == "person+year")
    report += f"\n# imports of one `chronobot ask` process ({args.size:,} events)\n"
    report += import_times(
        corpus.yaml_path, OUT_DIR / f"ask-{args.size}-s{args.seed}.sqlite", person_year, args.top
    )
    path = OUT_DIR / f"profile-{args.size}.txt"
    path.write_text(report, encoding="utf-8")
    print(report)
    print(f"(written to {path})", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
