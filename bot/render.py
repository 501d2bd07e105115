"""Answer -> text (console), JSON (CLI) and HTML (Telegram). The only place replies are worded.

Text and HTML come from one walk over the answer (`_Writer`), so the console chat prints
exactly what the bot sends, minus markup. Every piece of data or user text that goes into
HTML passes through `html.escape`. Every function words in English unless given the reader's
`Words` (bot.words): the frame (notices, lead line, labels, dates) is the reader's language,
the entries' own text stays in the chronology's.
"""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Callable

from bot.answer import NEWEST, OLDEST, Answer, Entry, Interpretation, Notice, PersonInfo, Source
from bot.dates import DateSpan
from bot.words import ENGLISH, N_, Words

TELEGRAM_LIMIT = 4096  # visible characters (UTF-16 code units) per message


def visible_length(text: str) -> int:
    """Length as Telegram counts it: UTF-16 code units of the text without markup."""
    return len(text.encode("utf-16-le")) // 2


def render_json(answer: Answer, words: Words = ENGLISH) -> dict:
    """The CLI's `--json` object (a stable contract: keep the keys). `notice` is worded in
    `words`' language, named by `language`; everything else is data."""
    meaning = answer.interpretation
    span = meaning.span
    return {
        "question": answer.question,
        "language": words.code,
        "interpretation": {
            "people": [p.id for p in meaning.people],
            "from": span.start_iso if span else None,
            "to": span.end_iso if span else None,
            "terms": list(meaning.terms),
            "phrases": list(meaning.phrases),
            "unknown_names": list(meaning.unknown_names),
            "periods": [[p.start_iso, p.end_iso] for p in meaning.periods],
            "date_reading": meaning.date_reading,
            "order": meaning.order,
            "unused_terms": list(meaning.unused_terms),
            "expansions": {term: list(forms) for term, forms in meaning.expansions},
            "excluded": [p.id for p in meaning.excluded],
            "inherited": list(meaning.inherited),
            "follows": reading_json(meaning.previous) if meaning.previous else None,
            "offered": reading_json(meaning.offered) if meaning.offered else None,
        },
        "follow_up": follow_up_text(answer, words),
        "relaxed": answer.relaxed,
        "notice": notice_text(answer, words),
        "notices": [notice_json(notice) for notice in answer.notices],
        "total": answer.total,
        "offset": answer.offset,
        "source": {
            "title": answer.source.title,
            "publisher": answer.source.publisher,
            "url": answer.source.url,
        },
        "results": [
            {
                "id": e.id,
                "date": e.date,
                "date_text": e.date_text,
                "people": [p.name for p in e.people],
                "text": e.text,
                "note": e.note,
                "cites": list(e.cites),
                "places": list(e.places),
                "tags": list(e.tags),
                "score": e.score,
                "citation": citation_text(e, answer.source),
            }
            for e in answer.results
        ],
    }


def reading_json(meaning: Interpretation) -> dict:
    """A reading's parts for `--json`: the question a follow-up followed, or the one offered."""
    span = meaning.span
    return {
        "people": [p.id for p in meaning.people],
        "from": span.start_iso if span else None,
        "to": span.end_iso if span else None,
        "periods": [[p.start_iso, p.end_iso] for p in meaning.periods],
        "terms": list(meaning.terms),
        "order": meaning.order,
        "excluded": [p.id for p in meaning.excluded],
        "inherited": list(meaning.inherited),
    }


def plural(count: int, one: str, many: str | None = None) -> str:
    """ "1 entry", "3 entries", "1,200 entries": `many` defaults to `one` + "s"."""
    return f"{count:,} {one if count == 1 else (many or one + 's')}"


def notice_json(notice: Notice) -> dict:
    """A notice as data for `--json`: its kind and what it is about."""
    span = notice.span
    return {
        "kind": notice.kind,
        "people": [p.id for p in notice.people],
        "from": span.start_iso if span else None,
        "to": span.end_iso if span else None,
        "words": list(notice.words),
        "suggestions": [p.id for p in notice.suggestions],
        "corrections": list(notice.corrections),
        "dates": list(notice.dates),
    }


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


def _when(span: DateSpan | None, words: Words) -> str:
    return f" {words.in_period(span)}" if span else ""


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
    when = _when(notice.span, w)
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
    if kind == "date_reading" and notice.span is not None:
        return w._("Read {words} as {period} (day first).").format(
            words=_quoted(notice.words, w), period=w.period(notice.span)
        )
    return w._("No matching entry.")


