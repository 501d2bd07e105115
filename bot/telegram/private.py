"""Private chats: any text is a question; an unknown command or a sticker gets a hint.

Commands are in `commands.py` (they work in every chat); what a message shows is built in
`views.py`. Entries the user shared through inline mode come back "via" the bot and are not
questions (`app.py` filters them out).
"""

from __future__ import annotations

from telegram import Update
from telegram.ext import ContextTypes

from bot.telegram import texts
from bot.telegram.runtime import get_state
from bot.telegram.views import Reply, answer_question, deliver


async def private_question(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Any text in a private chat is a question."""
    message = update.effective_message
    if message is not None and (question := (message.text or "").strip()):
        await answer_question(update, context, question)


async def unknown_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    words = get_state(context).words(update)
    await deliver(update, context, Reply(words._(texts.UNKNOWN_COMMAND)))


async def not_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Stickers, photos and the like: one short hint."""
    words = get_state(context).words(update)
    await deliver(update, context, Reply(words._(texts.NOT_TEXT)))
