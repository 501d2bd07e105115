"""The bot's small parts on their own: button data, bounded memories, UTF-16, redaction.

Also the fake Bot API's strictness, which every other bot test relies on.
"""

from __future__ import annotations

import asyncio
import logging
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st
from telegram import Message, Update

from bot.cli import main as cli_main
from bot.telegram.errors import REDACTED, RedactingFilter, redact
from bot.telegram.keyboards import MAX_BYTES, ButtonData, Kind, decode, encode
from bot.telegram.memories import ReplyMemory, UserRateLimit, Verdict
from bot.telegram.messages import question_in, remove_utf16_span, without_mention
from bot.telegram.ordering import PerChatUpdateProcessor
from bot.telegram.views import examples
from tests.fakebotapi import (
    ApiError,
    FakeBotAPI,
    check_reply_markup,
    check_text,
    parse_html,
    text_entities,
)

# --- callback data


def test_button_data_round_trips():
    data = encode(Kind.ASK, 5, "Varga | 2009")
    assert data == "a5|Varga | 2009"
    assert decode(data) == ButtonData(Kind.ASK, 5, "Varga | 2009")


def test_button_data_over_64_bytes_is_refused():
    assert encode(Kind.ASK, 0, "x" * 61) == "a0|" + "x" * 61
    assert encode(Kind.ASK, 0, "x" * 62) is None
    assert encode(Kind.ASK, 0, "ж" * 31) is None  # Cyrillic letters are two bytes each


@given(st.text(max_size=80), st.integers(min_value=0, max_value=9_999_999))
def test_any_encoded_button_fits_and_decodes_back(arg, offset):
    data = encode(Kind.PERSON, offset, arg)
    if data is not None:
        assert len(data.encode()) <= MAX_BYTES
        assert decode(data) == ButtonData(Kind.PERSON, offset, arg)


@pytest.mark.parametrize("data", [None, "", "a|x", "q0|x", "A0|x", "a-1|x", "a12345678|x"])
def test_foreign_button_data_is_not_decoded(data):
    assert decode(data) is None


# --- bounded memories


def test_reply_memory_forgets_the_oldest_first():
    memory = ReplyMemory(capacity=2)
    memory.remember(1, 10, 11)
    memory.remember(1, 20, 21)
    memory.remember(2, 10, 12)
    assert (memory.reply_to(1, 10), memory.reply_to(1, 20), memory.reply_to(2, 10)) == (
        None,
        21,
        12,
    )
    assert len(memory) == 2


def test_rate_limit_allows_then_notifies_once_then_is_silent_until_the_window_passes():
    now = [0.0]
    limit = UserRateLimit(limit=2, window=60, clock=lambda: now[0])
    verdicts = [limit.check(-1, 7) for _ in range(5)]
    assert verdicts == [
        Verdict.ALLOW,
        Verdict.ALLOW,
        Verdict.NOTIFY,
        Verdict.SILENT,
        Verdict.SILENT,
    ]
    assert limit.check(-1, 8) is Verdict.ALLOW  # another user
    assert limit.check(-2, 7) is Verdict.ALLOW  # the same user in another chat
    now[0] = 60.0
    assert limit.check(-1, 7) is Verdict.ALLOW
    assert limit.check(-1, 7) is Verdict.ALLOW
    assert limit.check(-1, 7) is Verdict.NOTIFY  # a new burst gets a new notice


def test_rate_limit_memory_is_bounded():
    limit = UserRateLimit(limit=1, window=60, capacity=100)
    for user_id in range(1000):
        limit.check(-1, user_id)
    assert len(limit) == 100


# --- reading messages


def test_utf16_span_removal_counts_emoji_as_two_units():
    text = "👍🏽 @Bot hi"
    assert remove_utf16_span(text, 5, 4) == "👍🏽  hi"


def _message(text: str, **extra) -> Message:
    data = {
        "message_id": 1,
        "date": 0,
        "chat": {"id": -5, "type": "supergroup", "title": "g"},
        "text": text,
        "entities": text_entities(text),
        **extra,
    }
    return Message.de_json(data, None)


def test_mentions_of_the_bot_are_removed_in_any_case():
    message = _message("@chronotestbot Varga @other 👨‍👩‍👧 @ChronoTestBot 2009")
    assert without_mention(message, "ChronoTestBot") == "Varga @other 👨‍👩‍👧 2009"
    assert without_mention(_message("@other Varga"), "ChronoTestBot") is None


def test_question_of_a_command_is_its_argument():
    assert question_in(_message("/person@ChronoTestBot  Ada Varga "), "ChronoTestBot") == (
        "Ada Varga"
    )
    assert question_in(_message("plain question"), "ChronoTestBot") == "plain question"


# --- update order


def _update(update_id: int, chat_id: int) -> Update:
    message = {"message_id": update_id, "date": 0, "chat": {"id": chat_id, "type": "private"}}
    return Update.de_json({"update_id": update_id, "message": message}, None)


@pytest.mark.asyncio
async def test_updates_of_one_chat_run_in_order_and_other_chats_do_not_wait():
    processor = PerChatUpdateProcessor()
    events: list[str] = []
    started, release = asyncio.Event(), asyncio.Event()

    async def handle(name: str, wait: bool = False) -> None:
        events.append(f"{name} starts")
        if wait:
            started.set()
            await release.wait()
        events.append(f"{name} ends")

    slow = asyncio.create_task(processor.process_update(_update(1, 10), handle("A1", wait=True)))
    queued = asyncio.create_task(processor.process_update(_update(2, 10), handle("A2")))
    await started.wait()  # A1 holds chat 10
    await processor.process_update(_update(3, 20), handle("B"))  # chat 20 is not held up
    assert events == ["A1 starts", "B starts", "B ends"]
    release.set()
    await asyncio.gather(slow, queued)
    assert events[3:] == ["A1 ends", "A2 starts", "A2 ends"]
    assert processor.chats_in_flight == 0  # no lock is kept for an idle chat


