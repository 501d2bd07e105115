"""The buttons under the bot's messages: what each button carries (its callback data, read
back by `decode`) and the rows they form (pages, "more by", "same year", examples, languages,
the chronologies of /sources).

**A new button starts here**: its `Kind`, its data, its row. What pressing it does is
decided in `buttons.py`; which messages show it, in `views.py`.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from telegram import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
)

from bot.answer import Entry
from bot.render import shorten
from bot.words import LANGUAGE_NAMES, LANGUAGES, Words

# --- callback data -------------------------------------------------------------------------
# Compact and stateless (Telegram allows 64 bytes): a button carries everything needed to
# redo its query, a kind letter, an offset and one argument, e.g. `a5|varga 2009` = "the
# question 'varga 2009', entries from the 6th on". Nothing is stored on the server, so buttons
# keep working after a restart and across replicas. When a question is too long to fit, the
# button says `r` ("the question this message replies to") and the bot reads the question
# back from Telegram's reply.

MAX_BYTES = 64


class Kind(StrEnum):
    ASK = "a"  # arg: the question; the page edits the message
    PERSON = "p"  # arg: the /person question; shows who the person is first
    REPLIED = "r"  # arg: empty; the question is the message the answer replies to
    MORE_BY = "m"  # arg: a person id
    SAME_YEAR = "y"  # arg: a year
    PEOPLE = "l"  # arg: empty; the /people listing
    EXAMPLE = "x"  # arg: an example question; answered in a new message
    TIMELINE = "t"  # arg: the question (empty: the message replied to); a picture is sent
    LANGUAGE = "g"  # arg: a language code; the user's interface language is set to it
    CONTEXT = "c"  # arg: a reading (bot.context.encode): a follow-up's pages, an offer
    ALONE = "o"  # arg: the question (empty: the message replied to), without its context
    # offset: a chronology's place in /sources (1-based; 0: every chronology), arg: its key
    SOURCE = "s"


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


# --- keyboards ---------------------------------------------------------------------------

MAX_LABEL = 32  # characters of a name on a button
MAX_BUTTONS = 100  # Telegram's limit per keyboard


def one_button(label: str, data: str | None) -> list[InlineKeyboardButton]:
    """A one-button list, or none when the data does not fit in callback_data."""
    return [InlineKeyboardButton(label, callback_data=data)] if data else []


def pager_row(
    kind: Kind, arg: str, offset: int, page: int, total: int
) -> list[InlineKeyboardButton]:
    """◀ and ▶ buttons around the page of `page` entries starting at `offset`, if needed."""
    row: list[InlineKeyboardButton] = []
    if offset > 0:
        previous = max(0, offset - page)
        row += one_button(f"◀ {previous + 1}–{previous + page}", encode(kind, previous, arg))
    following = offset + page
    if following < total:
        last = min(following + page, total)
        label = f"{following + 1}–{last} ▶" if last > following + 1 else f"{last} ▶"
        row += one_button(label, encode(kind, following, arg))
    return row


def entry_row(
    w: Words, entry: Entry, *, except_person: str | None = None, except_year: bool = False
) -> list[InlineKeyboardButton]:
    """ "More by <person>" (two people at most) and "Same year" under a single entry."""
    row: list[InlineKeyboardButton] = []
    for person in [p for p in entry.people if p.id != except_person][:2]:
        label = w._("More: {name}").format(name=shorten(person.name, MAX_LABEL))
        row += one_button(label, encode(Kind.MORE_BY, 0, person.id))
    if not except_year:
        year = entry.span.start.year
        label = w._("Same year ({year})").format(year=year)
        row += one_button(label, encode(Kind.SAME_YEAR, 0, str(year)))
    return row


def keyboard(*rows: Sequence[InlineKeyboardButton]) -> InlineKeyboardMarkup | None:
    """A markup of the non-empty rows, or None when there is no button at all."""
    kept = [list(row) for row in rows if row]
    return InlineKeyboardMarkup(kept) if kept else None


def examples_keyboard(questions: Sequence[str]) -> InlineKeyboardMarkup | None:
    """One button per example question; pressing it asks the question."""
    return keyboard(*[one_button(q, encode(Kind.EXAMPLE, 0, q)) for q in questions])


def language_keyboard(current: str) -> InlineKeyboardMarkup | None:
    """One button per interface language, each named in itself; the current one ticked."""
    return keyboard(
        [
            button
            for code in LANGUAGES
            for button in one_button(
                ("✓ " if code == current else "") + LANGUAGE_NAMES[code],
                encode(Kind.LANGUAGE, 0, code),
            )
        ]
    )


def source_key(name: str) -> str:
    """A chronology's name as a button carries it: 8 hex digits, so a name of any length fits
    in callback data, and a button made before a reload cannot choose another chronology."""
    return hashlib.sha256(name.encode()).hexdigest()[:8]


def sources_keyboard(
    w: Words, names: Sequence[str], current: str | None
) -> InlineKeyboardMarkup | None:
    """/sources with several chronologies: "Only <name>" per chronology and "All
    chronologies", the chat's current choice ticked; none with one chronology."""
    if len(names) < 2:
        return None
    tick = "✓ "
    rows = [
        one_button(
            (tick if name == current else "")
            + w._("Only {name}").format(name=shorten(name, MAX_LABEL)),
            encode(Kind.SOURCE, place, source_key(name)),
        )
        for place, name in enumerate(names[: MAX_BUTTONS - 1], 1)
    ]
    everything = (tick if current is None else "") + w._("All chronologies")
    rows.append(one_button(everything, encode(Kind.SOURCE, 0, "")))
    return keyboard(*rows)


def pressed_source(data: ButtonData, names: Sequence[str]) -> tuple[bool, str | None]:
    """(whether a /sources button still names a served chronology, which: None for all).
    Its place and key must agree with the chronologies served now, so stale or forged
    buttons choose nothing."""
    if data.offset == 0:
        return data.arg == "", None
    if data.offset > len(names) or source_key(names[data.offset - 1]) != data.arg:
        return False, None
    return True, names[data.offset - 1]
