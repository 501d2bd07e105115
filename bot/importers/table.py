"""A spreadsheet (CSV or TSV with a header row) as a draft chronology.

Columns are found by the names timeline tools use, in any case: date (or start date, or the
TimelineJS template's year/month/day), end date, display date, headline, text, people, places,
tags (or group), source, note, id. A cell may hold several values separated by ";" or "|"
(people also by commas, between whole names). Dates are read as questions read them: ISO
values, "12.04.1961" and "20/07/1969" (day first), "March 1986", "12 апреля 1961".
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Callable

from bot.dates import DateSpan, parse_date_value
from bot.importers.dating import date_value, read_date
from bot.importers.draft import Draft, DraftEntry, ImportProblem
from bot.importers.people import People, attach_people

# Each field's column names, English ones first, then русские (compared in lowercase).
COLUMNS = {
    "date": ("date", "start date", "start", "from", "when", "дата", "начало", "когда", "с"),
    "year": ("year", "start year", "год"),
    "month": ("month", "start month", "месяц"),
    "day": ("day", "start day", "день", "число"),
    "end": ("end date", "end", "to", "until", "конец", "окончание", "дата окончания", "по"),
    "end year": ("end year", "год окончания"),
    "end month": ("end month", "месяц окончания"),
    "end day": ("end day", "день окончания"),
    "display": ("display date", "date text", "date as written", "дата как в источнике"),
    "headline": ("headline", "title", "заголовок", "название"),
    "text": ("text", "description", "event", "entry", "what", "текст", "описание", "событие"),
    "people": ("people", "person", "persons", "who", "люди", "лица", "персоны", "кто"),
    "places": ("places", "place", "location", "locations", "where", "места", "место", "где"),
    "tags": (
        "tags", "tag", "group", "groups", "category", "categories", "topics",
        "теги", "метки", "категория", "категории", "темы", "тема",
    ),
    "cites": (
        "source", "sources", "cites", "citation", "citations", "источник", "источники",
    ),
    "note": ("note", "notes", "comment", "примечание", "примечания", "комментарий"),
    "id": ("id", "unique id", "ид", "идентификатор"),
}  # fmt: skip
_SPLIT = re.compile(r"\s*[;|]\s*")


def _column_key(header: str) -> str:
    return " ".join(re.sub(r"[_\-]", " ", header).lower().split())


def import_table(
    text: str, path: str, known: People | None = None, delimiter: str | None = None
) -> Draft:
    """Draft a chronology from a table's text; `delimiter` None means sniffed (",", ";", tab)."""
    if delimiter is None:
        first = text.split("\n", 1)[0]
        delimiter = max((",", ";", "\t"), key=first.count)
    # A StringIO, not lines: a quoted cell may hold line breaks (spreadsheets export them).
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        raise ImportProblem(path, 1, "the table is empty: it needs a header row") from None
    where = _find_columns(header, path)
    draft = Draft(title=path.rsplit("/", 1)[-1].rsplit(".", 1)[0])
    draft.checks.append("the title is the file name: give the chronology its real title")
    names: list[list[str]] = []
    try:
        for row in reader:
            line = reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            cell = _cells(row, where)
            entry = _entry(cell, line, draft)
            if entry is not None:
                draft.entries.append(entry)
                names.append(_people(cell("people")))
    except csv.Error as error:
        raise ImportProblem(path, reader.line_num, f"unreadable table row ({error})") from None
    attach_people(draft, names if "people" in where else None, known)
    return draft


def _find_columns(header: list[str], path: str) -> dict[str, int]:
    where: dict[str, int] = {}
    for index, name in enumerate(header):
        key = _column_key(name)
        for field, names in COLUMNS.items():
            if key in names and field not in where:
                where[field] = index
    if "date" not in where and "year" not in where:
        raise ImportProblem(
            path, 1, f"no date column in the header ({', '.join(header)}): name one 'date'"
        )
    if "text" not in where and "headline" not in where:
        raise ImportProblem(path, 1, f"no text column in the header ({', '.join(header)})")
    return where


def _cells(row: list[str], where: dict[str, int]) -> Callable[[str], str]:
    def cell(field: str) -> str:
        index = where.get(field)
        return row[index].strip() if index is not None and index < len(row) else ""

    return cell


def _values(text: str) -> list[str]:
    return [value for value in _SPLIT.split(text) if value]


def _people(text: str) -> list[str]:
    """A people cell's names: separated by ";" or "|", or by commas when every part is a
    whole name ("Neil Armstrong, Buzz Aldrin"; "Armstrong, Neil" stays one name)."""
    names = []
    for value in _values(text):
        parts = [part.strip() for part in value.split(",")]
        if len(parts) > 1 and all(len(part.split()) >= 2 for part in parts):
            names.extend(parts)
        else:
            names.append(value)
    return names


def _entry(cell: Callable[[str], str], line: int, draft: Draft) -> DraftEntry | None:
    """One row as an entry, or None (reported) when its date cannot be read."""
    start_words = cell("date") or _joined_date(cell("year"), cell("month"), cell("day"))
    end_words = cell("end") or _joined_date(cell("end year"), cell("end month"), cell("end day"))
    start = _span(start_words)
    end = _span(end_words) if end_words else start
    if start is None or end is None or end.end < start.start:
        bad = start_words if start is None else end_words
        draft.unreadable.append((line, f"could not read the date {bad!r}: row skipped"))
        return None
    headline, text = cell("headline"), cell("text")
    if headline and text and not text.startswith(headline):
        text = f"{headline.rstrip('.')}. {text}"
    if not (text or headline):
        draft.unreadable.append((line, "no text: row skipped"))
        return None
    entry = DraftEntry(date_value(DateSpan(start.start, end.end)), text or headline, line)
    entry.date_text = cell("display") or None
    entry.cites, entry.places = _values(cell("cites")), _values(cell("places"))
    entry.tags, entry.note = _values(cell("tags")), cell("note") or None
    entry.id = cell("id") or None
    return entry


def _joined_date(year: str, month: str, day: str) -> str:
    """The TimelineJS template's year, month and day cells as one date ("1987-11-03")."""
    if not year:
        return ""
    if not month:
        return year
    if month.isdigit() and (not day or day.isdigit()):
        return f"{year}-{int(month):02d}" + (f"-{int(day):02d}" if day else "")
    return f"{day} {month} {year}".strip()


def _span(words: str) -> DateSpan | None:
    """A cell's date: a data value ("1987-11-03", "1983-03/1983-05") or words ("Nov. 3, 1987")."""
    if not words:
        return None
    try:
        return parse_date_value(words)
    except ValueError:
        pass
    if len(words) > 10:  # a timestamp: "1987-11-03T10:00:00"
        try:
            return _as_span(dt.date.fromisoformat(words[:10]))
        except ValueError:
            pass
    found = read_date(words)
    return found.span if found else None


def _as_span(day: dt.date) -> DateSpan:
    return DateSpan(day, day)
