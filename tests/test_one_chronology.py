"""A question limited to one chronology of several (issue 11): every way the engine finds
entries keeps to it, the answer says so, and the CLI's `--source` asks it."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

from bot.context import context_of
from bot.engine import Engine, UnknownChronology
from bot.index import ensure_index
from bot.render import notice_text, render_json
from bot.timeline import collect
from bot.timeline.collect import collect_timeline
from bot.words import words_for
from tests.conftest import REAL_DATA
from tests.test_cli import run

SPACEFLIGHT = Path(__file__).resolve().parent / "fixtures" / "spaceflight.yaml"
NAMES = ("kremlin", "spaceflight")


@pytest.fixture(scope="module")
def directory(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled chronology and the spaceflight one (they share Rogozin), as one directory."""
    data = tmp_path_factory.mktemp("two") / "data"
    data.mkdir()
    shutil.copy(REAL_DATA, data / "kremlin.yaml")
    shutil.copy(SPACEFLIGHT, data / "spaceflight.yaml")
    return data


@pytest.fixture(scope="module")
def engine(directory: Path) -> Engine:
    opened = Engine.open(ensure_index(directory, directory.parent / "index.sqlite"))
    yield opened
    opened.close()


def cited(answer) -> set[str]:
    """The chronologies an answer's entries come from (their ids are "name/id")."""
    return {entry.id.split("/")[0] for entry in answer.results}


def kinds(answer) -> list[str]:
    return [notice.kind for notice in answer.notices]


# Questions answered exactly in every chronology that has entries for them: each path of the
# engine (dates alone, several periods, people, people and dates, words, words in a period,
# order, nothing asked) at least once.
EXACT = [
    "",
    "2013",
    "in 2012 and 2013",
    "between 1990 and 2010",
    "Rogozin",
    "Rogozin 2013",
    "missile defense",
    "missile defense 2009",
    "newest",
    "oldest space station",
    "Lavrov Clinton",
]


@pytest.mark.parametrize("question", EXACT)
def test_each_chronology_answers_from_its_own_entries_and_together_they_are_all(
    engine: Engine, question: str
) -> None:
    everywhere = engine.ask(question, limit=1000)
    totals = 0
    for name in NAMES:
        answer = engine.ask(question, limit=1000, chronology=name)
        if answer.relaxed or not answer.total:
            continue  # nothing exact here: the other chronologies hold it
        assert cited(answer) == {name}, question
        assert len(answer.results) == answer.total  # the count is this chronology's own
        totals += answer.total
    assert totals == everywhere.total


def test_the_counts_of_a_period_are_the_chronologys_own(engine: Engine) -> None:
    rows = engine.connection.execute(
        """SELECT c.name, count(*) FROM events e JOIN chronologies c ON c.rowid = e.source
           WHERE e.start_day <= ? AND e.end_day >= ? GROUP BY c.name""",
        (dt.date(2013, 12, 31).toordinal(), dt.date(2013, 1, 1).toordinal()),
    ).fetchall()
    assert len(rows) == 2
    for name, count in rows:
        assert engine.ask("2013", limit=1, chronology=name).total == count


def test_a_limited_answer_says_which_chronology_it_is_from(engine: Engine) -> None:
    answer = engine.ask("Rogozin", chronology="spaceflight")

    assert answer.interpretation.chronology == "spaceflight"
    assert kinds(answer)[0] == "one_chronology"
    assert notice_text(answer) == (
        "From the chronology “Human Spaceflight and Space Cooperation, 1957-2024” only."
    )
    assert render_json(answer)["interpretation"]["chronology"] == "spaceflight"
    russian = notice_text(engine.ask("meteor", chronology="kremlin"), words_for("ru"))
    assert russian.startswith("Только из хронологии «Putin's Russia Offers Cooperation in Space».")
    assert russian.endswith("В других хронологиях есть подходящие записи.")
    assert engine.ask("Rogozin").interpretation.chronology is None
    assert render_json(engine.ask("Rogozin"))["interpretation"]["chronology"] is None


def test_the_nearest_alternative_stays_in_the_chronology_and_says_others_match(
    engine: Engine,
) -> None:
    answer = engine.ask("Rogozin 2014", chronology="kremlin")

    assert answer.relaxed and cited(answer) == {"kremlin"}
    assert kinds(answer) == ["one_chronology", "nearest", "elsewhere"]
    assert notice_text(answer).endswith("Other chronologies have entries that match.")
    assert engine.ask("Rogozin 2014").results[0].id == "spaceflight/rogozin-2014-04-29"


