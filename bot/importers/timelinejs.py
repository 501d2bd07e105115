"""A TimelineJS JSON file (its `events[]`) as a draft chronology.

TimelineJS dates are objects ({"year": 1987, "month": 11, "day": 3}); texts are HTML. A file
written by `chronobot export --format timelinejs` also carries each entry's own fields under
"chronobot", which are read back as they are, so an export imports to the same entries.
"""

from __future__ import annotations

import contextlib
import html
import json
import re
from typing import Any

from bot.dates import DateSpan, days_in_month, parse_date_value
from bot.importers.dating import date_value
from bot.importers.draft import Draft, DraftEntry, ImportProblem
from bot.importers.people import People, attach_people

_TAG = re.compile(r"<[^>]+>")
_BREAK = re.compile(r"<\s*(?:br|/p|/div|/li)\s*/?>", re.IGNORECASE)


def plain_text(markup: object) -> str:
    """HTML as plain text: tags dropped, entities decoded, whitespace collapsed."""
    if not isinstance(markup, str):
        return ""
    return " ".join(html.unescape(_TAG.sub("", _BREAK.sub(" ", markup))).split())


def import_timelinejs(text: str, path: str, known: People | None = None) -> Draft:
    """Draft a chronology from TimelineJS JSON."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise ImportProblem(path, error.lineno, f"not valid JSON: {error.msg}") from None
    events = data.get("events") if isinstance(data, dict) else None
    if not isinstance(events, list):
        raise ImportProblem(path, 1, 'no "events" list: this is not a TimelineJS file')
    title = data.get("title") or {}
    headline = (
        plain_text((title.get("text") or {}).get("headline")) if isinstance(title, dict) else ""
    )
    draft = Draft(title=headline or path.rsplit("/", 1)[-1].rsplit(".", 1)[0])
    if not headline:
        draft.checks.append("the file has no title: the file name is used")
    extra = data.get("chronobot") if isinstance(data.get("chronobot"), dict) else {}
    for key in ("publisher", "published", "url"):
        if isinstance(extra.get(key), str):
            setattr(draft, key, extra[key])
    lines = _event_lines(text)
    names: list[list[str] | None] = []
    for number, event in enumerate(events):
        line = lines[number] if number < len(lines) else 1
        entry, listed = _entry(event, line, draft)
        if entry is not None:
            draft.entries.append(entry)
            names.append(listed)
    _link(draft, names, known)
    return draft


def _event_lines(text: str) -> list[int]:
    """Line of each event's "start_date" key, in order (for messages about an event)."""
    return [text.count("\n", 0, m.start()) + 1 for m in re.finditer(r'"start_date"', text)]


def _span(value: Any, end: bool = False) -> DateSpan | None:
    """A TimelineJS date object as the days it covers; None when it is not a date."""
    if not isinstance(value, dict):
        return None
    try:
        year = int(value["year"])
        month = int(value["month"]) if value.get("month") not in (None, "") else None
        day = int(value["day"]) if value.get("day") not in (None, "") else None
        import datetime as dt

        if month is None:
            return DateSpan(dt.date(year, 1, 1), dt.date(year, 12, 31))
        if day is None:
            return DateSpan(
                dt.date(year, month, 1), dt.date(year, month, days_in_month(year, month))
            )
        return DateSpan(dt.date(year, month, day), dt.date(year, month, day))
    except (KeyError, TypeError, ValueError):
        return None


def _object(value: object) -> dict:
    """`value` when it is a JSON object, else an empty one."""
    return value if isinstance(value, dict) else {}


def _entry(event: Any, line: int, draft: Draft) -> tuple[DraftEntry | None, list[str] | None]:
    if not isinstance(event, dict):
        draft.unreadable.append((line, "an event that is not an object: skipped"))
        return None, None
    start = _span(event.get("start_date"))
    end = _span(event.get("end_date")) if event.get("end_date") else start
    if start is None or end is None or end.end < start.start:
        draft.unreadable.append((line, "could not read start_date/end_date: event skipped"))
        return None, None
    own, texts = _object(event.get("chronobot")), _object(event.get("text"))
    headline, body = plain_text(texts.get("headline")), plain_text(texts.get("text"))
    display = plain_text(
        event.get("display_date") or _object(event.get("start_date")).get("display_date")
    )
    if headline == display:  # a slide headed by its date: the date is no text
        headline = ""
    text = _text(own.get("text")) or (
        f"{headline.rstrip('.')}. {body}" if headline and body else body or headline
    )
    if not text:
        draft.unreadable.append((line, "an event without text: skipped"))
        return None, None
    date = date_value(DateSpan(start.start, end.end))
    written = _text(own.get("date"))
    with contextlib.suppress(ValueError):
        # The export's own value keeps its form ("2019/2019"); the dates above are the check.
        if written and parse_date_value(written) == DateSpan(start.start, end.end):
            date = written
    entry = DraftEntry(date, text, line)
    entry.date_text = _text(own.get("date_text")) or display or None
    entry.id = _text(own.get("id")) or _text(event.get("unique_id")) or None
    group = plain_text(event.get("group"))
    entry.tags = _texts(own.get("tags")) if "tags" in own else ([group] if group else [])
    entry.cites, entry.places = _texts(own.get("cites")), _texts(own.get("places"))
    entry.note = _text(own.get("note")) or None
    listed = own.get("people")
    return entry, _texts(listed) if isinstance(listed, list) else None


def _text(value: object) -> str:
    """A JSON value as one line of text ("" for anything that is not a string)."""
    return " ".join(value.split()) if isinstance(value, str) else ""


def _texts(value: object) -> list[str]:
    """A JSON list as its non-empty strings."""
    if not isinstance(value, list):
        return []
    return [text for item in value if (text := _text(item))]


def _link(draft: Draft, names: list[list[str] | None], known: People | None) -> None:
    """People as listed by an export, else found in the events' text."""
    listed = draft.entries and all(names_ is not None for names_ in names)
    attach_people(draft, [names_ or [] for names_ in names] if listed else None, known)
