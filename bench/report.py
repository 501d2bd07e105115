"""Turn one benchmark run into RESULTS.md, the latency chart and the JSON summary."""

from __future__ import annotations

import datetime as dt
import os
import platform
import sqlite3
import sys
from dataclasses import dataclass, field
from pathlib import Path

from bench.measure_bot import BotResult
from bench.measure_build import BuildResult
from bench.measure_process import ProcessResult
from bench.measure_query import QueryResult

TARGET_SIZE = 100_000
TARGET_BUILD_S = 10.0
TARGET_P99_MS = 15.0
TARGET_FLOOR_RATIO = 3.0
TARGET_PROCESS_RATIO = 3.0
TARGET_BOT_RATIO = 0.8  # of the same-payload floor bot
TARGET_RSS_MB = 150.0
# A million events on one small server (issue 14).
LARGE_SIZE = 1_000_000
TARGET_LARGE_BUILD_S = 90.0
TARGET_LARGE_PEAK_MB = 1000.0
TARGET_LARGE_MAX_MS = 100.0
TARGET_LARGE_RSS_MB = 200.0


@dataclass
class BenchRun:
    """Everything one `python -m bench` run measured; a missing measurement stays None."""

    command: str
    seed: int
    sizes: list[int]
    builds: dict[int, BuildResult] = field(default_factory=dict)
    queries: dict[int, QueryResult] = field(default_factory=dict)
    process: ProcessResult | None = None  # on the bundled chronology
    process_large: tuple[int, ProcessResult] | None = None  # on the largest generated one
    serving_rss: tuple[int, float] | None = None  # (events, peak MB)
    bot: BotResult | None = None
    problems: list[str] = field(default_factory=list)  # measurements that could not run
    started: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.UTC))


def cpu_model() -> str:
    """The CPU's model name from /proc/cpuinfo, else what the platform module knows."""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def summary(run: BenchRun) -> dict:
    """The JSON summary, with exactly the keys the benchmark issue specifies."""

    def r(value: float | None, digits: int = 3) -> float | None:
        return None if value is None else round(value, digits)

    sizes = {}
    for size in run.sizes:
        build, query = run.builds.get(size), run.queries.get(size)
        sizes[str(size)] = {
            "build_s": r(build and build.build_s),
            "build_split_s": build
            and {
                "reading": r(build.reading_s, 2),
                "validating": r(build.validating_s, 2),
                "writing": r(build.writing_s, 2),
                "indexes": r(build.indexes_s, 2),
                "fts": r(build.fts_s, 2),
            },
            "build_cpu_s": r(build and build.cpu_s, 2),
            "build_peak_mb": r(build and build.peak_mb, 0),
            "db_mb": r(build and build.db_mb, 2),
            "max_ms": r(query and max_ms(query)),
            "p50_ms": r(query and query.engine.p50_ms),
            "p95_ms": r(query and query.engine.p95_ms),
            "p99_ms": r(query and query.engine.p99_ms),
            "floor_p50_ms": r(query and query.floor.p50_ms),
            "floor_p99_ms": r(query and query.floor.p99_ms),
        }
    bot = run.bot
    return {
        "sizes": sizes,
        "ask_process_ms": r(run.process and run.process.ask_ms, 1),
        "ask_process_large": run.process_large
        and {
            "events": run.process_large[0],
            "ask_ms": r(run.process_large[1].ask_ms, 1),
            "python_floor_ms": r(run.process_large[1].python_floor_ms, 1),
        },
        "serving_rss": run.serving_rss
        and {"events": run.serving_rss[0], "peak_mb": r(run.serving_rss[1], 0)},
        "python_floor_ms": r(run.process and run.process.python_floor_ms, 1),
        "bot_updates_per_s": r(bot and bot.text_per_s, 1),
        "echo_updates_per_s": r(bot and bot.echo_text_per_s, 1),
        "inline_per_s": r(bot and bot.inline_per_s, 1),
        "echo_inline_per_s": r(bot and bot.echo_inline_per_s, 1),
        # The floor that sends chronobot's own answers (same size, entities, keyboards).
        "same_payload_updates_per_s": r(bot and bot.floor_text_per_s, 1),
        "same_payload_inline_per_s": r(bot and bot.floor_inline_per_s, 1),
        "same_payload_ratio": r(bot and bot.floor_text_ratio, 2),
        "same_payload_inline_ratio": r(bot and bot.floor_inline_ratio, 2),
        # The same ratios from CPU time per update (floor CPU / chronobot CPU): barely moved
        # by other work on a shared machine, unlike updates/s.
        "same_payload_cpu_ratio": r(bot and _cpu_ratio(bot.floor_text_cpu_ms, bot.text_cpu_ms), 2),
        "same_payload_inline_cpu_ratio": r(
            bot and _cpu_ratio(bot.floor_inline_cpu_ms, bot.inline_cpu_ms), 2
        ),
        # The answer worker (on with 2 cores or more, as `chronobot serve` runs): the CPU it
        # spends per update beside the bot process, and its peak RSS.
        "answer_worker_cpu_ms": bot
        and {"text": r(bot.text_worker_cpu_ms, 2), "inline": r(bot.inline_worker_cpu_ms, 2)},
        "answer_worker_rss_mb": r(bot and bot.worker_rss_mb, 0),
        "bot_and_worker_pss_mb": r(bot and bot.pss_mb, 0),
    }


