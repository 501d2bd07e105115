"""What goes wrong, and the log: the global error handler, and log lines that never show the
bot token or the webhook secret."""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterable

from telegram import ReplyParameters, Update
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError
from telegram.ext import ContextTypes

from bot.telegram.state import get_state
from bot.telegram.texts import SOMETHING_WENT_WRONG

logger = logging.getLogger(__name__)

# --- errors: log (never the token), tell the user, keep serving ------------------------


def describe(update: object) -> str:
    """Which update failed, without its text (user messages stay out of the log)."""
    if not isinstance(update, Update):
        return "outside any update"
    kind = next((k for k in Update.ALL_TYPES if getattr(update, k, None) is not None), "update")
    chat = update.effective_chat
    return f"update {update.update_id} ({kind}{f', chat {chat.id}' if chat else ''})"


async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    error = context.error
    if isinstance(error, BadRequest) and "message is not modified" in error.message.lower():
        return
    if isinstance(error, (NetworkError, RetryAfter, Forbidden)):
        # Telegram or the network had a bad moment (or the user blocked the bot): no traceback.
        logger.warning("Telegram API error on %s: %s", describe(update), error)
    else:
        logger.error("Failed to handle %s", describe(update), exc_info=error)
    if not isinstance(update, Update):
        return
    # A failed button press was answered with the apology already (button_pressed always
    # answers); a blocked bot cannot write; an inline query has no chat to write to.
    if update.callback_query or isinstance(error, Forbidden) or update.effective_chat is None:
        return
    message = update.effective_message
    quote = (
        ReplyParameters(message.message_id, allow_sending_without_reply=True) if message else None
    )
    try:
        words = get_state(context).words(update)
        await context.bot.send_message(
            update.effective_chat.id, words._(SOMETHING_WENT_WRONG), reply_parameters=quote
        )
    except TelegramError as send_error:
        logger.warning(
            "Could not tell chat %s about the error: %s", update.effective_chat.id, send_error
        )


# --- logging ---------------------------------------------------------------------------
# The HTTP client logs request URLs, and Telegram's URLs contain the token
# (`.../bot<token>/getUpdates`); PTB also logs request parameters (the webhook secret) at
# DEBUG and puts the token into the text of `InvalidToken`. So every handler gets a filter
# that redacts the secrets from the final message and from tracebacks, and the HTTP client's
# loggers are kept at WARNING.

REDACTED = "[REDACTED]"
NOISY_LOGGERS = ("httpx", "httpcore")  # one line per request, URL included


def _variants(secret: str) -> tuple[str, ...]:
    # URLs may carry the token percent-encoded (':' -> '%3A').
    return tuple({secret, secret.replace(":", "%3A"), secret.replace(":", "%3a")})


class RedactingFilter(logging.Filter):
    """Replaces every secret in a record's message and traceback with [REDACTED]."""

    def __init__(self, secrets: Iterable[str | None]):
        super().__init__()
        self.secrets = tuple(
            sorted({v for s in secrets if s for v in _variants(s)}, key=len, reverse=True)
        )

    def redact(self, text: str) -> str:
        for secret in self.secrets:
            text = text.replace(secret, REDACTED)
        return text

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg, record.args = self.redact(record.getMessage()), None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = self.redact(record.exc_text)
        if record.stack_info:
            record.stack_info = self.redact(record.stack_info)
        return True


def redact(text: str, secrets: Iterable[str | None]) -> str:
    """`text` with the secrets replaced: for messages printed outside logging."""
    return RedactingFilter(secrets).redact(text)


def install_redaction(secrets: Iterable[str | None], logger: logging.Logger | None = None) -> None:
    """Add a RedactingFilter to every handler of `logger` (default: the root logger)."""
    log_filter = RedactingFilter(secrets)
    for handler in (logger or logging.getLogger()).handlers:
        handler.addFilter(log_filter)


def configure_logging(level: int | str, secrets: Iterable[str | None]) -> None:
    """Log to stderr at `level` (unless logging is set up already), never showing `secrets`."""
    root = logging.getLogger()
    if not root.handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        root.addHandler(handler)
    root.setLevel(level)
    install_redaction(secrets, root)
    for name in NOISY_LOGGERS:
        logging.getLogger(name).setLevel(logging.WARNING)
