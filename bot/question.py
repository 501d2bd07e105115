"""Reading a question: which people, which period, which words.

Dates are found first (so "May" in "May 2010" is never a name), then people, then what is
left becomes ranking terms, minus the words people ask with. A capitalised word the
chronology never uses is reported as an unknown name rather than searched as a topic.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from bot.answer import Interpretation, PersonInfo
from bot.dates import find_date_expression
from bot.names import NameMatcher

# Words people ask with. They never become search terms, so they can never exclude or
# reorder entries: "what did X propose" must list everything by X, proposal or not.
QUESTION_WORDS = frozenset(
    """
    what whats who whom whose which when where why how did do does done doing is are was were
    be been being has have had will would could should can may might shall must the a an of
    in on at to for from by with about as into onto over under than then there here this that
    these those it its his her hers their theirs them they he she him we us our you your i me
    my mine and or nor not no yes if so any all some every each other others anything
    something everything nothing ever also just only very much many more most tell show list
    give find get know let please ok hi hello hey entry entries event events happen happened
    happens year years date dates time times say says said saying propose proposes proposed
    proposing offer offers offered offering suggest suggests suggested suggesting call calls
    called calling mention mentions mentioned mentioning speak speaks spoke talk talks talked
    write wrote written writes ask asks asked after before since until till between during
    """.split()
)

_WORD = re.compile(r"[^\W_]+")

MAX_QUESTION_CHARS = 1000  # longer text is cut: nobody asks in more words, and work stays bounded
MAX_TERMS = 12


@dataclass(frozen=True, slots=True)
class ParsedQuestion:
    groups: tuple[tuple[str, ...], ...]  # each mention's person ids: AND across, OR within
    interpretation: Interpretation


def read_question(
    question: str,
    names: NameMatcher,
    people: Mapping[str, PersonInfo],
    is_indexed_word: Callable[[str], bool],
) -> ParsedQuestion:
    """Split a question into people, a date span and ranking terms.

    `is_indexed_word` tells whether the chronology uses a word at all (unknown names).
    """
    text = question[:MAX_QUESTION_CHARS]
    blanked: list[tuple[int, int]] = []  # where a date or a name stood
    date_match = find_date_expression(text)
    if date_match:
        text = _blank(text, date_match.start, date_match.end)
        blanked.append((date_match.start, date_match.end))
    groups: list[tuple[str, ...]] = []
    for match in names.find(text):
        if match.person_ids not in groups:
            groups.append(match.person_ids)
        text = _blank(text, match.start, match.end)
        blanked.append((match.start, match.end))
    terms: list[str] = []
    unknown: list[str] = []
    suggestions: list[str] = []
    for word_match in _WORD.finditer(text):
        word = word_match.group()
        lower = word.lower()
        if lower in QUESTION_WORDS or (len(lower) < 2 and not lower.isdigit()):
            continue
        if not lower.isdigit() and not is_indexed_word(lower):
            close = names.suggest(word) if len(lower) >= 4 else ()
            if word[0].isupper() or close:
                # A capitalised word the chronology never uses is somebody's name: say
                # we do not know them rather than answer as if it were a topic.
                unknown.append(word)
                suggestions.extend(pid for pid in close if pid not in suggestions)
                continue
        if lower not in terms and len(terms) < MAX_TERMS:
            terms.append(lower)
    person_ids = tuple(dict.fromkeys(pid for group in groups for pid in group))
    interpretation = Interpretation(
        people=tuple(people[pid] for pid in person_ids),
        span=date_match.span if date_match else None,
        date_phrase=date_match.text if date_match else None,
        terms=tuple(terms),
        phrases=_phrases(text, blanked, set(terms)),
        unknown_names=tuple(dict.fromkeys(unknown)),
        suggestions=tuple(people[pid] for pid in suggestions),
    )
    return ParsedQuestion(tuple(groups), interpretation)


MAX_PHRASES = 3
MAX_PHRASE_WORDS = 8


def _phrases(text: str, blanked: list[tuple[int, int]], terms: set[str]) -> tuple[str, ...]:
    """Runs of two or more asked words as the question writes them ("strategic defense of
    earth"), so entries holding the whole phrase rank above those holding its words apart.

    A run is words separated by spaces only, never across a removed date or name, trimmed
    to start and end on a ranking term.
    """
    runs: list[list[str]] = [[]]
    previous_end = None
    for match in _WORD.finditer(text):
        gap_start = previous_end if previous_end is not None else 0
        gap_is_space = previous_end is not None and text[gap_start : match.start()].isspace()
        crosses = any(gap_start < end and start < match.start() for start, end in blanked)
        if not gap_is_space or crosses:
            runs.append([])
        runs[-1].append(match.group().lower())
        previous_end = match.end()
    phrases: list[str] = []
    for run in runs:
        positions = [i for i, word in enumerate(run) if word in terms]
        if len(positions) >= 2 and positions[-1] - positions[0] < MAX_PHRASE_WORDS:
            phrase = " ".join(run[positions[0] : positions[-1] + 1])
            if phrase not in phrases:
                phrases.append(phrase)
    return tuple(phrases[:MAX_PHRASES])


def _blank(text: str, start: int, end: int) -> str:
    """`text` with [start, end) replaced by spaces, so offsets elsewhere stay valid."""
    return text[:start] + " " * (end - start) + text[end:]
