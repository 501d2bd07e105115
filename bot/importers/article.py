"""An article (plain text or Markdown) as a draft chronology.

The article is cleaned first (page numbers, running heads, hard-wrapped and hyphenated lines,
paragraphs split by a page break), then read paragraph by paragraph: a paragraph that begins
with a date starts an entry, a bracketed one is the previous entry's note, a short one without
final punctuation is a heading (a year heading gives the year to dates without one), the
header gives the title and publisher. People and press sources come last, from the entries'
own words (see people.py and sources.py).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from bot.importers.dating import date_value, dates_in, leading_date, read_date, union
from bot.importers.draft import Draft, DraftEntry
from bot.importers.people import Passage, People, link_people
from bot.importers.sources import find_sources

_TERMINAL = tuple('.!?"”’)]')
_HEADING_MAX = 80
_PAGE_NUMBER = re.compile(r"^\s*(?:page\s+)?[-–—·]?\s*\d{1,3}\s*[-–—·]?\s*$", re.IGNORECASE)
_LIST_MARK = re.compile(r"^\s*(?:[-*+•]|\d{1,3}[.)])\s+")
_MD_HEADING = re.compile(r"^\s*(#{1,6})\s+(.*?)\s*#*\s*$")
_EMPHASIS = re.compile(r"(?<![\w*])(\*{1,3}|_{1,3})(?=\S)(.+?)(?<=\S)\1(?![\w*])")
_MD_LINK = re.compile(r"\[([^\]]+)\]\((?:[^)\s]+)\)")
_HEADER_FIELD = re.compile(
    r"^(?P<key>publisher|published by|source|published|date|url|link)\s*:?\s+(?P<value>.+)$",
    re.IGNORECASE,
)
_URL = re.compile(r"^<?(https?://\S+?)>?$")
_LOWER_WORD = re.compile(r"(?<![\w'’-])[a-z][a-z'’-]*")
_SPACES = re.compile(r"\s+")


@dataclass
class _Paragraph:
    line: int  # 1-based line of its first line in the input
    text: str
    heading: int = 0  # Markdown heading level; 0 for body text


def import_article(text: str, path: str, known: People | None = None) -> Draft:
    """Draft a chronology from an article's text (`path` names it in checks and summaries)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "")
    lines = text.split("\n")
    front, body_start = _front_matter(lines)
    paragraphs = _join_page_splits(_paragraphs(lines, body_start))
    draft = Draft(title=front.get("title", ""))
    for key in ("publisher", "published", "url"):
        setattr(draft, key, front.get(key))
    passages = _read_paragraphs(paragraphs, draft)
    if not draft.title:
        draft.title = path.rsplit("/", 1)[-1].rsplit(".", 1)[0]
        draft.checks.append("no title in the header: the file name is used")
    _add_people_and_sources(draft, passages, text, known)
    return draft


# --- cleaning ---------------------------------------------------------------------------------


def _front_matter(lines: list[str]) -> tuple[dict[str, str], int]:
    """Markdown front matter ("---" / "key: value" / "---"): title, publisher, published, url."""
    if not lines or lines[0].strip() != "---":
        return {}, 0
    fields: dict[str, str] = {}
    for number, line in enumerate(lines[1:], start=1):
        if line.strip() == "---":
            return fields, number + 1
        key, _, value = line.partition(":")
        if value.strip():
            fields[key.strip().lower()] = value.strip().strip("\"'")
    return {}, 0


def _furniture(lines: list[str]) -> set[int]:
    """Indexes of page furniture: page numbers, and running heads (short lines that repeat,
    with their page numbers ignored)."""
    shapes = [re.sub(r"\d+", "#", _SPACES.sub(" ", line.strip())) for line in lines]
    repeats = Counter(shape for shape in shapes if shape and len(shape) <= _HEADING_MAX)
    return {
        index
        for index, (line, shape) in enumerate(zip(lines, shapes, strict=True))
        if _PAGE_NUMBER.match(line) or (repeats[shape] >= 3 and not shape.startswith("#"))
    }


