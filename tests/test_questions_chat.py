"""Chat-style acceptance suite: questions as people type them in a chat app, in English
(tests/questions_chat.yaml, issue 8) and in Russian (tests/questions_ru.yaml, issue 10), against
the bundled chronology, a second, larger one (tests/fixtures/spaceflight.yaml) and a small one
written in Russian (tests/fixtures/import/kosmos.yaml).

Each case names its chronology (`data`); each chronology is indexed once per module. The keys
and the readings they are written by are described at the top of the YAML file.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from bot.answer import Answer
from bot.engine import Engine
from bot.index import ensure_index

HERE = Path(__file__).resolve().parent
DATA = {
    "bundled": HERE.parent / "data" / "events.yaml",
    "spaceflight": HERE / "fixtures" / "spaceflight.yaml",
    # A chronology written in Russian (the import fixture): its words in any case.
    "kosmos": HERE / "fixtures" / "import" / "kosmos.yaml",
}
FILES = ("questions_chat.yaml", "questions_ru.yaml")
CASES = [
    case for name in FILES for case in yaml.safe_load((HERE / name).read_text(encoding="utf-8"))
]
KEYS = {"q", "data", "expect", "includes", "excludes", "top", "first", "people", "unknown"}
KEYS |= {"relaxed", "order", "period", "notices", "terms", "excluded"}


@pytest.fixture(scope="module")
def engines(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Engine]]:
    """One engine per chronology, each indexed once for the module."""
    root = tmp_path_factory.mktemp("chat-index")
    opened = {
        name: Engine.open(ensure_index(path, root / f"{name}.sqlite"))
        for name, path in DATA.items()
    }
    yield opened
    for engine in opened.values():
        engine.close()


def test_cases_are_well_formed() -> None:
    """Every case names a known chronology and only known keys (a typo'd key checks nothing)."""
    for case in CASES:
        assert set(case) <= KEYS, (case["q"], set(case) - KEYS)
        assert case["data"] in DATA, case["q"]
        assert case.get("order") in (None, "newest", "oldest"), case["q"]
    ids = [f"{case['data']}: {case['q']}" for case in CASES]
    assert len(set(ids)) == len(ids), "a question is asked twice"


@pytest.mark.parametrize("case", CASES, ids=[f"{c['data']}: {c['q']}" for c in CASES])
def test_chat_question(engines: dict[str, Engine], case: dict) -> None:
    check_answer(engines[case["data"]].ask(case["q"], limit=1000), case)


def check_answer(answer: Answer, case: dict) -> None:
    """Everything a case says of its answer (see the keys above); shared with the older
    acceptance file, tests/questions.yaml."""
    ids = [entry.id for entry in answer.results]
    assert len(ids) == answer.total, "limit=1000 must return every match"
    assert len(set(ids)) == len(ids), "an entry is listed twice"
    if "expect" in case:
        assert sorted(ids) == sorted(case["expect"])
    for wanted in case.get("includes", []):
        assert wanted in ids
    for unwanted in case.get("excludes", []):
        assert unwanted not in ids
    if "top" in case:
        assert sorted(ids[: len(case["top"])]) == sorted(case["top"])
    if "first" in case:
        assert ids and ids[0] == case["first"]
    reading = answer.interpretation
    if "people" in case:
        assert [p.id for p in reading.people] == case["people"]
    assert answer.relaxed == case.get("relaxed", False)
    if answer.relaxed or not ids:
        assert answer.notices, "an empty or relaxed answer must say why"
    if "unknown" in case:
        assert list(reading.unknown_names) == case["unknown"]
        if case["unknown"] and ids:
            # Results next to an unknown name are the topic's or date's, never that name's.
            assert answer.relaxed
    if "order" in case:
        assert reading.order == case["order"]
    if "period" in case:
        if case["period"] is None:
            assert reading.span is None, "no date in this question"
        else:
            assert reading.span is not None, "a date in this question"
            assert [reading.span.start_iso, reading.span.end_iso] == case["period"]
    if "excluded" in case:  # "but not Rogozin": left out, never asked about
        assert [p.id for p in reading.excluded] == case["excluded"]
    if "terms" in case:  # the words that rank: none of the words people ask with
        assert list(reading.terms) == case["terms"]
    kinds = [notice.kind for notice in answer.notices]
    for kind in case.get("notices", []):
        assert kind in kinds
