"""Bot throughput: updates per second through python-telegram-bot against the fake Bot API.

The bot under test runs in its own process, polling the fake server (tests/fakebotapi.py)
that this process hosts on loopback, as Telegram would be remote; so the fake's own work and
the measuring never compete with the bot's event loop. Two bots go through the same stack
(the real `Application`, HTTP, `getUpdates` polling, `Defaults(parse_mode=HTML)`, an
`AIORateLimiter`): chronobot as `bot.telegram.app.build_application` builds it; an echo bot
whose handlers only send the text back, the framework's own floor; and the same-payload floor
bot, which replays chronobot's own answers: the very HTML, keyboards and inline results that
chronobot sent in its first run (recorded by the fake), looked up by update and sent through
the same calls, with the same per-chat update processing. Every run pushes the same updates in
the same order to a fresh fake, so update ids match across runs: keyed by question text, a
question asked twice would replay one answer for both, though chronobot answers the second
one as a follow-up of what that chat asked before it. The echo ratio says what answering a
question costs beyond a few bytes of echo; the same-payload ratio says what our own code costs
(engine, rendering, handlers) beyond the Telegram traffic that any bot sending these answers
pays for.

Telegram's flood limits are switched off in both (rate 0) because they are a policy of the
real server, not a cost of the bot: left on, both bots would measure 30 messages a second.
The fake's HTML check (a per-character parser in Python, 3-10 ms per chronobot answer) is
deferred while timing: PTB handles one update at a time, so the fake's parsing would count as
the bot's time, which Telegram's servers never add. Every text is checked afterwards, and
that check's cost is reported.

`python -m bench.measure_bot BOT BASE_URL TOKEN PATH` is that child process (BOT is
`chronobot`, `echo` or `floor`; PATH is the index for chronobot, the recorded answers for the
floor); it prints `ready`, serves until its stdin closes, then prints its peak RSS. With
`BENCH_PROFILE_BOT=DIR` set it runs under cProfile and writes DIR/bot-BOT.prof.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import html
import json
import os
import resource
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass, replace
from pathlib import Path

from bench.generate import Question
from bench.measure_build import peak_rss_mb

ROOT = Path(__file__).resolve().parent.parent
WARM_UP = 20  # updates of each kind before timing: connections open, caches filled
USERS = 50  # distinct private chats the questions come from


@dataclass(frozen=True, slots=True)
class BotResult:
    updates: int  # per surface and bot
    text_per_s: float
    echo_text_per_s: float
    inline_per_s: float
    echo_inline_per_s: float
    # What the strict fake itself spends checking one of chronobot's calls (its HTML parser
    # is Python; it runs in the measuring process but adds to the bot's wait for a reply).
    fake_check_text_ms: float = 0.0
    fake_check_inline_ms: float = 0.0
    rss_mb: float = 0.0  # peak RSS of the chronobot process, PTB and engine included
    echo_rss_mb: float = 0.0
    # CPU time of the bot process per update (user + system): unlike updates/s, barely
    # disturbed by other work on a shared machine. 0 where /proc is not available.
    text_cpu_ms: float = 0.0
    echo_text_cpu_ms: float = 0.0
    inline_cpu_ms: float = 0.0
    echo_inline_cpu_ms: float = 0.0
    # The same-payload floor: chronobot's recorded answers replayed by a bot with no engine.
    floor_text_per_s: float = 0.0
    floor_inline_per_s: float = 0.0
    floor_text_cpu_ms: float = 0.0
    floor_inline_cpu_ms: float = 0.0
    floor_rss_mb: float = 0.0
    # What every bot sent per update (message HTML + keyboard; inline results), in characters.
    text_payload_chars: float = 0.0
    inline_payload_chars: float = 0.0
    inline_results: float = 0.0  # results per inline answer

    # chronobot's answer worker, where it runs (2 cores or more, as `chronobot serve` would):
    # its CPU ms per update (beside the bot process's) and its peak RSS
    text_worker_cpu_ms: float = 0.0
    inline_worker_cpu_ms: float = 0.0
    worker_rss_mb: float = 0.0
    pss_mb: float = 0.0  # the bot and its worker together, shared pages counted once (PSS)

    rounds: int = 1  # runs of each bot; rates and CPU costs are the medians
    # chronobot's rate over the floor's, run next to each other: the median over the rounds.
    floor_text_ratio: float = 0.0
    floor_inline_ratio: float = 0.0

    @property
    def inline_ratio(self) -> float:
        return self.inline_per_s / self.echo_inline_per_s


def _quiet_network_environment() -> dict[str, str]:
    # No proxy for the loopback fake; PTB_TIMEDELTA opts into PTB's future behaviour and
    # silences its deprecation warning.
    return dict(os.environ, NO_PROXY="127.0.0.1,localhost", no_proxy="127.0.0.1,localhost")


def measure_bot(
    db_path: Path, questions: tuple[Question, ...], updates: int, rounds: int = 3
) -> BotResult:
    """Throughput of chronobot, the same-payload floor and the echo bot, for private text
    questions and inline queries.

    Each bot runs `rounds` times, alternating, and reports its median run; a ratio is the
    median over the rounds of chronobot's rate against the floor's in the same round (the two
    run back to back, so a burst of other work on a shared machine hits both alike).
    """
    os.environ.update(_quiet_network_environment(), PTB_TIMEDELTA="1")
    return asyncio.run(_measure_both(db_path, [q.text for q in questions], updates, rounds))


async def _measure_both(
    db_path: Path, questions: list[str], updates: int, rounds: int
) -> BotResult:
    runs: dict[str, list[_Run]] = defaultdict(list)
    kinds = ("chronobot", "floor", "echo")
    with tempfile.TemporaryDirectory(prefix="bench-bot-") as scratch:
        answers = Path(scratch) / "answers.json"  # written by chronobot's first run
        for round_ in range(rounds):
            # Round 0 starts with chronobot: the floor replays what it answered. chronobot and
            # the floor always run next to each other, for the per-round ratios.
            order = kinds if round_ % 2 == 0 else kinds[::-1]
            for kind in order:
                path = answers if kind == "floor" else db_path
                runs[kind].append(await _measure_one(kind, path, questions, updates, answers))
    bots, floors = runs["chronobot"], runs["floor"]
    for run in (*floors, *bots[1:]):  # chronobot's answers do not change from run to run
        if run.sent != bots[0].sent:
            who = "the floor bot" if any(run is floor for floor in floors) else "chronobot"
            raise RuntimeError(
                f"{who} did not send chronobot's first payloads to the same updates: "
                f"{run.text_chars}/{run.inline_chars} characters against "
                f"{bots[0].text_chars}/{bots[0].inline_chars}"
            )
    bot, echo, floor = _Run.median(bots), _Run.median(runs["echo"]), _Run.median(floors)
    first = bots[0]
    return BotResult(
        updates=updates,
        text_per_s=bot.text_per_s,
        echo_text_per_s=echo.text_per_s,
        inline_per_s=bot.inline_per_s,
        echo_inline_per_s=echo.inline_per_s,
        fake_check_text_ms=first.check_text_ms,
        fake_check_inline_ms=first.check_inline_ms,
        rss_mb=max(run.rss_mb for run in bots),
        echo_rss_mb=max(run.rss_mb for run in runs["echo"]),
        text_cpu_ms=bot.text_cpu_ms,
        echo_text_cpu_ms=echo.text_cpu_ms,
        inline_cpu_ms=bot.inline_cpu_ms,
        echo_inline_cpu_ms=echo.inline_cpu_ms,
        floor_text_per_s=floor.text_per_s,
        floor_inline_per_s=floor.inline_per_s,
        floor_text_cpu_ms=floor.text_cpu_ms,
        floor_inline_cpu_ms=floor.inline_cpu_ms,
        floor_rss_mb=max(run.rss_mb for run in floors),
        text_payload_chars=first.text_chars / first.text_answers,
        inline_payload_chars=first.inline_chars / first.inline_answers,
        inline_results=first.inline_result_count / first.inline_answers,
        text_worker_cpu_ms=bot.text_worker_cpu_ms,
        inline_worker_cpu_ms=bot.inline_worker_cpu_ms,
        worker_rss_mb=max(run.worker_rss_mb for run in bots),
        pss_mb=max(run.pss_mb for run in bots),
        rounds=rounds,
        floor_text_ratio=statistics.median(
            b.text_per_s / f.text_per_s for b, f in zip(bots, floors, strict=True)
        ),
        floor_inline_ratio=statistics.median(
            b.inline_per_s / f.inline_per_s for b, f in zip(bots, floors, strict=True)
        ),
    )


@dataclass(frozen=True, slots=True)
class _Run:
    """One bot's run: both surfaces."""

    text_per_s: float
    inline_per_s: float
    text_cpu_ms: float
    inline_cpu_ms: float
    check_text_ms: float
    check_inline_ms: float
    rss_mb: float
    # What the bot sent over the whole run (warm-up included): for comparing bots' payloads.
    text_chars: int = 0
    inline_chars: int = 0
    text_answers: int = 0
    inline_answers: int = 0
    inline_result_count: int = 0
    answers_digest: str = ""  # of every answer, by update (_answers_by_update)
    # chronobot's answer worker (bot.telegram.worker), where it runs: its CPU and peak RSS
    text_worker_cpu_ms: float = 0.0
    inline_worker_cpu_ms: float = 0.0
    worker_rss_mb: float = 0.0
    pss_mb: float = 0.0  # the bot and its worker together, shared pages counted once

    @property
    def sent(self) -> tuple[int, int, int, int, int]:
        """What was sent: equal for two bots that sent the same payloads to the same updates."""
        return (
            self.text_chars,
            self.inline_chars,
            self.text_answers,
            self.inline_answers,
            self.inline_result_count,
            self.answers_digest,
        )

    @staticmethod
    def median(runs: list[_Run]) -> _Run:
        """Each rate and CPU cost: its median over `runs` (the payloads: of the first run)."""

        def middle(figure: str) -> float:
            return statistics.median(getattr(run, figure) for run in runs)

        return replace(
            runs[0],
            text_per_s=middle("text_per_s"),
            inline_per_s=middle("inline_per_s"),
            text_cpu_ms=middle("text_cpu_ms"),
            inline_cpu_ms=middle("inline_cpu_ms"),
            text_worker_cpu_ms=middle("text_worker_cpu_ms"),
            inline_worker_cpu_ms=middle("inline_worker_cpu_ms"),
        )


