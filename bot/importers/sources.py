"""Press sources an entry names ("according to the daily X", "reported in X Oct. 18",
"(Nov. 3, 1987 X)", a publication's title in italics), as the data's `cites`."""

from __future__ import annotations

import re

from bot.importers.dating import read_date

_MONTH = r"(?:Jan|Feb|Mar|Apr|May|June?|July?|Aug|Sept?|Oct|Nov|Dec)[a-z]*\.?"
_DATE = rf"(?:{_MONTH}\s+\d{{1,2}}(?:,?\s+\d{{4}})?|\d{{1,2}}\s+{_MONTH}(?:\s+\d{{4}})?)"
_DATE_BEFORE = re.compile(rf"({_DATE})\s*,?\s*$")
_DATE_AFTER = re.compile(rf"^\s*,?\s*(?:of\s+)?({_DATE})")
# A capitalised name of up to six words ("The New York Times", "Le Monde").
_NAME = r"(?:The\s+)?[A-Z][\w&'’.-]*(?:\s+(?:of\s+|de\s+)?[A-Z][\w&'’.-]*){0,5}"
# Words that say the next name is a publication, not a person.
_MEDIUM = (
    r"(?:daily|paper|newspaper|magazine|weekly|monthly|journal|agency|news\s+agency|outlet"
    r"|broadcaster|television|TV|channel|radio|website|wire\s+service|tabloid|gazette)"
)
_TRIGGER = re.compile(
    r"(?i:according\s+to|reported\s+(?:in|by)|as\s+reported\s+in|published\s+in|wrote\s+in"
    r"|quoted\s+(?:in|by)|an?\s+(?:interview|article|report|editorial|op-ed|column)"
    r"\s+(?:with|in|for|to))\s+"
    rf"(?:the\s+)?(?:(?P<medium>(?:[A-Za-z-]+\s+){{0,2}}{_MEDIUM})\s+)?(?P<name>{_NAME})"
)
_PARENTHESIS = re.compile(rf"\((?P<date>{_DATE}(?:,?\s+\d{{4}})?)\s+(?P<name>[A-Z][^()]{{0,40}})\)")


def find_sources(
    text: str, emphasised: list[tuple[int, int]], year: int
) -> tuple[list[str], list[tuple[int, int]]]:
    """The press sources `text` names ("Le Monde, March 3, 1998": a date without a year
    takes the entry's `year`), and where their names stand (not people, for people.py)."""
    found: list[tuple[int, int, str]] = []
    for start, end in emphasised:
        name = text[start:end].strip()
        if name[:1].isupper() and len(name.split()) <= 6:
            found.append((start, end, name))
    for match in _TRIGGER.finditer(text):
        name = _trim(match["name"])
        # "according to Smith" is a person: only a publication's medium or "The" makes a name
        # after "according to" a source; a report or article "in" something always is.
        if match["medium"] or name.startswith("The ") or "according" not in match[0].lower():
            start = match.start("name")
            found.append((start, start + len(name), name))
    for match in _PARENTHESIS.finditer(text):
        start = match.start("name")
        found.append((start, start + len(match["name"]), match["name"].strip()))
    cites: list[str] = []
    spans: list[tuple[int, int]] = []
    for start, end, name in sorted(found):
        if any(a <= start < b for a, b in spans):
            continue
        spans.append((start, end))
        cite = _with_date(name, text[:start], text[end:], year)
        if cite not in cites:
            cites.append(cite)
    return cites, spans


def _trim(name: str) -> str:
    """A name without a trailing date or abbreviation dot ("Le Monde Oct" -> "Le Monde")."""
    words = name.split()
    while len(words) > 1 and re.fullmatch(_MONTH, words[-1]):
        words.pop()
    return " ".join(words).rstrip(".")


def _with_date(name: str, before: str, after: str, year: int) -> str:
    """ "Name, date" when a date stands right before or after the name."""
    match = _DATE_AFTER.match(after) or _DATE_BEFORE.search(before[-30:])
    if not match:
        return name
    words = match[1].strip().rstrip(",")
    found = read_date(words, year)
    if found is None:
        return name
    if not re.search(r"\d{4}", words):
        words = found.text
        if re.match(_MONTH, words) and re.search(r"\d \d{4}$", words):
            words = re.sub(r" (\d{4})$", r", \1", words)  # "March 3 1998" -> "March 3, 1998"
    return f"{name}, {words}"
