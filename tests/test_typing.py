"""Questions as typed on a phone (bot.lang.expand_typing, bot.lang.en.spelling_variants):
shorthand, repeated letters, glued years, two-digit years and the other side's spelling."""

from __future__ import annotations

import pytest

from bot.lang import expand_typing, mistyped_question_word
from bot.lang.en import spelling_variants
from bot.lang.requests import picture_request, small_talk


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("wat did putin say abt missiles", "what did putin say about missiles"),
        ("rogozin b4 2012", "rogozin before 2012"),
        ("rogozin in 2k13", "rogozin in 2013"),
        ("распад ссср", "распад ссср"),  # written with three letters: no typing
        ("henry iii", "henry iii"),
        ("puuutin", "puutin"),
        ("rogozin-2013", "rogozin 2013"),  # a name and a year, hyphened
        ("mid-2007", "mid-2007"),  # a date of its own
        ("lavrov-2009-03", "lavrov-2009-03"),  # an entry id
        ("lavrov 08-10", "lavrov 2008-2010"),  # two short years after a name
        ("yeltsin 93-95", "yeltsin 1993-1995"),
        ("jan 08-09", "jan 08-09"),  # days of a month
        ("pages 10-12", "pages 10-12"),  # numbers a day may be
        ("rogozin 20130216", "rogozin 2013-02-16"),  # an ISO day without its dashes
        ("12345678", "12345678"),  # no month 34
        ("What’s new?", "latest"),  # the newest entries, not the word "new"
        ("что нового", "latest"),
        ("new start treaty", "new start treaty"),
        ("what happened in 2K9?", "what happened in 2009?"),
        ("putin b/w 2000 n 2005", "putin between 2000 and 2005"),
        ("U.S. & Russia w/o nasa", "U.S. and Russia without nasa"),
        ("чё предлагал Рогозин", "что предлагал Рогозин"),
        ("puuutin pleeease", "puutin pleease"),
        ("putin2007", "putin 2007"),
    ],
)
def test_shorthand_repeats_and_glued_years_are_written_out(typed: str, meant: str) -> None:
    assert expand_typing(typed) == meant


@pytest.mark.parametrize(
    "kept",
    [
        "U.S. policy",  # an initial, not "you"
        "r. reagan",  # an initial before its full stop
        "Su-27 and F-16",  # hyphenated designations
        "don't know",  # an apostrophe inside a word
        "Apollo11",  # a number glued to a word is not a year unless it has four digits
        "MiG-29",
    ],
)
def test_what_only_looks_like_shorthand_is_kept(kept: str) -> None:
    assert expand_typing(kept) == kept


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("lavrov 09", "lavrov 2009"),
        ("yeltsin 93", "yeltsin 1993"),
        ("in 09", "in 2009"),
        ("from 2000 to 05", "from 2000 to 2005"),
        ("putin jul '07", "putin jul 2007"),
        ("nov 93", "nov 1993"),
        ("в 93-м", "в 1993-м"),
        ("с 09 по 12", "с 2009 по 2012"),
        ("рогозин 13 год", "рогозин 2013 год"),  # "год" says it is a year
        ("13 года назад", "13 года назад"),  # thirteen years ago
    ],
)
def test_two_digit_years_get_their_century(typed: str, meant: str) -> None:
    assert expand_typing(typed) == meant


@pytest.mark.parametrize(
    "kept",
    [
        "apollo 11",  # a day or a designation could be written so: 11 is not read as a year
        "feb 13",
        "in 10 days",  # a count
        "up to 50 missiles",
        "at 10:30",
        "over 50%",
        "13th feb",
        "2008-09",
    ],
)
def test_numbers_that_are_no_year_stay(kept: str) -> None:
    assert expand_typing(kept) == kept


def test_a_number_the_chronology_uses_as_a_word_stays() -> None:
    assert expand_typing("soyuz 40", lambda words: words == "soyuz 40") == "soyuz 40"
    assert expand_typing("mir 86", lambda words: words == "soyuz 40") == "mir 1986"
    assert expand_typing("soyuz 40") == "soyuz 1940"


