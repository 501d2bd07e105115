"""Follow-up questions in Telegram (issue 13): a private chat follows its last question for
30 minutes, in memory; in a group only a reply to one of the bot's answers continues it, read
back from that answer's own message (so it survives a restart); inline mode has no context.
"""

from __future__ import annotations

import re

import pytest

from bot.engine import Engine
from bot.telegram.app import Limits
from tests.conftest import start_bot
from tests.fakebotapi import buttons_of, group_chat, user

pytestmark = pytest.mark.asyncio

GROUP = group_chat()
ALICE = user(1001, "Alice", "alice")
BOB = user(1002, "Bob", "bob")


def lead(message: dict) -> str:
    return message["text"].splitlines()[0]


async def press(bot, message: dict, data: str) -> dict:
    """Press a button under `message`; return the edited message."""
    await bot.api.push_callback(message, data)
    await bot.api.wait_for("answerCallbackQuery")
    (edit,) = await bot.api.wait_for("editMessageText")
    return edit.result


async def test_a_private_thread_of_three_turns(bot):
    _, first = await bot.ask("Varga 2009")
    assert lead(first.result) == "Ada Varga · 2009 · 1 entry"
    _, second = await bot.ask("and 2010?")
    assert lead(second.result) == (
        "Ada Varga · 2010 · 1 entry — following your question about Ada Varga · 2009"
    )
    assert "varga-2010-11-05" in second.result["text"]
    assert buttons_of(second.result)["Answer on its own"] == "o0|and 2010?"
    _, third = await bot.ask("who else?")
    assert lead(third.result) == (
        "other than Ada Varga · 2010 · 1 entry — following your question about Ada Varga · 2010"
    )
    assert "lind-2010-08" in third.result["text"]


async def test_answer_on_its_own_button_drops_the_context_and_the_thread_follows_it(bot):
    await bot.ask("Varga 2009")
    _, follow_up = await bot.ask("and 2010?")
    alone = await press(bot, follow_up.result, "o0|and 2010?")
    assert lead(alone) == "2010 · 2 entries"  # every 2010 entry, no "following…"
    assert "Answer on its own" not in buttons_of(alone)
    _, next_answer = await bot.ask("who else?")  # follows the reading now shown: 2010
    assert lead(next_answer.result) == (
        "No entry for anyone other than Hugo Lind, Ada Varga and Boris Petrov in 2010; "
        "nearest: Sept. 2, 2008."
    )


async def test_in_doubt_the_contextual_reading_is_a_button(bot):
    await bot.ask("Varga 2010")
    _, answer = await bot.ask("Petrov")
    assert lead(answer.result) == "Boris Petrov · 4 entries"  # answered as it stands
    assert "it could mean Boris Petrov · 2010" in answer.result["text"].splitlines()[1]
    data = buttons_of(answer.result)["↪ Boris Petrov · 2010"]
    in_context = await press(bot, answer.result, data)
    assert lead(in_context) == "Boris Petrov · 2010 · 1 entry"
    assert "varga-2010-11-05" in in_context["text"]


async def test_a_follow_up_with_no_previous_question_is_answered_on_its_own(bot):
    _, answer = await bot.ask("and before that?")
    assert "following your question" not in answer.result["text"]
    assert "Answer on its own" not in buttons_of(answer.result)


async def test_a_first_question_that_leaves_someone_out_is_no_follow_up(bot):
    _, answer = await bot.ask("2010 without Varga")
    assert lead(answer.result) == "other than Ada Varga · 2010 · 1 entry"
    assert "lind-2010-08" in answer.result["text"]
    assert "varga-2010-11-05" not in answer.result["text"]
    assert "Answer on its own" not in buttons_of(answer.result)


async def test_the_thread_is_forgotten_after_its_time(bot_factory):
    bot = await bot_factory(limits=Limits(thread_seconds=0))
    await bot.ask("Varga 2009")
    _, answer = await bot.ask("and 2010?")
    assert lead(answer.result) == "2010 · 2 entries"


async def test_an_edited_earlier_question_does_not_rewrite_the_thread(bot):
    first, _ = await bot.ask("Varga 2009")
    await bot.ask("and 2010?")
    await bot.api.push_edit(first, "Okafor")
    (edit,) = await bot.api.wait_for("editMessageText")
    assert lead(edit.result) == "Grace Okafor · 1 entry"  # answered on its own
    _, answer = await bot.ask("who else?")  # still follows "Ada Varga · 2010"
    assert lead(answer.result).startswith("other than Ada Varga · 2010")


async def test_an_edited_last_question_is_read_against_what_it_followed(bot):
    await bot.ask("Varga 2009")
    question, _ = await bot.ask("and 2010?")
    await bot.api.push_edit(question, "and 2007?")
    (edit,) = await bot.api.wait_for("editMessageText")
    assert lead(edit.result) == (
        "Ada Varga · 2007 · 1 entry — following your question about Ada Varga · 2009"
    )
    _, answer = await bot.ask("and after that?")
    assert lead(answer.result) == (
        "Ada Varga · since Jan. 21, 2007 · 3 entries — "
        "following your question about Ada Varga · 2007"
    )


