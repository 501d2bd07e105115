"""Soak: 5,000 mixed updates through a bot process, with Telegram failing now and then.

The bot runs in its own process (the real Application under `run_polling`, as `serve` runs
it), polling the strict fake Bot API server hosted here, which injects 429s (retry_after 0 or
1), 500s and dropped connections at random. Every update must be answered exactly once:

- a private message or command: one sendMessage in its chat (each comes from its own user);
- a group /ask@Bot or mention: one sendMessage replying to it;
- an inline query: one answerInlineQuery with its id;
- a button press: one answerCallbackQuery with its id.

A message whose answer hit a 500 or a dropped connection is answered by the error handler's
apology instead: still one message. A 429 always says retry_after=1: PTB does not take
retry_after=0 for a flood error (it raises a plain error, and the call is not retried), and
Telegram never sends 0. Faults go only where the bot has such a second chance (a
500 on answering an inline or callback query cannot be retried by anyone, so those get 429s
only); a fault never hits two calls in a row for one chat or query (see `Chaos`).

The bot process's memory (VmRSS, VmHWM from /proc) and the wall time are printed, so that
`make test` shows them.
"""

from __future__ import annotations

import asyncio
import os
import random
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

from tests.fakebotapi import Chaos, FakeBotAPI, buttons_of, group_chat, user

ROOT = Path(__file__).resolve().parent.parent
UPDATES = 5000
SEEDS = 25  # answers with ◀ ▶ buttons, pressed by the callback queries
BACKLOG = 150  # updates pushed but not yet answered, at most (Telegram would queue the rest)
GROWTH_LIMIT_MB = 30.0  # RSS growth of the bot over the run after warm-up ...
LATE_GROWTH_LIMIT_MB = 8.0  # ... and over its second half (measured: ~1 MB)
PEAK_LIMIT_MB = 150.0  # the serving process's budget (issue 5)

QUESTIONS = (
    "Varga",
    "Varga 2009",
    "Okafor",
    "what did Petrov propose",
    "between 2003 and 2008",
    "2007",
    "lighthouse",
    "breakwater storm",
    "Lind ferries",
    "Ада Варга",
    "Vargaa 2006",
    "nobody knows this",
    "harbour master 2012",
    "<b>Varga</b> & co",
)
COMMANDS = (
    "/start",
    "/help",
    "/people",
    "/about",
    "/entry okafor-2008-09-02",
    "/year 2009",
    "/person Varga",
    "/date March 2001",
    "/ask lighthouse",
    "/nonsense",
)
# The mix of updates after the seeds; callbacks fill up the rest to UPDATES.
MIX = {"private": 1500, "command": 700, "group_ask": 800, "mention": 500, "inline": 1000}
CHAOS_BUDGET = {
    "getUpdates 500": 2,
    "getUpdates drop": 2,
    "getUpdates 429": 1,
    "sendMessage 429": 4,
    "sendMessage 500": 12,
    "sendMessage drop": 12,
    "editMessageText 429": 2,
    "editMessageText 500": 5,
    "editMessageText drop": 5,
    "answerInlineQuery 429": 3,
    "answerInlineQuery 500": 3,
    "answerInlineQuery drop": 3,
    "answerCallbackQuery 429": 2,
    "answerCallbackQuery 500": 2,
    "answerCallbackQuery drop": 2,
}

# The bot process: the Application as `serve` builds it on two cores (answers worked out by
# the answer worker), without Telegram's flood limits (30 messages/s overall, 20/min per
# group: a policy of the real server that would make 5,000 answers take minutes) and with a
# few more retries after a 429.
BOT_PROCESS = """
import sys
from bot.config import Config
from bot.engine import Engine
from bot.telegram.app import ALLOWED_UPDATES, Limits, build_application
from bot.telegram.errors import configure_logging

base_url, token, db = sys.argv[1:4]
configure_logging("WARNING", [token])
limits = Limits(overall_max_rate=0, group_max_rate=0, max_retries=5)
config = Config(token=token, api_url=base_url, answer_worker=True)
app = build_application(config, Engine.open(db), limits=limits)
app.run_polling(allowed_updates=ALLOWED_UPDATES, poll_interval=0, timeout=10)
"""


