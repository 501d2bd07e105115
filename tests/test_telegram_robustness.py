"""Start-up, Telegram's errors (429, 5xx, dropped connections), failing handlers, the token.

Faults are injected in the fake Bot API server; the bot must survive each and keep serving.
"""

from __future__ import annotations

import logging

import pytest

from bot.config import Config
from bot.telegram.app import ALLOWED_UPDATES, serve
from bot.telegram.errors import REDACTED, install_redaction
from bot.telegram.texts import SOMETHING_WENT_WRONG

pytestmark = pytest.mark.asyncio


async def test_command_menus_are_published_for_private_chats_and_groups(bot):
    private = [c["command"] for c in bot.api.commands["all_private_chats"]]
    groups = [c["command"] for c in bot.api.commands["all_group_chats"]]
    assert private == [
        "start", "help", "ask", "person", "year", "date", "people", "entry", "timeline", "about",
        "sources", "language",
    ]  # fmt: skip
    assert groups == [
        "help", "ask", "person", "year", "date", "entry", "timeline", "about", "sources",
    ]  # fmt: skip
    # The same menus in Russian, for users whose Telegram app is in Russian.
    russian = bot.api.commands["all_private_chats:ru"]
    assert [c["command"] for c in russian] == private
    assert russian[0]["description"] == "Что я знаю, с примерами вопросов"
    assert [c["command"] for c in bot.api.commands["all_group_chats:ru"]] == groups


async def test_polling_asks_only_for_the_updates_the_bot_handles(bot):
    await bot.ask("Okafor")
    polls = bot.api.calls_to("getUpdates")
    assert polls[-1].params["allowed_updates"] == ALLOWED_UPDATES
    assert set(ALLOWED_UPDATES) == {"message", "edited_message", "inline_query", "callback_query"}


async def test_too_many_requests_is_retried_after_the_delay_telegram_asks(bot):
    bot.api.fail("sendMessage", status=429, retry_after=1)
    _, answer = await bot.ask("Okafor")
    assert "okafor-2008-09-02" in answer.result["text"]
    assert [c.status for c in bot.api.calls_to("sendMessage")] == [429, 200]


async def test_server_error_on_sending_gets_an_apology_and_the_bot_keeps_serving(bot):
    bot.api.fail("sendMessage", status=500)
    _, apology = await bot.ask("Okafor")
    assert apology.result["text"] == SOMETHING_WENT_WRONG
    _, answer = await bot.ask("Varga 2009")
    assert "varga-2009-04-11" in answer.result["text"]


async def test_dropped_connection_on_sending_is_survived(bot):
    bot.api.drop("sendMessage")
    _, apology = await bot.ask("Okafor")
    assert apology.result["text"] == SOMETHING_WENT_WRONG
    assert bot.api.calls_to("sendMessage")[0].description == "dropped"


@pytest.mark.parametrize("fault", ["drop", "500"])
async def test_polling_recovers_from_a_failed_getupdates(bot, fault):
    if fault == "drop":
        bot.api.drop("getUpdates")
    else:
        bot.api.fail("getUpdates", status=500)
    await bot.ask("Okafor")  # delivered by the poll already waiting; the next poll fails
    _, answer = await bot.ask("Varga 2009")
    assert "varga-2009-04-11" in answer.result["text"]
    assert any(not c.ok for c in bot.api.calls_to("getUpdates"))


class BrokenEngine:
    """An engine whose every call fails, as a bug or a corrupt index would."""

    def __getattr__(self, name: str):
        def fail(*args, **kwargs):
            raise RuntimeError("the index is unreadable")

        return fail


async def test_failing_handler_apologises_logs_and_keeps_serving(bot, caplog):
    caplog.set_level(logging.ERROR, logger="bot.telegram.errors")
    healthy = bot.holder.swap(BrokenEngine())
    _, apology = await bot.ask("Okafor")
    assert apology.result["text"] == SOMETHING_WENT_WRONG
    assert "Failed to handle update" in caplog.text
    assert "the index is unreadable" in caplog.text  # with the traceback

    bot.holder.swap(healthy)  # what a reload does: the next update uses the new engine
    _, answer = await bot.ask("Okafor")
    assert "okafor-2008-09-02" in answer.result["text"]


async def test_failing_button_still_answers_the_callback(bot):
    _, answer = await bot.ask("Varga")
    healthy = bot.holder.swap(BrokenEngine())
    await bot.api.push_callback(answer.result, "a5|Varga")
    (ack,) = await bot.api.wait_for("answerCallbackQuery")
    assert ack.params["text"] == SOMETHING_WENT_WRONG
    bot.holder.swap(healthy)


async def test_token_appears_in_no_log_line_at_debug(bot_factory, caplog, capsys):
    caplog.set_level(logging.DEBUG)
    install_redaction([bot_factory_token := "123456789:AAFakeTokenForTestsOnly_xyzXYZ0123456789"])
    bot = await bot_factory()
    assert bot.api.token == bot_factory_token
    bot.api.fail("sendMessage", status=429, retry_after=1)
    _, answer = await bot.ask("Varga")
    await bot.api.push_callback(answer.result, "a5|Varga")
    await bot.api.wait_for("editMessageText")
    await bot.api.push_inline("Okafor")
    await bot.api.wait_for("answerInlineQuery")
    try:
        raise RuntimeError(f"boom at {bot.api.base_url}/bot{bot.api.token}/getMe")
    except RuntimeError:
        logging.getLogger("bot.telegram").exception("URL %s failed", f"/bot{bot.api.token}/x")
    await bot.stop()

    # The HTTP client logged the URLs (with the token) at DEBUG/INFO: all of them redacted.
    assert any(
        "HTTP Request" in r.getMessage() and REDACTED in r.getMessage() for r in caplog.records
    )
    assert bot.api.token not in caplog.text
    for record in caplog.records:
        assert bot.api.token not in record.getMessage()
        assert bot.api.token not in (record.exc_text or "")
    captured = capsys.readouterr()
    assert bot.api.token not in captured.out + captured.err


async def test_serve_without_token_exits_2_with_one_line(capsys):
    assert serve(Config(token="")) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "TELEGRAM_BOT_TOKEN" in err