@pytest.mark.parametrize(
    ("question", "notice"),
    [
        ("meteor", "no_words"),  # a word only the other chronology uses
        ("Gagarin", "no_entry"),  # a person only the other chronology names
        ("Gagarin 1961", "no_entry"),
    ],
)
def test_what_only_another_chronology_has_is_not_shown_but_said(
    engine: Engine, question: str, notice: str
) -> None:
    answer = engine.ask(question, chronology="kremlin")

    assert answer.total == 0 and answer.results == ()
    assert kinds(answer) == ["one_chronology", notice, "elsewhere"]
    assert engine.ask(question, chronology="spaceflight").total > 0


def test_nothing_anywhere_is_not_said_to_be_elsewhere(engine: Engine) -> None:
    answer = engine.ask("xylophone", chronology="kremlin")

    assert answer.total == 0 and "elsewhere" not in kinds(answer)


def test_words_held_apart_are_judged_within_the_chronology(engine: Engine) -> None:
    answer = engine.ask("asteroid shield", limit=100, chronology="spaceflight")

    assert kinds(answer) == ["one_chronology", "partial"]
    assert cited(answer) == {"spaceflight"}


def test_people_and_periods_of_buttons_keep_to_the_chronology(engine: Engine) -> None:
    by_person = engine.search(people=("rogozin",), limit=100, chronology="spaceflight")
    in_year = engine.search(
        span=engine.ask("2013").interpretation.span, limit=100, chronology="kremlin"
    )

    assert cited(by_person) == {"spaceflight"} and by_person.total == 1
    assert cited(in_year) == {"kremlin"} and in_year.total == 3


def test_a_follow_up_keeps_to_the_chronology(engine: Engine) -> None:
    first = engine.ask("Rogozin", chronology="kremlin")
    follow_up = engine.ask("and in 2013?", after=context_of(first), chronology="kremlin")
    page = engine.ask_context(context_of(follow_up), offset=1, chronology="kremlin")

    assert cited(follow_up) == {"kremlin"} and follow_up.total == 2
    assert cited(page) == {"kremlin"} and page.offset == 1


@pytest.mark.parametrize("name", ["nope", "", "kremlin' OR 1=1 --", "KREMLIN", "x" * 300])
def test_an_unknown_chronology_is_refused_naming_the_known_ones(engine: Engine, name: str) -> None:
    with pytest.raises(UnknownChronology) as refused:
        engine.ask("Rogozin", chronology=name)

    assert refused.value.known == NAMES
    assert "kremlin, spaceflight" in str(refused.value)
    with pytest.raises(UnknownChronology):
        engine.search(people=("rogozin",), chronology=name)


def test_ask_source_limits_the_cli_answer(directory: Path, tmp_path: Path) -> None:
    ask = ("ask", "--data", str(directory), "--json", "--source", "spaceflight", "Rogozin")
    result = run(*ask, tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout)

    assert answer["interpretation"]["chronology"] == "spaceflight"
    assert [r["id"] for r in answer["results"]] == ["spaceflight/rogozin-2014-04-29"]
    assert answer["notices"][0]["kind"] == "one_chronology"

    unknown = run("ask", "--data", str(directory), "--source", "moon", "Rogozin", tmp_path=tmp_path)
    assert unknown.returncode == 2
    assert "no chronology named 'moon'; choose one of: kremlin, spaceflight" in unknown.stderr


def test_a_timeline_draws_the_one_chronology_asked(engine: Engine, monkeypatch) -> None:
    assert collect_timeline(engine, "", chronology="kremlin").total == 22
    assert collect_timeline(engine, "Rogozin", chronology="spaceflight").total == 1

    def no_paging(*_args):
        raise AssertionError("a histogram of one chronology is counted by SQLite, not paged")

    monkeypatch.setattr(collect, "MARK_LIMIT", 1)  # every answer of two or more: a histogram
    monkeypatch.setattr(collect, "_paged_rows", no_paging)
    for question, name in [
        ("", "spaceflight"),
        ("missile defense", "kremlin"),
        ("Rogozin", "kremlin"),
        ("2013", "kremlin"),
    ]:
        timeline = collect_timeline(engine, question, chronology=name)
        assert timeline.is_histogram
        assert timeline.total == engine.ask(question, limit=0, chronology=name).total


def test_timeline_source_draws_one_chronology_or_names_the_known_ones(
    directory: Path, tmp_path: Path
) -> None:
    png = tmp_path / "rogozin.png"
    drawn = run(
        "timeline", "--data", str(directory), "--source", "kremlin", "-o", str(png), "Rogozin",
        tmp_path=tmp_path,
    )  # fmt: skip
    assert drawn.returncode == 0, drawn.stderr
    assert "3 entries" in drawn.stdout and png.read_bytes().startswith(b"\x89PNG")

    unknown = run("timeline", "--data", str(directory), "--source", "moon", "-o", str(png),
                  tmp_path=tmp_path)  # fmt: skip
    assert unknown.returncode == 2
    assert "no chronology named 'moon'; choose one of: kremlin, spaceflight" in unknown.stderr
