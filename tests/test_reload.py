"""Live reload: /reload from an admin and SIGHUP rebuild the index and switch engines between
queries; an invalid data file changes nothing and is reported line by line.

The bot tests run the real Application against the fake Bot API server, on a copy of the bot
tests' chronology that each test edits.
"""

from __future__ import annotations

import asyncio
import hashlib
import signal
import sqlite3
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import pytest_asyncio

from bot.data import DataIssue
from bot.engine import Engine
from bot.index import ensure_index
from bot.reload import Reloader, ReloadOutcome, Status
from bot.render import TELEGRAM_LIMIT
from bot.telegram.admin import report_html
from bot.telegram.app import EngineHolder
from bot.telegram.texts import SOMETHING_WENT_WRONG
from tests.conftest import BOT_DATA, BotFactory, RunningBot
from tests.fakebotapi import check_text, group_chat, user
from tests.test_telegram_serve import chronobot_serve, serve_env

ADMIN = user(1001, "Alice", "alice")  # the fake's default sender
ORIGINAL_LINES = len(BOT_DATA.read_text().splitlines())
# An entry only the edited file has: the word finds nothing before the reload, one entry after.
NEW_WORD = "Zephyrine"
NEW_ENTRY = f"""\
  - id: okafor-2012-05-05
    date: "2012-05-05"
    people: [okafor]
    text: "Okafor lit the {NEW_WORD} lamp for the first time."
"""
# The same entry with two mistakes, on the second and third line of the entry.
BROKEN_ENTRY = f"""\
  - id: okafor-2012-05-05
    date: "2012-13-45"
    people: [okafor, nobody]
    text: "Okafor lit the {NEW_WORD} lamp <for> the first time & more."
"""


def write_data(path: Path, extra: str = "") -> Path:
    """The bot tests' chronology at `path`, with `extra` entries appended."""
    path.write_text(BOT_DATA.read_text() + extra)
    return path


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


class Served:
    """A data file of its own, its index, and the holder serving it."""

    def __init__(self, directory: Path):
        self.data = write_data(directory / "events.yaml")
        self.db = ensure_index(self.data, directory / "index" / "events.sqlite")
        self.holder = EngineHolder(Engine.open(self.db))
        self.reloader = Reloader(self.holder, self.data, self.db)

    def close(self) -> None:
        self.holder.engine.close()

    def found(self, question: str) -> int:
        return self.holder.engine.ask(question).total


@pytest.fixture
def served(tmp_path: Path):
    served = Served(tmp_path)
    yield served
    served.close()


# --- the reload itself ---------------------------------------------------------------------


@pytest.mark.asyncio
async def test_reload_serves_the_edited_file_and_closes_the_old_engine(served):
    old_engine = served.holder.engine
    assert served.found(NEW_WORD) == 0
    write_data(served.data, NEW_ENTRY)

    outcome = await served.reloader.reload("test")

    assert outcome.status is Status.RELOADED
    assert (outcome.entries, outcome.people) == (12, 4)
    assert served.holder.engine is not old_engine
    assert served.found(NEW_WORD) == 1
    with pytest.raises(sqlite3.ProgrammingError):  # closed, not leaked
        old_engine.about()


@pytest.mark.asyncio
async def test_invalid_file_keeps_the_old_index_and_reports_every_issue(served, caplog):
    old_engine, index_before = served.holder.engine, digest(served.db)
    write_data(served.data, BROKEN_ENTRY)

    outcome = await served.reloader.reload("test")

    assert outcome.status is Status.INVALID
    assert [str(issue) for issue in outcome.issues] == [
        f"{served.data}:{ORIGINAL_LINES + 2}: events[11].date: 2012-13-45 is not a valid date",
        f"{served.data}:{ORIGINAL_LINES + 3}: events[11].people[1]: unknown person id 'nobody' "
        "(add it under 'people:')",
    ]
    assert outcome.entries == 11  # what is still served
    assert served.holder.engine is old_engine
    assert digest(served.db) == index_before
    assert served.found("Okafor") == 1
    # The operator's log has the same lines.
    assert f"{served.data}:{ORIGINAL_LINES + 2}: events[11].date:" in caplog.text
    assert "still serving the previous index" in caplog.text


