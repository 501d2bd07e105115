"""The date grammar of questions, and the date forms shown to readers."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.dates import (
    OPEN_END,
    OPEN_START,
    DateSpan,
    date_phrase,
    describe_span,
    format_date_value,
    parse_date_value,
)
from bot.lang import find_dates
from bot.lang.en_dates import find_date_expression, find_date_expressions

# question -> (first day, last day, the words matched); None = open end.
EXPRESSIONS: list[tuple[str, str | None, str | None, str]] = [
    # years
    ("what did Rogozin propose in 2013", "2013-01-01", "2013-12-31", "in 2013"),
    ("Lavrov 2009", "2009-01-01", "2009-12-31", "2009"),
    ("2013", "2013-01-01", "2013-12-31", "2013"),
    ("what happened during 2001?", "2001-01-01", "2001-12-31", "during 2001"),
    ("withdrawal from the 1972 treaty", "1972-01-01", "1972-12-31", "1972"),
    ("Putin's offer (2007) at Kennebunkport", "2007-01-01", "2007-12-31", "2007"),
    ("anything in the year 2008", "2008-01-01", "2008-12-31", "in the year 2008"),
    ("Gabala radar, 2007.", "2007-01-01", "2007-12-31", "2007"),
    ("entries from 2010", "2010-01-01", "2010-12-31", "from 2010"),
    ("NATO's 2011 position", "2011-01-01", "2011-12-31", "2011"),
    # months
    ("Rogozin Feb 2013", "2013-02-01", "2013-02-28", "Feb 2013"),
    ("Rogozin Feb. 2013", "2013-02-01", "2013-02-28", "Feb. 2013"),
    ("what did he say in February 2013", "2013-02-01", "2013-02-28", "in February 2013"),
    ("Sept. 2001 talks", "2001-09-01", "2001-09-30", "Sept. 2001"),
    ("sep 2001", "2001-09-01", "2001-09-30", "sep 2001"),
    ("SEPTEMBER 2001", "2001-09-01", "2001-09-30", "SEPTEMBER 2001"),
    ("events of 2013-02", "2013-02-01", "2013-02-28", "2013-02"),
    ("February of 2012", "2012-02-01", "2012-02-29", "February of 2012"),
    ("in March, 2009", "2009-03-01", "2009-03-31", "in March, 2009"),
    # days
    ("Feb 21 2013", "2013-02-21", "2013-02-21", "Feb 21 2013"),
    ("what happened on Feb. 21, 2013?", "2013-02-21", "2013-02-21", "on Feb. 21, 2013"),
    ("21 February 2013 Chelyabinsk", "2013-02-21", "2013-02-21", "21 February 2013"),
    ("February 21st, 2013", "2013-02-21", "2013-02-21", "February 21st, 2013"),
    ("on the 3rd of May 2012", "2012-05-03", "2012-05-03", "on the 3rd of May 2012"),
    ("2013-02-21", "2013-02-21", "2013-02-21", "2013-02-21"),
    ("Feb. 29, 2012", "2012-02-29", "2012-02-29", "Feb. 29, 2012"),
    ("may 15, 2010 conference", "2010-05-15", "2010-05-15", "may 15, 2010"),
    # ranges
    ("between 2008 and 2009", "2008-01-01", "2009-12-31", "between 2008 and 2009"),
    ("Lavrov 2007-2009", "2007-01-01", "2009-12-31", "2007-2009"),
    ("Lavrov 2007–2009", "2007-01-01", "2009-12-31", "2007–2009"),
    ("Lavrov 2007 – 2009", "2007-01-01", "2009-12-31", "2007 – 2009"),
    ("from 2007 to 2009", "2007-01-01", "2009-12-31", "from 2007 to 2009"),
    ("from March 2009 to July 2009", "2009-03-01", "2009-07-31", "from March 2009 to July 2009"),
    ("2008 to 2010 offers", "2008-01-01", "2010-12-31", "2008 to 2010"),
    ("2001 through 2003", "2001-01-01", "2003-12-31", "2001 through 2003"),
    ("May 14-17, 2010", "2010-05-14", "2010-05-17", "May 14-17, 2010"),
    ("May 14–17 2010", "2010-05-14", "2010-05-17", "May 14–17 2010"),
    ("14-17 May 2010", "2010-05-14", "2010-05-17", "14-17 May 2010"),
    ("between May 14 and 17, 2010", "2010-05-14", "2010-05-17", "between May 14 and 17, 2010"),
    ("from March to July 2009", "2009-03-01", "2009-07-31", "from March to July 2009"),
    ("between March and July 2009", "2009-03-01", "2009-07-31", "between March and July 2009"),
    ("May 30 - June 2, 2010", "2010-05-30", "2010-06-02", "May 30 - June 2, 2010"),
    (
        "from December to February 2011",
        "2010-12-01",
        "2011-02-28",
        "from December to February 2011",
    ),
    ("March–May 1993", "1993-03-01", "1993-05-31", "March–May 1993"),
    ("2010-05-14/2010-05-17", "2010-05-14", "2010-05-17", "2010-05-14/2010-05-17"),
    (
        "Feb. 16, 2013 to Feb. 26, 2013",
        "2013-02-16",
        "2013-02-26",
        "Feb. 16, 2013 to Feb. 26, 2013",
    ),
    ("between 2009 and 2007", "2007-01-01", "2009-12-31", "between 2009 and 2007"),
    ("between the 1990s and 2001", "1990-01-01", "2001-12-31", "between the 1990s and 2001"),
    ("2008–09", "2008-01-01", "2009-12-31", "2008–09"),
    ("1999—00", "1999-01-01", "2000-12-31", "1999—00"),
    ("in 2008-09", "2008-01-01", "2009-12-31", "in 2008-09"),  # two years, as people write them
    ("in 2008-10", "2008-10-01", "2008-10-31", "in 2008-10"),
    ("12/25/2013", "2013-12-25", "2013-12-25", "12/25/2013"),  # 25 is no month: month first
    ("on 09.07.2007", "2007-07-09", "2007-07-09", "on 09.07.2007"),  # day first
    ("on 28/04/2012", "2012-04-28", "2012-04-28", "on 28/04/2012"),
    ("2012/04/28", "2012-04-28", "2012-04-28", "2012/04/28"),
    ("Putin after 9/11", "2001-09-12", None, "after 9/11"),
    ("Lavrov 2008–09", "2008-01-01", "2009-12-31", "2008–09"),
    ("the nineties", "1990-01-01", "1999-12-31", "the nineties"),
    ("early 2000s", "2000-01-01", "2003-12-31", "early 2000s"),
    ("late 2011", "2011-09-01", "2011-12-31", "late 2011"),
    ("mid-2007", "2007-05-01", "2007-08-31", "mid-2007"),
    ("Lavrov in '09", "2009-01-01", "2009-12-31", "in '09"),
    ("Feb 21 - 2013", "2013-01-01", "2013-12-31", "2013"),  # no yearless end before a year
    # open ranges
    ("before 2000", None, "1999-12-31", "before 2000"),
    ("offers prior to 2001", None, "2000-12-31", "prior to 2001"),
    ("after 2012", "2013-01-01", None, "after 2012"),
    ("since 2010", "2010-01-01", None, "since 2010"),
    ("until 2008", None, "2008-12-31", "until 2008"),
    ("till 2008", None, "2008-12-31", "till 2008"),
    ("up to 2008", None, "2008-12-31", "up to 2008"),
    ("by 2008", None, "2008-12-31", "by 2008"),
    ("after Feb. 21, 2013", "2013-02-22", None, "after Feb. 21, 2013"),
    ("before March 2009", None, "2009-02-28", "before March 2009"),
    ("since the spring of 1993", "1993-03-01", None, "since the spring of 1993"),
    ("pre-2000 offers", None, "1999-12-31", "pre-2000"),
    ("2010 onwards", "2010-01-01", None, "2010 onwards"),
    ("from 2010 on", "2010-01-01", None, "from 2010 on"),
    ("2005 and earlier", None, "2005-12-31", "2005 and earlier"),
    ("since 2010 until 2012", "2010-01-01", "2012-12-31", "since 2010 until 2012"),
    ("after 2008 until 2010", "2009-01-01", "2010-12-31", "after 2008 until 2010"),
    ("before 2000 to 2005", None, "1999-12-31", "before 2000"),  # an open end stays open
    ("between 2008 and", "2008-01-01", "2008-12-31", "2008"),  # "between" needs both ends
    # decades
    ("the 1990s", "1990-01-01", "1999-12-31", "the 1990s"),
    ("in the 1990s", "1990-01-01", "1999-12-31", "in the 1990s"),
    ("1990s cooperation", "1990-01-01", "1999-12-31", "1990s"),
    ("the '90s", "1990-01-01", "1999-12-31", "the '90s"),
    ("the ’10s", "2010-01-01", "2019-12-31", "the ’10s"),
    ("the 2000s", "2000-01-01", "2009-12-31", "the 2000s"),
    ("the 90s", "1990-01-01", "1999-12-31", "the 90s"),
    ("the early 1990s", "1990-01-01", "1993-12-31", "the early 1990s"),
    ("the late 90s", "1997-01-01", "1999-12-31", "the late 90s"),
    # seasons
    ("spring 1993", "1993-03-01", "1993-05-31", "spring 1993"),
    ("in the Spring of 1993", "1993-03-01", "1993-05-31", "in the Spring of 1993"),
    ("summer 1975", "1975-06-01", "1975-08-31", "summer 1975"),
    ("autumn 2008", "2008-09-01", "2008-11-30", "autumn 2008"),
    ("fall 2008", "2008-09-01", "2008-11-30", "fall 2008"),
    ("winter 2010", "2010-12-01", "2011-02-28", "winter 2010"),
    ("winter 2011-2012", "2011-12-01", "2012-02-29", "winter 2011-2012"),
    # parts of a year or month
    ("early 2013", "2013-01-01", "2013-04-30", "early 2013"),
    ("mid-2010", "2010-05-01", "2010-08-31", "mid-2010"),
    ("mid 2010", "2010-05-01", "2010-08-31", "mid 2010"),
    ("late 2012", "2012-09-01", "2012-12-31", "late 2012"),
    ("at the end of 2012", "2012-09-01", "2012-12-31", "the end of 2012"),
    ("early March 2009", "2009-03-01", "2009-03-10", "early March 2009"),
    ("late February 2013", "2013-02-21", "2013-02-28", "late February 2013"),
    ("in the first half of 2012", "2012-01-01", "2012-06-30", "in the first half of 2012"),
    ("the second half of 2012", "2012-07-01", "2012-12-31", "the second half of 2012"),
    ("the third quarter of 2012", "2012-07-01", "2012-09-30", "the third quarter of 2012"),
    ("Q4 2011", "2011-10-01", "2011-12-31", "Q4 2011"),
    # about a year: the year before to the year after; a decade needs no article
    ("around 2010", "2009-01-01", "2011-12-31", "around 2010"),
    ("circa 1999 Putin", "1998-01-01", "2000-12-31", "circa 1999"),
    ("2009ish", "2008-01-01", "2010-12-31", "2009ish"),
    ("putin 2001-ish", "2000-01-01", "2002-12-31", "2001-ish"),
    ("around May 2010", "2010-05-01", "2010-05-31", "around May 2010"),  # not a year: as asked
    ("90s stuff", "1990-01-01", "1999-12-31", "90s"),
    ("summary of 2012", "2012-01-01", "2012-12-31", "2012"),  # "of" dates an event ...
    ("in the noughties", "2000-01-01", "2009-12-31", "in the noughties"),
    ("medvedev 11.2011", "2011-11-01", "2011-11-30", "11.2011"),  # a month in two digits
    ("02/2013", "2013-02-01", "2013-02-28", "02/2013"),
    ("the early aughts", "2000-01-01", "2003-12-31", "the early aughts"),
    # several expressions: the first one wins
    ("2011 and 2013", "2011-01-01", "2011-12-31", "2011"),
    ("Mayor 2013", "2013-01-01", "2013-12-31", "2013"),  # "Mayor" is no month; the year counts
    ("Lavrov 2009 or Rogozin in 2013", "2009-01-01", "2009-12-31", "2009"),
    ("Feb 30 2013 and 2014", "2014-01-01", "2014-12-31", "2014"),
]


@pytest.mark.parametrize(("question", "first", "last", "words"), EXPRESSIONS)
def test_date_expression(question: str, first: str | None, last: str | None, words: str) -> None:
    match = find_date_expression(question)
    assert match is not None
    assert (match.span.start_iso, match.span.end_iso) == (first, last)
    assert match.text == words
    assert question[match.start : match.end] == words


def test_table_covers_enough_forms() -> None:
    assert len(EXPRESSIONS) >= 50


@pytest.mark.parametrize(
    "question",
    [
        "what did Rogozin propose",
        "Article 5",
        "who offered the Gabala radar?",
        "",
        "rogozin-2013-02-16",  # an entry id, not a date
        "Feb 30 2013",  # impossible day
        "2013-13",  # no 13th month
        "2013-02-30",
        "30 missiles and 500 launchers",
        "what did Medvedev propose 1000 times",
        "more than 2000 troops",
        "1500 missiles",
        "12000 troops",
        "3000 km",  # outside the years 1000-2999
        "he is in his 90s",  # an age
        "their 80s",
        "around 2000 missiles",  # a count, however rough
        "a total of 2000",  # ... but counts after a quantity
        "Feb 21",  # no year
        "in March",
        "call 2013x",
        "version 1.2013",
        "the 1990th",
    ],
)
def test_question_without_a_date(question: str) -> None:
    assert find_date_expression(question) is None


def test_a_range_wins_over_its_endpoints() -> None:
    match = find_date_expression("Lavrov between 2008 and 2009 on radar")
    assert match is not None
    assert match.text == "between 2008 and 2009"
    assert (match.start, match.end) == (7, 28)


def test_open_ends_use_the_calendar_limits() -> None:
    before = find_date_expression("before 2000")
    since = find_date_expression("since 2010")
    assert before is not None and since is not None
    assert before.span.start == OPEN_START
    assert since.span.end == OPEN_END


def overlaps(first: DateSpan, second: DateSpan) -> bool:
    """The engine's date filter, as SQL writes it: the two intervals share a day."""
    return first.start <= second.end and second.start <= first.end


