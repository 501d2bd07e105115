"""The article reader's rules, one small text each: dates, headings, notes, page furniture,
people, sources, and input that must not break it."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.data import parse_chronology
from bot.importers import ImportProblem, draft_chronology, import_file
from bot.importers.article import import_article
from bot.importers.people import People


def draft(text: str, known: People | None = None):
    return import_article(text, "article.md", known)


def test_dates_in_every_leading_form() -> None:
    text = (
        "Nov. 3, 1987: A.\n\nMarch 1983: B.\n\nJune 8-11, 1984: C.\n\nWinter of 1984: D.\n\n"
        "1991/1993: E.\n\nIn 1995, F happened.\n\n## 1996\n\n3 March: G.\n\n"
        "4 April — H.\n\n**5 May 1997:** I.\n"
    )
    entries = draft(text).entries
    assert [(e.date, e.date_text, e.text) for e in entries] == [
        ("1987-11-03", "Nov. 3, 1987", "A."),
        ("1983-03", "March 1983", "B."),
        ("1984-06-08/1984-06-11", "June 8-11, 1984", "C."),
        ("1984-12/1985-02", "Winter of 1984", "D."),
        ("1991/1993", "1991/1993", "E."),
        ("1995", "1995", "In 1995, F happened."),
        ("1996-03-03", "3 March 1996", "G."),
        ("1996-04-04", "4 April 1996", "H."),
        ("1997-05-05", "5 May 1997", "I."),
    ]


def test_page_furniture_and_broken_lines_are_removed() -> None:
    text = (
        "A Title\n\n1980: The first line of an entry that runs on and on and continues with\n"
        "a word that is hyphen-\nated across lines and a well-\nknown compound, and then\n\n"
        "12\n\nRUNNING HEAD 1980s\n\ncontinues on the next page.\n\n1981: Next.\n\n13\n\n"
        "RUNNING HEAD 1980s\n\n1982: Last.\n\nRUNNING HEAD 1980s\n\nwell-known again.\n"
    )
    entries = draft(text).entries
    assert entries[0].text == (
        "The first line of an entry that runs on and on and continues with a word that is "
        "hyphenated across lines and a well-known compound, and then continues on the next page."
    )
    assert [e.text for e in entries[1:]] == ["Next.", "Last. well-known again."]


def test_header_gives_title_publisher_date_and_url() -> None:
    text = (
        "# The Title\n\nPublisher: Example Press\n\nPublished: March 1999\n\n"
        "https://example.org/chronology\n\n1998: Entry.\n"
    )
    result = draft(text)
    assert (result.title, result.publisher, result.published, result.url) == (
        "The Title",
        "Example Press",
        "1999-03",
        "https://example.org/chronology",
    )


def test_bracketed_paragraph_is_the_previous_entrys_note() -> None:
    result = draft("1990: Jane Smith spoke.\n\n[She later denied it, said Karl Brandt.]\n")
    (entry,) = result.entries
    assert entry.note == "She later denied it, said Karl Brandt."
    assert [result.people[p].name for p in entry.people] == ["Jane Smith", "Karl Brandt"]


def test_people_titles_surnames_and_shared_surnames() -> None:
    text = (
        "1990: Prime Minister Jane Smith met Secretary of State John Smith and Anna Weber.\n\n"
        "1991: Weber wrote to Smith.\n\n"
        "1992: Presidents Okafor and Lund spoke in the United States.\n"
    )
    result = draft(text)
    first, second, third = result.entries
    names = {pid: person.name for pid, person in result.people.items()}
    assert [names[p] for p in first.people] == ["Jane Smith", "John Smith", "Anna Weber"]
    assert set(names) >= {"jane-smith", "john-smith", "weber"}
    assert second.people == ["weber"]
    assert any("Smith may be Jane Smith or John Smith" in check for check in second.checks)
    assert third.people == ["okafor"]  # "and Lund": a surname alone, and no title of its own
    assert result.people["okafor"].checks  # only a surname: a guess to check
    assert result.people["okafor"].description == "President"
    assert result.people["jane-smith"].description == "Prime Minister"


def test_people_file_keeps_ids_and_adds_spellings(tmp_path: Path) -> None:
    known = tmp_path / "known.yaml"
    known.write_text(
        "chronology: {title: K}\npeople:\n  jsm: {name: Anatoly Smirnov}\n"
        "events:\n  - {id: a, date: 2000, text: A., people: [jsm]}\n",
        encoding="utf-8",
    )
    article = tmp_path / "a.md"
    article.write_text("2001: Anatoli Smirnov arrived.\n\n2002: Smirnov left.\n", encoding="utf-8")
    chronology = parse_chronology(import_file(article, known)[1])
    assert [e.people for e in chronology.events] == [("jsm",), ("jsm",)]
    assert chronology.people["jsm"].aliases == ("Anatoli Smirnov",)


def test_press_sources_become_cites() -> None:
    text = (
        "1990: According to the daily Example Times, talks began (Oct. 5, 1990 *Weekly*).\n\n"
        "1991: As reported in *The Ledger* Oct. 18, and in an interview with Radio Nowhere.\n"
    )
    first, second = draft(text).entries
    assert first.cites == ["Example Times", "Weekly, Oct. 5, 1990"]
    assert second.cites == ["The Ledger, Oct. 18, 1991", "Radio Nowhere"]


def test_undated_opening_and_unreadable_dates_are_reported() -> None:
    text = "Title\n\nAn introduction without dates.\n\nFeb. 30, 1990: Impossible.\n\n1991: Fine.\n"
    result = draft(text)
    assert [e.text for e in result.entries] == ["Fine."]
    assert result.unreadable == [
        (3, "no date in this paragraph: skipped"),
        (5, "could not read the date 'Feb. 30, 1990': skipped"),
    ]


def test_no_entry_is_an_error_naming_why(tmp_path: Path) -> None:
    path = tmp_path / "empty.md"
    path.write_text("# Title\n\nNo dates here.\n", encoding="utf-8")
    with pytest.raises(ImportProblem, match=r"no dated entry found \(line 3: no date"):
        draft_chronology(path)


_PIECES = st.sampled_from(
    [
        "1990: ", "## 1991\n\n", "3 March: ", "[", "]", "\n", "\n\n", "President ", "Jane ",
        "Smith", " met ", "*Times*", " according to the daily ", "Ab-\ncd", "12\n", "—", ",",
        ".", ":", "é", "\x00", "\t", "#", "---\n", "In 1995, ", "(Oct. 5, 1990 X)", "'s",
    ]
)  # fmt: skip


@settings(max_examples=60, deadline=None)
@given(st.lists(_PIECES | st.text(max_size=6), max_size=40))
def test_any_text_drafts_a_valid_chronology_or_says_why(pieces: list[str]) -> None:
    result = draft("".join(pieces))
    if result.entries:
        from bot.importers.draft import assign_entry_ids, render_yaml

        assign_entry_ids(result)
        parse_chronology(render_yaml(result, "fuzz"))
