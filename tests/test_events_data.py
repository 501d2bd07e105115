"""Pin data/events.yaml to the article it transcribes.

These tests read the YAML with PyYAML only (not the project's loader), so a bug in the loader
cannot hide a transcription error and the other way round. The article lives in the shared
folder beside the checkout (`../shared` from the repo root, also in CI); the tests that compare
against it are skipped when it is absent.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "data" / "events.yaml"
ARTICLE = (
    Path(__file__).resolve().parents[2]
    / "shared/seeds/putins-russia-offers-cooperation-in-space.txt"
)

# The article's dated paragraphs start with "Month[.] [D[-D], ]YYYY: ".
DATED_PREFIX = re.compile(r"^([A-Z][a-z]+\.? (?:\d{1,2}(?:-\d{1,2})?, )?\d{4}): (.*)$", re.S)
# A paragraph that ends like this is complete; one that does not is a heading or page-split.
TERMINAL = (".", "!", "?", "”", "]", ")")
# Headings and the title are short; page-split paragraph halves are long.
HEADING_MAX_CHARS = 60
RUSSIAN_PEOPLE = {
    "yeltsin",
    "putin",
    "lavrov",
    "sergei-ivanov",
    "perminov",
    "rogozin",
    "medvedev",
    "igor-ivanov",
    "davydov",
    "patrushev",
}
# Every person the article names, as it writes them (read by hand from the article).
NAMES_AS_WRITTEN = [
    "Boris Yeltsin",
    "Bill Clinton",
    "Lyndon LaRouche",
    "Al Gore",
    "Vladimir Putin",
    "George W. Bush",
    "Condoleezza Rice",
    "Dick Cheney",
    "Reagan",
    "Franklin Roosevelt",
    "FDR",
    "Kennedy",
    "Sergei Lavrov",
    "Hillary Clinton",
    "Obama",
    "Sergei Ivanov",
    "Anatoli Perminov",
    "Dmitri Rogozin",
    "Dmitri Medvedev",
    "Igor Ivanov",
    "Vitali Davydov",
    "Nikolai Patrushev",
]
MONTHS = {
    name: number
    for number, name in enumerate(
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1
    )
}
needs_article = pytest.mark.skipif(
    not ARTICLE.exists(), reason=f"the source article is not available at {ARTICLE}"
)


def normalize(text: str) -> str:
    """Collapse whitespace so line and page breaks do not matter."""
    return " ".join(text.split())


def load_data() -> dict:
    """The data file as plain YAML."""
    return yaml.safe_load(DATA.read_text(encoding="utf-8"))


def article_paragraphs() -> list[str]:
    """The article's paragraphs with page-break splits joined and italics markers dropped."""
    raw = ARTICLE.read_text(encoding="utf-8").replace("*", "")
    chunks = [normalize(chunk) for chunk in re.split(r"\n\s*\n", raw) if chunk.strip()]
    paragraphs: list[str] = []
    for chunk in chunks:
        previous = paragraphs[-1] if paragraphs else ""
        # A long chunk cut off mid-sentence continues in the next chunk (a page break).
        if len(previous) > HEADING_MAX_CHARS and not previous.endswith(TERMINAL):
            paragraphs[-1] = f"{previous} {chunk}"
        else:
            paragraphs.append(chunk)
    return paragraphs


def is_heading(paragraph: str) -> bool:
    """The title and section headings: short and without closing punctuation."""
    return len(paragraph) <= HEADING_MAX_CHARS and not paragraph.endswith(TERMINAL)


def dated_paragraphs() -> list[tuple[str, str]]:
    """(date as written, body) for every paragraph that starts with a date."""
    found = []
    for paragraph in article_paragraphs():
        match = DATED_PREFIX.match(paragraph)
        if match:
            found.append((match[1], match[2]))
    return found


def date_value_from_text(date_text: str) -> str:
    """The normalized data value for an article date prefix ("Feb. 16, 2013" -> 2013-02-16)."""
    match = re.fullmatch(r"([A-Z][a-z]+)\.? (?:(\d{1,2})(?:-(\d{1,2}))?, )?(\d{4})", date_text)
    assert match, f"unexpected date prefix {date_text!r}"
    month, first_day, last_day, year = match.groups()
    month_part = f"{year}-{MONTHS[month[:3].lower()]:02d}"
    if first_day is None:
        return month_part
    start = f"{month_part}-{int(first_day):02d}"
    return start if last_day is None else f"{start}/{month_part}-{int(last_day):02d}"


