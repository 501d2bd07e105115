"""Answer -> text (console), JSON (CLI) and HTML (Telegram): the one place replies are assembled.

Text and HTML come from one walk over the answer (`_Writer`), so the console chat prints
exactly what the bot sends, minus markup. Every piece of data or user text that goes into
HTML passes through `html.escape`. Every function words in English unless given the reader's
`Words` (bot.words): the frame (notices, lead line, labels, dates) is the reader's language,
the entries' own text stays in the chronology's. The sentences about the question itself
(its reading, the follow-up line, the notices) are worded by `bot.render_reading`, the other
half of rendering; this module lays them out with the entries.
"""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Callable

from bot.answer import TALK, Answer, Entry, Interpretation, Notice, Source
from bot.render_reading import follow_up_text, notice_text, reading_parts
from bot.words import ENGLISH, Words

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
            "chronology": meaning.chronology,
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


def citation_text(entry: Entry, source: Source) -> str:
    """How to cite one entry, as every answer shows it: "Title, Publisher · entry ID"."""
    return _Writer(as_html=False).citation(entry, source)


def lead_parts(answer: Answer, words: Words = ENGLISH) -> list[str]:
    """The pieces of the lead line, plain text: who, when, which words, how many."""
    w = words
    # The order is said too: "latest" shows one entry of many, and the lead says why that one.
    parts = reading_parts(answer.interpretation, order=True, words=w)
    shown = len(answer.results)
    if answer.relaxed:
        count = w.ngettext("{count} nearest entry", "{count} nearest entries", answer.total)
    else:
        count = w.ngettext("{count} entry", "{count} entries", answer.total)
    count = count.format(count=w.number(answer.total))
    if shown and shown < answer.total:
        first, last = answer.offset + 1, answer.offset + shown
        if first == last:
            count += " " + w._("(showing {first})").format(first=first)
        else:
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
        if notice and any(n.kind in TALK for n in answer.notices):
            return self.esc(notice)  # a greeting is answered in kind: no count, no reading
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
