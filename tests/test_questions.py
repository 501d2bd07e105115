"""The acceptance suite: realistic questions (tests/questions.yaml) against the real data.

Each case says which entries the engine must return; adding a case is one line of YAML.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bot.engine import Engine
from tests.test_questions_chat import check_answer

CASES = yaml.safe_load((Path(__file__).parent / "questions.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", CASES, ids=[case["q"] for case in CASES])
def test_question(real_engine: Engine, case: dict) -> None:
    check_answer(real_engine.ask(case["q"], limit=1000), case)
