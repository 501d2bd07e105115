"""Validate a chronology's YAML nodes into records (bot.chronology), collecting every problem.

The reader (`bot.yamlstream`) hands the checker one top-level section, one person or one
event at a time; the checker reports each problem with file, line and field, and passes every
valid piece on to a `Sink` (a list, or the index being written). People may come before or
after the events that name them: a reference to an unknown id is judged at the end.
"""

from __future__ import annotations

import re
from typing import Any

from bot.chronology import ChronologyInfo, DataIssue, Event, Person
from bot.dates import parse_date_value
from bot.nodecheck import KIND, Node, NodeChecker, is_null, suggestion
from bot.sinks import ChronologySink, CountingSink, Sink
from bot.yamlplain import PlainEvent

__all__ = ["MAX_ID_LENGTH", "Checker", "ChronologySink", "CountingSink", "Sink"]

MAX_ID_LENGTH = 64  # an entry id is also its inline result id, which Telegram caps at 64 bytes
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

_TOP_KEYS = ("chronology", "people", "events", "synonyms")
_INFO_KEYS = ("title", "publisher", "published", "url")
_PERSON_KEYS = ("name", "aliases", "description")
_EVENT_KEYS = (
    "id",
    "date",
    "date_text",
    "people",
    "text",
    "cites",
    "places",
    "tags",
    "note",
)
_EVENT_KEY_SET = frozenset(_EVENT_KEYS)


