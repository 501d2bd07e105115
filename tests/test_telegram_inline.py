"""Inline mode: `@bot <question>` answered with cited entries, paged with next_offset."""

from __future__ import annotations

import pytest

from bot.telegram.app import Limits
from bot.telegram.texts import SOMETHING_WENT_WRONG

pytestmark = pytest.mark.asyncio

VARGA = [
    "varga-2001-03-14",
    "varga-2003",
    "varga-2006-spring",
    "varga-2007-01-20",
    "varga-2009-04-11",
    "varga-2010-11-05",
    "varga-2012-12-31",
]


async def inline(bot, query: str, offset: str = "") -> dict:
    """Type `@bot query`; return the parameters of the bot's answerInlineQuery."""
    query_id = await bot.api.push_inline(query, offset=offset)
    (call,) = await bot.api.wait_for("answerInlineQuery")
    assert call.params["inline_query_id"] == query_id
    return call.params


async def test_person_query_lists_their_entries_as_cited_articles(bot):
    answer = await inline(bot, "Varga")
    results = answer["results"]
    assert [r["id"] for r in results] == VARGA  # result id = entry id
    first = results[0]
    assert first["type"] == "article"
    assert first["title"] == "March 14, 2001 — Ada Varga"
    assert first["description"].startswith("Varga proposed dredging the north channel")
    content = first["input_message_content"]
    assert content["parse_mode"] == "HTML"
    assert content["message_text"].startswith("<b>March 14, 2001</b>\n")
    assert "entry varga-2001-03-14" in content["message_text"]
    assert "next_offset" not in answer  # no more pages
    assert answer["cache_time"] == 60


async def test_date_query_lists_that_year(bot):
    answer = await inline(bot, "2010")
    assert [r["id"] for r in answer["results"]] == ["lind-2010-08", "varga-2010-11-05"]


async def test_person_and_year(bot):
    answer = await inline(bot, "Varga 2007")
    assert [r["id"] for r in answer["results"]] == ["varga-2007-01-20"]


async def test_empty_query_offers_help_and_the_latest_entries(bot):
    answer = await inline(bot, "")
    assert answer["button"] == {"text": "How to ask me", "start_parameter": "inline-help"}
    ids = [r["id"] for r in answer["results"]]
    assert ids[:3] == ["varga-2012-12-31", "petrov-2011-02-28", "varga-2010-11-05"]
    assert len(ids) == 11


async def test_query_without_match_answers_no_results_and_the_help_button(bot):
    answer = await inline(bot, "asteroid")
    assert answer["results"] == []
    assert answer["button"]["start_parameter"] == "inline-help"


async def test_pages_follow_next_offset(bot_factory):
    bot = await bot_factory(limits=Limits(inline_page=3))
    pages = [await inline(bot, "Varga")]
    while pages[-1].get("next_offset"):
        pages.append(await inline(bot, "Varga", offset=pages[-1]["next_offset"]))
    assert [p.get("next_offset", "") for p in pages] == ["3", "6", ""]
    assert [r["id"] for p in pages for r in p["results"]] == VARGA
    assert "button" in pages[0] and "button" not in pages[1]


async def test_hostile_inline_query_is_answered(bot):
    answer = await inline(bot, "<script>&amp; Varga 2009 👍🏽")
    assert [r["id"] for r in answer["results"]] == ["varga-2009-04-11"]


async def test_too_late_answer_is_dropped_and_the_bot_keeps_serving(bot_factory):
    bot = await bot_factory(answer_deadline=0.0)  # every inline answer arrives too late
    bot.api.expected_errors.append("query is too old")
    await bot.api.push_inline("Varga")
    _, answer = await bot.ask("Okafor")  # handled after the inline query
    assert "okafor-2008-09-02" in answer.result["text"]
    assert [c.status for c in bot.api.calls_to("answerInlineQuery")] == [400]
    assert all(c.result["text"] != SOMETHING_WENT_WRONG for c in bot.api.calls_to("sendMessage"))


async def test_a_repeated_query_is_answered_from_memory_until_a_reload(bot, bot_index, monkeypatch):
    from bot.engine import Engine

    asked: list[str] = []
    ask = Engine.ask

    def counted(self, question, **kwargs):
        asked.append(question)
        return ask(self, question, **kwargs)

    monkeypatch.setattr(Engine, "ask", counted)
    first = await inline(bot, "Varga")
    again = await inline(bot, "Varga")
    assert again["results"] == first["results"] and asked == ["Varga"]
    await inline(bot, "Varga", offset="3")  # another page is another answer
    assert asked == ["Varga", "Varga"]
    reloaded = Engine.open(bot_index)  # a reload: another engine (the same index here)
    bot.holder.swap(reloaded)
    try:
        assert (await inline(bot, "Varga"))["results"] == first["results"]
        assert asked == ["Varga", "Varga", "Varga"]  # not from the old engine's memory
    finally:
        reloaded.close()


async def test_inline_memory_forgets_after_its_time_and_keeps_its_bounds(bot_engine, bot_index):
    from bot.engine import Engine
    from bot.telegram.inline import article
    from bot.telegram.memories import InlineMemory

    now = [0.0]
    memory = InlineMemory(ttl=60, answers=2, articles=2, clock=lambda: now[0]).use(bot_engine)
    entries = bot_engine.latest(3)
    made = [article(entry, bot_engine.source, ()) for entry in entries]
    for n, entry in enumerate(entries):
        memory.remember_article((entry.id,), made[n])
        memory.remember_answer(entry.id, ((made[n],), None))
    assert memory.article((entries[0].id,)) is None  # the oldest went first
    assert memory.article((entries[2].id,)) is made[2]
    now[0] = 59.0
    assert memory.answer(entries[2].id) == ((made[2],), None)
    now[0] = 60.0
    assert memory.answer(entries[2].id) is None  # older than its time to live
    other = Engine.open(bot_index)
    try:
        assert memory.use(other).article((entries[2].id,)) is None  # another engine's
    finally:
        other.close()
