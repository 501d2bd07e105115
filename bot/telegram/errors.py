"""The global error handler: log (never the token), tell the user, keep serving."""

from __future__ import annotations

import logging

from telegram import ReplyParameters, Update
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError
from telegram.ext import ContextTypes

from bot.telegram.texts import SOMETHING_WENT_WRONG

logger = logging.getLogger(__name__)


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
        await context.bot.send_message(
            update.effective_chat.id, SOMETHING_WENT_WRONG, reply_parameters=quote
        )
    except TelegramError as send_error:
        logger.warning(
            "Could not tell chat %s about the error: %s", update.effective_chat.id, send_error
        )