class Checker(NodeChecker):
    """Validates the pieces a reader hands it (see `bot.yamlstream.Visitor`) and passes every
    valid one on to `sink`; the shapes of values are read by `NodeChecker`."""

    def __init__(self, path: str, sink: Sink):
        super().__init__(path)
        self.sink = sink
        self.root_line: int | None = None
        self.top_lines: dict[str, int] = {}  # top-level key -> line of its first use
        self.has_info = False
        self.people_ids: set[str] = set()  # valid registry entries (invalid ones included)
        self.person_lines: dict[str, int] = {}  # person id -> line of its first use
        self.people_done = False  # the registry is complete: unknown ids are errors at once
        self.pending: list[tuple[int, str, str]] = []  # (line, field, id) to judge at the end
        self.event_lines: dict[str, int] = {}  # event id -> line of its first use
        self.streaming: str | None = None  # the streamed section being read, if wanted
        self.stream_line = 0
        self.items = 0  # entries of the streamed section so far

    # --- what a reader calls (bot.yamlstream.Visitor)

    def not_a_mapping(self, root: Node | None, base: int) -> None:
        self.base = base
        if root is None or is_null(root):
            self.report_at(None, "", "the file is empty")
        else:
            found = KIND[root.id]
            message = f"the file must be a mapping with 'chronology:' and 'events:', not {found}"
            self.report(root, "", message)
        self.root_line = -1  # nothing more to say about missing sections

    def root(self, line: int) -> None:
        self.root_line = line

    def section(self, key: Node, value: Node, base: int) -> None:
        self.base = base
        name = self.top_key(key)
        if name == "chronology":
            self.info(value)
        elif name == "people":
            if is_null(value) or not self.is_kind(value, "mapping", "people"):
                self.people_done = True
                return
            for person_key, person in value.value:
                self.person_entry(person_key, person)
            self.people_done = True
        elif name == "synonyms":
            self.sink.synonyms(self.synonyms(value))
        elif name == "events":
            if is_null(value):
                self.report(value, "events", "required field is missing")
            elif self.is_kind(value, "sequence", "events"):
                if not value.value:
                    self.report(value, "events", "the list is empty (add at least one event)")
                for item in value.value:
                    self.event_item(item)

    def begin(self, key: Node, kind: str, line: int, base: int) -> None:
        self.base = base
        name = self.top_key(key)
        self.streaming, self.stream_line, self.items = None, line, 0
        if name in ("people", "events"):
            wanted = "mapping" if name == "people" else "sequence"
            if kind == wanted:
                self.streaming = name
            else:
                message = f"expected {KIND[wanted]}, found {KIND[kind]}"
                self.report_at(line, name, message)
                self.people_done = self.people_done or name == "people"

    def person(self, key: Node, value: Node, base: int) -> None:
        if self.streaming == "people":
            self.base = base
            self.person_entry(key, value)

    def event(self, node: Node, base: int) -> None:
        if self.streaming == "events":
            self.base = base
            self.event_item(node)

    def plain_event(self, event: PlainEvent) -> None:
        if self.streaming == "events":
            valid = self.plain_valid_event(event.fields, event.id_line)
            if valid is None:  # something to report: check the node tree the usual way
                node, self.base = event.compose()
                self.event_item(node)
            else:
                self.items += 1
                self.sink.event(valid)

    def end(self) -> None:
        if self.streaming == "people":
            self.people_done = True
        elif self.streaming == "events" and not self.items:
            self.report_at(self.stream_line, "events", "the list is empty (add at least one event)")
        self.streaming = None

    def finish(self) -> list[DataIssue]:
        """Judge what could only be judged at the end; every problem, sorted by line."""
        if self.root_line != -1:
            for key in ("chronology", "events"):
                if key not in self.top_lines:
                    self.report_at(self.root_line, key, "required field is missing")
        for line, field, person_id in self.pending:
            if person_id not in self.people_ids:
                hint = suggestion(person_id, self.people_ids) or " (add it under 'people:')"
                self.report_at(line, field, f"unknown person id {person_id!r}{hint}")
        # Sorted by line so the operator can fix the file top to bottom.
        return sorted(self.issues, key=lambda issue: issue.line or 0)

    # --- sections

    def top_key(self, key: Node) -> str | None:
        """The top-level key's name, unless it is reported as unknown, duplicate or not text."""
        if key.id != "scalar":
            self.report(key, "", f"a key must be plain text, not {KIND[key.id]}")
            return None
        name: str = key.value
        first = self.top_lines.get(name)
        if first is not None:
            self.report(key, name, f"duplicate key {name!r} (first at line {first})")
            return None
        self.top_lines[name] = self.line(key)
        if name not in _TOP_KEYS:
            self.report(key, name, f"unknown key {name!r}{suggestion(name, _TOP_KEYS)}")
            return None
        return name

    def info(self, node: Node) -> None:
        """The `chronology:` header."""
        if is_null(node):
            self.report(node, "chronology", "required field is missing")
            return
        if not self.is_kind(node, "mapping", "chronology"):
            return
        fields = self.fields(node, "chronology", _INFO_KEYS)
        title = self.text(fields, "chronology", "title", required=node)
        publisher = self.text(fields, "chronology", "publisher")
        published = self.date(fields, "chronology", "published")
        url = self.text(fields, "chronology", "url")
        if title is not None:
            info = ChronologyInfo(title, publisher, published[0] if published else None, url)
            self.sink.info(info)

    def synonyms(self, node: Node) -> tuple[tuple[str, ...], ...]:
        """The optional `synonyms:` mapping, term -> list of terms of the same meaning."""
        if is_null(node) or not self.is_kind(node, "mapping", "synonyms"):
            return ()
        groups = []
        for term, value in self.fields(node, "synonyms", None).items():
            owner = f"synonyms.{term}"
            if not term.strip():
                self.report(value, "synonyms", "a term must not be empty")
                continue
            others: tuple[str, ...]
            if value.id == "scalar" and not is_null(value):
                others = (self.text({"value": value}, owner, "value") or "",)
            else:
                others = self.text_list({term: value}, "synonyms", term)
                if not others:
                    self.report(value, owner, "give at least one term of the same meaning")
                    continue
            groups.append(tuple(dict.fromkeys([term.strip(), *filter(None, others)])))
        return tuple(groups)

    def person_entry(self, key: Node, value: Node) -> None:
        """One entry of the `people:` registry."""
        if key.id != "scalar":
            self.report(key, "people", f"a key must be plain text, not {KIND[key.id]}")
            return
        person_id = key.value
        first = self.person_lines.get(person_id)
        owner = f"people.{person_id}"
        if first is not None:
            self.report(key, owner, f"duplicate key {person_id!r} (first at line {first})")
            return
        self.person_lines[person_id] = self.line(key)
        if not person_id:
            self.report(value, "people", "a person id must not be empty")
            return
        if not self.is_kind(value, "mapping", owner):
            return
        fields = self.fields(value, owner, _PERSON_KEYS)
        name = self.text(fields, owner, "name", required=value)
        aliases = self.text_list(fields, owner, "aliases")
        description = self.text(fields, owner, "description")
        # Registered even when invalid, so its events do not also report an unknown id.
        self.people_ids.add(person_id)
        self.sink.person(Person(person_id, name or person_id, aliases, description))

    def event_item(self, node: Node) -> None:
        """One entry of `events:`; passed on to the sink when it has no problem."""
        owner = f"events[{self.items}]"
        self.items += 1
        if not self.is_kind(node, "mapping", owner):
            return
        problems_before = len(self.issues)
        fields = self.fields(node, owner, _EVENT_KEYS)
        event_id = self.text(fields, owner, "id", required=node)
        if event_id is not None:
            self.check_id(event_id, fields["id"], owner)
        date = self.date(fields, owner, "date", required=node)
        date_text = self.text(fields, owner, "date_text")
        person_ids = self.text_list(fields, owner, "people")
        # The common case, every id known and listed once, is decided without the nodes.
        known = self.people_ids
        if person_ids and not (
            len(set(person_ids)) == len(person_ids) and all(p in known for p in person_ids)
        ):
            self.check_people(fields["people"], owner)
        text = self.text(fields, owner, "text", required=node)
        cites = self.text_list(fields, owner, "cites")
        places = self.text_list(fields, owner, "places")
        tags = self.text_list(fields, owner, "tags")
        note = self.text(fields, owner, "note")
        if len(self.issues) > problems_before or event_id is None or date is None or not text:
            return
        date_value, span = date
        event = Event(
            event_id, date_value, span, text, date_text, person_ids, cites, places, tags, note
        )
        self.sink.event(event)

    def plain_valid_event(self, fields: dict[str, Any], id_line: int) -> Event | None:
        """The event of `fields` (see `bot.yamlplain`) when it is valid, else None, changing
        nothing: `event_item` then finds and reports its problems on the node tree."""
        if not _EVENT_KEY_SET.issuperset(fields):
            return None
        event_id, date, text = fields.get("id"), fields.get("date"), fields.get("text")
        if type(event_id) is not str or type(date) is not str or type(text) is not str:
            return None
        event_id, date, text = event_id.strip(), date.strip(), text.strip()
        if (
            not (text and date and _SLUG.match(event_id))
            or len(event_id) > MAX_ID_LENGTH
            or event_id in self.event_lines
        ):
            return None
        span = self.spans.get(date)
        if span is None:
            try:
                span = self.spans[date] = parse_date_value(date)
            except ValueError:
                return None
        get = fields.get
        date_text, note = get("date_text", ""), get("note", "")
        people, cites, places, tags = (
            get("people", ()),
            get("cites", ()),
            get("places", ()),
            get("tags", ()),
        )
        if str in (type(people), type(cites), type(places), type(tags)) or not (
            type(date_text) is str and type(note) is str
        ):
            return None
        # Items as the checker reads them: stripped, none empty (else it has errors to report).
        people, cites, places, tags = (
            _stripped(people),
            _stripped(cites),
            _stripped(places),
            _stripped(tags),
        )
        if "" in people or "" in cites or "" in places or "" in tags:
            return None
        if people and not (len(set(people)) == len(people) and self.people_ids.issuperset(people)):
            return None
        self.event_lines[event_id] = id_line
        return Event(
            event_id,
            date,
            span,
            text,
            date_text.strip() or None,
            people,
            cites,
            places,
            tags,
            note.strip() or None,
        )

    # --- cross-checks

    def check_id(self, event_id: str, node: Node, owner: str) -> None:
        """Event ids are short slugs, unique in the file."""
        if not _SLUG.match(event_id):
            message = (
                f"{event_id!r} is not a valid id "
                "(use lowercase letters a-z, digits and single hyphens between them)"
            )
            self.report(node, f"{owner}.id", message)
        elif len(event_id) > MAX_ID_LENGTH:
            message = (
                f"{event_id!r} is {len(event_id)} characters long; ids may have at most "
                f"{MAX_ID_LENGTH} (they are Telegram's inline result ids)"
            )
            self.report(node, f"{owner}.id", message)
        elif event_id in self.event_lines:
            message = f"duplicate id {event_id!r} (first used at line {self.event_lines[event_id]})"
            self.report(node, f"{owner}.id", message)
        else:
            self.event_lines[event_id] = self.line(node)

    def check_people(self, node: Node, owner: str) -> None:
        """Every person an event names is in the registry, once."""
        seen: set[str] = set()
        for index, item in enumerate(node.value):
            if item.id != "scalar":
                continue  # already reported by text_list
            person_id = item.value.strip()
            field = f"{owner}.people[{index}]"
            if person_id in seen:
                self.report(item, field, f"person {person_id!r} is listed twice")
            elif person_id and person_id not in self.people_ids:
                if self.people_done:
                    hint = suggestion(person_id, self.people_ids) or " (add it under 'people:')"
                    self.report(item, field, f"unknown person id {person_id!r}{hint}")
                else:  # the registry may come later in the file
                    self.pending.append((self.line(item), field, person_id))
            seen.add(person_id)


def _stripped(items: list[str] | tuple[()]) -> tuple[str, ...]:
    """The items of a list, stripped (most lists hold one or two)."""
    return tuple(map(str.strip, items)) if items else ()
