"""Several chronologies at once: a directory (or a list) of files is one index (issue 11)."""

from __future__ import annotations

import os
import textwrap
from pathlib import Path

import pytest

from bot.chronology import DataError
from bot.dates import DateSpan
from bot.engine import Engine
from bot.index import ensure_index
from bot.ranking import DAY_RANGE_SQL
from bot.telegram.app import EngineHolder
from tests.conftest import BotFactory
from tests.fakebotapi import user


def chronology(title: str, people: str, events: str) -> str:
    return (
        f"chronology:\n  title: {title}\n  publisher: {title} Press\npeople:\n"
        + textwrap.indent(textwrap.dedent(people), "  ")
        + "events:\n"
        + textwrap.indent(textwrap.dedent(events), "  ")
    )


SPACE = chronology(
    "Space Offers",
    """\
    rogozin:
      name: Dmitri Rogozin
    lavrov:
      name: Sergei Lavrov
    """,
    """\
    - {id: rogozin-2011, date: 2011-10, people: [rogozin], text: Rogozin proposed a shield.}
    - {id: lavrov-2009, date: 2009-03, people: [lavrov], text: Lavrov met Clinton.}
    """,
)
DIPLOMACY = chronology(
    "Diplomacy Notes",
    """\
    lavrov:
      name: Sergey Lavrov
      aliases: [Сергей Лавров]
    """,
    """\
    - {id: lavrov-2009, date: 2009-07, people: [lavrov], text: Lavrov spoke in Geneva.}
    """,
)
LATER = chronology(
    "Later Additions",
    "rogozin:\n  name: Dmitri Rogozin\n",
    "- {id: rogozin-2013, date: 2013-02-16, people: [rogozin], text: Rogozin on meteors.}\n",
)


