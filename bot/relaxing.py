"""The nearest honest alternative when nothing matches a question's strict reading: entries
naming any of several people, the entries nearest the asked period, the words as spelt in the
chronology, or nothing; and the notice that says which (data, worded by bot.render_reading).

The engine (bot.engine) tries the strict reading first and comes here only when it is empty.
"""

from __future__ import annotations

from bot.answer import Notice, PersonInfo
from bot.entries import date_text
from bot.index_words import IndexWords
from bot.question import ParsedQuestion
from bot.ranking import Pages, Reading, Row
from bot.search import Constraint, fts_all
from bot.word_pages import WordPages


def nearest_alternative(
    pages: Pages,
    words: IndexWords,
    parsed: ParsedQuestion,
    limit: int,
    offset: int,
    notices: list[Notice],
    chronology: int | None = None,
) -> tuple[list[Row], int, bool]:
    """Nothing matched the strict reading: the rows of the nearest honest alternative (within
    `chronology` when the question is limited to one), their total and whether they are a
    relaxed reading; the notice saying so is added to `notices`."""
    meaning = parsed.interpretation
    known = known_concepts(parsed)
    spans = meaning.spans
    if len(parsed.groups) > 1:
        either = (tuple(dict.fromkeys(p for g in parsed.groups for p in g)),)
        constraint = Constraint(either, spans, (), ids(meaning.excluded), chronology)
        rows, total = pages.page(Reading(constraint, known, order=meaning.order), limit, offset)
        if total:
            notices.append(
                Notice("not_together", people=meaning.people, span=meaning.span, together=True)
            )
            return rows, total, True
    if spans:
        groups = parsed.groups
        if len(groups) > 1:
            groups = (tuple(dict.fromkeys(p for g in groups for p in g)),)
        subject = meaning.people if groups else ()
        nearest = pages.nearest(groups, meaning.span or spans[0], ids(meaning.excluded), chronology)
        together = len(parsed.groups) > 1
        if nearest:
            dates = tuple(date_text(row) for row, _ in nearest)
            notices.append(
                Notice(
                    "nearest",
                    people=subject,
                    span=meaning.span,
                    dates=dates,
                    together=together,
                    excluded=meaning.excluded,
                )
            )
            page = nearest[offset : offset + limit]
            return page, len(nearest), True
        notices.append(
            Notice(
                "no_entry",
                people=subject,
                span=meaning.span,
                together=together,
                excluded=meaning.excluded,
            )
        )
        return [], 0, False
    if meaning.terms and not parsed.groups:
        corrected = words.correct_terms(meaning.terms)
        if corrected and corrected != meaning.terms:
            concepts = tuple((word,) for word in corrected)
            anywhere = Reading(Constraint((), chronology=chronology), concepts, order=meaning.order)
            rows, total = pages.page(anywhere, limit, offset)
            if total:
                notices.append(Notice("spelling", words=meaning.terms, corrections=corrected))
                notices.extend(
                    unranked_notice(pages, concepts, corrected, meaning.order, total, chronology)
                )
                return rows, total, True
        notices.append(Notice("no_words", words=meaning.terms))
        return [], 0, False
    if parsed.groups and chronology is not None:
        # The people are known, but this chronology never names them (together).
        together = len(parsed.groups) > 1
        notices.append(Notice("no_entry", people=meaning.people, together=together))
        return [], 0, False
    notices.append(Notice("no_match"))
    return [], 0, False


def unranked_notice(
    pages: Pages,
    concepts: tuple[tuple[str, ...], ...],
    terms: tuple[str, ...],
    order: str | None,
    total: int,
    chronology: int | None = None,
) -> list[Notice]:
    """The notice for words matching too many entries to rank (see WordPages.RANK_LIMIT):
    they are shown newest first, those holding every word first when some do."""
    if not concepts or order is not None or total <= WordPages.RANK_LIMIT:
        return []
    together = len(concepts) > 1 and pages.any_match(fts_all(concepts), chronology)
    return [Notice("unranked", words=terms, together=together)]


def known_concepts(parsed: ParsedQuestion) -> tuple[tuple[str, ...], ...]:
    """The concepts of the terms the chronology uses: the others can neither select nor rank."""
    unused = set(parsed.interpretation.unused_terms)
    return tuple(
        concept
        for term, concept in zip(parsed.interpretation.terms, parsed.concepts, strict=False)
        if term not in unused
    )


def ids(people: tuple[PersonInfo, ...]) -> tuple[str, ...]:
    return tuple(person.id for person in people)
