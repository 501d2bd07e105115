"""The bot's own words: command texts, hints and errors (answers are worded by bot.render).

Every function words in the reader's language (`words`, see bot/words.py); every value from
the data or from a user is escaped here; examples come from the chronology itself
(`Examples`), so another chronology needs no code change.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from bot.answer import About, PersonInfo, Source
from bot.dates import DateSpan, year_span
from bot.render import shorten
from bot.words import N_, Words

# Short messages, translated where they are sent: `words._(texts.NOT_TEXT)`.
SOMETHING_WENT_WRONG = N_(
    "Sorry, something went wrong while answering. Please try again in a moment."
)
NOT_TEXT = N_("I only read text: ask me a question in words, or see /help.")
UNKNOWN_COMMAND = N_("I don't know that command. /help lists the ones I understand.")
BUTTON_EXPIRED = N_("This button no longer works. Please ask again.")
QUESTION_GONE = N_("I can no longer see the question. Please ask it again.")


@dataclass(frozen=True, slots=True)
class Examples:
    """Example values taken from the chronology, for hints and example buttons."""

    name: str  # the most frequent person
    year: int | None  # a year with entries
    range: tuple[int, int] | None  # a range of years inside the chronology
    questions: tuple[str, ...]  # a few complete example questions, in the reader's language


def count_entries(w: Words, count: int) -> str:
    return w.ngettext("{count} entry", "{count} entries", count).format(count=w.number(count))


def count_people(w: Words, count: int) -> str:
    return w.ngettext("{count} person", "{count} people", count).format(count=w.number(count))


def years_of(w: Words, about: About) -> str:
    """The chronology's years: "2001–2012" ("2001–2012 гг.")."""
    if about.first is None or about.last is None:
        return ""
    return w.period(year_span(about.first.start.year, about.last.end.year))


def sources_text(
    w: Words,
    chronologies: Sequence[tuple[str, Source, int, DateSpan | None]],
    current: str | None = None,
    *,
    chosen: bool = False,
) -> str:
    """/sources: each chronology the bot answers from, with its entries and the years covered;
    with several, which of them this chat's questions are answered from (`current`: one of
    them, None: all; `chosen`: the chat has just chosen it)."""
    heading = w._("Chronologies")
    lines = [f"<b>{heading}</b>"]
    for name, source, count, span in chronologies:
        years = w.period(year_span(span.start.year, span.end.year)) if span else ""
        entries = count_entries(w, count)
        counted = f"{entries}, {years}" if years else entries
        tick = "✓ " if name == current else ""
        lines.append(f"• {tick}<b>{escape(source.title)}</b> ({escape(name)}): {counted}")
    if len(chronologies) < 2:
        return "\n".join(lines)
    titles = {name: source.title or name for name, source, *_ in chronologies}
    if current is None:
        choice = w._("This chat's questions are answered from all chronologies.")
        hint = w._("A button below answers them from one only.")
    else:
        choice = w._("This chat's questions are answered from {title} only.").format(
            title=f"<b>{escape(w.quoted(titles.get(current, current)))}</b>"
        )
        hint = w._("{button} below answers them from every one again.").format(
            button=w.quoted(w._("All chronologies"))
        )
    lines.append("")
    lines.append(f"{choice} {hint}" if not chosen else choice)
    return "\n".join(lines)


def chronology_dropped(w: Words, name: str) -> str:
    """The chronology a chat chose with /sources is no longer served (a reload removed it)."""
    return w._(
        "The chronology {name} chosen for this chat with /sources is no longer served: "
        "questions are answered from all chronologies again."
    ).format(name=f"<b>{escape(w.quoted(name))}</b>")


def start_text(w: Words, about: About, username: str) -> str:
    """/start: what the bot knows and how to begin."""
    source = about.source
    publisher = f" ({escape(source.publisher)})" if source.publisher else ""
    years = years_of(w, about)
    entries, people = count_entries(w, about.entry_count), count_people(w, about.people_count)
    if years:
        knows = w._(
            "I answer questions about this chronology: {entries} from {years}, naming {people}."
        )
    else:
        knows = w._("I answer questions about this chronology: {entries}, naming {people}.")
    return (
        f"<b>{escape(source.title)}</b>{publisher}\n\n"
        + knows.format(entries=entries, years=years, people=people)
        + " "
        + w._("Every answer cites the entries it shows.")
        + "\n\n"
        + w._(
            "Ask in plain words, or tap an example below. /help explains how to ask, also inline "
            "(<code>@{bot} …</code> in any chat) and in groups. /language switches between "
            "English and Russian."
        ).format(bot=escape(username))
    )