async def test_a_group_reply_thread(bot):
    _, first = await bot.ask("/ask@ChronoTestBot Varga 2009", chat=GROUP, sender=ALICE)
    assert lead(first.result) == "Ada Varga · 2009 · 1 entry"
    _, second = await bot.ask("and 2010?", chat=GROUP, sender=BOB, reply_to=first.result)
    assert lead(second.result) == (
        "Ada Varga · 2010 · 1 entry — following your question about Ada Varga · 2009"
    )
    _, third = await bot.ask("who else?", chat=GROUP, sender=ALICE, reply_to=second.result)
    assert lead(third.result).startswith("other than Ada Varga · 2010 · 1 entry")
    # A question that merely mentions the bot carries no context.
    _, plain = await bot.ask("@ChronoTestBot and 2010?", chat=GROUP, sender=BOB)
    assert lead(plain.result) == "2010 · 2 entries"


async def test_a_group_reply_after_a_restart_still_follows_the_answer(bot_factory, bot_index):
    # Each run opens the index afresh, as a restarted process would.
    bot = await bot_factory(engine=Engine.open(bot_index))
    _, first = await bot.ask("/ask@ChronoTestBot Varga 2010", chat=GROUP, sender=ALICE)
    await bot.stop()  # nothing of the thread is kept anywhere but in the message itself
    restarted = await start_bot(bot.api, Engine.open(bot_index))
    try:
        _, answer = await restarted.ask(
            "what about Petrov?", chat=GROUP, sender=BOB, reply_to=first.result
        )
        assert lead(answer.result) == (
            "Boris Petrov · 2010 · 1 entry — following your question about Ada Varga · 2010"
        )
    finally:
        await restarted.stop()


async def test_a_group_answers_lead_links_to_its_reading_in_private(bot):
    _, answer = await bot.ask("/ask@ChronoTestBot Varga 2009", chat=GROUP, sender=ALICE)
    links = [e["url"] for e in answer.result["entities"] if e["type"] == "text_link"]
    (link,) = [url for url in links if url.startswith("https://t.me/")]
    assert link.startswith("https://t.me/ChronoTestBot?start=c")
    payload = link.rsplit("=", 1)[1]
    assert len(payload) <= 64
    _, private = await bot.ask(f"/start {payload}", sender=ALICE)
    assert lead(private.result) == "Ada Varga · 2009 · 1 entry"
    _, follow_up = await bot.ask("and 2010?", sender=ALICE)
    assert "following your question about Ada Varga · 2009" in lead(follow_up.result)


async def test_inline_mode_has_no_context(bot):
    await bot.ask("Varga 2009")
    await bot.api.push_inline("and 2010?")
    (answer,) = await bot.api.wait_for("answerInlineQuery")
    assert len(answer.params["results"]) == 2  # every 2010 entry, not Varga's alone


async def test_more_typed_in_a_private_chat_pages_on_and_says_when_all_was_shown(bot_factory):
    bot = await bot_factory(limits=Limits(private_page=3))
    _, first = await bot.ask("Petrov")
    assert lead(first.result) == "Boris Petrov · 4 entries (showing 1–3)"
    _, second = await bot.ask("more pls")
    assert lead(second.result) == (
        "Boris Petrov · 4 entries (showing 4) — following your question about Boris Petrov"
    )
    shown_first = {line for line in first.result["text"].splitlines() if "entry" in line}
    shown_second = {line for line in second.result["text"].splitlines() if "entry" in line}
    assert shown_second and not shown_first & shown_second  # the next entry, none again
    _, third = await bot.ask("ещё")
    assert third.result["text"].splitlines()[0] == "That was all: 4 entries, all shown."


async def test_a_greeting_is_answered_in_kind(bot):
    _, hello = await bot.ask("hi!")
    assert hello.result["text"] == "Hello! Ask about a person, a date or a topic."
    _, thanks = await bot.ask("thx")
    assert thanks.result["text"].startswith("Glad to help.")


async def test_asking_what_the_bot_does_or_who_is_in_it_is_answered(bot):
    _, help_ = await bot.ask("what can you do?")
    assert help_.result["text"].startswith("I answer questions about this chronology")
    _, people = await bot.ask("list all people")
    assert people.result["text"].startswith("This chronology names ")
    assert "reply_markup" not in people.params or not people.params["reply_markup"]


async def test_the_second_one_shows_that_entry_of_the_answer_just_given(bot):
    _, answer = await bot.ask("Varga")
    shown = re.findall(r"entry ([\w-]+)", answer.result["text"])
    assert len(shown) >= 2
    _, second = await bot.ask("the second one")
    assert lead(second.result).endswith("(showing 2) — following your question about Ada Varga")
    assert re.findall(r"entry ([\w-]+)", second.result["text"]) == [shown[1]]
