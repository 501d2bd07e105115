"""Timeline pictures in Telegram: drawn once per question and index, then sent by file_id.

`/timeline [QUESTION]` (commands.py), the Timeline button under answers (buttons.py) and a
question asking for a picture in words (private.py, group.py, /ask) all end here. The first
request draws the picture (Pillow loads then, never on the answer path) and uploads it;
Telegram's file_id of the upload is remembered, bounded, so the same picture asked again is
sent without drawing or uploading anything.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging

from telegram import Message, ReplyParameters, Update
from telegram.error import BadRequest
from telegram.ext import ContextTypes

from bot.context import Context
from bot.conversation import named_parts
from bot.lang.requests import picture_request
from bot.render_reading import notice_text
from bot.telegram import texts
from bot.telegram.delivery import send_reply
from bot.telegram.state import get_state
from bot.telegram.views import Reply
from bot.timeline import collect_timeline, draw_timeline, index_identity
from bot.words import ENGLISH, Words

logger = logging.getLogger(__name__)


async def send_asked_timeline(
    update: Update, context: ContextTypes.DEFAULT_TYPE, question: str, after: Context | None
) -> bool:
    """When a message asks for a picture in words ("timeline of Lovelace", "draw Turing 1936",
    "нарисуй Гагарина"), send the timeline of what it asks (of the last answer for "show it
    on a timeline") and return True; else False and send nothing."""
    asked = picture_request(question)
    message = update.effective_message
    if asked is None or message is None:
        return False
    state = get_state(context)
    if after is not None and not named_parts(state.engine.parse(asked)):
        asked = state.engine.context_question(after)
    await send_timeline(message, context, asked, state.words(update))
    return True


async def send_timeline(
    message: Message, context: ContextTypes.DEFAULT_TYPE, question: str, words: Words
) -> None:
    """Send the timeline of `question` in reply to `message` (text when nothing matches),
    its caption in `words`' language."""
    state = get_state(context)
    engine = state.engine
    chronology = state.chronology_of(message.chat_id)[0]  # the chat's /sources choice
    # The caption is worded for the reader: a picture is remembered per language (and per
    # chronology, for chats that ask one).
    scope = f"{chronology}/" if chronology is not None else ""
    key = (index_identity(engine), f"{words.code}:{scope}{' '.join(question.split())}")
    known = state.pictures.recall(key)
    if known is not None:
        file_id, caption = known
        try:
            await _reply_photo(message, file_id, caption)
            return
        except BadRequest as error:  # Telegram forgot the file: draw and upload it again
            logger.info("Cached timeline picture refused (%s); uploading it again", error.message)
            state.pictures.forget(key)
    timeline = collect_timeline(engine, question, words, chronology)
    if not timeline.total:
        await send_reply(message, Reply(texts.nothing_to_draw(words, question)), quote=True)
        return
    # Drawing is pure CPU work on data already read: off the event loop, so other chats'
    # updates are not held up while a large chronology is drawn.
    picture = await asyncio.to_thread(draw_timeline, timeline, words)
    first, last = (dt.date.fromordinal(day).year for day in (timeline.first_day, timeline.last_day))
    counts = texts.timeline_summary(
        words, timeline.total, timeline.people_count, (first, last), timeline.title
    )
    notice = timeline.notice
    if notice and words.code != ENGLISH.code:  # the engine's note, in the reader's language
        notice = notice_text(engine.ask(question, limit=5, chronology=chronology), words)
    caption = texts.timeline_caption(words, question, counts, notice)
    sent = await _reply_photo(message, picture.png, caption)
    if sent.photo:
        state.pictures.remember(key, sent.photo[-1].file_id, caption)


async def _reply_photo(message: Message, photo: bytes | str, caption: str) -> Message:
    return await message.reply_photo(
        photo,
        caption=caption,
        reply_parameters=ReplyParameters(message.message_id, allow_sending_without_reply=True),
    )
