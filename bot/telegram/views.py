"""From engine calls to what one message shows: `Reply` (HTML, buttons, whether to quote).

Pure functions of the engine and the request, with no Telegram I/O, so that private chats,
groups and buttons show the very same thing for the same query.
"""

from __future__ import annotations

from dataclasses import dataclass

from telegram import InlineKeyboardMarkup

from bot.answer import Answer
from bot.dates import parse_date_value
from bot.engine import Engine
from bot.render import TELEGRAM_LIMIT, render_entry_html, render_html
from bot.telegram import texts
from bot.telegram.callbacks import ButtonData, Kind, encode
from bot.telegram.keyboards import entry_row, examples_keyboard, keyboard, pager_row

PEOPLE_PAGE = 30  # names per /people message


@dataclass(frozen=True, slots=True)
class Reply:
    html: str
    markup: InlineKeyboardMarkup | None = None
    # The answer must quote the question: its buttons read the question back from the reply.
    quote: bool = False


def examples(engine: Engine) -> texts.Examples:
    """Example names, years and questions taken from the chronology itself."""
    people = sorted(engine.people(), key=lambda p: (-p.entry_count, p.name))
    about = engine.about()
    name = people[0].name if people else "NAME"
    questions = [name] if people else []
    year = about.last.start.year if about.last else None
    if len(people) > 1:
        first = engine.search(people=(people[1].id,), limit=1).results
        if first:
            questions.append(f"{people[1].name} {first[0].span.start.year}")
    span = None
    if about.first and about.last and about.first.start.year < about.last.end.year:
        low, high = about.first.start.year, about.last.end.year
        span = (low, low + (high - low) // 2)
        questions.append(f"between {span[0]} and {span[1]}")
    if year is not None:
        questions.append(str(year))
    return texts.Examples(name=name, year=year, range=span, questions=tuple(questions))


def answer_markup(answer: Answer, kind: Kind, arg: str, page: int) -> InlineKeyboardMarkup | None:
    """◀ ▶ when there are more pages; the single entry's own buttons when there is one."""
    single = []
    if answer.total == 1 and answer.results:
        single = entry_row(
            answer.results[0],
            except_person=arg if kind is Kind.MORE_BY else None,
            except_year=kind is Kind.SAME_YEAR,
        )
    return keyboard(pager_row(kind, arg, answer.offset, page, answer.total), single)


def _page_of(answer: Answer, kind: Kind, arg: str, page: int, header: str = "") -> Reply:
    html = header + render_html(answer, max_chars=TELEGRAM_LIMIT - len(header))
    return Reply(html, answer_markup(answer, kind, arg, page))


def question_view(
    engine: Engine,
    question: str,
    *,
    offset: int = 0,
    page: int,
    person: bool = False,
    date: bool = False,
) -> Reply:
    """The answer to a question, one page of it.

    `person` (/person): who the people are comes first, and a name matching nobody gets a
    hint instead. `date` (/year, /date): a text in which the engine found no date gets a hint.
    """
    answer = engine.ask(question, limit=page, offset=offset)
    header = ""
    if person:
        if not answer.interpretation.people:
            return Reply(texts.no_such_person(question, answer.interpretation.suggestions))
        header = texts.person_header(answer.interpretation.people)
    if date and answer.interpretation.span is None:
        return Reply(texts.no_date(question, examples(engine)))
    kind = Kind.PERSON if person else Kind.ASK
    if encode(kind, max(answer.total, offset), question) is None:
        reply = _page_of(answer, Kind.REPLIED, "", page, header)
        return Reply(reply.html, reply.markup, quote=True)
    return _page_of(answer, kind, question, page, header)


def search_view(engine: Engine, data: ButtonData, *, page: int) -> Reply | None:
    """The "more by this person" / "same year" answers; None for malformed button data."""
    if data.kind is Kind.MORE_BY and data.arg:
        answer = engine.search(people=(data.arg,), limit=page, offset=data.offset)
    elif data.kind is Kind.SAME_YEAR and data.arg.isdigit():
        span = parse_date_value(int(data.arg))
        answer = engine.search(span=span, limit=page, offset=data.offset)
    else:
        return None
    return _page_of(answer, data.kind, data.arg, page)


def entry_view(engine: Engine, entry_id: str) -> Reply:
    """/entry ID: one entry in full, with its own buttons."""
    entry = engine.entry(entry_id)
    if entry is None:
        return Reply(texts.no_such_entry(entry_id))
    return Reply(render_entry_html(entry, engine.source), keyboard(entry_row(entry)))


def people_view(engine: Engine, *, offset: int = 0) -> Reply:
    """/people: one page of everyone in the chronology, with ◀ ▶."""
    people = engine.people()
    shown = people[offset : offset + PEOPLE_PAGE]
    return Reply(
        texts.people_text(shown, offset, len(people)),
        keyboard(pager_row(Kind.PEOPLE, "", offset, PEOPLE_PAGE, len(people))),
    )


def start_view(engine: Engine, username: str) -> Reply:
    return Reply(
        texts.start_text(engine.about(), username),
        examples_keyboard(examples(engine).questions),
    )


def help_view(engine: Engine, username: str) -> Reply:
    return Reply(texts.help_text(examples(engine), username))


def about_view(engine: Engine) -> Reply:
    return Reply(texts.about_text(engine.about()))
