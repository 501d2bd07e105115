"""Person matching: which words of a question name which people of the chronology."""

from __future__ import annotations

import itertools
import subprocess
import sys
from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.name_forms import normalize_words
from bot.names import NameMatch, NameMatcher

# The people of the article, as the data lists them. Medvedev and Patrushev deliberately have
# no Cyrillic alias: their Cyrillic spellings must work through transliteration alone.
PEOPLE = [
    ("yeltsin", "Boris Yeltsin", ["Борис Ельцин"]),
    ("bill-clinton", "Bill Clinton", ["William Jefferson Clinton"]),
    ("larouche", "Lyndon LaRouche", ["Lyndon H. LaRouche"]),
    ("gore", "Al Gore", ["Albert Gore"]),
    ("putin", "Vladimir Putin", ["Владимир Путин"]),
    ("george-w-bush", "George W. Bush", []),
    ("rice", "Condoleezza Rice", ["Condoleeza Rice"]),
    ("cheney", "Dick Cheney", ["Richard B. Cheney"]),
    ("reagan", "Ronald Reagan", []),
    ("roosevelt", "Franklin Roosevelt", ["FDR", "Franklin D. Roosevelt"]),
    ("kennedy", "John F. Kennedy", ["JFK"]),
    ("lavrov", "Sergei Lavrov", ["Sergey Lavrov", "Сергей Лавров"]),
    ("hillary-clinton", "Hillary Clinton", ["Hillary Rodham Clinton"]),
    ("obama", "Barack Obama", []),
    ("sergei-ivanov", "Sergei Ivanov", ["Sergey Ivanov", "Сергей Иванов"]),
    ("perminov", "Anatoli Perminov", ["Anatoly Perminov", "Анатолий Перминов"]),
    ("rogozin", "Dmitri Rogozin", ["Dmitry Rogozin", "Дмитрий Рогозин"]),
    ("medvedev", "Dmitri Medvedev", ["Dmitry Medvedev"]),
    ("igor-ivanov", "Igor Ivanov", ["Игорь Иванов"]),
    ("davydov", "Vitali Davydov", ["Vitaly Davydov", "Виталий Давыдов"]),
    ("patrushev", "Nikolai Patrushev", ["Nikolay Patrushev"]),
]

ORDINARY_WORDS = """
what who when where which why how did does do said says say propose proposed proposal
proposes putting put puts input output offer offered offers offering cooperation cooperate
missile missiles defense defence radar radars station stations asteroid asteroids threat
threats program programme proposal security council minister ministers president presidents
russian russians russia nations nation planet planets meteorite meteor strategic strategy
between before after since until from during spring summer winter autumn fall earth space
moon mars arctic treaty treaties reset called call reiterated letter letters general deputy
foreign prime united states american america joint system systems shield global protection
price prices rise gored bushes bushel push rush brush chain cheery
ready reason reagent region regain again pain puffin pudding pitting potion option
ivory lavish larva rogue origin organ medium medieval permit permission perimeter
davos david dividend patriot patrol petrol pressure clinic client clint
kennel kenny osmosis obtain rooster revolt yelling
the and for with about against into over under their there these those them then than
year years month months day days week decade century today yesterday tomorrow
war peace talks summit meeting meetings agreement agreements initiative initiatives
nuclear weapons weapon arms control military army navy air force forces base bases
launch launched launches rocket rockets satellite satellites orbit orbital lunar solar
science scientific research academy agency agencies official officials ambassador envoy
statement statements interview interviews newspaper press report reports reported
announced announce announcement declared declaration stressed emphasized warned warning
europe european asia pacific atlantic north south east west eastern western
chelyabinsk vancouver gabala moscow washington kremlin pentagon nato
""".split()


@pytest.fixture(scope="module")
def matcher() -> NameMatcher:
    return NameMatcher(PEOPLE)


def ids(
    matcher: NameMatcher, text: str, lowercase_ok: Callable[[str], bool] = lambda word: False
) -> list[tuple[str, ...]]:
    """The person ids of every mention in `text`, in order."""
    return [match.person_ids for match in matcher.find(text, lowercase_ok)]


