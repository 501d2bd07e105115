"""The conversation suite: follow-ups (tests/conversations.yaml) against the real data."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bot.context import Context, context_of
from bot.engine import Engine

CASES = yaml.safe_load((Path(__file__).parent / "conversations.yaml").read_text(encoding="utf-8"))
PAGE = 5  # the private chat's page: "before that" means before the entries a chat showed


def _context(engine: Engine, questions: list[str]) -> Context | None:
    context = None
    for question in questions:
        context = context_of(engine.ask(question, limit=PAGE, after=context))
    return context


@pytest.mark.parametrize("case", CASES, ids=[" → ".join([*c["after"], c["q"]]) for c in CASES])
def test_conversation(real_engine: Engine, case: dict) -> None:
    answer = real_engine.ask(case["q"], limit=1000, after=_context(real_engine, case["after"]))
    meaning = answer.interpretation
    ids = [entry.id for entry in answer.results]
    # Every match from the page asked: the first, or after the entries shown ("more").
    assert len(ids) == answer.total - answer.offset, "limit=1000 must return every match"
    if "expect" in case:
        assert sorted(ids) == sorted(case["expect"])
    if "top" in case:
        assert ids[: len(case["top"])] == case["top"]
    assert list(meaning.inherited) == case["inherited"]
    assert [p.id for p in meaning.excluded] == case.get("excluded", [])
    if "offered" in case:
        assert meaning.offered is not None and list(meaning.offered.inherited) == case["offered"]
    else:
        assert meaning.offered is None
    assert answer.relaxed == case.get("relaxed", False)
    if meaning.inherited:
        assert meaning.previous is not None, "a follow-up says what it followed"


def test_suite_is_large_enough() -> None:
    assert len(CASES) >= 60
    assert sum(1 for case in CASES if not case["inherited"] and "offered" not in case) >= 10
    assert sum(1 for case in CASES if len(case["after"]) >= 2) >= 10


@pytest.mark.parametrize(
    ("after", "question", "place"),
    [
        (["Lavrov"], "the second one", 2),
        (["Lavrov"], "tell me more about the 4th", 4),
        (["Lavrov"], "#3", 3),
        (["Лавров"], "покажи третью", 3),
        (["Putin", "more"], "the second one", 7),  # the second on the page just shown
    ],
)
def test_a_place_in_the_last_answer_shows_that_entry(
    real_engine: Engine, after: list[str], question: str, place: int
) -> None:
    """ "the second one" is the second entry of the page just shown, as a page of one."""
    context = _context(real_engine, after)
    everything = real_engine.ask(after[0], limit=1000).results
    answer = real_engine.ask(question, limit=PAGE, after=context)
    assert [entry.id for entry in answer.results] == [everything[place - 1].id]
    assert answer.offset == place - 1 and answer.total == len(everything)
    assert "people" in answer.interpretation.inherited


def test_a_place_the_last_page_does_not_have_is_no_selection(real_engine: Engine) -> None:
    """Lavrov's answer showed 4 entries: "#7" selects nothing, and is read as a question."""
    answer = real_engine.ask("#7", limit=PAGE, after=_context(real_engine, ["Lavrov"]))
    assert answer.offset == 0 and len(answer.results) == answer.total == 4
