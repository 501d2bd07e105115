"""`python -m bench [--quick] [--json] [--sizes N ...]`: run every benchmark.

The full run (all sizes) writes bench/RESULTS.md and the chart, unless `--no-write`; a partial
one (`--quick` or `--sizes`) leaves them alone, unless `--write`: the committed results are
those of the full run. Progress goes to stderr; with `--json` stdout carries only the summary.
"""

from __future__ import annotations

import argparse
import json
import shlex
import sys
import time
import traceback
from collections.abc import Callable
from pathlib import Path

from bench.generate import DEFAULT_SEED, OUT_DIR, ensure_corpus
from bench.measure_bot import measure_bot
from bench.measure_build import measure_build
from bench.measure_import import ImportRun, import_markdown, measure_import
from bench.measure_process import measure_process, sample_question
from bench.measure_query import measure_queries, measure_serving_rss
from bench.measure_timeline import measure_timeline, timeline_markdown
from bench.report import BenchRun, draw_chart, render_markdown, summary

FULL_SIZES = (1_000, 10_000, 100_000, 1_000_000)
QUICK_SIZES = (1_000, 10_000)
BENCH_DIR = Path(__file__).resolve().parent


def _progress(message: str) -> None:
    print(f"[bench] {message}", file=sys.stderr, flush=True)


def _attempt(run: BenchRun, what: str, step: Callable[[], object]) -> object | None:
    """Run one measurement; a failure is recorded in the report instead of ending the run."""
    started = time.perf_counter()
    try:
        result = step()
    except Exception as error:  # a missing or broken piece must not hide the other numbers
        detail = str(error).strip().splitlines()
        run.problems.append(f"{what}: {detail[-1] if detail else type(error).__name__}")
        _progress(f"{what}: FAILED\n{traceback.format_exc()}")
        return None
    _progress(f"{what}: done in {time.perf_counter() - started:.1f} s")
    return result


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="sizes 1,000 and 10,000 only")
    parser.add_argument("--json", action="store_true", help="print the JSON summary on stdout")
    parser.add_argument("--sizes", type=int, nargs="+", help="corpus sizes (events)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="corpus seed")
    parser.add_argument("--runs", type=int, default=15, help="whole-process runs (median)")
    parser.add_argument("--bot-updates", type=int, help="updates per bot surface and run")
    parser.add_argument("--bot-rounds", type=int, help="runs of each bot (medians reported)")
    written = parser.add_mutually_exclusive_group()
    written.add_argument(
        "--write", action="store_true", help="write RESULTS.md and the chart after a partial run"
    )
    written.add_argument(
        "--no-write", action="store_true", help="do not overwrite RESULTS.md and the chart"
    )
    return parser.parse_args(argv)


def writes_results(args: argparse.Namespace) -> bool:
    """Whether this run replaces RESULTS.md and the chart: the full run does, unless told not
    to; a partial one (--quick, --sizes) only when told to."""
    partial = args.quick or bool(args.sizes)
    return args.write or not (partial or args.no_write)


def run_benchmarks(args: argparse.Namespace) -> BenchRun:
    sizes = sorted(set(args.sizes or (QUICK_SIZES if args.quick else FULL_SIZES)))
    command = "python -m bench " + shlex.join(sys.argv[1:]) if sys.argv[1:] else "python -m bench"
    run = BenchRun(command=command.strip(), seed=args.seed, sizes=sizes)
    corpora = {}
    for size in sizes:
        corpus = _attempt(run, f"corpus {size:,}", lambda s=size: ensure_corpus(s, args.seed))
        if corpus is None:
            continue
        corpora[size] = corpus
        db_path = OUT_DIR / f"index-{size}-s{args.seed}.sqlite"
        build = _attempt(
            run, f"index build {size:,}", lambda c=corpus, d=db_path: measure_build(c.yaml_path, d)
        )
        if build is None:
            continue
        run.builds[size] = build
        query = _attempt(
            run, f"queries {size:,}", lambda c=corpus, d=db_path: measure_queries(d, c.questions)
        )
        if query is not None:
            run.queries[size] = query
    if run.builds:
        largest = max(run.builds)
        corpus = corpora[largest]
        db_path = OUT_DIR / f"index-{largest}-s{args.seed}.sqlite"
        rss = _attempt(
            run,
            f"serving RSS {largest:,}",
            lambda: measure_serving_rss(db_path, corpus.questions_path),
        )
        if rss is not None:
            run.serving_rss = (largest, rss)
        question = next(q.text for q in corpus.questions if q.kind == "person+year")
        large = _attempt(
            run,
            f"whole process {largest:,}",
            # The index just built is current for the file (same stamp): no second build.
            lambda: measure_process(corpus.yaml_path, db_path, question, args.runs),
        )
        if large is not None:
            run.process_large = (largest, large)
    from bot.config import DEFAULT_DATA

    run.process = _attempt(
        run,
        "whole process, bundled chronology",
        lambda: measure_process(
            DEFAULT_DATA, OUT_DIR / "ask-bundled.sqlite", sample_question(DEFAULT_DATA), args.runs
        ),
    )
    if run.builds:
        # The largest index: the bot's own work per update is what the ratio is about.
        largest = max(run.builds)
        run.bot = _attempt(
            run,
            f"bot throughput {largest:,}",
            lambda: measure_bot(
                OUT_DIR / f"index-{largest}-s{args.seed}.sqlite",
                corpora[largest].questions,
                args.bot_updates or (200 if args.quick else 300),
                args.bot_rounds or (3 if args.quick else 5),
            ),
        )
    return run


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    run = run_benchmarks(args)
    indexes = {n: OUT_DIR / f"index-{n}-s{args.seed}.sqlite" for n in run.builds}
    timeline = indexes and _attempt(run, "timeline pictures", lambda: measure_timeline(indexes))
    imported = _attempt(run, "article import", measure_import)
    if writes_results(args):
        chart = draw_chart(run, BENCH_DIR / "latency.png")
        text = render_markdown(run, chart) + timeline_markdown(timeline or None)
        text += import_markdown(imported if isinstance(imported, ImportRun) else None)
        (BENCH_DIR / "RESULTS.md").write_text(text, encoding="utf-8")
        _progress(f"wrote {BENCH_DIR / 'RESULTS.md'}")
    if args.json:
        print(json.dumps(summary(run), indent=2))
    return 1 if run.problems else 0


if __name__ == "__main__":
    sys.exit(main())
