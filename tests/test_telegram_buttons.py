"""Buttons: ◀ ▶ pages edit the same message, "more by"/"same year", stale buttons.

Every press must be answered (answerCallbackQuery), whatever happens.
"""

from __future__ import annotations

import pytest

from bot.telegram.texts import BUTTON_EXPIRED, QUESTION_GONE, SOMETHING_WENT_WRONG
from tests.fakebotapi import buttons_of, group_chat, user

pytestmark = pytest.mark.asyncio


async def press(bot, message: dict, data: str) -> dict:
    """Press a button under `message`; return the answerCallbackQuery parameters."""
    query_id = await bot.api.push_callback(message, data)
    (ack,) = await bot.api.wait_for("answerCallbackQuery")
    assert ack.params["callback_query_id"] == query_id
    return ack.params


async def test_next_and_previous_edit_the_same_message(bot):
    _, answer = await bot.ask("Varga")
    first = answer.result
    assert first["text"].startswith("Ada Varga · 7 entries (showing 1–5)")
    assert buttons_of(first) == {"6–7 ▶": "a5|Varga", "Timeline": "t0|Varga"}

    ack = await press(bot, first, "a5|Varga")
    (edit,) = await bot.api.wait_for("editMessageText")
    assert edit.params["message_id"] == first["message_id"]
    assert edit.result["text"].startswith("Ada Varga · 7 entries (showing 6–7)")
    assert "varga-2012-12-31" in edit.result["text"]
    assert buttons_of(edit.result) == {"◀ 1–5": "a0|Varga", "Timeline": "t0|Varga"}
    assert ack.get("text") is None

    await press(bot, edit.result, "a0|Varga")
    (back,) = await bot.api.wait_for("editMessageText")
    assert back.result["text"] == first["text"]
    assert len(bot.api.calls_to("sendMessage")) == 1  # pages never add messages


async def test_double_press_answers_both_and_ignores_not_modified(bot):
    bot.api.expected_errors.append("message is not modified")
    _, answer = await bot.ask("Varga")
    await press(bot, answer.result, "a5|Varga")
    await press(bot, answer.result, "a5|Varga")  # the same page again: nothing to change
    edits = bot.api.calls_to("editMessageText")
    assert [c.status for c in edits] == [200, 400]
    _, after = await bot.ask("/about")  # still serving, and no apology was sent
    assert after.result["text"] != SOMETHING_WENT_WRONG


async def test_long_question_pages_by_reading_the_question_back(bot):
    question_text = "Varga harbour breakwater ferries budget channel storm " * 2
    question, answer = await bot.ask(question_text)
    # Too long for callback_data: the answer quotes the question and the button says so.
    assert answer.params["reply_parameters"]["message_id"] == question["message_id"]
    assert answer.result["text"].startswith("Ada Varga")
    next_page = next(data for label, data in buttons_of(answer.result).items() if "▶" in label)
    assert next_page == "r5|"

    await press(bot, answer.result, next_page)
    (edit,) = await bot.api.wait_for("editMessageText")
    assert "(showing 6–7)" in edit.result["text"].splitlines()[0]


async def test_reply_button_without_the_question_asks_to_ask_again(bot):
    _, answer = await bot.ask("Okafor")
    orphan = {k: v for k, v in answer.result.items() if k != "reply_to_message"}
    ack = await press(bot, orphan, "r5|")
    assert ack["text"] == QUESTION_GONE


async def test_more_by_this_person(bot):
    _, answer = await bot.ask("/entry varga-2007-01-20")
    await press(bot, answer.result, buttons_of(answer.result)["More: Hugo Lind"])
    (edit,) = await bot.api.wait_for("editMessageText")
    assert edit.result["text"].startswith("Hugo Lind · 2 entries")
    assert "lind-2010-08" in edit.result["text"]


async def test_same_year(bot):
    _, answer = await bot.ask("/entry lind-2010-08")
    await press(bot, answer.result, buttons_of(answer.result)["Same year (2010)"])
    (edit,) = await bot.api.wait_for("editMessageText")
    assert edit.result["text"].startswith("2010 · 2 entries")
    assert "varga-2010-11-05" in edit.result["text"]


async def test_single_entry_of_a_year_offers_only_the_other_button(bot):
    _, answer = await bot.ask("/entry okafor-2008-09-02")
    await press(bot, answer.result, "y0|2008")
    (edit,) = await bot.api.wait_for("editMessageText")
    assert buttons_of(edit.result) == {"More: Grace Okafor": "m0|okafor"}


@pytest.mark.parametrize("data", ["zz-not-ours", "y0|not-a-year", "q1|x", ""])
async def test_stale_or_foreign_button_is_answered_with_a_notice(bot, data):
    _, answer = await bot.ask("Okafor")
    ack = await press(bot, answer.result, data)
    assert ack["text"] == BUTTON_EXPIRED
    assert bot.api.calls_to("editMessageText") == []


async def test_group_pages_have_three_entries(bot):
    chat = group_chat()
    _, answer = await bot.ask("/ask@ChronoTestBot Varga", chat=chat, sender=user())
    assert answer.result["text"].startswith("Ada Varga · 7 entries (showing 1–3)")
    assert buttons_of(answer.result) == {"4–6 ▶": "a3|Varga", "Timeline": "t0|Varga"}
    await press(bot, answer.result, "a3|Varga")
    (edit,) = await bot.api.wait_for("editMessageText")
    assert edit.result["text"].startswith("Ada Varga · 7 entries (showing 4–6)")
    assert buttons_of(edit.result) == {
        "◀ 1–3": "a0|Varga",
        "7 ▶": "a6|Varga",
        "Timeline": "t0|Varga",
    }