def memory_mb(pid: int) -> dict[str, float]:
    """VmRSS (now) and VmHWM (peak) of a process, in MB."""
    fields = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        name, _, value = line.partition(":")
        if name in ("VmRSS", "VmHWM"):
            fields[name] = int(value.split()[0]) / 1024
    return fields


class Ledger:
    """Which update each successful answer belongs to, read from the fake's recorded calls."""

    def __init__(self, api: FakeBotAPI):
        self.api = api
        self.answers: Counter = Counter()  # update key -> successful answers
        self._seen = 0

    def scan(self) -> int:
        """Take in the calls recorded since the last scan; return how many updates have answers."""
        calls = self.api.calls
        for call in calls[self._seen :]:
            if call.ok and (key := answer_key(call)) is not None:
                self.answers[key] += 1
        self._seen = len(calls)
        return len(self.answers)


def answer_key(call) -> tuple | None:
    params = call.params
    if call.method == "answerInlineQuery":
        return ("inline", str(params["inline_query_id"]))
    if call.method == "answerCallbackQuery":
        return ("callback", str(params["callback_query_id"]))
    if call.method == "sendMessage":
        chat_id = int(params["chat_id"])
        if chat_id > 0:
            return ("chat", chat_id)
        replied = (params.get("reply_parameters") or {}).get("message_id")
        return ("group", chat_id, int(replied) if replied is not None else None)
    return None


def _about(call, keys: list[tuple]) -> bool:
    """Whether `call` answers (or failed to answer) one of the queries in `keys`."""
    ids = {str(key[-1]) for key in keys if key[0] in ("inline", "callback")}
    query = call.params.get("inline_query_id") or call.params.get("callback_query_id")
    return str(query) in ids


def plan_updates(rng: random.Random) -> list[str]:
    kinds = [kind for kind, count in MIX.items() for _ in range(count)]
    kinds += ["callback"] * (UPDATES - SEEDS - len(kinds))
    rng.shuffle(kinds)
    return kinds


async def push_one(
    api: FakeBotAPI, kind: str, n: int, rng: random.Random, seeds: list[dict]
) -> tuple:
    """Push update number `n` of `kind`; return the key its answer will carry."""
    question = rng.choice(QUESTIONS)
    if kind in ("private", "command"):
        sender = user(100_000 + n, f"User{n}", None)
        text = question if kind == "private" else rng.choice(COMMANDS)
        await api.push_message(text, sender=sender)
        return ("chat", sender["id"])
    if kind in ("group_ask", "mention"):
        chat = group_chat(-1_000_000_000_000 - n % 10, f"Group {n % 10}")
        sender = user(300_000 + n, f"Member{n}", None)  # one question each: no flood notice
        text = (
            f"/ask@ChronoTestBot {question}"
            if kind == "group_ask"
            else (f"@ChronoTestBot {question}" if n % 2 else f"{question} @ChronoTestBot")
        )
        message = await api.push_message(text, sender=sender, chat=chat)
        return ("group", chat["id"], message["message_id"])
    if kind == "inline":
        query = "" if n % 17 == 0 else question
        query_id = await api.push_inline(query, sender=user(500_000 + n % 300, "Inline", None))
        return ("inline", query_id)
    seed = rng.choice(seeds)
    current = api.stored_message(seed["chat"]["id"], seed["message_id"]) or seed
    data = rng.choice(list(buttons_of(current).values()))
    query_id = await api.push_callback(current, data, sender=user(seed["chat"]["id"]))
    return ("callback", query_id)


