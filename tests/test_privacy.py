"""What the bot keeps: no secret in any log line, nothing about users on disk, bounded memory.

- The token and the webhook secret appear in no log line, with every logger (python-telegram-
  bot, the HTTP client, tornado, ours) at DEBUG, in webhook mode, through faults and errors.
- A whole `chronobot serve` session in a sandbox (HOME, XDG dirs, TMPDIR and cwd in a temporary
  directory) creates no file but the index, its lock and the users' /language choices (user id
  → language), and no file anywhere in the sandbox, nor the log at the default level, contains
  what users wrote.
- The per-user memories (flood counters, which reply answered which question) stay within
  their bounds however many users write.
"""

from __future__ import annotations

import asyncio
import io
import logging
import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from bot.config import Config
from bot.telegram.app import build_application, webhook_options
from bot.telegram.errors import REDACTED, configure_logging
from bot.telegram.state import STATE_KEY, Limits
from bot.telegram.texts import SOMETHING_WENT_WRONG
from tests.conftest import BOT_DATA
from tests.fakebotapi import FakeBotAPI, buttons_of, group_chat, user
from tests.test_telegram_serve import ROOT, free_port

SECRET = "the-webhook-secret_0123456789abcdef"
MARKER = "Quetzalcoatl7781"  # a word users write that must not be kept anywhere
LOUD_LOGGERS = ("telegram", "httpx", "httpcore", "tornado", "bot", "asyncio")