def _paragraphs(lines: list[str], start: int) -> list[_Paragraph]:
    """Blocks of lines (blank lines and furniture between them) joined into paragraphs;
    Markdown headings and list items are paragraphs of their own."""
    skip = _furniture(lines)
    words = _hyphen_words(lines)
    paragraphs: list[_Paragraph] = []
    current: _Paragraph | None = None
    for index in range(start, len(lines)):
        line = lines[index].strip()
        if not line or index in skip:
            current = None
            continue
        heading = _MD_HEADING.match(line)
        if heading:
            paragraphs.append(_Paragraph(index + 1, heading[2], len(heading[1])))
            current = None
            continue
        item = _LIST_MARK.match(line)
        if item:
            line = line[item.end() :]
        # A new paragraph: after a blank, at a list item, or a dated line after a full stop.
        if (
            current is None
            or item
            or (current.text.endswith(_TERMINAL) and leading_date(line) is not None)
        ):
            current = _Paragraph(index + 1, line)
            paragraphs.append(current)
        else:
            current.text = _join_lines(current.text, line, words)
    return paragraphs


def _hyphen_words(lines: list[str]) -> set[str]:
    """Hyphenated words written whole on one line ("anti-missile"): a break after their
    hyphen keeps it; any other line-end hyphen is a word broken in two."""
    return {word.lower() for word in re.findall(r"\w+-\w+", "\n".join(lines))}


def _join_lines(first: str, second: str, hyphenated: set[str]) -> str:
    """Two pieces of one paragraph, as one line (a word broken by hyphenation made whole)."""
    # Only the end of `first` is searched: paragraphs grow line by line.
    broken = re.search(r"(\w+)-$", first[-60:]) if first.endswith("-") else None
    if broken and second[:1].islower():
        tail = re.match(r"\w+", second)
        whole = f"{broken[1]}-{tail[0] if tail else ''}".lower()
        if whole in hyphenated:
            return first + second
        return first[:-1] + second
    return f"{first} {second}"


def _join_page_splits(paragraphs: list[_Paragraph]) -> list[_Paragraph]:
    """A paragraph cut by a page or column break continues in the next one: it lacks final
    punctuation and is too long for a heading, or the next one starts in lowercase."""
    joined: list[_Paragraph] = []
    for paragraph in paragraphs:
        previous = joined[-1] if joined else None
        if (
            previous is not None
            and not previous.heading
            and not paragraph.heading
            and not previous.text.endswith(_TERMINAL)
            and not previous.text.startswith("[")
            and leading_date(paragraph.text) is None
            and not _URL.match(paragraph.text)
            and not _HEADER_FIELD.match(previous.text)
            and (len(previous.text) > _HEADING_MAX or paragraph.text[:1].islower())
        ):
            previous.text = _join_lines(previous.text, paragraph.text, set())
            continue
        joined.append(paragraph)
    return joined


# --- reading ----------------------------------------------------------------------------------


def _is_heading(paragraph: _Paragraph) -> bool:
    text = paragraph.text
    return bool(paragraph.heading) or (
        len(text) <= _HEADING_MAX and not text.endswith(_TERMINAL) and not text[:1].islower()
    )


def _is_note(text: str) -> bool:
    return text.startswith("[") and text.rstrip(".").endswith("]") and "](" not in text


def _read_paragraphs(paragraphs: list[_Paragraph], draft: Draft) -> list[list[tuple[str, str]]]:
    """Entries from paragraphs (into `draft.entries`); returns each entry's raw passages
    (text, note) with their emphasis, for people and sources."""
    raw: list[list[str]] = []
    year: int | None = None
    in_header = True
    dated_yet = False  # before the first dated paragraph, undated ones are entries of their own
    for paragraph in paragraphs:
        text = _MD_LINK.sub(r"\1", paragraph.text)
        dated = None if _is_note(text) else leading_date(text, year)
        if dated is None and _is_heading(paragraph) and not _is_note(text):
            heading_date = read_date(text)
            if heading_date is not None:
                year, in_header = heading_date.span.start.year, False
            elif in_header and not draft.title and not draft.entries:
                draft.title = _plain(text)
            elif in_header:
                _header_field(text, draft)
            continue
        if in_header and not draft.entries and _header_field(text, draft):
            continue
        in_header = False
        if dated is not None and not _plain(dated.rest):
            # "2004:" alone is a heading: it gives its year to the dates below.
            year = dated.date.span.start.year
        elif dated is not None:
            dated_yet = True
            entry = DraftEntry(dated.date.value, "", paragraph.line, date_text=dated.date.text)
            draft.entries.append(entry)
            raw.append([dated.rest])
        elif _is_note(text):
            if not draft.entries:
                draft.unreadable.append((paragraph.line, "a bracketed remark before any entry"))
                continue
            raw[-1].append(text.strip()[1:].rstrip(".").rstrip()[:-1].strip())
        elif _unread_date(text):
            draft.unreadable.append(
                (paragraph.line, f"could not read the date {_unread_date(text)!r}: skipped")
            )
        elif dated_yet:
            raw[-1][0] += " " + text
            draft.entries[-1].checks.append(
                f"an undated paragraph (line {paragraph.line}) was added to this entry"
            )
        else:
            _undated_entry(paragraph, text, draft, raw)
    return [[(passages[0], "\n".join(passages[1:]))] for passages in raw]


