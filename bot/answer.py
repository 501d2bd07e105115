"""What the engine returns: an `Answer` (how the question was read, the entries, a notice),
plain frozen data that every renderer and surface reads and none of them changes.

Named tuples rather than dataclasses: every `chronobot ask` creates these classes, and a
named tuple costs a fraction of a frozen dataclass to create (no generated methods to compile,
no `import dataclasses`, which pulls in `inspect`). Copy one with `_replace(field=...)`.
"""

from __future__ import annotations

from typing import NamedTuple

from bot.dates import DateSpan


class Source(NamedTuple):
    """What a reader needs to cite the chronology itself."""

    title: str
    publisher: str | None = None
    url: str | None = None


class PersonInfo(NamedTuple):
    id: str
    name: str
    aliases: tuple[str, ...] = ()
    description: str | None = None
    entry_count: int = 0


class Entry(NamedTuple):
    """One chronology entry as a result, with everything needed to show and cite it."""

    id: str
    date: str  # the data's date value ("2013-02-16", "1993-03/1993-05")
    date_text: str  # as the source writes it, or a readable form of `date`
    span: DateSpan
    text: str
    people: tuple[PersonInfo, ...] = ()
    cites: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    note: str | None = None
    score: float = 0.0  # higher is better; 0 when the order is by date only
    source: Source | None = None  # its own chronology, when the index holds several


NEWEST = "newest"
OLDEST = "oldest"
# The parts of a reading a follow-up can take from the previous one.
PARTS = ("people", "period", "words", "order")
# Notice kinds of a message that was only talk, or asked about the chronology itself.
TALK = ("greeting", "thanks", "help", "people", "about", "press")


class Interpretation(NamedTuple):
    """How the question was read."""

    people: tuple[PersonInfo, ...] = ()
    span: DateSpan | None = None  # the asked period; with several, from the first to the last
    date_phrase: str | None = None  # the question's own date words, e.g. "between 2008 and 2009"
    terms: tuple[str, ...] = ()  # words that rank (after stop words are removed)
    phrases: tuple[str, ...] = ()  # runs of those words as written: whole phrases rank higher
    unknown_names: tuple[str, ...] = ()  # name-like words matching no person ("Merkel")
    suggestions: tuple[PersonInfo, ...] = ()  # close names for the unknown ones
    # Several periods ("in 2012 and 2013"): any of them; empty when there is one or none.
    periods: tuple[DateSpan, ...] = ()
    date_reading: str | None = None  # how an ambiguous date was read, e.g. "day-first"
    order: str | None = None  # NEWEST or OLDEST when the question asks for an order
    unused_terms: tuple[str, ...] = ()  # asked words the chronology never uses (any form)
    # Mistyped words and the words of the chronology they were read as ("missle", "missil").
    corrections: tuple[tuple[str, str], ...] = ()
    # Words each term was also searched as: irregular and family forms, synonyms.
    expansions: tuple[tuple[str, tuple[str, ...]], ...] = ()
    # Each mention's person ids as asked: AND across mentions, OR within one ("Smith": every Smith).
    groups: tuple[tuple[str, ...], ...] = ()
    # A follow-up (bot.conversation): entries naming these people are left out ("who else?").
    excluded: tuple[PersonInfo, ...] = ()
    inherited: tuple[str, ...] = ()  # parts taken from the previous question (PARTS)
    previous: Interpretation | None = None  # the reading followed (its own `previous` dropped)
    # In doubt, the question was answered as it stands; this is the reading in context.
    offered: Interpretation | None = None
    chronology: str | None = None  # the one chronology answered from (its name); None: all

    @property
    def spans(self) -> tuple[DateSpan, ...]:
        """Every asked period (one, several, or none)."""
        if self.periods:
            return self.periods
        return (self.span,) if self.span is not None else ()


class Notice(NamedTuple):
    """Something the reader should know about an answer, as data: `bot.render_reading` words it.

    Kinds (what the other fields then hold):
      whole_chronology  nothing was asked, the whole chronology is shown
      unknown_person    `words` name nobody; `suggestions` are close names; `shown` says
                        whether entries for the rest of the question are shown instead
      not_together      no entry names all of `people` (in `span`); entries for any are shown
      nearest           nothing for `people` in `span`; `dates` of the nearest entries shown
                        (`excluded`: nothing for anyone but those people)
      no_entry          nothing for `people` in `span`, and nothing near
      partial           no entry mentions all of `words`; entries with some of them are shown
      unranked          `words` match too many entries to rank by relevance: newest first,
                        those mentioning all of them before the others when `together`
      spelling          no entry mentions `words`; entries for `corrections` are shown
      no_words          no entry mentions `words`
      no_match          nothing matched
      unknown_id        a person id (inline or button) that is not in the chronology
      date_reading      the date `words` could be read two ways; read as `span` (`reading`)
      untranslated      `words` are in a language the chronology is not written in, and its
                        glossary (`synonyms:`) does not translate them
      one_chronology    the answer is limited to one chronology, titled `words[0]`
      elsewhere         nothing (or only an alternative) in that one chronology, but other
                        chronologies have entries matching the question
      no_more           "more" after a question whose entries were all shown
      greeting, thanks  the message was only that: no question, no entries
      help              the message asked what the bot does ("help", "what can you do")
      people            the message asked who is in the chronology: `people` are those in
                        the most entries, `words[0]` how many people it names in all
      about             the message asked what the chronology holds: `words` are how many
                        entries and people it has, `span` the years its entries cover
      who               a "who …?" question: `words` are the people its shown entries
                        name, `counts` in how many of them
      who_is            a "who is …?" question: who `people` are (their descriptions)
      press             the message asked which papers the entries cite: `words` are those
                        cited by the most entries, `counts` by how many, `dates[0]` how
                        many papers are cited in all
    """

    kind: str
    people: tuple[PersonInfo, ...] = ()
    span: DateSpan | None = None
    words: tuple[str, ...] = ()
    suggestions: tuple[PersonInfo, ...] = ()
    corrections: tuple[str, ...] = ()
    dates: tuple[str, ...] = ()
    together: bool = False  # `people` were asked together (and), not as alternatives (or)
    excluded: tuple[PersonInfo, ...] = ()  # a follow-up's "who else?": these people left out
    shown: bool = False
    reading: str | None = None
    counts: tuple[int, ...] = ()  # "press": entries per paper in `words`


class Answer(NamedTuple):
    question: str
    interpretation: Interpretation
    results: tuple[Entry, ...]  # the requested page, best first
    total: int  # matching entries in all (results may be one page of them)
    offset: int = 0
    relaxed: bool = False  # True when results are the nearest alternative, not exact matches
    notices: tuple[Notice, ...] = ()  # what the reader should know; bot.render_reading words them
    source: Source = Source(title="")

    def noting(self, notice: Notice, *, first: bool = False) -> Answer:
        """The answer with one more notice: after the others, or before them (`first`)."""
        notices = (notice, *self.notices) if first else (*self.notices, notice)
        return self._replace(notices=notices)


class About(NamedTuple):
    """The chronology as a whole, for /about and `chronobot check`."""

    source: Source
    published: str | None
    first: DateSpan | None
    last: DateSpan | None
    entry_count: int
    people_count: int
