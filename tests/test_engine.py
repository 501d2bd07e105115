"""The engine and the index: behaviour beyond the question suite."""

from __future__ import annotations

import os
import re
import sqlite3
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot import indexbuild
from bot.context import context_of
from bot.data import DataError
from bot.engine import Engine
from bot.index import build_index, ensure_index, read_meta
from bot.render_reading import notice_text
from bot.search import fts_query
from bot.word_pages import WordPages

ROOT = Path(__file__).resolve().parent.parent
OTHER = Path(__file__).parent / "fixtures" / "other_chronology.yaml"


def test_person_only_question_lists_all_their_entries_in_date_order(real_engine: Engine) -> None:
    answer = real_engine.ask("Lavrov", limit=100)
    days = [entry.span.start for entry in answer.results]
    assert days == sorted(days)
    assert answer.total == len(answer.results) > 1
    assert all("lavrov" in [p.id for p in e.people] for e in answer.results)


def test_words_rank_but_never_exclude_under_a_constraint(real_engine: Engine) -> None:
    plain = real_engine.ask("Patrushev", limit=100)
    ranked = real_engine.ask("Patrushev drugs", limit=100)
    assert {e.id for e in plain.results} == {e.id for e in ranked.results}
    assert "drugs" in ranked.results[0].text.lower()


def test_paging_returns_disjoint_pages_with_the_same_total(real_engine: Engine) -> None:
    first = real_engine.ask("Putin", limit=2)
    second = real_engine.ask("Putin", limit=2, offset=2)
    assert first.total == second.total > 4
    assert not {e.id for e in first.results} & {e.id for e in second.results}
    assert second.offset == 2


def test_unknown_name_attributes_nothing_and_suggests_close_names(real_engine: Engine) -> None:
    answer = real_engine.ask("What did Rogozkinov say?")
    assert answer.results == ()
    assert answer.interpretation.unknown_names == ("Rogozkinov",)
    assert [n.kind for n in answer.notices] == ["unknown_person"]
    assert "Rogozkinov" in (notice_text(answer) or "")


def test_results_carry_their_citation(real_engine: Engine) -> None:
    answer = real_engine.ask("Izvestia")
    entry = answer.results[0]
    assert answer.source.title and answer.source.publisher
    assert entry.date_text and entry.id
    assert any("Izvestia" in cite for cite in entry.cites)


def test_structured_search_is_what_buttons_use(real_engine: Engine) -> None:
    by_person = real_engine.search(people=("rogozin",))
    assert by_person.total == real_engine.ask("Rogozin").total
    assert real_engine.search(people=("nobody-such",)).results == ()


def test_entry_people_latest_and_about(real_engine: Engine) -> None:
    latest = real_engine.latest(3)
    assert [e.span.end for e in latest] == sorted((e.span.end for e in latest), reverse=True)
    assert real_engine.entry(latest[0].id) == latest[0]
    assert real_engine.entry("no-such-entry") is None
    people = real_engine.people()
    assert sum(p.entry_count for p in people) >= len(people)
    about = real_engine.about()
    assert about.entry_count >= 20 and about.first.start < about.last.start


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.text(max_size=300))
def test_any_text_gets_an_answer_without_error(real_engine: Engine, text: str) -> None:
    answer = real_engine.ask(text)
    assert answer.total >= len(answer.results)


@given(st.lists(st.text(min_size=1, max_size=20), min_size=1, max_size=5))
def test_fts_query_is_never_a_syntax_error(terms: list[str]) -> None:
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE VIRTUAL TABLE t USING fts5(x)")
    conn.execute("INSERT INTO t VALUES ('some text')")
    conn.execute("SELECT * FROM t WHERE t MATCH ?", (fts_query(tuple(terms)),)).fetchall()


@pytest.mark.parametrize(
    "hostile",
    ['" OR 1=1 --', "NEAR(a b)", "a AND NOT b", "col:text*", "'; DROP TABLE events; --", "^x"],
)
def test_fts_and_sql_syntax_in_questions_is_just_text(real_engine: Engine, hostile: str) -> None:
    real_engine.ask(hostile)
    assert real_engine.about().entry_count > 0


def test_another_chronology_works_with_no_code_change(tmp_path: Path) -> None:
    engine = Engine.open(ensure_index(OTHER, tmp_path / "other.sqlite"))
    assert [e.id for e in engine.ask("Turing 1950").results] == ["turing-1950"]
    assert [e.id for e in engine.ask("Тьюринг").results] == ["turing-1936", "turing-1950"]
    assert [e.id for e in engine.ask("Lovelaces notes").results] == ["lovelace-1843"]
    assert [e.id for e in engine.ask("compiler in 1952").results] == ["hopper-1952"]
    assert engine.ask("Hopper 1960").relaxed


