"""What else a ranking word is searched as, checked against the chronology's words.

A word of a question finds entries that use it in another form: its irregular base form
("shook" -> "shake"), everyday and the chronology's own synonyms, a Russian word's English
words (the chronology's glossary, then bot.lang.ru_glossary) and Latin spelling
("союз" -> "soyuz"), and for a word the
chronology lacks a shorter word of its family ("meteorite" -> "meteor"), longer words it
begins ("meteor*") or the halves of a compound ("handshake" -> "hand shake"). The result for
one word is its *concept*: the alternatives an entry may hold (FTS5 strings). Part of reading
a question (`bot.question`), apart because it answers one thing about one word, and the
follow-up reader (`bot.conversation`) needs the same for the words it carries over.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from bot.lang import en, ru, ru_glossary

MIN_PREFIX = 5  # a word this long that the chronology lacks may find longer ones ("meteor*")


class Vocabulary(NamedTuple):
    """What the reader may ask of the chronology's words (the engine answers from the index)."""

    is_indexed: Callable[[str], bool]  # does any entry use this word (any Porter form)?
    has_prefix: Callable[[str], bool]  # does any entry use a word starting with this?
    synonyms: Callable[[str], tuple[str, ...]]  # the chronology's own synonyms of a term
    spelling: Callable[[str], str | None]  # the closest word it uses (not a name), if close
    # Does it write this word only as (part of) the name of a person the entry is about?
    names_only: Callable[[str], bool] = lambda word: False
    # Does an entry not about anyone called <name> write <words>? ("Hubble Space", "hubble")
    written_apart: Callable[[str, str], bool] = lambda words, name: False
    # The first and last year of the chronology's entries (None: it has none), for a month
    # asked without a year ("rogozin feb": February of each of those years).
    years: Callable[[], tuple[int, int] | None] = lambda: None
    # The word it uses (not a name) that a Russian word's Latin spelling sounds like, where
    # spelling is too far apart: "chellendzher" (челленджер) -> "challenger".
    sounds_like: Callable[[str], str | None] = lambda latin: None


def other_spelling(word: str, vocabulary: Vocabulary) -> list[str]:
    """The British or American spelling of `word` that the chronology uses ("defence" ->
    "defense"), if any."""
    return [variant for variant in en.spelling_variants(word) if vocabulary.is_indexed(variant)]


def read_terms(
    terms: tuple[str, ...], vocabulary: Vocabulary
) -> tuple[tuple[tuple[str, ...], ...], tuple[str, ...], tuple[tuple[str, tuple[str, ...]], ...]]:
    """Concepts, unused terms and expansions of ranking terms read elsewhere (the question a
    follow-up continues), as `read_question` finds them."""
    concepts = tuple(word_concept(term, vocabulary) for term in terms)
    unused = tuple(term for term, concept in zip(terms, concepts, strict=True) if not concept)
    expansions = tuple(
        (term, concept[1:])
        for term, concept in zip(terms, concepts, strict=True)
        if len(concept) > 1
    )
    return tuple(c or (t,) for t, c in zip(terms, concepts, strict=True)), unused, expansions


def word_concept(term: str, vocabulary: Vocabulary, extra: tuple[str, ...] = ()) -> tuple[str, ...]:
    """The term and every form it is also searched as, or () when the chronology uses none.

    Irregular base forms ("shook" -> "shake"), everyday and chronology synonyms, and for a
    word the chronology lacks: a shorter word of its family ("meteorite" -> "meteor"), longer
    words it begins ("meteor" -> "meteorite"), or the two words of a compound ("handshake").
    """
    forms = [term]
    base = en.base_form(term)
    if base:
        forms.append(base)
    for word in (term, *([base] if base else []), *_singulars(term)):
        forms.extend(en.synonyms(word))
        forms.extend(vocabulary.synonyms(word))
    cyrillic = ru.is_cyrillic(term)
    latin = _transliterations(term) if cyrillic else []
    if cyrillic:
        # A chronology written in Russian indexes its words' stems: any case of the word.
        forms.append(ru.stem(term))
        # After the chronology's own glossary: common words in English, then the word in
        # Latin letters.
        forms.extend(ru_glossary.translations(term))
        forms.extend(latin)
    else:  # an English word, for a chronology written in Russian
        forms.extend(ru_glossary.russian_stems(term))
    forms.extend(extra)
    known = [form for form in dict.fromkeys(forms) if _uses(vocabulary, form)]
    if not vocabulary.is_indexed(term):
        known.extend(other_spelling(term, vocabulary))
        known.extend(stem for stem in en.family_stems(term) if vocabulary.is_indexed(stem))
        if len(term) >= MIN_PREFIX and vocabulary.has_prefix(term):
            known.append(term + "*")
        known.extend(_compound(term, vocabulary))
    if not known and cyrillic:
        known.extend(_close_latin_word(latin, vocabulary))
    if not known:
        return ()
    return tuple(dict.fromkeys([term, *known]))


