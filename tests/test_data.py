"""Loading and validating chronology files: every problem reported at once, with file:line:field."""

from __future__ import annotations

import datetime as dt
import gc
import os
import textwrap
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.data import (
    Chronology,
    ChronologyInfo,
    DataError,
    Event,
    Person,
    load_chronology,
    parse_chronology,
)
from bot.dates import DateSpan
from bot.yamlstream import loader_class

FIXTURES = Path(__file__).resolve().parent / "fixtures"
REAL_DATA = Path(__file__).resolve().parent.parent / "data" / "events.yaml"

# Every test document below starts with these six lines, so its events begin at line 7.
HEADER = """\
chronology:
  title: Test chronology
people:
  vasquez:
    name: Elena Vasquez
events:
"""


def with_events(events: str) -> str:
    """A document of HEADER followed by `events` (dedented; its first line is line 7)."""
    return HEADER + textwrap.dedent(events)


def problems(text: str, path: str = "events.yaml") -> list[str]:
    """The issues parse_chronology reports for `text`, as the operator sees them."""
    with pytest.raises(DataError) as caught:
        parse_chronology(text, path)
    assert str(caught.value) == "\n".join(str(issue) for issue in caught.value.issues)
    return [str(issue) for issue in caught.value.issues]


# --- valid files ---------------------------------------------------------------------------


def test_valid_fixture_loads_every_field() -> None:
    chronology = load_chronology(FIXTURES / "data_valid.yaml")

    assert chronology.info == ChronologyInfo(
        title="A Short History of the Harbour Bridge",
        publisher="Harbour Gazette",
        published="2021-06",
        url="https://example.org/bridge",
    )
    assert list(chronology.people) == ["vasquez", "okafor"]
    assert chronology.people["vasquez"] == Person(
        id="vasquez",
        name="Elena Vasquez",
        aliases=("Helena Vasques", "Елена Васкес"),
        description="City engineer (1998-2004)",
    )
    assert chronology.people["okafor"] == Person(id="okafor", name="Daniel Okafor")
    assert [event.id for event in chronology.events] == [
        "survey-1997",
        "vasquez-proposal",
        "council-vote-1999-02-16",
    ]
    assert chronology.events[1] == Event(
        id="vasquez-proposal",
        date="1998-03/1998-05",
        span=DateSpan(dt.date(1998, 3, 1), dt.date(1998, 5, 31)),
        text="Vasquez proposed a suspension design, citing the survey.",
        date_text="Spring of 1998",
        people=("vasquez",),
        cites=("Harbour Gazette, May 2, 1998",),
        places=("Old Quay",),
        tags=("design", "suspension bridge"),
        note="The proposal itself is lost.",
    )


def test_strings_are_stripped() -> None:
    chronology = load_chronology(FIXTURES / "data_valid.yaml")

    assert chronology.events[2].text == "The council approved the design by one vote."


def test_unquoted_dates_and_years_are_accepted() -> None:
    chronology = load_chronology(FIXTURES / "data_valid.yaml")

    survey, _, vote = chronology.events
    assert (survey.date, survey.span) == (
        "1997",
        DateSpan(dt.date(1997, 1, 1), dt.date(1997, 12, 31)),
    )
    assert (vote.date, vote.span) == (
        "1999-02-16",
        DateSpan(dt.date(1999, 2, 16), dt.date(1999, 2, 16)),
    )


def test_optional_fields_default_to_empty() -> None:
    chronology = load_chronology(FIXTURES / "data_valid.yaml")

    survey = chronology.events[0]
    assert (survey.people, survey.cites, survey.places, survey.tags) == ((), (), (), ())
    assert survey.note is None


def test_scalars_in_text_fields_are_taken_as_written() -> None:
    # YAML reads these as an int, a bool and a date; as text they must stay what the user wrote.
    chronology = parse_chronology(
        with_events("""\
            - id: e
              date: 1999
              date_text: 1999
              text: yes
              tags: [1999-02-16, 0x10]
            """)
    )

    event = chronology.events[0]
    assert (event.date_text, event.text, event.tags) == ("1999", "yes", ("1999-02-16", "0x10"))


