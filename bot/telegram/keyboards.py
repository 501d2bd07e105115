"""Inline keyboards: ◀ ▶ pages, "more by this person" / "same year", example questions."""

from __future__ import annotations

from collections.abc import Sequence

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.answer import Entry
from bot.telegram.callbacks import Kind, encode

MAX_LABEL = 32  # characters of a name on a button


def _button(label: str, data: str | None) -> list[InlineKeyboardButton]:
    """A one-button list, or none when the data does not fit in callback_data."""
    return [InlineKeyboardButton(label, callback_data=data)] if data else []


def _short(text: str) -> str:
    return text if len(text) <= MAX_LABEL else text[: MAX_LABEL - 1] + "…"


def pager_row(
    kind: Kind, arg: str, offset: int, page: int, total: int
) -> list[InlineKeyboardButton]:
    """◀ and ▶ buttons around the page of `page` entries starting at `offset`, if needed."""
    row: list[InlineKeyboardButton] = []
    if offset > 0:
        previous = max(0, offset - page)
        row += _button(f"◀ {previous + 1}–{previous + page}", encode(kind, previous, arg))
    following = offset + page
    if following < total:
        last = min(following + page, total)
        label = f"{following + 1}–{last} ▶" if last > following + 1 else f"{last} ▶"
        row += _button(label, encode(kind, following, arg))
    return row


def entry_row(
    entry: Entry, *, except_person: str | None = None, except_year: bool = False
) -> list[InlineKeyboardButton]:
    """ "More by <person>" (two people at most) and "Same year" under a single entry."""
    row: list[InlineKeyboardButton] = []
    for person in [p for p in entry.people if p.id != except_person][:2]:
        row += _button(f"More: {_short(person.name)}", encode(Kind.MORE_BY, 0, person.id))
    if not except_year:
        year = entry.span.start.year
        row += _button(f"Same year ({year})", encode(Kind.SAME_YEAR, 0, str(year)))
    return row


def keyboard(*rows: Sequence[InlineKeyboardButton]) -> InlineKeyboardMarkup | None:
    """A markup of the non-empty rows, or None when there is no button at all."""
    kept = [list(row) for row in rows if row]
    return InlineKeyboardMarkup(kept) if kept else None


def examples_keyboard(questions: Sequence[str]) -> InlineKeyboardMarkup | None:
    """One button per example question; pressing it asks the question."""
    return keyboard(*[_button(q, encode(Kind.EXAMPLE, 0, q)) for q in questions])
