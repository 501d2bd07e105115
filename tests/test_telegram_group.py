"""Group chats: answered only when addressed, as replies, shorter, and never flooded.

"Nothing was sent" is checked without timing: updates are handled in order, so once the bot
has answered a later question, it has finished with every earlier message.
"""

from __future__ import annotations

import pytest

from bot.telegram.app import Limits
from bot.telegram.texts import slow_down
from bot.words import ENGLISH
from tests.fakebotapi import group_chat, user

pytestmark = pytest.mark.asyncio

GROUP = group_chat()
ALICE = user(1001, "Alice", "alice")
BOB = user(1002, "Bob", "bob")


async def ask_in_group(bot, text: str, sender: dict = ALICE, **kwargs) -> tuple[dict, object]:
    return await bot.ask(text, chat=GROUP, sender=sender, **kwargs)


def replies_to(answer, question: dict) -> bool:
    return answer.result.get("reply_to_message", {}).get("message_id") == question["message_id"]


async def test_ask_with_the_bots_name_is_answered_as_a_reply(bot):
    question, answer = await ask_in_group(bot, "/ask@ChronoTestBot Okafor")
    assert replies_to(answer, question)
    assert answer.result["text"].startswith("Grace Okafor · 1 entry")


async def test_bare_ask_is_answered(bot):
    # Telegram delivers a bare /ask to a privacy-mode bot only when it is meant for it.
    question, answer = await ask_in_group(bot, "/ask Okafor")
    assert replies_to(answer, question)
    assert "okafor-2008-09-02" in answer.result["text"]


async def test_mention_with_a_question_is_answered(bot):
    question, answer = await ask_in_group(bot, "@ChronoTestBot Varga 2009")
    assert replies_to(answer, question)
    assert answer.result["text"].startswith("Ada Varga · 2009 · 1 entry")


async def test_mention_after_emoji_is_cut_out_by_utf16_offsets(bot):
    # 👍🏽 and the family emoji are 2 and 5 code points but 4 and 8 UTF-16 units.
    _, answer = await ask_in_group(bot, "👍🏽👨‍👩‍👧 @ChronoTestBot Okafor")
    assert answer.result["text"].splitlines()[0] == "Grace Okafor · 1 entry"


async def test_mention_in_the_middle_of_a_question(bot):
    _, answer = await ask_in_group(bot, "what did Varga say, @ChronoTestBot, in 2009?")
    assert "varga-2009-04-11" in answer.result["text"]


async def test_mention_without_a_question_gets_a_hint(bot):
    _, answer = await ask_in_group(bot, "@ChronoTestBot")
    assert answer.result["text"] == (
        "Ask me a question after my name, e.g. @ChronoTestBot Ada Varga."
    )


async def test_reply_to_the_bots_message_is_a_question(bot):
    _, first = await ask_in_group(bot, "/ask@ChronoTestBot Okafor")
    question, answer = await ask_in_group(
        bot, "and Varga in 2007?", sender=BOB, reply_to=first.result
    )
    assert replies_to(answer, question)
    assert "varga-2007-01-20" in answer.result["text"]


async def test_chatter_and_other_bots_commands_are_ignored(bot):
    human = await bot.api.push_message("Varga 2009 was a year", chat=GROUP, sender=BOB)
    for text in [
        "hello everyone",
        "/ask@OtherBot Okafor",
        "@someone_else Varga",
        "/people@OtherBot",
    ]:
        await bot.api.push_message(text, chat=GROUP, sender=ALICE)
    await bot.api.push_message("Okafor?", chat=GROUP, sender=ALICE, reply_to=human)
    await bot.api.push_sticker(chat=GROUP, sender=ALICE)
    question, answer = await ask_in_group(bot, "/ask@ChronoTestBot 2010")
    assert replies_to(answer, question)  # the first and only thing the bot said
    assert len(bot.api.calls) == len([c for c in bot.api.calls if c.method != "sendMessage"]) + 1


async def test_group_answers_show_three_entries(bot):
    _, answer = await ask_in_group(bot, "@ChronoTestBot Varga")
    assert answer.result["text"].count("· entry varga-") == 3


async def test_one_user_cannot_flood_the_group(bot_factory):
    bot = await bot_factory(limits=Limits(group_questions=2))
    await ask_in_group(bot, "/ask@ChronoTestBot Okafor")
    await bot.api.push_message("just chatting", chat=GROUP, sender=ALICE)  # does not count
    await ask_in_group(bot, "@ChronoTestBot Varga 2009")
    over = await bot.api.push_message("@ChronoTestBot Lind", chat=GROUP, sender=ALICE)
    await bot.api.push_message("@ChronoTestBot Petrov", chat=GROUP, sender=ALICE)
    await bot.api.push_message("/ask@ChronoTestBot 2010", chat=GROUP, sender=ALICE)
    other = await bot.api.push_message("@ChronoTestBot Lind", chat=GROUP, sender=BOB)
    notice, answer = await bot.api.wait_for("sendMessage", count=2)
    assert notice.result["text"] == slow_down(ENGLISH, "Alice", "ChronoTestBot")
    assert replies_to(notice, over)
    assert replies_to(answer, other)  # Alice's further questions got no answer, Bob's did
    assert answer.result["text"].startswith("Hugo Lind")


async def test_edited_question_in_a_group_edits_the_answer(bot):
    question, answer = await ask_in_group(bot, "@ChronoTestBot Okafor")
    await bot.api.push_edit(question, "@ChronoTestBot Varga 2009")
    (edit,) = await bot.api.wait_for("editMessageText")
    assert edit.params["message_id"] == answer.result["message_id"]
    assert edit.result["text"].startswith("Ada Varga · 2009 · 1 entry")


async def test_chatter_edited_into_a_question_is_answered(bot):
    chatter = await bot.api.push_message("Okafor built it", chat=GROUP, sender=ALICE)
    await bot.api.push_edit(chatter, "@ChronoTestBot Okafor")
    (answer,) = await bot.api.wait_for("sendMessage")
    assert replies_to(answer, chatter)
