"""The context a follow-up question is read against, and its short string form.

The previous question travels as a `Context`: the parts of its reading (ids, periods, words,
order) and the dates of the entries its answer showed ("before that" is before those). It is
small and plain, and `encode`/`decode` turn it into a short ASCII-safe string, so the bot can
keep it per chat in memory or carry it inside one of its own messages (a group reply, a
button). Reading a follow-up against it is `bot.conversation`'s job; this module only says
what a context holds and how it is written down, which is all the Telegram layer needs.
"""

from __future__ import annotations

from typing import NamedTuple

from bot.answer import NEWEST, OLDEST, Answer, Interpretation
from bot.dates import ONE_DAY, OPEN_END, OPEN_START, DateSpan, parse_date_value, spans_hull


class Context(NamedTuple):
    """What a follow-up may take from the question before it."""

    groups: tuple[tuple[str, ...], ...] = ()  # person ids: AND across groups, OR within one
    spans: tuple[DateSpan, ...] = ()  # the asked periods (any of them)
    terms: tuple[str, ...] = ()  # ranking words
    order: str | None = None  # NEWEST, OLDEST or None
    excluded: tuple[str, ...] = ()  # people left out ("who else?")
    shown: DateSpan | None = None  # from the first to the last date of the entries shown
    top: DateSpan | None = None  # the date of the first entry shown ("that year")
    named: tuple[str, ...] = ()  # the people the entries shown name ("who else?" without people)
    next_offset: int = 0  # how many of its entries were shown, up to its last page ("more")

    @property
    def people(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(pid for group in self.groups for pid in group))

    @property
    def is_empty(self) -> bool:
        return not (self.groups or self.spans or self.terms or self.order or self.excluded)


def context_of(answer: Answer) -> Context:
    """The context an answer leaves for the next question: its reading and what it showed."""
    shown = spans_hull(tuple(entry.span for entry in answer.results))
    top = answer.results[0].span if answer.results else None
    named = tuple(dict.fromkeys(p.id for entry in answer.results for p in entry.people))
    next_offset = answer.offset + len(answer.results)
    return reading_context(answer.interpretation)._replace(
        shown=shown, top=top, named=named, next_offset=next_offset
    )


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


# -- the context as a string ----------------------------------------------------------------
# "p:rogozin;d:2011;s:2011-10": fields p (person groups, "+" between groups, "," within),
# x (excluded ids), d (periods, ","), w (words, ","), o (n/o), s (the entries shown), t (the
# first entry shown), n (the people the entries shown name), k (how many were shown). Periods
# use the data's date syntax, an open end written empty ("/2013-02-15").

_ORDERS = {NEWEST: "n", OLDEST: "o"}
_MAX_OFFSET = 10_000_000  # more entries than any chronology holds: a forged string


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
    if context.next_offset:
        fields.append(f"k:{context.next_offset}")
    return ";".join(fields)


def decode(text: str) -> Context | None:
    """The context `encode` wrote, or None for anything else (an old or forged string)."""
    values: dict[str, str] = {}
    for field in text.split(";") if text else []:
        key, colon, value = field.partition(":")
        if not colon or key in values or key not in "pxdwostnk" or len(key) != 1:
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
        next_offset = int(values.get("k") or 0)
    except ValueError:
        return None
    if not 0 <= next_offset <= _MAX_OFFSET:
        return None
    order = {code: name for name, code in _ORDERS.items()}.get(values.get("o", ""))
    terms = tuple(term for term in values.get("w", "").split(",") if term)
    excluded = tuple(pid for pid in values.get("x", "").split(",") if pid)
    named = tuple(pid for pid in values.get("n", "").split(",") if pid)
    return Context(groups, spans, terms, order, excluded, shown, top, named, next_offset)


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
