"""Inline mode: `@bot <question>` in any chat lists matching entries to share.

Each result is one cited entry; its id is the entry id (stable, so Telegram's cache and
`next_offset` paging stay consistent), or a hash of it when it is too long for Telegram. An
empty query offers a help button and the latest entries. Inline queries are answered from
every chronology: an inline query belongs to no chat, so a chat's /sources choice does not
apply (each result cites its own chronology).

Inline queries come often (a pause in typing, each page, every user typing the same thing),
so answers and the articles they are made of are remembered (memories.InlineMemory): the
same query in the same language is answered from memory for `Limits.inline_cache_time`
seconds, and an entry already rendered with the same words highlighted is not rendered again.
"""

from __future__ import annotations

import hashlib
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
from bot.engine import Engine
from bot.render import inline_description, inline_title, render_entry_html
from bot.telegram.memories import InlineAnswer, InlineMemory
from bot.telegram.ordering import retry_once
from bot.telegram.state import BotState, get_state
from bot.telegram.worker import WorkerGone
from bot.words import ENGLISH, Words, words_for

logger = logging.getLogger(__name__)

MAX_RESULT_ID = 64  # bytes, Telegram's limit for a result id


_HELP_BUTTONS: dict[str, InlineQueryResultsButton] = {}  # by language: built once


def help_button(words: Words) -> InlineQueryResultsButton:
    """Above the results: opens a private chat with /start (inline-help)."""
    button = _HELP_BUTTONS.get(words.code)
    if button is None:
        text = words._("How to ask me")
        button = _HELP_BUTTONS[words.code] = InlineQueryResultsButton(
            text=text, start_parameter="inline-help"
        )
    return button


def article(
    entry: Entry, source: Source, terms: tuple[str, ...], words: Words = ENGLISH
) -> InlineQueryResultArticle:
    """One entry as an inline result: its date and people, a snippet, the cited entry."""
    return InlineQueryResultArticle(
        id=result_id(entry.id),
        title=inline_title(entry, words),
        description=inline_description(entry),
        input_message_content=InputTextMessageContent(
            render_entry_html(entry, source, terms, words)
        ),
    )


def result_id(entry_id: str) -> str:
    """The entry's id when Telegram accepts it as a result id (1-64 bytes), else "#" and a
    hash of it: entry ids are slugs or "file/slug" (several chronologies, long file names),
    so a hashed id never equals a real one."""
    if len(entry_id.encode()) <= MAX_RESULT_ID:
        return entry_id
    return "#" + hashlib.sha256(entry_id.encode()).hexdigest()[:48]


def articles(
    entries: Iterable[Entry],
    source: Source,
    terms: tuple[str, ...],
    words: Words = ENGLISH,
    memory: InlineMemory | None = None,
) -> list[InlineQueryResultArticle]:
    """One article per entry (duplicates skipped), with ids Telegram accepts; with a
    `memory`, one rendered before is not rendered again."""
    results: dict[str, InlineQueryResultArticle] = {}
    for entry in entries:
        if entry.id in results:
            continue
        key = (entry.id, terms, words.code)
        made = memory.article(key) if memory is not None else None
        if made is None:
            made = article(entry, source, terms, words)
            if memory is not None:
                memory.remember_article(key, made)
        results[entry.id] = made
    return list(results.values())


def parse_offset(offset: str) -> int:
    """Telegram echoes our own next_offset back; anything else starts from the beginning."""
    return int(offset) if offset.isdigit() else 0


def inline_answer(
    engine: Engine, memory: InlineMemory, text: str, offset: int, page: int, words: Words
) -> InlineAnswer:
    """The page of results for `text` from `offset`, and the offset of the next page (None:
    the last page); from `memory` when the same page was answered lately."""
    memory.use(engine)
    key = _answer_key(text, offset, page, words)
    remembered = memory.answer(key)
    if remembered is not None:
        return remembered
    if text:
        answer = engine.ask(text, limit=page, offset=offset)
        terms = answer.interpretation.terms
        results = articles(answer.results, answer.source, terms, words, memory)
        end = offset + len(answer.results)
        next_offset = str(end) if answer.results and end < answer.total else None
    else:
        results = articles(engine.latest(page), engine.about().source, (), words, memory)
        next_offset = None
    made = (tuple(results), next_offset)
    memory.remember_answer(key, made)
    return made


def _answer_key(text: str, offset: int, page: int, words: Words) -> tuple[str, int, int, str]:
    """What an inline answer is remembered by: the same page of the same query, same language."""
    return text, offset, page, words.code


# An article as plain data, to cross from the answer worker: id, title, description, HTML.
PlainArticle = tuple[str, str, str | None, str]
# The answer worker's own memory (in its process; the bot's is in its BotState).
_WORKER_MEMORY = InlineMemory(ttl=60)


def inline_job(
    engine: Engine, text: str, offset: int, page: int, words_code: str
) -> tuple[list[PlainArticle], str | None]:
    """`inline_answer` as the answer worker runs it (bot.telegram.worker), its articles as
    plain data: Telegram objects do not survive pickling (their default-value markers)."""
    results, next_offset = inline_answer(
        engine, _WORKER_MEMORY, text, offset, page, words_for(words_code)
    )
    return [_plain(result) for result in results], next_offset


def _plain(article: InlineQueryResultArticle) -> PlainArticle:
    content = article.input_message_content
    assert isinstance(content, InputTextMessageContent)  # as `article` makes it
    return article.id, article.title, article.description, content.message_text


def _article(plain: PlainArticle) -> InlineQueryResultArticle:
    """The article `article` made, from its plain data."""
    result_id, title, description, html = plain
    return InlineQueryResultArticle(
        id=result_id,
        title=title,
        description=description,
        input_message_content=InputTextMessageContent(html),
    )


async def inline_results(
    state: BotState, text: str, offset: int, page: int, words: Words
) -> InlineAnswer:
    """`inline_answer`, worked out by the answer worker when there is one."""
    engine = state.engine
    if state.worker is None:
        return inline_answer(engine, state.inline, text, offset, page, words)
    memory = state.inline.use(engine)
    key = _answer_key(text, offset, page, words)
    remembered = memory.answer(key)
    if remembered is not None:
        return remembered
    try:
        plain, next_offset = await state.worker.run(
            engine, "inline", text, offset, page, words.code
        )
    except WorkerGone:  # answered here, from the engine current now (see delivery.py)
        return inline_answer(state.engine, state.inline, text, offset, page, words)
    made = (tuple(_article(one) for one in plain), next_offset)
    memory.remember_answer(key, made)
    return made


async def inline_query(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    query = update.inline_query
    if query is None:
        return
    state = get_state(context)
    words = state.words(update)
    offset = parse_offset(query.offset)
    results, next_offset = await inline_results(
        state, query.query.strip(), offset, state.limits.inline_page, words
    )
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