def citation_text(entry: Entry, source: Source) -> str:
    """How to cite one entry, as every answer shows it: "Title, Publisher · entry ID"."""
    return _Writer(as_html=False).citation(entry, source)


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
    if meaning.periods:
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


def lead_parts(answer: Answer, words: Words = ENGLISH) -> list[str]:
    """The pieces of the lead line, plain text: who, when, which words, how many."""
    w = words
    parts = reading_parts(answer.interpretation, words=w)
    shown = len(answer.results)
    if answer.relaxed:
        count = w.ngettext("{count} nearest entry", "{count} nearest entries", answer.total)
    else:
        count = w.ngettext("{count} entry", "{count} entries", answer.total)
    count = count.format(count=w.number(answer.total))
    if shown and shown < answer.total:
        first, last = answer.offset + 1, answer.offset + shown
        count += " " + w._("(showing {first}–{last})").format(first=first, last=last)
    parts.append(count)
    return parts


@functools.lru_cache(maxsize=256)
def highlight_pattern(terms: tuple[str, ...]) -> re.Pattern[str]:
    """The words of an entry to highlight for `terms`: the word itself, or for words of five
    letters or more any word starting with its stem ("asteroids" for "asteroid")."""
    alternatives = []
    for term in terms:
        if len(term) > 4:
            alternatives.append(re.escape(term[: max(4, len(term) - 2)]) + r"[^\W_]*")
        else:
            alternatives.append(re.escape(term))
    return re.compile(rf"(?<![^\W_])(?:{'|'.join(alternatives)})(?![^\W_])", re.IGNORECASE)


def _mark(text: str, terms: tuple[str, ...], wrap: Callable[[str], str]) -> str:
    """Escape `text`, wrapping words that match `terms` with `wrap`."""
    if not terms:
        return html.escape(text, quote=False)
    out, last = [], 0
    for match in highlight_pattern(terms).finditer(text):
        out.append(html.escape(text[last : match.start()], quote=False))
        out.append(wrap(html.escape(match.group(), quote=False)))
        last = match.end()
    out.append(html.escape(text[last:], quote=False))
    return "".join(out)


def shorten(text: str, limit: int) -> str:
    """Cut `text` to `limit` visible characters at a word boundary, with an ellipsis."""
    length = visible_length(text)
    if length <= limit:
        return text
    if length == len(text):  # no astral character: one unit each (the common case, no loop)
        end = limit - 1
    else:
        width, end = 0, 0
        for end, char in enumerate(text):  # noqa: B007  (end is used after the loop)
            width += 2 if ord(char) > 0xFFFF else 1  # astral characters are two UTF-16 units
            if width > limit - 1:
                break
    cut = text[:end]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip() + "…"


