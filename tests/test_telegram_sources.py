"""/sources in the bot: buttons limit a chat's questions to one chronology and back, over
real HTTP against the fake Bot API (issue 11)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.engine import Engine
from bot.index import ensure_index
from bot.telegram.app import EngineHolder
from bot.telegram.keyboards import ButtonData, Kind, pressed_source, source_key
from bot.telegram.languages import ChronologyStore, LanguageStore
from tests.conftest import BotFactory, RunningBot
from tests.fakebotapi import buttons_of, group_chat, user
from tests.test_chronologies import DIPLOMACY, LATER, SPACE

# A file name long enough that "name/id" exceeds Telegram's 64 bytes for callback data and
# inline result ids: buttons carry a short key, inline results a hash.
LONG = "later-additions-from-the-archive-of-the-history-club-scanned-in-2024"
ADMIN = user(1001, "Alice", "alice")  # the fake's default sender


@pytest.fixture
def directory(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    data.mkdir()
    (data / "space.yaml").write_text(SPACE, encoding="utf-8")
    (data / "diplomacy.yaml").write_text(DIPLOMACY, encoding="utf-8")
    (data / f"{LONG}.yaml").write_text(LATER, encoding="utf-8")
    return data


async def start(bot_factory: BotFactory, directory: Path, tmp_path: Path) -> RunningBot:
    db = tmp_path / "index.sqlite"
    holder = EngineHolder(Engine.open(ensure_index(directory, db)))
    settings = {"admins": frozenset({ADMIN["id"]}), "data_path": directory, "db_path": db}
    return await bot_factory(engine=holder, settings=settings)


async def press(bot: RunningBot, message: dict, data: str) -> dict:
    """Press a button with `data` under `message`; return the answer to the press."""
    query_id = await bot.api.push_callback(message, data)
    await bot.api.wait_for("answerCallbackQuery")
    return bot.api.callback_answers[query_id]


def cited(text: str) -> set[str]:
    """The chronologies whose entries an answer cites ("· entry space/lavrov-2009")."""
    return {part.split("/")[0] for part in text.split("· entry ")[1:]}


@pytest.mark.asyncio
async def test_sources_buttons_limit_the_chats_questions_and_clear_it(
    bot_factory: BotFactory, directory: Path, tmp_path: Path
) -> None:
    bot = await start(bot_factory, directory, tmp_path)
    _, listed = await bot.ask("/sources")
    text = listed.result["text"]
    assert "This chat's questions are answered from all chronologies." in text
    space = f"s3|{source_key('space')}"
    assert buttons_of(listed.result) == {
        "Only diplomacy": f"s1|{source_key('diplomacy')}",
        "Only later-additions-from-the-archiv…": f"s2|{source_key(LONG)}",
        "Only space": space,
        "✓ All chronologies": "s0|",
    }

    assert (await press(bot, listed.result, space)).get("text") is None
    (edited,) = await bot.api.wait_for("editMessageText")
    assert "This chat's questions are answered from “Space Offers” only." in edited.result["text"]
    assert "• ✓ Space Offers (space): 2 entries" in edited.result["text"]
    assert buttons_of(edited.result)["✓ Only space"] == space

    _, answer = await bot.ask("Lavrov")  # in both chronologies: only space's is shown
    assert cited(answer.result["text"]) == {"space"}
    assert "From the chronology “Space Offers” only." in answer.result["text"]
    await bot.api.push_message("/timeline Lavrov")
    (picture,) = await bot.api.wait_for("sendPhoto", timeout=30)
    assert "1 entry" in picture.result["caption"], picture.result["caption"]
    _, nothing = await bot.ask("Geneva")  # only diplomacy has it
    assert "No entry mentions “geneva”." in nothing.result["text"]
    assert "Other chronologies have entries that match." in nothing.result["text"]

    # Another chat (a group) keeps its own choice: every chronology.
    group = group_chat()
    await bot.api.push_message("/ask@ChronoTestBot Lavrov", chat=group)
    (in_group,) = await bot.api.wait_for("sendMessage")
    assert cited(in_group.result["text"]) == {"space", "diplomacy"}

    await press(bot, edited.result, "s0|")
    (cleared,) = await bot.api.wait_for("editMessageText")
    assert "answered from all chronologies" in cleared.result["text"]
    _, answer = await bot.ask("Lavrov")
    assert cited(answer.result["text"]) == {"space", "diplomacy"}
    assert "only." not in answer.result["text"]


@pytest.mark.asyncio
async def test_hostile_or_stale_source_buttons_choose_nothing(
    bot_factory: BotFactory, directory: Path, tmp_path: Path
) -> None:
    bot = await start(bot_factory, directory, tmp_path)
    _, listed = await bot.ask("/sources")
    for data in ("s3|00000000", "s9|" + source_key("space"), "s0|junk", "s9999999|", "s1|"):
        notice = await press(bot, listed.result, data)
        assert notice["text"] == "This button no longer works. Please ask again."
    _, answer = await bot.ask("Lavrov")
    assert cited(answer.result["text"]) == {"space", "diplomacy"}


def test_a_source_button_must_name_a_chronology_served_now() -> None:
    names = ("diplomacy", "space")
    key = source_key("space")
    assert pressed_source(ButtonData(Kind.SOURCE, 2, key), names) == (True, "space")
    assert pressed_source(ButtonData(Kind.SOURCE, 0, ""), names) == (True, None)
    assert pressed_source(ButtonData(Kind.SOURCE, 1, key), names) == (False, None)  # moved
    assert pressed_source(ButtonData(Kind.SOURCE, 2, key), ("diplomacy",)) == (False, None)


@pytest.mark.asyncio
async def test_a_choice_survives_a_reload_until_its_chronology_is_removed(
    bot_factory: BotFactory, directory: Path, tmp_path: Path
) -> None:
    bot = await start(bot_factory, directory, tmp_path)
    _, listed = await bot.ask("/sources")
    await press(bot, listed.result, f"s2|{source_key(LONG)}")
    await bot.api.wait_for("editMessageText")

    async def reload() -> None:
        await bot.api.push_message("/reload", sender=ADMIN)
        await bot.api.wait_for("sendMessage")  # "Reloading data…"
        await bot.api.wait_for("editMessageText", timeout=60)  # the reload's report

    (directory / "extra.yaml").write_text(DIPLOMACY, encoding="utf-8")
    await reload()  # the chosen chronology is still served: the choice holds
    _, answer = await bot.ask("Rogozin")
    assert cited(answer.result["text"]) == {LONG}

    (directory / f"{LONG}.yaml").unlink()
    await reload()
    await bot.api.push_message("Rogozin")
    dropped, answer = await bot.api.wait_for("sendMessage", count=2)
    assert dropped.result["text"] == (
        f"The chronology “{LONG}” chosen for this chat with /sources is no longer served: "
        "questions are answered from all chronologies again."
    )
    assert cited(answer.result["text"]) == {"space"}
    _, listed = await bot.ask("/sources")
    assert "answered from all chronologies" in listed.result["text"]


@pytest.mark.asyncio
async def test_inline_results_of_long_entry_ids_get_short_unique_ids(
    bot_factory: BotFactory, directory: Path, tmp_path: Path
) -> None:
    bot = await start(bot_factory, directory, tmp_path)
    await bot.api.push_inline("Rogozin")
    (call,) = await bot.api.wait_for("answerInlineQuery")
    ids = [result["id"] for result in call.params["results"]]
    assert len(ids) == 2 and len(set(ids)) == 2
    assert all(len(i.encode()) <= 64 for i in ids)
    assert "space/rogozin-2011" in ids  # ids that fit stay the entry's own


def test_chronology_choices_are_kept_per_chat_bounded_and_forgotten(tmp_path: Path) -> None:
    store = ChronologyStore(tmp_path / "languages.sqlite", capacity=2)
    store.choose(7, None)  # clearing what was never chosen writes nothing
    assert not store.path.exists()
    for chat_id in (1, 2, 3):
        store.choose(chat_id, "space")
    assert len(store) == 2 and store.chosen(1) is None and store.chosen(3) == "space"
    assert store.resolve(3, ("space", "diplomacy")) == ("space", None)
    assert store.resolve(3, ("diplomacy",)) == (None, "space")  # removed: forgotten, said once
    assert store.resolve(3, ("diplomacy",)) == (None, None)
    languages = LanguageStore(store.path)
    languages.choose(3, "ru")  # the same file, another table
    assert languages.chosen(3) == "ru" and store.chosen(2) == "space"
