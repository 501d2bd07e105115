"""What a timeline picture shows: a question's entries as marks (or counts) in lanes.

The entries come from the engine's own answer, so the picture always agrees with the text
reply. Up to `MARK_LIMIT` entries are drawn one by one; above that (thousands) the picture
is a histogram per lane (entries per year, or per month over a short span), whose counts are
read straight from the index for the same selection the engine made, cheaply even for
100,000 entries.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from bot.answer import Answer, Entry
from bot.dates import DateSpan
from bot.engine import Engine
from bot.render import shorten
from bot.render_reading import notice_text
from bot.search import Constraint, fts_any, fts_within
from bot.words import ENGLISH, N_, Words

MARK_LIMIT = 1000  # more entries than this are drawn as a histogram
PERSON_LANES = 8  # the most present people get a lane each; everyone else shares one
YEAR, MONTH = "year", "month"
LABEL_CHARS = 34  # a label is a short date and a topic, cut to this many characters
OTHERS, NO_PERSON = N_("Others"), N_("No person named")  # the shared lane's names


@dataclass(frozen=True, slots=True)
class Lane:
    """One horizontal band: a person's entries, or (person_id None) everyone else's."""

    person_id: str | None
    name: str
    count: int  # entries drawn in this lane


@dataclass(frozen=True, slots=True)
class Mark:
    """One entry as the picture needs it: where it lies, in which lanes, and its label."""

    start: int  # first day (proleptic ordinal)
    end: int  # last day
    interval: bool  # a real interval in the data ("A/B"): drawn as a bar
    lanes: tuple[int, ...]  # indexes into Timeline.lanes; the first one carries the label
    label: str


@dataclass(frozen=True, slots=True)
class Timeline:
    """Everything the layout needs, with no Pillow and no geometry."""

    question: str
    title: str  # the chronology's title
    total: int  # entries the answer matched
    people_count: int  # distinct people those entries name
    first_day: int  # the entries' span (ordinals); meaningless when total is 0
    last_day: int
    asked: tuple[DateSpan, ...]  # the question's periods (usually one, or none), shaded
    notice: str | None  # the engine's note when the answer is a relaxed alternative
    lanes: tuple[Lane, ...]
    marks: tuple[Mark, ...] = ()  # one per entry (mark mode)
    # Histogram mode, per lane: first day of a year (or month) -> entries touching it.
    counts: tuple[dict[int, int], ...] = ()
    unit: str = YEAR  # what one bar of the histogram counts: YEAR or MONTH

    @property
    def is_histogram(self) -> bool:
        return bool(self.counts)


def next_bin(first_day: int, unit: str) -> int:
    """The first day of the year (or month) after the one starting on `first_day`."""
    day = dt.date.fromordinal(first_day)
    if unit == MONTH:
        return (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1).toordinal()
    return dt.date(day.year + 1, 1, 1).toordinal() if day.year < dt.MAXYEAR else first_day + 365


def collect_timeline(
    engine: Engine, question: str, words: Words = ENGLISH, chronology: str | None = None
) -> Timeline:
    """The timeline of `question`'s answer (an empty question: the whole chronology), its
    labels dated in `words`' language; `chronology`: from that one only (see Engine.ask)."""
    # The count first: a histogram needs no entries.
    answer = engine.ask(question, limit=0, chronology=chronology)
    if answer.total <= MARK_LIMIT:
        answer = engine.ask(question, limit=MARK_LIMIT, chronology=chronology)
        return timeline_of_entries(answer, answer.results, words)
    counted = _histogram_from_index(engine, answer)
    if counted is not None:
        return counted
    rows, names = _paged_rows(engine, answer)
    return timeline_of_rows(answer, rows, names)


def index_identity(engine: Engine) -> str:
    """What the engine's index was built from (the data's sha256): equal data, equal pictures."""
    row = engine.connection.execute("SELECT value FROM meta WHERE key = 'content_hash'").fetchone()
    return row[0] if row and row[0] else f"engine-{id(engine)}"


def timeline_of_entries(
    answer: Answer, entries: Sequence[Entry], words: Words = ENGLISH
) -> Timeline:
    """Mark mode: each entry a mark with a label, in the lanes of the people it names."""
    entries = sorted(entries, key=lambda e: (e.span.start, e.span.end))
    names = {p.id: p.name for e in entries for p in e.people}
    people = [tuple(p.id for p in e.people) for e in entries]
    presence = Counter(pid for ids in people for pid in set(ids))
    keep = _top_people(presence, lambda pid: names.get(pid, pid))
    lane_of = {pid: i for i, pid in enumerate(keep)}
    in_lanes = [_lanes_of(ids, lane_of) for ids in people]
    rest = sum(1 for lanes in in_lanes if lanes == (len(keep),))
    topics = _topic_rarity(entries)
    marks = tuple(
        Mark(
            start=e.span.start.toordinal(),
            end=e.span.end.toordinal(),
            interval="/" in e.date,
            lanes=lanes,
            label=short_label(e, topics, words),
        )
        for e, lanes in zip(entries, in_lanes, strict=True)
    )
    return _timeline(
        answer,
        _lanes(keep, presence, names, rest),
        len(presence),
        (min(m.start for m in marks), max(m.end for m in marks)) if marks else (0, 0),
        marks=marks,
    )


