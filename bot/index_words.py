"""What an index's words are, for reading questions: which words the chronology uses, their
spellings and synonyms, which words only ever name people, and the closest word to a typo.

`IndexWords.vocabulary()` gives `bot.question`'s reader these as callbacks (`Vocabulary`),
each remembered per engine; the engine also asks it to correct the words of a question that
found nothing. Reads the index only; rapidfuzz is imported by the spelling lookups alone.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import sqlite3

from bot.index import FTS_COLUMNS
from bot.lang import ru
from bot.ranking import DAY_RANGE_SQL, Pages
from bot.search import fts_concept, fts_query
from bot.word_forms import Vocabulary, sound_key


class IndexWords:
    """The words of one built index, as a question's reader and the engine ask about them."""

    def __init__(self, conn: sqlite3.Connection, pages: Pages):
        self._conn = conn
        self._pages = pages

    def vocabulary(self) -> Vocabulary:
        """The callbacks a question's reader asks about words, remembered (bounded)."""
        # Remembered per engine (bounded): the same words come back question after question,
        # and reading one question asks about a dozen forms.
        remember = functools.lru_cache(maxsize=4096)
        return Vocabulary(
            remember(self._in_vocabulary),
            remember(self._has_prefix),
            remember(self._data_synonyms),
            remember(self._spelling),
            remember(self._names_only),
            remember(self._written_apart),
            self._years,
            remember(self._sounds_like),
        )

    def _years(self) -> tuple[int, int] | None:
        return self._year_range

    @functools.cached_property
    def _year_range(self) -> tuple[int, int] | None:
        """The first and last year of the entries (two index lookups, read once)."""
        first, last = self._conn.execute(DAY_RANGE_SQL).fetchone()
        if first is None:
            return None
        return dt.date.fromordinal(first).year, dt.date.fromordinal(last).year

    def warm(self) -> None:
        """Read the word lists and load the spelling matcher now, not on the first question
        with an unknown word."""
        from rapidfuzz import fuzz, process  # noqa: F401

        remembered = (
            "_topic_words", "_synonym_groups", "_glossary_stems", "uses_cyrillic",
            "_indexed_words",  # 66 ms at a million entries, for the first misspelt word
            "_year_range",
        )  # fmt: skip
        for name in remembered:
            getattr(self, name)  # a cached property, read once

    # fuzz.ratio a typo must reach to be read as a word of the chronology: strict, as a wrong
    # reading would change the answer while a missed one only leaves a word unused.
    _SPELLING_CUTOFF = 82

    def _spelling(self, word: str) -> str | None:
        """The indexed word (not a name) closest to `word`, if it is close; else None."""
        lowered = word.lower()
        best = (
            self._closest(lowered, self._topic_words)
            or self._closest_stem(lowered)
            or self._stem_begun(lowered)
        )
        return self._written_form(best) if best else None

    # The index holds Porter stems ("strategic" -> "strateg"): a typo keeps its ending
    # ("stratgic"), which alone puts it too far from the stem. Without the ending it is close.
    _ENDINGS = ("ically", "ical", "ic", "ing", "ed", "es", "ly", "s", "e")
    _MIN_STEM = 4

    def _closest_stem(self, word: str) -> str | None:
        """The indexed stem closest to `word` without its inflectional ending, if close."""
        for ending in self._ENDINGS:
            if word.endswith(ending) and len(word) - len(ending) >= self._MIN_STEM:
                return self._closest(word[: -len(ending)], self._topic_words)
        return None

    # A mistyped long word keeps its stem: "cooperaton" begins with "cooper", the index's stem
    # of "cooperation", which is too short for `_closest` to find by similarity. The stem must
    # be this long, and at least half the typed word.
    _MIN_BEGUN_STEM = 5

    def _stem_begun(self, word: str) -> str | None:
        """The longest indexed stem (not of a name) that `word` begins with, if long enough."""
        shortest = max(self._MIN_BEGUN_STEM, (len(word) + 1) // 2)
        for end in range(len(word) - 1, shortest - 1, -1):
            if word[:end] in self._topic_word_set:
                return word[:end]
        return None

    @functools.cached_property
    def _topic_word_set(self) -> frozenset[str]:
        return frozenset(self._topic_words)

    # A short word one letter off is as likely another real word ("black", "back"): five
    # letters or fewer need a closer match (a letter changed, not dropped: "gabla" -> "gabala").
    _SHORT_WORD = 5
    _SHORT_SPELLING_CUTOFF = 90

    def _closest(self, word: str, candidates: list[str]) -> str | None:
        """The candidate within `_SPELLING_CUTOFF` of `word` that is closest, or None."""
        from rapidfuzz import fuzz, process  # only questions with an unknown word pay for it

        short = len(word) <= self._SHORT_WORD
        cutoff = self._SHORT_SPELLING_CUTOFF if short else self._SPELLING_CUTOFF
        best = process.extractOne(word, candidates, scorer=fuzz.ratio, score_cutoff=cutoff)
        return best[0] if best else None

    def _written_form(self, stem: str) -> str:
        """A word as an entry writes it for an indexed Porter stem ("missil" -> "missile"),
        so that a correction reads as a word."""
        row = self._conn.execute(
            """SELECT text, note, tags, places, cites FROM events WHERE rowid =
               (SELECT rowid FROM events_fts WHERE events_fts MATCH ? LIMIT 1)""",
            (fts_query((stem,)),),
        ).fetchone()
        if row:
            found = re.search(rf"\b{re.escape(stem)}[^\W_]*", " ".join(filter(None, row)), re.I)
            if found:
                return found.group().lower()
        return stem

    # A sound-alike must still share this much spelling (fuzz.ratio) with the word: the sound
    # keys of short stems collide.
    _SOUND_CUTOFF = 55
    _MIN_SOUND_KEY = 3

    def _sounds_like(self, latin: str) -> str | None:
        """The indexed word (not a name) that sounds like `latin`, a Russian word in Latin
        letters, if one does. The index holds stems ("challeng"): a key may also be a stem's
        key and up to two consonants of ending ("Clng" + "r")."""
        from rapidfuzz import fuzz

        key = sound_key(latin)
        for end in range(len(key), max(self._MIN_SOUND_KEY, len(key) - 2) - 1, -1):
            scored = [
                (fuzz.ratio(latin, stem), stem) for stem in self._sound_keys.get(key[:end], ())
            ]
            best = max(scored, default=None)
            if best is not None and best[0] >= self._SOUND_CUTOFF:
                return self._written_form(best[1])
        return None

    @functools.cached_property
    def _sound_keys(self) -> dict[str, list[str]]:
        """Each sound key (bot.word_forms.sound_key) -> the topic words that have it."""
        keys: dict[str, list[str]] = {}
        for stem in self._topic_words:
            keys.setdefault(sound_key(stem), []).append(stem)
        return keys

    @functools.cached_property
    def _topic_words(self) -> list[str]:
        """The indexed words that are not words of names: what a typo of a topic may mean."""
        return [term for (term,) in self._conn.execute(_LATIN_TERMS + " WHERE NOT name_word")]

    def _names_only(self, word: str) -> bool:
        """Is `word` written only where it names a person the entry is about? Then "musk"
        typed in lowercase is Elon Musk, while "rice" in a chronology of harvests stays rice."""
        return not self._written_apart(word, word)

    def _written_apart(self, words: str, name: str) -> bool:
        """Does an entry that is not about anyone called `name` write `words` (a phrase)?
        "Hubble Space Telescope" in an entry about a launch names a thing, not Hubble."""
        elsewhere = " ".join(column for column, _ in FTS_COLUMNS if column != "people_names")
        phrase, person = fts_query((words,)), fts_query((name,))
        return self._pages.any_match(f"{{{elsewhere}}} : {phrase} NOT people_names : {person}")

    def _in_vocabulary(self, word: str) -> bool:
        return self._pages.any_match(fts_query((word,)))

    def _has_prefix(self, word: str) -> bool:
        return self._pages.any_match(fts_concept((word + "*",)))

    @functools.cached_property
    def _synonym_groups(self) -> dict[str, tuple[str, ...]]:
        """The chronology's `synonyms:` list: each term -> every term of its group."""
        groups: dict[str, tuple[str, ...]] = {}
        try:
            rows = self._conn.execute("SELECT term, group_id FROM synonyms").fetchall()
        except sqlite3.OperationalError:  # an index built before synonyms existed
            return groups
        members: dict[int, list[str]] = {}
        for term, group in rows:
            members.setdefault(group, []).append(term)
        for terms in members.values():
            for term in terms:
                groups[_synonym_key(term)] = tuple(terms)
        return groups

    @functools.cached_property
    def _glossary_stems(self) -> dict[str, tuple[str, ...]]:
        """Russian terms of the `synonyms:` list by stem, so "астероидной" finds the group
        of "астероид" (see bot.lang.ru)."""
        return {
            ru.stem(term): group
            for term, group in self._synonym_groups.items()
            if ru.is_cyrillic(term) and " " not in term
        }

    def _data_synonyms(self, term: str) -> tuple[str, ...]:
        term = _synonym_key(term)
        group = self._synonym_groups.get(term, ())
        if not group and ru.is_cyrillic(term):
            for key in ru.glossary_keys(term):
                group = self._glossary_stems.get(key, ())
                if group:
                    break
        return tuple(other for other in group if _synonym_key(other) != term)

    @functools.cached_property
    def uses_cyrillic(self) -> bool:
        """Does the chronology itself write in Cyrillic (else Russian words need a glossary)?"""
        row = self._conn.execute(
            "SELECT 1 FROM events_vocab WHERE term >= 'а' AND term < 'ӿ' LIMIT 1"
        ).fetchone()
        return row is not None

    def correct_terms(self, terms: tuple[str, ...]) -> tuple[str, ...]:
        """Terms with each unknown word replaced by the closest indexed word, if one is close."""
        corrected = []
        for term in terms:
            if self._in_vocabulary(term):
                corrected.append(term)
                continue
            best = self._closest(term, self._indexed_words) if len(term) >= 4 else None
            if best:
                corrected.append(best)
        return tuple(dict.fromkeys(corrected))

    @functools.cached_property
    def _indexed_words(self) -> list[str]:
        """Every word the index holds in Latin letters (Porter stems), for spelling
        suggestions."""
        return [term for (term,) in self._conn.execute(_LATIN_TERMS)]


# The index's words in Latin letters, listed at build time (bot.indexwriter).
_LATIN_TERMS = "SELECT term FROM latin_terms"


def _synonym_key(term: str) -> str:
    """How synonyms are looked up: lowercase, words joined by single spaces ("apollo soyuz")."""
    return " ".join(re.findall(r"[^\W_]+", term.lower()))
