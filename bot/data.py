"""Load and validate a chronology YAML file into a `Chronology`.

Validation is strict and reports every problem at once, each with file, line and field,
because the people editing the data are not programmers and a half-loaded chronology would
answer questions wrongly.

Line numbers come from PyYAML's node tree (`yaml.compose`), which also shows the duplicate
keys that `yaml.safe_load` would silently overwrite. Only the commands that read a data file
import this module (and PyYAML); a built index is read with `bot.chronology` alone.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

import yaml
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from bot.chronology import Chronology, ChronologyInfo, DataError, DataIssue, Event, Person
from bot.dates import DateSpan, parse_date_value

__all__ = [
    "Chronology",
    "ChronologyInfo",
    "DataError",
    "DataIssue",
    "Event",
    "Person",
    "load_chronology",
    "parse_chronology",
    "read_data_file",
]

# The nodes of a composed file (their `id` says which: "scalar", "sequence", "mapping").
_Node = ScalarNode | SequenceNode | MappingNode


def load_chronology(path: str | Path) -> Chronology:
    """Read, validate and return the chronology in `path`; raise DataError listing all problems."""
    return parse_chronology(read_data_file(path)[1], str(path))


def read_data_file(path: str | Path) -> tuple[bytes, str]:
    """The bytes of a data file and their text: the one reader every command uses, so
    validate, ask, index and reload agree about encodings and unreadable files.

    Raises DataError: the file cannot be read, or is not UTF-8 (the line is reported).
    """
    shown = str(path)
    try:
        raw = Path(path).read_bytes()
    except OSError as error:
        reason = error.strerror or str(error)
        raise DataError([DataIssue(shown, None, "", f"cannot read the file: {reason}")]) from None
    try:
        # utf-8-sig drops the byte-order mark some Windows editors put first.
        return raw, raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        message = "the file is not UTF-8 text (save it as UTF-8)"
        raise DataError([DataIssue(shown, line, "", message)]) from None


def parse_chronology(text: str, path: str = "<string>") -> Chronology:
    """Validate YAML `text` (reported as `path`) and return the chronology; raise DataError."""
    checker = _Checker(path)
    with _gc_paused():
        chronology = checker.chronology(_compose(text, path))
    if checker.issues or chronology is None:
        # Sorted by line so the operator can fix the file top to bottom.
        raise DataError(sorted(checker.issues, key=lambda issue: issue.line or 0))
    return chronology


@contextlib.contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while a file is composed and checked.

    A large file allocates millions of acyclic nodes; each automatic collection would walk
    them all again, which made a 100,000-event file several times slower to load.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _compose(text: str, path: str) -> _Node:
    """The YAML node tree of `text` (nodes keep line numbers; values are built later)."""
    try:
        root = yaml.compose(text, Loader=_loader_class())
    except yaml.MarkedYAMLError as error:
        raise DataError([_syntax_issue(error, path)]) from None
    except yaml.YAMLError as error:
        # ReaderError (a control character) has a character position instead of a mark.
        position = getattr(error, "position", None)
        line = text.count("\n", 0, position) + 1 if isinstance(position, int) else None
        reason = getattr(error, "reason", None) or "unreadable character"
        message = f"invalid YAML: {reason} (remove or replace that character)"
        raise DataError([DataIssue(path, line, "", message)]) from None
    except UnicodeEncodeError:
        # Lone surrogates can only come from a caller's str, never from a UTF-8 file.
        raise DataError([DataIssue(path, None, "", "the text is not valid Unicode")]) from None
    except RecursionError:
        # The pure-Python composer recurses per nesting level; libyaml caps the depth itself.
        raise DataError([DataIssue(path, None, "", "invalid YAML: nested too deeply")]) from None
    if root is None or (isinstance(root, ScalarNode) and root.tag == _NULL_TAG):
        raise DataError([DataIssue(path, None, "", "the file is empty")])
    assert isinstance(root, ScalarNode | SequenceNode | MappingNode)  # the composer's only kinds
    return root


@functools.cache
def _loader_class() -> type:
    """A safe loader that resolves tags exactly like SafeLoader, with less work per node.

    The C parser (much faster) is used when PyYAML has it. Its composer calls the resolver in
    Python for every node; this one skips path resolvers (safe loaders have none) and the list
    concatenation of the stock `resolve`, which is a measurable share of composing a large file.
    """
    base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    resolvers = base.yaml_implicit_resolvers
    wildcard = resolvers.get(None, [])
    by_first_char = {char: tuple(found + wildcard) for char, found in resolvers.items() if char}
    by_first_char[""] = tuple(resolvers.get("", []) + wildcard)
    scalar_tag, sequence_tag, mapping_tag = (
        base.DEFAULT_SCALAR_TAG,
        base.DEFAULT_SEQUENCE_TAG,
        base.DEFAULT_MAPPING_TAG,
    )

    class LeanSafeLoader(base):  # type: ignore[misc, valid-type]
        def resolve(self, kind: type, value: str, implicit: tuple[bool, bool]) -> str:
            if kind is ScalarNode:
                if implicit[0]:
                    for tag, regexp in by_first_char.get(value[:1], wildcard):
                        if regexp.match(value):
                            return str(tag)
                return scalar_tag
            return sequence_tag if kind is SequenceNode else mapping_tag

        def descend_resolver(self, current_node: object, current_index: object) -> None:
            pass

        def ascend_resolver(self) -> None:
            pass

    return LeanSafeLoader


def _syntax_issue(error: yaml.MarkedYAMLError, path: str) -> DataIssue:
    """A YAML parser error as a DataIssue on the line where the parser gave up."""
    mark = error.problem_mark or error.context_mark
    parts = [part for part in (error.context, error.problem) if part]
    message = "invalid YAML: " + (", ".join(parts) or "syntax error")
    if error.problem and "mapping values are not allowed" in error.problem:
        # By far the most common case in hand-written data: unquoted text containing ": ".
        message += " (put text containing ': ' in quotes)"
    return DataIssue(path, mark.line + 1 if mark else None, "", message)


# --- validation over the node tree ---------------------------------------------------------

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
_KIND = {"scalar": "a single value", "sequence": "a list", "mapping": "a mapping"}

# A composed yaml.Node, typed loosely because yaml is imported lazily (see module docstring).


class _Checker:
    """Walks the node tree once, collecting every DataIssue and building the dataclasses.

    Fields are named by `owner` (the enclosing mapping's path, "" at the top) and `key`; the
    dotted path is only built when a problem is reported, because on a valid file of 100,000
    events the happy path runs millions of times.
    """

    def __init__(self, path: str):
        self.path = path
        self.issues: list[DataIssue] = []
        # Date text -> span: large chronologies repeat dates, and parsing one is the dearest check.
        self.spans: dict[str, DateSpan] = {}

    def report(self, node: _Node, field: str, message: str) -> None:
        """Record one problem at `node`'s line."""
        self.issues.append(DataIssue(self.path, node.start_mark.line + 1, field, message))

    def chronology(self, root: _Node) -> Chronology | None:
        """The whole file; None when it is unusable."""
        if root.id != "mapping":
            found = _KIND[root.id]
            message = f"the file must be a mapping with 'chronology:' and 'events:', not {found}"
            self.report(root, "", message)
            return None
        top = self.fields(root, "", _TOP_KEYS)
        info = self.info(top, root)
        people = self.people(top)
        events = self.events(top, root, people)
        synonyms = self.synonyms(top)
        if info is None or events is None:
            return None
        return Chronology(info=info, people=people, events=events, synonyms=synonyms)

    # --- sections

    def info(self, top: dict[str, _Node], root: _Node) -> ChronologyInfo | None:
        """The `chronology:` header."""
        node = self.section(top, "chronology", "mapping", root)
        if node is None:
            return None
        fields = self.fields(node, "chronology", _INFO_KEYS)
        title = self.text(fields, "chronology", "title", required=node)
        publisher = self.text(fields, "chronology", "publisher")
        published = self.date(fields, "chronology", "published")
        url = self.text(fields, "chronology", "url")
        if title is None:
            return None
        return ChronologyInfo(title, publisher, published[0] if published else None, url)

    def people(self, top: dict[str, _Node]) -> dict[str, Person]:
        """The optional `people:` registry, id -> Person, in file order."""
        node = top.get("people")
        if node is None or _is_null(node) or not self.is_kind(node, "mapping", "people"):
            return {}
        registry: dict[str, Person] = {}
        for person_id, value in self.fields(node, "people", None).items():
            owner = f"people.{person_id}"
            if not person_id:
                self.report(value, "people", "a person id must not be empty")
                continue
            if not self.is_kind(value, "mapping", owner):
                continue
            fields = self.fields(value, owner, _PERSON_KEYS)
            name = self.text(fields, owner, "name", required=value)
            aliases = self.text_list(fields, owner, "aliases")
            description = self.text(fields, owner, "description")
            # Registered even when invalid, so its events do not also report an unknown id.
            registry[person_id] = Person(person_id, name or person_id, aliases, description)
        return registry

    def synonyms(self, top: dict[str, _Node]) -> tuple[tuple[str, ...], ...]:
        """The optional `synonyms:` mapping, term -> list of terms of the same meaning."""
        node = top.get("synonyms")
        if node is None or _is_null(node) or not self.is_kind(node, "mapping", "synonyms"):
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

    def events(
        self, top: dict[str, _Node], root: _Node, people: dict[str, Person]
    ) -> tuple[Event, ...] | None:
        """The `events:` list, in file order."""
        node = self.section(top, "events", "sequence", root)
        if node is None:
            return None
        if not node.value:
            self.report(node, "events", "the list is empty (add at least one event)")
            return None
        first_line: dict[str, int] = {}  # event id -> line of its first use
        events = []
        for index, item in enumerate(node.value):
            event = self.event(item, f"events[{index}]", people, first_line)
            if event is not None:
                events.append(event)
        return tuple(events)

    def event(
        self, node: _Node, owner: str, people: dict[str, Person], first_line: dict[str, int]
    ) -> Event | None:
        """One entry of `events:`; None when it has a problem."""
        if not self.is_kind(node, "mapping", owner):
            return None
        problems_before = len(self.issues)
        fields = self.fields(node, owner, _EVENT_KEYS)
        event_id = self.text(fields, owner, "id", required=node)
        if event_id is not None:
            self.check_id(event_id, fields["id"], owner, first_line)
        date = self.date(fields, owner, "date", required=node)
        date_text = self.text(fields, owner, "date_text")
        person_ids = self.text_list(fields, owner, "people")
        # The common case, every id known and listed once, is decided without the nodes.
        if person_ids and not (
            len(set(person_ids)) == len(person_ids) and all(p in people for p in person_ids)
        ):
            self.check_people(fields["people"], owner, people)
        text = self.text(fields, owner, "text", required=node)
        cites = self.text_list(fields, owner, "cites")
        places = self.text_list(fields, owner, "places")
        tags = self.text_list(fields, owner, "tags")
        note = self.text(fields, owner, "note")
        if len(self.issues) > problems_before or event_id is None or date is None or not text:
            return None
        date_value, span = date
        return Event(
            event_id, date_value, span, text, date_text, person_ids, cites, places, tags, note
        )

    # --- cross-checks

    def check_id(self, event_id: str, node: _Node, owner: str, first_line: dict[str, int]) -> None:
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
        elif event_id in first_line:
            message = f"duplicate id {event_id!r} (first used at line {first_line[event_id]})"
            self.report(node, f"{owner}.id", message)
        else:
            first_line[event_id] = node.start_mark.line + 1

    def check_people(self, node: _Node, owner: str, people: dict[str, Person]) -> None:
        """Every person an event names is in the registry, once."""
        seen: set[str] = set()
        for index, item in enumerate(node.value):
            if item.id != "scalar":
                continue  # already reported by text_list
            person_id = item.value.strip()
            if person_id in seen:
                message = f"person {person_id!r} is listed twice"
                self.report(item, f"{owner}.people[{index}]", message)
            elif person_id and person_id not in people:
                hint = _suggestion(person_id, people) or " (add it under 'people:')"
                message = f"unknown person id {person_id!r}{hint}"
                self.report(item, f"{owner}.people[{index}]", message)
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
                line = other.start_mark.line + 1
                self.report(key_node, field, f"duplicate key {key!r} (first at line {line})")
                return
        hint = _suggestion(key, known or ())
        self.report(key_node, field, f"unknown key {key!r}{hint}")

    def section(self, top: dict[str, _Node], key: str, kind: str, root: _Node) -> _Node | None:
        """A required top-level section of the given kind, or None (reported)."""
        node = top.get(key)
        if node is None or _is_null(node):
            self.report(node or root, key, "required field is missing")
            return None
        return node if self.is_kind(node, kind, key) else None

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