def test_surname_alone_matches_person(matcher: NameMatcher) -> None:
    assert ids(matcher, "what did Rogozin propose in 2013") == [("rogozin",)]


def test_full_name_matches_one_person(matcher: NameMatcher) -> None:
    assert ids(matcher, "Igor Ivanov on missile defense") == [("igor-ivanov",)]
    assert ids(matcher, "Sergei Ivanov") == [("sergei-ivanov",)]
    assert ids(matcher, "Hillary Clinton and the reset") == [("hillary-clinton",)]


def test_ambiguous_surname_matches_everyone_with_it(matcher: NameMatcher) -> None:
    assert ids(matcher, "Ivanov") == [("sergei-ivanov", "igor-ivanov")]
    assert ids(matcher, "what did Clinton say") == [("bill-clinton", "hillary-clinton")]


def test_alias_full_name_matches(matcher: NameMatcher) -> None:
    assert ids(matcher, "Dmitry Rogozin") == [("rogozin",)]
    assert ids(matcher, "William Jefferson Clinton") == [("bill-clinton",)]


def test_longest_name_wins_over_its_parts(matcher: NameMatcher) -> None:
    [match] = matcher.find("George W. Bush in 2001")
    assert (match.text, match.person_ids) == ("George W. Bush", ("george-w-bush",))


def test_first_and_last_name_match_without_middle_initial(matcher: NameMatcher) -> None:
    assert ids(matcher, "george bush 2001") == [("george-w-bush",)]
    assert ids(matcher, "John Kennedy") == [("kennedy",)]


def test_match_is_case_insensitive(matcher: NameMatcher) -> None:
    assert ids(matcher, "ROGOZIN") == [("rogozin",)]
    assert ids(matcher, "lavrov 2009") == [("lavrov",)]
    assert ids(matcher, "igor ivanov") == [("igor-ivanov",)]


@pytest.mark.parametrize(
    ("text", "word", "person"),
    [
        ("Lavrov's letter", "Lavrov's", "lavrov"),
        ("Lavrov’s letter", "Lavrov’s", "lavrov"),
        ("the Patrushevs", "Patrushevs", "patrushev"),
        ("Putin's offer", "Putin's", "putin"),
        ("Putinʼs offer", "Putinʼs", "putin"),
        ("Bush's shield", "Bush's", "george-w-bush"),
        ("Obama’s reset", "Obama’s", "obama"),
    ],
)
def test_possessive_surname_matches_person(
    matcher: NameMatcher, text: str, word: str, person: str
) -> None:
    [match] = matcher.find(text)
    assert (match.text, match.person_ids) == (word, (person,))


def test_possessive_span_covers_the_whole_word(matcher: NameMatcher) -> None:
    [match] = matcher.find("what was Lavrov’s answer")
    assert match.text == "Lavrov’s"


@pytest.mark.parametrize(
    ("typo", "person"),
    [
        ("Rogozn", "rogozin"),  # deletion
        ("Patrushef", "patrushev"),  # substitution
        ("Lavrof", "lavrov"),
        ("Medvedv", "medvedev"),
        ("Rgoozin", "rogozin"),  # transposition
        ("Yeltsinn", "yeltsin"),  # insertion
        ("Kenedy", "kennedy"),
        ("Obamma", "obama"),
    ],
)
def test_one_typo_in_long_name_matches(matcher: NameMatcher, typo: str, person: str) -> None:
    assert ids(matcher, f"what did {typo} say") == [(person,)]


def test_one_typo_in_a_full_name_still_picks_one_person(matcher: NameMatcher) -> None:
    assert ids(matcher, "Igor Ivanof") == [("igor-ivanov",)]


@pytest.mark.parametrize(
    "typo", ["Rogzn", "Lavorff", "Medvdv", "Ptrushef", "Rgoozn", "Ragozen", "Rozogin", "Pabrushef"]
)
def test_two_typos_do_not_match(matcher: NameMatcher, typo: str) -> None:
    assert matcher.find(typo) == []