@pytest.fixture
def debug_log():
    """Every log line at DEBUG, as `serve` sets logging up (redaction included), in a string."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    root = logging.getLogger()
    saved = {name: logging.getLogger(name).level for name in ("", *LOUD_LOGGERS)}
    root.addHandler(handler)
    try:
        yield stream, handler
    finally:
        root.removeHandler(handler)
        for name, level in saved.items():
            logging.getLogger(name).setLevel(level)


@pytest.mark.asyncio
async def test_token_and_secret_in_no_log_line_with_every_logger_at_debug(bot_engine, debug_log):
    stream, _ = debug_log
    async with FakeBotAPI() as api:
        configure_logging("DEBUG", (api.token, SECRET))
        for name in LOUD_LOGGERS:  # configure_logging quiets the HTTP client: undo that
            logging.getLogger(name).setLevel(logging.DEBUG)
        port = free_port()
        config = Config(
            token=api.token,
            api_url=api.base_url,
            webhook_url=f"http://127.0.0.1:{port}/hook",
            webhook_secret=SECRET,
            listen="127.0.0.1",
            port=port,
        )
        app = build_application(config, bot_engine)
        await app.initialize()
        await app.updater.start_webhook(**webhook_options(config, SECRET))
        await app.start()
        try:
            api.fail("sendMessage", status=429, retry_after=1)
            message = await api.push_message("Varga")
            (answer,) = await api.wait_for("sendMessage")
            await api.push_callback(answer.result, next(iter(buttons_of(answer.result).values())))
            await api.wait_for("answerCallbackQuery")
            await api.push_inline("Okafor")
            await api.wait_for("answerInlineQuery")
            api.fail("editMessageText", status=500)  # the edited question's answer fails
            await api.push_edit(message, "Okafor")
            (apology,) = await api.wait_for("sendMessage")
            assert apology.result["text"] == SOMETHING_WENT_WRONG
            forged = {"update_id": 99, "message": api.message("Varga 2009")}
            assert await api.post_webhook(forged, secret="not-" + SECRET) == 403
            try:
                raise RuntimeError(f"failed at {api.base_url}/bot{api.token}/getMe ({SECRET})")
            except RuntimeError:
                logging.getLogger("bot.telegram").exception("call with %s failed", SECRET)
        finally:
            await app.updater.stop()
            await app.stop()
            await app.shutdown()

    output = stream.getvalue()
    # Every layer really logged at DEBUG, the URLs and the webhook settings included ...
    assert "HTTP Request: POST" in output  # httpx
    assert "Calling Bot API endpoint `setWebhook`" in output  # telegram, with the secret
    assert "Webhook" in output and "Traceback" in output
    assert REDACTED in output
    # ... and neither secret is in any of it, in any spelling.
    for secret in (api.token, api.token.replace(":", "%3A"), SECRET):
        assert secret not in output


def sandbox_env(api: FakeBotAPI, sandbox: Path, data: Path) -> dict[str, str]:
    """`chronobot serve` with every place a program may write to inside `sandbox`."""
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "PYTHONPATH": str(ROOT),
        "PYTHONDONTWRITEBYTECODE": "1",
        "NO_PROXY": "127.0.0.1,localhost",
        "PTB_TIMEDELTA": "1",
        "TELEGRAM_BOT_TOKEN": api.token,
        "TELEGRAM_API_URL": api.base_url,
        "CHRONOBOT_DATA": str(data),
        "CHRONOBOT_ADMINS": "1001",
    }
    for name in ("HOME", "TMPDIR", "XDG_CACHE_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME"):
        env[name] = str(sandbox / name.lower())
    env["XDG_CONFIG_HOME"] = str(sandbox / "config")
    return env


def read_languages(path: Path) -> list[tuple]:
    """Every row of the language choices: exactly a user id and a language each."""
    with sqlite3.connect(path) as conn:
        return conn.execute("SELECT user_id, language FROM languages").fetchall()


def files_under(directory: Path) -> set[Path]:
    return {p.relative_to(directory) for p in directory.rglob("*") if p.is_file()}


@pytest.mark.asyncio
async def test_a_serve_session_stores_nothing_about_users(tmp_path):
    sandbox = tmp_path / "sandbox"
    data = sandbox / "data" / "events.yaml"
    data.parent.mkdir(parents=True)
    data.write_bytes(BOT_DATA.read_bytes())
    async with FakeBotAPI() as api:
        env = sandbox_env(api, sandbox, data)
        for name in ("home", "tmpdir", "xdg_cache_home", "xdg_data_home", "xdg_state_home"):
            (sandbox / name).mkdir()
        (sandbox / "config").mkdir()
        (sandbox / "cwd").mkdir()
        before = files_under(sandbox)
        log = tmp_path / "serve.log"  # the operator's log, outside the sandbox
        with log.open("wb") as out:
            process = await asyncio.create_subprocess_exec(
                sys.executable, "-m", "bot", "serve", stdout=out, stderr=subprocess.STDOUT,
                env=env, cwd=sandbox / "cwd",
            )  # fmt: skip
        try:
            writer = user(4711, "Xochiquetzal", "xochiquetzal_7781")
            question = await api.push_message(f"Varga {MARKER}", sender=writer)
            (answer,) = await api.wait_for("sendMessage", timeout=30)
            await api.push_callback(answer.result, next(iter(buttons_of(answer.result).values())))
            await api.wait_for("answerCallbackQuery")
            await api.push_edit(question, f"Okafor {MARKER}")
            await api.wait_for("editMessageText")
            await api.push_message(f"/ask@ChronoTestBot {MARKER} 2009", chat=group_chat())
            await api.push_inline(f"{MARKER} Okafor", sender=writer)
            await api.push_sticker(sender=writer)
            await api.push_message("/reload")  # the admin: a reload of unchanged data
            await api.push_message("/language ru", sender=writer)  # the one thing kept
            await api.wait_for("sendMessage", count=4, timeout=30)
            await api.wait_for("answerInlineQuery", timeout=30)
            await api.wait_for("editMessageText", timeout=30)  # the reload's report
        finally:
            process.send_signal(signal.SIGTERM)
            assert await asyncio.wait_for(process.wait(), 30) == 0

    created = files_under(sandbox) - before
    index = {p for p in created if p.suffix == ".sqlite" and p.name != "languages.sqlite"}
    assert len(index) == 1 and next(iter(index)).parts[0] == "xdg_cache_home"
    # Beside the index: its lock, and the users' language choices (user id -> language).
    languages = next(iter(index)).with_name("languages.sqlite")
    assert created == index | {p.with_name(p.name + ".lock") for p in index} | {languages}
    assert read_languages(sandbox / languages) == [(4711, "ru")]
    for path in sandbox.rglob("*"):
        if path.is_file():
            content = path.read_bytes()
            assert MARKER.encode() not in content, path
            assert b"Xochiquetzal" not in content, path
    logged = log.read_text()
    assert "Reloaded" in logged or "reloaded" in logged  # the log did run
    assert MARKER not in logged and "Xochiquetzal" not in logged


@pytest.mark.asyncio
async def test_memories_of_users_stay_within_their_bounds(bot_factory):
    limits = Limits(
        remembered_users=50, remembered_replies=30, overall_max_rate=0, group_max_rate=0
    )
    bot = await bot_factory(limits=limits)
    state = bot.app.bot_data[STATE_KEY]
    group = group_chat()
    senders = 3 * limits.remembered_users  # well past both bounds; more only takes longer
    for n in range(senders):
        await bot.api.push_message(
            "/ask@ChronoTestBot Okafor", sender=user(20_000 + n, f"M{n}", None), chat=group
        )
    answers = await bot.api.wait_for("sendMessage", count=senders, timeout=60)
    assert all("okafor-2008-09-02" in a.result["text"] for a in answers)

    await bot.stop()  # every update fully handled
    assert len(state.group_rate) == 50
    assert len(state.replies) == 30
    assert bot.app.update_processor.chats_in_flight == 0  # type: ignore[attr-defined]
    # The bot keeps nothing in PTB's per-user and per-chat stores either.
    assert not bot.app.user_data and not bot.app.chat_data

    # 20,000 users through the counters of a bot with the default bound.
    counters = (await bot_factory()).app.bot_data[STATE_KEY].group_rate
    for n in range(20_000):
        counters.check(group["id"], 100_000 + n)
    assert len(counters) == Limits().remembered_users
