"""The bot in a private chat: questions, every command, edits, hostile text, non-text messages.

Each test drives the real Application over HTTP against the fake Bot API server; the fake
rejects invalid HTML, too long texts and bad buttons, and the fixture fails any test in which
it had to.
"""

from __future__ import annotations

import pytest

from bot.telegram.commands import COMMANDS
from bot.telegram.texts import NOT_TEXT, UNKNOWN_COMMAND
from tests.fakebotapi import buttons_of, entity_texts

pytestmark = pytest.mark.asyncio


async def test_question_gets_an_answer_that_cites_its_entry(bot):
    _, answer = await bot.ask("Varga 2009")
    message = answer.result
    assert message["text"].startswith("Ada Varga · 2009 · 1 entry\n")
    assert "April 11, 2009" in entity_texts(message, "bold")
    assert "The Harbour Chronicle, Lakeside Gazette · entry varga-2009-04-11" in message["text"]
    assert answer.params["parse_mode"] == "HTML"
    assert answer.params["link_preview_options"] == {"is_disabled": True}


async def test_data_with_markup_characters_arrives_verbatim(bot):
    # The entry's text holds "<tidal>" and "&": escaped on the way, shown as written.
    _, answer = await bot.ask("tidal turbines")
    assert (
        'R&D budget for <tidal> turbines was "less than a rounding error" &'
        in (answer.result["text"])
    )
    assert "R&amp;D budget for &lt;" in answer.params["text"]


async def test_single_entry_answer_has_more_by_person_and_same_year_buttons(bot):
    _, answer = await bot.ask("Okafor")
    assert buttons_of(answer.result) == {
        "More: Grace Okafor": "m0|okafor",
        "Same year (2008)": "y0|2008",
    }


async def test_start_describes_the_chronology_with_example_buttons(bot):
    _, answer = await bot.ask("/start")
    text = answer.result["text"]
    assert text.startswith("The Harbour Chronicle (Lakeside Gazette)")
    assert "11 entries from 2001–2012, naming 4 people" in text
    examples = buttons_of(answer.result)
    assert list(examples) == ["Ada Varga", "Boris Petrov 2005", "between 2001 and 2006", "2012"]

    query_id = await bot.api.push_callback(answer.result, examples["Ada Varga"])
    (asked,) = await bot.api.wait_for("sendMessage")
    assert asked.result["text"].startswith("Ada Varga · 7 entries (showing 1–5)")
    (answered,) = await bot.api.wait_for("answerCallbackQuery")
    assert answered.params["callback_query_id"] == query_id


async def test_start_deep_link_from_inline_mode_works(bot):
    _, answer = await bot.ask("/start inline-help")
    assert "The Harbour Chronicle" in answer.result["text"]


async def test_help_explains_the_query_language_and_lists_every_command(bot):
    _, answer = await bot.ask("/help")
    text = answer.result["text"]
    for spec in COMMANDS:
        assert f"/{spec.name}" in text
    assert "between 2001 and 2006" in text
    assert "@ChronoTestBot Ada Varga" in text  # inline use
    assert "/ask@ChronoTestBot" in text  # group use
    assert "who is Ada Varga?" in text and "not Ada Varga" in text  # who is; leaving out


async def test_who_is_a_person_says_who_they_are_above_their_entries(bot):
    _, answer = await bot.ask("who is varga?")
    person = answer.result["text"].splitlines()[0]
    assert person.startswith("Ada Varga: ")
    _, plain = await bot.ask("Varga")
    assert not plain.result["text"].startswith("Ada Varga: ")


async def test_ask_command_answers_its_argument(bot):
    _, answer = await bot.ask("/ask Okafor lighthouse")
    assert "okafor-2008-09-02" in answer.result["text"]


async def test_command_without_argument_shows_how_to_use_it(bot):
    _, answer = await bot.ask("/ask")
    assert answer.result["text"] == "Use it like this: /ask Ada Varga."
    _, answer = await bot.ask("/year")
    assert answer.result["text"] == "Use it like this: /year 2012."


async def test_person_says_who_they_are_then_their_entries(bot):
    _, answer = await bot.ask("/person Varga")
    text = answer.result["text"]
    assert text.startswith("👤 Ada Varga — Harbour master (2001-2012)\n\nAda Varga · 7 entries")
    assert buttons_of(answer.result) == {"6–7 ▶": "p5|Varga", "Timeline": "t0|Varga"}


async def test_person_with_unknown_name_points_to_the_people_list(bot):
    _, answer = await bot.ask("/person Merkel")
    assert answer.result["text"] == (
        "No one in the chronology is called “Merkel”. /people lists everyone."
    )


