"""Rendering answers: escaping, highlighting, citations and Telegram's length limit."""

from __future__ import annotations

import datetime as dt
import html
from html.parser import HTMLParser

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.answer import Answer, Entry, Interpretation, Notice, PersonInfo, Source
from bot.dates import DateSpan
from bot.render import (
    TELEGRAM_LIMIT,
    html_to_text,
    inline_description,
    inline_title,
    render_html,
    render_json,
    render_text,
    shorten,
    visible_length,
)

SOURCE = Source(
    title="A <Chronology> & Co", publisher="Press & Sons", url="https://example.org/a?b=1&c=2"
)
ADA = PersonInfo("ada", "Ada <Lovelace>", entry_count=2)
DAY = DateSpan(dt.date(1843, 9, 1), dt.date(1843, 9, 30))


def entry(text: str = "Notes on the analytical engine & <its> algorithms.", **extra) -> Entry:
    values = {
        "id": "ada-1843",
        "date": "1843-09",
        "date_text": "September 1843",
        "span": DAY,
        "text": text,
        "people": (ADA,),
        "cites": ("Scientific <Memoirs>",),
        "note": "A [note] with <b>markup</b>",
    }
    return Entry(**{**values, **extra})


def answer(*entries: Entry, terms: tuple[str, ...] = (), notice: Notice | None = None, total=None):
    meaning = Interpretation(people=(ADA,), span=DAY, terms=terms)
    count = len(entries) if total is None else total
    notices = (notice,) if notice else ()
    return Answer("q <script>", meaning, entries, count, 0, bool(notice), notices, SOURCE)


class StrictTags(HTMLParser):
    """Collects tags and fails on any that Telegram does not know."""

    ALLOWED = frozenset({"b", "i", "u", "s", "a", "code", "pre", "blockquote"})

    def __init__(self) -> None:
        super().__init__()
        self.open: list[str] = []

    def handle_starttag(self, tag, attrs) -> None:
        assert tag in self.ALLOWED, tag
        self.open.append(tag)

    def handle_endtag(self, tag) -> None:
        assert self.open and self.open.pop() == tag


def assert_valid_telegram_html(markup: str) -> None:
    parser = StrictTags()
    parser.feed(markup)
    parser.close()
    assert parser.open == []
    assert "<script" not in markup


def test_every_piece_of_data_is_escaped_in_html() -> None:
    markup = render_html(answer(entry(), notice=Notice("no_words", words=("<entry> & so on",))))
    assert_valid_telegram_html(markup)
    visible = html_to_text(markup)
    for raw in ("Ada <Lovelace>", "& <its>", "Scientific <Memoirs>", "“<entry> & so on”"):
        assert raw in visible
    assert 'href="https://example.org/a?b=1&amp;c=2"' in markup


def test_asked_words_are_highlighted_in_any_form() -> None:
    markup = render_html(
        answer(entry("An algorithm; two Algorithms; no algebra."), terms=("algorithm",))
    )
    assert "<u>algorithm</u>" in markup and "<u>Algorithms</u>" in markup
    assert "<u>algebra</u>" not in markup


def test_lead_says_who_when_and_how_many() -> None:
    text = render_text(answer(entry(), entry(id="ada-2"), total=7))
    lead = text.splitlines()[0]
    assert "Ada <Lovelace>" in lead and "Sept. 1843" in lead and "7 entries" in lead
    assert "showing 1–2" in lead


@pytest.mark.parametrize(
    ("order", "language", "said"),
    [("newest", "en", "newest first"), ("oldest", "en", "oldest first"),
     ("newest", "ru", "сначала новые"), (None, "en", None)],
)  # fmt: skip
def test_lead_says_the_asked_order(order: str | None, language: str, said: str | None) -> None:
    """'latest' shows one entry of many: the lead says which end it is from."""
    from bot.words import words_for

    base = answer(entry(), entry(id="ada-2"), total=7)
    asked = base._replace(interpretation=base.interpretation._replace(order=order))
    lead = render_text(asked, words_for(language)).splitlines()[0]
    if said is None:
        assert "first" not in lead
    else:
        assert said in lead


def test_every_entry_carries_its_citation() -> None:
    text = render_text(answer(entry()))
    assert "A <Chronology> & Co, Press & Sons" in text and "entry ada-1843" in text
    assert "Sources: Scientific <Memoirs>" in text
    result = render_json(answer(entry()))["results"][0]
    assert result["citation"].startswith("A <Chronology> & Co, Press & Sons")


@pytest.mark.parametrize("count", [1, 5, 20])
def test_long_entries_are_cut_to_fit_one_message_and_none_is_dropped(count: int) -> None:
    long_text = "word " * 3000 + "<&>"
    entries = [entry(long_text, id=f"e{i}") for i in range(count)]
    markup = render_html(answer(*entries))
    assert visible_length(html_to_text(markup)) <= TELEGRAM_LIMIT
    assert all(f"entry e{i}" in markup for i in range(count))
    assert_valid_telegram_html(markup)


@given(st.text(max_size=5000), st.lists(st.text(min_size=1, max_size=10), max_size=3))
def test_any_text_renders_as_valid_html_within_the_limit(text: str, terms: list[str]) -> None:
    markup = render_html(answer(entry(text or "x"), terms=tuple(terms)))
    assert_valid_telegram_html(markup)
    assert visible_length(html_to_text(markup)) <= TELEGRAM_LIMIT
    assert html.unescape(html_to_text(markup))


def test_inline_title_and_description_are_plain_and_short() -> None:
    item = entry("x " * 500)
    assert inline_title(item) == "September 1843 — Ada <Lovelace>"
    assert len(inline_description(item)) <= 120
    assert inline_title(entry(people=(), places=("London",))) == "September 1843 — London"


@given(st.text(alphabet=st.sampled_from("ab c😀é —"), max_size=60), st.integers(4, 40))
def test_shorten_fits_the_limit_and_keeps_a_prefix(text: str, limit: int) -> None:
    short = shorten(text, limit)
    assert visible_length(short) <= limit
    if short == text:
        assert visible_length(text) <= limit
    else:
        assert short.endswith("…") and text.startswith(short[:-1])
