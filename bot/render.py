"""Answer -> text (console), JSON (CLI) and HTML (Telegram). The only place replies are worded.

All data and user text going into HTML passes through `html.escape`.
"""

from __future__ import annotations

from bot.engine import Answer, Entry, Source

TELEGRAM_LIMIT = 4096  # visible characters per message


def render_json(answer: Answer) -> dict:
    """The CLI's `--json` object (a stable contract: keep the keys)."""
    raise NotImplementedError


def render_text(answer: Answer) -> str:
    """Plain text for the console chat: exactly what the bot says, without markup."""
    raise NotImplementedError


def render_lead(answer: Answer) -> str:
    """HTML: one line saying how the question was read ("Dmitri Rogozin · 2013 · 2 entries")."""
    raise NotImplementedError


def render_entry_html(entry: Entry, source: Source, terms: tuple[str, ...] = ()) -> str:
    """HTML of one entry: bold date, text with `terms` highlighted, people, cites, citation."""
    raise NotImplementedError


def render_html(answer: Answer, *, max_chars: int = TELEGRAM_LIMIT) -> str:
    """HTML of the lead and every entry in `answer.results`, within `max_chars` visible chars."""
    raise NotImplementedError


def inline_title(entry: Entry) -> str:
    """Plain text title of an inline result: "Feb. 16, 2013 — Dmitri Rogozin"."""
    raise NotImplementedError


def inline_description(entry: Entry, max_chars: int = 120) -> str:
    """Plain text snippet of the entry for an inline result."""
    raise NotImplementedError