def _cpu_seconds(pid: int) -> float:
    """User + system CPU time of process `pid` so far (Linux /proc; 0 elsewhere)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    # After the command name: state is field 3, utime and stime are fields 14 and 15.
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def _measure_one(
    kind: str, path: Path, questions: list[str], updates: int, answers: Path
) -> _Run:
    """One run of the `kind` bot in a child process (chronobot's records its `answers`)."""
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from tests.fakebotapi import FakeBotAPI

    # A generous deadline: a slow bot should measure slow, not fail as "query is too old".
    with _html_check_deferred() as strict_check:
        fake = FakeBotAPI(answer_deadline=3600)
        return await _drive(kind, path, questions, updates, fake, strict_check, answers)


async def _drive(
    kind: str,
    path: Path,
    questions: list[str],
    updates: int,
    fake,
    strict_check,
    answers: Path,
) -> _Run:
    """Start the `kind` bot against `fake`, time both surfaces, stop it."""
    from tests.fakebotapi import user

    async with fake as api:
        child = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "bench.measure_bot",
            kind,
            api.base_url,
            api.token,
            str(path),
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            cwd=ROOT,
            env=_quiet_network_environment() | {"PTB_TIMEDELTA": "1"},
        )
        try:
            line = await asyncio.wait_for(child.stdout.readline(), 60)  # type: ignore[union-attr]
            ready, *worker = line.split()
            worker_pid = int(worker[0]) if worker and int(worker[0]) else None
            if ready != b"ready":
                raise RuntimeError(f"the {kind} bot did not start (exit {await child.wait()})")
            senders = [user(user_id=2000 + n, first_name=f"User{n}") for n in range(USERS)]
            # Which update each answer answers: chat id -> its message updates, in order; inline
            # query id -> its update.
            asked: dict[int, list[int]] = defaultdict(list)
            inline_asked: dict[str, int] = {}

            async def push_texts(count: int, start: int) -> None:
                for n in range(start, start + count):
                    text, sender = questions[n % len(questions)], senders[n % USERS]
                    await api.push_message(text, sender=sender)
                    asked[sender["id"]].append(api.last_update_id)

            async def push_inline(count: int, start: int) -> None:
                for n in range(start, start + count):
                    text = questions[n % len(questions)]
                    query_id = await api.push_inline(text, sender=senders[n % USERS])
                    inline_asked[query_id] = api.last_update_id

            text_rate, text_cpu, text_worker_cpu = await _timed(
                api, child.pid, worker_pid, "sendMessage", push_texts, updates
            )
            inline_rate, inline_cpu, inline_worker_cpu = await _timed(
                api, child.pid, worker_pid, "answerInlineQuery", push_inline, updates
            )
            rejected = [(c.method, c.description) for c in api.unexpected_errors()]
            if rejected:
                raise RuntimeError(f"the fake Bot API rejected {kind} calls: {rejected[:3]}")
            check_text_ms, check_inline_ms = _fake_check_ms(api, strict_check)  # raises on bad HTML
            sent_by_update = _answers_by_update(api, asked, inline_asked)
            if kind == "chronobot" and not answers.exists():
                answers.write_text(json.dumps(sent_by_update), encoding="utf-8")
            digest = hashlib.sha256(json.dumps(sent_by_update, sort_keys=True).encode()).hexdigest()
            sent = _payload_sizes(api)
            child.stdin.close()  # type: ignore[union-attr]
            last = await asyncio.wait_for(child.stdout.read(), 30)  # type: ignore[union-attr]
            # "rss <bot MB> <worker MB>": the worker's peak, once it has ended with the bot
            rss_mb, worker_rss_mb, pss_mb = (
                float(mb) for mb in (last.split() or ["", 0, 0, 0])[1:4]
            )
            return _Run(
                text_rate,
                inline_rate,
                text_cpu,
                inline_cpu,
                check_text_ms,
                check_inline_ms,
                rss_mb,
                *sent,
                digest,
                text_worker_cpu,
                inline_worker_cpu,
                worker_rss_mb,
                pss_mb,
            )
        finally:
            if child.returncode is None:
                child.stdin.close()  # type: ignore[union-attr]
                try:
                    await asyncio.wait_for(child.wait(), 30)
                except TimeoutError:
                    child.kill()
                    await child.wait()


