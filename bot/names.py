"""Find the people a question mentions: fuzzy, case-insensitive, any script.

Matching works on word n-grams of the question against every person's display name,
aliases and derived surname, after transliteration to ASCII (so Cyrillic works with no alias).
Only whole-name similarity (Levenshtein / `fuzz.ratio`) is used: partial scorers would let
ordinary words ("putting", "missile") match short surnames.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class NameMatch:
    """A span of the question that names one or more people (several for a shared surname)."""

    start: int  # character offsets into the original question
    end: int
    text: str  # the question's own words, e.g. "Lavrov's"
    person_ids: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class NameCandidate:
    """A word that looks like a person's name but matches nobody (e.g. "Merkel")."""

    start: int
    end: int
    text: str
    suggestions: tuple[str, ...]  # ids of people whose names are close, best first


class NameMatcher:
    """Matches person mentions in text against a fixed registry of people."""

    def __init__(self, people: Iterable[tuple[str, str, Iterable[str]]]):
        """`people`: (person id, display name, aliases) for everyone in the chronology."""
        raise NotImplementedError

    def find(self, text: str) -> list[NameMatch]:
        """Every person mention in `text`, left to right, non-overlapping, longest first."""
        raise NotImplementedError

    def suggest(self, word: str, limit: int = 3) -> tuple[str, ...]:
        """Ids of people whose names are close to `word` (looser than `find`), best first."""
        raise NotImplementedError