# --- redaction

TOKEN = "123456789:AAFakeTokenForTestsOnly_xyzXYZ0123456789"


def test_redaction_covers_message_arguments_traceback_and_url_encoding():
    log_filter = RedactingFilter([TOKEN, None, ""])
    try:
        raise ValueError(f"bad url /bot{TOKEN}/getMe")
    except ValueError:
        record = logging.LogRecord(
            "httpx", logging.INFO, __file__, 1, "POST %s", (f"/bot{TOKEN}/x",), sys.exc_info()
        )
    assert log_filter.filter(record)
    assert record.getMessage() == f"POST /bot{REDACTED}/x"
    assert TOKEN not in record.exc_text and REDACTED in record.exc_text
    assert redact(f"a {TOKEN.replace(':', '%3A')} b", [TOKEN]) == f"a {REDACTED} b"


# --- chronobot serve, the one way to start the bot


def test_serve_without_token_exits_2(monkeypatch, capsys):
    monkeypatch.delenv("TELEGRAM_BOT_TOKEN", raising=False)
    assert cli_main(["serve"]) == 2
    assert "TELEGRAM_BOT_TOKEN is not set" in capsys.readouterr().err


def test_serve_with_a_bad_setting_exits_2(monkeypatch, capsys):
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", TOKEN)
    monkeypatch.setenv("CHRONOBOT_ADMINS", "12,abc")
    assert cli_main(["serve"]) == 2
    err = capsys.readouterr().err
    assert "CHRONOBOT_ADMINS" in err and TOKEN not in err


# --- examples come from the data


def test_examples_are_taken_from_the_chronology(bot_engine):
    found = examples(bot_engine)
    assert found.name == "Ada Varga"  # the person with the most entries
    assert found.questions == ("Ada Varga", "Boris Petrov 2005", "between 2001 and 2006", "2012")


# --- the fake is as strict as Telegram


@pytest.mark.parametrize(
    "html",
    [
        "<script>alert(1)</script>",
        "a < b",
        "R&D",
        "&nbsp;",
        "<b>open",
        "<b><i>crossed</b></i>",
        "</b>",
        '<a href="">x</a>',
        '<span class="x">x</span>',
    ],
)
def test_fake_refuses_what_telegram_cannot_parse(html):
    with pytest.raises(ApiError, match="can't parse entities"):
        parse_html(html)


def test_fake_parses_entities_with_utf16_offsets():
    text, entities = parse_html("👍🏽 <b>R&amp;D &lt;x&gt;</b> <a href='https://e.org'>l</a>")
    assert text == "👍🏽 R&D <x> l"
    assert entities == [
        {"type": "bold", "offset": 5, "length": 7},
        {"type": "text_link", "offset": 13, "length": 1, "url": "https://e.org"},
    ]


def test_fake_counts_the_visible_length():
    check_text("<b>" + "x" * 4096 + "</b>", "HTML")
    with pytest.raises(ApiError, match="message is too long"):
        check_text("x" * 4095 + "👍", "HTML")  # 4097 UTF-16 units
    with pytest.raises(ApiError, match="message text is empty"):
        check_text("<b> </b>", "HTML")


def test_fake_refuses_long_callback_data():
    button = {"text": "x", "callback_data": "x" * 65}
    with pytest.raises(ApiError, match="BUTTON_DATA_INVALID"):
        check_reply_markup({"inline_keyboard": [[button]]})


@pytest.mark.asyncio
async def test_fake_refuses_duplicate_inline_ids_and_identical_edits():
    async with FakeBotAPI() as api:
        query_id = await api.push_inline("x")
        article = {
            "type": "article",
            "id": "same",
            "title": "t",
            "input_message_content": {"message_text": "m"},
        }
        with pytest.raises(ApiError, match="RESULT_ID_DUPLICATE"):
            await api._api_answerInlineQuery(
                {"inline_query_id": query_id, "results": [article, article]}
            )
        message = await api.push_message("hi")
        sent = await api._api_sendMessage({"chat_id": message["chat"]["id"], "text": "a"})
        edit = {"chat_id": message["chat"]["id"], "message_id": sent["message_id"], "text": "a"}
        with pytest.raises(ApiError, match="message is not modified"):
            await api._api_editMessageText(edit)


def test_thread_memory_forgets_after_its_time_and_keeps_its_bound() -> None:
    from bot.context import Context
    from bot.telegram.memories import ThreadMemory

    now = [0.0]
    threads = ThreadMemory(ttl=1800, capacity=2, clock=lambda: now[0])
    context = Context(terms=("harbour",))
    threads.remember(1, question_id=10, answer_id=11, after=None, context=context)
    now[0] = 1799.0
    assert threads.context(1) == context
    now[0] = 1800.0
    assert threads.context(1) is None and len(threads) == 0
    for chat in (1, 2, 3):
        threads.remember(chat, question_id=10, answer_id=11, after=None, context=context)
    assert len(threads) == 2 and threads.context(1) is None  # the oldest chat went first
    threads.answered_again(3, answer_id=99, context=Context())  # not the chat's last answer
    assert threads.context(3) == context
    threads.answered_again(3, answer_id=11, context=Context(terms=("ferry",)))
    assert threads.context(3) == Context(terms=("ferry",))