class _Writer:
    """Writes an answer either as HTML or as plain text, from the same wording."""

    def __init__(self, as_html: bool, words: Words = ENGLISH, lead_link: str | None = None):
        self.as_html = as_html
        self.words = words
        self.lead_link = lead_link

    def esc(self, text: str) -> str:
        return html.escape(text, quote=False) if self.as_html else text

    def bold(self, text: str) -> str:
        return f"<b>{self.esc(text)}</b>" if self.as_html else text

    def italic(self, text: str) -> str:
        return f"<i>{self.esc(text)}</i>" if self.as_html else text

    def marked(self, text: str, terms: tuple[str, ...]) -> str:
        if not self.as_html:
            return text
        return _mark(text, terms, lambda word: f"<u>{word}</u>")

    def link(self, text: str, url: str | None) -> str:
        if self.as_html and url and url.startswith(("http://", "https://")):
            return f'<a href="{html.escape(url, quote=True)}">{self.esc(text)}</a>'
        return self.esc(text)

    def lead(self, answer: Answer) -> str:
        lines = []
        notice = notice_text(answer, self.words)
        if notice:
            lines.append(self.italic(notice))
        lead = self.bold(" · ".join(lead_parts(answer, self.words)))
        if self.as_html and self.lead_link:
            lead = f'<a href="{html.escape(self.lead_link, quote=True)}">{lead}</a>'
        follow_up = follow_up_text(answer, self.words)
        in_doubt = answer.interpretation.offered is not None
        if follow_up and not in_doubt:
            lead += " — " + self.italic(follow_up)
        lines.append(lead)
        if follow_up and in_doubt:
            lines.append(self.italic(follow_up))
        return "\n".join(lines)

    def entry(self, entry: Entry, source: Source, terms: tuple[str, ...], budget: int) -> str:
        w = self.words
        text = shorten(entry.text, budget)
        lines = [self.bold(w.entry_date(entry.date_text, entry.span)), self.marked(text, terms)]
        if entry.note:
            lines.append(self.italic(f"[{shorten(entry.note, max(60, budget // 2))}]"))
        side = max(60, budget // 2)  # data can hold any number of people and sources
        if entry.people:
            people = shorten(", ".join(p.name for p in entry.people), side)
            lines.append(w._("People: {names}").format(names=self.esc(people)))
        if entry.cites:
            cites = self.esc(shorten("; ".join(entry.cites), side))
            lines.append(w._("Sources: {sources}").format(sources=cites))
        lines.append(f"— {self.citation(entry, source)}")
        return "\n".join(lines)

    def citation(self, entry: Entry, source: Source) -> str:
        source = entry.source or source  # each entry cites its own chronology
        title = self.link(shorten(source.title, 120), source.url)
        publisher = f", {self.esc(shorten(source.publisher, 80))}" if source.publisher else ""
        entry_id = self.words._("entry {id}").format(id=self.esc(entry.id))
        return f"{title}{publisher} · {entry_id}"

    def answer(self, answer: Answer, max_chars: int | None = None) -> str:
        """The lead and every entry; with `max_chars`, cut to fit that many visible chars."""
        lead = self.lead(answer)
        if not answer.results:
            return lead
        terms = answer.interpretation.terms
        if max_chars is None:
            blocks = [self.entry(e, answer.source, terms, budget=1_000_000) for e in answer.results]
            return "\n\n".join([lead, *blocks])
        # Every entry of a page should fit (pagination counts on it), so long texts are cut
        # to a share of the message, tighter until the whole fits.
        entries = list(answer.results)
        budget = max(40, (max_chars - visible_length(lead)) // len(entries) - 200)
        while True:
            blocks = [self.entry(e, answer.source, terms, budget) for e in entries]
            out = "\n\n".join([lead, *blocks])
            if len(entries) < len(answer.results):
                hidden = len(answer.results) - len(entries)
                note = self.words.ngettext(
                    "({count} more not shown: too long for one message)",
                    "({count} more not shown: too long for one message)",
                    hidden,
                )
                out += "\n\n" + self.italic(note.format(count=hidden))
            if visible_length(html_to_text(out) if self.as_html else out) <= max_chars:
                return out
            if budget > 40:
                budget = max(40, budget * 2 // 3)
            elif len(entries) > 1:
                entries.pop()  # only for pages far larger than the bot ever sends
            else:
                too_long = self.words._("(This entry is too long to show here.)")
                return lead + "\n\n" + self.italic(too_long)


def render_text(answer: Answer, words: Words = ENGLISH) -> str:
    """Plain text for the console chat: exactly what the bot says, without markup."""
    return _Writer(as_html=False, words=words).answer(answer)


def render_entry_html(
    entry: Entry, source: Source, terms: tuple[str, ...] = (), words: Words = ENGLISH
) -> str:
    """HTML of one entry: bold date, text with `terms` highlighted, people, cites, citation."""
    return _Writer(as_html=True, words=words).entry(entry, source, terms, budget=3000)


def render_html(
    answer: Answer,
    *,
    max_chars: int = TELEGRAM_LIMIT,
    words: Words = ENGLISH,
    lead_link: str | None = None,
) -> str:
    """HTML of the lead and every entry in `answer.results`, within `max_chars` visible chars.

    `lead_link`: a URL the lead line links to (a group answer's own reading, see bot.telegram).
    """
    return _Writer(as_html=True, words=words, lead_link=lead_link).answer(answer, max_chars)


def html_to_text(markup: str) -> str:
    """The visible text of our own HTML (tags dropped, entities decoded)."""
    return html.unescape(re.sub(r"<[^>]*>", "", markup))


def inline_title(entry: Entry, words: Words = ENGLISH) -> str:
    """Plain text title of an inline result: "Sept. 1843 — Ada Lovelace"."""
    who = ", ".join(p.name for p in entry.people[:2])
    if len(entry.people) > 2:
        who = words._("{names} et al.").format(names=who)
    subject = who or ", ".join(entry.places[:2]) or ", ".join(entry.tags[:1])
    when = words.entry_date(entry.date_text, entry.span)
    return f"{when} — {subject}" if subject else when


def inline_description(entry: Entry, max_chars: int = 120) -> str:
    """Plain text snippet of the entry for an inline result."""
    return shorten(" ".join(entry.text.split()), max_chars)