def _answers_by_update(
    api, asked: dict[int, list[int]], inline_asked: dict[str, int]
) -> dict[str, dict[str, dict]]:
    """What the bot answered to each update, by update id: the floor replays chronobot's, and
    must send exactly the same.

    A chat's updates are answered in order (one chat, one queue), so the n-th message in a
    chat answers the n-th update pushed there; an inline answer names its query.
    """
    messages: dict[int, dict] = {}
    sent: dict[int, list[dict]] = defaultdict(list)
    for call in api.calls_to("sendMessage"):
        if call.ok:
            sent[int(call.params["chat_id"])].append(call.params)
    for chat_id, update_ids in asked.items():
        if len(sent[chat_id]) != len(update_ids):
            raise RuntimeError(
                f"chat {chat_id}: {len(update_ids)} questions, {len(sent[chat_id])} answers"
            )
        for update_id, params in zip(update_ids, sent[chat_id], strict=True):
            messages[update_id] = {
                "text": params["text"],
                "reply_markup": params.get("reply_markup"),
                "quoted": "reply_parameters" in params,  # of this run's message ids
            }
    inline: dict[int, dict] = {}
    for call in api.calls_to("answerInlineQuery"):
        if call.ok:
            params = call.params
            inline[inline_asked[str(params["inline_query_id"])]] = {
                key: params.get(key)
                for key in ("results", "cache_time", "is_personal", "next_offset", "button")
            }
    return {
        "messages": {str(update_id): answer for update_id, answer in sorted(messages.items())},
        "inline": {str(update_id): answer for update_id, answer in sorted(inline.items())},
    }