def test_unchanged_data_reuses_the_index(tmp_path: Path) -> None:
    db = ensure_index(OTHER, tmp_path / "i.sqlite")
    stamp = db.stat().st_mtime_ns
    assert ensure_index(OTHER, db) == db
    assert db.stat().st_mtime_ns == stamp


def test_changed_data_rebuilds_the_index(tmp_path: Path) -> None:
    data = tmp_path / "c.yaml"
    data.write_text(OTHER.read_text())
    db = ensure_index(data, tmp_path / "i.sqlite")
    data.write_text(OTHER.read_text().replace("first compiler", "first working compiler"))
    ensure_index(data, db)
    assert "working" in Engine.open(db).entry("hopper-1952").text


def test_invalid_data_leaves_the_old_index_in_place(tmp_path: Path) -> None:
    data = tmp_path / "c.yaml"
    data.write_text(OTHER.read_text())
    db = ensure_index(data, tmp_path / "i.sqlite")
    before = db.read_bytes()
    data.write_text(OTHER.read_text().replace("date: 1822", "date: 1822-02-30"))
    with pytest.raises(DataError) as error:
        ensure_index(data, db)
    assert "events[0].date" in str(error.value)
    assert db.read_bytes() == before
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_a_failed_build_leaves_no_partial_file(tmp_path: Path, monkeypatch) -> None:
    from bot.data import load_chronology

    db = tmp_path / "i.sqlite"
    build_index(load_chronology(OTHER), db, content_hash="old")

    def explode(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(indexbuild, "_write_index", explode)
    with pytest.raises(RuntimeError):
        build_index(load_chronology(OTHER), db, content_hash="new")
    assert read_meta(db)["content_hash"] == "old"
    assert sorted(os.listdir(tmp_path)) == ["i.sqlite", "i.sqlite.lock"]


def test_corrupt_index_is_rebuilt(tmp_path: Path) -> None:
    db = tmp_path / "i.sqlite"
    db.write_bytes(b"this is not a database" * 100)
    ensure_index(OTHER, db)
    assert Engine.open(db).about().entry_count == 5


def test_missing_index_directory_is_created(tmp_path: Path) -> None:
    db = ensure_index(OTHER, tmp_path / "a" / "b" / "i.sqlite")
    assert db.exists()


def test_engine_code_names_nothing_from_the_chronology() -> None:
    """The engine must work for any chronology: no names or places of ours in bot/."""
    data = yaml.safe_load((ROOT / "data" / "events.yaml").read_text(encoding="utf-8"))
    words = set()
    for person in data["people"].values():
        # Surnames and whole names: a common given name alone ("John") is not the article's.
        words.update({person["name"], person["name"].split()[-1]})
    for event in data["events"]:
        words.update(
            w for place in event.get("places", []) for w in re.findall(r"[^\W\d_]{5,}", place)
        )
    source = "\n".join(p.read_text() for p in (ROOT / "bot").rglob("*.py"))
    found = sorted(w for w in words if re.search(rf"\b{re.escape(w)}\b", source))
    assert found == []


def test_a_touched_but_unchanged_file_reuses_the_index(tmp_path: Path) -> None:
    data = tmp_path / "c.yaml"
    data.write_text(OTHER.read_text())
    db = ensure_index(data, tmp_path / "i.sqlite")
    stamp = db.stat().st_mtime_ns
    os.utime(data, ns=(1, 1))  # a new stamp, the same bytes: the hash decides
    assert ensure_index(data, db) == db
    assert db.stat().st_mtime_ns == stamp


@given(
    st.lists(st.tuples(st.integers(1, 400), st.integers(0, 60)), max_size=60),
    st.integers(1, 500),
    st.integers(0, 100),
)
def test_period_counts_by_bisection_match_a_plain_scan(events, first, length) -> None:
    import datetime as dt

    from bot.dates import DateSpan
    from bot.day_bounds import DayBounds

    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE events (start_day INTEGER, end_day INTEGER)")
    conn.executemany("INSERT INTO events VALUES (?, ?)", [(s, s + d) for s, d in events])
    span = DateSpan(dt.date.fromordinal(first), dt.date.fromordinal(first + length))
    expected = sum(1 for s, d in events if s <= first + length and s + d >= first)
    assert DayBounds(conn).count_overlapping(span) == expected
    assert DayBounds(conn).count_overlapping(None) == len(events)


def test_asked_phrases_are_kept_whole_without_crossing_names_or_dates(real_engine: Engine) -> None:
    meaning = real_engine.ask("Strategic Defense of Earth").interpretation
    assert meaning.phrases == ("strategic defense of earth",)
    assert real_engine.ask("asteroid Rogozin threat").interpretation.phrases == ()
    assert real_engine.ask("missile 2009 defense").interpretation.phrases == ()
    assert real_engine.ask("missile defense in 2009").interpretation.phrases == ("missile defense",)


def test_a_whole_phrase_ranks_first_but_adds_no_entries(real_engine: Engine) -> None:
    phrase = real_engine.ask("strategic defense of earth", limit=100)
    words = real_engine.ask("earth of defense strategic", limit=100)
    assert {e.id for e in phrase.results} == {e.id for e in words.results}
    assert all("Strategic Defense of Earth" in e.text for e in phrase.results[:2])


def _all_pages(engine: Engine, question: str, size: int = 3) -> list[str]:
    ids: list[str] = []
    while len(page := engine.ask(question, limit=size, offset=len(ids)).results):
        ids += [entry.id for entry in page]
    return ids


def _dates_of(engine: Engine, ids: list[str]) -> list[int]:
    days = dict(engine.connection.execute("SELECT id, rowid FROM events"))
    return [days[entry_id] for entry_id in ids]


def test_words_past_the_rank_limit_page_newest_first_and_say_so(real_engine, monkeypatch) -> None:
    ranked = real_engine.ask("missile", limit=100)
    monkeypatch.setattr(WordPages, "RANK_LIMIT", 3)
    answer = real_engine.ask("missile", limit=100)
    assert answer.total == ranked.total == len(answer.results) > 3
    assert {e.id for e in answer.results} == {e.id for e in ranked.results}
    rowids = _dates_of(real_engine, [e.id for e in answer.results])
    assert rowids == sorted(rowids, reverse=True)
    assert [n.kind for n in answer.notices] == ["unranked"]
    assert "newest first" in (notice_text(answer) or "")
    assert _all_pages(real_engine, "missile") == [e.id for e in answer.results]
    (name, *_), *_ = real_engine.chronologies()
    scoped = real_engine.ask("missile", limit=100, chronology=name)
    assert [e.id for e in scoped.results] == [e.id for e in answer.results]


def test_past_the_rank_limit_entries_with_every_word_come_first(real_engine, monkeypatch) -> None:
    question = "Russia NATO"
    ranked = real_engine.ask(question, limit=100)
    both = {
        rowid
        for (rowid,) in real_engine.connection.execute(
            "SELECT rowid FROM events_fts WHERE events_fts MATCH 'russia AND nato'"
        )
    }
    assert 0 < len(both) < ranked.total
    monkeypatch.setattr(WordPages, "RANK_LIMIT", 3)
    answer = real_engine.ask(question, limit=100)
    assert answer.total == ranked.total == len(answer.results)
    rowids = _dates_of(real_engine, [e.id for e in answer.results])
    assert rowids[: len(both)] == sorted(both, reverse=True)
    rest = rowids[len(both) :]
    assert rest == sorted(rest, reverse=True)
    assert answer.notices[-1].kind == "unranked" and answer.notices[-1].together
    assert "all of them before the others" in (notice_text(answer) or "")
    for size in (1, 2, 3, len(both), len(both) + 1):  # pages across the two groups
        assert _all_pages(real_engine, question, size) == [e.id for e in answer.results]


@pytest.mark.parametrize("question", ["Putin missile", "Putin radar", "newest Putin missile"])
def test_constrained_pages_run_from_the_entries_with_the_words_to_the_rest(
    real_engine: Engine, question: str
) -> None:
    whole = real_engine.ask(question, limit=1000)
    assert 3 < whole.total == len(whole.results)
    assert _all_pages(real_engine, question) == [e.id for e in whole.results]


def test_a_word_is_corrected_only_to_a_close_spelling(real_engine: Engine) -> None:
    # "missle" is one letter from "missile"; "shield" shares four letters with "held" and is
    # a different word: it stays unused rather than read as something the user never meant.
    assert "spelling" in [n.kind for n in real_engine.ask("missle defense").notices]
    shield = real_engine.ask("nato missile shield")
    assert "spelling" not in [n.kind for n in shield.notices]
    assert not shield.interpretation.corrections


def test_the_listed_latin_terms_are_the_index_words_with_name_words_marked(
    real_engine: Engine,
) -> None:
    """Spelling suggestions read `latin_terms`, written at build time: it must list exactly
    the full-text index's words in Latin letters, each marked by whether it names someone."""
    conn = real_engine.connection
    vocabulary = {t for (t,) in conn.execute("SELECT term FROM events_vocab")}
    name_words = {w for (w,) in conn.execute("SELECT word FROM name_words")}
    listed = dict(conn.execute("SELECT term, name_word FROM latin_terms"))
    assert set(listed) == {t for t in vocabulary if re.match("[a-z]", t)}
    assert {t for t, is_name in listed.items() if is_name} == set(listed) & name_words
    assert 0 < sum(listed.values()) < len(listed)  # this chronology has both kinds


def test_a_warmed_engine_answers_as_a_cold_one(tmp_path: Path) -> None:
    """`warm` (run by the bot before it serves) only loads ahead: every answer is the same."""
    db = ensure_index(ROOT / "data" / "events.yaml", tmp_path / "index.sqlite")
    cold, warm = Engine.open(db), Engine.open(db)
    assert warm.warm() is warm
    for question in ("missle defense", "Рогозин 2011", "between March 2003 and 2005", "Lavrv"):
        assert warm.ask(question) == cold.ask(question)


def test_a_warmed_engine_reads_no_word_list_while_answering(tmp_path: Path) -> None:
    """What `warm` loads is not read again by the first questions that need it: the spelling
    lists (66 ms at a million entries) and the years covered."""
    db = ensure_index(ROOT / "data" / "events.yaml", tmp_path / "index.sqlite")
    engine = Engine.open(db).warm()
    statements: list[str] = []
    engine.connection.set_trace_callback(statements.append)
    for question in ("defnse", "missle defense", "Lavrov in May", "qwxzt 2009"):
        engine.ask(question)
    loads = [s for s in statements if "latin_terms" in s or "min(start_day)" in s]
    assert statements and not loads


def test_a_used_engine_is_freed_without_the_cycle_collector(tmp_path: Path) -> None:
    """The bot freezes its start-up heap out of the garbage collector's sight (app.settle_heap):
    an engine replaced by a reload is then freed only if no reference cycle holds it."""
    import gc
    import weakref

    db = ensure_index(ROOT / "data" / "events.yaml", tmp_path / "index.sqlite")
    engine = Engine.open(db).warm()
    after = context_of(engine.ask("Lavrov"))
    for question in ("missle defense", "Рогозин 2011", "and in 2005?", "Lavrv", "more"):
        engine.ask(question, limit=5)
        engine.ask(question, limit=20, after=after)
    gone = weakref.ref(engine)
    gc.disable()
    try:
        engine.close()
        del engine
        assert gone() is None
    finally:
        gc.enable()


def test_a_long_mistyped_word_is_corrected_by_the_stem_it_begins_with(real_engine: Engine) -> None:
    """'cooperaton' is not close enough to the index's stem 'cooper' for similarity, but it
    begins with it: read as 'cooperation', and the answer says so."""
    answer = real_engine.ask("lavrov cooperaton")
    assert ("cooperaton", "cooperation") in answer.interpretation.corrections
    assert "spelling" in [n.kind for n in answer.notices]
    # The stem must be at least half the word: "cooperstownians" is no typo of it.
    assert real_engine.ask("cooperstownians").interpretation.corrections == ()


@pytest.mark.parametrize(
    "question",
    [
        "missile defense",  # words alone: bm25
        "Putin",  # one person: by role and fit
        "Putin missile",  # a person and words: ranked within
        "2001",  # a period
        "latest",  # an order
        "Lavrov Rogozin",  # several people
        "asteroid 2012",  # relaxed to the nearest
    ],
)
def test_pages_sliced_from_the_remembered_ranking_are_the_ranking(
    real_engine: Engine, question: str
) -> None:
    """Pages within the remembered window (the first 50 ranked entries of a reading) are
    slices of it; they must be exactly the pages a full ranking gives, at every page size."""
    whole = [e.id for e in real_engine.ask(question, limit=1000).results]  # past the window
    for size in (3, 5, 20):
        paged = []
        for offset in range(0, 50, size):
            page = real_engine.ask(question, limit=size, offset=offset)
            assert page.total == len(whole)
            paged += [e.id for e in page.results][: max(0, 50 - offset)]
        assert paged == whole[:50]
