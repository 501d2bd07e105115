"""The answer worker (bot.telegram.worker): answers worked out in a child process are the
answers the bot works out itself; a child that dies or answers for a replaced index is
replaced."""

from __future__ import annotations

import faulthandler
import os
import signal
from pathlib import Path

import pytest
import pytest_asyncio

from bot.config import Config, parse_answer_worker
from bot.context import context_of
from bot.engine import Engine
from bot.telegram.inline import _plain, inline_answer, inline_job
from bot.telegram.memories import InlineMemory
from bot.telegram.views import question_job, question_view
from bot.telegram.worker import AnswerWorker, WorkerGone
from bot.words import words_for

QUESTIONS = ("Lavrov 2009", "what did rogozin propose", "астероиды", "xyzzy", "who is patrushev")


@pytest_asyncio.fixture
async def worker():
    started = AnswerWorker({"question": question_job, "inline": inline_job})
    yield started
    started.stop()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


@pytest.mark.asyncio
async def test_the_child_answers_as_the_bot_does(worker, real_engine: Engine) -> None:
    after = context_of(real_engine.ask("Lavrov", limit=5))
    for question in QUESTIONS:
        for options in ({"page": 5}, {"page": 3, "link": "ChronoBot"}, {"page": 5, "after": after}):
            mine = question_view(real_engine, question, words=words_for("ru"), **options)
            theirs = await worker.run(real_engine, "question", question, "ru", **options)
            assert theirs.html == mine.html, (question, options)
            assert theirs.markup == mine.markup and theirs.thread == mine.thread
            assert theirs.quote == mine.quote
    memory = InlineMemory(ttl=60)
    for text in ("Lavrov", "2009", ""):
        results, next_offset = inline_answer(real_engine, memory, text, 0, 20, words_for("en"))
        plain, their_offset = await worker.run(real_engine, "inline", text, 0, 20, "en")
        assert plain == [_plain(result) for result in results] and their_offset == next_offset


@pytest.mark.asyncio
async def test_a_child_that_dies_is_replaced(worker, real_engine: Engine) -> None:
    worker.start(real_engine)
    first = worker.pid
    assert first is not None
    os.kill(first, signal.SIGKILL)
    with pytest.raises(WorkerGone):  # the question in flight: the bot answers it itself
        await worker.run(real_engine, "question", "Lavrov", "en", page=5)
    reply = await worker.run(real_engine, "question", "Lavrov", "en", page=5)
    assert "Sergei Lavrov" in reply.html
    assert worker.pid not in (None, first)


@pytest.mark.asyncio
async def test_a_replaced_index_gets_a_new_child(worker, real_engine, bot_engine) -> None:
    await worker.run(real_engine, "question", "Lavrov", "en", page=5)
    first = worker.pid
    reply = await worker.run(bot_engine, "question", "Varga 2009", "en", page=5)
    assert reply.html == question_view(bot_engine, "Varga 2009", page=5).html
    assert worker.pid != first and first is not None and not _alive(first)


@pytest.mark.asyncio
async def test_a_failing_answer_is_left_to_the_bot(real_engine: Engine) -> None:
    def broken(engine: Engine, question: str) -> None:
        raise ValueError(question)

    worker = AnswerWorker({"broken": broken})
    try:
        with pytest.raises(WorkerGone, match="ValueError: boom"):
            await worker.run(real_engine, "broken", "boom")
        assert worker.pid is not None  # the child goes on answering
    finally:
        worker.stop()


@pytest.mark.asyncio
async def test_stopping_ends_the_child(worker, real_engine: Engine) -> None:
    worker.start(real_engine)
    pid = worker.pid
    assert pid is not None and _alive(pid)
    worker.stop()
    assert worker.pid is None and not _alive(pid)


@pytest.mark.parametrize(
    ("value", "cores", "on"),
    [(None, 2, True), (None, 1, False), (None, None, False), ("off", 8, False), ("ON", 1, True)],
)
def test_the_worker_setting(value: str | None, cores: int | None, on: bool) -> None:
    assert parse_answer_worker(value, cores) is on


def test_a_bad_worker_setting_names_the_variable() -> None:
    with pytest.raises(ValueError, match="CHRONOBOT_ANSWER_WORKER: 'maybe'"):
        Config.from_env({"CHRONOBOT_ANSWER_WORKER": "maybe"})


@pytest.mark.asyncio
async def test_the_bot_answers_through_the_worker(bot_factory) -> None:
    bot = await bot_factory(settings={"answer_worker": True})
    worker = bot.app.bot_data["chronobot"].worker
    assert worker is not None and worker.pid is not None  # started before the first update
    _, answer = await bot.ask("Varga 2009")
    assert answer.result["text"].splitlines()[0] == "Ada Varga · 2009 · 1 entry"
    _, follow_up = await bot.ask("and 2010?")
    assert "varga-2010-11-05" in follow_up.result["text"]
    # The child keeps none of the bot's sockets (to Telegram, the fake server's): only its pipe.
    fds = Path(f"/proc/{worker.pid}/fd")
    sockets = [fd for fd in fds.iterdir() if os.readlink(fd).startswith("socket:")]
    assert len(sockets) == 1
    await bot.api.push_inline("Varga")
    (inline,) = await bot.api.wait_for("answerInlineQuery")
    ids = [result["id"] for result in inline.params["results"]]
    assert ids and all(entry.startswith("varga-") for entry in ids)


@pytest.mark.asyncio
async def test_after_a_reload_the_bot_answers_from_the_new_index(bot_factory, real_engine) -> None:
    bot = await bot_factory(settings={"answer_worker": True})
    worker = bot.app.bot_data["chronobot"].worker
    await bot.ask("Varga 2009")
    first = worker.pid
    bot.holder.swap(real_engine)  # what a reload does once the new index is ready
    _, after = await bot.ask("Lavrov 2009")
    assert after.result["text"].splitlines()[0] == "Sergei Lavrov · 2009 · 2 entries"
    assert worker.pid not in (None, first)


@pytest.mark.asyncio
async def test_many_long_questions_at_once_are_all_answered(worker, real_engine) -> None:
    """More questions than the pipes hold: neither side may wait on the other forever."""
    import asyncio

    long = "Lavrov " + "missile defense cooperation " * 140  # ~4 KB, as Telegram allows
    asked = [worker.run(real_engine, "question", f"{long} {n}", "en", page=5) for n in range(200)]

    # A deadlock blocks the event loop in a write, for good: then this process is ended
    # (with every thread's traceback), which fails the run instead of hanging it.
    faulthandler.dump_traceback_later(60, exit=True)
    try:
        replies = await asyncio.gather(*asked)
    finally:
        faulthandler.cancel_dump_traceback_later()
    assert len(replies) == 200 and all("Sergei Lavrov" in reply.html for reply in replies)


@pytest.mark.asyncio
async def test_a_child_that_cannot_start_is_not_started_again(real_engine, monkeypatch) -> None:
    """One that fails before its first answer (say, the index cannot be opened): the bot
    answers itself rather than fork a failing child for every question."""
    import bot.telegram.worker as module

    monkeypatch.setattr(module, "_serve", lambda *args: os._exit(1))
    started = []
    start = AnswerWorker._start
    monkeypatch.setattr(AnswerWorker, "_start", lambda self, e: started.append(e) or start(self, e))
    worker = AnswerWorker({"question": question_job})
    try:
        for _ in range(3):
            with pytest.raises(WorkerGone):
                await worker.run(real_engine, "question", "Lavrov", "en", page=5)
        assert started == [real_engine]  # one child, not one per question
    finally:
        worker.stop()
