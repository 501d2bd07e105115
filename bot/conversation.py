"""Follow-up questions: a question read against the one before it.

"what did Turing write in 1950" then "and in 1936?" means Turing in 1936. A question that
reads as a continuation (it starts with "and", "what about"…, or points back: "before that",
"that year", "him", "who else") takes from the previous reading every part it does not name
itself: the people, the period, the ranking words, the order. A question that names enough to
stand alone starts a new thread; one that names a single part without any cue ("Hopper")
is in doubt: it is answered as it stands, and the reading in context is offered beside it.

The previous question arrives as a `Context` (bot.context: what it holds, how it is written
down); this module reads a question against it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from types import ModuleType
from typing import NamedTuple

from bot.answer import NEWEST, OLDEST, PARTS, Interpretation, PersonInfo
from bot.context import Context
from bot.dates import (
    ONE_DAY,
    OPEN_END,
    OPEN_START,
    DateSpan,
    describe_span,
    first_of_each_year,
    spans_hull,
    without_year,
)
from bot.lang import en_talk, plain_words, ru_talk
from bot.question import ParsedQuestion
from bot.word_forms import Vocabulary, read_terms

LANGUAGES: tuple[ModuleType, ...] = (en_talk, ru_talk)  # whose follow-up cues are recognised


# -- cues -----------------------------------------------------------------------------------


class Cues(NamedTuple):
    """How a question points back at the previous one."""

    continues: bool = False  # starts like a continuation: "and …", "what about …"
    references: frozenset[str] = frozenset()  # kinds of FOLLOW_UP_REFERENCES it uses
    words: frozenset[str] = frozenset()  # the words of the cues found: never ranking terms

    @property
    def any(self) -> bool:
        return self.continues or bool(self.references)


def find_cues(question: str) -> Cues:
    """The continuation and reference cues of every known language in `question`."""
    text = f" {plain_words(question)} "
    leads = _leads(text)
    text = text[sum(len(lead) + 1 for lead in leads) :]
    starts = [
        start
        for lang in LANGUAGES
        for start in lang.FOLLOW_UP_STARTS
        if text.startswith(f" {start} ")
    ]
    found = [
        (kind, phrase)
        for lang in LANGUAGES
        for kind, phrases in lang.FOLLOW_UP_REFERENCES.items()
        for phrase in phrases
        if f" {phrase} " in text
    ] + [
        (kind, word)
        for lang in LANGUAGES
        for kind, words in lang.FOLLOW_UP_LAST_WORDS.items()
        for word in words
        if text.endswith(f" {word} ")
    ]
    phrases = [*starts, *(phrase for _, phrase in found), *(leads if starts else ())]
    words = frozenset(word for phrase in phrases for word in phrase.split())
    return Cues(bool(starts), frozenset(kind for kind, _ in found), words)


def _leads(text: str) -> list[str]:
    """The words before a follow-up's start that do not change it ("ok", "thanks"), in
    order, in `text` (plain words between spaces): "ok what about 2009" -> ["ok"]."""
    leads: list[str] = []
    known = sorted((lead for lang in LANGUAGES for lead in lang.FOLLOW_UP_LEADS), key=len)
    rest = text
    while found := next((lead for lead in reversed(known) if rest.startswith(f" {lead} ")), ""):
        leads.append(found)
        rest = rest[len(found) + 1 :]
    return leads


def _without_cue_words(parsed: ParsedQuestion, cues: Cues) -> ParsedQuestion:
    """The question without ranking terms that are only its cue words ("earlier", "else")."""
    meaning = parsed.interpretation
    keep = [i for i, term in enumerate(meaning.terms) if plain_words(term) not in cues.words]
    if len(keep) == len(meaning.terms):
        return parsed
    terms = tuple(meaning.terms[i] for i in keep)
    concepts = tuple(parsed.concepts[i] for i in keep if i < len(parsed.concepts))
    meaning = meaning._replace(
        terms=terms,
        phrases=tuple(p for p in meaning.phrases if not set(plain_words(p).split()) & cues.words),
        unused_terms=tuple(t for t in meaning.unused_terms if t in terms),
        expansions=tuple((t, forms) for t, forms in meaning.expansions if t in terms),
    )
    return ParsedQuestion(parsed.groups, meaning, concepts)


# -- reading a follow-up --------------------------------------------------------------------


def named_parts(parsed: ParsedQuestion) -> tuple[str, ...]:
    """The parts (bot.answer.PARTS) a question names itself."""
    meaning = parsed.interpretation
    named = {
        "people": bool(parsed.groups or meaning.unknown_names),
        "period": bool(meaning.spans),
        "words": bool(meaning.terms),
        "order": meaning.order is not None,
    }
    return tuple(part for part, present in named.items() if present)


def is_complete(parsed: ParsedQuestion) -> bool:
    """A question naming two of people, period and words stands on its own."""
    return len([part for part in named_parts(parsed) if part != "order"]) >= 2


def read_follow_up(
    question: str,
    parsed: ParsedQuestion,
    context: Context | None,
    people: Mapping[str, PersonInfo],
    vocabulary: Vocabulary,
) -> ParsedQuestion:
    """`parsed` read against the previous question's `context`.

    A continuation inherits the parts it does not name (`Interpretation.inherited` says which,
    `previous` what it followed). A question in doubt keeps its own reading and carries the
    contextual one in `Interpretation.offered`. Anything else is returned unchanged.
    """
    if context is None or context.is_empty:
        return parsed
    cues = find_cues(question)
    parsed = _without_cue_words(parsed, cues)
    if not cues.any:
        if is_complete(parsed):
            return parsed  # a new thread
        if named_parts(parsed) in ((), ("order",)):
            # Nothing of its own, or only an order: about the last answer ("when was that?",
            # "who said it?", "what year?", "just the latest", "oldest first").
            merged = _merge(parsed, context, cues, people, vocabulary)
            return merged if merged.interpretation.inherited else parsed
        merged = _merge(parsed, context, cues, people, vocabulary)
        if not merged.interpretation.inherited:
            return parsed
        offered = merged.interpretation._replace(offered=None)
        return parsed._replace(interpretation=parsed.interpretation._replace(offered=offered))
    merged = _merge(parsed, context, cues, people, vocabulary)
    return merged if merged.interpretation.inherited or merged.interpretation.excluded else parsed


def _merge(
    parsed: ParsedQuestion,
    context: Context,
    cues: Cues,
    people: Mapping[str, PersonInfo],
    vocabulary: Vocabulary,
) -> ParsedQuestion:
    """The question's own parts, and the context's for the parts it does not name."""
    meaning = parsed.interpretation
    named = set(named_parts(parsed))
    refs = cues.references
    inherited: list[str] = []
    known_context_groups = tuple(
        group for group in (tuple(p for p in g if p in people) for g in context.groups) if group
    )

    groups = parsed.groups
    excluded: tuple[str, ...] = ()
    if "other_people" in refs:
        # Other people than the ones asked about; with nobody asked, than the ones shown.
        others = context.people or context.named
        excluded = tuple(dict.fromkeys((*others, *context.excluded)))
    elif "same_people" in refs or "people" not in named:
        extra = tuple(group for group in parsed.groups if group not in known_context_groups)
        groups = known_context_groups + extra
        if known_context_groups:
            inherited.append("people")
        if "people" not in named and context.excluded:
            excluded = context.excluded
            inherited.append("people")
    excluded = tuple(pid for pid in excluded if pid in people)

    spans = meaning.spans
    if "period" not in named:
        spans = _period(context, refs)
        if spans:
            inherited.append("period")

    terms, concepts = meaning.terms, parsed.concepts
    unused, expansions, phrases = meaning.unused_terms, meaning.expansions, meaning.phrases
    if "words" not in named and "other_topics" not in refs and context.terms:
        terms = context.terms
        concepts, unused, expansions = read_terms(terms, vocabulary)
        phrases = ()
        inherited.append("words")
    elif "same_topic" in refs and context.terms and not parsed.groups:
        # "what caused it?" after "Challenger": its words and the question's own, together.
        earlier = tuple(term for term in context.terms if term not in terms)
        old_concepts, old_unused, old_expansions = read_terms(earlier, vocabulary)
        terms, concepts = earlier + terms, old_concepts + concepts
        unused, expansions = old_unused + unused, old_expansions + expansions
        inherited.append("words")

    order = meaning.order
    if order is None and context.order in (NEWEST, OLDEST):
        order = context.order
        inherited.append("order")

    person_ids = tuple(dict.fromkeys(pid for group in groups for pid in group))
    span = spans_hull(spans)
    interpretation = meaning._replace(
        people=tuple(people[pid] for pid in person_ids),
        groups=groups,
        span=span,
        periods=spans if len(spans) > 1 else (),
        date_phrase=meaning.date_phrase if "period" in named else _describe(spans),
        terms=terms,
        phrases=phrases,
        unused_terms=unused,
        expansions=expansions,
        order=order,
        excluded=tuple(people[pid] for pid in excluded),
        inherited=tuple(part for part in PARTS if part in inherited),
        previous=previous_reading(context, people),
        offered=None,
    )
    return ParsedQuestion(groups, interpretation, concepts)


def _period(context: Context, refs: frozenset[str]) -> tuple[DateSpan, ...]:
    """The period a follow-up that names none means: before or after the entries shown,
    the same year, or the previous question's own period."""
    shown = context.shown or spans_hull(context.spans)
    step = 1 if "next_year" in refs else -1 if "previous_year" in refs else 0
    if step and context.spans:
        return tuple(_years_on(span, step) for span in context.spans)
    if step and context.top is not None:  # no period asked: the year of the first entry shown
        first, last = context.top.start.year + step, context.top.end.year + step
        return (DateSpan(dt.date(first, 1, 1), dt.date(last, 12, 31)),)
    if "before" in refs and shown is not None and shown.start > OPEN_START:
        return (DateSpan(OPEN_START, shown.start - ONE_DAY),)
    if "after" in refs and shown is not None and shown.end < OPEN_END:
        return (DateSpan(shown.end + ONE_DAY, OPEN_END),)
    if "same_period" in refs and not context.spans and context.top is not None:
        first, last = context.top.start.year, context.top.end.year
        return (DateSpan(dt.date(first, 1, 1), dt.date(last, 12, 31)),)
    return context.spans