def _payload_sizes(api) -> tuple[int, int, int, int, int]:
    """Characters sent in messages (HTML + keyboard) and in inline results, the answer counts
    and the number of inline results: equal for two bots that sent the same payloads."""

    def size(value) -> int:
        return len(json.dumps(value, sort_keys=True, ensure_ascii=False)) if value else 0

    messages = [c.params for c in api.calls_to("sendMessage") if c.ok]
    answers = [c.params for c in api.calls_to("answerInlineQuery") if c.ok]
    text_chars = sum(len(p["text"]) + size(p.get("reply_markup")) for p in messages)
    inline_chars = sum(
        len(content.get("message_text", ""))
        + len(r.get("title", ""))
        + len(r.get("description", ""))
        + size(r.get("reply_markup"))
        for p in answers
        for r in p["results"]
        for content in [r.get("input_message_content") or {}]
    )
    results = sum(len(p["results"]) for p in answers)
    return text_chars, inline_chars, len(messages), len(answers), results


async def _timed(
    api, pid: int, worker_pid: int | None, method: str, push, updates: int
) -> tuple[float, float, float]:
    """Warm up, then push `updates` at once and wait for the last answer.

    Returns updates/s (wall time from the first push), and the CPU ms per update of the bot
    process and of its answer worker (0 without one).
    """
    await push(WARM_UP, 0)
    await api.wait_for(method, count=WARM_UP, timeout=120)
    worker_before = _cpu_seconds(worker_pid) if worker_pid else 0.0
    cpu_before, started = _cpu_seconds(pid), time.perf_counter()
    await push(updates, WARM_UP)
    await api.wait_for(method, count=updates, timeout=600)
    elapsed, cpu = time.perf_counter() - started, _cpu_seconds(pid) - cpu_before
    worker = (_cpu_seconds(worker_pid) - worker_before) if worker_pid else 0.0
    return updates / elapsed, cpu * 1000 / updates, worker * 1000 / updates


