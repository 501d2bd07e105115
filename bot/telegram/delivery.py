"""How a reply reaches the chat: sent as a new message (quoting the question in groups), or,
when the question was edited, edited into the answer the bot gave before.

Kept apart from `views` (what a message shows) so that views stay pure functions of the
engine and the request, testable without a Bot; `answer_question` is the one path from a
question in an update to its delivered first page.
"""

from __future__ import annotations

import contextlib
from dataclasses import replace
from typing import Any

from telegram import (
    Bot,
    Chat,
    Message,
    ReplyParameters,
    Update,
)
from telegram.constants import ChatType
from telegram.error import BadRequest
from telegram.ext import ContextTypes

from bot.context import Context
from bot.telegram import texts
from bot.telegram.state import Limits, get_state
from bot.telegram.views import Reply, link_for, question_view
from bot.telegram.worker import WorkerGone


def page_size(chat: Chat, limits: Limits) -> int:
    """Entries per answer message: groups get shorter answers."""
    return limits.private_page if chat.type == ChatType.PRIVATE else limits.group_page


def is_not_modified(error: BadRequest) -> bool:
    """Telegram refuses an edit that changes nothing: harmless (e.g. a double tap on ▶)."""
    return "message is not modified" in error.message.lower()


async def edit_answer(bot: Bot, chat_id: int, message_id: int, reply: Reply) -> bool:
    """Replace a message of the bot with `reply`; False when the message is gone."""
    try:
        await bot.edit_message_text(
            reply.html, chat_id=chat_id, message_id=message_id, reply_markup=reply.markup
        )
    except BadRequest as error:
        if is_not_modified(error):
            return True
        if "message to edit not found" in error.message.lower():
            return False
        raise
    return True


async def send_reply(message: Message, reply: Reply, *, quote: bool) -> Message:
    """Send `reply` in the chat of `message`, quoting it if asked (and if it still exists)."""
    if quote or reply.quote:
        return await message.reply_html(
            reply.html,
            reply_markup=reply.markup,
            reply_parameters=ReplyParameters(message.message_id, allow_sending_without_reply=True),
        )
    return await message.reply_html(reply.html, reply_markup=reply.markup, do_quote=False)


async def deliver(update: Update, context: ContextTypes.DEFAULT_TYPE, reply: Reply) -> int | None:
    """Answer the update's message with `reply`; for an edited question, edit the answer.
    Returns the id of the bot's message that shows the reply."""
    message = update.effective_message
    if message is None:
        return None
    replies = get_state(context).replies
    if update.edited_message is not None:
        earlier = replies.reply_to(message.chat_id, message.message_id)
        if earlier is not None and await edit_answer(context.bot, message.chat_id, earlier, reply):
            return earlier
    in_group = message.chat.type != ChatType.PRIVATE
    sent = await send_reply(message, reply, quote=in_group)
    replies.remember(message.chat_id, message.message_id, sent.message_id)
    return sent.message_id


async def answer_question(
    update: Update,
    context: ContextTypes.DEFAULT_TYPE,
    question: str,
    *,
    person: bool = False,
    date: bool = False,
    after: Context | None = None,
) -> Reply:
    """Ask the engine (after the previous question's `after`, if any) and deliver the first
    page of its answer; returns the reply, with the id of the message showing it."""
    state = get_state(context)
    chat = update.effective_chat
    assert chat is not None  # message updates always have a chat
    words = state.words(update)
    engine = state.engine
    chronology, dropped = state.chronology_of(chat.id)
    options: dict[str, Any] = {
        "page": page_size(chat, state.limits),
        "person": person,
        "date": date,
        "after": after,
        "link": link_for(chat, context.bot),
        "chronology": chronology,
    }
    reply = None
    if state.worker is not None:  # worked out in the child, for the engine read above
        with contextlib.suppress(WorkerGone):
            reply = await state.worker.run(engine, "question", question, words.code, **options)
        if reply is None:  # the child ended: answered here, from the engine current now (a
            # reload meanwhile closed the one it was asked for, may have removed the chronology)
            engine = state.engine
            options["chronology"] = state.chronology_of(chat.id)[0]
    if reply is None:
        reply = question_view(engine, question, words=words, **options)
    message = update.effective_message
    if dropped is not None and message is not None:
        await send_reply(message, Reply(texts.chronology_dropped(words, dropped)), quote=False)
    shown = await deliver(update, context, reply)
    return replace(reply, shown_in=shown)
