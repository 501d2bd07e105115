"""Which language each user reads, and /language to choose it.

A user gets the language of their Telegram app (`language_code`: ru → Russian, anything else
or nothing → English) until they choose one with /language. That choice is the one thing the
bot keeps about a user: a row (user id → language) in a small SQLite file beside the index
(`Config.languages_path`), created by the first choice and trimmed to the most recent
`capacity` choices.
"""

from __future__ import annotations

import logging
import sqlite3
import time
from pathlib import Path

from telegram import Update, User

from bot.words import LANGUAGES, Words, language_for, words_for

logger = logging.getLogger(__name__)

CAPACITY = 100_000  # users whose choice is kept; the least recently chosen go first
_SCHEMA = """CREATE TABLE IF NOT EXISTS languages (
    user_id INTEGER PRIMARY KEY,
    language TEXT NOT NULL,
    chosen REAL NOT NULL
)"""


class LanguageStore:
    """User id → chosen interface language, in SQLite; nothing is written before a choice."""

    def __init__(self, path: Path, capacity: int = CAPACITY):
        self.path = path
        self.capacity = capacity
        self._conn: sqlite3.Connection | None = None

    def _connect(self, *, create: bool) -> sqlite3.Connection | None:
        if self._conn is None and (create or self.path.exists()):
            self.path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(self.path, timeout=5, isolation_level=None)
            conn.execute(_SCHEMA)
            self._conn = conn
        return self._conn

    def chosen(self, user_id: int) -> str | None:
        """The language `user_id` chose, or None when they never did (or it is unreadable)."""
        try:
            conn = self._connect(create=False)
            if conn is None:
                return None
            row = conn.execute(
                "SELECT language FROM languages WHERE user_id = ?", (user_id,)
            ).fetchone()
        except sqlite3.Error as error:  # a broken file must not stop the bot from answering
            logger.warning("Cannot read the language choices in %s: %s", self.path, error)
            return None
        return row[0] if row and row[0] in LANGUAGES else None

    def choose(self, user_id: int, language: str) -> None:
        """Keep `user_id`'s choice, forgetting the least recent choices beyond `capacity`."""
        conn = self._connect(create=True)
        assert conn is not None
        with conn:
            conn.execute("BEGIN IMMEDIATE")
            conn.execute(
                "INSERT OR REPLACE INTO languages (user_id, language, chosen) VALUES (?, ?, ?)",
                (user_id, language, time.time()),
            )
            conn.execute(
                """DELETE FROM languages WHERE user_id NOT IN
                   (SELECT user_id FROM languages ORDER BY chosen DESC LIMIT ?)""",
                (self.capacity,),
            )

    def __len__(self) -> int:
        conn = self._connect(create=False)
        return conn.execute("SELECT count(*) FROM languages").fetchone()[0] if conn else 0

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None


def language_of(user: User | None, store: LanguageStore) -> str:
    """The interface language of `user`: their /language choice, else their app's language."""
    if user is None:
        return language_for(None)
    return store.chosen(user.id) or language_for(user.language_code)


def words_of(update: object, store: LanguageStore) -> Words:
    """The `Words` for whoever sent `update` (English for updates without a user)."""
    user = update.effective_user if isinstance(update, Update) else None
    return words_for(language_of(user, store))