async def test_year_and_date_list_that_period(bot):
    _, answer = await bot.ask("/year 2007")
    assert answer.result["text"].startswith("2007 · 1 entry")
    assert "varga-2007-01-20" in answer.result["text"]
    _, answer = await bot.ask("/date between 2001 and 2006")
    assert "4 entries" in answer.result["text"].splitlines()[0]


async def test_date_without_a_date_says_so(bot):
    _, answer = await bot.ask("/date someday")
    assert answer.result["text"] == (
        "I could not find a date in “someday”. Try /year 2012 or /date March 2012."
    )


async def test_people_lists_everyone_with_entry_counts(bot):
    _, answer = await bot.ask("/people")
    text = answer.result["text"]
    assert text.startswith("People in the chronology (4)")
    assert "• Ada Varga — Harbour master (2001-2012) · 7 entries" in text
    assert "• Grace Okafor — Engineer of the new lighthouse · 1 entry" in text


async def test_entry_shows_one_entry_with_its_buttons(bot):
    _, answer = await bot.ask("/entry varga-2007-01-20")
    text = answer.result["text"]
    assert text.startswith("Jan. 20, 2007\nVarga closed the harbour")
    assert buttons_of(answer.result) == {
        "More: Ada Varga": "m0|varga",
        "More: Hugo Lind": "m0|lind",
        "Same year (2007)": "y0|2007",
    }


async def test_entry_with_unknown_id(bot):
    _, answer = await bot.ask("/entry no-such-entry")
    assert answer.result["text"].startswith("No entry has the id “no-such-entry”.")


async def test_about_describes_the_source(bot):
    _, answer = await bot.ask("/about")
    message = answer.result
    assert message["text"].splitlines() == [
        "The Harbour Chronicle",
        "Publisher: Lakeside Gazette",
        "Published: 2013-01",
        "Source: https://example.org/harbour-chronicle",
        "11 entries covering 2001–2012, naming 4 people.",
    ]
    assert entity_texts(message, "text_link") == ["https://example.org/harbour-chronicle"]


async def test_unknown_command_gets_a_hint(bot):
    _, answer = await bot.ask("/frobnicate now")
    assert answer.result["text"] == UNKNOWN_COMMAND


async def test_sticker_and_photo_get_one_short_hint_each(bot):
    await bot.api.push_sticker()
    await bot.api.push_photo()
    question = await bot.api.push_message("Okafor")
    hint_1, hint_2, answer = await bot.api.wait_for("sendMessage", count=3)
    assert hint_1.result["text"] == hint_2.result["text"] == NOT_TEXT
    assert "okafor-2008-09-02" in answer.result["text"]
    assert answer.params["chat_id"] == question["chat"]["id"]


async def test_entry_shared_through_inline_mode_is_not_a_question(bot):
    await bot.api.push_message("April 11, 2009 Varga said", via_bot=bot.api.bot_user)
    _, answer = await bot.ask("Okafor")
    assert "okafor-2008-09-02" in answer.result["text"]  # the bot's first and only message
    assert len(bot.api.calls_to("sendMessage")) == 1


async def test_edited_question_edits_the_answer(bot):
    question, answer = await bot.ask("Varga 2009")
    await bot.api.push_edit(question, "Okafor")
    (edit,) = await bot.api.wait_for("editMessageText")
    assert edit.params["message_id"] == answer.result["message_id"]
    assert "okafor-2008-09-02" in edit.result["text"]
    # No second answer was sent: the next message of the bot answers the next question.
    _, after = await bot.ask("/about")
    assert after.result["text"].startswith("The Harbour Chronicle")
    assert len(bot.api.calls_to("sendMessage")) == 2


async def test_edit_that_changes_nothing_is_ignored_quietly(bot):
    bot.api.expected_errors.append("message is not modified")
    question, _ = await bot.ask("Okafor")
    await bot.api.push_edit(question, "Okafor ")  # same question, same answer
    await bot.api.push_message("/about")
    (about,) = await bot.api.wait_for("sendMessage")
    assert about.result["text"].startswith("The Harbour Chronicle")
    assert [c.status for c in bot.api.calls_to("editMessageText")] == [400]


@pytest.mark.parametrize(
    "text",
    [
        "<script>alert('x')</script> Varga",
        "R&D & <b>bold</b> &amp; &lt; Varga",
        "Varga " * 833 + "2009",  # 5,000 characters
        "👍🏽 Varga 2009 🚀\u200f\u202e",
        "Merkel <i>",
    ],
)
async def test_hostile_text_gets_a_valid_escaped_answer(bot, text):
    # The fake parses every HTML text like Telegram: unescaped input would be a 400.
    _, answer = await bot.ask(text)
    assert answer.result["text"].strip()