@contextlib.contextmanager
def _html_check_deferred():
    """Let the fake accept texts unparsed while timing (`_fake_check_ms` checks them later)."""
    from tests import fakebotapi

    strict = fakebotapi.check_text

    def accept(text, parse_mode):
        if not isinstance(text, str) or not text.strip():
            return strict(text, parse_mode)  # cheap: an empty text is still refused
        return text, []

    fakebotapi.check_text = accept
    try:
        yield strict
    finally:
        fakebotapi.check_text = strict


def _fake_check_ms(api, check_text) -> tuple[float, float]:
    """Check every text the bot sent as Telegram would (raising on the first invalid one);
    return the mean time that takes per sendMessage and per answerInlineQuery."""
    from tests.fakebotapi import ApiError

    def mean_ms(method: str, texts) -> float:
        calls = [call for call in api.calls_to(method) if call.ok]
        started = time.perf_counter()
        for call in calls:
            for text, mode in texts(call):
                try:
                    check_text(text, mode)
                except ApiError as error:
                    raise RuntimeError(f"{method} sent a text Telegram refuses: {error}") from None
        return (time.perf_counter() - started) * 1000 / max(1, len(calls))

    def message(call):
        return [(call.params["text"], call.params.get("parse_mode"))]

    def inline(call):
        contents = [r.get("input_message_content") or {} for r in call.params["results"]]
        return [(c.get("message_text"), c.get("parse_mode")) for c in contents]

    return mean_ms("sendMessage", message), mean_ms("answerInlineQuery", inline)


# --- the child process: one bot polling the fake --------------------------------------------


def _echo_application(base_url: str, token: str):
    """A minimal Application built like chronobot's, whose handlers only echo the text."""
    from telegram import (
        InlineQueryResultArticle,
        InputTextMessageContent,
        Update,
    )
    from telegram.ext import (
        ContextTypes,
        InlineQueryHandler,
        MessageHandler,
        filters,
    )

    async def echo_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        await update.effective_message.reply_text(html.escape(update.effective_message.text))

    async def echo_inline(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        query = update.inline_query
        content = InputTextMessageContent(html.escape(query.query or "?"))
        await query.answer(
            [InlineQueryResultArticle(id="echo", title="Echo", input_message_content=content)]
        )

    from bot.telegram.app import Limits, application_builder

    no_flood_limits = Limits(overall_max_rate=0, group_max_rate=0)
    application = application_builder(token, base_url, no_flood_limits).build()
    application.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, echo_text))
    application.add_handler(InlineQueryHandler(echo_inline))
    return application


