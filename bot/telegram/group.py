"""Group chats: answer only when addressed, and keep every user from flooding the chat.

Addressed means `/command@ThisBot` (or a bare `/command`, which Telegram delivers to a bot
with privacy mode on only when it is meant for it), an @mention of the bot with a question,
or a reply to one of the bot's messages. Everything else is chatter and is ignored.
"""

from __future__ import annotations

from telegram import Bot, Message, Update
from telegram.ext import ApplicationHandlerStop, ContextTypes

from bot.context import Context, context_of
from bot.telegram import texts, views
from bot.telegram.delivery import answer_question, deliver, send_reply
from bot.telegram.memories import Verdict
from bot.telegram.messages import is_command_for, is_reply_to, without_mention
from bot.telegram.pictures import send_asked_timeline
from bot.telegram.state import get_state
from bot.telegram.views import Reply


def addressed_question(message: Message, bot: Bot) -> str | None:
    """The question of a message addressed to the bot by mention or reply, else None."""
    mentioned = without_mention(message, bot.username)
    if mentioned is not None:
        return mentioned
    if is_reply_to(message, bot.id):
        return (message.text or "").strip()
    return None


def is_addressed(message: Message, bot: Bot) -> bool:
    return is_command_for(message, bot.username) or addressed_question(message, bot) is not None


async def rate_gate(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Runs before every group handler: lets a user's question through, or stops it.

    The first question over the limit gets one notice; later ones are dropped silently.
    """
    message = update.effective_message
    if message is None or message.from_user is None or not is_addressed(message, context.bot):
        return
    verdict = get_state(context).group_rate.check(message.chat_id, message.from_user.id)
    if verdict is Verdict.ALLOW:
        return
    if verdict is Verdict.NOTIFY:
        words = get_state(context).words(update)
        notice = texts.slow_down(words, message.from_user.first_name, context.bot.username)
        await send_reply(message, Reply(notice), quote=True)
    raise ApplicationHandlerStop


async def group_question(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A text in a group: answered when addressed to the bot, ignored otherwise."""
    message = update.effective_message
    if message is None:
        return
    question = addressed_question(message, context.bot)
    if question is None:
        return
    if not question:
        state = get_state(context)
        words = state.words(update)
        examples = views.examples(state.engine, words)
        hint = texts.mention_without_question(words, context.bot.username, examples)
        await deliver(update, context, Reply(hint))
        return
    after = replied_context(message, context)
    if await send_asked_timeline(update, context, question, after):
        return
    await answer_question(update, context, question, after=after)


def replied_context(message: Message, context: ContextTypes.DEFAULT_TYPE) -> Context | None:
    """What a reply to one of the bot's answers follows: that answer's own reading, carried
    in its lead's link, as the answer showed it (no memory: restarts change nothing)."""
    replied = message.reply_to_message
    if replied is None or not is_reply_to(message, context.bot.id):
        return None
    reading = views.reading_in_message(replied, context.bot.username)
    if reading is None:
        return None
    state = get_state(context)
    chronology = state.chronology_of(message.chat_id)[0]  # as the answer was shown
    shown = state.engine.ask_context(reading, limit=state.limits.group_page, chronology=chronology)
    return context_of(shown)
