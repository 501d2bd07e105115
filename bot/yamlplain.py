"""Read the common shape of an event without composing YAML nodes.

Almost every event of a large chronology is written one key per line, each value a
double-quoted or plain one-line scalar or a one-line flow list:

    - id: vikuin-1920-01-01
      date: "1920-01-01"
      people: [sveva-vikuin]
      text: "They signed..."

Composing such a batch with libyaml builds a node per scalar and resolves each tag in
Python, which was most of a build's reading time. Here one regular expression reads a whole
batch, a line per match, into plain values (`PlainEvent`). It accepts only text whose values
YAML would read the same way; anything else (a comment, a blank line, an escape, a block
scalar, a multi-line value, `null`, a duplicate key, an unusual character) makes the batch go
the usual way. A `PlainEvent` keeps its batch text, so the checker composes the real node tree
of an entry whose values are not valid, and its errors are the same as ever.
"""

from __future__ import annotations

import functools
import re
from typing import Any

import yaml

# Characters that YAML reads differently or rejects (control characters, CR, NEL and the other
# C1 controls, BOM, U+FFFE and U+FFFF): a batch with any of them is composed by libyaml. Checked
# on the UTF-8 bytes, where deleting the usual bytes is several times faster than a search.
_USUAL_BYTES = bytes([9, 10, *range(0x20, 0x7F), *range(0x80, 0x100)])
_C1_CONTROL = re.compile(rb"\xc2[\x80-\x9f]")
_UNUSUAL_UTF8 = (b"\xef\xbb\xbf", b"\xef\xbf\xbe", b"\xef\xbf\xbf")
# A plain scalar that resolves to null: the checker reports it ("found nothing").
_NULLS = frozenset(("null", "Null", "NULL"))
# The items of a flow list: double-quoted without escapes, or plain (no flow indicators).
_FLOW_ITEM = r"""(?:"[^"\\\n]*"|[^\W_][^\n\r\t#:,\[\]{}"']*)"""
_FLOW_ITEMS = re.compile(r""""([^"\\\n]*)"|([^\W_][^\n\r\t#:,\[\]{}"']*)""")
# One value: a double-quoted string without escapes, a single-quoted one, a one-line flow list
# of such items, or a plain scalar that starts with a letter or digit and has no ':' or '#'
# (which could start a mapping or a comment). Trailing spaces end a plain scalar; nothing may
# follow a value.
_VALUE = (
    r"""(?:("[^"\\\n]*")|('(?:[^'\n]|'')*')"""
    rf"""|(\[ *(?:{_FLOW_ITEM}(?: *, *{_FLOW_ITEM})*)? *\])"""
    r"""|([^\W_][^\n\r\t#:]*?))[ ]*\n"""
)


@functools.cache
def _line_pattern(indent: str) -> re.Pattern[str]:
    """A line of an entry of a list at `indent`: "- key: value" or "  key: value"; any other
    line matches the last alternative, with an empty key."""
    return re.compile(rf"^{indent}(- |  )([a-z_]+): {_VALUE}|^.*\n", re.MULTILINE)


def _has_unusual_characters(text: str) -> bool:
    """True when `text` has a character YAML reads differently or rejects (see _USUAL_BYTES)."""
    raw = text.encode()
    if raw.translate(None, _USUAL_BYTES):
        return True
    if raw.isascii():
        return False
    if b"\xc2" in raw and _C1_CONTROL.search(raw):
        return True
    return any(sequence in raw for sequence in _UNUSUAL_UTF8)


def _flow_items(inner: str) -> list[str] | None:
    """The items of a flow list (`inner` is between its brackets, matched by _VALUE), or None
    when one is null. Items have no commas, and quoted ones no quotes, so splitting finds them."""
    if '"' in inner:
        parts = inner.split('"')
        if not "".join(parts[::2]).strip(" ,"):
            return parts[1::2]  # every item quoted
        items = [quoted or bare.rstrip(" ") for quoted, bare in _FLOW_ITEMS.findall(inner)]
    elif inner.strip(" "):
        items = [item.strip(" ") for item in inner.split(",")]
    else:
        return []
    return None if _NULLS.intersection(items) else items


class PlainEvent:
    """One event read without YAML nodes: its values (text, or a list of texts, as written),
    the file line of its `id`, and where it is in its batch, to compose it when needed."""

    __slots__ = ("_batch", "_end", "_first", "fields", "id_line")

    def __init__(self, fields: dict[str, Any], id_line: int, batch: _Batch, first: int):
        self.fields = fields
        self.id_line = id_line
        self._batch = batch
        self._first = first  # line index of the entry in its batch
        self._end = 0  # line index after its last line

    def compose(self) -> tuple[Any, int]:
        """The entry's node tree, and the number of file lines before it (its `base`)."""
        from bot.yamlstream import loader_class  # which imports this module

        batch = self._batch
        lines = batch.text.splitlines(keepends=True)[self._first : self._end]
        root: Any = yaml.compose("".join(lines), Loader=loader_class())
        return root.value[0], batch.base + self._first


class _Batch:
    """A batch's text and the number of file lines before its first line."""

    __slots__ = ("base", "text")

    def __init__(self, text: str, base: int):
        self.text = text
        self.base = base


def plain_events(text: str, base: int, indent: str) -> list[PlainEvent] | None:
    """The entries of `text` (whole lines of a list at `indent`, `base` file lines before it),
    or None when any line is not of the plain shape."""
    if not text.endswith("\n") or _has_unusual_characters(text):
        return None
    batch = _Batch(text, base)
    events: list[PlainEvent] = []
    fields: dict[str, Any] = {}
    event: PlainEvent | None = None
    number = 0
    for number, (dash, key, double, single, flow, plain) in enumerate(
        _line_pattern(indent).findall(text)
    ):
        if not key:
            return None
        if dash == "- ":
            if event is not None:
                event._end = number
            fields = {}
            event = PlainEvent(fields, 0, batch, number)
            events.append(event)
        elif event is None or key in fields:
            return None
        value: Any
        if double:
            value = double[1:-1]
        elif plain:
            if plain in _NULLS:
                return None
            value = plain
        elif single:
            value = single[1:-1].replace("''", "'")
        else:
            value = _flow_items(flow[1:-1])
            if value is None:
                return None
        fields[key] = value
        if key == "id":
            event.id_line = base + number + 1
    if event is not None:
        event._end = number + 1
    return events
