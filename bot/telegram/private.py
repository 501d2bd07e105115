"""Private chats: any text is a question; an unknown command or a sticker gets a hint.

Commands are in `commands.py` (they work in every chat); what a message shows is built in
`views.py`. Entries the user shared through inline mode come back "via" the bot and are not
questions (`app.py` filters them out).
"""

from __future__ import annotations

from telegram import Update
from telegram.ext import ContextTypes

from bot.telegram import texts
from bot.telegram.delivery import answer_question, deliver
from bot.telegram.pictures import send_asked_timeline
from bot.telegram.state import get_state
from bot.telegram.views import Reply


async def private_question(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Any text in a private chat is a question, read as a follow-up of the chat's last one
    (bot.conversation) when that was asked less than `Limits.thread_seconds` ago.

    An edited question is read against what it followed when first asked, if it is the
    chat's last question; an earlier question, edited, is answered on its own and leaves the
    thread alone: a later answer is never silently re-read.
    """
    message = update.effective_message
    if message is None or not (question := (message.text or "").strip()):
        return
    threads = get_state(context).threads
    last = threads.last(message.chat_id)
    is_last = last is not None and last.question_id == message.message_id
    if update.edited_message is not None:
        after = last.after if last is not None and is_last else None
    else:
        after = last.context if last is not None else None
    if await send_asked_timeline(update, context, question, after):
        return
    reply = await answer_question(update, context, question, after=after)
    follows_on = update.edited_message is None or is_last
    if follows_on and reply.thread is not None and reply.shown_in is not None:
        threads.remember(message.chat_id, message.message_id, reply.shown_in, after, reply.thread)


async def unknown_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    words = get_state(context).words(update)
    await deliver(update, context, Reply(words._(texts.UNKNOWN_COMMAND)))


async def not_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Stickers, photos and the like: one short hint."""
    words = get_state(context).words(update)
    await deliver(update, context, Reply(words._(texts.NOT_TEXT)))