def test_people_section_and_empty_optional_values_may_be_omitted() -> None:
    chronology = parse_chronology(
        "chronology: {title: T}\nevents:\n  - {id: a, date: 2000, text: x, note: , tags: }\n"
    )

    assert chronology == Chronology(
        info=ChronologyInfo(title="T"),
        people={},
        events=(
            Event(
                id="a",
                date="2000",
                span=DateSpan(dt.date(2000, 1, 1), dt.date(2000, 12, 31)),
                text="x",
            ),
        ),
    )


@pytest.mark.skipif(not REAL_DATA.exists(), reason="data/events.yaml is not written yet")
def test_real_chronology_loads() -> None:
    chronology = load_chronology(REAL_DATA)

    assert chronology.info.title
    assert chronology.events
    known = set(chronology.people)
    assert all(set(event.people) <= known for event in chronology.events)


# --- one test per kind of error --------------------------------------------------------------


def test_yaml_syntax_error_is_reported_with_its_line() -> None:
    text = with_events("""\
        - id: e
          date: 2001
          text: Rogozin said: no
        """)

    [problem] = problems(text)

    assert problem.startswith("events.yaml:9: invalid YAML: mapping values are not allowed")
    assert problem.endswith("(put text containing ': ' in quotes)")


def test_unclosed_bracket_is_a_syntax_error_on_the_line_where_parsing_stopped() -> None:
    text = with_events("""\
        - id: e
          date: 2001
          people: [vasquez
          text: x
        """)

    [problem] = problems(text)

    assert problem.startswith("events.yaml:10: invalid YAML: ")


def test_unknown_key_is_reported_with_line_and_suggestion() -> None:
    text = with_events("""\
        - id: e
          date: 2001
          dat_text: In 2001
          text: x
        """)

    assert problems(text) == [
        "events.yaml:9: events[0].dat_text: unknown key 'dat_text' (did you mean 'date_text'?)"
    ]


def test_unknown_keys_are_caught_in_every_section() -> None:
    text = """\
chronology:
  title: T
  publsher: P
people:
  vasquez:
    name: Elena Vasquez
    alias: [E. V.]
event:
  - id: e
"""

    assert problems(text) == [
        "events.yaml:1: events: required field is missing",
        "events.yaml:3: chronology.publsher: unknown key 'publsher' (did you mean 'publisher'?)",
        "events.yaml:7: people.vasquez.alias: unknown key 'alias' (did you mean 'aliases'?)",
        "events.yaml:8: event: unknown key 'event' (did you mean 'events'?)",
    ]


def test_missing_required_field_is_reported_at_the_mapping_that_lacks_it() -> None:
    text = with_events("""\
        - id: e
          date: 2001
        """)

    assert problems(text) == ["events.yaml:7: events[0].text: required field is missing"]


def test_missing_title_is_reported() -> None:
    text = "chronology:\n  publisher: P\nevents:\n  - {id: a, date: 2000, text: x}\n"

    assert problems(text) == ["events.yaml:2: chronology.title: required field is missing"]


def test_empty_required_string_is_reported() -> None:
    text = with_events("""\
        - id: e
          date: 2001
          text: "   "
        """)

    assert problems(text) == ["events.yaml:9: events[0].text: must not be empty"]


def test_duplicate_event_id_names_the_line_of_the_first() -> None:
    text = with_events("""\
        - id: same
          date: 2001
          text: x
        - id: same
          date: 2002
          text: y
        """)

    assert problems(text) == [
        "events.yaml:10: events[1].id: duplicate id 'same' (first used at line 7)"
    ]


def test_duplicate_mapping_key_is_reported_instead_of_overwritten() -> None:
    text = with_events("""\
        - id: e
          date: 2001
          text: x
          date: 2002
        """)

    assert problems(text) == [
        "events.yaml:10: events[0].date: duplicate key 'date' (first at line 8)"
    ]


def test_duplicate_person_id_is_reported() -> None:
    text = HEADER.replace("events:\n", "  vasquez:\n    name: Other\nevents:\n") + (
        "  - {id: a, date: 2000, text: x}\n"
    )

    assert problems(text) == [
        "events.yaml:6: people.vasquez: duplicate key 'vasquez' (first at line 4)"
    ]


