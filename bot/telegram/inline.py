"""Inline mode: `@bot <question>` in any chat lists matching entries to share.

Each result is one cited entry; its id is the entry id (stable, so Telegram's cache and
`next_offset` paging stay consistent). An empty query offers a help button and the
latest entries.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from telegram import (
    InlineQueryResultArticle,
    InlineQueryResultsButton,
    InputTextMessageContent,
    Update,
)
from telegram.error import BadRequest
from telegram.ext import ContextTypes

from bot.answer import Entry, Source
from bot.render import inline_description, inline_title, render_entry_html
from bot.telegram.runtime import get_state, retry_once
from bot.words import ENGLISH, Words

logger = logging.getLogger(__name__)

MAX_RESULT_ID = 64  # bytes, Telegram's limit for a result id


def help_button(words: Words) -> InlineQueryResultsButton:
    """Above the results: opens a private chat with /start (inline-help)."""
    return InlineQueryResultsButton(text=words._("How to ask me"), start_parameter="inline-help")


def articles(
    entries: Iterable[Entry], source: Source, terms: tuple[str, ...], words: Words = ENGLISH
) -> list[InlineQueryResultArticle]:
    """One article per entry (ids that Telegram would refuse are skipped, duplicates too)."""
    results: dict[str, InlineQueryResultArticle] = {}
    for entry in entries:
        if entry.id in results or len(entry.id.encode()) > MAX_RESULT_ID:
            continue
        results[entry.id] = InlineQueryResultArticle(
            id=entry.id,
            title=inline_title(entry, words),
            description=inline_description(entry),
            input_message_content=InputTextMessageContent(
                render_entry_html(entry, source, terms, words)
            ),
        )
    return list(results.values())


def parse_offset(offset: str) -> int:
    """Telegram echoes our own next_offset back; anything else starts from the beginning."""
    return int(offset) if offset.isdigit() else 0


async def inline_query(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    query = update.inline_query
    if query is None:
        return
    state = get_state(context)
    engine, page = state.engine, state.limits.inline_page
    words = state.words(update)
    text, offset = query.query.strip(), parse_offset(query.offset)
    if text:
        answer = engine.ask(text, limit=page, offset=offset)
        results = articles(answer.results, answer.source, answer.interpretation.terms, words)
        end = offset + len(answer.results)
        next_offset = str(end) if answer.results and end < answer.total else None
    else:
        results = articles(engine.latest(page), engine.about().source, (), words)
        next_offset = None
    # "No more pages" is an absent next_offset, never "": with Defaults set, PTB 22.8 turns
    # an empty string parameter into "[]" (it takes "" for an empty list of poll options).
    try:
        await retry_once(
            lambda: query.answer(
                results,
                cache_time=state.limits.inline_cache_time,
                # Worded in the user's language: Telegram must not hand one user's results
                # to another who types the same query.
                is_personal=True,
                next_offset=next_offset,
                button=help_button(words) if offset == 0 else None,
            ),
            "answerInlineQuery",
        )
    except BadRequest as error:
        # The user typed on, or we were too slow: Telegram no longer wants this answer.
        if "query is too old" not in error.message.lower():
            raise
        logger.info("Inline query %s answered too late; dropped", query.id)