@pytest.mark.parametrize(
    ("word", "other"),
    [
        ("defence", "defense"),
        ("programme", "program"),
        ("centre", "center"),
        ("organisation", "organization"),
        ("analyse", "analyze"),
        ("cancelled", "canceled"),
        ("honour", "honor"),
        ("defense", "defence"),
        ("center", "centre"),
    ],
)
def test_spelling_variants_cross_the_atlantic(word: str, other: str) -> None:
    assert other in spelling_variants(word)


def test_short_words_have_no_variants() -> None:
    assert spelling_variants("our") == []
    assert spelling_variants("tre") == []


@pytest.mark.parametrize(
    ("message", "kind"),
    [
        ("more", "more"),
        ("Tell me more!", "more"),
        ("more pls", "more"),
        ("next", "more"),
        ("go on", "more"),
        ("Ещё?", "more"),
        ("дальше", "more"),
        ("hi", "greeting"),
        ("Hello there!", "greeting"),
        ("привет", "greeting"),
        ("thx", "thanks"),
        ("Thank you very much", "thanks"),
        ("спасибо", "thanks"),
        ("ok cool", "thanks"),
        ("help", "help"),
        ("What can you do?", "help"),
        ("how does this work", "help"),
        ("что ты умеешь?", "help"),
        ("помощь", "help"),
        ("help with missile defense", None),
        ("list all people", "people"),
        ("Who is in this chronology?", "people"),
        ("кто упоминается?", "people"),
        ("people in 2009", None),
        ("How many entries are there?", "about"),
        ("what years does it cover", "about"),
        ("сколько записей?", "about"),
        ("how many entries mention lavrov", None),  # a question about Lavrov
        ("Lavrov", None),
        ("more missiles", None),  # a question about missiles
        ("next 2013", None),
        ("please", None),
        ("👍", None),
    ],
)
def test_small_talk_is_told_from_questions(message: str, kind: str | None) -> None:
    assert small_talk(message) == kind


@pytest.mark.parametrize(
    ("message", "question"),
    [
        ("timeline of putin", "of putin"),
        ("draw rogozin 2011-2013", "rogozin 2011-2013"),
        ("Chart 2008 to 2013", "2008 to 2013"),
        ("нарисуй график Лаврова", "Лаврова"),
        ("show it on a timeline", "show it on a"),
        ("a draw between them", None),  # "draw" asks for a picture only as the first word
        ("can u draw putin 2001", "can u putin 2001"),  # ... or after polite words
        ("please sketch lavrov", "please lavrov"),
        ("пожалуйста, нарисуй Рогозина", "пожалуйста, Рогозина"),
        ("визуализируй 2013", "2013"),
        ("the draw of 2001", None),
        ("can you tell me about lavrov", None),
        ("plot to kill", None),
        ("можешь нарисовать Путина", "можешь Путина"),  # the infinitive after "можешь"
        ("построить дом", None),
        ("infographic asteroids", "asteroids"),
        ("putin 2007", None),
    ],
)
def test_picture_requests_are_told_from_questions(message: str, question: str | None) -> None:
    assert picture_request(message) == question


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("21/2/13", "21.2.2013"),
        ("21.02.13", "21.02.2013"),
        ("21-02-2013", "21.02.2013"),
        ("02/2013", "feb 2013"),
        ("7/2007", "jul 2007"),
        ("21 feb 13", "21 feb 2013"),
        ("feb 21, 13", "feb 21, 2013"),
        ("13/2013", "13/2013"),  # no month 13
        ("2008-09", "2008-09"),  # two years, read by the grammar
    ],
)
def test_numeric_dates_as_typed(typed: str, meant: str) -> None:
    assert expand_typing(typed) == meant


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("до 16 февраля 2013", "до 16 февраля 2013"),  # a day before its month: no year
        ("since 16 feb", "since 16 feb"),
        ("что было после 11 сентября", "что было after 9/11"),
        ("11 сентября 2001", "11 сентября 2001"),
        ("до 21.02.2013", "before 21.02.2013"),
    ],
)
def test_russian_days_and_prepositions(typed: str, meant: str) -> None:
    assert expand_typing(typed) == meant