def _transliterations(term: str) -> list[str]:
    """A Russian word in Latin letters, as a chronology in English writes names of things:
    "союза" -> "soyuz", "салют" -> "salyut" (its stem first, then the word as it is)."""
    from bot.name_forms import to_ascii

    latin = (to_ascii(word).lower() for word in (ru.stem(term), term))
    # Not shorter: "путь" would be "put", an English word of another meaning.
    return [word for word in dict.fromkeys(latin) if word.isalpha() and len(word) >= 4]


def _close_latin_word(transliterations: list[str], vocabulary: Vocabulary) -> list[str]:
    """The chronology's word closest to a Russian word's `transliterations`, if close:
    "аполлон" -> "apollo", "колумбия" -> "columbia"; else one that sounds the same, for
    names of things that Russian writes as they sound: "челленджер" -> "challenger", "хаббл"
    -> "hubble"."""
    long_enough = [latin for latin in transliterations if len(latin) >= MIN_PREFIX]
    for find in (vocabulary.spelling, vocabulary.sounds_like):
        for latin in long_enough:
            if close := find(latin):
                return [close]
    return []


# How English spells what Russian transliterations spell otherwise, applied in this order.
_SOUNDS = (
    ("dzh", "g"), ("zh", "g"), ("kh", "h"), ("ch", "C"), ("sh", "s"), ("ph", "f"), ("ck", "k"),
    ("c", "k"), ("q", "k"), ("j", "g"), ("w", "v"), ("x", "ks"), ("z", "s"),
)  # fmt: skip
_VOWELS = frozenset("aeiouy")


def sound_key(latin: str) -> str:
    """A Latin word's consonants as they sound, each once: "challenger" and "chellendzher"
    (челленджер in Latin letters) are both "Clngr", "hubble" and "khabbl" both "hbl"."""
    text = latin.lower()
    for written, sound in _SOUNDS:
        text = text.replace(written, sound)
    consonants = [letter for letter in text if letter not in _VOWELS]
    return "".join(
        letter for i, letter in enumerate(consonants) if i == 0 or letter != consonants[i - 1]
    )


def _singulars(word: str) -> list[str]:
    """ "spacewalks" -> "spacewalk": synonym lists name things in the singular."""
    if word.endswith("ies") and len(word) > 4:
        return [word[:-3] + "y"]
    if word.endswith("es") and len(word) > 4:
        return [word[:-2], word[:-1]]
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return [word[:-1]]
    return []


def _uses(vocabulary: Vocabulary, form: str) -> bool:
    """Does the chronology use every word of `form` (a word or a phrase)?"""
    return all(vocabulary.is_indexed(word) for word in form.split())


def _compound(term: str, vocabulary: Vocabulary) -> list[str]:
    """ "handshake" -> ["hand shake"] when the chronology uses both halves (any form)."""
    for cut in range(3, len(term) - 2):
        left, right = term[:cut], term[cut:]
        lefts = [left, *filter(None, [en.base_form(left)])]
        rights = [right, *filter(None, [en.base_form(right)])]
        if any(map(vocabulary.is_indexed, lefts)) and any(map(vocabulary.is_indexed, rights)):
            return [f"{left} {right}", f"{right} {left}"]
    return []
