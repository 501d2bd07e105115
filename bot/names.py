"""Find the people a question mentions: fuzzy, case-insensitive, any script.

Matching works on word n-grams of the question against every person's display name,
aliases and derived surname, after transliteration to ASCII (so Cyrillic works with no alias).
How names are written (ASCII words, forms, Russian endings) is `bot.name_forms`; this module
matches. Only whole-word similarity is used, never partial scorers (they would let ordinary
words such as "kingdom" or "browning" match short surnames): `find` allows at most one edit,
found through a deletion index rather than a scan; `suggest` ranks by `rapidfuzz.fuzz.ratio`.
Both `anyascii` and `rapidfuzz` are imported only when needed, so `chronobot ask` starts fast.

The rules, in the order they are applied:

- Names are normalized: transliterated to ASCII with `anyascii` (only when not ASCII already,
  so plain questions never import it), lowercased, apostrophes dropped ("O'Brien" is
  "obrien"), every other non-alphanumeric character separating words ("Jean-Pierre" is two).
- A person is known by their display name, every alias, and derived forms of each name
  of two or more words: the surname (last word, with a lowercase particle such as "de" kept as
  well), and "first + last" for names with middle parts.
- A given name alone matches nobody unless it is itself a registered name or alias.
- Possessives and plurals ("X's", "X’s", "Xs") and Russian case endings of Cyrillic words match
  the bare name.
- One typo (insertion, deletion, substitution or adjacent transposition) is tolerated per
  mention, only in a word of five letters or more matched against a name word of five letters
  or more. Shorter names match exactly.
- A one-word name of four letters or fewer must be written with a capital letter (or in a
  script without case) to match: such surnames are often ordinary words ("rose", "king").
  In lowercase it matches when the question capitalises no word after its first and names
  someone else ("putin and bush": a writer who does not capitalise names), or when the
  chronology writes the word only as a name (`lowercase_ok`, from the index: "musk").
- The longest mention wins; a surname shared by several people matches all of them. A name
  runs across spaces, dots and hyphens ("John Q. Adams"), not across commas.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterable
from typing import Any, NamedTuple

from bot.name_forms import (
    CYRILLIC_RE,
    NAME_GAP_RE,
    TOKEN_RE,
    cyrillic_stems,
    name_forms,
    normalize_words,
)

MIN_FUZZY_LENGTH = 5  # one typo is tolerated only in words this long (both sides)
_MAX_SHORT_NAME = 4  # one-word names this short need a capital letter in the question
_SUGGEST_CUTOFF = 70.0  # fuzz.ratio for "did you mean", looser than `find`


class NameMatch(NamedTuple):
    """A span of the question that names one or more people (several for a shared surname)."""

    start: int  # character offsets into the original question
    end: int
    text: str  # the question's own words, e.g. "Smith's"
    person_ids: tuple[str, ...]


class _Token:
    """One word of the question with every way it may be read as (part of) a name."""

    __slots__ = ("end", "joins_next", "raw", "readings", "start")

    def __init__(
        self,
        start: int,
        end: int,
        raw: str,
        readings: dict[tuple[str, ...], tuple[int, int]],
        joins_next: bool = False,
    ):
        self.start, self.end, self.raw = start, end, raw
        # word sequence -> (typos, preference): 0 typos before 1, exact spelling before a stem
        self.readings = readings
        # may a name continue into the next token ("Q. Adams": yes; ",": no)
        self.joins_next = joins_next


class NameMatcher:
    """Matches person mentions in text against a fixed registry of people."""

    def __init__(self, people: Iterable[tuple[str, str, Iterable[str]]]):
        """`people`: (person id, display name, aliases) for everyone in the chronology."""
        self._ids: list[str] = []
        owners_of: dict[tuple[str, ...], list[int]] = {}
        for person_id, name, aliases in people:
            index = len(self._ids)
            self._ids.append(person_id)
            for variant in (name, *aliases):
                for form in name_forms(variant):
                    owners = owners_of.setdefault(form, [])
                    if index not in owners:
                        owners.append(index)
        # Name words -> indexes of the people it names; tuples take half the memory of lists.
        self._keys = {key: tuple(owners) for key, owners in owners_of.items()}
        self._prefixes = {key[:n] for key in self._keys for n in range(1, len(key))}
        self._vocabulary = WordSet(word for key in self._keys for word in key)
        self._deletions = DeletionIndex(_deletion_index(self._vocabulary))
        self._key_texts = [" ".join(key) for key in self._keys]
        self._key_owners = list(self._keys.values())
        self._suggest_buckets = _suggest_buckets(self._key_texts)

    # The matcher's tables. Each is read only through `in`, `[]` and `.get`, the word and
    # deletion tables many keys at once (`known`, `many`), so an index can stand in for them
    # with tables it looks up on demand (bot.nameindex).
    TABLES = (
        "_ids", "_keys", "_prefixes", "_vocabulary", "_deletions",
        "_key_texts", "_key_owners", "_suggest_buckets",
    )  # fmt: skip

    @classmethod
    def from_tables(cls, **tables: Any) -> NameMatcher:
        """A matcher over stand-ins for its tables, one per name in TABLES (without "_")."""
        matcher = cls.__new__(cls)
        for name in cls.TABLES:
            setattr(matcher, name, tables[name[1:]])
        return matcher

    def find(
        self, text: str, lowercase_ok: Callable[[str], bool] = lambda word: False
    ) -> list[NameMatch]:
        """Every person mention in `text`, left to right, non-overlapping, longest first.

        `lowercase_ok(word)`: may a short one-word name be written in lowercase? (The
        chronology writes that word only as a name: "musk", "bush".)
        """
        tokens = self._tokens(text, casual=False)
        found = self._find(text, tokens, lowercase_ok)
        # Someone who writes "putin and bush" does not capitalise names: then a short name
        # needs no capital either ("bush", "бушу"), though "rice prices" alone names nobody.
        if found and _writes_names_lowercase(tokens):
            found = self._find(text, self._tokens(text, casual=True), lambda word: True)
        return found

    def _tokens(self, text: str, casual: bool) -> list[_Token]:
        spelled = [(match, _spellings(match.group(), casual)) for match in TOKEN_RE.finditer(text)]
        # The whole question's words are looked up at once (an index answers each batch
        # with one query): exact name words, then the typos of the others.
        words = {word for _match, spellings in spelled for word in spellings}
        known = self._vocabulary.known(words)
        near = self._near_words(
            [word for word in words if word not in known and len(word) >= MIN_FUZZY_LENGTH]
        )
        tokens = [self._token(match, spellings, known, near) for match, spellings in spelled]
        for token, after in itertools.pairwise(tokens):
            token.joins_next = NAME_GAP_RE.fullmatch(text, token.end, after.start) is not None
        return tokens

    def _find(
        self, text: str, tokens: list[_Token], lowercase_ok: Callable[[str], bool]
    ) -> list[NameMatch]:
        found: list[NameMatch] = []
        i = 0
        while i < len(tokens):
            length, owners = self._match_at(tokens, i, lowercase_ok)
            if not length:
                i += 1
                continue
            start, end = tokens[i].start, tokens[i + length - 1].end
            ids = tuple(self._ids[index] for index in sorted(owners))
            found.append(NameMatch(start, end, text[start:end], ids))
            i += length
        return found

    def suggest(self, word: str, limit: int = 3) -> tuple[str, ...]:
        """Ids of people whose names are close to `word` (looser than `find`), best first."""
        query = " ".join(normalize_words(word))
        if not query or limit <= 0:
            return ()
        # Only names of as many words, sharing the first letter or the last two: a near miss
        # rarely changes both ends, and scoring every name costs milliseconds at 10,000 people.
        words = query.count(" ") + 1
        key_indexes = [
            *self._suggest_buckets.get((words, query[:1]), ()),
            *self._suggest_buckets.get((words, "$" + query[-2:]), ()),
        ]
        texts = [self._key_texts[key_index] for key_index in key_indexes]
        # Imported here: only the unknown-name path needs it, `find` does without.
        from rapidfuzz import fuzz, process

        scored = process.extract(
            query, texts, scorer=fuzz.ratio, score_cutoff=_SUGGEST_CUTOFF, limit=None
        )
        best: dict[int, float] = {}
        for _text, score, position in scored:
            for owner in self._key_owners[key_indexes[position]]:
                best[owner] = max(best.get(owner, 0.0), score)
        ranked = sorted(best, key=lambda owner: (-best[owner], owner))
        return tuple(self._ids[owner] for owner in ranked[:limit])

    @staticmethod
    def _token(
        match: re.Match[str], spellings: list[str], known: set[str], near: dict[str, set[str]]
    ) -> _Token:
        """A question word with its readings: as written, without endings (its `spellings`
        that are `known` name words, else its words when it has several), one typo away
        (`near`: name words one edit from each unknown spelling). A spelling that is no
        name word is no reading: no name could start with it or hold it."""
        raw = match.group()
        readings: dict[tuple[str, ...], tuple[int, int]] = {}
        if not spellings:
            # Several words from one token (e.g. "l.l" or a transliteration): exact only.
            if words := normalize_words(raw):
                readings[words] = (0, 0)
            return _Token(match.start(), match.end(), raw, readings)
        for preference, spelling in enumerate(spellings):
            if spelling in known:
                readings.setdefault((spelling,), (0, preference))
        for preference, spelling in enumerate(spellings):
            for other in near.get(spelling, ()):
                readings.setdefault((other,), (1, preference))
        return _Token(match.start(), match.end(), raw, readings)

    def _near_words(self, words: list[str]) -> dict[str, set[str]]:
        """Each of `words` -> the name words of five letters or more one edit away (with
        transpositions).

        Symmetric deletion: two words are one edit apart only if deleting at most one letter
        from each makes them equal, so a few dictionary lookups replace a scan of all names;
        the lookups of all `words` go together.
        """
        shorter = {word: deletions(word) for word in words}
        every_deletion = {deleted for each in shorter.values() for deleted in each}
        known = self._vocabulary.known(d for d in every_deletion if len(d) >= MIN_FUZZY_LENGTH)
        found = self._deletions.many([*words, *every_deletion])
        near: dict[str, set[str]] = {}
        for word, its_deletions in shorter.items():
            close = its_deletions & known  # the question has one letter too many
            close.update(found.get(word, ()))  # the question misses a letter
            for deleted in its_deletions:
                for candidate in found.get(deleted, ()):
                    # Same length: one substitution or one swap, or two edits (dropped).
                    if _one_substitution_or_swap(word, candidate):
                        close.add(candidate)
            near[word] = close
        return near

    def _match_at(
        self, tokens: list[_Token], first: int, lowercase_ok: Callable[[str], bool]
    ) -> tuple[int, list[int]]:
        """The longest name starting at token `first`: (its length in tokens, its owners)."""
        best: tuple[int, int, int] | None = None  # (-tokens, typos, preference): lower wins
        owners: set[int] = set()
        pending: list[tuple[int, tuple[str, ...], int, int]] = [(first, (), 0, 0)]
        while pending:
            position, prefix, typos, preference = pending.pop()
            if position >= len(tokens):
                continue
            for words, (more_typos, more_preference) in tokens[position].readings.items():
                total_typos = typos + more_typos
                if total_typos > 1:
                    continue
                sequence = prefix + words
                total_preference = preference + more_preference
                if sequence in self._prefixes and tokens[position].joins_next:
                    pending.append((position + 1, sequence, total_typos, total_preference))
                if sequence not in self._keys or not self._allowed(
                    sequence, tokens[position], lowercase_ok
                ):
                    continue
                rank = (first - position - 1, total_typos, total_preference)
                if best is None or rank < best:
                    best, owners = rank, set(self._keys[sequence])
                elif rank == best:
                    owners.update(self._keys[sequence])
        return (-best[0] if best else 0), sorted(owners)

    @staticmethod
    def _allowed(
        sequence: tuple[str, ...], last: _Token, lowercase_ok: Callable[[str], bool]
    ) -> bool:
        """Short one-word names need a capital letter: "King said" names, "king size" not
        (unless `lowercase_ok` says the word is only ever a name)."""
        if len(sequence) > 1 or len(sequence[0]) > _MAX_SHORT_NAME:
            return True
        return not last.raw[:1].islower() or lowercase_ok(sequence[0])


def _spellings(raw: str, casual: bool) -> list[str]:
    """How a one-word token may be written as a name word: as normalized, without a
    possessive or plural "s", Russian stems (`casual`: short stems too); [] for a token of
    several words or none."""
    words = normalize_words(raw)
    if len(words) != 1:
        return []
    spellings = [words[0]]
    # Possessive or plural: "smiths" (from "Smith's") -> "smith".
    if words[0].endswith("s") and len(words[0]) > 2:
        spellings.append(words[0][:-1])
    if CYRILLIC_RE.search(raw):
        for stem in cyrillic_stems(raw, short_ok=casual):
            spellings.extend(normalize_words(stem)[:1])
    return spellings


def _writes_names_lowercase(tokens: list[_Token]) -> bool:
    """Does the question show no capitalised word after its first, as people type on a
    phone? (Acronyms do not count: "putin and bush ABM".)"""
    return not any(token.raw[:1].isupper() and not token.raw.isupper() for token in tokens[1:])


def _one_substitution_or_swap(word: str, other: str) -> bool:
    """True when two words of equal length differ by one letter or two adjacent swapped ones."""
    differences = [i for i, (a, b) in enumerate(zip(word, other, strict=True)) if a != b]
    if len(differences) == 1:
        return True
    if len(differences) != 2 or differences[1] != differences[0] + 1:
        return False
    first, second = differences
    return word[first] == other[second] and word[second] == other[first]


def deletions(word: str) -> set[str]:
    """`word` with one letter deleted, every way."""
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


def _deletion_index(vocabulary: Iterable[str]) -> dict[str, str | tuple[str, ...]]:
    """Every one-letter deletion of the long name words -> the word(s) it comes from.

    Values are a bare string in the common case, a tuple only when words share a deletion:
    with tens of thousands of names the index is the matcher's largest structure.
    """
    index: dict[str, str | tuple[str, ...]] = {}
    for word in vocabulary:
        if len(word) < MIN_FUZZY_LENGTH:
            continue
        for i in range(len(word)):
            deleted = word[:i] + word[i + 1 :]
            known = index.get(deleted)
            if known is None:
                index[deleted] = word
            elif isinstance(known, str):
                if known != word:  # a doubled letter gives the same deletion twice
                    index[deleted] = (known, word)
            elif word not in known:
                index[deleted] = (*known, word)
    return index


class WordSet(frozenset[str]):
    """The name words, held in memory; `known` is the word table's many-keys lookup."""

    def known(self, words: Iterable[str]) -> set[str]:
        return {word for word in words if word in self}


class DeletionIndex(dict[str, str | tuple[str, ...]]):
    """`_deletion_index` in memory; `many` is the deletion table's many-keys lookup."""

    def many(self, keys: Iterable[str]) -> dict[str, tuple[str, ...]]:
        """Each of `keys` that is a deletion -> the words it comes from."""
        found: dict[str, tuple[str, ...]] = {}
        for key in keys:
            entry = self.get(key)
            if entry is not None:
                found[key] = (entry,) if isinstance(entry, str) else entry
        return found


def _suggest_buckets(key_texts: list[str]) -> dict[tuple[int, str], list[int]]:
    """Name indexes by word count and first letter ("r") or last two letters ("$in")."""
    buckets: dict[tuple[int, str], list[int]] = {}
    for key_index, text in enumerate(key_texts):
        words = text.count(" ") + 1
        buckets.setdefault((words, text[:1]), []).append(key_index)
        buckets.setdefault((words, "$" + text[-2:]), []).append(key_index)
    return buckets