@pytest.mark.parametrize(
    "kept",
    [
        "from 12 to 15 june 2013",
        "between 12 and 15 June 2013",
        "с 12 по 15 февраля 2013",
        "feb 16 to 21 2013",
    ],
)
def test_a_range_of_days_keeps_its_days(kept: str) -> None:
    assert expand_typing(kept) == kept


@pytest.mark.parametrize(
    "typed",
    [
        "i wanna know about rogozin",
        "gimme rogozin 2013 asap",
        "yo medvedev",
        "so basically what did putin offer bush",
        "ок рогозин плиз",
        "блин что там у лаврова",
        # apostrophes left out; how often, counting, comparing
        "whos rogozin",
        "wheres rogozin speak",
        "whats rogozin up to, dont know",
        "how often is rogozin mentioned",
        "count rogozin",
        "rogozin vs medvedev",
        "who was involved with rogozin",
        "сколько раз упоминается рогозин",
        # Russian typed in Latin letters
        "chto predlagal rogozin",
        "kto takoi rogozin",
    ],
)
def test_chat_fillers_are_neither_topics_nor_names(real_engine, typed: str) -> None:
    """Words people pad a chat message with never rank, never select and are never reported
    as missing from the chronology."""
    answer = real_engine.ask(typed)
    assert answer.interpretation.people
    assert answer.interpretation.terms == ()
    assert answer.interpretation.unknown_names == ()
    assert "no_words" not in [n.kind for n in answer.notices]


@pytest.mark.parametrize(
    ("typed", "person"),
    [("Condi Rice", "rice"), ("gw bush", "george-w-bush"), ("bush jr", "george-w-bush")],
)
def test_nicknames_initials_and_suffixes_are_part_of_the_name(
    real_engine, typed: str, person: str
) -> None:
    answer = real_engine.ask(typed)
    assert [p.id for p in answer.interpretation.people] == [person]
    assert answer.interpretation.terms == ()
    assert "no_words" not in [n.kind for n in answer.notices]


@pytest.mark.parametrize("typed", ["rogozin glonass", "glonass rogozin"])
def test_a_topic_beside_a_name_is_still_a_topic(real_engine, typed: str) -> None:
    answer = real_engine.ask(typed)
    assert [p.id for p in answer.interpretation.people] == ["rogozin"]
    assert answer.interpretation.terms == ("glonass",)
    assert "no_words" in [n.kind for n in answer.notices]


def test_asking_what_the_bot_does_is_answered_with_how_to_ask(real_engine) -> None:
    from bot.render import render_text
    from bot.words import words_for

    for message, language in (("help", "en"), ("что ты умеешь?", "ru")):
        answer = real_engine.ask(message)
        assert [n.kind for n in answer.notices] == ["help"] and not answer.results
        text = render_text(answer, words_for(language))
        assert ("surname and a year" if language == "en" else "фамилия и год") in text


def test_a_name_and_its_number_are_unglued_only_where_the_chronology_writes_them_apart() -> None:
    def writes(words: str) -> bool:
        return words in {"apollo 13", "soyuz 11"}

    assert expand_typing("apollo13 crew", writes) == "apollo 13 crew"
    assert expand_typing("what about soyuz11?", writes) == "what about soyuz 11?"
    assert expand_typing("mp3 files", writes) == "mp3 files"
    assert expand_typing("apollo13", lambda words: False) == "apollo13"


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("putin sept 11", "putin 9/11"),
        ("September 11th", "9/11"),
        ("the 11th of September", "the 9/11"),
        ("after 9-11", "after 9/11"),
        ("nine eleven", "9/11"),
        ("September 11 1973", "September 11 1973"),  # a year given: that day of that year
        ("sept 11, 2001", "sept 11, 2001"),
        ("11 septembers", "11 septembers"),
        ("9-115", "9-115"),
        ("putin after 911", "putin after 9/11"),
        ("post-911 offers", "post-9/11 offers"),
        ("call 911", "call 911"),  # a phone number
    ],
)
def test_september_11_without_a_year_is_the_day_of_the_attacks(typed: str, meant: str) -> None:
    assert expand_typing(typed) == meant


