"""What one message shows: a view is a pure function of the engine and the request that
returns a `Reply` (HTML, buttons, whether to quote), so private chats, groups and buttons show
the very same thing for the same query.

Views: question (and a follow-up's pages, an offered reading), search, entry, /people,
/start, /about, /sources, /language; and the thread a group answer carries in its lead's link.
The buttons come from `keyboards`, sending and editing is `delivery`'s job. The answers
themselves are worded by `bot.render`, the bot's own sentences by `texts`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from telegram import (
    Bot,
    Chat,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Message,
)
from telegram.constants import ChatType

from bot.answer import Answer
from bot.context import Context, context_of, from_token, reading_context, to_token
from bot.context import decode as decode_reading
from bot.context import encode as encode_reading
from bot.dates import parse_date_value
from bot.engine import Engine
from bot.render import TELEGRAM_LIMIT, render_entry_html, render_html, shorten
from bot.render_reading import reading_label
from bot.telegram import texts
from bot.telegram.keyboards import (
    ButtonData,
    Kind,
    encode,
    entry_row,
    examples_keyboard,
    keyboard,
    language_keyboard,
    one_button,
    pager_row,
    sources_keyboard,
)
from bot.words import ENGLISH, Words, words_for

PEOPLE_PAGE = 30  # names per /people message


@dataclass(frozen=True, slots=True)
class Reply:
    """What a message shows: its HTML, its buttons, whether it quotes the question."""

    html: str
    markup: InlineKeyboardMarkup | None = None
    # The answer must quote the question: its buttons read the question back from the reply.
    quote: bool = False
    thread: Context | None = None  # an answer's context, for the next question to follow
    shown_in: int | None = None  # once delivered: the id of the bot's message showing it


def examples(engine: Engine, w: Words = ENGLISH) -> texts.Examples:
    """Example names, years and questions taken from the chronology itself."""
    people = sorted(engine.people(), key=lambda p: (-p.entry_count, p.name))
    about = engine.about()
    name = people[0].name if people else w._("NAME")
    questions = [name] if people else []
    year = about.last.start.year if about.last else None
    if len(people) > 1:
        first = engine.search(people=(people[1].id,), limit=1).results
        if first:
            questions.append(f"{people[1].name} {first[0].span.start.year}")
    span = None
    if about.first and about.last and about.first.start.year < about.last.end.year:
        low, high = about.first.start.year, about.last.end.year
        span = (low, low + (high - low) // 2)
        questions.append(w._("between {low} and {high}").format(low=span[0], high=span[1]))
    if year is not None:
        questions.append(str(year))
    return texts.Examples(name=name, year=year, range=span, questions=tuple(questions))


def answer_markup(
    w: Words, answer: Answer, kind: Kind, arg: str, page: int
) -> InlineKeyboardMarkup | None:
    """◀ ▶ when there are more pages; the single entry's own buttons when there is one."""
    single = []
    if answer.total == 1 and answer.results:
        single = entry_row(
            w,
            answer.results[0],
            except_person=arg if kind is Kind.MORE_BY else None,
            except_year=kind is Kind.SAME_YEAR,
        )
    return keyboard(
        pager_row(kind, arg, answer.offset, page, answer.total),
        single,
        timeline_row(w, answer, kind),
    )


def timeline_row(w: Words, answer: Answer, kind: Kind) -> list[InlineKeyboardButton]:
    """A "Timeline" button under an answer with more than one entry: a picture of them all.

    It carries the question; one too long for callback data is read back from the message the
    answer quotes (as the pages of such an answer are).
    """
    if answer.total < 2 or kind is Kind.CONTEXT:  # a reading in context has no question
        return []
    arg = "" if kind is Kind.REPLIED else answer.question
    return one_button(w._("Timeline"), encode(Kind.TIMELINE, 0, arg))


def _page_of(
    w: Words,
    answer: Answer,
    kind: Kind,
    arg: str,
    page: int,
    header: str = "",
    link: str | None = None,
    extra: Sequence[InlineKeyboardButton] = (),
) -> Reply:
    """One page of an answer; `link` makes its lead carry its reading (see thread_link)."""
    lead_link = thread_link(link, answer) if link else None
    html = header + render_html(
        answer, max_chars=TELEGRAM_LIMIT - len(header), words=w, lead_link=lead_link
    )
    markup = answer_markup(w, answer, kind, arg, page)
    if extra:
        markup = keyboard(*(markup.inline_keyboard if markup else ()), extra)
    return Reply(html, markup, thread=context_of(answer))


