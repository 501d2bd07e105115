"""Titles in a question: which titles stand before a name ("Prime Minister", "Mrs."), and
which of the people sharing that name they fit.

Part of reading a question (`bot.question`): a title is a hint that picks among namesakes
("Mrs. Smith", "President Smith"), never a filter that empties an answer. Kept apart
because it reads people's descriptions, while the rest of reading a question reads words.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from bot import lang
from bot.answer import PersonInfo
from bot.lang import en

_TITLE_RUN = re.compile(r"((?:[^\W\d_]+\.?\s+){1,5})$")
# Words inside a title ("Secretary of State"): part of one only between or after titles.
_JOINERS = ("of", "state", "the")


def _next_word(text: str, start: int) -> int:
    """Where the word after the one at `start` begins."""
    found = _WORD_AND_SPACE.match(text, start)
    return found.end() if found else start


_WORD_AND_SPACE = re.compile(r"\S+\s+")


def titles_before(text: str, position: int) -> tuple[list[str], int]:
    """The titles written right before `position` ("Prime Minister", "Mrs.") and where they
    start; ([], position) when there are none."""
    run = _TITLE_RUN.search(text, 0, position)
    if not run:
        return [], position
    words = run.group(1).split()
    titles: list[str] = []
    start = position
    offset = run.end(1)
    for raw in reversed(words):
        offset = text.rfind(raw, 0, offset)
        word = raw.rstrip(".").lower()
        if word in lang.titles() or word in _JOINERS:  # joiners left over are dropped below
            titles.append(word)
            start = offset
        else:
            break
    while titles and titles[-1] in _JOINERS:  # "of" only joins two titles
        titles.pop()
        start = _next_word(text, start)
    if not any(title in lang.titles() for title in titles):
        return [], position
    return list(reversed(titles)), (start if titles else position)


def choose_by_titles(
    ids: tuple[str, ...], titles: list[str], people: Mapping[str, PersonInfo]
) -> tuple[str, ...]:
    """Of the people sharing a name, those the titles fit: "Mrs. Smith" is the woman,
    "President Smith" the one whose description says president. All of them when none
    fits (a title is a hint, never a filter that empties the answer)."""
    if len(ids) < 2 or not titles:
        return ids
    chosen = list(ids)
    feminine, masculine = lang.feminine_titles(), lang.masculine_titles()
    if any(title in feminine for title in titles):
        chosen = [pid for pid in chosen if _is_feminine(people.get(pid))]
    elif any(title in masculine for title in titles):
        chosen = [pid for pid in chosen if not _is_feminine(people.get(pid))]
    offices = [t for t in titles if t not in feminine | masculine]
    if offices:
        described = [pid for pid in chosen if _described_as(people.get(pid), offices)]
        chosen = described or chosen
    return tuple(chosen) or ids


def _is_feminine(person: PersonInfo | None) -> bool:
    """Does the chronology say this person is a woman (description) or suggest it (name)?"""
    if person is None or not person.name.split():
        return False
    if person.description and en.describes_a_woman(person.description):
        return True
    return en.is_feminine_name(person.name.split()[0])


def _described_as(person: PersonInfo | None, titles: list[str]) -> bool:
    if person is None or not person.description:
        return False
    described = set(re.findall(r"[a-z]+", person.description.lower()))
    return all(
        word in described
        for title in titles
        if title not in ("former", "late", "of", "the")
        for word in en.TITLE_ABBREVIATIONS.get(title, title).split()
    )