def timeline_of_rows(
    answer: Answer, rows: Sequence[tuple[int, int, tuple[str, ...]]], names: Mapping[str, str]
) -> Timeline:
    """Histogram mode from (first day, last day, person ids) rows: entries per lane per year."""
    presence = Counter(pid for _, _, ids in rows for pid in set(ids))
    keep = _top_people(presence, lambda pid: names.get(pid, pid))
    lane_of = {pid: i for i, pid in enumerate(keep)}
    spans: list[list[tuple[int, int, int]]] = [[] for _ in range(len(keep) + 1)]
    for start, end, ids in rows:
        for lane in _lanes_of(ids, lane_of):
            spans[lane].append((start, end, 1))
    lanes = _lanes(keep, presence, names, len(spans[-1]))
    first = min((start for start, _, _ in rows), default=0)
    last = max((end for _, end, _ in rows), default=0)
    unit = _unit(first, last)
    counts = tuple(_per_bin(lane_spans, unit) for lane_spans in spans[: len(lanes)])
    return _timeline(answer, lanes, len(presence), (first, last), counts=counts, unit=unit)


def _unit(first: int, last: int) -> str:
    """Bars per month when the entries lie within ten calendar years (a bar is then at least
    eight pixels wide), else per year."""
    return MONTH if _year(last) - _year(first) < 10 else YEAR


def _per_bin(spans: Iterable[tuple[int, int, int]], unit: str) -> dict[int, int]:
    """Entries per year (or month) from (first day, last day, how many) spans, keyed by the
    bin's first day.

    An entry spanning several years counts in each of them: a busy year is one that many
    entries touch.
    """
    counts: Counter[int] = Counter()
    # Each day's bin and each bin's end, remembered: many entries share days and bins.
    bins: dict[int, tuple[int, int]] = {}
    for start, end, weight in spans:
        found = bins.get(start)
        if found is None:
            first = _bin_of(start, unit)
            found = bins[start] = (first, next_bin(first, unit))
        first, following = found
        counts[first] += weight
        while following <= end:  # an entry reaching into later years counts there too
            counts[following] += weight
            following = next_bin(following, unit)
    return dict(counts)


def _bin_of(ordinal: int, unit: str) -> int:
    day = dt.date.fromordinal(ordinal)
    return day.replace(day=1).toordinal() if unit == MONTH else dt.date(day.year, 1, 1).toordinal()


def _timeline(
    answer: Answer,
    lanes: tuple[Lane, ...],
    people_count: int,
    days: tuple[int, int],
    *,
    marks: tuple[Mark, ...] = (),
    counts: tuple[dict[int, int], ...] = (),
    unit: str = YEAR,
) -> Timeline:
    return Timeline(
        question=answer.question.strip(),
        title=answer.source.title,
        total=answer.total,
        people_count=people_count,
        first_day=days[0],
        last_day=days[1],
        asked=answer.interpretation.spans,
        notice=notice_text(answer) if answer.relaxed else None,
        lanes=lanes,
        marks=marks,
        counts=counts,
        unit=unit,
    )


def _top_people(presence: Mapping[str, int], name_of: Callable[[str], str]) -> list[str]:
    """The people who get a lane, most present first (equals by name): the most present (equals
    by id, so only the kept names are ever looked up), all if one lane more would hold
    everybody (clearer than a lane of "others" with one person in it)."""
    ranked = sorted(presence, key=lambda pid: (-presence[pid], pid))
    keep = ranked if len(ranked) <= PERSON_LANES + 1 else ranked[:PERSON_LANES]
    return sorted(keep, key=lambda pid: (-presence[pid], name_of(pid)))


def _lanes(
    keep: list[str], presence: Mapping[str, int], names: Mapping[str, str], rest: int
) -> tuple[Lane, ...]:
    """A lane per kept person, then one for the `rest` entries naming none of them."""
    lanes = [Lane(pid, names.get(pid, pid), presence[pid]) for pid in keep]
    if rest:
        name = OTHERS if len(presence) > len(keep) else NO_PERSON  # worded by the layout
        lanes.append(Lane(None, name, rest))
    return tuple(lanes)


def _lanes_of(people: tuple[str, ...], lane_of: dict[str, int]) -> tuple[int, ...]:
    """The lanes an entry is drawn in, most present person first; else the shared lane."""
    lanes = sorted({lane_of[p] for p in people if p in lane_of})
    return tuple(lanes) if lanes else (len(lane_of),)


def _topic_rarity(entries: Sequence[Entry]) -> Counter[str]:
    return Counter(tag for e in entries for tag in set(e.tags))


def short_label(entry: Entry, topics: Counter[str], words: Words = ENGLISH) -> str:
    """The entry's date as answers show it and what the entry is about: its rarest tag, a
    place, or its first words."""
    when = words.entry_date(entry.date_text, entry.span)
    if len(when) > 18:  # "Early in the autumn of 1999": the period alone is shorter
        when = words.period(entry.span)
    if entry.tags:
        topic = min(entry.tags, key=lambda tag: (topics[tag], entry.tags.index(tag)))
    elif entry.places:
        topic = entry.places[0]
    else:
        topic = " ".join(entry.text.split()[:4])
    return shorten(f"{when} · {topic}", LABEL_CHARS)