@pytest.fixture
def directory(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    data.mkdir()
    (data / "space.yaml").write_text(SPACE, encoding="utf-8")
    (data / "diplomacy.yaml").write_text(DIPLOMACY, encoding="utf-8")
    return data


def open_engine(data: Path | str, db: Path) -> Engine:
    return Engine.open(ensure_index(data, db))


def test_each_entry_cites_its_own_chronology(directory: Path, tmp_path: Path) -> None:
    engine = open_engine(directory, tmp_path / "index.sqlite")
    answer = engine.ask("Lavrov")

    cited = {entry.id: entry.source.title for entry in answer.results if entry.source}
    assert cited == {
        "space/lavrov-2009": "Space Offers",
        "diplomacy/lavrov-2009": "Diplomacy Notes",
    }
    entry = engine.entry("diplomacy/lavrov-2009")
    assert entry is not None and entry.text == "Lavrov spoke in Geneva."


def test_one_person_across_files_keeps_every_spelling(directory: Path, tmp_path: Path) -> None:
    engine = open_engine(directory, tmp_path / "index.sqlite")

    lavrov = engine.person("lavrov")
    assert lavrov is not None and lavrov.entry_count == 2
    spellings = {lavrov.name, *lavrov.aliases}
    assert spellings == {"Sergei Lavrov", "Sergey Lavrov", "Сергей Лавров"}
    assert engine.ask("Сергей Лавров").total == 2


def test_the_chronologies_are_listed_with_counts_and_dates(directory: Path, tmp_path: Path) -> None:
    listed = open_engine(directory, tmp_path / "index.sqlite").chronologies()

    assert [(name, source.title, count) for name, source, count, _ in listed] == [
        ("diplomacy", "Diplomacy Notes", 1),
        ("space", "Space Offers", 2),
    ]
    span = listed[1][3]
    assert span is not None and (span.start.year, span.end.year) == (2009, 2011)


def test_one_chronology_is_listed_with_the_index_size_and_days(
    directory: Path, tmp_path: Path
) -> None:
    engine = open_engine(str(directory / "space.yaml"), tmp_path / "index.sqlite")
    about = engine.about()

    [(name, source, count, span)] = engine.chronologies()

    assert (name, source.title, count) == ("space", "Space Offers", about.entry_count)
    assert about.first is not None and about.last is not None
    assert span == DateSpan(about.first.start, about.last.end)
    assert span is not None and (span.start.year, span.end.year) == (2009, 2011)


def test_the_first_and_last_day_are_read_from_the_date_indexes(
    directory: Path, tmp_path: Path
) -> None:
    # min() and max() in one SELECT would walk the whole date index (110 ms at a million).
    engine = open_engine(directory, tmp_path / "index.sqlite")
    plan = engine.connection.execute(f"EXPLAIN QUERY PLAN {DAY_RANGE_SQL}").fetchall()

    steps = [detail for *_, detail in plan if "events" in detail]
    assert len(steps) == 2 and all(step.startswith("SEARCH") for step in steps), steps


def test_an_added_file_is_served_after_the_next_index(directory: Path, tmp_path: Path) -> None:
    db = tmp_path / "index.sqlite"
    assert open_engine(directory, db).ask("Rogozin 2013").results[0].id == "space/rogozin-2011"

    (directory / "later.yaml").write_text(LATER, encoding="utf-8")
    assert open_engine(directory, db).ask("Rogozin 2013").results[0].id == "later/rogozin-2013"
    (directory / "later.yaml").unlink()
    assert len(open_engine(directory, db).chronologies()) == 2


def test_a_list_of_files_works_like_a_directory(directory: Path, tmp_path: Path) -> None:
    files = os.pathsep.join(str(directory / name) for name in ("space.yaml", "diplomacy.yaml"))
    engine = open_engine(files, tmp_path / "index.sqlite")

    assert [name for name, *_ in engine.chronologies()] == ["space", "diplomacy"]


def test_each_file_reports_its_own_errors(directory: Path, tmp_path: Path) -> None:
    (directory / "space.yaml").write_text(SPACE.replace("2011-10", "2011-13"), encoding="utf-8")
    (directory / "diplomacy.yaml").write_text(DIPLOMACY + "  - {id: x}\n", encoding="utf-8")

    with pytest.raises(DataError) as caught:
        ensure_index(directory, tmp_path / "index.sqlite")

    places = sorted({(Path(issue.path).name, issue.line) for issue in caught.value.issues})
    assert places == [("diplomacy.yaml", 10), ("space.yaml", 10)]


# --- the Telegram bot over a directory of chronologies -------------------------------------


@pytest.mark.asyncio
async def test_the_bot_cites_lists_and_reloads_several_chronologies(
    bot_factory: BotFactory, directory: Path, tmp_path: Path
) -> None:
    db = tmp_path / "index.sqlite"
    holder = EngineHolder(open_engine(directory, db))
    admin = user(1001, "Alice", "alice")  # the fake's default sender
    settings = {"admins": frozenset({admin["id"]}), "data_path": directory, "db_path": db}
    bot = await bot_factory(engine=holder, settings=settings)

    _, answer = await bot.ask("Lavrov")
    text = answer.result["text"]
    assert "Space Offers, Space Offers Press · entry space/lavrov-2009" in text
    assert "Diplomacy Notes, Diplomacy Notes Press · entry diplomacy/lavrov-2009" in text

    _, listed = await bot.ask("/sources")
    assert "Diplomacy Notes (diplomacy): 1 entry" in listed.result["text"]
    assert "Space Offers (space): 2 entries" in listed.result["text"]

    (directory / "later.yaml").write_text(LATER, encoding="utf-8")
    await bot.api.push_message("/reload", sender=admin)
    await bot.api.wait_for("sendMessage")  # "Reloading data…"
    await bot.api.wait_for("editMessageText", timeout=60)  # the reload's report
    _, answer = await bot.ask("Rogozin 2013")
    assert (
        "Later Additions, Later Additions Press · entry later/rogozin-2013"
        in (answer.result["text"])
    )
    holder.engine.close()
