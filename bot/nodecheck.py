"""Typed values out of YAML nodes, each problem reported with its file line and field.

The shapes every part of a chronology is made of (a mapping of known keys, a text, a list of
texts, a date), checked on PyYAML's node trees, which keep line numbers and show the duplicate
keys that `yaml.safe_load` would silently overwrite.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from bot.chronology import DataIssue
from bot.dates import DateSpan, parse_date_value

# The nodes of a composed file (their `id` says which: "scalar", "sequence", "mapping").
Node = ScalarNode | SequenceNode | MappingNode

_NULL_TAG = "tag:yaml.org,2002:null"
_TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"
# Scalars a text field accepts, taken as written: `name: 2001` is the text "2001".
_TEXT_TAGS = frozenset(
    "tag:yaml.org,2002:" + name for name in ("str", "int", "float", "bool", "timestamp")
)
_PLAIN_DATE = re.compile(r"^\d{4}-\d\d-\d\d$")
KIND = {"scalar": "a single value", "sequence": "a list", "mapping": "a mapping"}


class NodeChecker:
    """Reads typed values out of the nodes of one file, collecting a `DataIssue` per problem.

    Fields are named by `owner` (the enclosing mapping's path, "" at the top) and `key`; the
    dotted path is only built when a problem is reported, because on a valid file of a million
    events the happy path runs tens of millions of times. `base` is the number of file lines
    before the node tree being checked (a reader composes the file in pieces).
    """

    def __init__(self, path: str):
        self.path = path
        self.issues: list[DataIssue] = []
        self.base = 0
        # Date text -> span: large chronologies repeat dates, and parsing one is the dearest check.
        self.spans: dict[str, DateSpan] = {}

    def line(self, node: Node) -> int:
        """The file line (1-based) of `node`."""
        return node.start_mark.line + 1 + self.base

    def report(self, node: Node, field: str, message: str) -> None:
        """Record one problem at `node`'s line."""
        self.report_at(self.line(node), field, message)

    def report_at(self, line: int | None, field: str, message: str) -> None:
        self.issues.append(DataIssue(self.path, line, field, message))

    def fields(self, node: Node, owner: str, known: tuple[str, ...] | None) -> dict[str, Node]:
        """A mapping node's values by key; reports duplicate keys and keys not in `known`."""
        values: dict[str, Node] = {}
        for key_node, value in node.value:
            if key_node.id != "scalar":
                found = KIND[key_node.id]
                self.report(key_node, owner, f"a key must be plain text, not {found}")
                continue
            key = key_node.value
            if key in values or (known is not None and key not in known):
                self.bad_key(node, key_node, owner, known)
                continue
            values[key] = value
        return values

    def bad_key(
        self, mapping: Node, key_node: Node, owner: str, known: tuple[str, ...] | None
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
        hint = suggestion(key, known or ())
        self.report(key_node, field, f"unknown key {key!r}{hint}")

    def is_kind(self, node: Node, kind: str, field: str) -> bool:
        """Report a node of the wrong kind (a list where a mapping belongs, ...)."""
        if node.id == kind:
            return True
        found = "nothing" if is_null(node) else KIND[node.id]
        self.report(node, field, f"expected {KIND[kind]}, found {found}")
        return False

    def text(
        self, fields: dict[str, Node], owner: str, key: str, required: Node | None = None
    ) -> str | None:
        """The stripped text at `key`; `required` is the mapping to blame when it is missing."""
        node = fields.get(key)
        if node is not None and node.id == "scalar" and node.tag in _TEXT_TAGS:
            value = node.value.strip()
            if value or required is None:
                return value or None
        elif node is None or is_null(node):
            if required is not None:
                self.report(node or required, f"{owner}.{key}", "required field is missing")
            return None
        self.bad_text(node, f"{owner}.{key}")
        return None

    def text_list(self, fields: dict[str, Node], owner: str, key: str) -> tuple[str, ...]:
        """The optional list of non-empty texts at `key`."""
        node = fields.get(key)
        if node is None or is_null(node):
            return ()
        if node.id != "sequence":
            found = KIND[node.id]
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

    def bad_text(self, node: Node, field: str) -> None:
        """Report a node that should have been non-empty text (the slow path of `text`)."""
        if node.id == "mapping":
            # `- Source: page 3` in a list is YAML for a mapping; quoting fixes it.
            message = "expected text, found a mapping (put text containing ': ' in quotes)"
        elif node.id == "sequence":
            message = "expected text, found a list"
        elif is_null(node):
            message = "expected text, found nothing"
        elif node.tag not in _TEXT_TAGS:
            message = f"unsupported YAML tag {node.tag} (remove it)"
        else:
            message = "must not be empty"
        self.report(node, field, message)

    def date(
        self, fields: dict[str, Node], owner: str, key: str, required: Node | None = None
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


def is_null(node: Node) -> bool:
    """True for an empty value (`key:` with nothing after it, `~`, `null`)."""
    return node.id == "scalar" and node.tag == _NULL_TAG


def suggestion(word: str, choices: Iterable[str]) -> str:
    """' (did you mean 'x'?)' for the closest choice, or ''."""
    import difflib  # only when a key is wrong: keeps `import bot.data` cheap

    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""
