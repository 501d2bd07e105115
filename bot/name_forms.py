"""How a person's name is written, as the matcher compares it: ASCII words, the forms a name
goes by (surname, first + last, a particle kept), and Russian declined forms back to the name.

Pure functions and patterns; `bot.names` matches questions against the forms made here, and
`bot.nameindex` stores them in the index. `anyascii` is imported only for text that is not
ASCII already, so plain questions never load its tables.
"""

from __future__ import annotations

import re
import sys

# Combining marks are not `\w` in Python's `re`, yet they are part of words in many scripts
# (decomposed Latin accents, Cyrillic titlo, Hebrew and Arabic points, Indic vowel signs).
_MARKS = (
    "\u0300-\u036f\u0483-\u0489\u0591-\u05c7\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed"
    "\u0900-\u0963\u0966-\u0dff\u0e00-\u0eff\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff"
    "\u3099\u309a\ufe20-\ufe2f"
)
_APOSTROPHES = "'’ʼ`"
_WORD_PART = rf"(?:[^\W_]|[{_MARKS}])+"
# A token is what a reader sees as one word; an apostrophe inside it ("Smith's") joins.
TOKEN_RE = re.compile(rf"{_WORD_PART}(?:[{_APOSTROPHES}]{_WORD_PART})*")
_ASCII_WORD_RE = re.compile(r"[a-z0-9]+")
# What may stand between two words of one name: "John Q. Adams", "Jean - Pierre".
NAME_GAP_RE = re.compile(r"[\s.\-‐]+")
CYRILLIC_RE = re.compile("[\u0400-\u04ff]")

# Russian case and plural endings, longest first: "Петровым" -> "Петров".
_CYRILLIC_ENDINGS = (
    "ами", "ями", "ыми", "ими", "ого", "его", "ому", "ему",
    "ой", "ей", "ым", "им", "ом", "ем", "ых", "их", "ую", "ою",
    "а", "я", "у", "ю", "е", "ы", "и",
)  # fmt: skip
_MIN_CYRILLIC_STEM = 4
_NOMINATIVE_ENDINGS = ("а", "я", "ь", "й")

_GENERATIONAL_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})


def normalize_words(text: str) -> tuple[str, ...]:
    """`text` as lowercase ASCII words: "Петров’s" -> ("petrovs",), "Jean-Pierre" -> 2 words."""
    return tuple(_ASCII_WORD_RE.findall(_plain(to_ascii(text))))


def to_ascii(text: str) -> str:
    """`text` transliterated to ASCII (curly apostrophes become straight ones)."""
    if text.isascii():
        return text
    # Imported here so a question in plain ASCII never pays for loading the tables.
    from anyascii import anyascii

    return anyascii(text)


def warm() -> None:
    """Load the transliteration of the script questions most often come in besides Latin
    (Cyrillic) now, not on the first such question."""
    to_ascii("ж")


def _plain(ascii_text: str) -> str:
    """Lowercase without apostrophes, so "O'Brien" and "OBrien" are one word."""
    return ascii_text.lower().replace("'", "").replace("`", "")


def cyrillic_stems(raw: str, short_ok: bool = False) -> list[str]:
    """The Cyrillic word without its case ending, as the name it may be declined from:
    "Путиным" -> "путин", "Обамой" -> "обама", "Игорем" -> "игорь", "Сергея" -> "сергей".

    A capitalised word may have a stem of three letters ("Бушем" -> "буш"): short surnames are
    declined too, and the capital says it is a name (`short_ok`: so does the question).
    """
    lowered = raw.lower()
    short = short_ok or raw[:1].isupper()
    shortest = _MIN_CYRILLIC_STEM - 1 if short else _MIN_CYRILLIC_STEM
    for ending in _CYRILLIC_ENDINGS:
        stem = lowered[: -len(ending)]
        if lowered.endswith(ending) and len(stem) >= shortest:
            # The stem itself (Путин-ым) or the stem with the nominative ending it lost
            # (Обам-ой -> Обама, Игор-ем -> Игорь, Серге-я -> Сергей).
            return [stem, *(stem + final for final in _NOMINATIVE_ENDINGS)]
    return []


def _name_parts(name: str) -> list[tuple[str, tuple[str, ...]]]:
    """The whitespace-separated parts of a name: (ASCII spelling, normalized words) each.

    A part may hold several words ("Rimsky-Korsakov"); parts without words ("-") are dropped.
    """
    ascii_name = to_ascii(name)
    spelled = ascii_name.split()
    lowered = _plain(ascii_name).split()
    if len(lowered) != len(spelled):  # a part made of apostrophes only: rare, go part by part
        lowered = [_plain(part) for part in spelled]
    parts = zip(spelled, lowered, strict=True)
    # Interned: the same surname recurs across aliases and people, one copy is enough.
    return [
        (part, tuple(map(sys.intern, words)))
        for part, low in parts
        if (words := _ASCII_WORD_RE.findall(low))
    ]


def name_forms(name: str) -> list[tuple[str, ...]]:
    """Every word sequence that names the person: the name itself and its derived forms."""
    parts = _name_parts(name)
    if not parts:
        return []
    forms = [_joined(parts)]
    while len(parts) > 2 and parts[-1][1][-1] in _GENERATIONAL_SUFFIXES:
        parts.pop()  # "Martin Luther King Jr." is also "Martin Luther King", surname "King"
        forms.append(_joined(parts))
    if len(parts) >= 2:
        surname = parts[-1][1]
        forms.append(surname)
    if len(parts) >= 3:
        forms.append(parts[0][1] + surname)  # "John Q. Adams" -> "John Adams"
        # "de Gaulle", "van Gogh": the particle is part of the surname as people say it.
        if parts[-2][0][:1].islower():
            forms.append(parts[-2][1] + surname)
    return forms


def _joined(parts: list[tuple[str, tuple[str, ...]]]) -> tuple[str, ...]:
    """All the words of `parts`, in order."""
    return tuple(word for _spelling, words in parts for word in words)
