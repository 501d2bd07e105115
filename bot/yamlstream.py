"""Read a chronology YAML file piece by piece, so memory does not grow with its size.

A chronology is one mapping whose `people:` and `events:` sections may hold a million
entries. Composing the whole file into one node tree (to keep line numbers for errors) took
about 9 KB per event; here the file is handed to a `Visitor` one top-level section, one person
or one event at a time, each as a small node tree with its own line numbers, and then dropped.

Two readers, one result:

- The fast reader (`bot.yamlfast`) cuts the file's text at lines that start a top-level key,
  a person or an event, and composes batches of about a thousand entries at once with
  libyaml. It handles the layout every chronology is written in (block mappings and lists,
  one key per line).
- The exact reader composes node by node from libyaml's parse events. It reads any YAML and is
  the one whose errors are reported: when the fast reader meets anything it does not expect
  (a syntax error, an alias, a flow collection across a cut, an unusual line break) it gives up
  and the caller starts over with the exact reader. It is about twice as slow. Batches of
  events of the usual one-line shape are not composed at all: `bot.yamlplain` reads their
  values, and a checker composes an entry only when it has something to report.

Nodes keep line numbers relative to their batch; every call carries `base`, the number of file
lines before the batch's first line, so a node's file line is `node.start_mark.line + 1 + base`.
"""

from __future__ import annotations

import codecs
import functools
from collections.abc import Callable
from time import perf_counter
from typing import Any, Protocol

import yaml
from yaml.composer import Composer, ComposerError
from yaml.nodes import ScalarNode, SequenceNode
from yaml.reader import ReaderError

from bot.yamlplain import PlainEvent

BOM = "\ufeff"
BLOCK_BYTES = 4 << 20  # read this much of the file at a time


class Visitor(Protocol):
    """What a reader hands the pieces of a chronology to."""

    def not_a_mapping(self, root: Any, base: int) -> None:
        """The document is not a mapping (or is empty: `root` None)."""

    def root(self, line: int) -> None:
        """The document is a mapping whose first key is on file line `line`."""

    def section(self, key: Any, value: Any, base: int) -> None:
        """A whole top-level key and its value."""

    def begin(self, key: Any, kind: str, line: int, base: int) -> None:
        """A streamed section (`kind` "mapping" or "sequence") starts; its value is on `line`."""

    def person(self, key: Any, value: Any, base: int) -> None:
        """One entry of a streamed mapping section."""

    def event(self, node: Any, base: int) -> None:
        """One item of a streamed sequence section."""

    def plain_event(self, event: PlainEvent) -> None:
        """One item of a streamed sequence section, read without YAML nodes (see
        `bot.yamlplain`): its values, and its node tree on demand."""

    def end(self) -> None:
        """The streamed section ends."""


class Unreadable(Exception):
    """The file cannot be read or decoded: `line` (1-based, or None) and a message."""

    def __init__(self, line: int | None, message: str):
        super().__init__(message)
        self.line = line
        self.message = message


class NotFast(Exception):
    """The fast reader met something it does not handle; read again with the exact one."""


@functools.cache
def loader_class() -> type:
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


# --- the exact reader ----------------------------------------------------------------------


class _DecodedText:
    """A file's bytes decoded as UTF-8 (a leading BOM dropped), read in blocks by libyaml.

    A byte that is not UTF-8 becomes `Unreadable` with its line, which libyaml's own error
    ("invalid leading UTF-8 octet") would not give.
    """

    def __init__(self, handle: Any):
        self._handle = handle
        self._decoder = codecs.getincrementaldecoder("utf-8-sig")()
        self._lines_before = 0  # line breaks in the bytes already decoded

    def read(self, size: int = -1) -> str:
        raw = self._handle.read(BLOCK_BYTES if size < 0 else max(size, 1))
        try:
            text = self._decoder.decode(raw, final=not raw)
        except UnicodeDecodeError as error:
            line = self._lines_before + raw.count(b"\n", 0, max(error.start, 0)) + 1
            raise Unreadable(line, "the file is not UTF-8 text (save it as UTF-8)") from None
        self._lines_before += raw.count(b"\n")
        return text