def test_an_id_too_long_for_telegram_is_reported() -> None:
    long_id = "a" * 65
    text = with_events(f"""\
        - id: {long_id}
          date: 2001
          text: x
        """)

    assert problems(text) == [
        f"events.yaml:7: events[0].id: '{long_id}' is 65 characters long; ids may have at most "
        "64 (they are Telegram's inline result ids)"
    ]


def test_bad_slug_is_reported() -> None:
    text = with_events("""\
        - id: Council Vote
          date: 2001
          text: x
        """)

    assert problems(text) == [
        "events.yaml:7: events[0].id: 'Council Vote' is not a valid id "
        "(use lowercase letters a-z, digits and single hyphens between them)"
    ]


@pytest.mark.parametrize("written", ['"2013-02-30"', "2013-02-30"], ids=["quoted", "unquoted"])
def test_impossible_date_is_reported(written: str) -> None:
    text = with_events(f"""\
        - id: e
          date: {written}
          text: x
        """)

    assert problems(text) == ["events.yaml:8: events[0].date: 2013-02-30 is not a valid date"]


def test_malformed_date_is_reported() -> None:
    text = with_events("""\
        - id: e
          date: Feb 2001
          text: x
        """)

    assert problems(text) == [
        "events.yaml:8: events[0].date: Feb 2001 is not a date (use YYYY, YYYY-MM or YYYY-MM-DD)"
    ]


def test_interval_ending_before_it_starts_is_reported() -> None:
    text = with_events("""\
        - id: e
          date: 2005-06/2005-01
          text: x
        """)

    assert problems(text) == [
        "events.yaml:8: events[0].date: 2005-06/2005-01 ends before it starts"
    ]


def test_bad_published_date_is_reported() -> None:
    text = (
        "chronology:\n  title: T\n  published: 2021-13\nevents:\n  - {id: a, date: 2000, text: x}\n"
    )

    assert problems(text) == ["events.yaml:3: chronology.published: 2021-13 is not a valid date"]


def test_unknown_person_id_is_reported_with_suggestion() -> None:
    text = with_events("""\
        - id: e
          date: 2001
          people: [vasquez, vasques, nobody]
          text: x
        """)

    assert problems(text) == [
        "events.yaml:9: events[0].people[1]: unknown person id 'vasques' (did you mean 'vasquez'?)",
        "events.yaml:9: events[0].people[2]: unknown person id 'nobody' (add it under 'people:')",
    ]


def test_person_listed_twice_in_one_event_is_reported() -> None:
    text = with_events("""\
        - id: e
          date: 2001
          people:
            - vasquez
            - vasquez
          text: x
        """)

    assert problems(text) == [
        "events.yaml:11: events[0].people[1]: person 'vasquez' is listed twice"
    ]


def test_string_expected_is_reported() -> None:
    text = with_events("""\
        - id: e
          date: 2001
          text: [a, b]
        """)

    assert problems(text) == ["events.yaml:9: events[0].text: expected text, found a list"]


def test_list_expected_is_reported() -> None:
    text = HEADER.replace("Elena Vasquez\n", "Elena Vasquez\n    aliases: Helena Vasques\n") + (
        "  - {id: a, date: 2000, text: x}\n"
    )

    assert problems(text) == [
        "events.yaml:6: people.vasquez.aliases: expected a list, found a single value "
        "(write [one, two])"
    ]


def test_list_item_that_is_not_a_string_is_reported() -> None:
    text = with_events("""\
        - id: e
          date: 2001
          text: x
          cites:
            - Harbour Gazette, May 2, 1998
            - Harbour Gazette: page 3
            -
        """)

    assert problems(text) == [
        "events.yaml:12: events[0].cites[1]: expected text, found a mapping "
        "(put text containing ': ' in quotes)",
        "events.yaml:13: events[0].cites[2]: expected text, found nothing",
    ]


def test_mapping_expected_is_reported() -> None:
    text = "chronology: Just a title\nevents:\n  - {id: a, date: 2000, text: x}\n  - just text\n"

    assert problems(text) == [
        "events.yaml:1: chronology: expected a mapping, found a single value",
        "events.yaml:4: events[1]: expected a mapping, found a single value",
    ]