@pytest.mark.asyncio
async def test_a_reload_while_one_runs_is_refused_without_a_second_build(served):
    write_data(served.data, NEW_ENTRY)
    first, second = await asyncio.gather(
        served.reloader.reload("first"), served.reloader.reload("second")
    )
    assert (first.status, second.status) == (Status.RELOADED, Status.BUSY)
    assert served.reloader.running_for == 0.0  # none is running any more
    assert (await served.reloader.reload("third")).status is Status.RELOADED


@pytest.mark.asyncio
async def test_the_build_runs_outside_the_serving_process(served, monkeypatch):
    def no_build_here(*args, **kwargs):
        raise AssertionError("the index was built in the serving process")

    monkeypatch.setattr("bot.index.build_index", no_build_here)
    monkeypatch.setattr("bot.index.ensure_index", no_build_here)
    write_data(served.data, NEW_ENTRY)
    assert (await served.reloader.reload()).status is Status.RELOADED
    assert served.found(NEW_WORD) == 1


@pytest.mark.asyncio
async def test_an_index_that_cannot_be_written_keeps_the_old_engine(served, tmp_path):
    (tmp_path / "a-file").write_text("not a directory")
    write_data(served.data, NEW_ENTRY)
    reloader = Reloader(served.holder, served.data, tmp_path / "a-file" / "index.sqlite")
    old_engine = served.holder.engine

    outcome = await reloader.reload()

    assert outcome.status is Status.FAILED
    assert "cannot write the index" in outcome.error
    assert served.holder.engine is old_engine and served.found("Okafor") == 1


@pytest.mark.asyncio
async def test_a_build_killed_midway_keeps_the_old_engine(served, monkeypatch, caplog):
    """As the kernel's OOM killer would: the child dies without a report."""
    killed = (
        "import os, sys; print('building...', file=sys.stderr, flush=True); os.kill(os.getpid(), 9)"
    )
    monkeypatch.setattr("bot.reload.build_command", lambda data, db: [sys.executable, "-c", killed])
    write_data(served.data, NEW_ENTRY)
    old_engine, index_before = served.holder.engine, digest(served.db)

    outcome = await served.reloader.reload()

    assert outcome.status is Status.FAILED
    assert "exited with status -9" in outcome.error
    assert served.holder.engine is old_engine and digest(served.db) == index_before
    assert "index build: building..." in caplog.text  # what the child said, for the operator


@pytest.mark.asyncio
async def test_the_build_gets_neither_the_token_nor_the_webhook_secret(monkeypatch):
    from bot.reload import build_environment

    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "123:secret-token")
    monkeypatch.setenv("CHRONOBOT_WEBHOOK_SECRET", "hook-secret")
    env = build_environment()
    assert "TELEGRAM_BOT_TOKEN" not in env and "CHRONOBOT_WEBHOOK_SECRET" not in env


# --- the admin's report --------------------------------------------------------------------


def test_report_of_many_errors_fits_one_valid_message():
    issues = tuple(
        DataIssue(f"/srv/data/{'deep/' * 10}events.yaml", n, f"events[{n}].text", "<b> & co " * 8)
        for n in range(1, 501)
    )
    html = report_html(ReloadOutcome(Status.INVALID, Path("events.yaml"), issues=issues))
    visible, entities = check_text(html, "HTML")  # Telegram's parser: valid, within 4096
    assert len(visible.encode("utf-16-le")) // 2 <= TELEGRAM_LIMIT
    assert "500 errors" in visible
    assert f"{issues[0]}" in visible  # escaped in the HTML, verbatim on screen
    assert "more of 500" in visible
    assert [e["type"] for e in entities] == ["code", "pre"]


def test_report_of_a_few_errors_lists_them_all():
    issues = tuple(DataIssue("e.yaml", n, "events[0].date", "bad") for n in (3, 9))
    html = report_html(ReloadOutcome(Status.INVALID, Path("e.yaml"), entries=11, issues=issues))
    visible, _ = check_text(html, "HTML")
    assert "e.yaml:3: events[0].date: bad\ne.yaml:9: events[0].date: bad" in visible
    assert "previous data (11 entries)" in visible and "more of" not in visible


