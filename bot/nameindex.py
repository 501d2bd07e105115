"""The name matcher's tables inside the index, looked up on demand.

`bot.names.NameMatcher` reads its tables only through `in`, `[]`, `.get` and, for its word
and deletion tables, many keys at once (`known`, `many`: one query each). Building them
in memory took most of opening a large chronology's engine (and its memory), so the index
stores them as SQLite tables, written once by `write_name_tables`, and `open_matcher` gives
the matcher stand-ins that ask SQLite for the one row a question needs.

Person indexes are the people table's rowids minus one (file order), as in the in-memory
matcher; a name key is its words joined by spaces.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from typing import Any

from bot.name_forms import name_forms
from bot.names import MIN_FUZZY_LENGTH, NameMatcher, deletions

SCHEMA = """
CREATE TABLE name_keys (key TEXT, person INTEGER, words INTEGER, head TEXT, tail TEXT,
                        PRIMARY KEY (key, person)) WITHOUT ROWID;
CREATE TABLE name_prefixes (prefix TEXT PRIMARY KEY) WITHOUT ROWID;
CREATE TABLE name_words (word TEXT PRIMARY KEY) WITHOUT ROWID;
CREATE TABLE name_deletions (deleted TEXT, word TEXT, PRIMARY KEY (deleted, word)) WITHOUT ROWID;
"""
_INDEXES = """
CREATE INDEX name_keys_head ON name_keys (words, head);
CREATE INDEX name_keys_tail ON name_keys (words, tail);
"""


def write_name_tables(conn: sqlite3.Connection) -> None:
    """Fill the name tables from the `people` table (id, name, aliases as a JSON list)."""
    conn.executescript(SCHEMA)
    rows = conn.execute("SELECT rowid - 1, name, aliases FROM people ORDER BY rowid")
    keys: list[tuple] = []
    for index, name, aliases in rows:
        for variant in (name, *json.loads(aliases or "[]")):
            for form in name_forms(variant):
                text = " ".join(form)
                keys.append((text, index, len(form), text[:1], "$" + text[-2:]))
        if len(keys) > 10_000:
            _write_keys(conn, keys)
    _write_keys(conn, keys)
    words = [word for (word,) in conn.execute("SELECT word FROM name_words")]
    conn.executemany(
        "INSERT OR IGNORE INTO name_deletions VALUES (?, ?)",
        (
            (deleted, word)
            for word in words
            if len(word) >= MIN_FUZZY_LENGTH
            for deleted in deletions(word)
        ),
    )
    conn.executescript(_INDEXES)


def _write_keys(conn: sqlite3.Connection, keys: list[tuple]) -> None:
    conn.executemany("INSERT OR IGNORE INTO name_keys VALUES (?, ?, ?, ?, ?)", keys)
    conn.executemany(
        "INSERT OR IGNORE INTO name_prefixes VALUES (?)",
        (
            (" ".join(words[:n]),)
            for key, *_ in keys
            if " " in key
            for words in [key.split(" ")]
            for n in range(1, len(words))
        ),
    )
    conn.executemany(
        "INSERT OR IGNORE INTO name_words VALUES (?)",
        ((word,) for key, *_ in keys for word in key.split(" ")),
    )
    keys.clear()


def open_matcher(conn: sqlite3.Connection) -> NameMatcher:
    """A matcher whose tables are the index's, read as questions need them."""
    keys = _Keys(conn)
    return NameMatcher.from_tables(
        ids=_PersonIds(conn),
        keys=keys,
        prefixes=_Prefixes(conn),
        vocabulary=_Words(conn),
        deletions=_Deletions(conn),
        key_texts=_Identity(),
        key_owners=keys,
        suggest_buckets=_SuggestBuckets(conn),
    )


class _Lookup:
    """Reads of the name tables, remembered: a bot sees the same names and words again and
    again, and an answer reads a dozen of them (bounded, so memory stays flat)."""

    _REMEMBERED = 4096

    def __init__(self, conn: sqlite3.Connection):
        self._conn = conn
        self._seen: dict[tuple[str, tuple[object, ...]], tuple[tuple[Any, ...], ...]] = {}

    def _rows(self, sql: str, params: tuple[object, ...]) -> tuple[tuple[Any, ...], ...]:
        key = (sql, params)
        rows = self._seen.get(key)
        if rows is None:
            if len(self._seen) >= self._REMEMBERED:
                self._seen.clear()
            rows = self._seen[key] = tuple(self._conn.execute(sql, params).fetchall())
        return rows


