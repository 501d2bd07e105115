"""Follow-up questions: a question read against the one before it.

"what did Turing write in 1950" then "and in 1936?" means Turing in 1936. A question that
reads as a continuation (it starts with "and", "what about"…, or points back: "before that",
"that year", "him", "who else") takes from the previous reading every part it does not name
itself: the people, the period, the ranking words, the order. A question that names enough to
stand alone starts a new thread; one that names a single part without any cue ("Hopper")
is in doubt: it is answered as it stands, and the reading in context is offered beside it.

The previous question travels as a `Context`: the parts of its reading (ids, periods, words,
order) and the dates of the entries its answer showed ("before that" is before those). It is
small and plain, and `encode`/`decode` turn it into a short ASCII-safe string, so the bot can
keep it per chat in memory or carry it inside one of its own messages (a group reply).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from types import ModuleType

from bot.answer import NEWEST, OLDEST, PARTS, Answer, Interpretation, PersonInfo
from bot.dates import OPEN_END, OPEN_START, DateSpan, describe_span, parse_date_value
from bot.lang import en, ru
from bot.question import ParsedQuestion
from bot.word_forms import Vocabulary, read_terms

LANGUAGES: tuple[ModuleType, ...] = (en, ru)  # whose follow-up cues are recognised


@dataclass(frozen=True, slots=True)
class Context:
    """What a follow-up may take from the question before it."""

    groups: tuple[tuple[str, ...], ...] = ()  # person ids: AND across groups, OR within one
    spans: tuple[DateSpan, ...] = ()  # the asked periods (any of them)
    terms: tuple[str, ...] = ()  # ranking words
    order: str | None = None  # NEWEST, OLDEST or None
    excluded: tuple[str, ...] = ()  # people left out ("who else?")
    shown: DateSpan | None = None  # from the first to the last date of the entries shown
    top: DateSpan | None = None  # the date of the first entry shown ("that year")
    named: tuple[str, ...] = ()  # the people the entries shown name ("who else?" without people)

    @property
    def people(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(pid for group in self.groups for pid in group))

    @property
    def is_empty(self) -> bool:
        return not (self.groups or self.spans or self.terms or self.order or self.excluded)


def context_of(answer: Answer) -> Context:
    """The context an answer leaves for the next question: its reading and what it showed."""
    shown = _hull(tuple(entry.span for entry in answer.results))
    top = answer.results[0].span if answer.results else None
    named = tuple(dict.fromkeys(p.id for entry in answer.results for p in entry.people))
    return replace(reading_context(answer.interpretation), shown=shown, top=top, named=named)


def reading_context(meaning: Interpretation) -> Context:
    """A reading as a context, without the entries shown (a button's, an offered reading's)."""
    groups = meaning.groups or tuple((person.id,) for person in meaning.people)
    return Context(
        groups=groups,
        spans=meaning.spans,
        terms=meaning.terms,
        order=meaning.order,
        excluded=tuple(person.id for person in meaning.excluded),
    )


# -- cues -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Cues:
    """How a question points back at the previous one."""

    continues: bool = False  # starts like a continuation: "and …", "what about …"
    references: frozenset[str] = frozenset()  # kinds of FOLLOW_UP_REFERENCES it uses
    words: frozenset[str] = frozenset()  # the words of the cues found: never ranking terms

    @property
    def any(self) -> bool:
        return self.continues or bool(self.references)


def _normal(question: str) -> str:
    text = question.lower().replace("’", "'").replace("ё", "е")
    return " ".join(re.findall(r"[^\W_]+(?:'[^\W_]+)*", text))


def find_cues(question: str) -> Cues:
    """The continuation and reference cues of every known language in `question`."""
    text = f" {_normal(question)} "
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
    ]
    phrases = [*starts, *(phrase for _, phrase in found)]
    words = frozenset(word for phrase in phrases for word in phrase.split())
    return Cues(bool(starts), frozenset(kind for kind, _ in found), words)


def _without_cue_words(parsed: ParsedQuestion, cues: Cues) -> ParsedQuestion:
    """The question without ranking terms that are only its cue words ("earlier", "else")."""
    meaning = parsed.interpretation
    keep = [i for i, term in enumerate(meaning.terms) if _normal(term) not in cues.words]
    if len(keep) == len(meaning.terms):
        return parsed
    terms = tuple(meaning.terms[i] for i in keep)
    concepts = tuple(parsed.concepts[i] for i in keep if i < len(parsed.concepts))
    meaning = replace(
        meaning,
        terms=terms,
        phrases=tuple(p for p in meaning.phrases if not set(_normal(p).split()) & cues.words),
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
        if not named_parts(parsed) or is_complete(parsed):
            return parsed  # nothing to go on, or a new thread
        merged = _merge(parsed, context, cues, people, vocabulary)
        if not merged.interpretation.inherited:
            return parsed
        offered = replace(merged.interpretation, offered=None)
        return replace(parsed, interpretation=replace(parsed.interpretation, offered=offered))
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

    order = meaning.order
    if order is None and context.order in (NEWEST, OLDEST):
        order = context.order
        inherited.append("order")

    person_ids = tuple(dict.fromkeys(pid for group in groups for pid in group))
    span = _hull(spans)
    interpretation = replace(
        meaning,
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


ONE_DAY = dt.timedelta(days=1)


def _period(context: Context, refs: frozenset[str]) -> tuple[DateSpan, ...]:
    """The period a follow-up that names none means: before or after the entries shown,
    the same year, or the previous question's own period."""
    shown = context.shown or _hull(context.spans)
    if "before" in refs and shown is not None and shown.start > OPEN_START:
        return (DateSpan(OPEN_START, shown.start - ONE_DAY),)
    if "after" in refs and shown is not None and shown.end < OPEN_END:
        return (DateSpan(shown.end + ONE_DAY, OPEN_END),)
    if "same_period" in refs and not context.spans and context.top is not None:
        first, last = context.top.start.year, context.top.end.year
        return (DateSpan(dt.date(first, 1, 1), dt.date(last, 12, 31)),)
    return context.spans


