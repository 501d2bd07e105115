"""How the bot words its reading of a question: the reading's parts and label, the follow-up
line, and the notices that say where an answer departs from what was asked.

Part of rendering: `bot.render` assembles every reply and calls these for the lead and the
notice above it; views (buttons, pictures, the timeline) use them for a reading's label or a
notice alone. Kept apart from `bot.render` because this is sentence-making (one case per
notice kind, lists joined in the reader's language) while `bot.render` lays out entries,
escapes and fits Telegram's length limit. Every function words in English unless given the
reader's `Words`.
"""

from __future__ import annotations

from collections.abc import Iterable

from bot.answer import NEWEST, OLDEST, Answer, Interpretation, Notice, PersonInfo
from bot.dates import DateSpan, first_of_each_year, without_year
from bot.words import ENGLISH, N_, Words

_ORDER_WORDS = {NEWEST: N_("newest first"), OLDEST: N_("oldest first")}


def reading_parts(
    meaning: Interpretation, *, order: bool = False, words: Words = ENGLISH
) -> list[str]:
    """What a reading asks, plain text: who (and who not), when, which words."""
    w = words
    parts = [p.name for p in meaning.people]
    if meaning.excluded:
        excluded = _names(meaning.excluded, w, together=True)
        parts.append(w._("other than {people}").format(people=excluded))
    each_year = each_year_label(meaning.periods, w)
    if each_year is not None:
        parts.append(w._("{months}, each year").format(months=each_year))
    elif meaning.periods:
        parts.append(", ".join(w.period(period) for period in meaning.periods))
    elif meaning.span is not None:
        parts.append(w.period(meaning.span))
    if meaning.terms:
        parts.append(", ".join(map(w.quoted, meaning.terms)))
    if order and meaning.order in _ORDER_WORDS:
        parts.append(w._(_ORDER_WORDS[meaning.order]))
    return parts


def reading_label(meaning: Interpretation, words: Words = ENGLISH) -> str:
    """A reading in a few words, e.g. for a button: "Grace Hopper · 1952"."""
    parts = reading_parts(meaning, order=True, words=words)
    return " · ".join(parts) or words._("the whole chronology")


def follow_up_text(answer: Answer, words: Words = ENGLISH) -> str | None:
    """What the answer took from the previous question, or what it did not take (in doubt)."""
    w = words
    meaning = answer.interpretation
    if meaning.previous is not None and (meaning.inherited or meaning.excluded):
        return w._("following your question about {reading}").format(
            reading=reading_label(meaning.previous, w)
        )
    if meaning.offered is not None and meaning.offered.previous is not None:
        return w._(
            "Answered on its own; after your question about {previous} it could mean {offered}."
        ).format(
            previous=reading_label(meaning.offered.previous, w),
            offered=reading_label(meaning.offered, w),
        )
    return None


def notice_text(answer: Answer, words: Words = ENGLISH) -> str | None:
    """The answer's notices as sentences, or None when there is nothing to say."""
    sentences = [notice_sentence(notice, words, answer) for notice in answer.notices]
    return " ".join(sentence for sentence in sentences if sentence) or None


def joined(items: list[str], words: Words, *, together: bool = False) -> str:
    """ "a, b or c" (or "a, b and c" when `together`), in `words`' language."""
    if len(items) <= 1:
        return "".join(items)
    last = words._("{items} and {last}") if together else words._("{items} or {last}")
    return last.format(items=", ".join(items[:-1]), last=items[-1])


def _quoted(items: tuple[str, ...], words: Words, *, together: bool = False) -> str:
    return joined([words.quoted(item) for item in items], words, together=together)


def _names(people: tuple[PersonInfo, ...], words: Words, *, together: bool) -> str:
    return joined([p.name for p in people], words, together=together)


def _with_counts(named: Iterable[tuple[str, int]], words: Words) -> str:
    """Names, each with its count of entries: "EIR (2), Izvestia (1)"."""
    return ", ".join(f"{name} ({words.number(count)})" for name, count in named)


def _who_is(person: PersonInfo, words: Words) -> str:
    """ "Ada Lovelace: mathematician, wrote the first program." (the chronology's own words), or
    how many entries name the person when it gives none."""
    if person.description:
        about = person.description.rstrip(".")
    else:
        about = words.ngettext(
            "named in {count} entry", "named in {count} entries", person.entry_count
        ).format(count=words.number(person.entry_count))
    return words._("{name}: {about}.").format(name=person.name, about=about)


def _when(span: DateSpan | None, words: Words, answer: Answer | None = None) -> str:
    each_year = each_year_label(answer.interpretation.periods, words) if answer else None
    if each_year is not None:
        return " " + words._("in {months} of any year").format(months=each_year)
    return f" {words.in_period(span)}" if span else ""


def each_year_label(periods: tuple[DateSpan, ...], words: Words) -> str | None:
    """The months asked without a year ("Feb.", "summer"), when `periods` are the same
    months of year after year ("rogozin feb"); else None."""
    first = first_of_each_year(periods)
    return without_year(words.period(first)) if first is not None else None


def _nearest_dates(notice: Notice, words: Words, answer: Answer | None) -> str:
    """The dates of the nearest entries: the engine's English wording, or in another language
    the shown entries' own dates (they are those nearest entries, in the same order)."""
    if words.code == ENGLISH.code or answer is None or not answer.results:
        return ", ".join(notice.dates)
    return ", ".join(words.entry_date(e.date_text, e.span) for e in answer.results)


def notice_sentence(notice: Notice, words: Words = ENGLISH, answer: Answer | None = None) -> str:
    """One notice as a sentence in `words`' language (`answer`: the answer it belongs to)."""
    sentence = _notice_sentence(notice, words, answer)
    # A sentence ending in an abbreviated date ("2013 г.") takes no second full stop.
    return sentence[:-1] if sentence.endswith("..") else sentence