def test_report_of_a_failure_escapes_the_error():
    outcome = ReloadOutcome(Status.FAILED, Path("e.yaml"), error="OSError: <disk> & full")
    visible, _ = check_text(report_html(outcome), "HTML")
    assert "OSError: <disk> & full" in visible


# --- /reload through the bot ---------------------------------------------------------------


@pytest_asyncio.fixture
async def admin_bot(bot_factory: BotFactory, served: Served) -> AsyncIterator[RunningBot]:
    """The bot on `served`'s data, with the fake's default user as its only admin."""
    settings = {"admins": frozenset({ADMIN["id"]}), "data_path": served.data, "db_path": served.db}
    yield await bot_factory(engine=served.holder, settings=settings)


async def reload_and_stream_questions(bot: RunningBot) -> tuple[str, list[dict], list[str]]:
    """The admin sends /reload; other users keep asking until the report is in.

    At most 100 askers: on a loaded machine the build runs long, and a backlog of thousands
    of questions would only test how fast a busy machine drains a queue (inline answers past
    the fake's 10 s deadline), not that answers keep coming from one index or the other.

    Returns the report, the answered question messages, and the inline query ids.
    """
    api = bot.api
    await api.push_message("/reload", sender=ADMIN)
    asked: list[dict] = []
    inline_ids: list[str] = []
    edits_before = len(api.calls_to("editMessageText"))
    n = 0
    deadline = asyncio.get_running_loop().time() + 120
    while len(api.calls_to("editMessageText")) == edits_before:
        assert asyncio.get_running_loop().time() < deadline, "the reload never reported back"
        if n >= 100:
            await asyncio.sleep(0.05)
            continue
        n += 1
        asker = user(5000 + n, f"User{n}", None)
        asked.append(await api.push_message("Okafor", sender=asker))
        asked.append(await api.push_message(NEW_WORD, sender=asker))
        inline_ids.append(await api.push_inline("Okafor", sender=asker))
        await asyncio.sleep(0.01)
    (report,) = await api.wait_for("editMessageText", timeout=120)
    await api.wait_for("answerInlineQuery", count=len(inline_ids), timeout=30)
    return report.result["text"], asked, inline_ids


def answers_to(bot: RunningBot, asked: list[dict]) -> list[str]:
    """The bot's one answer in each asker's chat, in the order asked."""
    by_chat: dict[int, list[str]] = {}
    for call in bot.api.calls_to("sendMessage"):
        if call.ok:
            by_chat.setdefault(call.params["chat_id"], []).append(call.result["text"])
    answers = []
    for chat_id in dict.fromkeys(m["chat"]["id"] for m in asked):
        texts = by_chat.get(chat_id, [])
        assert len(texts) == 2, f"chat {chat_id} got {len(texts)} answers to 2 questions"
        answers += texts
    return answers


@pytest.mark.asyncio
async def test_broken_file_while_questions_stream_fails_no_question(admin_bot, served):
    write_data(served.data, BROKEN_ENTRY)

    report, asked, inline_ids = await reload_and_stream_questions(admin_bot)
    await admin_bot.api.wait_for("sendMessage", count=len(asked) + 1, timeout=60)

    assert "has 2 errors, so nothing changed" in report
    assert f"{served.data.name}:{ORIGINAL_LINES + 2}: events[11].date:" in report
    answers = answers_to(admin_bot, asked)
    assert SOMETHING_WENT_WRONG not in answers
    assert all("okafor-2008-09-02" in a for a in answers[0::2])  # the old answers, every time
    assert all("okafor-2012-05-05" not in a for a in answers[1::2])
    assert all(admin_bot.api.inline_answers[i]["results"] for i in inline_ids)
    # Questions were answered while the index was being built, not only before or after.
    calls = admin_bot.api.calls
    started = next(i for i, c in enumerate(calls) if "Reloading" in str(c.params.get("text")))
    ended = next(i for i, c in enumerate(calls) if c.method == "editMessageText")
    assert any(c.method == "sendMessage" for c in calls[started + 1 : ended])