def help_text(
    w: Words, examples: Examples, username: str, commands: Sequence[tuple[str, str, str]]
) -> str:
    """/help: the query language, the commands (name, usage, description), inline and groups.

    `commands` are worded already (usage and description in the reader's language).
    """
    name = escape(examples.name)
    year = examples.year or w._("YEAR")
    low, high = examples.range or (year, year)
    bot = escape(username)
    listed = "\n".join(
        f"/{command}{' ' + escape(usage) if usage else ''} — {escape(description)}"
        for command, usage, description in commands
    )
    return (
        w._("<b>How to ask</b>")
        + "\n"
        + w._("Write a question in plain words. I look for:")
        + "\n"
        + w._(
            "• <b>people</b>: a name or a surname, any spelling or script (<i>{name}</i>)"
        ).format(name=name)
        + "\n"
        + w._(
            "• <b>dates</b>: a year (<i>{year}</i>), a month (<i>March {year}</i>), a day "
            "(<i>{year}-03-14</i>), a range (<i>between {low} and {high}</i>, "
            "<i>before {high}</i>, <i>since {low}</i>), a decade or a season "
            "(<i>spring {year}</i>)"
        ).format(year=year, low=low, high=high)
        + "\n"
        + w._("• <b>words</b>: everything else puts the best matching entries first")
        + "\n"
        + w._(
            "People and dates narrow the answer; words only rank it. When nothing matches "
            "exactly, I say so and show the nearest entries."
        )
        + "\n"
        + w._(
            "Follow up on an answer: <i>and in {year}?</i>, <i>what about …?</i>, "
            "<i>before that?</i>, <i>who else?</i> keep what you do not change (in a group, "
            "reply to my answer)."
        ).format(year=year)
        + "\n"
        + w._(
            "<i>the second one</i> opens one entry of my last answer; <i>how many entries?</i> "
            "and <i>which newspapers?</i> tell you about the chronology itself."
        )
        + "\n"
        + w._(
            "<i>who is {name}?</i> says who they are; <i>not {name}</i> leaves their entries out."
        ).format(name=name)
        + "\n\n"
        + w._("<b>Commands</b>")
        + f"\n{listed}\n\n"
        + w._(
            "<b>Inline</b>: type <code>@{bot} {name}</code> in any chat and pick an entry to share."
        ).format(bot=bot, name=name)
        + "\n"
        + w._(
            "<b>Groups</b>: add me to a group and ask with <code>/ask@{bot} …</code>, by "
            "mentioning @{bot} with a question, or by replying to one of my messages."
        ).format(bot=bot)
    )


def about_text(w: Words, about: About) -> str:
    """/about: the chronology as a whole."""
    source = about.source
    lines = [f"<b>{escape(source.title)}</b>"]
    if source.publisher:
        lines.append(w._("Publisher: {publisher}").format(publisher=escape(source.publisher)))
    if about.published:
        lines.append(w._("Published: {date}").format(date=escape(about.published)))
    if source.url:
        url = escape(source.url, quote=True)
        shown = (
            f'<a href="{url}">{url}</a>' if source.url.startswith(("http://", "https://")) else url
        )
        lines.append(w._("Source: {url}").format(url=shown))
    years = years_of(w, about)
    entries, people = count_entries(w, about.entry_count), count_people(w, about.people_count)
    if years:
        counts = w._("{entries} covering {years}, naming {people}.")
    else:
        counts = w._("{entries}, naming {people}.")
    lines.append(counts.format(entries=entries, years=years, people=people))
    return "\n".join(lines)


def people_text(w: Words, people: Sequence[PersonInfo], offset: int, total: int) -> str:
    """One page of /people: names, who they are, how many entries."""
    lines = [w._("<b>People in the chronology</b> ({total})").format(total=total)]
    for person in people:
        about = f" — {escape(person.description)}" if person.description else ""
        count = count_entries(w, person.entry_count)
        lines.append(f"• <b>{escape(person.name)}</b>{about} · {count}")
    if not people:
        lines.append(w._("Nobody on this page.") if offset else w._("The chronology names nobody."))
    lines.append("\n" + w._("/person NAME shows everything about one of them."))
    return "\n".join(lines)


