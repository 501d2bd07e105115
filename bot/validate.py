"""Validate a chronology's YAML nodes into records (bot.chronology), collecting every problem.

The reader (`bot.yamlstream`) hands the checker one top-level section, one person or one
event at a time; the checker reports each problem with file, line and field, and passes every
valid piece on to a `Sink` (a list, or the index being written). People may come before or
after the events that name them: a reference to an unknown id is judged at the end.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any, Protocol

from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from bot.chronology import Chronology, ChronologyInfo, DataIssue, Event, Person
from bot.dates import DateSpan, parse_date_value
from bot.yamlplain import PlainEvent

# The nodes of a composed file (their `id` says which: "scalar", "sequence", "mapping").
_Node = ScalarNode | SequenceNode | MappingNode

_NULL_TAG = "tag:yaml.org,2002:null"
_TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"
# Scalars a text field accepts, taken as written: `name: 2001` is the text "2001".
_TEXT_TAGS = frozenset(
    "tag:yaml.org,2002:" + name for name in ("str", "int", "float", "bool", "timestamp")
)
_PLAIN_DATE = re.compile(r"^\d{4}-\d\d-\d\d$")
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
_LIST_KEYS = ("people", "cites", "places", "tags")
_KIND = {"scalar": "a single value", "sequence": "a list", "mapping": "a mapping"}


class Sink(Protocol):
    """Where the checker sends every valid piece of a chronology, in file order."""

    def info(self, info: ChronologyInfo) -> None: ...

    def person(self, person: Person) -> None: ...

    def event(self, event: Event) -> None: ...

    def synonyms(self, groups: tuple[tuple[str, ...], ...]) -> None: ...


class ChronologySink:
    """Collects the pieces into a `Chronology` (for files small enough to hold)."""

    def __init__(self) -> None:
        self.header: ChronologyInfo | None = None
        self.people: dict[str, Person] = {}
        self.events: list[Event] = []
        self.groups: tuple[tuple[str, ...], ...] = ()

    def info(self, info: ChronologyInfo) -> None:
        self.header = info

    def synonyms(self, groups: tuple[tuple[str, ...], ...]) -> None:
        self.groups = groups

    def person(self, person: Person) -> None:
        self.people[person.id] = person

    def event(self, event: Event) -> None:
        self.events.append(event)

    def chronology(self) -> Chronology:
        assert self.header is not None
        return Chronology(self.header, self.people, tuple(self.events), self.groups)


class CountingSink:
    """Counts what a valid file holds, keeping nothing (`chronobot validate`)."""

    def __init__(self) -> None:
        self.people = self.events = 0

    def restart(self) -> CountingSink:
        self.people = self.events = 0
        return self

    def info(self, info: ChronologyInfo) -> None:
        pass

    def person(self, person: Person) -> None:
        self.people += 1

    def event(self, event: Event) -> None:
        self.events += 1

    def synonyms(self, groups: tuple[tuple[str, ...], ...]) -> None:
        pass


class Checker:
    """Validates the pieces a reader hands it (see `bot.yamlstream.Visitor`).

    Fields are named by `owner` (the enclosing mapping's path, "" at the top) and `key`; the
    dotted path is only built when a problem is reported, because on a valid file of a million
    events the happy path runs tens of millions of times. `base` is the number of file lines
    before the node tree being checked (a reader composes the file in pieces).
    """

    def __init__(self, path: str, sink: Sink):
        self.path = path
        self.sink = sink
        self.issues: list[DataIssue] = []
        self.base = 0
        # Date text -> span: large chronologies repeat dates, and parsing one is the dearest check.
        self.spans: dict[str, DateSpan] = {}
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

    def line(self, node: _Node) -> int:
        """The file line (1-based) of `node`."""
        return node.start_mark.line + 1 + self.base

    def report(self, node: _Node, field: str, message: str) -> None:
        """Record one problem at `node`'s line."""
        self.report_at(self.line(node), field, message)

    def report_at(self, line: int | None, field: str, message: str) -> None:
        self.issues.append(DataIssue(self.path, line, field, message))

    # --- what a reader calls (bot.yamlstream.Visitor)

    def not_a_mapping(self, root: _Node | None, base: int) -> None:
        self.base = base
        if root is None or _is_null(root):
            self.report_at(None, "", "the file is empty")
        else:
            found = _KIND[root.id]
            message = f"the file must be a mapping with 'chronology:' and 'events:', not {found}"
            self.report(root, "", message)
        self.root_line = -1  # nothing more to say about missing sections

    def root(self, line: int) -> None:
        self.root_line = line

    def section(self, key: _Node, value: _Node, base: int) -> None:
        self.base = base
        name = self.top_key(key)
        if name == "chronology":
            self.info(value)
        elif name == "people":
            if _is_null(value) or not self.is_kind(value, "mapping", "people"):
                self.people_done = True
                return
            for person_key, person in value.value:
                self.person_entry(person_key, person)
            self.people_done = True
        elif name == "synonyms":
            self.sink.synonyms(self.synonyms(value))
        elif name == "events":
            if _is_null(value):
                self.report(value, "events", "required field is missing")
            elif self.is_kind(value, "sequence", "events"):
                if not value.value:
                    self.report(value, "events", "the list is empty (add at least one event)")
                for item in value.value:
                    self.event_item(item)

    def begin(self, key: _Node, kind: str, line: int, base: int) -> None:
        self.base = base
        name = self.top_key(key)
        self.streaming, self.stream_line, self.items = None, line, 0
        if name in ("people", "events"):
            wanted = "mapping" if name == "people" else "sequence"
            if kind == wanted:
                self.streaming = name
            else:
                message = f"expected {_KIND[wanted]}, found {_KIND[kind]}"
                self.report_at(line, name, message)
                self.people_done = self.people_done or name == "people"

    def person(self, key: _Node, value: _Node, base: int) -> None:
        if self.streaming == "people":
            self.base = base
            self.person_entry(key, value)

    def event(self, node: _Node, base: int) -> None:
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
                hint = _suggestion(person_id, self.people_ids) or " (add it under 'people:')"
                self.report_at(line, field, f"unknown person id {person_id!r}{hint}")
        # Sorted by line so the operator can fix the file top to bottom.
        return sorted(self.issues, key=lambda issue: issue.line or 0)

    # --- sections

    def top_key(self, key: _Node) -> str | None:
        """The top-level key's name, unless it is reported as unknown, duplicate or not text."""
        if key.id != "scalar":
            self.report(key, "", f"a key must be plain text, not {_KIND[key.id]}")
            return None
        name: str = key.value
        first = self.top_lines.get(name)
        if first is not None:
            self.report(key, name, f"duplicate key {name!r} (first at line {first})")
            return None
        self.top_lines[name] = self.line(key)
        if name not in _TOP_KEYS:
            self.report(key, name, f"unknown key {name!r}{_suggestion(name, _TOP_KEYS)}")
            return None
        return name

    def info(self, node: _Node) -> None:
        """The `chronology:` header."""
        if _is_null(node):
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

    def synonyms(self, node: _Node) -> tuple[tuple[str, ...], ...]:
        """The optional `synonyms:` mapping, term -> list of terms of the same meaning."""
        if _is_null(node) or not self.is_kind(node, "mapping", "synonyms"):
            return ()
        groups = []
        for term, value in self.fields(node, "synonyms", None).items():
            owner = f"synonyms.{term}"
            if not term.strip():
                self.report(value, "synonyms", "a term must not be empty")
                continue
            others: tuple[str, ...]
            if value.id == "scalar" and not _is_null(value):
                others = (self.text({"value": value}, owner, "value") or "",)
            else:
                others = self.text_list({term: value}, "synonyms", term)
                if not others:
                    self.report(value, owner, "give at least one term of the same meaning")
                    continue
            groups.append(tuple(dict.fromkeys([term.strip(), *filter(None, others)])))
        return tuple(groups)

    def person_entry(self, key: _Node, value: _Node) -> None:
        """One entry of the `people:` registry."""
        if key.id != "scalar":
            self.report(key, "people", f"a key must be plain text, not {_KIND[key.id]}")
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

    def event_item(self, node: _Node) -> None:
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
        date_text, note = fields.get("date_text", ""), fields.get("note", "")
        if type(date_text) is not str or type(note) is not str:
            return None
        lists: list[tuple[str, ...]] = []
        for key in _LIST_KEYS:
            items = fields.get(key)
            if items is None:
                lists.append(())
                continue
            if type(items) is str:
                return None
            values = tuple(map(str.strip, items))
            if "" in values:
                return None
            lists.append(values)
        people = lists[0]
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
            lists[1],
            lists[2],
            lists[3],
            note.strip() or None,
        )

    # --- cross-checks

    def check_id(self, event_id: str, node: _Node, owner: str) -> None:
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

    def check_people(self, node: _Node, owner: str) -> None:
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
                    hint = _suggestion(person_id, self.people_ids) or " (add it under 'people:')"
                    self.report(item, field, f"unknown person id {person_id!r}{hint}")
                else:  # the registry may come later in the file
                    self.pending.append((self.line(item), field, person_id))
            seen.add(person_id)

    # --- node shapes

    def fields(self, node: _Node, owner: str, known: tuple[str, ...] | None) -> dict[str, _Node]:
        """A mapping node's values by key; reports duplicate keys and keys not in `known`."""
        values: dict[str, _Node] = {}
        for key_node, value in node.value:
            if key_node.id != "scalar":
                found = _KIND[key_node.id]
                self.report(key_node, owner, f"a key must be plain text, not {found}")
                continue
            key = key_node.value
            if key in values or (known is not None and key not in known):
                self.bad_key(node, key_node, owner, known)
                continue
            values[key] = value
        return values

    def bad_key(
        self, mapping: _Node, key_node: _Node, owner: str, known: tuple[str, ...] | None
    ) -> None:
        """Report a duplicate or unknown key (the slow path of `fields`)."""
        key = key_node.value
        field = f"{owner}.{key}" if owner else key
        for other, _ in mapping.value:
            if other is key_node:
                break
            if other.id == "scalar" and other.value == key:
                # PyYAML would silently keep the last value; the first one is usually meant.
                line = self.line(other)
                self.report(key_node, field, f"duplicate key {key!r} (first at line {line})")
                return
        hint = _suggestion(key, known or ())
        self.report(key_node, field, f"unknown key {key!r}{hint}")

    def is_kind(self, node: _Node, kind: str, field: str) -> bool:
        """Report a node of the wrong kind (a list where a mapping belongs, ...)."""
        if node.id == kind:
            return True
        found = "nothing" if _is_null(node) else _KIND[node.id]
        self.report(node, field, f"expected {_KIND[kind]}, found {found}")
        return False

    def text(
        self, fields: dict[str, _Node], owner: str, key: str, required: _Node | None = None
    ) -> str | None:
        """The stripped text at `key`; `required` is the mapping to blame when it is missing."""
        node = fields.get(key)
        if node is not None and node.id == "scalar" and node.tag in _TEXT_TAGS:
            value = node.value.strip()
            if value or required is None:
                return value or None
        elif node is None or _is_null(node):
            if required is not None:
                self.report(node or required, f"{owner}.{key}", "required field is missing")
            return None
        self.bad_text(node, f"{owner}.{key}")
        return None

    def text_list(self, fields: dict[str, _Node], owner: str, key: str) -> tuple[str, ...]:
        """The optional list of non-empty texts at `key`."""
        node = fields.get(key)
        if node is None or _is_null(node):
            return ()
        if node.id != "sequence":
            found = _KIND[node.id]
            message = f"expected a list, found {found} (write [one, two])"
            self.report(node, f"{owner}.{key}", message)
            return ()
        values = []
        for index, item in enumerate(node.value):
            if item.id == "scalar" and item.tag in _TEXT_TAGS:
                value = item.value.strip()
                if value:
                    values.append(value)
                    continue
            self.bad_text(item, f"{owner}.{key}[{index}]")
        return tuple(values)

    def bad_text(self, node: _Node, field: str) -> None:
        """Report a node that should have been non-empty text (the slow path of `text`)."""
        if node.id == "mapping":
            # `- Source: page 3` in a list is YAML for a mapping; quoting fixes it.
            message = "expected text, found a mapping (put text containing ': ' in quotes)"
        elif node.id == "sequence":
            message = "expected text, found a list"
        elif _is_null(node):
            message = "expected text, found nothing"
        elif node.tag not in _TEXT_TAGS:
            message = f"unsupported YAML tag {node.tag} (remove it)"
        else:
            message = "must not be empty"
        self.report(node, field, message)

    def date(
        self, fields: dict[str, _Node], owner: str, key: str, required: _Node | None = None
    ) -> tuple[str, DateSpan] | None:
        """The date value at `key`: its normalized text and the span it covers."""
        node = fields.get(key)
        # YAML reads an unquoted 1999-12-31 as a date (fine) but 1999-12-31 10:00:00 as a
        # timestamp; the node's text keeps impossible dates (1999-02-30) for the date parser.
        if (
            node is not None
            and node.tag == _TIMESTAMP_TAG
            and not _PLAIN_DATE.match(node.value.strip())
        ):
            message = f"{node.value} is a timestamp, not a date (use YYYY-MM-DD)"
            self.report(node, f"{owner}.{key}", message)
            return None
        value = self.text(fields, owner, key, required=required)
        if value is None:
            return None
        assert node is not None  # text() found a value there
        span = self.spans.get(value)
        if span is None:
            try:
                span = self.spans[value] = parse_date_value(value)
            except ValueError as error:
                self.report(node, f"{owner}.{key}", str(error))
                return None
        # `value` is the node's text, stripped: already what normalize_date_value returns.
        return value, span


def _is_null(node: _Node) -> bool:
    """True for an empty value (`key:` with nothing after it, `~`, `null`)."""
    return node.id == "scalar" and node.tag == _NULL_TAG


def _suggestion(word: str, choices: Iterable[str]) -> str:
    """' (did you mean 'x'?)' for the closest choice, or ''."""
    import difflib  # only when a key is wrong: keeps `import bot.data` cheap

    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""
