"""The one wiring point of the Telegram bot: build the Application, and serve it.

`chronobot serve` calls `serve(config)`; tests and benchmarks call `build_application` and
drive the Application themselves. Every handler is registered in `register_handlers`, in
order: a new command only needs its line in `commands.COMMANDS`; a new surface or admin
command gets its handler added there.
"""

from __future__ import annotations

import gc
import logging
import secrets
import sys
from typing import Any
from urllib.parse import urlsplit

from telegram import LinkPreviewOptions, Update
from telegram.constants import ParseMode
from telegram.error import InvalidToken, TelegramError
from telegram.ext import (
    AIORateLimiter,
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    Defaults,
    InlineQueryHandler,
    MessageHandler,
    filters,
)

from bot.chronology import DataError
from bot.config import Config
from bot.engine import Engine
from bot.reload import Reloader, prepare_index, reload_on_sighup
from bot.telegram import buttons, group, inline, private
from bot.telegram.admin import RELOAD_KEY, ReloadAccess, reload_command
from bot.telegram.commands import COMMANDS, publish_commands
from bot.telegram.errors import configure_logging, on_error, redact
from bot.telegram.languages import LanguageStore
from bot.telegram.ordering import PerChatUpdateProcessor
from bot.telegram.state import STATE_KEY, BotState, EngineHolder, Limits
from bot.telegram.views import question_job
from bot.telegram.worker import AnswerWorker

__all__ = [
    "ALLOWED_UPDATES",
    "EngineHolder",
    "Limits",
    "application_builder",
    "build_application",
    "serve",
]

logger = logging.getLogger(__name__)

# Only what the bot handles: Telegram then does not even send the rest.
ALLOWED_UPDATES = [
    Update.MESSAGE,
    Update.EDITED_MESSAGE,
    Update.INLINE_QUERY,
    Update.CALLBACK_QUERY,
]
GATE = -1  # handler group of the checks that may stop an update before any feature sees it
HIDDEN = -2  # before the gate: commands that must not exist for most users (/reload)
# An update is a few kilobytes; tornado, under PTB's webhook server, would read 100 MB.
WEBHOOK_MAX_BODY = 1024 * 1024


async def _post_init(application: Application) -> None:
    # Before the first update: what the engine would load on its first questions.
    state = application.bot_data[STATE_KEY]
    state.engine.warm()
    settle_heap()
    if state.worker is not None:  # forked after warming: it shares the loaded code
        state.worker.start(state.engine)
    await publish_commands(application.bot)


async def _post_shutdown(application: Application) -> None:
    state = application.bot_data[STATE_KEY]
    if state.worker is not None:
        state.worker.stop()


def settle_heap() -> None:
    """Once started: what is loaded by now (modules, the warmed engine) lives as long as the
    process, so it is moved out of the garbage collector's sight (`gc.freeze`); its full
    collections then walk only what answers allocate, not the whole engine again and again."""
    gc.collect()
    gc.freeze()


async def _post_init_serving(application: Application) -> None:
    """`serve`'s post_init: also reload the data on SIGHUP, inside the serving event loop."""
    await _post_init(application)
    # As the application's own task, a reload is waited for when the bot stops: it ends
    # with the new index or the old one, and the admin gets the report.
    reload_on_sighup(application.bot_data[RELOAD_KEY].reloader, application.create_task)


def register_handlers(application: Application) -> None:
    """Every handler, in order. Within group 0 the first matching handler wins."""
    # /reload before anything else: for admins in private chats it reloads the data; for
    # everyone else it is swallowed before the rate gate or the unknown-command hint could
    # answer it. It is in no command menu.
    application.add_handler(CommandHandler("reload", reload_command), HIDDEN)
    # Gatekeeping first: a user flooding a group is stopped before any answer is worked out.
    application.add_handler(MessageHandler(filters.ChatType.GROUPS, group.rate_gate), GATE)
    # Commands, in every chat (edited commands included: their answer gets edited).
    for command in COMMANDS:
        application.add_handler(CommandHandler(command.name, command.handler))
    application.add_handler(CallbackQueryHandler(buttons.button_pressed))
    application.add_handler(InlineQueryHandler(inline.inline_query))
    # Private chats: any text is a question; an unknown command or a sticker gets a hint.
    # Entries the user shared through inline mode come back "via" the bot: not questions.
    private_chat = filters.ChatType.PRIVATE
    question = filters.TEXT & ~filters.COMMAND & ~filters.VIA_BOT
    application.add_handler(MessageHandler(private_chat & question, private.private_question))
    application.add_handler(MessageHandler(private_chat & filters.COMMAND, private.unknown_command))
    application.add_handler(
        MessageHandler(
            private_chat & filters.UpdateType.MESSAGE & ~filters.TEXT & ~filters.StatusUpdate.ALL,
            private.not_text,
        )
    )
    # Groups: only texts addressed to the bot are answered; the handler ignores the rest.
    application.add_handler(
        MessageHandler(filters.ChatType.GROUPS & question, group.group_question)
    )
    application.add_error_handler(on_error)