class _PersonIds(_Lookup):
    def __getitem__(self, index: int) -> str:
        rows = self._rows("SELECT id FROM people WHERE rowid = ?", (index + 1,))
        if not rows:
            raise IndexError(index)
        return str(rows[0][0])


class _Keys(_Lookup):
    """Name key (a tuple of words, or their text) -> indexes of the people it names."""

    def _owners(self, key: tuple[str, ...] | str) -> tuple[int, ...]:
        text = key if isinstance(key, str) else " ".join(key)
        rows = self._rows("SELECT person FROM name_keys WHERE key = ?", (text,))
        return tuple(person for (person,) in rows)

    def __contains__(self, key: object) -> bool:
        return isinstance(key, (tuple, str)) and bool(self._owners(key))

    def __getitem__(self, key: tuple[str, ...] | str) -> tuple[int, ...]:
        owners = self._owners(key)
        if not owners:
            raise KeyError(key)
        return owners


class _Prefixes(_Lookup):
    def __contains__(self, prefix: object) -> bool:
        if not isinstance(prefix, tuple):
            return False
        sql = "SELECT 1 FROM name_prefixes WHERE prefix = ?"
        return bool(self._rows(sql, (" ".join(prefix),)))


class _Many(_Lookup):
    """A table read many keys at a time (one query for a question's dozen), each key's value
    remembered on its own, so a key asked again in another batch is not read again."""

    _SQL = ""  # (key, value) rows for the keys in the JSON list bound as the one parameter

    def __init__(self, conn: sqlite3.Connection):
        super().__init__(conn)
        self._values: dict[str, tuple[str, ...]] = {}

    def _many(self, keys: Iterable[str]) -> dict[str, tuple[str, ...]]:
        """Each of `keys` -> its values (() for a key the table lacks)."""
        wanted = list(dict.fromkeys(keys))
        if len(wanted) > self._REMEMBERED:  # more than is remembered: read, remember nothing
            return self._read(wanted)
        missing = [key for key in wanted if key not in self._values]
        if missing:
            if len(self._values) + len(missing) > self._REMEMBERED:
                self._values.clear()  # forget all, then read every wanted key again
                missing = wanted
            self._values.update(self._read(missing))
        return {key: self._values[key] for key in wanted}

    def _read(self, keys: list[str]) -> dict[str, tuple[str, ...]]:
        found: dict[str, tuple[str, ...]] = dict.fromkeys(keys, ())
        for key, value in self._conn.execute(self._SQL, (json.dumps(keys),)):
            found[key] = (*found[key], value)
        return found


class _Words(_Many):
    _SQL = """SELECT word, 1 FROM name_words
              WHERE word IN (SELECT value FROM json_each(?))"""

    def known(self, words: Iterable[str]) -> set[str]:
        """Which of `words` are name words."""
        return {word for word, found in self._many(words).items() if found}


class _Deletions(_Many):
    _SQL = """SELECT deleted, word FROM name_deletions
              WHERE deleted IN (SELECT value FROM json_each(?))"""

    def many(self, keys: Iterable[str]) -> dict[str, tuple[str, ...]]:
        """Each of `keys` that is a deletion -> the words it comes from."""
        return {key: words for key, words in self._many(keys).items() if words}


class _SuggestBuckets(_Lookup):
    """(word count, first letter or "$" + last two) -> the name keys' texts."""

    def get(self, bucket: tuple[int, str], default: object = ()) -> list[str] | object:
        words, tag = bucket
        column = "tail" if tag.startswith("$") else "head"
        sql = f"SELECT DISTINCT key FROM name_keys WHERE words = ? AND {column} = ?"
        found = [key for (key,) in self._rows(sql, (words, tag))]
        return found or default


class _Identity:
    """Key texts stand for themselves (the in-memory matcher numbers them)."""

    def __getitem__(self, key: str) -> str:
        return key
