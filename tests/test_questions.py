"""The acceptance suite: realistic questions (tests/questions.yaml) against the real data.

Each case says which entries the engine must return; adding a case is one line of YAML.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bot.engine import Engine

CASES = yaml.safe_load((Path(__file__).parent / "questions.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", CASES, ids=[case["q"] for case in CASES])
def test_question(real_engine: Engine, case: dict) -> None:
    answer = real_engine.ask(case["q"], limit=1000)
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
    if "people" in case:
        assert [p.id for p in answer.interpretation.people] == case["people"]
    assert answer.relaxed == case.get("relaxed", False)
    if answer.relaxed or not ids:
        assert answer.notices, "an empty or relaxed answer must say why"
    if "unknown" in case:
        assert list(answer.interpretation.unknown_names) == case["unknown"]
        assert not answer.results or answer.interpretation.people
