"""Compact, stateless `callback_data` for the bot's buttons (Telegram allows 64 bytes).

A button carries everything needed to redo its query: a kind letter, an offset and one
argument, e.g. `a5|varga 2009` = "the question 'varga 2009', entries from the 6th on".
Nothing is stored on the server, so buttons keep working after a restart and across
replicas. When a question is too long to fit, the button says `r` ("the question this
message replies to") and the bot reads the question back from Telegram's reply.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

MAX_BYTES = 64


class Kind(StrEnum):
    ASK = "a"  # arg: the question; the page edits the message
    PERSON = "p"  # arg: the /person question; shows who the person is first
    REPLIED = "r"  # arg: empty; the question is the message the answer replies to
    MORE_BY = "m"  # arg: a person id
    SAME_YEAR = "y"  # arg: a year
    PEOPLE = "l"  # arg: empty; the /people listing
    EXAMPLE = "x"  # arg: an example question; answered in a new message


@dataclass(frozen=True, slots=True)
class ButtonData:
    kind: Kind
    offset: int = 0
    arg: str = ""


_DATA = re.compile(r"([a-z])(\d{1,7})\|(.*)", re.DOTALL)


def encode(kind: Kind, offset: int = 0, arg: str = "") -> str | None:
    """The callback_data string, or None when it would exceed Telegram's 64 bytes."""
    data = f"{kind.value}{offset}|{arg}"
    return data if len(data.encode()) <= MAX_BYTES else None


def decode(data: str | None) -> ButtonData | None:
    """Parse callback_data; None for anything this bot did not write (old or forged buttons)."""
    match = _DATA.fullmatch(data or "")
    if match is None:
        return None
    try:
        kind = Kind(match[1])
    except ValueError:
        return None
    return ButtonData(kind, int(match[2]), match[3])
