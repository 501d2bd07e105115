"""Commands (in any chat) and questions in private chats.

Every command goes through the engine and the shared views; groups get the same commands
with shorter pages (see `replies.page_size`).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from telegram import Update
from telegram.ext import ContextTypes

from bot.telegram import texts, views
from bot.telegram.messages import command_argument, leading_command
from bot.telegram.replies import answer_question, deliver
from bot.telegram.state import get_state
from bot.telegram.views import Reply

Handler = Callable[[Update, ContextTypes.DEFAULT_TYPE], Awaitable[None]]


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/start (also the deep link of the inline help button): what the bot knows."""
    engine = get_state(context).engine
    await deliver(update, context, views.start_view(engine, context.bot.username))


async def help_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    engine = get_state(context).engine
    await deliver(update, context, views.help_view(engine, context.bot.username))


async def about(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await deliver(update, context, views.about_view(get_state(context).engine))


async def people(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await deliver(update, context, views.people_view(get_state(context).engine))


async def entry(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/entry ID: one entry in full."""
    entry_id = command_argument(update.effective_message)  # type: ignore[arg-type]
    engine = get_state(context).engine
    if not entry_id:
        await deliver(update, context, Reply(texts.needs_argument("entry", views.examples(engine))))
        return
    await deliver(update, context, views.entry_view(engine, entry_id.split()[0]))


async def _argument_or_hint(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str | None:
    """The command's argument; without one, send the command's usage hint and return None."""
    message = update.effective_message
    assert message is not None
    argument = command_argument(message)
    if not argument:
        command = (leading_command(message) or ("ask", None))[0]
        examples = views.examples(get_state(context).engine)
        await deliver(update, context, Reply(texts.needs_argument(command, examples)))
        return None
    return argument


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


COMMAND_HANDLERS: dict[str, Handler] = {
    "start": start,
    "help": help_command,
    "ask": ask,
    "person": person,
    "year": date,
    "date": date,
    "people": people,
    "entry": entry,
    "about": about,
}


async def private_question(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Any text in a private chat is a question."""
    message = update.effective_message
    if message is not None and (question := (message.text or "").strip()):
        await answer_question(update, context, question)


async def unknown_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await deliver(update, context, Reply(texts.UNKNOWN_COMMAND))


async def not_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Stickers, photos and the like: one short hint."""
    await deliver(update, context, Reply(texts.NOT_TEXT))