def test_events_that_are_not_a_list_are_reported() -> None:
    text = "chronology: {title: T}\nevents:\n  a: {id: a, date: 2000, text: x}\n"

    assert problems(text) == ["events.yaml:3: events: expected a list, found a mapping"]


def test_empty_events_list_is_reported() -> None:
    text = "chronology: {title: T}\nevents: []\n"

    assert problems(text) == ["events.yaml:2: events: the list is empty (add at least one event)"]


@pytest.mark.parametrize("text", ["", "\n\n", "# only a comment\n", "---\n", "~\n"])
def test_empty_file_is_reported(text: str) -> None:
    assert problems(text) == ["events.yaml: the file is empty"]


@pytest.mark.parametrize(
    ("text", "found"), [("- a\n- b\n", "a list"), ("just text\n", "a single value")]
)
def test_top_level_that_is_not_a_mapping_is_reported(text: str, found: str) -> None:
    assert problems(text) == [
        f"events.yaml:1: the file must be a mapping with 'chronology:' and 'events:', not {found}"
    ]


def test_date_that_yaml_parsed_as_a_timestamp_is_reported() -> None:
    text = with_events("""\
        - id: e
          date: 2001-05-06 10:30:00
          text: x
        """)

    assert problems(text) == [
        "events.yaml:8: events[0].date: 2001-05-06 10:30:00 is a timestamp, not a date "
        "(use YYYY-MM-DD)"
    ]


def test_date_that_yaml_parsed_as_a_bool_is_reported() -> None:
    text = with_events("""\
        - id: e
          date: yes
          text: x
        """)

    assert problems(text) == [
        "events.yaml:8: events[0].date: yes is not a date (use YYYY, YYYY-MM or YYYY-MM-DD)"
    ]


def test_unsupported_yaml_tag_is_reported() -> None:
    text = with_events("""\
        - id: e
          date: 2001
          text: !!binary aGVsbG8=
        """)

    assert problems(text) == [
        "events.yaml:9: events[0].text: unsupported YAML tag tag:yaml.org,2002:binary (remove it)"
    ]


def test_several_errors_in_one_file_are_all_reported_in_line_order() -> None:
    path = FIXTURES / "data_many_errors.yaml"

    with pytest.raises(DataError) as caught:
        load_chronology(path)

    assert [str(issue) for issue in caught.value.issues] == [
        f"{path}:8: events[0].date: 2013-02-30 is not a valid date",
        f"{path}:12: events[1].dat_text: unknown key 'dat_text' (did you mean 'date_text'?)",
        f"{path}:14: events[2].id: duplicate id 'first' (first used at line 7)",
        f"{path}:15: events[2].date: 2005/2004 ends before it starts",
        f"{path}:16: events[2].people[0]: unknown person id 'vasques' (did you mean 'vasquez'?)",
    ]
    assert [issue.line for issue in caught.value.issues] == [8, 12, 14, 15, 16]
    assert caught.value.issues[0].field == "events[0].date"


def test_path_is_shown_as_the_caller_gave_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "events.yaml").write_text("chronology: {title: T}\nevents: []\n")
    monkeypatch.chdir(tmp_path)

    with pytest.raises(DataError) as caught:
        load_chronology("events.yaml")

    assert str(caught.value).startswith("events.yaml:2: events: ")


# --- unreadable files ----------------------------------------------------------------------