def _undated_entry(paragraph: _Paragraph, text: str, draft: Draft, raw: list[list[str]]) -> None:
    """An opening paragraph without a leading date: dated by the dates it mentions."""
    found = dates_in(_plain(text))
    if not found:
        draft.unreadable.append((paragraph.line, "no date in this paragraph: skipped"))
        return
    value = date_value(union(found))
    date_text = found[0].text if len(found) == 1 else None
    entry = DraftEntry(value, "", paragraph.line, date_text=date_text)
    written = ", ".join(d.text for d in found)
    entry.checks.append(f"no date leads this paragraph; dated {value} from its words ({written})")
    draft.entries.append(entry)
    raw.append([text])


_DATE_LIKE_PREFIX = re.compile(
    r"^((?:[A-Z][a-z]{2,8}\.?\s+)?\d{1,4}(?:[-–/]\d{1,4})?(?:,?\s+\d{4})?)\s*:"
)


def _unread_date(text: str) -> str | None:
    """A prefix that looks like a date but is none ("Feb. 30, 1987:"), for the summary."""
    match = _DATE_LIKE_PREFIX.match(text)
    return match[1] if match else None


def _header_field(text: str, draft: Draft) -> bool:
    """Publisher, publication date or URL from a header line; True when it was one."""
    url = _URL.match(text)
    if url:
        draft.url = draft.url or url[1]
        return True
    match = _HEADER_FIELD.match(_plain(text))
    if not match:
        return False
    key, value = match["key"].lower(), match["value"].strip()
    if key in {"published", "date"}:
        found = read_date(value)
        if found is None:
            return False
        draft.published = draft.published or found.value
    elif key in {"url", "link"}:
        draft.url = draft.url or value
    else:
        draft.publisher = draft.publisher or value
    return True


def _plain(text: str) -> str:
    """Text without Markdown emphasis markers."""
    return _SPACES.sub(" ", _EMPHASIS.sub(r"\2", text)).strip()


def emphasised(text: str) -> tuple[str, list[tuple[int, int]]]:
    """Text without emphasis markers, and where the emphasised words now stand."""
    spans: list[tuple[int, int]] = []
    out: list[str] = []
    position = length = 0
    for match in _EMPHASIS.finditer(text):
        out.append(text[position : match.start()])
        length += match.start() - position
        spans.append((length, length + len(match[2])))
        out.append(match[2])
        length += len(match[2])
        position = match.end()
    out.append(text[position:])
    return "".join(out), spans


def _add_people_and_sources(
    draft: Draft, passages: list[list[tuple[str, str]]], article: str, known: People | None
) -> None:
    """Text, note, cites and people of every entry, from its raw passages."""
    common = set(_LOWER_WORD.findall(article))
    per_entry: list[list[Passage]] = []
    for entry, ((text, note),) in zip(draft.entries, passages, strict=True):
        plain_text, text_spans = emphasised(text)
        plain_note, note_spans = emphasised(note) if note else ("", [])
        year = int(entry.date[:4])
        cites, cite_spans = find_sources(plain_text, text_spans, year)
        note_cites, note_cite_spans = find_sources(plain_note, note_spans, year)
        entry.text = _SPACES.sub(" ", plain_text).strip()
        entry.note = _SPACES.sub(" ", plain_note).strip() or None
        entry.cites = list(dict.fromkeys(cites + note_cites))
        per_entry.append(
            [Passage(plain_text, tuple(cite_spans)), Passage(plain_note, tuple(note_cite_spans))]
        )
    people, links, checks = link_people(per_entry, common, known)
    renamed = people.assign_ids()
    draft.people = people.persons
    for entry, ids, notes in zip(draft.entries, links, checks, strict=True):
        entry.people = [renamed[person_id] for person_id in ids]
        entry.checks += notes
