"""Every /command, in any chat: its handler, its line in the menus and in /help.

A new command is a handler here and one `Command` line in `COMMANDS`: `app.py` registers
every entry, Telegram's command menus and /help are generated from the table. Groups get the
same commands with shorter pages (`delivery.page_size`). /reload is not here: it is hidden from
everyone but admins (`admin.py`).
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from dataclasses import dataclass

from telegram import (
    Bot,
    BotCommand,
    BotCommandScopeAllGroupChats,
    BotCommandScopeAllPrivateChats,
    Update,
)
from telegram.ext import ContextTypes

from bot.context import encode
from bot.telegram import texts, views
from bot.telegram.delivery import answer_question, deliver, page_size
from bot.telegram.messages import command_argument, leading_command
from bot.telegram.pictures import send_asked_timeline, send_timeline
from bot.telegram.state import get_state
from bot.telegram.views import Reply
from bot.words import ENGLISH, ENGLISH_CODE, LANGUAGES, N_, Words, words_for

Handler = Callable[[Update, ContextTypes.DEFAULT_TYPE], Coroutine[object, object, None]]


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/start (also the deep link of the inline help button): what the bot knows. The link of
    a group answer's lead opens the private chat at /start with that answer's reading: the
    same answer, here, to follow up in private."""
    state = get_state(context)
    words = state.words(update)
    reading = views.reading_in_start(context.args[0]) if context.args else None
    message = update.effective_message
    if reading is not None and message is not None:
        reply = views.context_view(
            state.engine,
            encode(reading),
            page=page_size(message.chat, state.limits),
            words=words,
            chronology=state.chronology_of(message.chat_id)[0],
        )
        if reply is not None:
            shown = await deliver(update, context, reply)
            if shown is not None and reply.thread is not None:
                state.threads.remember(
                    message.chat_id, message.message_id, shown, None, reply.thread
                )
            return
    await deliver(
        update, context, views.start_view(state.engine, context.bot.username, words=words)
    )


async def help_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/help: how to ask, and this table of commands."""
    state = get_state(context)
    w = state.words(update)
    examples = views.examples(state.engine, w)
    usage = [(c.name, w._(c.usage) if c.usage else "", w._(c.description)) for c in COMMANDS]
    await deliver(update, context, Reply(texts.help_text(w, examples, context.bot.username, usage)))


async def about(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    state = get_state(context)
    await deliver(update, context, views.about_view(state.engine, words=state.words(update)))


async def sources(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/sources: the chronologies answered from, with entry counts and years covered; with
    several, buttons limit this chat's questions to one of them (see buttons.py)."""
    state = get_state(context)
    chat = update.effective_chat
    current = state.chronology_of(chat.id)[0] if chat is not None else None
    reply = views.sources_view(state.engine, words=state.words(update), current=current)
    await deliver(update, context, reply)


async def people(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    state = get_state(context)
    await deliver(update, context, views.people_view(state.engine, words=state.words(update)))


async def entry(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/entry ID: one entry in full."""
    if entry_id := await _argument_or_hint(update, context):
        state = get_state(context)
        reply = views.entry_view(state.engine, entry_id.split()[0], words=state.words(update))
        await deliver(update, context, reply)


async def language(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/language: buttons to choose the interface language; /language en|ru chooses it."""
    state = get_state(context)
    message = update.effective_message
    assert message is not None  # command updates always carry a message
    asked = command_argument(message).split()[0].lower() if command_argument(message) else ""
    user = update.effective_user
    if asked in LANGUAGES and user is not None:
        state.languages.choose(user.id, asked)
        reply = views.language_view(words_for(asked), chosen=True)
    else:
        reply = views.language_view(state.words(update), asked=asked or None)
    await deliver(update, context, reply)


async def ask(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/ask QUESTION."""
    question = await _argument_or_hint(update, context)
    if question and not await send_asked_timeline(update, context, question, None):
        await answer_question(update, context, question)


async def person(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/person NAME: who they are, then everything about them."""
    if name := await _argument_or_hint(update, context):
        await answer_question(update, context, name, person=True)


async def date(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/year YYYY and /date ...: everything in that period."""
    if when := await _argument_or_hint(update, context):
        await answer_question(update, context, when, date=True)


async def timeline(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/timeline [QUESTION]: a picture of the answer's entries (no question: all of them)."""
    message = update.effective_message
    assert message is not None  # command updates always carry a message
    words = get_state(context).words(update)
    await send_timeline(message, context, command_argument(message), words)


async def _argument_or_hint(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str | None:
    """The command's argument; without one, send the command's usage hint and return None."""
    message = update.effective_message
    assert message is not None  # command updates always carry a message
    argument = command_argument(message)
    if not argument:
        command = (leading_command(message) or ("ask", None))[0]
        state = get_state(context)
        w = state.words(update)
        examples = views.examples(state.engine, w)
        await deliver(update, context, Reply(texts.needs_argument(w, command, examples)))
        return None
    return argument


@dataclass(frozen=True, slots=True)
class Command:
    name: str
    handler: Handler
    usage: str  # shown in /help after the command, e.g. "NAME" (English, marked for catalogs)
    description: str  # in the menus and in /help (likewise)
    in_groups: bool = True  # listed in the groups' command menu too


COMMANDS: tuple[Command, ...] = (
    Command("start", start, "", N_("What I know, with example questions"), in_groups=False),
    Command("help", help_command, "", N_("How to ask: people, dates, words")),
    Command("ask", ask, N_("QUESTION"), N_("Ask a question in plain words")),
    Command("person", person, N_("NAME"), N_("Everything about one person")),
    Command("year", date, N_("YEAR"), N_("Everything in one year")),
    Command("date", date, N_("DATE"), N_("Everything on a date or in a range")),
    Command("people", people, "", N_("Everyone in the chronology"), in_groups=False),
    Command("entry", entry, N_("ID"), N_("One entry in full, by its id")),
    Command(
        "timeline",
        timeline,
        N_("[QUESTION]"),
        N_("The answer's entries as a picture on a time line"),
    ),
    Command("about", about, "", N_("The chronology: source, span, counts")),
    Command(
        "sources", sources, "", N_("The chronologies: entries and years; ask only one of them")
    ),
    Command("language", language, "en|ru", N_("Reply in English or Russian"), in_groups=False),
)


def bot_commands(*, groups: bool, words: Words = ENGLISH) -> list[BotCommand]:
    """The command menu for private chats, or for groups, in `words`' language."""
    return [
        BotCommand(c.name, words._(c.description)) for c in COMMANDS if c.in_groups or not groups
    ]


async def publish_commands(bot: Bot) -> None:
    """Set the command menus Telegram shows: a full one in private chats, a short one in groups;
    English for everyone, and each other language's for users whose app is in it."""
    for code in LANGUAGES:
        words = words_for(code)
        language_code = None if code == ENGLISH_CODE else code
        for scope, groups in (
            (BotCommandScopeAllPrivateChats(), False),
            (BotCommandScopeAllGroupChats(), True),
        ):
            await bot.set_my_commands(
                bot_commands(groups=groups, words=words), scope=scope, language_code=language_code
            )