@pytest.mark.slow
@pytest.mark.asyncio
async def test_soak_every_update_answered_exactly_once_under_faults(
    bot_index, tmp_path, record_property
):
    rng = random.Random(20130216)
    env = dict(os.environ, NO_PROXY="127.0.0.1,localhost", no_proxy="127.0.0.1,localhost")
    env["PTB_TIMEDELTA"] = "1"
    async with FakeBotAPI(answer_deadline=30) as api:
        api.expected_errors.append("message is not modified")  # a page pressed twice
        log = tmp_path / "bot.log"
        with log.open("wb") as out:
            process = subprocess.Popen(
                [sys.executable, "-c", BOT_PROCESS, api.base_url, api.token, str(bot_index)],
                stdout=out,
                stderr=subprocess.STDOUT,
                env=env,
                cwd=ROOT,
            )
        try:
            await api.wait_for("setMyCommands", count=2, timeout=60)
            # Seeds: answers with buttons to press, from their own private chats.
            for n in range(SEEDS):
                await api.push_message("Varga", sender=user(900_000 + n, f"Seed{n}", None))
            seeds = [call.result for call in await api.wait_for("sendMessage", SEEDS, 60)]
            assert all(buttons_of(seed) for seed in seeds)

            ledger = Ledger(api)
            ledger.scan()
            api.chaos = Chaos(CHAOS_BUDGET, probability=0.01, seed=7, retry_after=(1,))
            rss = {"warm": memory_mb(process.pid)["VmRSS"]}
            expected: list[tuple] = []
            started = time.monotonic()
            for n, kind in enumerate(plan_updates(rng)):
                while len(expected) - (ledger.scan() - SEEDS) > BACKLOG:
                    await asyncio.sleep(0.002)
                expected.append(await push_one(api, kind, n, rng, seeds))
                if n == (UPDATES - SEEDS) // 2:
                    rss["half"] = memory_mb(process.pid)["VmRSS"]
            deadline = time.monotonic() + 60
            while ledger.scan() - SEEDS < len(expected) and time.monotonic() < deadline:
                assert process.poll() is None, "the bot process died"
                await asyncio.sleep(0.05)
            elapsed = time.monotonic() - started
            memory = memory_mb(process.pid)
            rss["after"] = memory["VmRSS"]
            assert process.poll() is None, "the bot process died"
        finally:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
            returncode = await asyncio.to_thread(process.wait, 30)
        # Stopped: nothing is in flight any more, so a late second answer would show now.
        ledger.scan()
        unexpected = [(c.method, c.description) for c in api.unexpected_errors()]
        injected = dict(api.chaos.injected)

    rate = len(expected) / elapsed
    # Shown after the run by tests/conftest.py (also when an xdist worker ran this test).
    record_property(
        "summary",
        f"soak: {len(expected)} updates (+{SEEDS} seeds) in {elapsed:.1f} s ({rate:.0f}/s); "
        f"bot RSS warm {rss['warm']:.1f} MB, half-way {rss['half']:.1f} MB, "
        f"after {rss['after']:.1f} MB, peak {memory['VmHWM']:.1f} MB; "
        f"faults injected: {sum(injected.values())} {injected}",
    )
    assert returncode == 0, log.read_text()[-3000:]
    missing = [key for key in expected if ledger.answers[key] == 0]
    doubled = [key for key in expected if ledger.answers[key] > 1]
    assert not missing, f"{len(missing)} updates unanswered, e.g. {missing[:5]}; " + "; ".join(
        f"{c.method} {c.status} {c.description}" for c in api.calls if _about(c, missing)
    )
    assert not doubled, f"{len(doubled)} updates answered twice, e.g. {doubled[:5]}"
    assert len(set(expected)) == len(expected) == UPDATES - SEEDS
    assert not unexpected, unexpected[:5]
    kinds = {key.split()[1] for key in injected}
    assert kinds == {"429", "500", "drop"}, injected  # every kind of fault really happened
    assert rss["after"] - rss["warm"] < GROWTH_LIMIT_MB
    # The bounded memories are full by half-way: from there on, the bot must not grow.
    assert rss["after"] - rss["half"] < LATE_GROWTH_LIMIT_MB
    assert memory["VmHWM"] < PEAK_LIMIT_MB