# --- threads: the answer a follow-up continues --------------------------------------------
# A group keeps no memory of its questions: a reply to one of the bot's answers continues
# that answer's reading, which the answer carries itself, as the link of its lead line: a
# deep link to the private chat asking the same reading ("/start c<token>", at most 64
# characters as Telegram wants). It survives restarts and needs no state; a reading too long
# for it is not linked, and a reply to that answer is answered on its own.

START_PREFIX = "c"


def thread_link(username: str, answer: Answer) -> str | None:
    """The lead's link for a group answer: its reading as a /start deep link, if it fits."""
    reading = reading_context(answer.interpretation)
    token = to_token(reading)
    if reading.is_empty or len(START_PREFIX + token) > 64:
        return None  # nothing to follow, or too long for a deep link
    return f"https://t.me/{username}?start={START_PREFIX}{token}"


def reading_in_start(payload: str) -> Context | None:
    """The reading a /start deep link carries, or None."""
    if not payload.startswith(START_PREFIX):
        return None
    return from_token(payload[len(START_PREFIX) :])


def reading_in_message(message: Message, username: str) -> Context | None:
    """The reading one of the bot's answers carries in its lead's link, or None."""
    prefix = f"https://t.me/{username}?start="
    for entity in message.entities:
        if entity.type == "text_link" and entity.url and entity.url.startswith(prefix):
            return reading_in_start(entity.url[len(prefix) :])
    return None


def link_for(chat: Chat, bot: Bot) -> str | None:
    """Whose deep link a group answer's lead carries (the bot's username); None elsewhere."""
    return None if chat.type == ChatType.PRIVATE else bot.username


def question_view(
    engine: Engine,
    question: str,
    *,
    offset: int = 0,
    page: int,
    person: bool = False,
    date: bool = False,
    words: Words = ENGLISH,
    after: Context | None = None,
    link: str | None = None,
    chronology: str | None = None,
) -> Reply:
    """The answer to a question, one page of it, worded in `words`' language.

    `person` (/person): who the people are comes first, and a name matching nobody gets a
    hint instead. `date` (/year, /date): a text in which the engine found no date gets a hint.
    `after`: the previous question's context (a follow-up). `link`: the bot's username, for
    a group answer whose lead carries its reading. `chronology`: the chat's /sources choice.
    """
    w = words
    answer = engine.ask(question, limit=page, offset=offset, after=after, chronology=chronology)
    meaning = answer.interpretation
    # A follow-up ("and in 2011?", "who else?"); not a first question that leaves someone out.
    if meaning.previous is not None and (meaning.inherited or meaning.excluded):
        return _follow_up_page(w, answer, question, page, link)
    header = ""
    if person:
        if not answer.interpretation.people:
            return Reply(texts.no_such_person(w, question, answer.interpretation.suggestions))
        header = texts.person_header(answer.interpretation.people)
    if date and answer.interpretation.span is None:
        return Reply(texts.no_date(w, question, examples(engine, w)))
    kind = Kind.PERSON if person else Kind.ASK
    offer = _offer_row(w, answer)
    if encode(kind, max(answer.total, offset), question) is None:
        reply = _page_of(w, answer, Kind.REPLIED, "", page, header, link, offer)
        return replace(reply, quote=True)
    return _page_of(w, answer, kind, question, page, header, link, offer)


def question_job(engine: Engine, question: str, words_code: str, **options: Any) -> Reply:
    """`question_view` as the answer worker runs it (bot.telegram.worker): the reader's
    language by its code."""
    return question_view(engine, question, words=words_for(words_code), **options)


MAX_OFFER_LABEL = 40


def _offer_row(w: Words, answer: Answer) -> list[InlineKeyboardButton]:
    """In doubt, a button answering the question in the context it was not read in."""
    offered = answer.interpretation.offered
    if offered is None:
        return []
    label = "↪ " + shorten(reading_label(offered, w), MAX_OFFER_LABEL)
    return one_button(label, encode(Kind.CONTEXT, 0, encode_reading(reading_context(offered))))