def _notice_sentence(notice: Notice, words: Words, answer: Answer | None) -> str:
    w = words
    kind = notice.kind
    if kind == "whole_chronology":
        return w._("Ask about a person, a date or a topic; here is the whole chronology.")
    if kind == "unknown_person":
        text = w.ngettext(
            "No person named {names} in this chronology, and no entry mentions it",
            "No person named {names} in this chronology, and no entry mentions them",
            len(notice.words),
        ).format(names=_quoted(notice.words, w))
        if notice.suggestions:
            suggested = joined([p.name for p in notice.suggestions], w)
            text += w._("; did you mean {names}?").format(names=suggested)
        else:
            text += "."
        if notice.shown:
            text += " " + w._("Showing entries for the rest of your question.")
        return text
    if kind == "one_chronology":
        return w._("From the chronology {title} only.").format(title=w.quoted(notice.words[0]))
    if kind == "elsewhere":
        return w._("Other chronologies have entries that match.")
    when = _when(notice.span, w, answer)
    if kind == "not_together":
        return w._(
            "No entry names {people} together{when}; showing entries for any of them."
        ).format(people=_names(notice.people, w, together=True), when=when)
    people = _names(notice.people, w, together=notice.together)
    if notice.excluded and not notice.people:
        people = w._("anyone other than {people}").format(
            people=_names(notice.excluded, w, together=True)
        )
    named = bool(notice.people or notice.excluded)  # "for X", "for anyone other than X"
    if kind == "nearest":
        dates = _nearest_dates(notice, w, answer)
        if named:
            sentence = w._("No entry for {people}{when}; nearest: {dates}.")
        else:
            sentence = w._("No entry{when}; nearest: {dates}.")
        return sentence.format(people=people, when=when, dates=dates)
    if kind == "no_entry":
        if named:
            return w._("No entry for {people}{when}.").format(people=people, when=when)
        return w._("No entry{when}.").format(when=when)
    if kind == "partial":
        return w._(
            "No entry mentions {words} together; showing entries that mention some of them."
        ).format(words=_quoted(notice.words, w, together=True))
    if kind == "unranked":
        if notice.together:
            return w._(
                "Too many entries mention {words} to rank them by relevance; newest first, "
                "those that mention all of them before the others."
            ).format(words=_quoted(notice.words, w))
        return w._(
            "Too many entries mention {words} to rank them by relevance; newest first."
        ).format(words=_quoted(notice.words, w))
    if kind == "spelling":
        return w._("No entry mentions {words}; showing entries for {corrections}.").format(
            words=", ".join(map(w.quoted, notice.words)),
            corrections=", ".join(map(w.quoted, notice.corrections)),
        )
    if kind == "no_words":
        return w._("No entry mentions {words}.").format(
            words=", ".join(map(w.quoted, notice.words))
        )
    if kind == "untranslated":
        return w.ngettext(
            "{words} is not in this chronology's language, and its glossary has no "
            "translation for it.",
            "{words} are not in this chronology's language, and its glossary has no "
            "translation for them.",
            len(notice.words),
        ).format(words=", ".join(map(w.quoted, notice.words)))
    if kind == "unknown_id":
        return w._("That person is not in this chronology.")
    if kind == "no_more":
        total = answer.total if answer is not None else 0
        return w.ngettext(
            "That was all: {count} entry, already shown.",
            "That was all: {count} entries, all shown.",
            total,
        ).format(count=total)
    if kind == "greeting":
        return w._("Hello! Ask about a person, a date or a topic.")
    if kind == "thanks":
        return w._("Glad to help. Ask about a person, a date or a topic whenever you like.")
    if kind == "people":
        count = int(notice.words[0]) if notice.words else len(notice.people)
        names = _with_counts(((p.name, p.entry_count) for p in notice.people), w)
        said = w.ngettext(
            "This chronology names {count} person: {names}.",
            "This chronology names {count} people; in the most entries: {names}.",
            count,
        )
        return said.format(count=w.number(count), names=names)
    if kind == "who_is":
        return " ".join(_who_is(person, w) for person in notice.people)
    if kind == "who":
        return w._("Named in these entries: {names}.").format(
            names=_with_counts(zip(notice.words, notice.counts, strict=True), w)
        )
    if kind == "press":
        count = int(notice.dates[0]) if notice.dates else len(notice.words)
        if not count:
            return w._("No entry of this chronology cites a source.")
        papers = _with_counts(zip(notice.words, notice.counts, strict=True), w)
        cites = w.ngettext(
            "The entries cite {count} source: {papers}.",
            "The entries cite {count} sources; the most cited: {papers}.",
            count,
        )
        return cites.format(count=w.number(count), papers=papers)
    if kind == "about":
        entry_count, people_count = (int(word) for word in notice.words)
        size = w.ngettext(
            "This chronology has {count} entry", "This chronology has {count} entries", entry_count
        ).format(count=w.number(entry_count))
        if notice.span is not None:
            size += w._(" covering {years}").format(years=w.period(notice.span))
        naming = w.ngettext("naming {count} person", "naming {count} people", people_count)
        return f"{size}, {naming.format(count=w.number(people_count))}."
    if kind == "help":
        return w._(
            "I answer questions about this chronology and cite its entries. Ask about a "
            "person, a date or a topic, or all of them at once (a surname and a year). After "
            "an answer, “and in 2011?”, “who else?” or “more” go on with it."
        )
    if kind == "date_reading" and notice.span is not None:
        return w._("Read {words} as {period} (day first).").format(
            words=_quoted(notice.words, w), period=w.period(notice.span)
        )
    return w._("No matching entry.")