def _year(ordinal: int) -> int:
    return dt.date.fromordinal(ordinal).year


# -- every matching entry, for the histogram -----------------------------------------------


def _histogram_from_index(engine: Engine, answer: Answer) -> Timeline | None:
    """Histogram mode counted by SQLite over the answer's whole selection.

    The selection is rebuilt from the engine's reading of the question with the same SQL
    building blocks the engine uses, and checked against the answer's count: None when they
    differ (a relaxed reading this cannot rebuild), and the caller pages through instead.
    """
    parsed = engine.parse(answer.question)
    meaning = parsed.interpretation
    groups = parsed.groups
    if answer.relaxed and len(groups) > 1:  # "entries for any of them"
        groups = (tuple(dict.fromkeys(p for g in groups for p in g)),)
    conn = engine.connection
    number = None  # the one chronology asked, as the index numbers it
    if answer.interpretation.chronology is not None:
        found = conn.execute(
            "SELECT rowid FROM chronologies WHERE name = ?", (answer.interpretation.chronology,)
        ).fetchone()
        number = found[0] if found else None
    constraint = Constraint(groups, meaning.spans, chronology=number)
    unused = set(meaning.unused_terms)
    known = tuple(
        concept
        for term, concept in zip(meaning.terms, parsed.concepts, strict=False)
        if term not in unused
    )
    params: list = []
    selection: str | None = None  # the selected rowids; None: every entry
    if constraint.is_empty and known:  # words alone select: entries holding any of them
        within, scope = fts_within("events_fts.rowid", number)
        selection = f"SELECT rowid FROM events_fts WHERE events_fts MATCH ?{within}"
        params = [fts_any(known, meaning.phrases), *scope]
    elif not constraint.is_empty:
        row = conn.execute("SELECT value FROM meta WHERE key = 'max_span_days'").fetchone()
        subquery, params = constraint.sql(int(row[0]) if row else dt.date.max.toordinal())
        selection = f"SELECT rowid FROM ({subquery})"
    elif number is not None:  # the whole of one chronology
        selection, params = "SELECT rowid FROM events WHERE source = ?", [number]
    # The whole chronology needs no selection at all (five times faster at 100k entries).
    source = f"rowid IN ({selection})" if selection else "1"
    linked = f"event_rowid IN ({selection})" if selection else "1"
    count, first, last = conn.execute(
        f"SELECT count(*), min(start_day), max(end_day) FROM events WHERE {source}", params
    ).fetchone()
    if count != answer.total:
        return None
    presence = dict(
        conn.execute(
            f"SELECT person_id, count(*) FROM event_people WHERE {linked} GROUP BY person_id",
            params,
        ).fetchall()
    )
    keep = _top_people(presence, lambda pid: _name(engine, pid))
    names = {pid: _name(engine, pid) for pid in keep}  # only the lanes' people are looked up
    marks = ",".join("?" * len(keep))
    spans: dict[str, list[tuple[int, int, int]]] = {pid: [] for pid in keep}
    for pid, start, end, weight in conn.execute(
        "SELECT person_id, start_day, end_day, count(*) FROM event_people"
        f" WHERE person_id IN ({marks}) AND {linked} GROUP BY 1, 2, 3",
        (*keep, *params),
    ):
        spans[pid].append((start, end, weight))
    rest = conn.execute(
        f"SELECT start_day, end_day, count(*) FROM events WHERE {source} AND rowid NOT IN"
        f" (SELECT event_rowid FROM event_people WHERE person_id IN ({marks})) GROUP BY 1, 2",
        (*params, *keep),
    ).fetchall()
    lanes = _lanes(keep, presence, names, sum(weight for _, _, weight in rest))
    unit = _unit(first, last)
    counts = [_per_bin(spans[pid], unit) for pid in keep] + ([_per_bin(rest, unit)] if rest else [])
    return _timeline(answer, lanes, len(presence), (first, last), counts=tuple(counts), unit=unit)


def _name(engine: Engine, person_id: str) -> str:
    person = engine.person(person_id)
    return person.name if person else person_id


def _paged_rows(
    engine: Engine, answer: Answer
) -> tuple[list[tuple[int, int, tuple[str, ...]]], dict[str, str]]:
    """(first day, last day, person ids) of every entry of the answer, page by page, and the
    names of those people."""
    rows: list[tuple[int, int, tuple[str, ...]]] = []
    names: dict[str, str] = {}
    for offset in range(0, answer.total, MARK_LIMIT):
        page = engine.ask(
            answer.question,
            limit=MARK_LIMIT,
            offset=offset,
            chronology=answer.interpretation.chronology,
        )
        for e in page.results:
            rows.append(
                (e.span.start.toordinal(), e.span.end.toordinal(), tuple(p.id for p in e.people))
            )
            names.update((p.id, p.name) for p in e.people)
    return rows, names
