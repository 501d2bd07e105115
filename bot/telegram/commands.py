"""Every /command, in any chat: its handler, its line in the menus and in /help.

A new command is a handler here and one `Command` line in `COMMANDS`: `app.py` registers
every entry, Telegram's command menus and /help are generated from the table. Groups get the
same commands with shorter pages (`views.page_size`). /reload is not here: it is hidden from
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

from bot.telegram import texts, views
from bot.telegram.messages import command_argument, leading_command
from bot.telegram.pictures import send_timeline
from bot.telegram.runtime import get_state
from bot.telegram.views import Reply, answer_question, deliver

Handler = Callable[[Update, ContextTypes.DEFAULT_TYPE], Coroutine[object, object, None]]


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/start (also the deep link of the inline help button): what the bot knows."""
    engine = get_state(context).engine
    await deliver(update, context, views.start_view(engine, context.bot.username))


async def help_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/help: how to ask, and this table of commands."""
    examples = views.examples(get_state(context).engine)
    usage = [(c.name, c.usage, c.description) for c in COMMANDS]
    await deliver(update, context, Reply(texts.help_text(examples, context.bot.username, usage)))


async def about(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await deliver(update, context, views.about_view(get_state(context).engine))


async def people(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await deliver(update, context, views.people_view(get_state(context).engine))


async def entry(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/entry ID: one entry in full."""
    if entry_id := await _argument_or_hint(update, context):
        await deliver(
            update, context, views.entry_view(get_state(context).engine, entry_id.split()[0])
        )


async def ask(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/ask QUESTION."""
    if question := await _argument_or_hint(update, context):
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
    await send_timeline(message, context, command_argument(message))


async def _argument_or_hint(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str | None:
    """The command's argument; without one, send the command's usage hint and return None."""
    message = update.effective_message
    assert message is not None  # command updates always carry a message
    argument = command_argument(message)
    if not argument:
        command = (leading_command(message) or ("ask", None))[0]
        examples = views.examples(get_state(context).engine)
        await deliver(update, context, Reply(texts.needs_argument(command, examples)))
        return None
    return argument


@dataclass(frozen=True, slots=True)
class Command:
    name: str
    handler: Handler
    usage: str  # shown in /help after the command, e.g. "NAME"
    description: str  # in the menus and in /help
    in_groups: bool = True  # listed in the groups' command menu too


COMMANDS: tuple[Command, ...] = (
    Command("start", start, "", "What I know, with example questions", in_groups=False),
    Command("help", help_command, "", "How to ask: people, dates, words"),
    Command("ask", ask, "QUESTION", "Ask a question in plain words"),
    Command("person", person, "NAME", "Everything about one person"),
    Command("year", date, "YEAR", "Everything in one year"),
    Command("date", date, "DATE", "Everything on a date or in a range"),
    Command("people", people, "", "Everyone in the chronology", in_groups=False),
    Command("entry", entry, "ID", "One entry in full, by its id"),
    Command("timeline", timeline, "[QUESTION]", "The answer's entries as a picture on a time line"),
    Command("about", about, "", "The chronology: source, span, counts"),
)


def bot_commands(*, groups: bool) -> list[BotCommand]:
    """The command menu for private chats, or for groups."""
    return [BotCommand(c.name, c.description) for c in COMMANDS if c.in_groups or not groups]


async def publish_commands(bot: Bot) -> None:
    """Set the command menus Telegram shows: a full one in private chats, a short one in groups."""
    await bot.set_my_commands(bot_commands(groups=False), scope=BotCommandScopeAllPrivateChats())
    await bot.set_my_commands(bot_commands(groups=True), scope=BotCommandScopeAllGroupChats())
