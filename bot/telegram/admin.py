"""Admin commands: /reload, for the admins in CHRONOBOT_ADMINS; for anyone else they do not exist.

The reload itself is `bot.reload.Reloader` (SIGHUP runs the same). Here: who may ask, and
the report the admin gets, worded for someone who must now fix the data file. Another admin
command goes here too, registered in `app.py` in the HIDDEN group next to /reload.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from html import escape

from telegram import Message, Update
from telegram.constants import ChatType
from telegram.error import TelegramError
from telegram.ext import ApplicationHandlerStop, ContextTypes

from bot.chronology import DataIssue
from bot.reload import Reloader, ReloadOutcome, Status
from bot.render import TELEGRAM_LIMIT, shorten, visible_length
from bot.telegram.delivery import edit_answer
from bot.telegram.state import get_state
from bot.telegram.texts import count_entries, count_people
from bot.telegram.views import Reply
from bot.words import ENGLISH, Words

logger = logging.getLogger(__name__)

RELOAD_KEY = "chronobot.reload"  # in application.bot_data
MAX_ISSUE_CHARS = 300  # a value quoted in an error message may be long: one line stays short


@dataclass(frozen=True)
class ReloadAccess:
    """The reloader, and the Telegram user ids allowed to run it (CHRONOBOT_ADMINS)."""

    reloader: Reloader
    admins: frozenset[int]


def may_reload(update: Update, admins: frozenset[int]) -> bool:
    """A new message (an edit must not reload twice) from an admin in a private chat."""
    message = update.message
    return (
        message is not None
        and message.chat.type == ChatType.PRIVATE
        and message.from_user is not None
        and message.from_user.id in admins
    )


async def reload_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/reload in any chat: admins get a reload; nobody gets an answer otherwise.

    Always stops the update here, so no later handler (unknown-command hint, group rate
    notice) gives away that the command exists.
    """
    access: ReloadAccess = context.bot_data[RELOAD_KEY]
    if may_reload(update, access.admins):
        message = update.message
        assert message is not None and message.from_user is not None
        reloading = access.reloader.start(f"/reload by user {message.from_user.id}")
        # The report in its own task: a long build must not hold up the admin's chat
        # (updates of one chat are handled in order).
        words = get_state(context).words(update)
        context.application.create_task(
            report_reload(message, access.reloader, reloading, words), update=update
        )
    elif update.effective_user is not None and update.effective_chat is not None:
        # Says why an admin's /reload did nothing (a wrong CHRONOBOT_ADMINS, a group chat).
        logger.info(
            "/reload from user %s in a %s chat ignored (admins only, private chats only)",
            update.effective_user.id,
            update.effective_chat.type,
        )
    raise ApplicationHandlerStop


async def report_reload(
    message: Message,
    reloader: Reloader,
    reloading: asyncio.Task[ReloadOutcome] | None,
    words: Words = ENGLISH,
) -> ReloadOutcome:
    """Tell the admin that the reload started, then edit that message into how it ended.

    `reloading` is the reload's task, None when another reload was running already.
    """
    w = words
    if reloading is None:
        outcome = ReloadOutcome(Status.BUSY, reloader.data_path)
        busy = report_html(outcome, running_for=reloader.running_for, words=w)
        await message.reply_html(busy)
        return outcome
    try:
        status: Message | None = await message.reply_html(
            w._("Reloading {file}…").format(file=f"<code>{escape(reloader.data_path.name)}</code>")
        )
    except TelegramError as error:  # the reload goes on; its report may still get through
        logger.warning("Could not tell the admin that the reload started: %s", error)
        status = None
    outcome = await reloading
    report = Reply(report_html(outcome, words=w))
    if status is None or not await edit_answer(
        message.get_bot(), message.chat_id, status.message_id, report
    ):
        await message.reply_html(report.html)
    return outcome


def report_html(outcome: ReloadOutcome, *, running_for: float = 0.0, words: Words = ENGLISH) -> str:
    """The admin's report of a reload, HTML-escaped and within Telegram's message limit.

    Worded in the admin's language; the data file's problems are quoted as the validator
    writes them (`file:line: field: message`), as in the log and `chronobot validate`.
    """
    w = words
    name = f"<code>{escape(outcome.data_path.name)}</code>"
    entries = count_entries(w, outcome.entries)
    match outcome.status:
        case Status.RELOADED:
            return w._(
                "Reloaded {file}: {entries}, {people}, in {seconds} s. New questions are "
                "answered from it."
            ).format(
                file=name,
                entries=entries,
                people=count_people(w, outcome.people),
                seconds=f"{outcome.seconds:.1f}",
            )
        case Status.FAILED:
            return w._(
                "Reload of {file} failed: {error}\nI still answer from the previous data "
                "({entries})."
            ).format(file=name, error=escape(outcome.error), entries=entries)
        case Status.BUSY:
            return w._(
                "A reload is already running (for {seconds} s). Send /reload again when it "
                "has finished."
            ).format(seconds=f"{running_for:.0f}")
    count = len(outcome.issues)
    head = (
        w.ngettext(
            "{file} has {count} error, so nothing changed: I still answer from the previous "
            "data ({entries}). Fix the file and send /reload again.",
            "{file} has {count} errors, so nothing changed: I still answer from the previous "
            "data ({entries}). Fix the file and send /reload again.",
            count,
        ).format(file=name, count=count, entries=entries)
        + "\n\n"
    )
    budget = TELEGRAM_LIMIT - visible_length(head)
    return head + issues_html(outcome.issues, budget, w)


def issues_html(issues: tuple[DataIssue, ...], budget: int, words: Words = ENGLISH) -> str:
    """`file:line: field: message` lines in a <pre> block, as many as fit in `budget`.

    Counted on the escaped HTML (never shorter than what Telegram shows), in UTF-16 units.
    """
    lines = [escape(shorten(str(issue), MAX_ISSUE_CHARS)) for issue in issues]
    costs = [visible_length(line) + 1 for line in lines]  # + the newline
    room = budget - len("<pre></pre>")
    if sum(costs) <= room:
        return "<pre>" + "\n".join(lines) + "</pre>"
    room -= visible_length(_more_note(words, len(lines), len(lines)))  # the longest note
    shown = 0
    while shown < len(lines) and costs[shown] <= room:
        room -= costs[shown]
        shown += 1
    more = _more_note(words, len(lines), len(lines) - shown)
    return "<pre>" + "\n".join(lines[:shown]) + "</pre>" + more


def _more_note(words: Words, total: int, hidden: int) -> str:
    return "\n" + words._(
        "… and {hidden} more of {total} (the log and `chronobot validate` list them all)."
    ).format(hidden=hidden, total=total)
