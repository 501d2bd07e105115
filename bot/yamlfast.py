"""The fast reader: cut a chronology's text at the lines that start an entry, and compose
batches of about a thousand entries at once with libyaml (see `bot.yamlstream` for the two
readers and the `Visitor` both hand pieces to).

It handles the layout every chronology is written in (block mappings and lists, one key per
line), and raises NotFast when it meets anything else, for the exact reader to read.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Generator
from time import perf_counter
from typing import Any

import yaml

from bot.yamlplain import plain_events
from bot.yamlstream import BLOCK_BYTES, BOM, NotFast, Timed, Unreadable, Visitor, loader_class

_BATCH_ENTRIES = 1000  # people or events composed at once by the fast reader
# What may be a YAML anchor ("&x" where a node starts); a plain "AT&T" or "Q & A" is not.
_ANCHOR = re.compile(r"(?:^|[\s\[{,])&[^\s\]},]")

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


def read_fast(opener: Callable[[], Any], visitor: Visitor) -> float:
    """Hand the file `opener()` opens to `visitor` in batches; return the seconds spent
    reading (the visitor's own time excluded). Raise NotFast when the exact reader is needed."""
    started = perf_counter()
    visitor = timed = Timed(visitor)
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
        if kind in ("events", "people") and _ANCHOR.search(text):
            # Batches are composed apart: only the exact reader sees an anchor defined twice.
            raise NotFast
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
    # The buffer holds no top-level line before this offset (or it is the one found): each
    # search starts there, not again from the buffer's start (a few MB, for every batch).
    searched = 2
    while True:
        # Cut after _BATCH_ENTRIES entries or at the section's end, whichever comes first.
        top = lines.find_top(searched, skip_items=skip_items, read_on=False)
        limit = top if top is not None else len(lines.buffer)
        searched = limit
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
        searched = max(2, searched - (end - 1))  # offsets moved back by forget
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
            chunk = self._handle.read(BLOCK_BYTES)
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
