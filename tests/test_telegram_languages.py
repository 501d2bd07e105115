"""The bot in the user's language: Russian for `language_code: ru`, English for everyone else,
/language to switch (kept across restarts), and no English word in a Russian reply outside
what the chronology itself says."""

from __future__ import annotations

import asyncio
import re
import signal

import pytest
import pytest_asyncio
import yaml

from bot.engine import Engine
from bot.index import ensure_index
from bot.telegram.languages import LanguageStore
from tests.conftest import BOT_DATA
from tests.fakebotapi import FakeBotAPI, buttons_of, group_chat, user
from tests.test_telegram_serve import chronobot_serve, serve_env

IVAN = {**user(3001, "Иван", "ivan"), "language_code": "ru"}
HANS = {**user(3002, "Hans", "hans"), "language_code": "de"}


def plain(text: str) -> str:
    return text.replace("\u202f", " ").replace("\xa0", " ")


@pytest_asyncio.fixture
async def bot_ru(bot_factory, tmp_path):
    """A bot whose language choices go to `tmp_path` (beside its own index path)."""
    return await bot_factory(settings={"db_path": tmp_path / "index.sqlite"})


async def say(bot, text: str, sender: dict = IVAN, **kwargs) -> dict:
    await bot.api.push_message(text, sender=sender, **kwargs)
    (answer,) = await bot.api.wait_for("sendMessage")
    return answer.result


@pytest.mark.asyncio
async def test_russian_user_gets_russian_start_help_answers_and_buttons(bot_ru):
    start = await say(bot_ru, "/start")
    assert "Я отвечаю на вопросы по этой хронологии: 11 записей за 2001–2012 гг." in plain(
        start["text"]
    )
    assert "между 2001 и 2006" in buttons_of(start)

    help_text = await say(bot_ru, "/help")
    assert help_text["text"].startswith("Как спрашивать")
    assert "/person ИМЯ — Всё об одном человеке" in help_text["text"]

    answer = plain((await say(bot_ru, "Okafor"))["text"])
    assert answer.startswith("Grace Okafor · 1 запись\n\n2 сентября 2008 г.\n")
    assert "Okafor presented the lighthouse design" in answer  # the entry stays as written
    assert "· запись okafor-2008-09-02" in answer
    assert set(buttons_of(await say(bot_ru, "Okafor"))) == {
        "Ещё: Grace Okafor",
        "Тот же год (2008)",
    }
    varga = await say(bot_ru, "Varga")
    assert "Лента времени" in buttons_of(varga)
    assert plain(varga["text"]).startswith("Ada Varga · 7 записей (показаны 1–5)")


@pytest.mark.asyncio
async def test_russian_notices_and_inline_titles(bot_ru):
    nearest = plain((await say(bot_ru, "Okafor 2001"))["text"])
    assert nearest.startswith("Grace Okafor: нет записей за 2001 г.; ближайшие: 2 сентября 2008 г.")
    unknown = (await say(bot_ru, "Merkel"))["text"]
    assert "нет человека по имени «Merkel»" in unknown

    await bot_ru.api.push_inline("Varga 2009", sender=IVAN)
    (call,) = await bot_ru.api.wait_for("answerInlineQuery")
    assert plain(call.params["results"][0]["title"]) == "11 апреля 2009 г. — Ada Varga"
    assert call.params["button"]["text"] == "Как меня спрашивать"
    assert call.params["is_personal"] is True  # never another user's language from the cache


@pytest.mark.asyncio
async def test_german_user_and_user_without_language_get_english(bot_ru):
    assert (await say(bot_ru, "Okafor", sender=HANS))["text"].startswith("Grace Okafor · 1 entry")
    assert (await say(bot_ru, "/help", sender=user(3003)))["text"].startswith("How to ask")


@pytest.mark.asyncio
async def test_language_command_and_buttons_switch_and_are_kept(bot_ru, tmp_path):
    store_path = tmp_path / "languages.sqlite"
    assert not store_path.exists()  # nothing is kept about anyone before a choice
    choice = await say(bot_ru, "/language")
    assert choice["text"] == "Я отвечаю вам по-русски. Выберите язык ответов:"
    assert buttons_of(choice) == {"English": "g0|en", "✓ Русский": "g0|ru"}

    await bot_ru.api.push_callback(choice, "g0|en", sender=IVAN)
    (edited,) = await bot_ru.api.wait_for("editMessageText")
    assert edited.result["text"].startswith("From now on I answer you in English.")
    assert (await say(bot_ru, "Okafor"))["text"].startswith("Grace Okafor · 1 entry")
    assert LanguageStore(store_path).chosen(IVAN["id"]) == "en"

    switched = await say(bot_ru, "/language ru", sender=HANS)
    assert switched["text"].startswith("Теперь я отвечаю вам по-русски.")
    assert (await say(bot_ru, "/language xx", sender=HANS))["text"].startswith(
        "Языка «xx» я не знаю."
    )


def test_language_store_is_bounded_and_keeps_the_latest_choices(tmp_path):
    store = LanguageStore(tmp_path / "languages.sqlite", capacity=3)
    assert store.chosen(1) is None and not store.path.exists()
    for user_id in range(1, 6):
        store.choose(user_id, "ru")
    store.choose(4, "en")
    assert len(store) == 3
    assert [store.chosen(i) for i in range(1, 6)] == [None, None, "ru", "en", "ru"]


