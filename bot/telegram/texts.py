"""The bot's own words: command texts, hints and errors (answers are worded by bot.render).

Every value from the data or from a user is escaped here; examples come from the chronology
itself (`Examples`), so another chronology needs no code change.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from bot.answer import About, PersonInfo
from bot.render import plural, shorten

SOMETHING_WENT_WRONG = "Sorry, something went wrong while answering. Please try again in a moment."
NOT_TEXT = "I only read text: ask me a question in words, or see /help."
UNKNOWN_COMMAND = "I don't know that command. /help lists the ones I understand."
BUTTON_EXPIRED = "This button no longer works. Please ask again."
QUESTION_GONE = "I can no longer see the question. Please ask it again."


@dataclass(frozen=True, slots=True)
class Examples:
    """Example values taken from the chronology, for hints and example buttons."""

    name: str  # the most frequent person
    year: int | None  # a year with entries
    range: tuple[int, int] | None  # a range of years inside the chronology
    questions: tuple[str, ...]  # a few complete example questions


def count_entries(count: int) -> str:
    return plural(count, "entry", "entries")


def count_people(count: int) -> str:
    return plural(count, "person", "people")


def years_of(about: About) -> str:
    if about.first is None or about.last is None:
        return ""
    first, last = about.first.start.year, about.last.end.year
    return str(first) if first == last else f"{first}–{last}"


def start_text(about: About, username: str) -> str:
    """/start: what the bot knows and how to begin."""
    source = about.source
    publisher = f" ({escape(source.publisher)})" if source.publisher else ""
    span = f" from {years_of(about)}" if years_of(about) else ""
    return (
        f"<b>{escape(source.title)}</b>{publisher}\n\n"
        f"I answer questions about this chronology: {count_entries(about.entry_count)}{span}, "
        f"naming {count_people(about.people_count)}. Every answer cites the entries it shows.\n\n"
        "Ask in plain words, or tap an example below. /help explains how to ask, "
        f"also inline (<code>@{escape(username)} …</code> in any chat) and in groups."
    )


def help_text(examples: Examples, username: str, commands: Sequence[tuple[str, str, str]]) -> str:
    """/help: the query language, the commands (name, usage, description), inline and groups."""
    name = escape(examples.name)
    year = examples.year or "YEAR"
    low, high = examples.range or (year, year)
    bot = escape(username)
    listed = "\n".join(
        f"/{command}{' ' + usage if usage else ''} — {escape(description)}"
        for command, usage, description in commands
    )
    return (
        "<b>How to ask</b>\n"
        "Write a question in plain words. I look for:\n"
        f"• <b>people</b>: a name or a surname, any spelling or script (<i>{name}</i>)\n"
        f"• <b>dates</b>: a year (<i>{year}</i>), a month (<i>March {year}</i>), a day "
        f"(<i>{year}-03-14</i>), a range (<i>between {low} and {high}</i>, <i>before {high}</i>, "
        f"<i>since {low}</i>), a decade or a season (<i>spring {year}</i>)\n"
        "• <b>words</b>: everything else puts the best matching entries first\n"
        "People and dates narrow the answer; words only rank it. When nothing matches exactly, "
        "I say so and show the nearest entries.\n\n"
        f"<b>Commands</b>\n{listed}\n\n"
        f"<b>Inline</b>: type <code>@{bot} {name}</code> in any chat and pick an entry to share.\n"
        f"<b>Groups</b>: add me to a group and ask with <code>/ask@{bot} …</code>, by mentioning "
        f"@{bot} with a question, or by replying to one of my messages."
    )


def about_text(about: About) -> str:
    """/about: the chronology as a whole."""
    source = about.source
    lines = [f"<b>{escape(source.title)}</b>"]
    if source.publisher:
        lines.append(f"Publisher: {escape(source.publisher)}")
    if about.published:
        lines.append(f"Published: {escape(about.published)}")
    if source.url:
        url = escape(source.url, quote=True)
        shown = (
            f'<a href="{url}">{url}</a>' if source.url.startswith(("http://", "https://")) else url
        )
        lines.append(f"Source: {shown}")
    span = f" covering {years_of(about)}" if years_of(about) else ""
    lines.append(
        f"{count_entries(about.entry_count)}{span}, naming {count_people(about.people_count)}."
    )
    return "\n".join(lines)


def people_text(people: Sequence[PersonInfo], offset: int, total: int) -> str:
    """One page of /people: names, who they are, how many entries."""
    lines = [f"<b>People in the chronology</b> ({total})"]
    for person in people:
        about = f" — {escape(person.description)}" if person.description else ""
        lines.append(f"• <b>{escape(person.name)}</b>{about} · {count_entries(person.entry_count)}")
    if not people:
        lines.append("Nobody on this page." if offset else "The chronology names nobody.")
    lines.append("\n/person NAME shows everything about one of them.")
    return "\n".join(lines)


def person_header(people: Sequence[PersonInfo]) -> str:
    """Who the people of a /person answer are, above the answer itself."""
    lines = []
    for person in people:
        about = f" — {escape(person.description)}" if person.description else ""
        lines.append(f"👤 <b>{escape(person.name)}</b>{about}")
    return "\n".join(lines) + "\n\n"


def no_such_person(name: str, suggestions: Sequence[PersonInfo]) -> str:
    text = f"No one in the chronology is called “{escape(name)}”."
    if suggestions:
        names = ", ".join(f"<b>{escape(p.name)}</b>" for p in suggestions)
        text += f" Did you mean {names}?"
    return text + " /people lists everyone."


def no_date(text: str, examples: Examples) -> str:
    year = examples.year or "YEAR"
    return (
        f"I could not find a date in “{escape(text)}”. "
        f"Try <code>/year {year}</code> or <code>/date March {year}</code>."
    )


def needs_argument(command: str, examples: Examples) -> str:
    """The hint for a command sent without what it needs."""
    example = {
        "ask": examples.questions[0] if examples.questions else examples.name,
        "person": examples.name,
        "year": str(examples.year or "YEAR"),
        "date": f"between {examples.range[0]} and {examples.range[1]}" if examples.range else "",
        "entry": "ID",
    }.get(command, "")
    hint = f"Use it like this: <code>/{command} {escape(example)}</code>"
    if command == "entry":
        hint += " (every answer shows its entries' ids)"
    return hint + "."


def no_such_entry(entry_id: str) -> str:
    return f"No entry has the id “{escape(entry_id)}”. Every answer shows its entries' ids."


def mention_without_question(username: str, examples: Examples) -> str:
    example = escape(examples.questions[0] if examples.questions else examples.name)
    return f"Ask me a question after my name, e.g. <code>@{escape(username)} {example}</code>."


def slow_down(first_name: str, username: str) -> str:
    """The one notice a user gets when asking too much in a group."""
    return (
        f"{escape(first_name)}, that is a lot of questions at once: I will answer yours again "
        f"in a minute. You can also ask me privately: @{escape(username)}."
    )


CAPTION_LIMIT = 1024  # Telegram's limit on a photo caption, in visible characters


def nothing_to_draw(question: str) -> str:
    """/timeline or the button, when the answer has no entry: never an empty picture."""
    asked = f" for “{escape(shorten(question, 200))}”" if question.strip() else ""
    return f"Nothing to draw: no entry{asked}. Try a broader question, or /timeline alone."


def timeline_caption(question: str, summary: str, notice: str | None) -> str:
    """The photo's caption: the question in bold, the counts, the engine's note if relaxed.

    Within Telegram's 1024 characters whatever the question's length: it is shortened first.
    """
    summary = shorten(summary, 300)
    notice = shorten(notice, 300) if notice else ""
    room = CAPTION_LIMIT - len(summary) - len(notice) - 4
    heading = (
        shorten(" ".join(question.split()), room) if question.strip() else "The whole chronology"
    )
    caption = f"<b>{escape(heading)}</b>\n{escape(summary)}"
    return caption + (f"\n<i>{escape(notice)}</i>" if notice else "")
