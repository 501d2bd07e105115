"""`chronobot import` of spreadsheets and TimelineJS files, `chronobot export`, and the
round trip between them; unusable input gets one clear line, never a traceback."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from bot.data import Chronology, load_chronology, parse_chronology
from bot.export import export_csv, export_timelinejs
from bot.importers import import_file

ROOT = Path(__file__).resolve().parent.parent
CHRONOLOGIES = [
    ROOT / "data" / "events.yaml",
    Path(__file__).parent / "fixtures" / "data_valid.yaml",
]


def entries(chronology: Chronology) -> list[tuple]:
    """Every entry's content with people by name: what a round trip must keep (not ids)."""
    return [
        (
            e.date,
            e.date_text,
            e.text,
            tuple(chronology.people[p].name for p in e.people),
            e.cites,
            e.places,
            e.tags,
            e.note,
        )
        for e in chronology.events
    ]


def imported(path: Path, people: Path | None = None) -> Chronology:
    return parse_chronology(import_file(path, people)[1])


@pytest.mark.parametrize("source", CHRONOLOGIES, ids=lambda p: p.name)
@pytest.mark.parametrize("kind", ["csv", "json"])
def test_export_then_import_gives_the_same_entries(source: Path, kind: str, tmp_path: Path) -> None:
    original = load_chronology(source)
    exported = tmp_path / f"export.{kind}"
    exported.write_text(
        export_csv(original) if kind == "csv" else export_timelinejs(original), encoding="utf-8"
    )
    back = imported(exported)
    assert entries(back) == entries(original)
    print(
        f"\n{source.name} via {kind}: {len(entries(back))}/{len(entries(original))} entries equal"
    )


def test_timelinejs_without_chronobot_fields_keeps_dates_and_text(tmp_path: Path) -> None:
    original = load_chronology(CHRONOLOGIES[0])
    data = json.loads(export_timelinejs(original))
    for event in data["events"]:
        del event["chronobot"]
    plain = tmp_path / "plain.json"
    plain.write_text(json.dumps(data), encoding="utf-8")
    back = imported(plain)
    assert [e.date for e in back.events] == [e.date for e in original.events]
    texts = [" ".join(filter(None, (e.text, e.note))) for e in original.events]
    assert [e.text for e in back.events] == texts


def test_table_columns_are_found_by_their_usual_names_in_any_case(tmp_path: Path) -> None:
    table = tmp_path / "talks.tsv"
    table.write_text(
        "Start Date\tEND DATE\tDisplay Date\tHeadline\tText\tPeople\tPlaces\tTags\tSource\n"
        "2010-05-14\t2010-05-17\tMay 14-17, 2010\tTalks\tThey met.\tAnna Weber | Karl Brandt"
        "\tBonn\tdiplomacy; trade\tDie Zeit\n"
        "Feb. 16, 2013\t\t\t\tWeber spoke again.\tWeber\t\t\t\n",
        encoding="utf-8",
    )
    back = imported(table)
    first, second = back.events
    assert (first.date, first.date_text, first.text) == (
        "2010-05-14/2010-05-17",
        "May 14-17, 2010",
        "Talks. They met.",
    )
    assert [back.people[p].name for p in first.people] == ["Anna Weber", "Karl Brandt"]
    assert (first.places, first.tags, first.cites) == (
        ("Bonn",),
        ("diplomacy", "trade"),
        ("Die Zeit",),
    )
    assert second.date == "2013-02-16" and second.people == first.people[:1]


def test_timelinejs_template_year_month_day_columns(tmp_path: Path) -> None:
    table = tmp_path / "template.csv"
    table.write_text(
        "Year,Month,Day,Headline,Text,Group\n"
        "1969,7,20,Landing,They landed.,moon\n1972,,,,Later.,\n",
        encoding="utf-8",
    )
    back = imported(table)
    assert [(e.date, e.text, e.tags) for e in back.events] == [
        ("1969-07-20", "Landing. They landed.", ("moon",)),
        ("1972", "Later.", ()),
    ]