def test_missing_file_is_one_issue_naming_the_file(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.yaml"

    with pytest.raises(DataError) as caught:
        load_chronology(missing)

    assert str(caught.value) == f"{missing}: cannot read the file: No such file or directory"


def test_directory_instead_of_a_file_is_reported(tmp_path: Path) -> None:
    with pytest.raises(DataError) as caught:
        load_chronology(tmp_path)

    assert str(caught.value) == f"{tmp_path}: cannot read the file: Is a directory"


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read any file")
def test_unreadable_file_is_reported(tmp_path: Path) -> None:
    locked = tmp_path / "locked.yaml"
    locked.write_text("chronology: {title: T}\n")
    locked.chmod(0)

    with pytest.raises(DataError) as caught:
        load_chronology(locked)

    assert str(caught.value) == f"{locked}: cannot read the file: Permission denied"


def test_file_that_is_not_utf8_is_reported_with_its_line(tmp_path: Path) -> None:
    latin1 = tmp_path / "latin1.yaml"
    latin1.write_bytes("chronology:\n  title: Caf\u00e9\n".encode("latin-1"))

    with pytest.raises(DataError) as caught:
        load_chronology(latin1)

    assert str(caught.value) == f"{latin1}:2: the file is not UTF-8 text (save it as UTF-8)"


def test_byte_order_mark_is_ignored(tmp_path: Path) -> None:
    with_bom = tmp_path / "bom.yaml"
    with_bom.write_bytes(b"\xef\xbb\xbf" + (FIXTURES / "data_valid.yaml").read_bytes())

    assert load_chronology(with_bom) == load_chronology(FIXTURES / "data_valid.yaml")


def test_control_character_is_reported_with_its_line() -> None:
    [problem] = problems(with_events("- id: e\n  date: 2001\n  text: a\x00b\n"))

    assert problem.startswith("events.yaml:9: invalid YAML: ")


# --- robustness ----------------------------------------------------------------------------


def test_garbage_collector_is_enabled_again_after_loading() -> None:
    assert gc.isenabled()
    parse_chronology(with_events("- {id: a, date: 2000, text: x}\n"))
    assert gc.isenabled()
    with pytest.raises(DataError):
        parse_chronology("a: [")
    assert gc.isenabled()


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text())
def test_any_text_either_loads_or_raises_data_error(text: str) -> None:
    try:
        parse_chronology(text, "fuzz.yaml")
    except DataError as error:
        assert error.issues
        assert all(str(issue).startswith("fuzz.yaml") for issue in error.issues)


# YAML-ish text built from the format's own vocabulary reaches far deeper than random text.
_TOKENS = st.sampled_from(
    [
        "chronology:", "events:", "people:", "title:", "id:", "date:", "text:", "people:",
        "aliases:", "name:", "cites:", "tags:", "note:", "date_text:", "- ", "  ", "    ",
        "\n", "[", "]", "{", "}", ",", ":", " ", "a", "vasquez", "2001", "2001-02-30",
        "1999-12-31", "2001/2000", "~", "''", '"', "&x ", "*x", "!!str ", "#", "yes", "0x1",
    ]
)  # fmt: skip


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_TOKENS, max_size=60).map("".join))
def test_format_like_text_either_loads_or_raises_data_error(text: str) -> None:
    try:
        parse_chronology(with_events(text), "fuzz.yaml")
    except DataError as error:
        assert error.issues


_SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(), st.text(max_size=8), st.dates(), st.datetimes()
)
_KEYS = st.text(max_size=5)


def _nested(inner: st.SearchStrategy[object]) -> st.SearchStrategy[object]:
    """Scalars, or lists and mappings of `inner`."""
    return _SCALARS | st.lists(inner, max_size=3) | st.dictionaries(_KEYS, inner, max_size=3)


# Up to three levels of lists and mappings (a person's aliases sit three deep). Spelled out
# rather than st.recursive, whose size limit made it redraw almost half of its values.
_VALUES = _nested(_nested(_nested(_SCALARS)))
_EVENT_FIELDS = st.sampled_from(
    ["id", "date", "date_text", "people", "text", "cites", "places", "tags", "note", "dat"]
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.dictionaries(_EVENT_FIELDS, _VALUES), max_size=4), _VALUES)
def test_any_values_in_the_schema_either_load_or_raise_data_error(
    events: list[dict[str, object]], people: object
) -> None:
    document = {"chronology": {"title": "T"}, "people": people, "events": events}
    try:
        chronology = parse_chronology(yaml.safe_dump(document, allow_unicode=True), "fuzz.yaml")
    except DataError as error:
        assert error.issues
    else:
        assert len(chronology.events) == len(events)


# Characters that decide implicit tags (numbers, dates, bools, nulls, merge and value keys).
_PLAIN = st.text(alphabet="0123456789-+.:_eExXoObBnNulLyYsStTrRfFaA~=< ", max_size=12)


