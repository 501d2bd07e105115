"""What each language contributes to reading questions: its words (bot/lang/en.py,
bot/lang/ru.py) and its date grammar (bot/lang/en_dates.py, bot/lang/ru_dates.py).

A question is read with every language at once (people mix them: "Лавров 2009"). A new
language is a new pair of modules listed here, and a catalog for its interface.
"""

from __future__ import annotations

import functools

from bot.dates import DateMatch
from bot.lang import en, en_dates, ru, ru_dates

_WORDS = (en, ru)
_GRAMMARS = (en_dates, ru_dates)


@functools.cache
def question_words() -> frozenset[str]:
    """Words people ask with, in every language: they never select or rank."""
    return frozenset().union(*(module.QUESTION_WORDS for module in _WORDS))


@functools.cache
def titles() -> frozenset[str]:
    return frozenset().union(*(module.TITLES for module in _WORDS))


@functools.cache
def feminine_titles() -> frozenset[str]:
    return frozenset().union(*(module.FEMININE_TITLES for module in _WORDS))


@functools.cache
def masculine_titles() -> frozenset[str]:
    return frozenset().union(*(module.MASCULINE_TITLES for module in _WORDS))


@functools.cache
def newest_words() -> frozenset[str]:
    return frozenset().union(*(module.NEWEST_WORDS for module in _WORDS))


@functools.cache
def oldest_words() -> frozenset[str]:
    return frozenset().union(*(module.OLDEST_WORDS for module in _WORDS))


def find_dates(question: str) -> list[DateMatch]:
    """Every date expression of the question in any language, left to right, without
    overlaps: where two grammars read the same words, the longer reading wins."""
    found = [match for grammar in _GRAMMARS for match in grammar.find_date_expressions(question)]
    found.sort(key=lambda m: (m.start, -(m.end - m.start)))
    chosen: list[DateMatch] = []
    for match in sorted(found, key=lambda m: -(m.end - m.start)):
        if all(match.end <= other.start or other.end <= match.start for other in chosen):
            chosen.append(match)
    return sorted(chosen, key=lambda m: m.start)
