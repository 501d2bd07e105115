"""Hostile input through the whole stack: generated text as private messages, group questions
and inline queries; every time a valid, escaped reply.

Valid means what Telegram would accept: the strict fake parses the HTML (an unescaped `<` or
`&` is a 400), counts the visible length and checks every inline result. Escaped means the
user's markup stays text: no link, bold or other entity comes from what the user typed. One
bot serves the whole module; hypothesis sends it the examples one after the other.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import AsyncIterator

import pytest
import pytest_asyncio
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from bot.telegram.app import Limits
from bot.telegram.texts import SOMETHING_WENT_WRONG
from tests.conftest import RunningBot, start_bot
from tests.fakebotapi import FakeBotAPI, group_chat, text_entities, user, utf16_len

pytestmark = pytest.mark.asyncio(loop_scope="module")

CHRONOLOGY_URL = "https://example.org/harbour-chronicle"  # the only link to elsewhere
FRAGMENTS = (
    # FTS5 query syntax
    "AND", "OR", "NOT", "NEAR(", ")", '"', "*", "^", ":", "{", "}", "-", "+", "text:",
    "events_fts MATCH", "NEAR(a b, 2)",
    # SQL
    "'; DROP TABLE events; --", '" OR 1=1 --', "%", "_", "\\", "/*", "*/", "UNION SELECT",
    # HTML and Markdown
    "<b>", "</b>", "<i>x</i>", '<a href="https://evil.example">click</a>', "<script>",
    "&amp;", "&lt;", "&", "&#0;", "&#x110000;", "**bold**", "__u__", "[x](https://evil.example)",
    "`code`", "```", "<pre>", "<tg-spoiler>", "<tg-emoji emoji-id=\"1\">",
    # control, direction and invisible characters
    "\x00", "\x07", "\x1b[31m", "\r\n", "\t", "\x7f", "\u202e", "\u200f", "\u2066", "\u2069",
    "\u200b", "\u200c", "\u200d", "\ufeff", "\u0301",
    # emoji: flags, skin tones, ZWJ sequences (two UTF-16 units and more)
    "🇷🇺", "👍🏽", "👨\u200d👩\u200d👧", "🏳️\u200d🌈", "𝕍𝕒𝕣𝕘𝕒",
    # words the chronology knows, so that some answers have entries to escape and highlight
    "Varga", "Okafor", "Petrov", "2009", "2003", "between 2001 and 2008", "Ада", "lighthouse",
)  # fmt: skip
ALPHABET = st.characters(codec="utf-8", exclude_categories=("Cs",))
QUESTION = st.lists(
    st.one_of(st.sampled_from(FRAGMENTS), st.text(ALPHABET, max_size=12)), min_size=1, max_size=12
).map(" ".join)
SURFACES = ("private", "group_ask", "group_mention", "inline")
MEMBER_IDS = itertools.count(7000)
LONG = "Varga <b>&amp; " * 715  # 10,010 characters

# Telegram trims messages and never delivers an empty one.
deliverable = QUESTION.map(str.strip).filter(bool)


@pytest_asyncio.fixture(loop_scope="module", scope="module")
async def hostile_bot(bot_engine) -> AsyncIterator[RunningBot]:
    async with FakeBotAPI() as api:
        # Without Telegram's flood limits (20 messages a minute per group): they would only
        # make the examples wait.
        bot = await start_bot(api, bot_engine, Limits(overall_max_rate=0, group_max_rate=0))
        yield bot
        await bot.stop()
        rejected = [(c.method, c.description) for c in api.unexpected_errors()]
        assert not rejected, f"the fake Bot API rejected calls: {rejected}"


# A group answer's lead links to its own reading (base64url, see bot.telegram.views).
OWN_DEEP_LINK = r"https://t\.me/ChronoTestBot\?start=c[A-Za-z0-9_-]{1,63}"


def user_entities(message: dict) -> list[dict]:
    """Entities Telegram would show in the bot's message that are not the bot's own kinds."""
    return [
        e
        for e in message.get("entities", [])
        if e["type"] == "text_link"
        and e.get("url") != CHRONOLOGY_URL
        and not re.fullmatch(OWN_DEEP_LINK, e.get("url", ""))
    ]


async def reply_to(bot: RunningBot, surface: str, text: str) -> None:
    """Send `text` on `surface` and check the bot's one reply."""
    api = bot.api
    if surface == "inline":
        query_id = await api.push_inline(text)
        (call,) = await api.wait_for("answerInlineQuery")
        assert call.params["inline_query_id"] == query_id
        for result in call.params["results"]:
            assert result["title"].strip()
        return
    if surface == "private":
        # An emoji marked as a custom emoji entity before the text: offsets in UTF-16 units.
        emoji = "👍🏽"
        entity = {"type": "custom_emoji", "offset": 0, "length": utf16_len(emoji)}
        entity["custom_emoji_id"] = "5368324170671202286"
        full = f"{emoji} {text}"
        message = await api.push_message(
            full, sender=user(4242, "Eve", None), entities=[entity, *text_entities(full)]
        )
    else:
        # A new member each time: the per-user flood limit must not silence the examples.
        sender = user(next(MEMBER_IDS), "Mallet", None)
        asked = (
            f"/ask@ChronoTestBot {text}" if surface == "group_ask" else f"🇷🇺 @ChronoTestBot {text}"
        )
        message = await api.push_message(asked, sender=sender, chat=group_chat())
    (call,) = await api.wait_for("sendMessage")
    answer = call.result
    assert answer["chat"]["id"] == message["chat"]["id"]
    if surface != "private":
        assert answer["reply_to_message"]["message_id"] == message["message_id"]
    assert answer["text"] != SOMETHING_WENT_WRONG
    assert utf16_len(answer["text"]) <= 4096
    assert not user_entities(answer), answer["entities"]


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(surface=st.sampled_from(SURFACES), text=deliverable)
@example(surface="private", text=LONG)
@example(surface="group_ask", text=LONG)
@example(surface="inline", text=LONG)
@example(surface="private", text="\u202e" * 5000 + "Varga")
@example(surface="group_mention", text='<a href="https://evil.example">Varga</a> 2009')
@example(surface="private", text="Varga\x00\x1b[31m 2009 ' OR 1=1; -- & <i>")
@example(surface="inline", text='NEAR("Varga" "2009", 1) AND text:* ^ {x}')
async def test_any_text_gets_a_valid_escaped_reply(hostile_bot, surface, text):
    await reply_to(hostile_bot, surface, text)
    assert not hostile_bot.api.unexpected_errors()


async def test_every_question_got_exactly_one_reply(hostile_bot):
    """Runs after the generated examples (same bot): no update was answered twice."""
    api = hostile_bot.api
    messages = [c for c in api.calls_to("sendMessage") if c.ok]
    inline = [c for c in api.calls_to("answerInlineQuery") if c.ok]
    assert len(messages) + len(inline) == api.last_update_id