@settings(max_examples=500, deadline=None)
@given(st.lists(_PLAIN, min_size=1, max_size=6))
def test_lean_loader_resolves_tags_like_safe_loader(plain_values: list[str]) -> None:
    text = "".join(f"- {value}\n" for value in plain_values)
    try:
        expected = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return
    actual = yaml.compose(text, Loader=loader_class())
    assert _tags(actual) == _tags(expected)


def _tags(node: yaml.Node) -> list[tuple[str, str]]:
    """Every (tag, scalar text) in a node tree, depth first."""
    if isinstance(node, yaml.ScalarNode):
        return [(node.tag, node.value)]
    children = (
        node.value
        if isinstance(node, yaml.SequenceNode)
        else [child for pair in node.value for child in pair]
    )
    return [(node.tag, "")] + [found for child in children for found in _tags(child)]


def test_pure_python_parser_gives_the_same_results(monkeypatch: pytest.MonkeyPatch) -> None:
    # Without libyaml, PyYAML has no CSafeLoader; the loader must fall back to SafeLoader.
    bad = FIXTURES / "data_many_errors.yaml"
    with pytest.raises(DataError) as with_libyaml:
        load_chronology(bad)
    monkeypatch.delattr(yaml, "CSafeLoader")
    loader_class.cache_clear()
    try:
        assert (
            load_chronology(FIXTURES / "data_valid.yaml").events[2].id == "council-vote-1999-02-16"
        )
        with pytest.raises(DataError) as pure_python:
            load_chronology(bad)
        assert pure_python.value.issues == with_libyaml.value.issues
        assert "yaml.cyaml" not in loader_class().__mro__[1].__module__
    finally:
        loader_class.cache_clear()


@pytest.mark.parametrize("command", ["validate", "index", "ask", "reload"])
def test_every_command_reads_a_data_file_alike(
    tmp_path: Path, command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """validate, index, ask and the reload child (index --json) all read through read_data_file."""
    from bot.cli import main
    from bot.index import ensure_index

    latin1 = tmp_path / "latin1.yaml"
    latin1.write_bytes("chronology:\n  title: Caf\u00e9\n".encode("latin-1"))
    with_bom = tmp_path / "bom.yaml"
    with_bom.write_bytes(b"\xef\xbb\xbf" + (FIXTURES / "data_valid.yaml").read_bytes())
    db = str(tmp_path / "index.sqlite")
    runs = {
        "validate": lambda path: main(["validate", str(path)]),
        "index": lambda path: main(["index", "--data", str(path), "--db", db]),
        "ask": lambda path: main(["ask", "--data", str(path), "--db", db, "x"]),
        "reload": lambda path: main(["index", "--json", "--data", str(path), "--db", db]),
    }
    assert runs[command](with_bom) == 0
    capsys.readouterr()
    assert runs[command](latin1) == 1
    assert "the file is not UTF-8 text (save it as UTF-8)" in "".join(capsys.readouterr())
    with pytest.raises(DataError) as caught:
        ensure_index(latin1, db)
    assert str(caught.value) == f"{latin1}:2: the file is not UTF-8 text (save it as UTF-8)"


# --- synonyms ------------------------------------------------------------------------------


def test_synonyms_are_groups_of_terms_of_one_meaning() -> None:
    text = with_events(
        """
        - id: a
          date: 2001
          text: An entry.
        synonyms:
          BMD: [ballistic missile defense, missile defense]
          астероид: asteroid
        """
    )
    chronology = parse_chronology(text)
    assert chronology.synonyms == (
        ("BMD", "ballistic missile defense", "missile defense"),
        ("астероид", "asteroid"),
    )


def test_bad_synonyms_are_reported_with_their_line() -> None:
    text = with_events(
        """
        - id: a
          date: 2001
          text: An entry.
        synonyms:
          BMD: []
          ISS: {a: b}
        """
    )
    found = problems(text)
    assert any(":12: synonyms.BMD:" in line and "at least one" in line for line in found), found
    assert any(":13: synonyms.ISS:" in line for line in found), found


def test_synonyms_must_be_a_mapping() -> None:
    text = with_events(
        """
        - id: a
          date: 2001
          text: An entry.
        synonyms: [BMD, ISS]
        """
    )
    assert any("synonyms: expected a mapping" in line for line in problems(text))
