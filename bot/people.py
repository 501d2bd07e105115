"""The people of an index, read by id when a question or an entry needs them."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Mapping

from bot.answer import PersonInfo

_COLUMNS = "id, name, aliases, description, entry_count"


class PeopleTable(Mapping[str, PersonInfo]):
    """Person id -> PersonInfo over the index's `people` table, in file order.

    A chronology of a million entries names about a hundred thousand people; loading them all
    made every `chronobot ask` pay for everyone. Rows are read on demand and the recently used
    ones kept (a bounded cache: the busiest people recur in most answers).
    """

    _CACHE_SIZE = 4096

    def __init__(self, conn: sqlite3.Connection):
        self._conn = conn
        self._cache: dict[str, PersonInfo | None] = {}
        self._count: int | None = None

    def __getitem__(self, person_id: str) -> PersonInfo:
        if person_id in self._cache:
            found = self._cache[person_id]
        else:
            row = self._conn.execute(
                f"SELECT {_COLUMNS} FROM people WHERE id = ?", (person_id,)
            ).fetchone()
            found = _person(row) if row else None
            if len(self._cache) >= self._CACHE_SIZE:
                self._cache.clear()
            self._cache[person_id] = found
        if found is None:
            raise KeyError(person_id)
        return found

    def get(self, person_id: str, default: PersonInfo | None = None) -> PersonInfo | None:  # type: ignore[override]
        """The person, or `default` when the index has no such id (one lookup, where
        Mapping's `in` then `[]` would make two)."""
        try:
            return self[person_id]
        except KeyError:
            return default

    def __contains__(self, person_id: object) -> bool:
        return isinstance(person_id, str) and self.get(person_id) is not None

    def __iter__(self) -> Iterator[str]:
        for (person_id,) in self._conn.execute("SELECT id FROM people ORDER BY rowid"):
            yield person_id

    def __len__(self) -> int:
        if self._count is None:
            self._count = self._conn.execute("SELECT count(*) FROM people").fetchone()[0]
        return self._count

    def busiest(self, limit: int) -> list[PersonInfo]:
        """The `limit` people in the most entries, most first (one query: a scan of the
        people table, 16 ms at a hundred thousand people)."""
        rows = self._conn.execute(
            f"SELECT {_COLUMNS} FROM people ORDER BY entry_count DESC, rowid LIMIT ?", (limit,)
        )
        return [_person(row) for row in rows]

    def all(self) -> list[PersonInfo]:
        """Everyone, in file order (one query)."""
        rows = self._conn.execute(f"SELECT {_COLUMNS} FROM people ORDER BY rowid")
        return [_person(row) for row in rows]


def _person(row: tuple) -> PersonInfo:
    person_id, name, aliases, description, count = row
    return PersonInfo(person_id, name, tuple(json.loads(aliases or "[]")), description, count)