def test_asking_who_is_in_the_chronology_lists_the_people_in_the_most_entries(
    real_engine,
) -> None:
    from bot.render import render_text

    answer = real_engine.ask("list all people")
    (notice,) = answer.notices
    everyone = real_engine.people()
    assert notice.kind == "people" and notice.words == (str(len(everyone)),)
    counts = [p.entry_count for p in notice.people]
    assert counts == sorted(counts, reverse=True)
    assert counts[0] == max(p.entry_count for p in everyone)
    assert notice.people[0].name in render_text(answer)


@pytest.mark.parametrize("typed", ["russia usa cooperation", "USA", "saint petersburg"])
def test_country_abbreviations_find_the_names_the_chronology_writes(real_engine, typed) -> None:
    """The chronology writes "U.S." and "United States": "usa" finds them."""
    answer = real_engine.ask(typed)
    assert answer.interpretation.unused_terms == ()
    assert answer.total and "no_words" not in [n.kind for n in answer.notices]


@pytest.mark.parametrize(
    ("typed", "country"),
    [("did the US ever offer", True), ("did the us ever offer", True), ("tell us", False)],
)
def test_us_is_the_country_in_capitals_or_after_the(real_engine, typed, country) -> None:
    """ "us" is a word people ask with ("tell us"), and the country written "U.S." when it
    is in capitals or follows "the"."""
    answer = real_engine.ask(typed)
    assert ("us" in answer.interpretation.terms) is country
    if country:
        assert answer.total and "no_words" not in [n.kind for n in answer.notices]


@pytest.mark.parametrize(
    "typed", ["how many entries?", "what period does it cover", "за какой период?"]
)
def test_asking_how_big_the_chronology_is_answers_its_counts_and_years(real_engine, typed) -> None:
    """ "How many entries?" is about the chronology as a whole, not a search for "entries"."""
    from bot.render import render_text

    answer = real_engine.ask(typed)
    about = real_engine.about()
    assert answer.results == () and answer.total == 0
    (notice,) = answer.notices
    assert notice.kind == "about"
    text = render_text(answer)
    assert f"{about.entry_count} entries" in text and f"{about.people_count} people" in text
    assert notice.span is not None
    assert (notice.span.start.year, notice.span.end.year) == (
        about.first.start.year,
        about.last.end.year,
    )
    assert str(about.first.start.year) in text and str(about.last.end.year) in text


def test_asking_which_papers_are_cited_lists_them_by_entries(real_engine, tmp_path) -> None:
    """ "Which newspapers?" lists the papers entries cite, each counted once per entry
    however often that entry cites it; "source?" alone is no such request (after an answer it
    asks for that answer's sources)."""
    from bot.engine import Engine
    from bot.index import ensure_index
    from bot.lang.requests import small_talk
    from bot.render import render_text

    data = tmp_path / "press.yaml"
    data.write_text(
        "chronology:\n  title: Press\nevents:\n"
        '  - {id: a, date: 2001, text: one, cites: ["Daily Post, May 1", "Daily Post, May 2"]}\n'
        '  - {id: b, date: 2002, text: two, cites: ["Daily Post, June 3, 2002", Wire]}\n'
        "  - {id: c, date: 2003, text: three}\n",
        encoding="utf-8",
    )
    engine = Engine.open(ensure_index(data, tmp_path / "press.sqlite"))
    try:
        answer = engine.ask("which newspapers?")
    finally:
        engine.close()
    (notice,) = answer.notices
    assert (notice.kind, notice.words, notice.counts) == ("press", ("Daily Post", "Wire"), (2, 1))
    assert "Daily Post (2), Wire (1)" in render_text(answer)
    assert small_talk("какие газеты?") == "press"
    assert small_talk("source?") is None
    bundled = real_engine.ask("what sources are cited")
    assert bundled.notices[0].kind == "press" and bundled.notices[0].words


