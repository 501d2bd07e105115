"""Button presses: ◀ ▶ pages, "more by", "same year", examples, timelines, languages,
the chronology a chat asks (/sources).

Every press is answered (Telegram shows a spinner until then), also when the button is
stale or the page did not change. A button is made in `keyboards.py` (its `Kind`, its row in a
keyboard); what pressing it does is decided here, in `_apply`.
"""

from __future__ import annotations

import logging

from telegram import CallbackQuery, Message, Update
from telegram.error import BadRequest
from telegram.ext import ContextTypes

from bot.telegram import texts, views
from bot.telegram.delivery import edit_answer, page_size, send_reply
from bot.telegram.keyboards import ButtonData, Kind, decode, pressed_source
from bot.telegram.messages import leading_command, question_in
from bot.telegram.ordering import retry_once
from bot.telegram.pictures import send_timeline
from bot.telegram.state import get_state
from bot.telegram.views import Reply
from bot.words import LANGUAGES, Words, words_for

logger = logging.getLogger(__name__)


async def button_pressed(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    query = update.callback_query
    if query is None:
        return
    words = get_state(context).words(update)
    notice: str | None = texts.SOMETHING_WENT_WRONG  # kept only if _apply raises
    try:
        notice = await _apply(query, context, words)
    finally:
        await _answer(query, words._(notice) if notice else None)


async def _answer(query: CallbackQuery, notice: str | None) -> None:
    try:
        await retry_once(lambda: query.answer(notice), "answerCallbackQuery")
    except BadRequest as error:
        if "query is too old" not in error.message.lower():
            raise
        logger.info("Callback query %s answered too late", query.id)


async def _apply(
    query: CallbackQuery, context: ContextTypes.DEFAULT_TYPE, words: Words
) -> str | None:
    """Carry out the press; return a short notice for the user (in English: the caller
    translates it), or None."""
    data = decode(query.data)
    message = query.message
    if data is None or not isinstance(message, Message):
        return texts.BUTTON_EXPIRED  # not ours, or a message too old to be edited
    if data.kind is Kind.EXAMPLE:
        state = get_state(context)
        page = page_size(message.chat, state.limits)
        chronology = state.chronology_of(message.chat_id)[0]
        reply = views.question_view(
            state.engine, data.arg, page=page, words=words, chronology=chronology
        )
        await send_reply(message, reply, quote=False)
        return None
    if data.kind is Kind.SOURCE:
        state = get_state(context)
        served, chosen = pressed_source(data, state.engine.chronology_names())
        if not served:
            return texts.BUTTON_EXPIRED  # a reload changed the chronologies, or not ours
        state.chronologies.choose(message.chat_id, chosen)
        reply = views.sources_view(state.engine, words=words, current=chosen, chosen=True)
        await edit_answer(context.bot, message.chat_id, message.message_id, reply)
        return None
    if data.kind is Kind.LANGUAGE:
        if data.arg not in LANGUAGES:
            return texts.BUTTON_EXPIRED
        get_state(context).languages.choose(query.from_user.id, data.arg)
        reply = views.language_view(words_for(data.arg), chosen=True)
        await edit_answer(context.bot, message.chat_id, message.message_id, reply)
        return None
    if data.kind is Kind.TIMELINE:
        question = data.arg
        if not question:  # too long for the button: the question the answer quotes
            original = message.reply_to_message
            if original is None or not original.text:
                return texts.QUESTION_GONE
            question = question_in(original, context.bot.username)
        await send_timeline(message, context, question, words)
        return None
    reply_or_notice = _page(data, message, context, words)
    if isinstance(reply_or_notice, str):
        return reply_or_notice
    await edit_answer(context.bot, message.chat_id, message.message_id, reply_or_notice)
    if data.kind in (Kind.CONTEXT, Kind.ALONE) and reply_or_notice.thread is not None:
        # The chat's last answer now shows another reading: the next question follows it.
        get_state(context).threads.answered_again(
            message.chat_id, message.message_id, reply_or_notice.thread
        )
    return None


def _page(
    data: ButtonData, message: Message, context: ContextTypes.DEFAULT_TYPE, words: Words
) -> Reply | str:
    """The new content of the message the button is under, or a notice why there is none."""
    state = get_state(context)
    engine, page = state.engine, page_size(message.chat, state.limits)
    link = views.link_for(message.chat, context.bot)
    chronology = state.chronology_of(message.chat_id)[0]  # the chat's /sources choice
    match data.kind:
        case Kind.ASK | Kind.PERSON:
            person = data.kind is Kind.PERSON
            return views.question_view(
                engine,
                data.arg,
                offset=data.offset,
                page=page,
                person=person,
                words=words,
                link=link,
                chronology=chronology,
            )
        case Kind.REPLIED | Kind.ALONE:
            question = data.arg
            person = False
            if not question:  # not in the button: the question the answer quotes
                original = message.reply_to_message
                if original is None or not original.text:
                    return texts.QUESTION_GONE
                command = leading_command(original)
                question = question_in(original, context.bot.username)
                person = command is not None and command[0] == "person"
            return views.question_view(
                engine,
                question,
                offset=data.offset,
                page=page,
                person=person,
                words=words,
                link=link,
                chronology=chronology,
            )
        case Kind.CONTEXT:
            reply = views.context_view(
                engine, data.arg, offset=data.offset, page=page, link=link, chronology=chronology
            )
            return reply or texts.BUTTON_EXPIRED
        case Kind.MORE_BY | Kind.SAME_YEAR:
            reply = views.search_view(engine, data, page=page, words=words, chronology=chronology)
            return reply or texts.BUTTON_EXPIRED
        case Kind.PEOPLE:
            return views.people_view(engine, offset=data.offset, words=words)
    return texts.BUTTON_EXPIRED
