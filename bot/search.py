"""SQL for the engine: FTS5 match expressions and the constraint subqueries.

User text never reaches SQL: every value is a bound parameter, and every word in an FTS5
expression is a quoted string, so no input can be FTS5 syntax.
"""

from __future__ import annotations

from typing import NamedTuple

from bot.dates import DateSpan


def _quoted(word: str) -> str:
    # NUL ends a C string inside SQLite's parser: it is the one character quoting cannot carry.
    return '"' + word.replace("\x00", "").replace('"', '""') + '"'


def fts_query(terms: tuple[str, ...]) -> str:
    """An FTS5 MATCH expression that ORs the terms, each quoted so no input is syntax."""
    return " OR ".join(_quoted(term) for term in terms) or '""'


def _alternative(form: str) -> str:
    """One form of a term: a word, a prefix ("meteor*", added by the engine only) or several
    words that must all appear ("shake hands": in any column, as "shook hands" is indexed as
    the text's "hands" and the base form "shake")."""
    if form.endswith("*") and " " not in form:
        return _quoted(form[:-1].replace("*", "")) + "*"
    if len(form) > 2 and form[0] == form[-1] == '"':  # a phrase the question quoted
        return _quoted(form[1:-1])
    words = [_quoted(word.replace("*", "")) for word in form.split()]
    return words[0] if len(words) == 1 else "(" + " AND ".join(words) + ")"


def fts_concept(forms: tuple[str, ...]) -> str:
    """An entry holds a concept when it holds any of its forms."""
    return "(" + " OR ".join(_alternative(form) for form in forms) + ")"


def fts_any(concepts: tuple[tuple[str, ...], ...], phrases: tuple[str, ...] = ()) -> str:
    """Entries holding any concept; phrases (quoted whole) only add to their bm25 rank."""
    parts = [fts_concept(forms) for forms in concepts if forms]
    parts += [_quoted(phrase) for phrase in phrases]
    return " OR ".join(parts) or '""'


# The SQL function `bot.ranking.Pages` registers on its connection: is this rowid an entry of
# that chronology? (A set lookup: far cheaper than reading each matching entry's row.)
IN_CHRONOLOGY = "in_chronology"


def fts_within(column: str, chronology: int | None) -> tuple[str, tuple[int, ...]]:
    """A condition (" AND ...") keeping FTS rows of one chronology, and its parameters; none
    for every chronology. The words drive the search; each match is then checked."""
    if chronology is None:
        return "", ()
    return f" AND {IN_CHRONOLOGY}({column}, ?)", (chronology,)


def fts_all(concepts: tuple[tuple[str, ...], ...]) -> str:
    """Entries holding every concept."""
    return " AND ".join(fts_concept(forms) for forms in concepts if forms) or '""'


class Constraint(NamedTuple):
    """Person groups (AND across groups, OR within one) and a date span, as SQL."""

    groups: tuple[tuple[str, ...], ...]
    spans: tuple[DateSpan, ...] = ()  # any of these periods
    # People whose entries rank first without filtering: the close names of an unknown one.
    prefer: tuple[str, ...] = ()
    excluded: tuple[str, ...] = ()  # entries naming any of these people are left out
    # Only entries of this chronology (rowid of `chronologies`); None: every chronology.
    # A scope, not part of the question: `is_empty` ignores it.
    chronology: int | None = None

    @property
    def is_empty(self) -> bool:
        return not self.groups and not self.spans and not self.excluded

    @property
    def span(self) -> DateSpan | None:
        """The one asked period, or None when there are none or several."""
        return self.spans[0] if len(self.spans) == 1 else None

    @property
    def table(self) -> str:
        """What the conditions read: the link table when people lead (their rows are few,
        and carry the entries' dates), otherwise the events themselves."""
        return "event_people ep" if self.groups else "events e"

    def where(self, max_span_days: int) -> tuple[str, list]:
        """The conditions on `table` and their parameters.

        A date is an index range on start_day, bounded below by the longest span in the data.
        """
        prefix, column = ("ep.", "ep.event_rowid") if self.groups else ("e.", "e.rowid")
        params: list = []
        clauses: list[str] = []
        if self.groups:
            clauses.append(f"ep.person_id IN ({','.join('?' * len(self.groups[0]))})")
            params.extend(self.groups[0])
        periods = []
        for span in self.spans:
            start, end = span.start.toordinal(), span.end.toordinal()
            periods.append(
                f"{prefix}start_day <= ? AND {prefix}start_day >= ? AND {prefix}end_day >= ?"
            )
            params.extend([end, start - max_span_days, start])
        if periods:
            clauses.append("(" + " OR ".join(f"({period})" for period in periods) + ")")
        for group in self.groups[1:]:
            clauses.append(
                f"{column} IN (SELECT event_rowid FROM event_people"
                f" WHERE person_id IN ({','.join('?' * len(group))}))"
            )
            params.extend(group)
        if self.excluded:
            clauses.append(
                f"{column} NOT IN (SELECT event_rowid FROM event_people"
                f" WHERE person_id IN ({','.join('?' * len(self.excluded))}))"
            )
            params.extend(self.excluded)
        if self.chronology is not None:
            # The link table has no chronology column: each person's rows are checked. On the
            # events, `+` keeps SQLite on the date index (the chronology's own index would
            # look selective, and then every entry of the chronology is read and sorted).
            scope = f"{IN_CHRONOLOGY}(ep.event_rowid, ?)" if self.groups else "+e.source = ?"
            clauses.append(scope)
            params.append(self.chronology)
        return " AND ".join(clauses) or "1", params

    def sql(self, max_span_days: int) -> tuple[str, list]:
        """A subquery of the matching rowids (column `rowid`), and its parameters."""
        where, params = self.where(max_span_days)
        if self.groups:
            return (
                f"SELECT DISTINCT ep.event_rowid AS rowid FROM {self.table} WHERE {where}",
                params,
            )
        # The date columns let `date_order` walk the (start_day, end_day) index.
        columns = "e.rowid AS rowid, e.start_day AS start_day, e.end_day AS end_day"
        return f"SELECT {columns} FROM {self.table} WHERE {where}", params

    @property
    def date_order(self) -> str:
        """ORDER BY for the subquery of `sql`, in date order (rowid order, see bot.index).

        Without people it names the date columns, so SQLite walks the date index and stops
        after one page instead of sorting every entry of a wide range by rowid.
        """
        return "rowid" if self.groups else "start_day, end_day, rowid"
