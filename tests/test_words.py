"""The interface language: which one a reader gets, Russian dates by Babel, the CLI's --lang,
and English staying free of catalogs and Babel."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.answer import Answer, Interpretation, Notice, PersonInfo, Source
from bot.dates import OPEN_END, OPEN_START, DateSpan, parse_date_value, year_span
from bot.render import render_json, render_text
from bot.render_reading import notice_sentence
from bot.word_forms import sound_key
from bot.words import ENGLISH, language_for, words_for

ROOT = Path(__file__).resolve().parent.parent
RU = words_for("ru")


def plain(text: str) -> str:
    """CLDR (and our catalog) keep "2013 г." together with no-break spaces."""
    return text.replace("\u202f", " ").replace("\xa0", " ")


@pytest.mark.parametrize(
    ("code", "language"),
    [("ru", "ru"), ("ru-RU", "ru"), ("RU", "ru"), ("en", "en"), ("de", "en"), ("", "en"),
     (None, "en"), ("uk", "en"), ("pt-br", "en")],
)  # fmt: skip
def test_russian_for_ru_and_english_for_everything_else(code, language):
    assert language_for(code) == language
    assert words_for(code).code == language


@pytest.mark.parametrize(
    ("value", "russian"),
    [
        ("2013-02-16", "16 февраля 2013 г."),
        ("2011-10", "октябрь 2011 г."),
        ("2009", "2009 г."),
        ("1999/2001", "1999–2001 гг."),
        ("1993-03/1993-05", "весна 1993 г."),
        ("1993-12/1994-02", "зима 1993–1994 гг."),
        ("1990/1999", "1990-е гг."),
        ("1993-03/1993-06", "март — июнь 1993 г."),
    ],
)
def test_russian_dates_are_written_the_russian_way(value, russian):
    assert plain(RU.period(parse_date_value(value))) == russian


def test_open_periods_and_periods_inside_a_sentence_in_russian():
    assert plain(RU.period(DateSpan(OPEN_START, dt.date(1999, 12, 31)))) == "до 2000 г."
    assert plain(RU.period(DateSpan(dt.date(2010, 3, 1), OPEN_END))) == "с 1 марта 2010 г."
    assert plain(RU.in_period(year_span(2012))) == "за 2012 г."
    assert plain(RU.in_period(parse_date_value("2013-02-16"))) == "за 16 февраля 2013 г."
    assert plain(RU.in_period(parse_date_value("1993-03/1993-05"))) == "весной 1993 г."
    assert plain(RU.in_period(year_span(1990, 1999))) == "в 1990-е гг."


def test_english_dates_stay_the_chronology_style():
    assert ENGLISH.period(parse_date_value("2013-02")) == "Feb. 2013"
    assert ENGLISH.entry_date("Feb. 16, 2013", parse_date_value("2013-02-16")) == "Feb. 16, 2013"
    russian = RU.entry_date("Feb. 16, 2013", parse_date_value("2013-02-16"))
    assert plain(russian) == "16 февраля 2013 г."


ROGOZIN = PersonInfo("rogozin", "Dmitri Rogozin")


def test_every_notice_kind_is_worded_in_russian():
    span = year_span(2012)
    notices = [
        Notice("whole_chronology"),
        Notice("unknown_person", words=("Merkel",), suggestions=(ROGOZIN,), shown=True),
        Notice("not_together", people=(ROGOZIN, ROGOZIN), span=span, together=True),
        Notice("nearest", people=(ROGOZIN,), span=span, dates=("Oct. 2011",)),
        Notice("no_entry", span=span),
        Notice("partial", words=("moon", "radar")),
        Notice("spelling", words=("asteroyd",), corrections=("asteroid",)),
        Notice("no_words", words=("zzz",)),
        Notice("no_match"),
        Notice("unknown_id"),
        Notice("date_reading", span=parse_date_value("2007-07-09"), words=("09.07.2007",)),
        Notice("untranslated", words=("астероид",)),
    ]
    for notice in notices:
        english, russian = notice_sentence(notice), notice_sentence(notice, RU)
        assert russian != english and not russian.endswith(".."), notice.kind
    assert plain(notice_sentence(notices[3], RU)) == (
        "Dmitri Rogozin: нет записей за 2012 г.; ближайшие: Oct. 2011."
    )
    assert "«Merkel»" in notice_sentence(notices[1], RU)


def test_json_names_its_language_and_keeps_every_other_key():
    answer = Answer("q", Interpretation(), (), 0, notices=(Notice("no_match"),), source=Source("S"))
    english, russian = render_json(answer), render_json(answer, RU)
    assert english["language"] == "en" and russian["language"] == "ru"
    assert english.keys() == russian.keys()
    assert russian["notice"] == "Подходящих записей нет."
    assert {k: v for k, v in russian.items() if k not in {"language", "notice"}} == {
        k: v for k, v in english.items() if k not in {"language", "notice"}
    }
    assert render_text(answer, RU).endswith("0 записей")


def _run(*args: str, tmp_path: Path, stdin: str | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "CHRONOBOT_INDEX": str(tmp_path / "index.sqlite"), "CHRONOBOT_DATA": ""}
    return subprocess.run(
        [sys.executable, *args], capture_output=True, text=True, env=env, cwd=ROOT,
        input=stdin, timeout=120,
    )  # fmt: skip


def test_cli_lang_ru_words_the_answer_in_russian(tmp_path):
    result = _run("-m", "bot", "ask", "--lang", "ru", "Rogozin", "2013", tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    shown = plain(result.stdout)
    assert "Dmitri Rogozin · 2013 г. · 2 записи" in shown
    assert "16 февраля 2013 г." in shown and "Люди: Dmitri Rogozin" in shown
    as_json = _run("-m", "bot", "ask", "--json", "--lang", "ru", "Merkel", tmp_path=tmp_path)
    answer = json.loads(as_json.stdout)
    assert answer["language"] == "ru" and "«Merkel»" in answer["notice"]
    chat = _run("-m", "bot", "chat", "--lang", "ru", tmp_path=tmp_path, stdin="Putin\nещё\nещё\n")
    assert chat.returncode == 0 and "Больше ничего нет: 7 записей, все показаны." in chat.stdout


def test_english_ask_loads_no_catalog_and_no_babel(tmp_path):
    code = (
        "import sys; from bot.cli import main; main(['ask', 'Rogozin', '2013']); "
        "print([m for m in sys.modules if m.startswith(('babel', 'bot.catalog_words'))])"
    )
    result = _run("-c", code, tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith("[]")


def test_common_russian_words_have_english_words_in_any_case() -> None:
    from bot.lang.ru_glossary import translations

    assert "disaster" in translations("катастрофы")
    assert "space" in translations("космосе")
    assert "woman" in translations("женщиной")
    assert translations("абракадабра") == ()


@pytest.mark.parametrize(
    ("english", "russian_in_latin"),
    [
        ("challenger", "chellendzher"),  # челленджер
        ("hubble", "khabbl"),  # хаббл
        ("gemini", "dzhemini"),  # джемини
        ("mercury", "merkuriy"),  # меркурий
        ("skylab", "skayleb"),  # скайлэб
        ("shuttle", "shattl"),  # шаттл
    ],
)
def test_a_name_and_its_russian_spelling_sound_alike(english: str, russian_in_latin: str) -> None:
    assert sound_key(english) == sound_key(russian_in_latin)


def test_different_words_sound_different() -> None:
    assert sound_key("challenger") != sound_key("chancellor")
    assert sound_key("hubble") != sound_key("apollo")