@pytest.mark.parametrize(
    ("message", "place"),
    [
        ("the second one", 2),
        ("tell me more about the 2nd", 2),
        ("#3", 3),
        ("number 4", 4),
        ("and the third entry?", 3),
        ("покажи третью", 3),
        ("№2", 2),
        ("2-я", 2),
        ("second moon landing", None),  # a question
        ("the first one", None),  # an order: the oldest first
        ("2", None),
        ("number 500", None),
    ],
)
def test_a_place_in_the_last_answer_is_told_from_questions(message: str, place) -> None:
    from bot.lang.requests import selection

    assert selection(message) == place


@pytest.mark.parametrize(
    ("message", "months"),
    [
        ("rogozin feb", [(2, 2)]),
        ("in May", [(5, 5)]),
        ("last winter", [(12, 14)]),
        ("лавров летом", [(6, 8)]),
        ("в марте", [(3, 3)]),
        ("what may putin propose", []),  # a verb
        ("the Prague Spring", []),
        ("Jan Novak", []),  # a given name
        ("the march on washington", []),
        ("16 feb", [(2, 2, 16)]),
        ("on the 3rd of May", [(5, 5, 3)]),
        ("16 февраля", [(2, 2, 16)]),
        ("feb 30", [(2, 2)]),  # no such day: the month
    ],
)
def test_months_and_seasons_without_a_year(message: str, months) -> None:
    from bot.lang.recurring import find_recurring

    found = find_recurring(message)
    assert [(m.first_month, m.last_month, *([m.day] if m.day else [])) for m in found] == months


def test_a_month_without_a_year_reads_as_that_month_each_year(real_engine) -> None:
    from bot.render import render_text

    answer = real_engine.ask("rogozin feb")
    periods = answer.interpretation.periods
    about = real_engine.about()
    assert [p.start.year for p in periods] == list(
        range(about.first.start.year, about.last.end.year + 1)
    )
    assert all((p.start.month, p.end.month) == (2, 2) for p in periods)
    assert render_text(answer).splitlines()[0] == "Dmitri Rogozin · Feb., each year · 2 entries"
    # Written back as a question (a timeline of the last answer, a button), it reads the same
    # in a few words, whatever the chronology's length.
    from bot.context import context_of

    again = real_engine.context_question(context_of(answer))
    assert again == "Dmitri Rogozin in Feb."
    assert real_engine.ask(again).interpretation.periods == periods


def test_a_short_real_word_is_not_corrected_into_another(tmp_path) -> None:
    """ "black" is one letter from "back", which the chronology writes: a word of five letters
    or fewer is corrected only when a letter is changed ("gabla" -> "gabala" still is)."""
    from pathlib import Path

    from bot.engine import Engine
    from bot.index import ensure_index

    fixture = Path(__file__).parent / "fixtures" / "spaceflight.yaml"
    engine = Engine.open(ensure_index(fixture, tmp_path / "space.sqlite"))
    try:
        black = engine.ask("first black astronaut").interpretation
        typo = engine.ask("challengr").interpretation
    finally:
        engine.close()
    assert black.corrections == () and "black" in black.unused_terms
    assert typo.corrections == (("challengr", "challenger"),)


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("2008 to now", "2008 onwards"),
        ("since 2010 till today", "since 2010 onwards"),
        ("March 2011 to the present", "March 2011 onwards"),
        ("up to date", "up to date"),  # no year before it
    ],
)
def test_an_end_of_now_is_an_open_end(typed: str, meant: str) -> None:
    assert expand_typing(typed) == meant