@pytest.mark.parametrize("near", ["Bosh", "Gora", "Rise", "Buch", "Bushy", "Busch"])
def test_short_name_requires_exact_match(matcher: NameMatcher, near: str) -> None:
    assert matcher.find(near) == []


def test_short_name_exact_matches(matcher: NameMatcher) -> None:
    assert ids(matcher, "Bush") == [("george-w-bush",)]
    assert ids(matcher, "Gore 1993") == [("gore",)]
    assert ids(matcher, "what did Rice say") == [("rice",)]
    assert ids(matcher, "FDR") == [("roosevelt",)]


def test_short_name_never_matches_inside_a_word(matcher: NameMatcher) -> None:
    assert matcher.find("the Price of oil, bushels of wheat, Gorey details") == []


def test_short_surname_written_lowercase_is_an_ordinary_word(matcher: NameMatcher) -> None:
    # "rice", "gore" and "bush" are English words: lowercase, only their full names count.
    assert matcher.find("rice prices in the bush, gore and blood") == []
    assert ids(matcher, "al gore and condoleezza rice") == [("gore",), ("rice",)]


def test_short_surname_in_lowercase_after_a_lowercase_name(matcher: NameMatcher) -> None:
    # Whoever writes "putin" in lowercase does not capitalise names: "bush" is Bush then.
    assert ids(matcher, "putin and bush 2001") == [("putin",), ("george-w-bush",)]
    # A phone capitalises the first word by itself; that says nothing about the writer.
    assert ids(matcher, "Putin and bush") == [("putin",), ("george-w-bush",)]
    # A capitalised name after the first word says the writer capitalises names.
    assert ids(matcher, "what did Putin say to bush") == [("putin",)]


def test_short_surname_in_lowercase_when_the_chronology_writes_it_only_as_a_name(
    matcher: NameMatcher,
) -> None:
    only_names = {"bush"}
    assert ids(matcher, "what did bush say", only_names.__contains__) == [("george-w-bush",)]
    assert matcher.find("rice prices", only_names.__contains__) == []


def test_short_names_of_four_letters_still_match_capitalized_possessive(
    matcher: NameMatcher,
) -> None:
    assert ids(matcher, "Rice's trip") == [("rice",)]


@pytest.mark.parametrize(
    ("cyrillic", "person"),
    [("Рогозин", "rogozin"), ("Медведев", "medvedev"), ("Патрушев", "patrushev")],
)
def test_cyrillic_without_alias_matches(cyrillic: str, person: str) -> None:
    latin_only = NameMatcher([(pid, name, []) for pid, name, _aliases in PEOPLE])
    assert ids(latin_only, f"что сказал {cyrillic}?") == [(person,)]


@pytest.mark.parametrize(
    ("cyrillic", "person"),
    [
        ("Рогозина", "rogozin"),
        ("Медведева", "medvedev"),
        ("Рогозиным", "rogozin"),
        ("Патрушевым", "patrushev"),
        ("Лаврову", "lavrov"),
    ],
)
def test_cyrillic_case_endings_match(matcher: NameMatcher, cyrillic: str, person: str) -> None:
    assert ids(matcher, f"интервью {cyrillic}") == [(person,)]


def test_cyrillic_full_name_alias_matches_one_person(matcher: NameMatcher) -> None:
    assert ids(matcher, "Игорь Иванов") == [("igor-ivanov",)]
    assert ids(matcher, "Иванов") == [("sergei-ivanov", "igor-ivanov")]


def test_surname_of_cyrillic_alias_is_transliterated() -> None:
    # The display name spells it one way, the Cyrillic alias gives the other romanization.
    matcher = NameMatcher([("shoigu", "Sergei Shoigu", ["Сергей Шойгу"])])
    assert ids(matcher, "Shoygu") == [("shoigu",)]
    assert ids(matcher, "Shoigu") == [("shoigu",)]


def test_accented_latin_names_match_plain_spelling() -> None:
    matcher = NameMatcher([("muller", "Gerd Müller", []), ("tsipras", "Αλέξης Τσίπρας", [])])
    assert ids(matcher, "Muller") == [("muller",)]
    assert ids(matcher, "Müller") == [("muller",)]
    assert ids(matcher, "Mu\u0308ller") == [("muller",)]  # decomposed umlaut
    assert ids(matcher, "Tsipras") == [("tsipras",)]