def test_a_day_overlaps_the_interval_that_contains_it() -> None:
    asked = find_date_expression("May 15, 2010")
    assert asked is not None
    assert overlaps(asked.span, parse_date_value("2010-05-14/2010-05-17"))
    assert not overlaps(asked.span, parse_date_value("2010-05-16/2010-05-17"))


def test_open_range_overlaps_only_its_side() -> None:
    after = find_date_expression("after 2012")
    assert after is not None
    assert overlaps(after.span, parse_date_value("2013-02-16"))
    assert not overlaps(after.span, parse_date_value("2012-12-31"))


def test_season_overlaps_the_data_interval_for_it() -> None:
    asked = find_date_expression("spring 1993")
    assert asked is not None
    assert asked.span == parse_date_value("1993-03/1993-05")


@pytest.mark.parametrize(
    ("span", "expected"),
    [
        ("2013", "2013"),
        ("2013-02", "Feb. 2013"),
        ("2013-02-21", "Feb. 21, 2013"),
        ("2008/2009", "2008–2009"),
        ("1990/1999", "the 1990s"),
        ("1993-03/1993-05", "spring 1993"),
        ("2010-12/2011-02", "winter 2010"),
        ("2010-05-14/2010-05-17", "May 14–17, 2010"),
        ("2013-01/2013-04", "Jan.–April 2013"),
        ("2010-05-30/2010-06-02", "May 30–June 2, 2010"),
        ("2010-12-30/2011-01-02", "Dec. 30, 2010–Jan. 2, 2011"),
        ("2010-11/2011-03", "Nov. 2010–March 2011"),
        ("2001-09", "Sept. 2001"),
    ],
)
def test_describe_span(span: str, expected: str) -> None:
    assert describe_span(parse_date_value(span)) == expected


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("before 2000", "before 2000"),
        ("since 2010", "since 2010"),
        ("after 2012", "since 2013"),
        ("until 2008", "before 2009"),
        ("before March 2009", "before March 2009"),
        ("after Feb. 21, 2013", "since Feb. 22, 2013"),
    ],
)
def test_describe_open_span(question: str, expected: str) -> None:
    match = find_date_expression(question)
    assert match is not None
    assert describe_span(match.span) == expected


