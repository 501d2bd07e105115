"""Fixtures shared by the engine's tests: the real chronology, indexed once per session."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.engine import Engine
from bot.index import ensure_index

ROOT = Path(__file__).resolve().parent.parent
REAL_DATA = ROOT / "data" / "events.yaml"


@pytest.fixture(scope="session")
def real_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return ensure_index(REAL_DATA, tmp_path_factory.mktemp("index") / "events.sqlite")


@pytest.fixture(scope="session")
def real_engine(real_index: Path) -> Engine:
    engine = Engine.open(real_index)
    yield engine
    engine.close()
