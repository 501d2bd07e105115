"""The benchmark corpus generator: deterministic from a seed, valid data, the promised mix."""

from __future__ import annotations

import collections
import re

import yaml

from bench.generate import (
    QUESTION_MIX,
    chronology_yaml,
    ensure_corpus,
    floor_words,
    generate_chronology,
    generate_questions,
    other_romanization,
    to_cyrillic,
)
from bot.data import load_chronology

SIZE = 200


def test_same_seed_gives_the_same_bytes_and_questions():
    first, second = generate_chronology(SIZE, seed=7), generate_chronology(SIZE, seed=7)
    assert chronology_yaml(first) == chronology_yaml(second)
    assert generate_questions(first, seed=7) == generate_questions(second, seed=7)


def test_another_seed_gives_another_chronology():
    assert chronology_yaml(generate_chronology(SIZE, seed=7)) != chronology_yaml(
        generate_chronology(SIZE, seed=8)
    )


def test_generated_file_passes_the_project_validator(tmp_path):
    corpus = ensure_corpus(SIZE, seed=7, out_dir=tmp_path)
    chronology = load_chronology(corpus.yaml_path)
    assert len(chronology.events) == SIZE
    assert len(chronology.people) == SIZE // 10
    starts = [event.span.start for event in chronology.events]
    assert starts == sorted(starts)


def test_emitted_yaml_round_trips_through_a_yaml_parser():
    chronology = generate_chronology(SIZE, seed=3)
    data = yaml.safe_load(chronology_yaml(chronology))
    assert [event["text"] for event in data["events"]] == [e.text for e in chronology.events]
    assert [event["date"] for event in data["events"]] == [e.date for e in chronology.events]
    by_id = data["people"]
    for person in chronology.people:
        assert by_id[person.id]["name"] == person.name
        assert tuple(by_id[person.id].get("aliases", ())) == person.aliases


def test_corpus_has_the_promised_shape():
    chronology = generate_chronology(2000, seed=11)
    dates = [event.date for event in chronology.events]
    assert any(re.fullmatch(r"\d{4}", d) for d in dates)
    assert any(re.fullmatch(r"\d{4}-\d{2}", d) for d in dates)
    assert any(re.fullmatch(r"\d{4}-\d{2}-\d{2}", d) for d in dates)
    intervals = [event for event in chronology.events if "/" in event.date]
    assert 0.02 < len(intervals) / len(dates) < 0.08
    assert any((event.date_text or "").startswith(("Spring", "Summer")) for event in intervals)
    lengths = [len(event.text.split()) for event in chronology.events]
    assert min(lengths) >= 20 and max(lengths) <= 84  # 20-80 words plus up to two names
    surnames = collections.Counter(person.surname for person in chronology.people)
    shared = sum(1 for person in chronology.people if surnames[person.surname] > 1)
    assert 0.1 < shared / len(chronology.people) < 0.3
    assert any(re.search("[а-я]", alias) for p in chronology.people for alias in p.aliases)


def test_question_mix_has_every_kind_in_its_share():
    questions = generate_questions(generate_chronology(SIZE, seed=7), seed=7)
    assert len(questions) == 500
    counts = collections.Counter(question.kind for question in questions)
    assert counts == {kind: round(share * 500) for kind, share in QUESTION_MIX.items()}
    assert all(re.search("[А-Я]", q.text) for q in questions if q.kind == "cyrillic")


def test_floor_words_drop_question_words_and_keep_names_and_years():
    assert floor_words("What did Rogozin propose in 2013?") == ("rogozin", "2013")


def test_first_names_have_another_romanization_and_a_cyrillic_form():
    assert other_romanization("Dmitri") == "Dmitry"
    assert other_romanization("Sergei") == "Sergey"
    assert to_cyrillic("Sergei Zhukovsky") == "Сергей Жуковский"