def test_describe_unbounded_span() -> None:
    assert describe_span(DateSpan(OPEN_START, OPEN_END)) == "any date"


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("2013", "in 2013"),
        ("Feb 2013", "in Feb. 2013"),
        ("Feb 21 2013", "on Feb. 21, 2013"),
        ("between 2008 and 2009", "in 2008–2009"),
        ("the 1990s", "in the 1990s"),
        ("spring 1993", "in spring 1993"),
        ("before 2000", "before 2000"),
        ("since 2010", "since 2010"),
    ],
)
def test_date_phrase_reads_inside_a_sentence(question: str, expected: str) -> None:
    match = find_date_expression(question)
    assert match is not None
    assert date_phrase(match.span) == expected


def test_date_phrase_of_unbounded_span() -> None:
    assert date_phrase(DateSpan(OPEN_START, OPEN_END)) == "at any date"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2013-02-16", "Feb. 16, 2013"),
        ("2009-03", "March 2009"),
        ("2001", "2001"),
        ("2010-05-14/2010-05-17", "May 14–17, 2010"),
        ("1993-03/1993-05", "March–May 1993"),  # no season name: the data said months
        ("1990/1999", "1990–1999"),
        ("2011-10-01/2011-10-31", "Oct. 2011"),
        ("2013-02-30", "2013-02-30"),  # invalid values are shown as written, never raise
    ],
)
def test_format_date_value(value: str, expected: str) -> None:
    assert format_date_value(value) == expected