def _cpu_ratio(floor_ms: float, bot_ms: float) -> float | None:
    """Floor CPU over chronobot CPU per update; None where /proc gave no CPU times."""
    return floor_ms / bot_ms if floor_ms and bot_ms else None


def max_ms(query: QueryResult) -> float:
    """The slowest single question of the measured pass."""
    return max((worst for _median, worst in query.by_kind.values()), default=0.0)


def _status(met: bool | None) -> str:
    return "not measured" if met is None else ("**met**" if met else "**not met**")


def _targets(run: BenchRun) -> list[str]:
    build = run.builds.get(TARGET_SIZE)
    query = run.queries.get(TARGET_SIZE)
    process, bot = run.process, run.bot
    rss = run.serving_rss if run.serving_rss and run.serving_rss[0] == TARGET_SIZE else None
    ratio = query and query.engine.p50_ms / query.floor.p50_ms
    process_ratio = process and process.ask_ms / process.python_floor_ms
    bot_ratio = bot and min(bot.floor_text_ratio, bot.floor_inline_ratio)
    rows = [
        (
            f"100k build ≤ {TARGET_BUILD_S:g} s",
            build and f"{build.build_s:.1f} s ({_split(build)})",
            build and build.build_s <= TARGET_BUILD_S,
        ),
        (
            f"100k query p99 ≤ {TARGET_P99_MS:g} ms",
            query and f"{query.engine.p99_ms:.1f} ms",
            query and query.engine.p99_ms <= TARGET_P99_MS,
        ),
        (
            f"100k query p50 ≤ {TARGET_FLOOR_RATIO:g}× FTS5 floor p50",
            query and f"{ratio:.1f}× ({query.engine.p50_ms:.2f} / {query.floor.p50_ms:.2f} ms)",
            query and ratio <= TARGET_FLOOR_RATIO,
        ),
        (
            f"`chronobot ask` ≤ {TARGET_PROCESS_RATIO:g}× interpreter floor",
            process
            and f"{process_ratio:.1f}× ({process.ask_ms:.0f} / {process.python_floor_ms:.0f} ms)",
            process and process_ratio <= TARGET_PROCESS_RATIO,
        ),
        (
            f"bot ≥ {TARGET_BOT_RATIO:g}× same-payload floor bot (text and inline)",
            bot and f"text {bot.floor_text_ratio:.2f}×, inline {bot.floor_inline_ratio:.2f}×",
            bot and bot_ratio >= TARGET_BOT_RATIO,
        ),
        (
            f"serving RSS with the 100k index < {TARGET_RSS_MB:g} MB",
            rss and f"{rss[1]:.0f} MB",
            rss and rss[1] < TARGET_RSS_MB,
        ),
    ]
    rows += _large_targets(run)
    lines = ["| target | measured | status |", "|---|---|---|"]
    for name, measured, met in rows:
        lines.append(f"| {name} | {measured or '–'} | {_status(met)} |")
    return lines


