"""Sending an answer, or editing the earlier one when the question was edited."""

from __future__ import annotations

import logging

from telegram import Bot, Chat, Message, ReplyParameters, Update
from telegram.constants import ChatType
from telegram.error import BadRequest
from telegram.ext import ContextTypes

from bot.telegram.state import Limits, get_state
from bot.telegram.views import Reply, question_view

logger = logging.getLogger(__name__)


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


async def deliver(update: Update, context: ContextTypes.DEFAULT_TYPE, reply: Reply) -> None:
    """Answer the update's message with `reply`; for an edited question, edit the answer."""
    message = update.effective_message
    if message is None:
        return
    replies = get_state(context).replies
    if update.edited_message is not None:
        earlier = replies.reply_to(message.chat_id, message.message_id)
        if earlier is not None and await edit_answer(context.bot, message.chat_id, earlier, reply):
            return
    in_group = message.chat.type != ChatType.PRIVATE
    sent = await send_reply(message, reply, quote=in_group)
    replies.remember(message.chat_id, message.message_id, sent.message_id)


async def answer_question(
    update: Update,
    context: ContextTypes.DEFAULT_TYPE,
    question: str,
    *,
    person: bool = False,
    date: bool = False,
) -> None:
    """Ask the engine and deliver the first page of its answer."""
    state = get_state(context)
    chat = update.effective_chat
    assert chat is not None  # message updates always have a chat
    page = page_size(chat, state.limits)
    reply = question_view(state.engine, question, page=page, person=person, date=date)
    await deliver(update, context, reply)