def date_bounds(value: str) -> tuple[dt.date, dt.date]:
    """First and last day of a data date value (YYYY | YYYY-MM | YYYY-MM-DD | START/END)."""

    def part(text: str, last: bool) -> dt.date:
        pieces = [int(piece) for piece in text.split("-")]
        year = pieces[0]
        month = pieces[1] if len(pieces) > 1 else (12 if last else 1)
        if len(pieces) > 2:
            return dt.date(year, month, pieces[2])
        if not last:
            return dt.date(year, month, 1)
        following = dt.date(year + month // 12, month % 12 + 1, 1)
        return following - dt.timedelta(days=1)

    first, _, second = value.partition("/")
    return part(first, last=False), part(second or first, last=True)


def name_forms(person: dict) -> list[str]:
    """Ways the article may write a person: full name, aliases, and the surname."""
    return [person["name"], *person.get("aliases", []), person["name"].split()[-1]]


def mentions(text: str, form: str) -> bool:
    """True when `form` occurs in `text` as whole words."""
    return re.search(rf"(?<!\w){re.escape(form)}(?!\w)", text) is not None


# --- the data on its own ---------------------------------------------------------------


def test_event_ids_are_unique_slugs() -> None:
    ids = [event["id"] for event in load_data()["events"]]
    assert len(ids) == len(set(ids))
    for event_id in ids:
        assert re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", event_id), event_id


def test_person_ids_are_slugs() -> None:
    for person_id in load_data()["people"]:
        assert re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", person_id), person_id


def test_dates_are_valid_and_in_chronological_order() -> None:
    starts = []
    for event in load_data()["events"]:
        assert isinstance(event["date"], str), f"{event['id']}: quote the date"
        start, end = date_bounds(event["date"])
        assert start <= end, event["id"]
        starts.append(start)
    assert starts == sorted(starts)


def test_event_people_exist_in_the_registry() -> None:
    data = load_data()
    for event in data["events"]:
        for person_id in event.get("people", []):
            assert person_id in data["people"], f"{event['id']}: unknown person {person_id}"


def test_every_registered_person_is_in_some_entry() -> None:
    data = load_data()
    used = {person_id for event in data["events"] for person_id in event.get("people", [])}
    assert set(data["people"]) == used


def test_people_listed_on_an_entry_are_named_by_it() -> None:
    data = load_data()
    for event in data["events"]:
        words = f"{event['text']} {event.get('note', '')}"
        for person_id in event.get("people", []):
            forms = name_forms(data["people"][person_id])
            assert any(mentions(words, form) for form in forms), f"{event['id']}: {person_id}"


def test_people_an_entry_names_are_listed_on_it() -> None:
    data = load_data()
    surnames = [person["name"].split()[-1] for person in data["people"].values()]
    for event in data["events"]:
        words = f"{event['text']} {event.get('note', '')}"
        for person_id, person in data["people"].items():
            surname = person["name"].split()[-1]
            # A surname two people share ("Ivanov") names someone only with the first name.
            forms = [person["name"], *person.get("aliases", [])]
            if surnames.count(surname) == 1:
                forms.append(surname)
            if any(mentions(words, form) for form in forms):
                assert person_id in event.get("people", []), f"{event['id']}: {person_id}"


def test_aliases_are_not_bare_surnames_or_duplicates() -> None:
    for person_id, person in load_data()["people"].items():
        aliases = person.get("aliases", [])
        assert person["name"].split()[-1] not in aliases, person_id
        assert person["name"] not in aliases, person_id
        assert len(aliases) == len(set(aliases)), person_id


def test_russian_people_have_a_cyrillic_alias() -> None:
    people = load_data()["people"]
    for person_id in RUSSIAN_PEOPLE:
        aliases = people[person_id].get("aliases", [])
        assert any(re.search("[А-Яа-яЁё]", alias) for alias in aliases), person_id


def test_texts_keep_no_markup_or_stray_whitespace() -> None:
    for event in load_data()["events"]:
        for field in ("text", "note"):
            value = event.get(field)
            if value is not None:
                assert "*" not in value, event["id"]
                assert value == normalize(value), f"{event['id']}.{field}"
                assert not value.startswith("["), f"{event['id']}.{field}"


# --- the data against the article -------------------------------------------------------


@needs_article
def test_article_paragraphs_are_joined_across_page_breaks() -> None:
    paragraphs = article_paragraphs()
    assert any("stressed the need for economic development" in p for p in paragraphs)
    assert any("Strategic Defense of Earth, “an integration" in p for p in paragraphs)
    assert any("Russia’s security from the planned" in p for p in paragraphs)


@needs_article
def test_title_is_the_articles() -> None:
    assert load_data()["chronology"]["title"] == article_paragraphs()[0]


@needs_article
def test_every_text_and_note_occurs_verbatim_in_the_article() -> None:
    article = normalize(" ".join(article_paragraphs()))
    for event in load_data()["events"]:
        assert normalize(event["text"]) in article, event["id"]
        if event.get("note"):
            assert normalize(event["note"]) in article, f"{event['id']}.note"


@needs_article
def test_every_dated_paragraph_is_exactly_one_entry() -> None:
    events = load_data()["events"]
    dated = dated_paragraphs()
    assert len(dated) == 20
    for date_text, body in dated:
        matching = [e for e in events if e.get("date_text") == date_text and e["text"] == body]
        assert len(matching) == 1, date_text
        assert matching[0]["date"] == date_value_from_text(date_text), matching[0]["id"]


@needs_article
def test_every_paragraph_is_an_entry_a_note_or_a_heading() -> None:
    events = load_data()["events"]
    unmatched = {event["id"] for event in events}
    for paragraph in article_paragraphs():
        if is_heading(paragraph):
            continue
        if paragraph.startswith("["):
            inner = paragraph.removeprefix("[").removesuffix("]")
            assert any(event.get("note") == inner for event in events), paragraph
            continue
        match = DATED_PREFIX.match(paragraph)
        body = match[2] if match else paragraph
        ids = [event["id"] for event in events if event["text"] == body]
        assert len(ids) == 1, paragraph
        unmatched.discard(ids[0])
    assert unmatched == set()


@needs_article
def test_each_note_belongs_to_the_entry_it_follows() -> None:
    events = load_data()["events"]
    paragraphs = article_paragraphs()
    for index, paragraph in enumerate(paragraphs):
        if paragraph.startswith("["):
            match = DATED_PREFIX.match(paragraphs[index - 1])
            assert match, "a note follows a dated paragraph"
            owner = next(event for event in events if event["text"] == match[2])
            assert owner.get("note") == paragraph.removeprefix("[").removesuffix("]")


@needs_article
def test_undated_entries_quote_their_date_in_the_text() -> None:
    dated_bodies = {body for _, body in dated_paragraphs()}
    for event in load_data()["events"]:
        if event["text"] not in dated_bodies and event.get("date_text"):
            assert event["date_text"] in event["text"], event["id"]


@needs_article
def test_every_person_the_article_names_is_registered_once() -> None:
    people = load_data()["people"]
    article = " ".join(article_paragraphs())
    covered = set()
    for written in NAMES_AS_WRITTEN:
        assert mentions(article, written), written
        owners = [pid for pid, person in people.items() if written in name_forms(person)]
        assert len(owners) == 1, written
        covered.add(owners[0])
    assert covered == set(people)


# --- the question set refers to this data ------------------------------------------------

QUESTIONS = REPO / "tests" / "questions.yaml"
QUESTION_KEYS = {"q", "expect", "includes", "top", "excludes", "people", "relaxed", "unknown"}


def test_question_set_is_well_formed_and_refers_to_real_ids() -> None:
    data = load_data()
    event_ids = {event["id"] for event in data["events"]}
    questions = yaml.safe_load(QUESTIONS.read_text(encoding="utf-8"))
    assert len(questions) >= 70
    assert len({item["q"] for item in questions}) == len(questions), "duplicate question"
    for item in questions:
        assert set(item) <= QUESTION_KEYS, item["q"]
        assert isinstance(item["q"], str) and item["q"].strip()
        for key in ("expect", "includes", "top", "excludes"):
            assert set(item.get(key, [])) <= event_ids, f"{item['q']}: {key}"
        assert set(item.get("people", [])) <= set(data["people"]), item["q"]
        # `top` places must be results, and a result cannot also be excluded.
        found = set(item.get("expect", [])) | set(item.get("includes", []))
        if "top" in item:
            assert set(item["top"]) <= found, item["q"]
        assert not found & set(item.get("excludes", [])), item["q"]
        if item.get("relaxed"):
            assert "expect" not in item, f"{item['q']}: relaxed answers are not exact sets"