@pytest.mark.parametrize(
    "value", ["2013", "2013-02", "2013-02-16", "2010-05-14/2010-05-17", "1993-03/1993-05"]
)
def test_formatted_value_reads_back_as_the_same_span(value: str) -> None:
    match = find_date_expression(format_date_value(value))
    assert match is not None
    assert match.span == parse_date_value(value)


_DATE_WORDS = st.sampled_from(
    [
        "2013", "Feb.", "21", ",", "between", "and", "to", "-", "–", "/", "before", "since",
        "the", "1990s", "'90s", "spring", "of", "winter", "mid-", "early", "Q3", "first",
        "half", "30", "May", "in", "from", "2013-02-30", "2010-05-14", "9999", "0000", "1000",
        "2999", "Dec", "31st", "onwards", "by", "late", "quarter",
    ]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_never_raises_on_any_text(question: str) -> None:
    match = find_date_expression(question)
    if match is not None:
        assert question[match.start : match.end] == match.text
        assert match.span.start <= match.span.end


@settings(max_examples=500, deadline=None)
@given(st.lists(_DATE_WORDS, max_size=8).map(" ".join))
def test_never_raises_on_date_like_words(question: str) -> None:
    match = find_date_expression(question)
    if match is not None:
        assert question[match.start : match.end] == match.text
        assert match.span.start <= match.span.end
        describe_span(match.span)


def test_days_in_month_agrees_with_the_calendar_module() -> None:
    import calendar

    from bot.dates import days_in_month

    for year in (1, 1600, 1700, 1900, 1999, 2000, 2004, 2100, 2400, 9999):
        for month in range(1, 13):
            assert days_in_month(year, month) == calendar.monthrange(year, month)[1]


def test_several_dates_are_all_found() -> None:
    found = find_date_expressions("Patrushev in 2012 and 2013")
    assert [(m.text, m.span.start_iso, m.span.end_iso) for m in found] == [
        ("in 2012", "2012-01-01", "2012-12-31"),
        ("2013", "2013-01-01", "2013-12-31"),
    ]


def test_an_ambiguous_numeric_day_says_how_it_was_read() -> None:
    ambiguous = find_date_expression("09.07.2007")
    certain = find_date_expression("28.04.2012")
    assert ambiguous is not None and ambiguous.reading == "day-first"
    assert certain is not None and certain.reading is None


# --- Russian ---------------------------------------------------------------------------------

RUSSIAN: list[tuple[str, str | None, str | None, str]] = [
    ("в 2013 году", "2013-01-01", "2013-12-31", "в 2013 году"),
    ("Лавров март 2009", "2009-03-01", "2009-03-31", "март 2009"),
    ("в феврале 2013", "2013-02-01", "2013-02-28", "в феврале 2013"),
    ("16 февраля 2013 г.", "2013-02-16", "2013-02-16", "16 февраля 2013 г."),
    ("с 2008 по 2009", "2008-01-01", "2009-12-31", "с 2008 по 2009"),
    ("между 2008 и 2009", "2008-01-01", "2009-12-31", "между 2008 и 2009"),
    ("до 2000 года", None, "1999-12-31", "до 2000 года"),
    ("после 2012", "2013-01-01", None, "после 2012"),
    ("с 2010 года", "2010-01-01", None, "с 2010 года"),
    ("в 1990-х", "1990-01-01", "1999-12-31", "в 1990-х"),
    ("в 90-е", "1990-01-01", "1999-12-31", "в 90-е"),
    ("в девяностые", "1990-01-01", "1999-12-31", "в девяностые"),
    ("весной 1993", "1993-03-01", "1993-05-31", "весной 1993"),
    ("зимой 2012", "2012-12-01", "2013-02-28", "зимой 2012"),
    ("в начале 2013", "2013-01-01", "2013-04-30", "в начале 2013"),
    ("в середине 2007", "2007-05-01", "2007-08-31", "в середине 2007"),
    ("в конце 2011", "2011-09-01", "2011-12-31", "в конце 2011"),
    ("в начале февраля 2013", "2013-02-01", "2013-02-10", "в начале февраля 2013"),
    ("2008–2009 гг.", "2008-01-01", "2009-12-31", "2008–2009 гг."),
    ("путин 2007й", "2007-01-01", "2007-12-31", "2007й"),
    # parts of a decade are its years, never the decade's first year
    ("в конце 1990-х", "1997-01-01", "1999-12-31", "в конце 1990-х"),
    ("в начале 2000-х годов", "2000-01-01", "2003-12-31", "в начале 2000-х годов"),
    ("в конце девяностых", "1997-01-01", "1999-12-31", "в конце девяностых"),
    ("в нулевые", "2000-01-01", "2009-12-31", "в нулевые"),
    # about a year: the year either side, as in English
    ("около 2010", "2009-01-01", "2011-12-31", "около 2010"),
    ("примерно в 2010 году", "2009-01-01", "2011-12-31", "примерно в 2010 году"),
    # quarters
    ("во втором квартале 2012", "2012-04-01", "2012-06-30", "во втором квартале 2012"),
    (
        "в четвёртом квартале 2011 года",
        "2011-10-01",
        "2011-12-31",
        "в четвёртом квартале 2011 года",
    ),
]


@pytest.mark.parametrize(("question", "first", "last", "words"), RUSSIAN)
def test_russian_date_expression(
    question: str, first: str | None, last: str | None, words: str
) -> None:
    found = find_dates(question)
    assert len(found) == 1
    assert (found[0].span.start_iso, found[0].span.end_iso) == (first, last)
    assert found[0].text == words


def test_dates_in_two_languages_are_all_found_longest_reading_first() -> None:
    found = find_dates("Патрушев в 2012 и в 2013 году, Lavrov 2009")
    assert [m.text for m in found] == ["в 2012", "в 2013 году", "2009"]


def _acceptance_questions() -> list[str]:
    import yaml

    folder = Path(__file__).parent
    questions = [question for question, *_ in EXPRESSIONS]
    for name in ("questions.yaml", "questions_chat.yaml", "questions_ru.yaml"):
        cases = yaml.safe_load((folder / name).read_text(encoding="utf-8"))
        questions.extend(case["q"] for case in cases)
    return questions


def test_bare_years_read_directly_agree_with_the_grammar() -> None:
    """The shortcut for questions whose only dates are bare years reads what the grammar does."""
    from bot.lang import en_dates

    checked = 0
    for question in _acceptance_questions():
        plain = en_dates._plain_years(question)
        if plain is not None:
            checked += 1
            assert plain == en_dates._grammar_dates(question), question
    assert checked > 100
    # A sentence mark after a year keeps the shortcut; anything that may be a date part not.
    for question in (
        "What did Vlemauk propose in 2000?",
        "Putin 1999.",
        "Lavrov: 2009!",
        "In 1995, F happened.",  # as the grammar reads it, "In" with the year
    ):
        plain = en_dates._plain_years(question)
        assert plain is not None and plain == en_dates._grammar_dates(question), question
    for question in ("16.02.2013", "2013.02", "the 1990s?", "1999's", "2000-2001?"):
        assert en_dates._plain_years(question) is None, question


@pytest.mark.parametrize(
    ("question", "first", "last"),
    [
        ("the 20th century", "1901-01-01", "2000-12-31"),
        ("in the twentieth century", "1901-01-01", "2000-12-31"),
        ("early 21st century", "2001-01-01", "2030-12-31"),
        ("late 20th century", "1971-01-01", "2000-12-31"),
        ("twenty-first century", "2001-01-01", "2100-12-31"),
        ("в XX веке", "1901-01-01", "2000-12-31"),
        ("ХХ век", "1901-01-01", "2000-12-31"),  # with the Cyrillic Х
        ("XIX века", "1801-01-01", "1900-12-31"),
        ("в 21 веке", "2001-01-01", "2100-12-31"),  # not the year 2021
        ("в 20-м веке", "1901-01-01", "2000-12-31"),
    ],
)
def test_centuries(question: str, first: str, last: str) -> None:
    from bot.lang import expand_typing, find_dates

    (found,) = find_dates(expand_typing(question))
    assert (found.span.start.isoformat(), found.span.end.isoformat()) == (first, last)
