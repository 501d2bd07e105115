"""SQL for the engine: FTS5 match expressions and the constraint subqueries.

User text never reaches SQL: every value is a bound parameter, and every word in an FTS5
expression is a quoted string, so no input can be FTS5 syntax.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.dates import DateSpan


def fts_query(terms: tuple[str, ...]) -> str:
    """An FTS5 MATCH expression that ORs the terms, each quoted so no input is syntax."""
    # NUL ends a C string inside SQLite's parser: it is the one character quoting cannot carry.
    quoted = ['"' + term.replace("\x00", "").replace('"', '""') + '"' for term in terms]
    return " OR ".join(quoted) or '""'


@dataclass(frozen=True, slots=True)
class Constraint:
    """Person groups (AND across groups, OR within one) and a date span, as SQL."""

    groups: tuple[tuple[str, ...], ...]
    span: DateSpan | None

    @property
    def is_empty(self) -> bool:
        return not self.groups and self.span is None

    def sql(self, max_span_days: int) -> tuple[str, list]:
        """A subquery of the matching rowids, and its parameters.

        People lead when named (their link rows are few); otherwise the date range is an
        index range on start_day, bounded below by the longest span in the data.
        """
        params: list = []
        clauses: list[str] = []
        if self.groups:
            table, column, prefix = "event_people ep", "ep.event_rowid", "ep."
            clauses.append(f"ep.person_id IN ({','.join('?' * len(self.groups[0]))})")
            params.extend(self.groups[0])
        else:
            table, column, prefix = "events e", "e.rowid", "e."
        if self.span is not None:
            start, end = self.span.start.toordinal(), self.span.end.toordinal()
            clauses.append(
                f"{prefix}start_day <= ? AND {prefix}start_day >= ? AND {prefix}end_day >= ?"
            )
            params.extend([end, start - max_span_days, start])
        for group in self.groups[1:]:
            clauses.append(
                f"{column} IN (SELECT event_rowid FROM event_people"
                f" WHERE person_id IN ({','.join('?' * len(group))}))"
            )
            params.extend(group)
        where = " AND ".join(clauses) or "1"
        distinct = "DISTINCT " if self.groups else ""
        return f"SELECT {distinct}{column} AS rowid FROM {table} WHERE {where}", params
