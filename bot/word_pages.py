"""Entries holding a question's words when nothing else constrains it (no person, no date):
how many, and one page of them, best first.

Ranked by bm25 (entries of preferred people first, then those holding more of the words);
by date when an order word was asked, or when the words match more entries than bm25 can
rank in time (`RANK_LIMIT`): then those holding every word come first. `bot.ranking.Pages`
fetches the page's rows.
"""

from __future__ import annotations

import sqlite3

from bot.answer import NEWEST
from bot.search import fts_all, fts_any, fts_concept, fts_within

# Up to this many entries are ordered in Python (preferred people first, coverage, role and
# date fit); more are paged by SQLite.
SORT_IN_PYTHON = 5000


class WordPages:
    """Word-only pages of one built index."""

    # Up to this many entries matching some of several words are ordered by how many of the
    # words they hold; beyond it bm25 alone orders them (it favours those holding more, and
    # SQLite then stops after one page instead of scoring every match in Python).
    _COVERAGE_SORT = 300

    def __init__(self, conn: sqlite3.Connection, weights: str):
        self._conn = conn
        self._weights = weights

    def page(
        self,
        concepts: tuple[tuple[str, ...], ...],
        phrases: tuple[str, ...],
        order: str | None,
        limit: int,
        offset: int,
        prefer: tuple[str, ...] = (),
        chronology: int | None = None,
    ) -> tuple[list[tuple[int, float | None]], int]:
        """Entries holding any of the concepts: those of preferred people first, then those
        holding more of the concepts, then bm25 (or by date when an order was asked)."""
        match = fts_any(concepts, phrases)
        within, scope = fts_within("events_fts.rowid", chronology)
        total = self._conn.execute(
            f"SELECT count(*) FROM events_fts WHERE events_fts MATCH ?{within}", (match, *scope)
        ).fetchone()[0]
        if order is not None:
            # "the first woman in space": the earliest of the entries holding every word, then
            # of those holding some; a word alone would otherwise pick the oldest entry of all.
            newest = order == NEWEST
            page = self._by_date_every_word_first(
                concepts, match, limit, offset, chronology, newest
            )
            return page, total
        if total > self.RANK_LIMIT:
            page = self._by_date_every_word_first(concepts, match, limit, offset, chronology)
            return page, total
        by_coverage = len(concepts) > 1 and total <= self._COVERAGE_SORT
        if (by_coverage or prefer) and total <= SORT_IN_PYTHON:
            scored = self._conn.execute(
                f"SELECT rowid, bm25(events_fts, {self._weights}) FROM events_fts"
                f" WHERE events_fts MATCH ?{within}",
                (match, *scope),
            ).fetchall()
            hits = {rowid for rowid, _ in scored}
            coverage = self._coverage(concepts, hits) if by_coverage else {}
            preferred = entries_naming(self._conn, prefer, hits)
            scored.sort(
                key=lambda pair: (
                    pair[0] not in preferred,
                    -coverage.get(pair[0], 0),
                    pair[1],
                    pair[0],
                )
            )
            return scored[offset : offset + limit], total
        return self._by_bm25(match, limit, offset, chronology), total

    # bm25 reads every match's sizes and positions: ranking a few hundred thousand matches of
    # common words took 0.1-1 s at a million entries, 5,000 about 7 ms. Past this many matches
    # the words are not ranked but paged newest first, which SQLite stops after one page of
    # (the engine says so); counting the matches stays exact and cheap (FTS5 doclists).
    RANK_LIMIT = 5_000

    def _by_bm25(
        self, match: str, limit: int, offset: int, chronology: int | None
    ) -> list[tuple[int, float | None]]:
        within, scope = fts_within("events_fts.rowid", chronology)
        return self._conn.execute(
            f"""SELECT rowid, bm25(events_fts, {self._weights}) AS score
                FROM events_fts WHERE events_fts MATCH ?{within}
                ORDER BY score, rowid LIMIT ? OFFSET ?""",
            (match, *scope, limit, offset),
        ).fetchall()

    def _by_date(
        self, match: str, limit: int, offset: int, chronology: int | None, newest: bool
    ) -> list[tuple[int, float | None]]:
        within, scope = fts_within("events_fts.rowid", chronology)
        direction = "DESC" if newest else "ASC"
        return self._conn.execute(
            f"""SELECT rowid, NULL FROM events_fts WHERE events_fts MATCH ?{within}
                ORDER BY rowid {direction} LIMIT ? OFFSET ?""",
            (match, *scope, limit, offset),
        ).fetchall()

    def _count(self, match: str, chronology: int | None, upto: int | None = None) -> int:
        """How many entries `match` holds (counting stops past `upto`, if given)."""
        within, scope = fts_within("events_fts.rowid", chronology)
        sql = f"SELECT 1 FROM events_fts WHERE events_fts MATCH ?{within}"
        if upto is None:
            return int(
                self._conn.execute(f"SELECT count(*) FROM ({sql})", (match, *scope)).fetchone()[0]
            )
        counted = f"SELECT count(*) FROM ({sql} LIMIT ?)"
        return int(self._conn.execute(counted, (match, *scope, upto + 1)).fetchone()[0])

    def _by_date_every_word_first(
        self,
        concepts: tuple[tuple[str, ...], ...],
        match: str,
        limit: int,
        offset: int,
        chronology: int | None,
        newest: bool = True,
    ) -> list[tuple[int, float | None]]:
        """A page of matches by date (an order word; or too many to rank: newest first),
        those holding every concept before the others. Only the entries before the page are
        counted (a few thousand at most for a first page; SQLite stops there)."""
        if len(concepts) < 2:
            return self._by_date(match, limit, offset, chronology, newest)
        every = fts_all(concepts)
        held = self._count(every, chronology, upto=offset + limit)
        page = self._by_date(every, limit, offset, chronology, newest) if offset < held else []
        wanted = offset + limit - max(offset, held)
        if wanted > 0:
            rest = f"({match}) NOT ({every})"
            page += self._by_date(rest, wanted, max(0, offset - held), chronology, newest)
        return page

    def _coverage(self, concepts: tuple[tuple[str, ...], ...], rowids: set[int]) -> dict[int, int]:
        """How many of the concepts each of `rowids` holds."""
        counts: dict[int, int] = {}
        for forms in concepts:
            for (rowid,) in self._conn.execute(
                "SELECT rowid FROM events_fts WHERE events_fts MATCH ?", (fts_concept(forms),)
            ):
                if rowid in rowids:
                    counts[rowid] = counts.get(rowid, 0) + 1
        return counts


def entries_naming(conn: sqlite3.Connection, people: tuple[str, ...], among: set[int]) -> set[int]:
    """Of the entries `among`, those naming any of `people`."""
    if not people or not among:
        return set()
    marks = ",".join("?" * len(people))
    found = conn.execute(  # within the entries' range: not every entry of theirs
        f"""SELECT event_rowid FROM event_people WHERE person_id IN ({marks})
            AND event_rowid BETWEEN ? AND ?""",
        (*people, min(among), max(among)),
    )
    return {rowid for (rowid,) in found if rowid in among}
