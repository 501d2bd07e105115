"""Timeline pictures in Telegram: /timeline, the Timeline button, file_id reuse, bad input.

Against the fake Bot API, which checks the upload is a real PNG within Telegram's dimensions
and the caption within 1024 characters; the bundled chronology is the bot's data here.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import pytest_asyncio

from bot.engine import Engine
from bot.telegram.memories import PictureMemory
from bot.telegram.texts import CAPTION_LIMIT, timeline_caption
from bot.words import ENGLISH
from tests.fakebotapi import buttons_of, group_chat, image_size, user

ROOT = Path(__file__).resolve().parent.parent
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
GROUP = group_chat()


@pytest_asyncio.fixture
async def real_bot(bot_factory, real_engine: Engine):
    return await bot_factory(engine=real_engine)


async def press(bot, message: dict, data: str) -> dict:
    query_id = await bot.api.push_callback(message, data)
    (ack,) = await bot.api.wait_for("answerCallbackQuery")
    assert ack.params["callback_query_id"] == query_id
    return ack.params


@pytest.mark.asyncio
async def test_timeline_command_sends_a_photo_with_a_caption(real_bot):
    question = await real_bot.api.push_message("/timeline Rogozin")
    (photo,) = await real_bot.api.wait_for("sendPhoto")
    assert photo.ok
    (upload,) = real_bot.api.uploads
    assert upload.startswith(PNG_MAGIC) and image_size(upload)[0] == 1280
    assert photo.result["caption"].startswith("Rogozin\n3 entries · 2 people · 2011–2013")
    assert "Putin's Russia Offers Cooperation in Space" in photo.result["caption"]
    assert photo.result["caption_entities"][0]["type"] == "bold"
    assert photo.params["reply_parameters"]["message_id"] == question["message_id"]
    assert not real_bot.api.calls_to("sendMessage")


@pytest.mark.asyncio
async def test_timeline_button_sends_a_photo_and_a_second_press_reuses_the_file_id(real_bot):
    _, answer = await real_bot.ask("Lavrov")
    data = buttons_of(answer.result)["Timeline"]
    assert data == "t0|Lavrov"
    ack = await press(real_bot, answer.result, data)
    assert ack.get("text") is None
    (first,) = await real_bot.api.wait_for("sendPhoto")
    assert first.result["reply_to_message"]["message_id"] == answer.result["message_id"]
    file_id = first.result["photo"][-1]["file_id"]

    await press(real_bot, answer.result, data)
    (second,) = await real_bot.api.wait_for("sendPhoto")
    assert second.params["photo"] == file_id  # no drawing, no upload
    assert len(real_bot.api.uploads) == 1
    assert second.result["caption"] == first.result["caption"]


@pytest.mark.asyncio
async def test_one_entry_answers_have_no_timeline_button(real_bot):
    _, answer = await real_bot.ask("Gabala")
    assert "Timeline" not in buttons_of(answer.result)


@pytest.mark.asyncio
async def test_a_forgotten_file_id_is_uploaded_again(real_bot):
    real_bot.api.expected_errors.append("wrong file identifier")
    await real_bot.api.push_message("/timeline Putin")
    await real_bot.api.wait_for("sendPhoto")
    real_bot.api.photos.clear()  # Telegram no longer knows the file
    await real_bot.api.push_message("/timeline   Putin ")  # the same question
    await real_bot.api.wait_for("sendPhoto")  # successful calls only
    assert [c.status for c in real_bot.api.calls_to("sendPhoto")] == [200, 400, 200]
    assert len(real_bot.api.uploads) == 2


@pytest.mark.asyncio
async def test_no_entry_gets_a_text_instead_of_an_empty_picture(real_bot):
    await real_bot.api.push_message("/timeline Merkel")
    (reply,) = await real_bot.api.wait_for("sendMessage")
    assert reply.result["text"].startswith("Nothing to draw: no entry for “Merkel”")
    assert not real_bot.api.calls_to("sendPhoto")


@pytest.mark.asyncio
async def test_timeline_without_a_question_draws_the_whole_chronology(real_bot):
    await real_bot.api.push_message("/timeline")
    (photo,) = await real_bot.api.wait_for("sendPhoto")
    assert photo.result["caption"].startswith("The whole chronology\n22 entries · 21 people")


@pytest.mark.asyncio
async def test_a_long_question_is_shortened_in_the_caption(real_bot):
    question = "Putin " + "missile defense cooperation " * 60
    await real_bot.api.push_message(f"/timeline {question}")
    (photo,) = await real_bot.api.wait_for("sendPhoto")
    caption = photo.result["caption"]
    assert len(caption) <= CAPTION_LIMIT and "…" in caption.split("\n")[0]


@pytest.mark.asyncio
async def test_timeline_in_a_group_when_addressed(real_bot):
    alice = user()
    await real_bot.api.push_message("/timeline@SomeOtherBot Rogozin", chat=GROUP, sender=alice)
    asked = await real_bot.api.push_message(
        "/timeline@ChronoTestBot Rogozin", chat=GROUP, sender=alice
    )
    (photo,) = await real_bot.api.wait_for("sendPhoto")
    assert photo.params["chat_id"] == GROUP["id"]
    assert photo.params["reply_parameters"]["message_id"] == asked["message_id"]


def test_caption_fits_telegram_whatever_the_lengths() -> None:
    caption = timeline_caption(ENGLISH, "x" * 5000, "s" * 5000, "n" * 5000)
    visible = caption.replace("<b>", "").replace("</b>", "").replace("<i>", "").replace("</i>", "")
    assert len(visible) <= CAPTION_LIMIT
    assert timeline_caption(ENGLISH, "<b>&", "a · b", None) == "<b>&lt;b&gt;&amp;</b>\na · b"


def test_picture_memory_is_bounded_and_forgets_the_oldest() -> None:
    memory = PictureMemory(capacity=2)
    memory.remember(("index", "a"), "id-a", "A")
    memory.remember(("index", "b"), "id-b", "B")
    assert memory.recall(("index", "a")) == ("id-a", "A")  # now the most recent
    memory.remember(("index", "c"), "id-c", "C")
    assert len(memory) == 2 and memory.recall(("index", "b")) is None
    assert memory.recall(("other index", "a")) is None


def test_answering_in_the_bot_never_imports_pillow(tmp_path: Path) -> None:
    """The bot's modules and its answers load no Pillow; only a picture does."""
    script = textwrap.dedent(
        """
        import sys
        from bot.engine import Engine
        from bot.index import ensure_index
        from bot.config import DEFAULT_DATA
        import bot.telegram.app
        from bot.telegram import views
        engine = Engine.open(ensure_index(DEFAULT_DATA, sys.argv[1]))
        views.question_view(engine, "Rogozin", page=5)
        print("PIL" in sys.modules)
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path / "index.sqlite")],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "CHRONOBOT_DATA": ""},
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-1] == "False"


@pytest.mark.asyncio
async def test_a_question_asking_for_a_picture_in_words_gets_the_timeline(real_bot):
    await real_bot.api.push_message("show me a timeline of rogozin")
    (photo,) = await real_bot.api.wait_for("sendPhoto")
    assert "3 entries · 2 people · 2011–2013" in photo.result["caption"]
    assert not real_bot.api.calls_to("sendMessage")


@pytest.mark.asyncio
async def test_show_it_on_a_timeline_draws_the_last_answer(real_bot):
    await real_bot.api.push_message("Lavrov")
    await real_bot.api.wait_for("sendMessage")
    await real_bot.api.push_message("нарисуй это на шкале")
    (photo,) = await real_bot.api.wait_for("sendPhoto")
    assert photo.result["caption"].startswith("Sergei Lavrov\n")
    assert "4 entries" in photo.result["caption"] or "4 записи" in photo.result["caption"]


@pytest.mark.asyncio
async def test_a_word_that_only_looks_like_a_picture_request_is_a_question(real_bot):
    await real_bot.api.push_message("a draw between Lavrov and Clinton")
    (answer,) = await real_bot.api.wait_for("sendMessage")
    assert "Sergei Lavrov" in answer.result["text"]
    assert not real_bot.api.calls_to("sendPhoto")
