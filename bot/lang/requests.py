"""Messages that are requests rather than questions, told apart by their words in every
language (the phrase tables of bot/lang/en_talk.py and ru_talk.py): small talk, "who …?" and
"who is …?", one entry of the last answer by its place, a timeline picture.

The engine routes on them (bot.engine); what answers them is elsewhere (bot.talk, bot.telegram).
"""

from __future__ import annotations

import functools
import re

from bot.lang import en_talk, plain_words, ru_talk

_TALK = (en_talk, ru_talk)
_DIGIT = re.compile(r"\d")
_POLITE = frozenset("please pls plz pleease пожалуйста плз пжл".split())
_TALK_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")


def small_talk(question: str) -> str | None:
    """What a message that is only talk says: "more" (go on with the last answer),
    "greeting", "thanks", "help" (what does the bot do?), "people" (who is in the
    chronology?), "about" (how many entries, which years?) or "press" (which papers are
    cited?); None for a question."""
    if len(question) > 60 or _DIGIT.search(question):
        return None  # a long message, or one with a number in it, asks something
    text = " ".join(word for word in plain_words(question).split() if word not in _POLITE)
    if not text:
        return None
    for kind, phrases in (
        ("more", "MORE_REQUESTS"),
        ("greeting", "GREETINGS"),
        ("thanks", "THANKS"),
        ("help", "HELP_REQUESTS"),
        ("people", "PEOPLE_REQUESTS"),
        ("about", "ABOUT_REQUESTS"),
        ("press", "PRESS_REQUESTS"),
    ):
        if any(text in getattr(module, phrases) for module in _TALK):
            return kind
    return None


def asks_who(question: str) -> bool:
    """Does the question ask who ("who proposed …?", "кто предлагал …")? Then its answer
    also says whom its entries name."""
    words = plain_words(question).split()
    while words and words[0] in _WHO_LEADS:
        words = words[1:]
    return bool(words) and words[0] in _WHO_WORDS


def asks_who_is(question: str) -> bool:
    """Does the question ask who someone is ("who is Lovelace?", "кто такой Гагарин", "who's
    he?")? Then its answer also says who the people it names are."""
    text = " ".join(plain_words(question).split())
    return any(
        text == phrase or text.startswith(phrase + " ")
        for module in _TALK
        for phrase in module.IDENTITY_QUESTIONS
    )


_WHO_WORDS = frozenset("who whom whos кто кого кому".split())
_WHO_LEADS = frozenset("and so ok okay but а и ну так".split())


MAX_SELECTION = 50  # a place further down than any page shows is no selection
_ORDINAL_ENDINGS = ("й", "я", "е", "ю")  # "2-я": the endings of ordinals written in digits


def selection(question: str) -> int | None:
    """The place (2, 3, …) of the entry of the last answer a message asks for ("the second
    one", "#3", "tell me about the 2nd", "покажи третью"), or None."""
    text = " ".join(plain_words(question.replace("#", " number ").replace("№", " номер ")).split())
    for module in _TALK:
        rest = text
        for lead in _longest_first(module.SELECTION_LEADS):
            if rest.startswith(lead + " "):
                rest = rest[len(lead) + 1 :]
                break
        words = rest.split()
        if words[:1] == ["the"]:
            words = words[1:]
        if len(words) == 2 and words[1] in module.SELECTION_NOUNS:
            words = words[:1]
        if len(words) == 1 and words[0] in module.SELECTION_ORDINALS:
            return int(module.SELECTION_ORDINALS[words[0]])
        if len(words) == 2 and words[0].isdigit() and words[1] in _ORDINAL_ENDINGS:
            words = [words[0] + "-" + words[1]]  # "2-я", split by plain_words
            if words[0] in module.SELECTION_ORDINALS:
                return int(module.SELECTION_ORDINALS[words[0]])
        if len(words) == 2 and words[0] in module.SELECTION_NUMBERED and words[1].isdigit():
            place = int(words[1])
            return place if 1 <= place <= MAX_SELECTION else None
    return None


@functools.cache
def _longest_first(phrases: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(sorted(phrases, key=len, reverse=True))


@functools.cache
def _picture_words() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    return (
        frozenset().union(*(module.PICTURE_WORDS for module in _TALK)),
        frozenset().union(*(module.PICTURE_IMPERATIVES for module in _TALK)),
        frozenset().union(*(module.POLITE_WORDS for module in _TALK)),
    )


def picture_request(question: str) -> str | None:
    """The question of a message that asks for a timeline picture ("timeline of Lovelace",
    "draw Turing 1936", "нарисуй график Гагарина"), without the picture words; None when it
    asks for no picture."""
    words = list(_TALK_WORD.finditer(question))
    pictures, imperatives, polite = _picture_words()
    found = [m for m in words if m.group().lower() in pictures]
    # An imperative starts the request, perhaps after a polite word or two ("can u draw").
    first = next((m for m in words if m.group().lower() not in polite), None)
    if first is not None and first.group().lower() in imperatives:
        found.insert(0, first)
    if not found:
        return None
    rest = question
    for match in sorted(set(found), key=lambda m: m.start(), reverse=True):
        rest = rest[: match.start()] + rest[match.end() :]
    return " ".join(rest.split())
