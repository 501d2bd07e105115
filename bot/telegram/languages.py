"""What users and chats chose, kept on disk: each user's language, each chat's chronology.

A user gets the language of their Telegram app (`language_code`: ru → Russian, anything else
or nothing → English) until they choose one with /language. That choice is the one thing the
bot keeps about a user: a row (user id → language) in a small SQLite file beside the index
(`Config.languages_path`), created by the first choice and trimmed to the most recent
`capacity` choices.

A chat whose questions are limited to one chronology (/sources, with several) has a row in
the same file (chat id → the chronology's name). The name, not a number, is kept: after a
reload the choice holds while a chronology of that name is served, and is dropped (the chat
is told) once it is not.
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


class _Choices:
    """One table of choices (an id → a value) in the SQLite file beside the index; nothing is
    written before a choice, and only the most recent `capacity` choices are kept."""

    _table = ""  # the table, its key column and its value column (set by each kind)
    _key = ""
    _value = ""

    def __init__(self, path: Path, capacity: int = CAPACITY):
        self.path = path
        self.capacity = capacity
        self._conn: sqlite3.Connection | None = None

    def _connect(self, *, create: bool) -> sqlite3.Connection | None:
        if self._conn is None and (create or self.path.exists()):
            self.path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(self.path, timeout=5, isolation_level=None)
            conn.execute(
                f"""CREATE TABLE IF NOT EXISTS {self._table} (
                    {self._key} INTEGER PRIMARY KEY,
                    {self._value} TEXT NOT NULL,
                    chosen REAL NOT NULL
                )"""
            )
            self._conn = conn
        return self._conn

    def _chosen(self, key: int) -> str | None:
        """The value chosen for `key`, or None when none was (or the file is unreadable)."""
        try:
            conn = self._connect(create=False)
            if conn is None:
                return None
            row = conn.execute(
                f"SELECT {self._value} FROM {self._table} WHERE {self._key} = ?", (key,)
            ).fetchone()
        except sqlite3.Error as error:  # a broken file must not stop the bot from answering
            logger.warning("Cannot read the %s choices in %s: %s", self._table, self.path, error)
            return None
        return row[0] if row else None

    def _choose(self, key: int, value: str | None) -> None:
        """Keep the choice (None: forget it), forgetting the least recent beyond `capacity`."""
        conn = self._connect(create=value is not None)
        if conn is None:
            return  # nothing to forget: nothing was ever chosen
        with conn:
            conn.execute("BEGIN IMMEDIATE")
            if value is None:
                conn.execute(f"DELETE FROM {self._table} WHERE {self._key} = ?", (key,))
                return
            conn.execute(
                f"INSERT OR REPLACE INTO {self._table} ({self._key}, {self._value}, chosen)"
                " VALUES (?, ?, ?)",
                (key, value, time.time()),
            )
            conn.execute(
                f"""DELETE FROM {self._table} WHERE {self._key} NOT IN
                   (SELECT {self._key} FROM {self._table} ORDER BY chosen DESC LIMIT ?)""",
                (self.capacity,),
            )

    def __len__(self) -> int:
        conn = self._connect(create=False)
        return conn.execute(f"SELECT count(*) FROM {self._table}").fetchone()[0] if conn else 0

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None


class LanguageStore(_Choices):
    """User id → chosen interface language."""

    _table, _key, _value = "languages", "user_id", "language"

    def chosen(self, user_id: int) -> str | None:
        """The language `user_id` chose, or None when they never did (or it is unreadable)."""
        language = self._chosen(user_id)
        return language if language in LANGUAGES else None

    def choose(self, user_id: int, language: str) -> None:
        """Keep `user_id`'s choice, forgetting the least recent choices beyond `capacity`."""
        self._choose(user_id, language)


class ChronologyStore(_Choices):
    """Chat id → the chronology (its name) the chat's questions are limited to."""

    _table, _key, _value = "chat_chronologies", "chat_id", "chronology"

    def chosen(self, chat_id: int) -> str | None:
        """The name the chat chose, or None: every chronology."""
        return self._chosen(chat_id)

    def choose(self, chat_id: int, name: str | None) -> None:
        """Limit the chat to chronology `name`; None: every chronology again."""
        self._choose(chat_id, name)

    def resolve(self, chat_id: int, served: tuple[str, ...]) -> tuple[str | None, str | None]:
        """(the chronology to answer the chat from, or None for all; the chat's choice when
        it is no longer `served`, now forgotten, or None)."""
        name = self.chosen(chat_id)
        if name is None or name in served:
            return name, None
        self.choose(chat_id, None)
        return None, name


def language_of(user: User | None, store: LanguageStore) -> str:
    """The interface language of `user`: their /language choice, else their app's language."""
    if user is None:
        return language_for(None)
    return store.chosen(user.id) or language_for(user.language_code)


def words_of(update: object, store: LanguageStore) -> Words:
    """The `Words` for whoever sent `update` (English for updates without a user)."""
    user = update.effective_user if isinstance(update, Update) else None
    return words_for(language_of(user, store))