def test_ordinary_words_never_match_a_person(matcher: NameMatcher) -> None:
    matched = {
        form: matcher.find(form)
        for word in ORDINARY_WORDS
        for form in (word, word.capitalize(), word.upper())
        if matcher.find(form)
    }
    assert matched == {}


def test_sentence_of_ordinary_words_matches_only_its_names(matcher: NameMatcher) -> None:
    question = (
        "Putin offered cooperation on missile defense, putting the Gabala radar station and "
        "the asteroid threat before the Security Council; the minister reiterated the proposal"
    )
    assert [match.text for match in matcher.find(question)] == ["Putin"]


@pytest.mark.parametrize("given_name", ["Sergei", "Dmitri", "Dmitry", "Igor", "Boris", "Bill"])
def test_given_name_alone_matches_nobody(matcher: NameMatcher, given_name: str) -> None:
    assert matcher.find(f"what did {given_name} say") == []


def test_single_word_name_matches_alone() -> None:
    matcher = NameMatcher([("madonna", "Madonna", []), ("sergei-x", "Sergei Xavier", ["Sergei"])])
    assert ids(matcher, "Madonna in 1990") == [("madonna",)]
    assert ids(matcher, "Sergei") == [("sergei-x",)]


def test_exact_spelling_beats_a_typo_reading() -> None:
    matcher = NameMatcher([("ivanov", "Igor Ivanov", []), ("ivanova", "Anna Ivanova", [])])
    assert ids(matcher, "Ivanova") == [("ivanova",)]
    assert ids(matcher, "Ivanov") == [("ivanov",)]


def test_surname_with_particle_and_suffix() -> None:
    matcher = NameMatcher(
        [("de-gaulle", "Charles de Gaulle", []), ("king", "Martin Luther King Jr.", [])]
    )
    assert ids(matcher, "de Gaulle") == [("de-gaulle",)]
    assert ids(matcher, "Gaulle") == [("de-gaulle",)]
    assert ids(matcher, "King") == [("king",)]
    assert ids(matcher, "Martin Luther King") == [("king",)]


def test_name_does_not_continue_across_a_comma(matcher: NameMatcher) -> None:
    assert ids(matcher, "Igor, Ivanov said") == [("sergei-ivanov", "igor-ivanov")]
    assert ids(matcher, "Igor\nIvanov") == [("igor-ivanov",)]


def test_mentions_are_left_to_right_and_non_overlapping(matcher: NameMatcher) -> None:
    found = matcher.find("Lavrov and Rogozin met Igor Ivanov and Clinton")
    assert [match.text for match in found] == ["Lavrov", "Rogozin", "Igor Ivanov", "Clinton"]
    assert all(a.end <= b.start for a, b in itertools.pairwise(found))


def test_spans_point_into_original_text(matcher: NameMatcher) -> None:
    question = "Что  сказал Рогозина, and   Lavrov’s\tletter to igor  IVANOV?"
    found = matcher.find(question)
    assert [question[m.start : m.end] for m in found] == ["Рогозина", "Lavrov’s", "igor  IVANOV"]
    assert [m.text for m in found] == ["Рогозина", "Lavrov’s", "igor  IVANOV"]


def test_suggest_offers_close_names(matcher: NameMatcher) -> None:
    assert matcher.suggest("Rogozkin")[0] == "rogozin"
    assert matcher.suggest("Rgozn")[0] == "rogozin"  # two typos: not found, but suggested
    assert matcher.suggest("Patruchef")[0] == "patrushev"


def test_suggest_offers_nothing_for_a_stranger(matcher: NameMatcher) -> None:
    assert matcher.suggest("Merkel") == ()
    assert matcher.suggest("") == ()


def test_suggest_offers_everyone_with_a_close_shared_surname(matcher: NameMatcher) -> None:
    assert set(matcher.suggest("Ivanoff")) == {"sergei-ivanov", "igor-ivanov"}