def _split(build: BuildResult) -> str:
    return (
        f"reading {build.reading_s:.1f} + validating {build.validating_s:.1f} + writing "
        f"{build.writing_s:.1f} + indexes {build.indexes_s:.1f} + FTS {build.fts_s:.1f}"
    )


def _large_targets(run: BenchRun) -> list[tuple[str, str | None, bool | None]]:
    """The million-event targets, when that size was measured."""
    build, query = run.builds.get(LARGE_SIZE), run.queries.get(LARGE_SIZE)
    if build is None and query is None:
        return []
    rss = run.serving_rss if run.serving_rss and run.serving_rss[0] == LARGE_SIZE else None
    process = run.process_large[1] if run.process_large else None
    ratio = query and query.engine.p50_ms / query.floor.p50_ms
    process_ratio = process and process.ask_ms / process.python_floor_ms
    worst = query and max_ms(query)
    return [
        (
            f"1M build ≤ {TARGET_LARGE_BUILD_S:g} s",
            build and f"{build.build_s:.1f} s ({_split(build)})",
            build and build.build_s <= TARGET_LARGE_BUILD_S,
        ),
        (
            f"1M build peak memory < {TARGET_LARGE_PEAK_MB:g} MB",
            build and f"{build.peak_mb:.0f} MB",
            build and build.peak_mb < TARGET_LARGE_PEAK_MB,
        ),
        (
            f"1M query p99 ≤ {TARGET_P99_MS:g} ms",
            query and f"{query.engine.p99_ms:.1f} ms",
            query and query.engine.p99_ms <= TARGET_P99_MS,
        ),
        (
            f"1M worst question ≤ {TARGET_LARGE_MAX_MS:g} ms",
            query and f"{worst:.1f} ms",
            query and worst <= TARGET_LARGE_MAX_MS,
        ),
        (
            f"1M query p50 ≤ {TARGET_FLOOR_RATIO:g}× FTS5 floor p50",
            query and f"{ratio:.1f}× ({query.engine.p50_ms:.2f} / {query.floor.p50_ms:.2f} ms)",
            query and ratio <= TARGET_FLOOR_RATIO,
        ),
        (
            f"1M `chronobot ask` ≤ {TARGET_PROCESS_RATIO:g}× interpreter floor",
            process
            and f"{process_ratio:.1f}× ({process.ask_ms:.0f} / {process.python_floor_ms:.0f} ms)",
            process and process_ratio <= TARGET_PROCESS_RATIO,
        ),
        (
            f"serving RSS with the 1M index < {TARGET_LARGE_RSS_MB:g} MB",
            rss and f"{rss[1]:.0f} MB",
            rss and rss[1] < TARGET_LARGE_RSS_MB,
        ),
    ]