@pytest.mark.asyncio
async def test_fixed_file_switches_answers_between_two_questions(admin_bot, served):
    write_data(served.data, NEW_ENTRY)

    report, asked, inline_ids = await reload_and_stream_questions(admin_bot)
    await admin_bot.api.wait_for("sendMessage", count=len(asked) + 1, timeout=60)

    assert report.startswith("Reloaded events.yaml: 12 entries, 4 people")
    answers = answers_to(admin_bot, asked)
    assert SOMETHING_WENT_WRONG not in answers
    assert all("okafor-2008-09-02" in a for a in answers[0::2])
    # Each question about the new entry was answered (none failed, see above) from one index
    # or the other: those handled while the build ran from the old one. (Chats are handled
    # concurrently, so the order of asking says nothing about which index answered.)
    assert not all("okafor-2012-05-05" in a for a in answers[1::2])
    assert all(admin_bot.api.inline_answers[i]["results"] for i in inline_ids)
    # Every question asked after the report is answered from the new index.
    for n in range(5):
        _, answer = await admin_bot.ask(NEW_WORD, sender=user(7777 + n, "Late", None))
        assert "okafor-2012-05-05" in answer.result["text"]


@pytest.mark.asyncio
async def test_reload_from_someone_else_gets_no_reply_at_all(admin_bot, served):
    write_data(served.data, NEW_ENTRY)
    stranger = user(2002, "Mallory", "mallory")
    await admin_bot.api.push_message("/reload", sender=stranger)
    await admin_bot.api.push_message("/reload@ChronoTestBot", sender=stranger)
    # Updates of one chat are handled in order: once this is answered, /reload was handled.
    _, answer = await admin_bot.ask("Okafor", sender=stranger)

    replies = [c for c in admin_bot.api.calls_to("sendMessage") if c.params["chat_id"] == 2002]
    assert replies == [answer]
    assert "okafor-2008-09-02" in answer.result["text"]
    assert served.found(NEW_WORD) == 0  # nothing was reloaded


@pytest.mark.asyncio
async def test_reload_in_a_group_even_from_an_admin_does_nothing(admin_bot, served):
    write_data(served.data, NEW_ENTRY)
    engine = served.holder.engine
    group = group_chat()
    await admin_bot.api.push_message("/reload", sender=ADMIN, chat=group)
    await admin_bot.api.push_message("/reload@ChronoTestBot", sender=ADMIN, chat=group)
    _, answer = await admin_bot.ask("/ask@ChronoTestBot Okafor", sender=ADMIN, chat=group)

    assert [c.params["chat_id"] for c in admin_bot.api.calls_to("sendMessage")] == [group["id"]]
    assert "okafor-2008-09-02" in answer.result["text"]
    assert served.holder.engine is engine


@pytest.mark.asyncio
async def test_editing_a_message_into_reload_does_not_reload(admin_bot, served):
    write_data(served.data, NEW_ENTRY)
    engine = served.holder.engine
    question, _ = await admin_bot.ask("Okafor", sender=ADMIN)
    await admin_bot.api.push_edit(question, "/reload")
    _, answer = await admin_bot.ask("Varga 2009", sender=ADMIN)
    assert "varga-2009-04-11" in answer.result["text"]
    assert served.holder.engine is engine
    assert not admin_bot.api.calls_to("editMessageText")


@pytest.mark.asyncio
async def test_reload_is_in_no_command_menu(admin_bot):
    menus = admin_bot.api.commands
    assert menus  # published
    assert all(c["command"] != "reload" for commands in menus.values() for c in commands)


@pytest.mark.asyncio
async def test_second_reload_while_one_runs_is_refused_politely(admin_bot, served):
    write_data(served.data, NEW_ENTRY)
    await admin_bot.api.push_message("/reload", sender=ADMIN)
    await admin_bot.api.push_message("/reload", sender=ADMIN)
    sent = await admin_bot.api.wait_for("sendMessage", count=2)
    (report,) = await admin_bot.api.wait_for("editMessageText")

    # The two replies are sent concurrently: in either order.
    refused, started = sorted(call.result["text"] for call in sent)
    assert started == "Reloading events.yaml…"
    assert refused.startswith("A reload is already running")
    assert report.result["text"].startswith("Reloaded events.yaml: 12 entries")


