"""The tables of a chronology's index: what every builder and reader of an index agrees on.

Bump SCHEMA_VERSION when anything here changes: an index of another version is rebuilt,
never misread.
"""

from __future__ import annotations

import json

SCHEMA_VERSION = "11"

# FTS5 columns in order, with their bm25 weights: a person's name or a place in an entry
# says more about what it is about than one word of its running text.
FTS_COLUMNS: tuple[tuple[str, float], ...] = (
    ("text", 1.0),
    ("note", 0.5),
    ("people_names", 3.0),
    ("places", 2.0),
    ("tags", 2.0),
    ("cites", 1.5),
    # Base forms of the irregular words of text and note ("shook" -> "shake"): see bot.lang.en;
    # and the stems of the Russian words ("космосе" -> "космос"): see bot.lang.ru.
    ("lemmas", 1.0),
)
FTS_TOKENIZE = "porter unicode61 remove_diacritics 2"


def to_json(items: tuple[str, ...]) -> str:
    """A list of strings as JSON, as `json.dumps(items, ensure_ascii=False)` writes it.

    Called four times per entry: json.dumps' own set-up per call was a tenth of a build.
    """
    if not items:
        return "[]"
    return "[" + ", ".join(map(_json_string, items)) + "]"


_json_string = json.encoder.encode_basestring

# Table schemas, created by sqlite-utils; rows are then added in bulk (see bot.indexwriter).
EVENT_COLUMNS = {
    "rowid": int,
    "id": str,
    "date": str,
    "date_text": str,
    "start_day": int,
    "end_day": int,
    "text": str,
    "note": str,
    "people_names": str,
    "places": str,
    "tags": str,
    "cites": str,
    "lemmas": str,
    "people_json": str,
    "places_json": str,
    "tags_json": str,
    "cites_json": str,
    "source": int,  # the chronology (rowid of `chronologies`) the entry comes from
}
PEOPLE_COLUMNS = {"id": str, "name": str, "aliases": str, "description": str, "entry_count": int}
# `lead` is 1 where the person is named first: the one who acts, not a passing mention.
LINK_COLUMNS = {
    "person_id": str, "start_day": int, "end_day": int, "event_rowid": int, "lead": int,
}  # fmt: skip
CHRONOLOGY_COLUMNS = {
    "rowid": int, "name": str, "path": str, "title": str, "publisher": str, "url": str,
    "published": str,
}  # fmt: skip


def publication(cite: str) -> str:
    """The paper or outlet a citation names: what comes before its first comma ("EIR, Oct. 5,
    2001" -> "EIR"); "Kommersant" stays as it is."""
    return cite.split(",", 1)[0].strip()


def insert_sql(table: str, columns: dict[str, type]) -> str:
    """An INSERT of one row of `columns` into `table`, with ? placeholders."""
    names = ", ".join(f"[{name}]" for name in columns)
    return f"INSERT INTO [{table}] ({names}) VALUES ({', '.join('?' * len(columns))})"