def render_markdown(run: BenchRun, chart: Path | None) -> str:
    """RESULTS.md: the machine, the targets, then one table per measurement."""
    lines = [
        "# Benchmark results",
        "",
        f"Written by `{run.command}` on {run.started:%Y-%m-%d %H:%M} UTC. "
        "Re-run with `make bench` (all sizes; it rewrites this file and the chart). "
        "`python -m bench --quick` (sizes 1,000 and 10,000) only prints, unless `--write`.",
        "",
        f"- CPU: {cpu_model()} ({os.cpu_count()} logical cores, shared)",
        f"- Python {platform.python_version()} ({sys.implementation.name}), "
        f"SQLite {sqlite3.sqlite_version}, {platform.system()} {platform.release()}",
        f"- Corpus: `bench/generate.py`, seed {run.seed}, sizes {', '.join(map(str, run.sizes))}",
        "- Where the time goes: `python -m bench.profile_engine --size 100000` (cProfile of "
        "the engine, slowest questions, import times of `chronobot ask`)",
        "",
        "## Targets",
        "",
        *_targets(run),
        "",
    ]
    if run.problems:
        lines += ["Measurements that could not run:", ""]
        lines += [f"- {problem}" for problem in run.problems] + [""]
    lines += [
        "## Index build",
        "",
        "One fresh process per size runs `bot.index.build_index_from_file` (what `chronobot "
        "index` does): one streaming pass reads the YAML in pieces, validates each and writes "
        "its rows; then the indexes (date order, counts, name tables) and the FTS5 index. "
        "Seconds of wall time; CPU is the process's own CPU time, steadier on a shared "
        "machine. Peak = that process's maximum RSS.",
        "",
        "| events | reading | validating | writing | indexes | FTS | total s | CPU s "
        "| db MB | peak MB |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for size, build in sorted(run.builds.items()):
        lines.append(
            f"| {size:,} | {build.reading_s:.2f} | {build.validating_s:.2f} "
            f"| {build.writing_s:.2f} | {build.indexes_s:.2f} | {build.fts_s:.2f} "
            f"| {build.build_s:.2f} | {build.cpu_s:.1f} | {build.db_mb:.1f} | {build.peak_mb:.0f} |"
        )
    lines += [
        "",
        "## Query latency (in-process, 500 questions per size)",
        "",
        "`Engine.ask(question, limit=10)` against the floor: a bare FTS5 `MATCH` of the same "
        "question's words (stop words dropped, each quoted, OR-ed) ranked by `bm25()` "
        "`LIMIT 10`, on the same database, alternating question by question after a warm-up "
        "pass. Milliseconds.",
        "",
        "| events | p50 | p95 | p99 | max | floor p50 | floor p95 | floor p99 | p50 ratio "
        "| p99 ratio | open ms | first ask ms |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for size, query in sorted(run.queries.items()):
        engine, floor = query.engine, query.floor
        lines.append(
            f"| {size:,} | {engine.p50_ms:.2f} | {engine.p95_ms:.2f} | {engine.p99_ms:.2f} "
            f"| {max_ms(query):.1f} | {floor.p50_ms:.2f} | {floor.p95_ms:.2f} | {floor.p99_ms:.2f} "
            f"| {engine.p50_ms / floor.p50_ms:.1f}× | {engine.p99_ms / floor.p99_ms:.1f}× "
            f"| {query.open_ms:.0f} | {query.first_ask_ms:.1f} |"
        )
    if run.queries:
        largest = max(run.queries)
        kinds = run.queries[largest].by_kind
        lines += [
            "",
            f"By question kind at {largest:,} events (engine, ms):",
            "",
            "| kind | median | max |",
            "|---|---:|---:|",
            *(f"| {kind} | {p50:.2f} | {top:.1f} |" for kind, (p50, top) in kinds.items()),
        ]
    if chart:
        lines += ["", f"![latency vs corpus size]({chart.name})"]
    lines += ["", "## Whole process", ""]
    lines += [
        "Wall time of one process, median of alternating runs; the index is already cached "
        '(`CHRONOBOT_INDEX`). Floor: `python -c "import sqlite3"` with the same interpreter.',
        "",
        "| chronology | question | runs | `chronobot ask --json` ms | floor ms | ratio |",
        "|---|---|---:|---:|---:|---:|",
    ]
    for label, result in (
        ("bundled `data/events.yaml`", run.process),
        (
            f"generated, {run.process_large[0]:,} events" if run.process_large else "",
            run.process_large and run.process_large[1],
        ),
    ):
        if result:
            lines.append(
                f"| {label} | {result.question} | {result.runs} | {result.ask_ms:.0f} "
                f"| {result.python_floor_ms:.0f} | {result.ask_ms / result.python_floor_ms:.1f}× |"
            )
    lines += ["", "## Serving memory", ""]
    if run.serving_rss:
        events, mb = run.serving_rss
        lines.append(
            f"A fresh process that opens the engine on the {events:,}-event index and answers "
            f"the 500 questions peaks at **{mb:.0f} MB** RSS (target < {TARGET_RSS_MB:g} MB "
            f"at {TARGET_SIZE:,} events)."
        )
        if run.bot and run.bot.rss_mb:
            lines.append(
                f"\nThe whole bot process (python-telegram-bot and the engine, on the same "
                f"{events:,}-event index, after the throughput runs) peaked at "
                f"**{run.bot.rss_mb:.0f} MB**; the echo bot at {run.bot.echo_rss_mb:.0f} MB, "
                f"the same-payload floor (holding every recorded answer) at "
                f"{run.bot.floor_rss_mb:.0f} MB."
            )
            if run.bot.worker_rss_mb:
                lines.append(
                    f"\nchronobot's answer worker (a child forked from the bot, with its own "
                    f"engine on the index) peaked at **{run.bot.worker_rss_mb:.0f} MB** RSS, "
                    "which counts the pages it still shares with the bot (the loaded code). "
                    f"Together, shared pages counted once (PSS), the two held "
                    f"**{run.bot.pss_mb:.0f} MB** after the throughput runs."
                )
    else:
        lines.append("Not measured.")
    lines += ["", "## Bot throughput", ""]
    if run.bot:
        bot = run.bot
        lines += [
            f"The real `Application` (`bot.telegram.app.build_application`) polling the fake Bot "
            f"API server on loopback, {bot.updates} updates per surface pushed at once, timed "
            "from the first push to the last reply, against two floors built on the same stack "
            "(`application_builder`: HTTP, `Defaults`, `AIORateLimiter`):",
            "",
            "- the **same-payload floor** replays chronobot's own answers: the HTML, keyboards "
            "and inline results chronobot sent in its first run, recorded by the fake, looked "
            "up by update (every run pushes the same updates in the same order) and sent with "
            "the same calls and chronobot's per-chat update processing."
            f" A text answer carries {bot.text_payload_chars:,.0f} characters (HTML "
            f"and keyboard) on average, an inline answer {bot.inline_results:.1f} results of "
            f"{bot.inline_payload_chars / max(bot.inline_results, 1):,.0f} characters; the run "
            "checks that the floor sent byte for byte what chronobot sent to each update. The "
            "ratio to "
            "it is what our own code (engine, rendering, handlers) costs;",
            "- the **echo bot** only sends the text back, one update at a time: the "
            "framework's bare floor. The ratio to it includes handling chronobot's large "
            "payloads, which any bot sending these answers pays.",
            "",
            f"Each bot runs in its own process, {bot.rounds} rounds of the three alternating "
            "(chronobot and the floor always back to back); rates are the medians, a ratio to "
            "the floor is the median of the rounds' ratios; "
            "Telegram's flood limits (`AIORateLimiter` rates) are off in all, since they cap "
            "any bot at 30/s.",
            "",
            "| surface | chronobot updates/s | same-payload floor updates/s | ratio | echo bot "
            "updates/s | ratio | chronobot CPU ms per update | floor CPU ms | echo CPU ms |",
            "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
            _bot_row(
                "private text question",
                (bot.text_per_s, bot.floor_text_per_s, bot.echo_text_per_s),
                bot.floor_text_ratio,
                (bot.text_cpu_ms, bot.floor_text_cpu_ms, bot.echo_text_cpu_ms),
            ),
            _bot_row(
                "inline query",
                (bot.inline_per_s, bot.floor_inline_per_s, bot.echo_inline_per_s),
                bot.floor_inline_ratio,
                (bot.inline_cpu_ms, bot.floor_inline_cpu_ms, bot.echo_inline_cpu_ms),
            ),
            "",
            "CPU ms per update is the bot process's own user + system time over the timed "
            "updates (from /proc): it barely moves when other work shares the machine, while "
            "updates/s does."
            + (
                f" chronobot ran as `chronobot serve` runs here, with its answer worker (two "
                f"cores): the worker's CPU per update, beside the bot's, was "
                f"{bot.text_worker_cpu_ms:.2f} ms (text) and {bot.inline_worker_cpu_ms:.2f} ms "
                "(inline), on the other core."
                if bot.text_worker_cpu_ms or bot.inline_worker_cpu_ms
                else ""
            ),
            "",
            f"The fake's own HTML check (Telegram's parse rules, in Python) is deferred while "
            f"timing and run on every text afterwards (all passed): it costs "
            f"{bot.fake_check_text_ms:.1f} ms per chronobot answer message and "
            f"{bot.fake_check_inline_ms:.1f} ms per inline answer, which would otherwise count "
            "as the bot's time.",
        ]
    else:
        lines.append("Not measured.")
    return "\n".join(lines) + "\n"


def _bot_row(
    surface: str,
    rates: tuple[float, float, float],
    ratio: float,
    cpu: tuple[float, float, float],
) -> str:
    """One surface: chronobot, the same-payload floor and the echo bot (rates, the ratio to
    the floor, then CPU ms)."""
    rate, floor, echo = rates
    floor_ratio = f"{ratio:.2f}×" if floor else "–"
    return (
        f"| {surface} | {rate:.0f} | {floor:.0f} | {floor_ratio} | {echo:.0f} | {rate / echo:.2f}× "
        f"| {cpu[0]:.2f} | {cpu[1]:.2f} | {cpu[2]:.2f} |"
    )


def draw_chart(run: BenchRun, path: Path) -> Path | None:
    """Latency vs corpus size (log-log), engine percentiles beside the floor; None without
    matplotlib (the optional `bench` extra)."""
    if len(run.queries) < 1:
        return None
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        print("matplotlib is not installed (pip install -e '.[bench]'): no chart", file=sys.stderr)
        return None
    sizes = sorted(run.queries)
    figure, (axes, growth) = plt.subplots(1, 2, figsize=(12, 4.5), dpi=110)
    series = (
        ("engine p50", lambda q: q.engine.p50_ms, "C0", "-"),
        ("engine p95", lambda q: q.engine.p95_ms, "C0", "--"),
        ("engine p99", lambda q: q.engine.p99_ms, "C0", ":"),
        ("FTS5 floor p50", lambda q: q.floor.p50_ms, "C1", "-"),
        ("FTS5 floor p99", lambda q: q.floor.p99_ms, "C1", ":"),
    )
    for label, value, color, style in series:
        axes.plot(
            sizes,
            [value(run.queries[s]) for s in sizes],
            style,
            color=color,
            marker="o",
            label=label,
        )
    axes.axhline(TARGET_P99_MS, color="C3", linewidth=0.8, label=f"p99 target {TARGET_P99_MS:g} ms")
    axes.set_xscale("log")
    axes.set_yscale("log")
    axes.set_xlabel("events in the chronology")
    axes.set_ylabel("latency per question (ms)")
    axes.set_title("chronobot query latency vs corpus size (500 questions)")
    axes.grid(True, which="both", alpha=0.3)
    axes.legend(fontsize=8)
    built = sorted(run.builds)
    growth.plot(built, [run.builds[n].build_s for n in built], "-o", color="C2", label="build s")
    growth.plot(
        built, [run.builds[n].peak_mb for n in built], "-o", color="C4", label="build peak MB"
    )
    growth.plot(sizes, [max_ms(run.queries[n]) for n in sizes], "-o", color="C0", label="worst ms")
    growth.set_xscale("log")
    growth.set_yscale("log")
    growth.set_xlabel("events in the chronology")
    growth.set_title("build time, build memory and worst question vs size")
    growth.grid(True, which="both", alpha=0.3)
    growth.legend(fontsize=8)
    figure.tight_layout()
    figure.savefig(path)
    plt.close(figure)
    return path
