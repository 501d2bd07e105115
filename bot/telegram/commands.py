"""The bot's commands, as data: the menus Telegram shows and /help are generated from it."""

from __future__ import annotations

from dataclasses import dataclass

from telegram import Bot, BotCommand, BotCommandScopeAllGroupChats, BotCommandScopeAllPrivateChats


@dataclass(frozen=True, slots=True)
class CommandSpec:
    name: str
    usage: str  # shown in /help after the command, e.g. "NAME"
    description: str
    in_groups: bool = True  # listed in the groups' command menu too


COMMANDS: tuple[CommandSpec, ...] = (
    CommandSpec("start", "", "What I know, with example questions", in_groups=False),
    CommandSpec("help", "", "How to ask: people, dates, words"),
    CommandSpec("ask", "QUESTION", "Ask a question in plain words"),
    CommandSpec("person", "NAME", "Everything about one person"),
    CommandSpec("year", "YEAR", "Everything in one year"),
    CommandSpec("date", "DATE", "Everything on a date or in a range"),
    CommandSpec("people", "", "Everyone in the chronology", in_groups=False),
    CommandSpec("entry", "ID", "One entry in full, by its id"),
    CommandSpec("about", "", "The chronology: source, span, counts"),
)


def bot_commands(*, groups: bool) -> list[BotCommand]:
    """The command menu for private chats, or for groups."""
    return [BotCommand(c.name, c.description) for c in COMMANDS if c.in_groups or not groups]


async def publish_commands(bot: Bot) -> None:
    """Set the command menus Telegram shows: a full one in private chats, a short one in groups."""
    await bot.set_my_commands(bot_commands(groups=False), scope=BotCommandScopeAllPrivateChats())
    await bot.set_my_commands(bot_commands(groups=True), scope=BotCommandScopeAllGroupChats())
