"""A drafted chronology and its YAML: ids, `# check:` comments, the import summary.

Every importer fills a `Draft`; this module alone writes the data format, so a draft from an
article, a spreadsheet or a timeline reads the same and always passes `chronobot validate`.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from bot.data import MAX_ID_LENGTH


class ImportProblem(Exception):
    """Input the importer cannot use: the message names the input's line when known."""

    def __init__(self, path: str, line: int | None, message: str):
        self.path, self.line, self.message = path, line, message
        where = f"{path}:{line}" if line else path
        super().__init__(f"{where}: {message}")


@dataclass
class DraftPerson:
    id: str
    name: str
    aliases: list[str] = field(default_factory=list)
    description: str | None = None
    checks: list[str] = field(default_factory=list)


@dataclass
class DraftEntry:
    date: str
    text: str
    line: int  # where the entry starts in the input
    date_text: str | None = None
    people: list[str] = field(default_factory=list)  # person ids
    cites: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    note: str | None = None
    id: str | None = None  # given by the input (a table's id column); otherwise made up
    checks: list[str] = field(default_factory=list)


@dataclass
class Draft:
    title: str
    publisher: str | None = None
    published: str | None = None
    url: str | None = None
    people: dict[str, DraftPerson] = field(default_factory=dict)
    entries: list[DraftEntry] = field(default_factory=list)
    unreadable: list[tuple[int, str]] = field(default_factory=list)  # (line, why)
    checks: list[str] = field(default_factory=list)  # about the whole draft


def slug(text: str) -> str:
    """Lowercase ASCII words joined by "-" ("Ada Lovelace" -> "ada-lovelace")."""
    from anyascii import anyascii

    ascii_text = anyascii(unicodedata.normalize("NFC", text)).lower().replace("'", "")
    return "-".join(re.findall(r"[a-z0-9]+", ascii_text))


def assign_entry_ids(draft: Draft) -> None:
    """Give every entry a unique slug id: its given id, else first person (or first words)
    and date ("lovelace-1843-07-10"); repeats get "-2", "-3"."""
    taken: set[str] = set()
    for entry in draft.entries:
        base = slug(entry.id or "") if entry.id else ""
        if not base:
            lead = entry.people[0] if entry.people else "-".join(slug(entry.text).split("-")[:3])
            base = f"{lead or 'entry'}-{entry.date.replace('/', '-')}"
        base = base[:MAX_ID_LENGTH].strip("-") or "entry"
        candidate, number = base, 2
        while candidate in taken:
            suffix = f"-{number}"
            candidate = base[: MAX_ID_LENGTH - len(suffix)].strip("-") + suffix
            number += 1
        taken.add(candidate)
        entry.id = candidate


# --- YAML ----------------------------------------------------------------------------------

_PLAIN_SAFE = re.compile(r"^[A-Za-z][\w .,()'’\-–—/&]*$")
_YAML_WORDS = {"yes", "no", "on", "off", "true", "false", "null", "y", "n", "~"}


def _scalar(text: str, in_list: bool = False) -> str:
    """A YAML scalar for `text`: plain when unambiguous, else double-quoted with escapes."""
    if (
        _PLAIN_SAFE.match(text)
        and not (in_list and "," in text)
        and text.lower() not in _YAML_WORDS
        and ": " not in text
        and " #" not in text
        and not text.endswith((" ", ":"))
    ):
        return text
    out = []
    for char in text:
        if char in '"\\':
            out.append("\\" + char)
        elif char == "\n":
            out.append("\\n")
        elif char == "\t":
            out.append("\\t")
        elif unicodedata.category(char) in {"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"}:
            out.append(f"\\u{ord(char):04x}" if ord(char) < 0x10000 else f"\\U{ord(char):08x}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def _flow(items: list[str]) -> str:
    return "[" + ", ".join(_scalar(item, in_list=True) for item in items) + "]"


def _comment(text: str) -> str:
    return " ".join(text.split())


def render_yaml(draft: Draft, source: str) -> str:
    """The draft as a chronology file; guesses carry a `# check:` comment above them."""
    lines = [f"# Drafted by `chronobot import` from {_comment(source)}.", ""]
    lines += [f"# check: {_comment(check)}" for check in draft.checks]
    lines.append("chronology:")
    lines.append(f"  title: {_scalar(draft.title)}")
    for key in ("publisher", "published", "url"):
        value = getattr(draft, key)
        if value:
            lines.append(f"  {key}: {_scalar(value)}")
    used = {person_id for entry in draft.entries for person_id in entry.people}
    people = [person for person in draft.people.values() if person.id in used]
    lines += ["", "people:" if people else "people: {}"]
    for person in people:
        lines += [f"  # check: {_comment(check)}" for check in person.checks]
        lines.append(f"  {person.id}:")
        lines.append(f"    name: {_scalar(person.name)}")
        if person.aliases:
            lines.append(f"    aliases: {_flow(person.aliases)}")
        if person.description:
            lines.append(f"    description: {_scalar(person.description)}")
    lines += ["", "events:" if draft.entries else "events: []"]
    for entry in draft.entries:
        lines.append("")
        lines += [f"  # check: {_comment(check)}" for check in entry.checks]
        lines.append(f"  - id: {entry.id}")
        lines.append(f'    date: "{entry.date}"')
        if entry.date_text:
            lines.append(f"    date_text: {_scalar(entry.date_text)}")
        if entry.people:
            lines.append(f"    people: {_flow(entry.people)}")
        lines.append(f"    text: {_scalar(entry.text)}")
        for key in ("cites", "places", "tags"):
            values = getattr(entry, key)
            if values:
                lines.append(f"    {key}: {_flow(values)}")
        if entry.note:
            lines.append(f"    note: {_scalar(entry.note)}")
    return "\n".join(lines) + "\n"


def summary(draft: Draft, source: str, target: str) -> str:
    """What the import found, for the terminal: counts, checks to make, unreadable dates."""
    checks = sum(len(e.checks) for e in draft.entries) + sum(
        len(p.checks) for p in draft.people.values()
    )
    used = {person_id for entry in draft.entries for person_id in entry.people}
    lines = [
        f"{source}: {len(draft.entries)} entries, {len(used)} people"
        f" -> {target}" + (f" ({checks} guesses marked '# check:')" if checks else "")
    ]
    for line, why in draft.unreadable:
        lines.append(f"  {source}:{line}: {why}")
    if draft.unreadable:
        lines.append(f"{len(draft.unreadable)} passages skipped; add them by hand if they matter.")
    return "\n".join(lines)