def person_header(people: Sequence[PersonInfo]) -> str:
    """Who the people of a /person answer are, above the answer itself."""
    lines = []
    for person in people:
        about = f" — {escape(person.description)}" if person.description else ""
        lines.append(f"👤 <b>{escape(person.name)}</b>{about}")
    return "\n".join(lines) + "\n\n"


def no_such_person(w: Words, name: str, suggestions: Sequence[PersonInfo]) -> str:
    text = w._("No one in the chronology is called {name}.").format(name=w.quoted(escape(name)))
    if suggestions:
        names = ", ".join(f"<b>{escape(p.name)}</b>" for p in suggestions)
        text += " " + w._("Did you mean {names}?").format(names=names)
    return text + " " + w._("/people lists everyone.")


def no_date(w: Words, text: str, examples: Examples) -> str:
    year = examples.year or w._("YEAR")
    return w._(
        "I could not find a date in {text}. Try <code>/year {year}</code> or "
        "<code>/date March {year}</code>."
    ).format(text=w.quoted(escape(text)), year=year)


def needs_argument(w: Words, command: str, examples: Examples) -> str:
    """The hint for a command sent without what it needs."""
    between = ""
    if examples.range:
        low, high = examples.range
        between = w._("between {low} and {high}").format(low=low, high=high)
    example = {
        "ask": examples.questions[0] if examples.questions else examples.name,
        "person": examples.name,
        "year": str(examples.year or w._("YEAR")),
        "date": between,
        "entry": w._("ID"),
    }.get(command, "")
    hint = w._("Use it like this: {example}").format(
        example=f"<code>/{command} {escape(example)}</code>"
    )
    if command == "entry":
        hint += " " + w._("(every answer shows its entries' ids)")
    return hint + "."


def no_such_entry(w: Words, entry_id: str) -> str:
    return w._("No entry has the id {id}. Every answer shows its entries' ids.").format(
        id=w.quoted(escape(entry_id))
    )


def mention_without_question(w: Words, username: str, examples: Examples) -> str:
    example = escape(examples.questions[0] if examples.questions else examples.name)
    return w._("Ask me a question after my name, e.g. {example}.").format(
        example=f"<code>@{escape(username)} {example}</code>"
    )


def slow_down(w: Words, first_name: str, username: str) -> str:
    """The one notice a user gets when asking too much in a group."""
    return w._(
        "{name}, that is a lot of questions at once: I will answer yours again in a minute. "
        "You can also ask me privately: @{bot}."
    ).format(name=escape(first_name), bot=escape(username))


def language_text(w: Words) -> str:
    """/language without a choice: which language is on, and the buttons to change it."""
    return w._("I answer you in English. Choose the language of my replies:")


def language_chosen(w: Words) -> str:
    """The reply to a choice, in the chosen language."""
    return w._("From now on I answer you in English. Your questions can be in either language.")


def language_unknown(w: Words, asked: str) -> str:
    return w._("I do not speak {language}. Choose one of these:").format(
        language=w.quoted(escape(asked))
    )


CAPTION_LIMIT = 1024  # Telegram's limit on a photo caption, in visible characters


def nothing_to_draw(w: Words, question: str) -> str:
    """/timeline or the button, when the answer has no entry: never an empty picture."""
    if question.strip():
        return w._(
            "Nothing to draw: no entry for {question}. Try a broader question, or /timeline alone."
        ).format(question=w.quoted(escape(shorten(question, 200))))
    return w._("Nothing to draw: no entry. Try a broader question, or /timeline alone.")


def timeline_summary(w: Words, total: int, people: int, years: tuple[int, int], title: str) -> str:
    """ "22 entries · 14 people · 1993–2013 · <chronology title>", in the reader's language."""
    span = w.period(year_span(*years))
    parts = (count_entries(w, total), count_people(w, people), span, title)
    return " · ".join(part for part in parts if part)


def timeline_caption(w: Words, question: str, summary: str, notice: str | None) -> str:
    """The photo's caption: the question in bold, the counts, the engine's note if relaxed.

    Within Telegram's 1024 characters whatever the question's length: it is shortened first.
    """
    summary = shorten(summary, 300)
    notice = shorten(notice, 300) if notice else ""
    room = CAPTION_LIMIT - len(summary) - len(notice) - 4
    heading = (
        shorten(" ".join(question.split()), room)
        if question.strip()
        else w._("The whole chronology")
    )
    caption = f"<b>{escape(heading)}</b>\n{escape(summary)}"
    return caption + (f"\n<i>{escape(notice)}</i>" if notice else "")