def test_suggest_respects_limit(matcher: NameMatcher) -> None:
    assert len(matcher.suggest("Ivanoff", limit=1)) == 1
    assert matcher.suggest("Rogozkin", limit=0) == ()


def test_person_ids_follow_registry_order() -> None:
    matcher = NameMatcher([("b", "Anna Smirnova", []), ("a", "Olga Smirnova", [])])
    assert ids(matcher, "Smirnova") == [("b", "a")]


def test_empty_registry_finds_nothing() -> None:
    matcher = NameMatcher([])
    assert matcher.find("Rogozin") == []
    assert matcher.suggest("Rogozin") == ()


def test_normalize_words_transliterates_and_drops_punctuation() -> None:
    assert normalize_words("Дмитрий Рогозин") == ("dmitriy", "rogozin")
    assert normalize_words("O'Brien-Smith, Jr.") == ("obrien", "smith", "jr")
    assert normalize_words("Lavrov’s") == ("lavrovs",)


def test_ascii_question_loads_neither_transliteration_nor_rapidfuzz() -> None:
    # `chronobot ask` must start fast: both libraries are loaded only when needed.
    script = (
        "import sys; from bot.names import NameMatcher\n"
        "m = NameMatcher([('r', 'Dmitri Rogozin', ['Dmitry Rogozin'])])\n"
        "assert [x.person_ids for x in m.find('what did Rogozn propose')] == [('r',)]\n"
        "print(sorted(n for n in ('anyascii', 'rapidfuzz') if n in sys.modules))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


NAME_FRAGMENTS = ["Rogozin", "Лавров’s", "Igor Ivanov", "George W. Bush", "Rice", "Рогозиным"]
QUESTIONS = st.one_of(
    st.text(max_size=80),
    st.lists(st.one_of(st.text(max_size=8), st.sampled_from(NAME_FRAGMENTS)), max_size=8).map(
        "".join
    ),
)


@settings(max_examples=300, deadline=None)
@given(QUESTIONS)
def test_find_never_raises_and_spans_stay_inside_text(text: str) -> None:
    found = MATCHER.find(text)
    for match in found:
        assert isinstance(match, NameMatch)
        assert 0 <= match.start < match.end <= len(text)
        assert text[match.start : match.end] == match.text
        assert match.person_ids
    assert all(a.end <= b.start for a, b in itertools.pairwise(found))
    MATCHER.suggest(text)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from([*ORDINARY_WORDS, "Rogozin", "Лавров", "Ivanov"]), max_size=12))
def test_names_found_among_ordinary_words_are_exactly_the_names(words: list[str]) -> None:
    text = " ".join(words)
    expected = [w for w in words if w in {"Rogozin", "Лавров", "Ivanov"}]
    assert [match.text for match in MATCHER.find(text)] == expected


MATCHER = NameMatcher(PEOPLE)


@pytest.mark.parametrize("remembered", [4096, 3])
def test_the_index_tables_match_exactly_like_a_fresh_build(
    remembered: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Also when the lookups' memory is so small that every question overflows it: a key
    forgotten while a question reads many must be read again, not missed."""
    import json
    import sqlite3

    from bot import nameindex
    from bot.nameindex import open_matcher, write_name_tables

    monkeypatch.setattr(nameindex._Lookup, "_REMEMBERED", remembered)

    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE people (id TEXT, name TEXT, aliases TEXT)")
    conn.executemany(
        "INSERT INTO people VALUES (?, ?, ?)",
        [(pid, name, json.dumps(list(aliases))) for pid, name, aliases in PEOPLE],
    )
    write_name_tables(conn)
    fresh, stored = NameMatcher(PEOPLE), open_matcher(conn)
    assert sorted(vars(fresh)) == sorted(NameMatcher.TABLES)
    questions = ("Lavrov's offer", "Рогозина", "Ivanov", "Patrushef 2012", "Merkel", "Rogozn")
    for question in (*questions, *ORDINARY_WORDS):
        assert stored.find(question) == fresh.find(question)
        assert stored.suggest(question) == fresh.suggest(question)