def _years_on(span: DateSpan, years: int) -> DateSpan:
    """The same period `years` on; an open period ("before 2001"): its known year."""
    if span.start == OPEN_START or span.end == OPEN_END:
        year = (span.end if span.start == OPEN_START else span.start).year + years
        return DateSpan(dt.date(year, 1, 1), dt.date(year, 12, 31))
    end = _shifted(span.end, years)
    if (span.end + ONE_DAY).day == 1:  # a month's last day stays its last day (Feb. 28 -> 29)
        end = _shifted(span.end + ONE_DAY, years) - ONE_DAY
    return DateSpan(_shifted(span.start, years), end)


def _shifted(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # Feb. 29 in a year without one
        return day.replace(year=day.year + years, day=28)


def read_more(
    context: Context, people: Mapping[str, PersonInfo], vocabulary: Vocabulary
) -> ParsedQuestion:
    """ "more", "tell me more", "ещё": the previous question again, every part inherited (its
    next page is the engine's to choose, from `Context.next_offset`)."""
    parsed = context_reading(context, people, vocabulary)
    meaning = parsed.interpretation
    had = set(named_parts(parsed)) | ({"people"} if meaning.excluded else set())
    inherited = tuple(part for part in PARTS if part in had)
    previous = previous_reading(context, people)
    return parsed._replace(interpretation=meaning._replace(inherited=inherited, previous=previous))


def previous_reading(context: Context, people: Mapping[str, PersonInfo]) -> Interpretation:
    """The context as a reading, for saying what a follow-up followed."""
    ids = [pid for pid in context.people if pid in people]
    return Interpretation(
        people=tuple(people[pid] for pid in ids),
        groups=context.groups,
        span=spans_hull(context.spans),
        periods=context.spans if len(context.spans) > 1 else (),
        date_phrase=_describe(context.spans),
        terms=context.terms,
        order=context.order,
        excluded=tuple(people[pid] for pid in context.excluded if pid in people),
    )


def context_reading(
    context: Context, people: Mapping[str, PersonInfo], vocabulary: Vocabulary
) -> ParsedQuestion:
    """A context answered as a question of its own (a button's page, an offered reading)."""
    meaning = previous_reading(context, people)
    groups = tuple(
        group for group in (tuple(p for p in g if p in people) for g in context.groups) if group
    )
    concepts, unused, expansions = read_terms(context.terms, vocabulary)
    meaning = meaning._replace(groups=groups, unused_terms=unused, expansions=expansions)
    return ParsedQuestion(groups, meaning, concepts)


def _describe(spans: tuple[DateSpan, ...]) -> str | None:
    first = first_of_each_year(spans)
    if first is not None:  # "in Feb.": read again as the same month of each year
        return f"in {without_year(describe_span(first))}"
    return ", ".join(describe_span(span) for span in spans) or None