@pytest.mark.asyncio
async def test_language_choice_survives_a_restart_of_chronobot_serve(tmp_path):
    async with FakeBotAPI() as api:
        env = serve_env(api, tmp_path)
        for run in range(2):
            async with chronobot_serve(env, tmp_path / f"serve{run}.log") as process:
                # Four menus: private chats and groups, in English and in Russian.
                await api.wait_for("setMyCommands", count=4, timeout=30)
                if run == 0:
                    await api.push_message("/language en", sender=IVAN)
                    (switched,) = await api.wait_for("sendMessage", timeout=30)
                    assert switched.result["text"].startswith("From now on I answer you in")
                await api.push_message("Varga 2009", sender=IVAN)
                (answer,) = await api.wait_for("sendMessage", timeout=30)
                assert answer.result["text"].startswith("Ada Varga · 2009 · 1 entry")
                process.send_signal(signal.SIGTERM)
                assert await asyncio.wait_for(process.wait(), 30) == 0
        assert (tmp_path / "languages.sqlite").exists()


# --- nothing English in a Russian reply ------------------------------------------------------


def chronology_words() -> set[str]:
    """Everything the chronology itself says (names, texts, sources...): it stays as written."""
    data = yaml.safe_load(BOT_DATA.read_text())
    said = [data["chronology"]["title"], data["chronology"]["publisher"]]
    for person in data["people"].values():
        said += [person["name"], person.get("description", ""), *person.get("aliases", [])]
    for event in data["events"]:
        said += [event["id"], event["text"], event.get("note", "")]
        said += event.get("cites", []) + event.get("places", []) + event.get("tags", [])
    return {word for text in said for word in re.findall(r"[A-Za-z]+", text)}


def latin_outside_data(text: str, allowed: set[str]) -> set[str]:
    """Latin words of `text` that are not the chronology's, a command, a mention, a URL or a
    word the user typed (quoted «…»)."""
    text = re.sub(r"«[^»]*»|https?://\S+|[/@]\w+|\ben\|ru\b|\bEnglish\b", " ", text)
    return {word for word in re.findall(r"[A-Za-z]{2,}", text) if word not in allowed}


RUSSIAN_SESSION = [
    "/start", "/help", "/about", "/people", "/entry varga-2003", "/entry nothing-here", "/entry",
    "/ask", "/person Varga", "/person Nobodyhere", "/year 2009", "/year", "/date март 2010",
    "/date someday", "/language", "/language xx", "/frobnicate", "Varga", "Okafor", "Okafor 2001",
    "Merkel", "Varga Okafor", "lighthouse breakwater", "lighthuose", "zzzqxv", "09.07.2007",
    "маяк", "Varga 1999", "?",
]  # fmt: skip


@pytest.mark.asyncio
async def test_no_english_leaks_into_russian_replies(bot_ru):
    allowed = chronology_words()
    leaks: dict[str, set[str]] = {}
    for text in RUSSIAN_SESSION:
        reply = await say(bot_ru, text)
        found = latin_outside_data(reply["text"], allowed)
        found |= {w for label in buttons_of(reply) for w in latin_outside_data(label, allowed)}
        if found:
            leaks[text] = found
    await bot_ru.api.push_sticker(sender=IVAN)
    (hint,) = await bot_ru.api.wait_for("sendMessage")
    assert not latin_outside_data(hint.result["text"], allowed)
    await bot_ru.api.push_message("@ChronoTestBot", chat=group_chat(), sender=IVAN)
    (mention,) = await bot_ru.api.wait_for("sendMessage")
    assert not latin_outside_data(mention.result["text"], allowed)
    assert not leaks, leaks


@pytest.mark.asyncio
async def test_russian_timeline_caption_and_reload_report(bot_factory, tmp_path):
    data = tmp_path / "events.yaml"
    data.write_bytes(BOT_DATA.read_bytes())
    settings = {"admins": frozenset({IVAN["id"]}), "data_path": data, "db_path": tmp_path / "i"}
    # Its own engine: the reload closes the engine it replaces, which must not be the one
    # the other tests of the session share.
    engine = Engine.open(ensure_index(data, tmp_path / "i"))
    bot = await bot_factory(settings=settings, engine=engine)
    allowed = chronology_words()

    await bot.api.push_message("/timeline Varga", sender=IVAN)
    (photo,) = await bot.api.wait_for("sendPhoto", timeout=30)
    caption = plain(photo.params["caption"]).replace("<b>", "").replace("</b>", "")
    assert "7 записей · 3 человека · 2001–2012 гг. · The Harbour Chronicle" in caption
    assert not latin_outside_data(caption, allowed)

    await bot.api.push_message("/reload", sender=IVAN)
    (started,) = await bot.api.wait_for("sendMessage", timeout=30)
    assert started.result["text"] == "Перезагружаю events.yaml…"
    (report,) = await bot.api.wait_for("editMessageText", timeout=60)
    assert report.result["text"].startswith("events.yaml перезагружен: 11 записей, 4 человека")
    assert not latin_outside_data(report.result["text"].replace("events.yaml", ""), allowed)
