"""`chronobot export`: a chronology as TimelineJS JSON (for a web timeline) or CSV (for a
spreadsheet). `chronobot import` reads both back to the same entries."""

from __future__ import annotations

import csv
import html
import io
import json

from bot.data import Chronology, Event

CSV_COLUMNS = ("id", "date", "display date", "text", "people", "places", "tags", "source", "note")


def _names(chronology: Chronology, event: Event) -> list[str]:
    return [chronology.people[person_id].name for person_id in event.people]


def export_csv(chronology: Chronology) -> str:
    """One row per entry; people by name; lists joined by "; "."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for event in chronology.events:
        writer.writerow(
            (
                event.id,
                event.date,
                event.date_text or "",
                event.text,
                "; ".join(_names(chronology, event)),
                "; ".join(event.places),
                "; ".join(event.tags),
                "; ".join(event.cites),
                event.note or "",
            )
        )
    return out.getvalue()


def _timeline_date(value: str, display: str | None) -> dict[str, object]:
    parts = [int(part) for part in value.split("-")]
    date: dict[str, object] = dict(zip(("year", "month", "day"), parts, strict=False))
    if display:
        date["display_date"] = display
    return date


def export_timelinejs(chronology: Chronology) -> str:
    """TimelineJS JSON: `events[]` with dates, HTML text and the first tag as `group`; each
    event keeps its own fields under "chronobot" for a lossless import."""
    info = chronology.info
    events = []
    for event in chronology.events:
        start, _, end = event.date.partition("/")
        item: dict[str, object] = {
            "start_date": _timeline_date(start, event.date_text),
            "text": {
                "headline": html.escape(event.date_text or ""),
                "text": f"<p>{html.escape(event.text)}</p>"
                + (f"<p><i>{html.escape(event.note)}</i></p>" if event.note else ""),
            },
            "unique_id": event.id,
        }
        if end:
            item["end_date"] = _timeline_date(end, None)
        if event.date_text:
            item["display_date"] = event.date_text
        if event.tags:
            item["group"] = event.tags[0]
        item["chronobot"] = {
            "id": event.id,
            "date": event.date,
            "date_text": event.date_text,
            "text": event.text,
            "people": _names(chronology, event),
            "cites": list(event.cites),
            "places": list(event.places),
            "tags": list(event.tags),
            "note": event.note,
        }
        events.append(item)
    title = {
        "text": {"headline": html.escape(info.title), "text": html.escape(info.publisher or "")}
    }
    extra = {
        key: getattr(info, key) for key in ("publisher", "published", "url") if getattr(info, key)
    }
    return (
        json.dumps(
            {"title": title, "events": events, "chronobot": extra}, ensure_ascii=False, indent=1
        )
        + "\n"
    )
