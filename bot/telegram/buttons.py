"""Button presses: ◀ ▶ pages, "more by this person", "same year", examples, timelines.

Every press is answered (Telegram shows a spinner until then), also when the button is
stale or the page did not change. A button is made in `views.py` (its `Kind`, its row in a
keyboard); what pressing it does is decided here, in `_apply`.
"""

from __future__ import annotations

import logging

from telegram import CallbackQuery, Message, Update
from telegram.error import BadRequest
from telegram.ext import ContextTypes

from bot.telegram import texts, views
from bot.telegram.messages import leading_command, question_in
from bot.telegram.pictures import send_timeline
from bot.telegram.runtime import get_state, retry_once
from bot.telegram.views import ButtonData, Kind, Reply, decode, edit_answer, page_size, send_reply

logger = logging.getLogger(__name__)


async def button_pressed(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    query = update.callback_query
    if query is None:
        return
    notice: str | None = texts.SOMETHING_WENT_WRONG  # kept only if _apply raises
    try:
        notice = await _apply(query, context)
    finally:
        await _answer(query, notice)


async def _answer(query: CallbackQuery, notice: str | None) -> None:
    try:
        await retry_once(lambda: query.answer(notice), "answerCallbackQuery")
    except BadRequest as error:
        if "query is too old" not in error.message.lower():
            raise
        logger.info("Callback query %s answered too late", query.id)


async def _apply(query: CallbackQuery, context: ContextTypes.DEFAULT_TYPE) -> str | None:
    """Carry out the press; return a short notice for the user, or None."""
    data = decode(query.data)
    message = query.message
    if data is None or not isinstance(message, Message):
        return texts.BUTTON_EXPIRED  # not ours, or a message too old to be edited
    if data.kind is Kind.EXAMPLE:
        state = get_state(context)
        reply = views.question_view(
            state.engine, data.arg, page=page_size(message.chat, state.limits)
        )
        await send_reply(message, reply, quote=False)
        return None
    if data.kind is Kind.TIMELINE:
        question = data.arg
        if not question:  # too long for the button: the question the answer quotes
            original = message.reply_to_message
            if original is None or not original.text:
                return texts.QUESTION_GONE
            question = question_in(original, context.bot.username)
        await send_timeline(message, context, question)
        return None
    reply_or_notice = _page(data, message, context)
    if isinstance(reply_or_notice, str):
        return reply_or_notice
    await edit_answer(context.bot, message.chat_id, message.message_id, reply_or_notice)
    return None


def _page(data: ButtonData, message: Message, context: ContextTypes.DEFAULT_TYPE) -> Reply | str:
    """The new content of the message the button is under, or a notice why there is none."""
    state = get_state(context)
    engine, page = state.engine, page_size(message.chat, state.limits)
    match data.kind:
        case Kind.ASK | Kind.PERSON:
            return views.question_view(
                engine, data.arg, offset=data.offset, page=page, person=data.kind is Kind.PERSON
            )
        case Kind.REPLIED:
            original = message.reply_to_message
            if original is None or not original.text:
                return texts.QUESTION_GONE
            command = leading_command(original)
            question = question_in(original, context.bot.username)
            person = command is not None and command[0] == "person"
            return views.question_view(
                engine, question, offset=data.offset, page=page, person=person
            )
        case Kind.MORE_BY | Kind.SAME_YEAR:
            return views.search_view(engine, data, page=page) or texts.BUTTON_EXPIRED
        case Kind.PEOPLE:
            return views.people_view(engine, offset=data.offset)
    return texts.BUTTON_EXPIRED
