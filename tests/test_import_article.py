"""`chronobot import` of articles: the bundled article's original text gives back
data/events.yaml, and an article in another layout gives back its hand-made chronology."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.data import load_chronology, parse_chronology
from bot.importers import import_file
from tests.import_accuracy import compare

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "fixtures" / "import"
CASES = {
    # The bundled article as published (a copy of ../shared/seeds), and its transcription.
    "bundled": (
        FIXTURES / "putins-russia-offers-cooperation-in-space.txt",
        ROOT / "data/events.yaml",
    ),
    # Written for this test from public facts, in another layout: Markdown, a heading per year,
    # "12 April:" dates, hard-wrapped and hyphenated lines, page numbers and running heads.
    "apollo": (FIXTURES / "apollo.md", FIXTURES / "apollo.yaml"),
    # In Russian: dates in Russian words, with a dash, a colon or opening the sentence.
    "kosmos": (FIXTURES / "kosmos.md", FIXTURES / "kosmos.yaml"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_imported_article_reproduces_its_chronology(case: str) -> None:
    article, expected_path = CASES[case]
    yaml_text = import_file(article)[1]
    accuracy = compare(load_chronology(expected_path), parse_chronology(yaml_text))
    print(f"\n{case}: {accuracy}")
    assert accuracy.share >= 0.95, accuracy
    assert accuracy.precision >= 0.9, accuracy
    assert accuracy.recall >= 0.9, accuracy


def test_importer_code_holds_nothing_of_the_bundled_article() -> None:
    """Generic rules only: no date, source or title word of the bundled article in the code
    (names and places are checked for all of bot/ by test_engine)."""
    data = load_chronology(ROOT / "data" / "events.yaml")
    words = {e.date_text for e in data.events if e.date_text} | {e.date for e in data.events}
    words |= {cite.split(",")[0] for e in data.events for cite in e.cites}
    words |= {w for w in data.info.title.split() if len(w) > 4}
    code = "\n".join(
        path.read_text(encoding="utf-8")
        for path in [*(ROOT / "bot" / "importers").glob("*.py"), ROOT / "bot" / "export.py"]
    )
    assert sorted(w for w in words if w in code) == []


def test_generated_article_gives_back_every_entry_and_date() -> None:
    """The benchmark's article shape (bench/measure_import.py), small: nothing lost."""
    from bench.measure_import import measure_import

    run = measure_import(300)
    assert run.entries == run.drafted == run.same_dates == 300
