"""Shared test fixtures.

Telegram bot tests: a small invented chronology (tests/fixtures/bot_events.yaml) indexed once,
a fake Bot API server per test, and the real Application polling it over HTTP on 127.0.0.1.
"""

from __future__ import annotations

import os

# Before python-telegram-bot is imported: no proxy for the loopback fake, and PTB's future
# timedelta behaviour (silences its deprecation warning).
os.environ["NO_PROXY"] = os.environ["no_proxy"] = "127.0.0.1,localhost"
os.environ["PTB_TIMEDELTA"] = "1"

from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import pytest_asyncio
from telegram.ext import Application

from bot.config import Config
from bot.engine import Engine
from bot.index import ensure_index
from bot.telegram.app import ALLOWED_UPDATES, EngineHolder, Limits, build_application
from tests.fakebotapi import Call, FakeBotAPI

BOT_DATA = Path(__file__).resolve().parent / "fixtures" / "bot_events.yaml"
REAL_DATA = Path(__file__).resolve().parent.parent / "data" / "events.yaml"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The long tests (marked slow: the soak, the container, the 200k build) first: run in
    parallel (`make test` runs pytest-xdist), each starts while the many short ones fill the
    other worker, instead of one ending the run alone. A serial run is merely reordered."""
    items.sort(key=lambda item: item.get_closest_marker("slow") is None)


SUMMARIES: list[str] = []


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    """Collect the one-line summaries tests record (`record_property("summary", ...)`): they
    reach this process even from an xdist worker, whose own output is not shown."""
    if report.when == "call":
        SUMMARIES.extend(str(value) for name, value in report.user_properties if name == "summary")


def pytest_terminal_summary(terminalreporter: Any) -> None:
    for line in SUMMARIES:
        terminalreporter.write_line(line)


@pytest.fixture(scope="session")
def real_engine(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    """The bundled chronology (data/events.yaml), indexed once per session."""
    engine = Engine.open(ensure_index(REAL_DATA, tmp_path_factory.mktemp("index") / "real.sqlite"))
    yield engine
    engine.close()


@pytest.fixture(scope="session")
def bot_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bot tests' chronology, indexed once per session."""
    return ensure_index(BOT_DATA, tmp_path_factory.mktemp("bot-index") / "bot.sqlite")


@pytest.fixture(scope="session")
def bot_engine(bot_index: Path) -> Engine:
    engine = Engine.open(bot_index)
    yield engine
    engine.close()


@dataclass
class RunningBot:
    """The real Application polling a FakeBotAPI, with helpers that read like a user's actions."""

    api: FakeBotAPI
    app: Application
    holder: EngineHolder

    @property
    def username(self) -> str:
        return self.api.bot_user["username"]

    async def ask(self, text: str, **kwargs: object) -> tuple[dict, Call]:
        """Send a message (private by default); return it and the bot's answer."""
        message = await self.api.push_message(text, **kwargs)
        (answer,) = await self.api.wait_for("sendMessage")
        return message, answer

    async def stop(self) -> None:
        if self.app.updater and self.app.updater.running:
            await self.app.updater.stop()
        if self.app.running:
            await self.app.stop()
        await self.app.shutdown()
        if self.app.post_shutdown:  # as run_polling would (it ends the answer worker)
            await self.app.post_shutdown(self.app)


async def start_bot(
    api: FakeBotAPI,
    engine: Engine | EngineHolder,
    limits: Limits | None = None,
    settings: dict[str, Any] | None = None,
) -> RunningBot:
    """Build the bot for `api` and start polling as `run_polling` would (post_init included).

    `settings` are Config fields (admins, data_path, db_path...).
    """
    holder = engine if isinstance(engine, EngineHolder) else EngineHolder(engine)
    config = Config(
        **{"data_path": BOT_DATA, **(settings or {})}, token=api.token, api_url=api.base_url
    )
    app = build_application(config, holder, limits=limits)
    await app.initialize()
    if app.post_init:
        await app.post_init(app)
    await app.updater.start_polling(poll_interval=0, timeout=10, allowed_updates=ALLOWED_UPDATES)
    await app.start()
    return RunningBot(api, app, holder)


BotFactory = Callable[..., Awaitable[RunningBot]]


@pytest_asyncio.fixture
async def bot_factory(bot_engine: Engine) -> AsyncIterator[BotFactory]:
    """Start bots with other limits, settings or fake-server options: `bot_factory(limits=...)`.

    On teardown, fails the test if the fake rejected a call the test did not provoke (invalid
    HTML, a too long message, bad buttons...): the bot must never send what Telegram refuses.
    """
    started: list[tuple[FakeBotAPI, RunningBot]] = []

    async def start(
        limits: Limits | None = None,
        engine: Engine | EngineHolder | None = None,
        settings: dict[str, Any] | None = None,
        **api_options,
    ) -> RunningBot:
        api = await FakeBotAPI(**api_options).__aenter__()
        bot = await start_bot(api, engine or bot_engine, limits, settings)
        started.append((api, bot))
        return bot

    yield start
    for api, bot in started:
        await bot.stop()
        await api.__aexit__(None, None, None)
    for api, _ in started:
        rejected = [(c.method, c.description) for c in api.unexpected_errors()]
        assert not rejected, f"the fake Bot API rejected calls: {rejected}"


@pytest_asyncio.fixture
async def bot(bot_factory: BotFactory) -> RunningBot:
    """The bot with default limits against a fresh fake server."""
    return await bot_factory()