# --- SIGHUP to a whole `chronobot serve` ---------------------------------------------------


async def wait_for_log(log: Path, text: str, *, after: int = 0, timeout: float = 30.0) -> int:
    """Wait until `text` appears in `log` after offset `after`; return the offset past it."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while True:
        content = log.read_text(errors="replace")
        found = content.find(text, after)
        if found >= 0:
            return found + len(text)
        if loop.time() > deadline:
            raise AssertionError(f"{text!r} not in the log:\n{content[after:][-3000:]}")
        await asyncio.sleep(0.05)


@pytest.mark.asyncio
async def test_sighup_reloads_a_running_serve_and_keeps_it_on_a_broken_edit(tmp_path):
    from tests.fakebotapi import FakeBotAPI

    data = write_data(tmp_path / "events.yaml")
    async with FakeBotAPI() as api:
        env = serve_env(api, tmp_path)
        env.update(CHRONOBOT_DATA=str(data), CHRONOBOT_LOG_LEVEL="INFO")
        log = tmp_path / "serve.log"
        async with chronobot_serve(env, log) as process:

            async def ask(question: str) -> str:
                await api.push_message(question)
                (answer,) = await api.wait_for("sendMessage", timeout=30)
                return answer.result["text"]

            # Answered: post_init has run, so SIGHUP has its handler.
            assert "okafor-2012-05-05" not in await ask(NEW_WORD)

            write_data(data, NEW_ENTRY)
            process.send_signal(signal.SIGHUP)
            seen = await wait_for_log(log, "Data reloaded")
            assert "okafor-2012-05-05" in await ask(NEW_WORD)

            write_data(data, BROKEN_ENTRY)
            process.send_signal(signal.SIGHUP)
            seen = await wait_for_log(log, "Data not reloaded (SIGHUP)", after=seen)
            await wait_for_log(log, f"{data}:{ORIGINAL_LINES + 3}: events[11].people[1]:")
            assert "okafor-2012-05-05" in await ask(NEW_WORD)  # the last good data

            process.send_signal(signal.SIGTERM)
            assert await asyncio.wait_for(process.wait(), 30) == 0
        output = log.read_text()
        assert api.token not in output
        assert f"{data}:{ORIGINAL_LINES + 2}: events[11].date: 2012-13-45" in output


@pytest.mark.asyncio
async def test_serve_builds_its_first_index_in_a_child_process(tmp_path):
    from tests.fakebotapi import FakeBotAPI

    data = write_data(tmp_path / "events.yaml", NEW_ENTRY)
    async with FakeBotAPI() as api:
        env = serve_env(api, tmp_path)
        env.update(CHRONOBOT_DATA=str(data), CHRONOBOT_LOG_LEVEL="INFO")
        log = tmp_path / "serve.log"
        async with chronobot_serve(env, log) as process:
            await api.push_message(NEW_WORD)
            (answer,) = await api.wait_for("sendMessage", timeout=30)
            assert "okafor-2012-05-05" in answer.result["text"]
            process.send_signal(signal.SIGTERM)
            assert await asyncio.wait_for(process.wait(), 30) == 0
    # The child's log line, passed on by the serving process.
    assert "index build: INFO bot.index: building index" in log.read_text()


def test_serve_refuses_to_start_on_invalid_data(tmp_path):
    import subprocess
    import sys

    from tests.test_telegram_serve import ROOT

    data = write_data(tmp_path / "events.yaml", BROKEN_ENTRY)
    env = {"TELEGRAM_BOT_TOKEN": "123456789:AAFakeTokenForTestsOnly_xyzXYZ0123456789"}
    env |= {"CHRONOBOT_DATA": str(data), "CHRONOBOT_INDEX": str(tmp_path / "i.sqlite")}
    env |= {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-m", "bot", "serve"],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=60,
    )
    assert result.returncode == 1
    assert "invalid data, not starting" in result.stderr
    assert f"{data}:{ORIGINAL_LINES + 2}: events[11].date:" in result.stderr
    assert not (tmp_path / "i.sqlite").exists()
