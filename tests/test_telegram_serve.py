"""Serving: webhook mode (the secret is checked), and whole `chronobot serve` processes.

The subprocess tests run the real command against the fake Bot API server, answer a question,
and stop it with SIGTERM: exit status 0, updates confirmed, the token in no output at DEBUG.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from bot.config import Config
from bot.telegram.app import build_application, webhook_options, webhook_secret
from tests.fakebotapi import FakeBotAPI

pytestmark = pytest.mark.asyncio

ROOT = Path(__file__).resolve().parent.parent
BOT_DATA = ROOT / "tests" / "fixtures" / "bot_events.yaml"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


async def test_webhook_accepts_only_requests_with_the_secret(bot_engine):
    async with FakeBotAPI() as api:
        port = free_port()
        config = Config(
            token=api.token,
            api_url=api.base_url,
            webhook_url=f"http://127.0.0.1:{port}/telegram",
            listen="127.0.0.1",
            port=port,
        )
        secret = webhook_secret(config)  # none configured: a random one
        app = build_application(config, bot_engine)
        await app.initialize()
        await app.updater.start_webhook(**webhook_options(config, secret))
        await app.start()
        try:
            assert api.webhook["url"] == f"http://127.0.0.1:{port}/telegram"
            assert api.webhook["secret_token"] == secret and len(secret) >= 32

            await api.push_message("Okafor")  # Telegram posts it with the secret
            (answer,) = await api.wait_for("sendMessage")
            assert "okafor-2008-09-02" in answer.result["text"]
            assert api.webhook_statuses == [200]

            forged = {"update_id": 900, "message": api.message("Varga 2009")}
            assert await api.post_webhook(forged, secret="wrong-secret") == 403
            assert await api.post_webhook(forged, secret=None) == 403

            await api.push_message("Varga 2007")
            (answer,) = await api.wait_for("sendMessage")  # the forged 2009 got no answer
            assert "varga-2007-01-20" in answer.result["text"]
        finally:
            await app.updater.stop()
            await app.stop()
            await app.shutdown()


async def test_webhook_secret_from_the_environment_is_used():
    config = Config(token="1:x", webhook_url="https://bot.example.org/hook", webhook_secret="s3")
    assert webhook_secret(config) == "s3"
    assert webhook_options(config, "s3")["url_path"] == "hook"
    assert webhook_secret(Config(token="1:x")) != webhook_secret(Config(token="1:x"))


def serve_env(api: FakeBotAPI, tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("CHRONOBOT_", "TELEGRAM_")) and k != "PYTEST_CURRENT_TEST"
    }
    env.update(
        TELEGRAM_BOT_TOKEN=api.token,
        TELEGRAM_API_URL=api.base_url,
        CHRONOBOT_DATA=str(BOT_DATA),
        CHRONOBOT_INDEX=str(tmp_path / "index.sqlite"),
        CHRONOBOT_LOG_LEVEL="DEBUG",
        NO_PROXY="127.0.0.1,localhost",
        **extra,
    )
    return env


@contextlib.asynccontextmanager
async def chronobot_serve(env: dict[str, str], log: Path):
    """`python -m bot serve` (= `chronobot serve`) with its output in `log`; killed if left."""
    with log.open("wb") as out:
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "bot",
            "serve",
            stdout=out,
            stderr=subprocess.STDOUT,
            env=env,
            cwd=ROOT,
        )
        try:
            yield process
        finally:
            if process.returncode is None:
                process.kill()
                await process.wait()


@contextlib.asynccontextmanager
async def webhook_serve(api: FakeBotAPI, tmp_path: Path, log: Path, **extra: str):
    """`chronobot serve` in webhook mode on a free port, once it has registered and listens."""
    port = free_port()
    env = serve_env(
        api,
        tmp_path,
        CHRONOBOT_WEBHOOK_URL=f"http://127.0.0.1:{port}/hook",
        CHRONOBOT_LISTEN="127.0.0.1",
        CHRONOBOT_PORT=str(port),
        **extra,
    )
    async with chronobot_serve(env, log) as process:
        await api.wait_for("setWebhook", timeout=30)
        await wait_until_listening(port)
        yield process


async def wait_until_listening(port: int, timeout: float = 20.0) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while True:
        try:
            _, writer = await asyncio.open_connection("127.0.0.1", port)
        except OSError:
            if loop.time() > deadline:
                raise
            await asyncio.sleep(0.05)
        else:
            writer.close()
            await writer.wait_closed()
            return


async def test_serve_polls_answers_and_stops_cleanly_on_sigterm(tmp_path):
    async with FakeBotAPI() as api:
        log = tmp_path / "serve.log"
        async with chronobot_serve(serve_env(api, tmp_path), log) as process:
            await api.wait_for("setMyCommands", count=2, timeout=30)
            await api.push_message("Varga 2009")
            (answer,) = await api.wait_for("sendMessage", timeout=30)
            assert "varga-2009-04-11" in answer.result["text"]
            last_update = api.last_update_id

            process.send_signal(signal.SIGTERM)
            assert await asyncio.wait_for(process.wait(), 30) == 0
        # Before exiting, the bot told Telegram that it processed the update.
        assert api.confirmed_offset == last_update + 1
        output = log.read_text()
        assert "DEBUG" in output  # the log really ran at DEBUG ...
        assert api.token not in output  # ... and never showed the token


async def test_serve_by_webhook_with_a_generated_secret(tmp_path):
    async with FakeBotAPI() as api:
        log = tmp_path / "serve.log"
        async with webhook_serve(api, tmp_path, log) as process:
            secret = api.webhook["secret_token"]
            assert len(secret) >= 32

            await api.push_message("Okafor")
            (answer,) = await api.wait_for("sendMessage", timeout=30)
            assert "okafor-2008-09-02" in answer.result["text"]
            forged = {"update_id": 900, "message": api.message("Varga 2009")}
            assert await api.post_webhook(forged, secret="not-the-secret") == 403

            process.send_signal(signal.SIGTERM)
            assert await asyncio.wait_for(process.wait(), 30) == 0
        assert api.webhook_statuses == [200]
        output = log.read_text()
        assert api.token not in output
        assert secret not in output


async def test_serve_with_a_rejected_token_fails_in_one_line(tmp_path):
    async with FakeBotAPI() as api:
        env = serve_env(api, tmp_path)
        env["TELEGRAM_BOT_TOKEN"] = "987654321:WrongTokenWrongTokenWrongToken123"
        log = tmp_path / "serve.log"
        async with chronobot_serve(env, log) as process:
            assert await asyncio.wait_for(process.wait(), 30) == 1
        output = log.read_text()
        assert "chronobot serve: Telegram rejected the token" in output
        assert env["TELEGRAM_BOT_TOKEN"] not in output
        assert "The token `[REDACTED]` was rejected" in output  # PTB's own message, filtered