def application_builder(token: str, api_url: str, limits: Limits) -> ApplicationBuilder:
    """The stack under every chronobot Application (and the benchmark's echo bot): the Bot API
    root, HTML replies without link previews, Telegram's flood limits with retries on 429."""
    return (
        Application.builder()
        .token(token)
        .base_url(f"{api_url}/bot")
        .base_file_url(f"{api_url}/file/bot")
        .defaults(
            Defaults(
                parse_mode=ParseMode.HTML,
                link_preview_options=LinkPreviewOptions(is_disabled=True),
            )
        )
        .rate_limiter(
            AIORateLimiter(
                overall_max_rate=limits.overall_max_rate,
                group_max_rate=limits.group_max_rate,
                max_retries=limits.max_retries,
            )
        )
    )


def build_application(
    config: Config, engine: Engine | EngineHolder, *, limits: Limits | None = None
) -> Application:
    """The bot's Application for `config`, answering from `engine` (or the holder's engine)."""
    limits = limits or Limits()
    holder = engine if isinstance(engine, EngineHolder) else EngineHolder(engine)
    application = (
        application_builder(config.token, config.api_url, limits)
        .concurrent_updates(PerChatUpdateProcessor())
        .post_init(_post_init)
        .post_shutdown(_post_shutdown)
        .build()
    )
    worker = None
    if config.answer_worker:
        worker = AnswerWorker({"question": question_job, "inline": inline.inline_job})
    languages = LanguageStore(config.languages_path)
    application.bot_data[STATE_KEY] = BotState(holder, limits, languages, worker)
    reloader = Reloader(holder, config.data_path, config.index_path)
    application.bot_data[RELOAD_KEY] = ReloadAccess(reloader, config.admins)
    register_handlers(application)
    return application


def webhook_secret(config: Config) -> str:
    """The secret Telegram must send with every webhook request: configured, or random."""
    return config.webhook_secret or secrets.token_urlsafe(32)


def webhook_options(config: Config, secret: str) -> dict[str, Any]:
    """Arguments of `run_webhook` / `Updater.start_webhook` for `config`."""
    assert config.webhook_url
    return {
        "listen": config.listen,
        "port": config.port,
        "url_path": urlsplit(config.webhook_url).path.lstrip("/"),
        "webhook_url": config.webhook_url,
        "secret_token": secret,
        "allowed_updates": ALLOWED_UPDATES,
    }


def limit_webhook_requests(max_body: int = WEBHOOK_MAX_BODY) -> None:
    """Make the webhook server refuse bodies over `max_body` bytes (answered 400, unread).

    PTB does not expose tornado's limits; `configure` sets the defaults of every tornado
    HTTPServer in this process, and the webhook's is the only one.
    """
    from tornado.httpserver import HTTPServer

    HTTPServer.configure(None, max_body_size=max_body, body_timeout=10.0)


def _fail(message: str, secrets_: tuple[str | None, ...]) -> None:
    print(f"chronobot serve: {redact(message, secrets_)}", file=sys.stderr)


def serve(config: Config) -> int:
    """Run the bot until SIGINT/SIGTERM; return the exit status (2: no token, 1: failure)."""
    if not config.token:
        print(
            "chronobot serve: TELEGRAM_BOT_TOKEN is not set (create a bot with @BotFather)",
            file=sys.stderr,
        )
        return 2
    secret = webhook_secret(config) if config.webhook_url else None
    hidden = (config.token, secret)
    configure_logging(config.log_level or "INFO", hidden)
    try:
        # In a child process: a big build would leave this long-running process large.
        db_path = prepare_index(config.data_path, config.index_path)
        holder = EngineHolder(Engine.open(str(db_path)))
    except DataError as error:
        _fail(f"invalid data, not starting:\n{error}", hidden)
        return 1
    except OSError as error:
        _fail(f"cannot read the data or write the index: {error}", hidden)
        return 1
    application = build_application(config, holder)
    # run_polling/run_webhook call post_init inside the loop they serve with: SIGHUP gets its
    # handler there. Tests drive the Application themselves and install none.
    application.post_init = _post_init_serving
    try:
        if config.webhook_url:
            logger.info("Serving by webhook on %s:%s", config.listen, config.port)
            limit_webhook_requests()
            application.run_webhook(**webhook_options(config, secret or ""))
        else:
            logger.info("Serving by long polling")
            application.run_polling(allowed_updates=ALLOWED_UPDATES)
    except InvalidToken:
        _fail("Telegram rejected the token (check TELEGRAM_BOT_TOKEN)", hidden)
        return 1
    except TelegramError as error:
        _fail(f"cannot talk to the Bot API at {config.api_url}: {error}", hidden)
        return 1
    finally:
        holder.engine.close()
        application.bot_data[STATE_KEY].languages.close()
        application.bot_data[STATE_KEY].chronologies.close()
    logger.info("Stopped")
    return 0