def test_a_who_question_says_whom_its_few_entries_name(real_engine) -> None:
    """ "who talked about asteroids?" is answered with the entries and, above them, the people
    they name, the most named first; not for a person asked about, nor over a long answer."""
    from collections import Counter

    from bot.lang.requests import asks_who
    from bot.render import render_text

    answer = real_engine.ask("who talked about asteroids?")
    (who,) = [notice for notice in answer.notices if notice.kind == "who"]
    named = Counter(p.name for entry in answer.results for p in entry.people)
    assert dict(zip(who.words, who.counts, strict=True)) == {n: named[n] for n in who.words}
    assert list(who.counts) == sorted(who.counts, reverse=True)
    assert render_text(answer).startswith(f"Named in these entries: {who.words[0]} (")
    for asked in ("who is rogozin", "who proposed the strategic defense of earth", "asteroids"):
        assert "who" not in [notice.kind for notice in real_engine.ask(asked).notices], asked
    assert asks_who("ok who said it") and asks_who("кто предлагал") and not asks_who("whoa")


@pytest.mark.parametrize(
    ("asked", "people"),
    [
        ("who is rogozin", ["rogozin"]),
        ("Who's Lavrov?", ["lavrov"]),
        ("кто такой Патрушев", ["patrushev"]),
        ("who is clinton", ["bill-clinton", "hillary-clinton"]),
    ],
)
def test_who_is_a_person_is_answered_with_the_chronologys_description(
    real_engine, asked: str, people: list[str]
) -> None:
    from bot.render import render_text

    answer = real_engine.ask(asked)
    (who_is,) = [notice for notice in answer.notices if notice.kind == "who_is"]
    assert [p.id for p in who_is.people] == people
    first = real_engine.person(people[0])
    assert first is not None and first.description
    assert render_text(answer).startswith(f"{first.name}: {first.description.rstrip('.')}.")
    assert answer.results and all(
        set(people) & {p.id for p in entry.people} for entry in answer.results
    )


def test_who_is_asks_about_people_only(real_engine) -> None:
    """Not over a topic ("who proposed …"), nor for a name nobody has."""
    asked_about = ("who proposed asteroid defense", "who is Macron", "rogozin", "who was at gabala")
    for asked in asked_about:
        assert "who_is" not in [n.kind for n in real_engine.ask(asked).notices], asked


def test_who_is_he_after_an_answer_describes_its_person(real_engine) -> None:
    from bot.context import context_of

    first = real_engine.ask("what did rogozin propose in 2013")
    for follow_up in ("who is he?", "а кто он?"):
        answer = real_engine.ask(follow_up, after=context_of(first))
        assert [n.people for n in answer.notices if n.kind == "who_is"] == [
            first.interpretation.people
        ]


def test_a_person_without_a_description_is_said_to_be_named_in_entries() -> None:
    from bot.answer import Notice, PersonInfo
    from bot.render_reading import notice_sentence
    from bot.words import words_for

    nameless = PersonInfo("x", "Ada Lovelace", (), None, 3)
    notice = Notice("who_is", people=(nameless,))
    assert notice_sentence(notice) == "Ada Lovelace: named in 3 entries."
    assert notice_sentence(notice, words_for("ru")) == "Ada Lovelace: упоминается в 3 записях."


@pytest.mark.parametrize(
    ("word", "mistyped"),
    [
        ("happend", True),  # a letter dropped
        ("propsed", True),
        ("sugest", True),
        ("mentiond", True),
        ("explian", True),  # two letters swapped
        ("предлогал", True),  # a letter changed
        ("gabala", False),  # a word of the chronology's, far from any
        ("asteroids", False),
        ("happy", False),  # too short to tell from another word
        ("proposition", False),  # two edits and more
    ],
)
def test_words_people_ask_with_are_known_mistyped(word: str, mistyped: bool) -> None:
    assert mistyped_question_word(word) is mistyped