def _follow_up_page(w: Words, answer: Answer, question: str, page: int, link: str | None) -> Reply:
    """A follow-up's first page: its pages carry its reading (the question alone lacks the
    context), and one button answers the question on its own instead."""
    reading = encode_reading(reading_context(answer.interpretation))
    alone = encode(Kind.ALONE, 0, question)
    quote = alone is None  # the button then reads the question back from the quoted message
    row = one_button(w._("Answer on its own"), alone or encode(Kind.ALONE, 0, ""))
    if encode(Kind.CONTEXT, max(answer.total, answer.offset), reading) is None:
        reading = ""  # too long to page: the first page only
    size = page if reading else answer.total
    reply = _page_of(w, answer, Kind.CONTEXT, reading, size, "", link, row)
    return replace(reply, quote=quote)


def context_view(
    engine: Engine,
    reading: str,
    *,
    offset: int = 0,
    page: int,
    words: Words = ENGLISH,
    link: str | None = None,
    chronology: str | None = None,
) -> Reply | None:
    """A reading answered as it stands (a follow-up's later pages, an offered reading);
    None when the button's reading is not one this bot wrote."""
    context = decode_reading(reading)
    if context is None:
        return None
    answer = engine.ask_context(context, limit=page, offset=offset, chronology=chronology)
    return _page_of(words, answer, Kind.CONTEXT, reading, page, "", link)


def search_view(
    engine: Engine,
    data: ButtonData,
    *,
    page: int,
    words: Words = ENGLISH,
    chronology: str | None = None,
) -> Reply | None:
    """The "more by this person" / "same year" answers; None for malformed button data."""
    if data.kind is Kind.MORE_BY and data.arg:
        answer = engine.search(
            people=(data.arg,), limit=page, offset=data.offset, chronology=chronology
        )
    elif data.kind is Kind.SAME_YEAR and data.arg.isdigit():
        span = parse_date_value(int(data.arg))
        answer = engine.search(span=span, limit=page, offset=data.offset, chronology=chronology)
    else:
        return None
    return _page_of(words, answer, data.kind, data.arg, page)


def entry_view(engine: Engine, entry_id: str, *, words: Words = ENGLISH) -> Reply:
    """/entry ID: one entry in full, with its own buttons."""
    entry = engine.entry(entry_id)
    if entry is None:
        return Reply(texts.no_such_entry(words, entry_id))
    html = render_entry_html(entry, engine.source, words=words)
    return Reply(html, keyboard(entry_row(words, entry)))


def people_view(engine: Engine, *, offset: int = 0, words: Words = ENGLISH) -> Reply:
    """/people: one page of everyone in the chronology, with ◀ ▶."""
    people = engine.people()
    shown = people[offset : offset + PEOPLE_PAGE]
    return Reply(
        texts.people_text(words, shown, offset, len(people)),
        keyboard(pager_row(Kind.PEOPLE, "", offset, PEOPLE_PAGE, len(people))),
    )


def start_view(engine: Engine, username: str, *, words: Words = ENGLISH) -> Reply:
    return Reply(
        texts.start_text(words, engine.about(), username),
        examples_keyboard(examples(engine, words).questions),
    )


def about_view(engine: Engine, *, words: Words = ENGLISH) -> Reply:
    return Reply(texts.about_text(words, engine.about()))


def sources_view(
    engine: Engine, *, words: Words = ENGLISH, current: str | None = None, chosen: bool = False
) -> Reply:
    """/sources: the chronologies, the chat's choice among them and buttons to change it
    (`chosen`: just changed by a button)."""
    listed = engine.chronologies()
    names = [name for name, *_ in listed]
    return Reply(
        texts.sources_text(words, listed, current, chosen=chosen),
        sources_keyboard(words, names, current),
    )


def language_view(words: Words, *, chosen: bool = False, asked: str | None = None) -> Reply:
    """/language: the current language and a button per language (after a choice: its
    confirmation; for a language the bot does not speak: say so)."""
    if asked is not None:
        text = texts.language_unknown(words, asked)
    elif chosen:
        text = texts.language_chosen(words)
    else:
        text = texts.language_text(words)
    return Reply(text, language_keyboard(words.code))
