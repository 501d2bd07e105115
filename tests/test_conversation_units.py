"""bot/conversation.py and bot/context.py on their own: cues, the context as a string, what a
follow-up keeps."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.answer import NEWEST
from bot.context import Context, decode, encode, from_token, to_token
from bot.conversation import find_cues
from bot.dates import OPEN_START, DateSpan
from bot.engine import Engine
from bot.render import render_text

YEAR_2013 = DateSpan(dt.date(2013, 1, 1), dt.date(2013, 12, 31))


@pytest.mark.parametrize(
    ("question", "continues", "references"),
    [
        ("and in 2011?", True, set()),
        ("What about Patrushev", True, set()),
        ("And before that?", True, {"before"}),
        ("who else?", False, {"other_people"}),
        ("what did he say that year", False, {"same_people", "same_period"}),
        ("Lavrov 2009", False, set()),
        ("Anderson", False, set()),  # "and" only as a word of its own
    ],
)
def test_cues(question: str, continues: bool, references: set[str]) -> None:
    cues = find_cues(question)
    assert cues.continues is continues and cues.references == references


def test_context_round_trips_through_its_text_and_token() -> None:
    context = Context(
        groups=(("sergei-ivanov", "igor-ivanov"), ("putin",)),
        spans=(YEAR_2013, DateSpan(OPEN_START, dt.date(2011, 9, 30))),
        terms=("asteroid", "défense"),
        order=NEWEST,
        excluded=("lavrov",),
        shown=DateSpan(dt.date(2013, 2, 1), dt.date(2013, 2, 28)),
        top=DateSpan(dt.date(2013, 2, 16), dt.date(2013, 2, 16)),
        named=("rogozin",),
        next_offset=5,
    )
    assert decode(encode(context)) == context
    assert from_token(to_token(context)) == context
    assert to_token(context).replace("-", "").replace("_", "").isalnum()
    assert encode(Context(groups=(("rogozin",),), spans=(YEAR_2013,))) == "p:rogozin;d:2013"


@pytest.mark.parametrize(
    "garbage",
    ["", "p:a;p:b", "z:1", "d:2013-13", "nonsense", "d:/", "k:-1", "k:x", "k:99999999999"],
)
def test_foreign_or_broken_strings_decode_to_nothing_harmful(garbage: str) -> None:
    context = decode(garbage)
    assert context is None or context.is_empty
    assert from_token("!!!") is None


def test_the_header_says_what_was_carried_over(real_engine: Engine) -> None:
    from bot.context import context_of

    first = real_engine.ask("what did Rogozin propose in 2013")
    answer = real_engine.ask("and in 2011?", after=context_of(first))
    lead = render_text(answer).splitlines()[0]
    assert lead == (
        "Dmitri Rogozin · 2011 · 1 entry — following your question about Dmitri Rogozin · 2013"
    )


def test_in_doubt_the_answer_offers_the_reading_in_context(real_engine: Engine) -> None:
    from bot.context import context_of

    first = real_engine.ask("what did Rogozin propose in 2013")
    answer = real_engine.ask("Patrushev", after=context_of(first))
    assert answer.total == 2 and answer.interpretation.inherited == ()
    assert render_text(answer).splitlines()[1] == (
        "Answered on its own; after your question about Dmitri Rogozin · 2013 it could mean "
        "Nikolai Patrushev · 2013."
    )


def test_a_context_naming_people_the_data_lacks_is_read_without_them(real_engine: Engine) -> None:
    stale = Context(groups=(("nobody",),), spans=(YEAR_2013,))
    answer = real_engine.ask("and Rogozin?", after=stale)
    assert {e.id for e in answer.results} == {"rogozin-2013-02-16", "rogozin-2013-02-21"}
    assert real_engine.ask_context(stale).total == 3  # the period alone


FOLLOW_UPS = [
    "and in 2011?", "what about Lavrov", "and before that?", "after that", "who else?",
    "anything else?", "that year", "him", "only the latest", "а до этого?", "кто ещё?",
    "Merkel", "2009", "asteroid", "Rogozin 2013", "", "and", "before 2000 and after that",
]  # fmt: skip


@settings(max_examples=60, deadline=None)
@given(
    previous=st.sampled_from(["Rogozin 2013", "asteroid", "Lavrov", "2012", "Merkel", "hello"]),
    question=st.sampled_from(FOLLOW_UPS) | st.text(max_size=40),
    page=st.integers(min_value=1, max_value=5),
)
def test_any_follow_up_of_any_question_is_answered(
    real_engine: Engine, previous: str, question: str, page: int
) -> None:
    from bot.context import context_of, encode

    context = context_of(real_engine.ask(previous, limit=page))
    assert decode(encode(context)) == context
    answer = real_engine.ask(question, after=context, limit=page)
    meaning = answer.interpretation
    assert set(meaning.inherited) <= {"people", "period", "words", "order"}
    assert (meaning.previous is not None) == bool(meaning.inherited or meaning.excluded)
    assert not (meaning.inherited and meaning.offered)
    excluded = {p.id for p in meaning.excluded}
    assert not any(excluded & {p.id for p in entry.people} for entry in answer.results) or (
        answer.relaxed
    )
    render_text(answer)
