"""Reading a chronology in pieces: the fast reader says exactly what the exact reader says."""

from __future__ import annotations

import tempfile
import textwrap
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot import yamlfast, yamlstream
from bot.data import DataError, _HashingOpener, _read, load_chronology
from bot.validate import Checker, ChronologySink

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def read_with(path: Path, fast: bool) -> tuple[str, object]:
    """("ok", chronology), ("errors", issue lines) or ("not fast", None)."""
    sink = ChronologySink()
    checker = Checker("events.yaml", sink)
    opener = _HashingOpener(path)
    if fast:
        read = lambda: yamlfast.read_fast(opener, checker)  # noqa: E731
    else:
        read = lambda: yamlstream.read_exact(checker, opener=opener)  # noqa: E731
    try:
        _read("events.yaml", checker, read)
    except yamlstream.NotFast:
        return "not fast", None
    except DataError as error:
        return "errors", [str(issue) for issue in error.issues]
    return "ok", sink.chronology()


def assert_readers_agree(text: str) -> tuple[str, object]:
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "events.yaml"
        path.write_text(text, encoding="utf-8")
        fast, exact = read_with(path, True), read_with(path, False)
    if fast[0] != "not fast":
        assert fast == exact
    return exact


@pytest.fixture
def small_batches(monkeypatch: pytest.MonkeyPatch) -> None:
    """Batches of two entries, so a handful of events crosses several batch boundaries."""
    monkeypatch.setattr(yamlfast, "_BATCH_ENTRIES", 2)


@pytest.mark.parametrize("name", ["data_valid.yaml", "data_many_errors.yaml", "bot_events.yaml"])
def test_fixtures_read_the_same_either_way(small_batches: None, name: str) -> None:
    assert_readers_agree((FIXTURES / name).read_text(encoding="utf-8"))


def test_errors_after_a_batch_boundary_keep_their_file_lines(small_batches: None) -> None:
    events = "".join(f"  - id: e{n}\n    date: 2001\n    text: t\n" for n in range(7))
    text = "chronology:\n  title: T\nevents:\n" + events + "  - id: bad\n    date: 2001-13\n"
    kind, problems = assert_readers_agree(text)

    assert kind == "errors"
    assert problems[0] == "events.yaml:25: events[7].text: required field is missing"
    assert problems[1].startswith("events.yaml:26: events[7].date: ")


def test_people_after_the_events_that_name_them(small_batches: None) -> None:
    text = textwrap.dedent(
        """\
        events:
        - id: a
          date: 2001
          people: [ann, bob]
          text: t
        - id: b
          date: 2002
          people: [ann]
          text: t
        chronology:
          title: T
        people:
          ann:
            name: Ann Lee
        """
    )
    kind, problems = assert_readers_agree(text)

    assert kind == "errors"
    assert problems == [
        "events.yaml:4: events[0].people[1]: unknown person id 'bob' (add it under 'people:')"
    ]
    kind, chronology = assert_readers_agree(text.replace(", bob]", "]"))
    assert kind == "ok"
    assert [event.people for event in chronology.events] == [("ann",), ("ann",)]


def test_an_anchor_defined_twice_in_two_batches_is_refused(small_batches: None) -> None:
    """Batches are composed apart: the same anchor in two of them is still the exact
    reader's error (found by the property test below)."""
    kind, issues = assert_readers_agree(_HEADER + "\n  - \n  - &x \n  - &x ")
    assert kind == "errors"
    assert "duplicate anchor" in str(issues)


def test_a_quote_across_a_cut_falls_back_to_the_exact_reader(small_batches: None) -> None:
    text = 'chronology:\n  title: "T\nevents: x"\nevents:\n  - {id: a, date: 2001, text: t}\n'

    assert load_chronology_text(text).info.title == "T events: x"


def load_chronology_text(text: str):
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "events.yaml"
        path.write_text(text, encoding="utf-8")
        return load_chronology(path)


_TOKENS = st.sampled_from(
    [
        "chronology:", "events:", "people:", "title:", "id:", "date:", "text:", "people:",
        "aliases:", "name:", "cites:", "note:", "- ", "  ", "    ", "\n", "\n", "\n  - ",
        "\n  ", "\n    ", "[", "]", "{", "}", ",", ":", " ", "a", "ann", "2001", "2001-02-30",
        "~", "''", '"', "&x ", "*x", "#", "\r\n", "é",
    ]
)  # fmt: skip
_HEADER = "chronology:\n  title: T\npeople:\n  ann:\n    name: Ann Lee\nevents:\n"


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_TOKENS, max_size=60).map("".join))
def test_format_like_text_reads_the_same_either_way(text: str) -> None:
    yamlfast._BATCH_ENTRIES, saved = 2, yamlfast._BATCH_ENTRIES
    try:
        assert_readers_agree(_HEADER + text)
        assert_readers_agree(text)
    finally:
        yamlfast._BATCH_ENTRIES = saved


_PLAIN_EVENT = '  - id: a\n    date: "2001-02-03"\n    people: [ann]\n    text: "{text}"\n'


@pytest.mark.parametrize(
    "line",
    [
        '    note: "ok"',
        "    note: plain words, with commas [and brackets]",
        "    note: 'it''s quoted'",
        "    note: null",
        "    note: Null",
        "    note: ''",
        '    note: ""',
        "    note: 2001-02-03",
        "    note: yes",
        "    note: a # comment",
        '    note: "a" # comment',
        '    note: "a\\tb"',
        "    note: a:b",
        '    tags: ["a, b", c d , "e"]',
        "    tags: [a, null]",
        "    tags: [ ]",
        "    tags: [a,]",
        '    tags: ["a" "b"]',
        '    tags: ["a", ""]',
        "    tags: a",
        "    cites: [{a: b}]",
        "    people: [ann, ann]",
        "    people: [bob]",
        "    people: []",
        "    date: 2001-02-30",
        "    date: 2001-02-03 10:00:00",
        "    text: x",
        '    text: "  "',
        "    id: A",
        "    id: a",
        "    colour: red",
        "    note:  two spaces",
        "    note: \u00a0nbsp\u00a0",
        "    note: caf\u00e9 \u00ab\u00bb",
        "    note: \x85",
        "    note: a\tb",
        "      note: deeper",
        "",
        "    # a comment",
    ],
)
def test_plain_events_read_as_yaml_reads_them(small_batches: None, line: str) -> None:
    """Events of the common shape are read without YAML nodes (bot.yamlplain); a line of
    another shape, or a value YAML reads differently, must give what YAML gives."""
    fields = {"id": "    id: x", "date": "    date: 2001", "text": '    text: "t"'}
    key = line.strip().partition(":")[0]
    fields[key] = line
    odd_event = "  -" + "\n".join(fields.values())[3:] + "\n"
    events = "".join(_PLAIN_EVENT.format(text=n).replace("id: a", f"id: a{n}") for n in range(3))
    text = _HEADER + events + odd_event + _PLAIN_EVENT.format(text="last")

    assert_readers_agree(text)
