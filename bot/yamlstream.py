"""Read a chronology YAML file piece by piece, so memory does not grow with its size.

A chronology is one mapping whose `people:` and `events:` sections may hold a million
entries. Composing the whole file into one node tree (to keep line numbers for errors) took
about 9 KB per event; here the file is handed to a `Visitor` one top-level section, one person
or one event at a time, each as a small node tree with its own line numbers, and then dropped.

Two readers, one result:

- The fast reader cuts the file's text at lines that start a top-level key, a person or an
  event, and composes batches of about a thousand entries at once with libyaml. It handles
  the layout every chronology is written in (block mappings and lists, one key per line).
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
import re
from collections.abc import Callable, Generator
from time import perf_counter
from typing import Any, Protocol

import yaml
from yaml.composer import Composer, ComposerError
from yaml.nodes import ScalarNode, SequenceNode
from yaml.reader import ReaderError

from bot.yamlplain import PlainEvent, plain_events

BOM = "\ufeff"
_BLOCK_BYTES = 4 << 20  # read this much of the file at a time
_BATCH_ENTRIES = 1000  # people or events composed at once by the fast reader

# A top-level line: anything at column 0 but a comment. Patterns over the buffer start with a
# literal newline, which `re` finds with a fast scan ("^" in MULTILINE mode tries every byte);
# the buffer always starts with a newline for that reason (see _Lines).
_TOP_LINE = re.compile(rb"\n[^\s#]")
# A section the fast reader streams: `events:` or `people:` alone on its line.
_STREAMED_KEY = re.compile(rb"(events|people):[ \t]*(?:#[^\n]*)?\r?\n")
# A top-level key the fast reader understands: plain text, then ':' and a space or the end.
_PLAIN_KEY = re.compile(rb"[A-Za-z0-9_][^:#\n]*:(?:[ \t]|\r?\n)")
# Lines with nothing for YAML: blank, or a comment.
_BLANK_LINES = re.compile(rb"(?:[ \t]*(?:#[^\n]*)?\n)*")
# Line breaks YAML counts that a count of b"\n" would not: lone CR, NEL, LS, PS.
_OTHER_BREAKS = re.compile(rb"\r(?!\n)|\xc2\x85|\xe2\x80[\xa8\xa9]")
# The first content line of a streamed section: its indentation, and whether it is a list item.
_FIRST_CONTENT = re.compile(rb"^([ ]*)(?:(-)(?:[ \t]|\r?\n)|[^\s#-])", re.MULTILINE)


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
        raw = self._handle.read(_BLOCK_BYTES if size < 0 else max(size, 1))
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
    visitor = timed = _Timed(visitor)
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
            text = decoded.read(_BLOCK_BYTES)
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


# --- the fast reader -----------------------------------------------------------------------


def read_fast(opener: Callable[[], Any], visitor: Visitor) -> float:
    """Hand the file `opener()` opens to `visitor` in batches; return the seconds spent
    reading (the visitor's own time excluded). Raise NotFast when the exact reader is needed."""
    started = perf_counter()
    visitor = timed = _Timed(visitor)
    loader = loader_class()
    for kind, base, text, extra in _pieces(opener):
        if kind == "root":
            visitor.root(extra)
            continue
        if kind == "end":
            visitor.end()
            continue
        if kind == "events":
            indent, key_length = extra
            plain = plain_events(text[key_length:], base + 1, indent)
            if plain is not None:
                for event in plain:
                    visitor.plain_event(event)
                continue
        try:
            root: Any = yaml.compose(text, Loader=loader)
        except (yaml.YAMLError, RecursionError, UnicodeEncodeError):
            raise NotFast from None
        if root is None or root.id != "mapping" or not root.value:
            raise NotFast
        if kind == "section":
            for key_node, value in root.value:
                visitor.section(key_node, value, base)
        elif kind == "begin":
            shape, line = extra
            visitor.begin(root.value[0][0], shape, line, base)
        else:
            entries = root.value[0][1]
            if entries.id != ("sequence" if kind == "events" else "mapping"):
                raise NotFast  # the cut was not where an entry starts
            if kind == "events":
                for item in entries.value:
                    visitor.event(item, base)
            else:
                for person_key, value in entries.value:
                    visitor.person(person_key, value, base)
    return perf_counter() - started - timed.seconds


class _Timed:
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


def _pieces(opener: Callable[[], Any]) -> Generator[tuple[str, int, str, Any], None, None]:
    """(kind, base, text, extra) for every piece of the file, in order.

    kinds: "root" (extra: the first key's line), "section" (a whole top-level key),
    "begin" (a streamed section's key line; extra: its shape and first entry's line), "events"
    or "people" (a batch of entries: a small document of its own that repeats the section's key
    line first), "end" (of a streamed section).
    """
    with opener() as handle:
        lines = _Lines(handle)
        position = lines.find_top(1)
        if (
            position is None
            or not _BLANK_LINES.fullmatch(lines.buffer, 1, position)
            or not _PLAIN_KEY.match(lines.buffer, position)
        ):
            raise NotFast
        yield "root", 0, "", lines.line_of(position)
        while position is not None:
            streamed = _STREAMED_KEY.match(lines.buffer, position)
            if streamed:
                position = yield from _streamed_section(lines, position, streamed)
                continue
            if not _PLAIN_KEY.match(lines.buffer, position):
                raise NotFast
            following = lines.find_top(position + 1)
            end = following if following is not None else len(lines.buffer)
            yield "section", lines.line_of(position) - 1, lines.text(position, end), None
            position = following


def _streamed_section(
    lines: _Lines, position: int, streamed: re.Match[bytes]
) -> Generator[tuple[str, int, str, Any], None, int | None]:
    """Yield a streamed section's pieces; return the offset of the next top-level line."""
    name = streamed.group(1).decode()
    body = streamed.end()
    first = lines.find(_FIRST_CONTENT, body)
    following = lines.find_top(body, read_on=False)  # only up to `first`: it is in the buffer
    if first is None or (following is not None and first.start() >= following):
        # No entries under the key (`events:` then nothing): an ordinary section.
        end = following if following is not None else len(lines.buffer)
        yield "section", lines.line_of(position) - 1, lines.text(position, end), None
        return following
    indent, dash = first.group(1), first.group(2)
    if (name == "events") != bool(dash) or not (dash or indent):
        raise NotFast  # a mapping of events or a list of people: let the exact reader say so
    key_line = lines.text(position, body)
    shape = "sequence" if dash else "mapping"
    yield "begin", lines.line_of(position) - 1, key_line, (shape, lines.line_of(first.start()))
    lines.forget(first.start())  # the first entry is now at offset 1
    if dash:
        entry = re.compile(rb"\n" + indent + rb"-(?:[ \t]|\r?\n)")
    else:
        entry = re.compile(rb"\n" + indent + rb"[^\s#]")
    skip_items = not indent  # column-0 items ("- id: ...") are not top-level lines
    while True:
        # Cut after _BATCH_ENTRIES entries or at the section's end, whichever comes first.
        top = lines.find_top(2, skip_items=skip_items, read_on=False)
        limit = top if top is not None else len(lines.buffer)
        cut = None
        for count, found in enumerate(entry.finditer(lines.buffer, 1, limit), 1):
            if count == _BATCH_ENTRIES:
                cut = found.start() + 1
                break
        if cut is None and top is None and lines.more():
            continue  # the section goes on in the next block
        end = cut if cut is not None else limit
        base = lines.line_of(1) - 2  # the repeated key line comes first
        yield name, base, key_line + lines.text(1, end), (indent.decode(), len(key_line))
        lines.forget(end)
        if cut is None:
            yield "end", 0, "", None
            return 1 if top is not None else None


def _has_other_breaks(block: bytes) -> bool:
    """True when `block` has a line break other than LF and CRLF (each test is a fast scan)."""
    if b"\r" in block and _OTHER_BREAKS.search(block):
        return True
    return b"\xc2\x85" in block or b"\xe2\x80\xa8" in block or b"\xe2\x80\xa9" in block


class _Lines:
    """The file's bytes in a sliding buffer of whole lines, with the file line of each offset.

    The buffer starts with a newline that is not in the file (offset 0), so every line,
    the first included, starts right after a newline; offsets passed around are line starts.
    """

    def __init__(self, handle: Any):
        self._handle = handle
        self.buffer = b"\n"
        self._start_line = 1  # file line of buffer offset 1
        self._eof = False
        self._carry = b""  # the start of a line whose end has not been read yet
        self.more()
        if self.buffer.startswith(BOM.encode(), 1):
            self.buffer = b"\n" + self.buffer[1 + len(BOM.encode()) :]

    def more(self) -> bool:
        """Append the next block of whole lines to the buffer; False at the end of the file."""
        block = b""
        while not block and not self._eof:
            chunk = self._handle.read(_BLOCK_BYTES)
            if not chunk:
                self._eof = True
                # The last line may lack its newline: YAML reads it the same with one.
                block = self._carry + b"\n" if self._carry else b""
                break
            data = self._carry + chunk
            cut = data.rfind(b"\n") + 1
            block, self._carry = data[:cut], data[cut:]
        if not block:
            return False
        if _has_other_breaks(block):
            raise NotFast  # libyaml would count these lines differently
        self.buffer += block
        return True

    def find(self, pattern: re.Pattern[bytes], start: int) -> re.Match[bytes] | None:
        """The next match of `pattern` at or after `start`, reading on until the end."""
        while True:
            found = pattern.search(self.buffer, start)
            if found is not None or not self.more():
                return found

    def find_top(self, start: int, *, skip_items: bool = False, read_on: bool = True) -> int | None:
        """The offset of the next top-level line starting at or after `start` (>= 1), or None.

        `skip_items`: a column-0 list item ("- id: ...") belongs to the section being read.
        `read_on`: read further blocks until one is found (else look in the buffer only).
        """
        while True:
            for found in _TOP_LINE.finditer(self.buffer, start - 1):
                line_start = found.start() + 1
                if not (skip_items and self.buffer.startswith(b"-", line_start)):
                    return line_start
            start = len(self.buffer)
            if not (read_on and self.more()):
                return None

    def line_of(self, offset: int) -> int:
        """The file line (1-based) of buffer offset `offset`."""
        return self._start_line + self.buffer.count(b"\n", 1, offset)

    def text(self, start: int, end: int) -> str:
        """The buffer's bytes in [start, end) as text."""
        raw = self.buffer[start:end]
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError as error:
            line = self.line_of(start) + raw.count(b"\n", 0, error.start)
            raise Unreadable(line, "the file is not UTF-8 text (save it as UTF-8)") from None

    def forget(self, offset: int) -> None:
        """Drop the lines before line start `offset`, which becomes offset 1 (offsets taken
        before are then stale)."""
        self._start_line += self.buffer.count(b"\n", 1, offset)
        self.buffer = self.buffer[offset - 1 :]