def read_exact(
    visitor: Visitor, *, text: str | None = None, opener: Callable[[], Any] | None = None
) -> float:
    """Hand `text`, or the file `opener()` opens, to `visitor`, node by node; return the
    seconds spent reading (the visitor's own time excluded)."""
    started = perf_counter()
    visitor = timed = Timed(visitor)
    try:
        if text is not None:
            _visit_events(_composer_class()(text), visitor)
        else:
            assert opener is not None
            with opener() as handle:
                _visit_events(_composer_class()(_DecodedText(handle)), visitor)
    except ReaderError as error:
        # A character YAML does not allow: libyaml gives its position, the operator wants a line.
        line = None
        if isinstance(error.position, int):
            if text is not None:
                line = text.count("\n", 0, error.position) + 1
            else:
                assert opener is not None
                line = _line_at(opener, error.position)
        reason = error.reason or "unreadable character"
        message = f"invalid YAML: {reason} (remove or replace that character)"
        raise Unreadable(line, message) from None
    return perf_counter() - started - timed.seconds


def _line_at(opener: Callable[[], Any], position: int) -> int:
    """The line of the character at `position` in the decoded file."""
    line = 1
    with opener() as handle:
        decoded = _DecodedText(handle)
        while position > 0:
            text = decoded.read(BLOCK_BYTES)
            if not text:
                break
            line += text.count("\n", 0, position)
            position -= len(text)
    return line


@functools.cache
def _composer_class() -> type:
    """libyaml's parser under PyYAML's own composer (which libyaml's loader keeps in C)."""

    class StreamComposer(loader_class(), Composer):  # type: ignore[misc]
        def __init__(self, stream: Any):
            super().__init__(stream)  # type: ignore[call-arg]
            self.anchors = {}

    return StreamComposer


def _visit_events(loader: Any, visitor: Visitor) -> None:
    try:
        loader.get_event()  # StreamStart
        if loader.check_event(yaml.StreamEndEvent):
            visitor.not_a_mapping(None, 0)
            return
        document = loader.get_event()
        if not loader.check_event(yaml.MappingStartEvent):
            root = loader.compose_node(None, None)
            visitor.not_a_mapping(root, 0)
        else:
            start = loader.get_event()
            visitor.root(start.start_mark.line + 1)
            while not loader.check_event(yaml.MappingEndEvent):
                _visit_top_entry(loader, visitor)
            loader.get_event()
        loader.get_event()  # DocumentEnd
        if not loader.check_event(yaml.StreamEndEvent):
            event = loader.get_event()
            raise ComposerError(
                "expected a single document in the stream",
                document.start_mark,
                "but found another document",
                event.start_mark,
            )
    finally:
        loader.dispose()


def _visit_top_entry(loader: Any, visitor: Visitor) -> None:
    key = loader.compose_node(None, None)
    streamed = key.id == "scalar" and key.value in ("events", "people")
    if streamed and loader.check_event(yaml.SequenceStartEvent):
        start = loader.get_event()
        _check_anchor(loader, start)
        visitor.begin(key, "sequence", start.start_mark.line + 1, 0)
        while not loader.check_event(yaml.SequenceEndEvent):
            visitor.event(loader.compose_node(None, None), 0)
        loader.get_event()
        visitor.end()
    elif streamed and loader.check_event(yaml.MappingStartEvent):
        start = loader.get_event()
        _check_anchor(loader, start)
        visitor.begin(key, "mapping", start.start_mark.line + 1, 0)
        while not loader.check_event(yaml.MappingEndEvent):
            person_key = loader.compose_node(None, None)
            visitor.person(person_key, loader.compose_node(None, None), 0)
        loader.get_event()
        visitor.end()
    else:
        visitor.section(key, loader.compose_node(None, None), 0)


def _check_anchor(loader: Any, start: Any) -> None:
    """An anchor on a whole section would need the section kept for its aliases: refuse it."""
    if start.anchor is not None:
        raise ComposerError(
            None, None, "an anchor on a whole section is not supported", start.start_mark
        )


class Timed:
    """A visitor that also counts the seconds its entries take (the reader's own time is the
    rest, which the build report shows apart)."""

    def __init__(self, visitor: Visitor):
        self.seconds = 0.0
        self._visitor = visitor
        self.not_a_mapping = visitor.not_a_mapping
        self.root = visitor.root
        self.section = visitor.section
        self.begin = visitor.begin
        self.end = visitor.end

    def person(self, key: object, value: object, base: int) -> None:
        began = perf_counter()
        self._visitor.person(key, value, base)
        self.seconds += perf_counter() - began

    def event(self, node: object, base: int) -> None:
        began = perf_counter()
        self._visitor.event(node, base)
        self.seconds += perf_counter() - began

    def plain_event(self, event: PlainEvent) -> None:
        began = perf_counter()
        self._visitor.plain_event(event)
        self.seconds += perf_counter() - began
