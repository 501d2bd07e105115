"""Reading a question out of a Telegram message: commands, @mentions, UTF-16 offsets.

Only Telegram's own markup is handled here (which command, where the bot is mentioned);
what the question means is for the engine to find out.
"""

from __future__ import annotations

from telegram import Message, MessageEntity


def remove_utf16_span(text: str, offset: int, length: int) -> str:
    """`text` without the span Telegram gives in UTF-16 code units (emoji count twice)."""
    units = text.encode("utf-16-le")
    return (units[: 2 * offset] + units[2 * (offset + length) :]).decode("utf-16-le")


def leading_command(message: Message) -> tuple[str, str | None] | None:
    """(command, addressee) of a message starting with a bot command: ("ask", "MyBot")."""
    for entity in message.entities:
        if entity.type == MessageEntity.BOT_COMMAND and entity.offset == 0:
            command, _, addressee = message.parse_entity(entity)[1:].partition("@")
            return command.lower(), addressee or None
    return None


def command_argument(message: Message) -> str:
    """Everything after the leading command: "/ask@Bot varga 2009" -> "varga 2009"."""
    parts = (message.text or "").split(maxsplit=1)
    return parts[1].strip() if len(parts) > 1 else ""


def is_command_for(message: Message, username: str) -> bool:
    """True when the message starts with a command meant for this bot (or for every bot)."""
    command = leading_command(message)
    return command is not None and (command[1] is None or command[1].lower() == username.lower())


def without_mention(message: Message, username: str) -> str | None:
    """The text with every @mention of this bot removed, or None if the bot is not mentioned."""
    text = message.text or ""
    ours = f"@{username}".lower()
    spans = [
        entity
        for entity in message.entities
        if entity.type == MessageEntity.MENTION and message.parse_entity(entity).lower() == ours
    ]
    if not spans:
        return None
    for entity in sorted(spans, key=lambda e: e.offset, reverse=True):
        text = remove_utf16_span(text, entity.offset, entity.length)
    return " ".join(text.split())


def is_reply_to(message: Message, bot_id: int) -> bool:
    """True when the message replies to one of this bot's messages."""
    replied = message.reply_to_message
    return bool(replied and replied.from_user and replied.from_user.id == bot_id)


def question_in(message: Message, username: str) -> str:
    """The question a message asks the bot, however it was addressed."""
    if leading_command(message) is not None:
        return command_argument(message)
    mentioned = without_mention(message, username)
    return mentioned if mentioned is not None else (message.text or "").strip()