def _floor_application(base_url: str, token: str, answers_path: str):
    """chronobot's stack without chronobot: each update gets the answer chronobot gave it,
    built into Telegram objects before the first update, sent with the same calls."""
    from telegram import (
        InlineKeyboardMarkup,
        InlineQueryResultArticle,
        InlineQueryResultsButton,
        InputTextMessageContent,
        ReplyParameters,
        Update,
    )
    from telegram.ext import ContextTypes, InlineQueryHandler, MessageHandler, filters

    from bot.telegram.app import Limits, application_builder
    from bot.telegram.ordering import PerChatUpdateProcessor

    recorded = json.loads(Path(answers_path).read_text(encoding="utf-8"))

    def markup(data: dict | None) -> InlineKeyboardMarkup | None:
        return InlineKeyboardMarkup.de_json(data, None) if data else None

    def article(data: dict) -> InlineQueryResultArticle:
        content = data["input_message_content"]
        return InlineQueryResultArticle(
            id=data["id"],
            title=data["title"],
            description=data.get("description"),
            input_message_content=InputTextMessageContent(content["message_text"]),
            reply_markup=markup(data.get("reply_markup")),
        )

    messages = {
        int(update_id): (answer["text"], markup(answer["reply_markup"]), answer["quoted"])
        for update_id, answer in recorded["messages"].items()
    }
    inline = {
        int(update_id): (
            [article(result) for result in answer["results"]],
            {
                "cache_time": answer["cache_time"],
                "is_personal": answer["is_personal"],
                "next_offset": answer["next_offset"],
                "button": answer["button"]
                and InlineQueryResultsButton.de_json(answer["button"], None),
            },
        )
        for update_id, answer in recorded["inline"].items()
    }

    async def replay_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        message = update.effective_message
        text, keyboard, quoted = messages[update.update_id]
        if quoted:
            quote = ReplyParameters(message.message_id, allow_sending_without_reply=True)
            await message.reply_html(text, reply_markup=keyboard, reply_parameters=quote)
        else:
            await message.reply_html(text, reply_markup=keyboard, do_quote=False)

    async def replay_inline(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        results, options = inline[update.update_id]
        await update.inline_query.answer(results, **options)

    no_flood_limits = Limits(overall_max_rate=0, group_max_rate=0)
    application = (
        application_builder(token, base_url, no_flood_limits)
        .concurrent_updates(PerChatUpdateProcessor())  # chronobot's update processing
        .build()
    )
    application.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, replay_text))
    application.add_handler(InlineQueryHandler(replay_inline))
    return application


def _chronobot_application(base_url: str, token: str, db_path: str):
    from bot.config import Config, parse_answer_worker
    from bot.engine import Engine
    from bot.telegram.app import Limits, build_application

    # As `chronobot serve` runs on this machine: with the answer worker where it has 2 cores.
    worker = parse_answer_worker(None, os.cpu_count())
    config = Config(token=token, api_url=base_url, answer_worker=worker)
    limits = Limits(overall_max_rate=0, group_max_rate=0)
    return build_application(config, Engine.open(db_path), limits=limits)


async def _serve_child(kind: str, base_url: str, token: str, db_path: str) -> None:
    """Run the `kind` bot until stdin closes (`db_path`: the index, or the floor's answers)."""
    from bot.telegram.app import ALLOWED_UPDATES

    if kind == "echo":
        application = _echo_application(base_url, token)
    elif kind == "floor":
        application = _floor_application(base_url, token, db_path)
    else:
        application = _chronobot_application(base_url, token, db_path)
    await application.initialize()
    if application.post_init:
        await application.post_init(application)
    await application.updater.start_polling(  # type: ignore[union-attr]
        poll_interval=0, timeout=10, allowed_updates=ALLOWED_UPDATES
    )
    await application.start()
    # Every bot runs on the same runtime: chronobot's post_init settles its heap; so do theirs.
    from bot.telegram.app import settle_heap

    settle_heap()
    state = application.bot_data.get("chronobot")
    worker = state.worker.pid if state is not None and state.worker is not None else None
    print("ready", worker or 0, flush=True)
    await asyncio.get_running_loop().run_in_executor(None, sys.stdin.read)
    # Memory both processes hold together, pages they share counted once (PSS), while both run.
    together = sum(_pss_mb(pid) for pid in (os.getpid(), worker) if pid)
    await application.updater.stop()  # type: ignore[union-attr]
    await application.stop()
    await application.shutdown()
    if application.post_shutdown:  # as run_polling would: the answer worker ends here
        await application.post_shutdown(application)
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024  # the worker
    print(f"rss {peak_rss_mb():.1f} {children:.1f} {together:.1f}", flush=True)


def _pss_mb(pid: int) -> float:
    """Process `pid`'s proportional set size: its private pages, and its share of the pages
    it shares (Linux; 0 elsewhere)."""
    try:
        rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:
        return 0.0
    for line in rollup.splitlines():
        if line.startswith("Pss:"):
            return int(line.split()[1]) / 1024
    return 0.0


if __name__ == "__main__":
    # BENCH_PROFILE_BOT=DIR: profile the bot process, for finding what costs per update.
    if profile_dir := os.environ.get("BENCH_PROFILE_BOT"):
        import cProfile

        cProfile.run(
            "asyncio.run(_serve_child(*sys.argv[1:5]))", f"{profile_dir}/bot-{sys.argv[1]}.prof"
        )
    else:
        asyncio.run(_serve_child(*sys.argv[1:5]))