def test_dates_are_read_as_people_write_them(tmp_path: Path) -> None:
    """Day-first numeric dates and short written dates, as questions read them (a date of
    ten characters or fewer was once skipped)."""
    table = tmp_path / "space.csv"
    table.write_text(
        "Date;Event\n12.04.1961;One.\n20/07/1969;Two.\nMarch 1986;Three.\n1 May 2001;Four.\n"
        "1975-07-17T09:00:00;Five.\n",
        encoding="utf-8",
    )
    assert [(e.date, e.text) for e in imported(table).events] == [
        ("1961-04-12", "One."),
        ("1969-07-20", "Two."),
        ("1986-03", "Three."),
        ("2001-05-01", "Four."),
        ("1975-07-17", "Five."),
    ]


def test_people_may_be_separated_by_commas_between_whole_names(tmp_path: Path) -> None:
    table = tmp_path / "crew.csv"
    table.write_text(
        'Date,Text,People\n1969-07-20,Landing.,"Neil Armstrong, Buzz Aldrin"\n'
        '1969-07-21,Back.,"Armstrong, Neil"\n',
        encoding="utf-8",
    )
    back = imported(table)
    assert [[back.people[p].name for p in e.people] for e in back.events] == [
        ["Neil Armstrong", "Buzz Aldrin"],
        ["Armstrong, Neil"],
    ]


def test_a_russian_table_with_russian_dates(tmp_path: Path) -> None:
    table = tmp_path / "космос.csv"
    table.write_text(
        "Дата;Событие;Люди;Источник;Место\n"
        "12 апреля 1961;Первый полёт.;Юрий Гагарин;ТАСС;Байконур\n"
        "март 1986;Запуск станции.;;;\n",
        encoding="utf-8",
    )
    back = imported(table)
    first, second = back.events
    assert (first.date, first.text, first.cites, first.places) == (
        "1961-04-12",
        "Первый полёт.",
        ("ТАСС",),
        ("Байконур",),
    )
    assert [back.people[p].name for p in first.people] == ["Юрий Гагарин"]
    assert (second.date, second.people) == ("1986-03", ())


def test_people_file_keeps_existing_ids(tmp_path: Path) -> None:
    original = load_chronology(CHRONOLOGIES[0])
    exported = tmp_path / "export.csv"
    exported.write_text(export_csv(original), encoding="utf-8")
    back = imported(exported, people=CHRONOLOGIES[0])
    assert [e.people for e in back.events] == [e.people for e in original.events]


def run_import(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot", "import", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )


def test_summary_lists_unreadable_dates_with_their_lines(tmp_path: Path) -> None:
    table = tmp_path / "bad-dates.csv"
    table.write_text(
        "date,text\n2013-02-16,Fine.\nsoon,Not a date.\n2013-02-30,Impossible.\n", encoding="utf-8"
    )
    result = run_import(str(table), "-o", str(tmp_path / "out.yaml"))
    assert result.returncode == 0, result.stderr
    assert "1 entries" in result.stderr
    assert f"{table}:3: could not read the date 'soon'" in result.stderr
    assert f"{table}:4: could not read the date '2013-02-30'" in result.stderr
    assert load_chronology(tmp_path / "out.yaml").events[0].text == "Fine."


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("no-date.csv", "when it was,text\nx,y\n", "no-date.csv:1: no date column"),
        ("broken.json", '{"events": [\n  {"start_date": }\n]}', "broken.json:2: not valid JSON"),
        ("latin1.txt", "Title\n\n2013: Caf\xe9 opened.", "latin1.txt:3: the file is not UTF-8"),
        ("empty.md", "# Nothing dated\n\nJust words.\n", "empty.md: no dated entry found"),
    ],
)
def test_unusable_input_gets_one_clear_error(
    tmp_path: Path, name: str, content: str, message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content.encode("latin-1"))
    result = run_import(str(path))
    assert result.returncode == 1
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_export_command_writes_a_file(tmp_path: Path) -> None:
    target = tmp_path / "timeline.json"
    result = subprocess.run(
        [sys.executable, "-m", "bot", "export", "--format", "timelinejs", "-o", str(target)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=60,
        env={"PATH": "/usr/bin:/bin", "CHRONOBOT_DATA": str(CHRONOLOGIES[0])},
    )
    assert result.returncode == 0, result.stderr
    assert len(json.loads(target.read_text(encoding="utf-8"))["events"]) == 22