def previous_reading(context: Context, people: Mapping[str, PersonInfo]) -> Interpretation:
    """The context as a reading, for saying what a follow-up followed."""
    ids = [pid for pid in context.people if pid in people]
    return Interpretation(
        people=tuple(people[pid] for pid in ids),
        groups=context.groups,
        span=_hull(context.spans),
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
    meaning = replace(meaning, groups=groups, unused_terms=unused, expansions=expansions)
    return ParsedQuestion(groups, meaning, concepts)


def _describe(spans: tuple[DateSpan, ...]) -> str | None:
    return ", ".join(describe_span(span) for span in spans) or None


def _hull(spans: tuple[DateSpan, ...]) -> DateSpan | None:
    if not spans:
        return None
    return DateSpan(min(s.start for s in spans), max(s.end for s in spans))


# -- the context as a string ----------------------------------------------------------------
# "p:rogozin;d:2011;s:2011-10": fields p (person groups, "+" between groups, "," within),
# x (excluded ids), d (periods, ","), w (words, ","), o (n/o), s (the entries shown), t (the
# first entry shown), n (the people the entries shown name). Periods
# use the data's date syntax, an open end written empty ("/2013-02-15").

_ORDERS = {NEWEST: "n", OLDEST: "o"}


def encode(context: Context) -> str:
    """A compact text of the context (see `decode`)."""
    fields = []
    if context.groups:
        fields.append("p:" + "+".join(",".join(group) for group in context.groups))
    if context.excluded:
        fields.append("x:" + ",".join(context.excluded))
    if context.spans:
        fields.append("d:" + ",".join(_span_value(span) for span in context.spans))
    if context.terms:
        fields.append("w:" + ",".join(term.replace(",", " ") for term in context.terms))
    if context.order in _ORDERS:
        fields.append("o:" + _ORDERS[context.order])
    if context.shown is not None:
        fields.append("s:" + _span_value(context.shown))
    if context.top is not None:
        fields.append("t:" + _span_value(context.top))
    if context.named:
        fields.append("n:" + ",".join(context.named))
    return ";".join(fields)


def decode(text: str) -> Context | None:
    """The context `encode` wrote, or None for anything else (an old or forged string)."""
    values: dict[str, str] = {}
    for field in text.split(";") if text else []:
        key, colon, value = field.partition(":")
        if not colon or key in values or key not in "pxdwostn" or len(key) != 1:
            return None
        values[key] = value
    try:
        groups = tuple(
            tuple(pid for pid in group.split(",") if pid)
            for group in values.get("p", "").split("+")
            if group
        )
        spans = tuple(_read_span(v) for v in values.get("d", "").split(",") if v)
        shown = _read_span(values["s"]) if values.get("s") else None
        top = _read_span(values["t"]) if values.get("t") else None
    except ValueError:
        return None
    order = {code: name for name, code in _ORDERS.items()}.get(values.get("o", ""))
    terms = tuple(term for term in values.get("w", "").split(",") if term)
    excluded = tuple(pid for pid in values.get("x", "").split(",") if pid)
    named = tuple(pid for pid in values.get("n", "").split(",") if pid)
    return Context(groups, spans, terms, order, excluded, shown, top, named)


def to_token(context: Context) -> str:
    """`encode` as base64url without padding: letters, digits, "-" and "_" only, as a
    Telegram deep link's start parameter must be."""
    import base64  # only the bot's group answers need it: kept off `chronobot ask`

    return base64.urlsafe_b64encode(encode(context).encode()).decode().rstrip("=")


def from_token(token: str) -> Context | None:
    """The context of a `to_token` string, or None."""
    import base64

    try:
        raw = base64.b64decode(token + "=" * (-len(token) % 4), altchars=b"-_", validate=True)
        return decode(raw.decode())
    except (ValueError, UnicodeDecodeError):
        return None


def _span_value(span: DateSpan) -> str:
    """The shortest date value of the data's syntax for a span ("2011", "2013-02", …)."""
    start, end = span.start, span.end
    if start == OPEN_START or end == OPEN_END:
        left = "" if start == OPEN_START else start.isoformat()
        right = "" if end == OPEN_END else end.isoformat()
        return f"{left}/{right}"
    if (start.month, start.day, end.month, end.day) == (1, 1, 12, 31):
        return str(start.year) if start.year == end.year else f"{start.year}/{end.year}"
    month_end = (end + ONE_DAY).day == 1
    if start.day == 1 and month_end and (start.year, start.month) == (end.year, end.month):
        return f"{start.year:04d}-{start.month:02d}"
    if start == end:
        return start.isoformat()
    return f"{start.isoformat()}/{end.isoformat()}"


def _read_span(value: str) -> DateSpan:
    if value.startswith("/") or value.endswith("/"):
        left, _, right = value.partition("/")
        if not left and not right:
            raise ValueError(value)
        start = parse_date_value(left).start if left else OPEN_START
        end = parse_date_value(right).end if right else OPEN_END
        if start > end:
            raise ValueError(value)
        return DateSpan(start, end)
    return parse_date_value(value)
