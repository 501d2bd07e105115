"""`chronobot import`: draft a chronology from an article, a spreadsheet or a TimelineJS file.

Each reader turns its input into a `Draft` (draft.py), which is written as YAML with the
guesses marked `# check:`; the result always passes `chronobot validate` (checked before it
is written). Input that cannot be used raises `ImportProblem` naming the input's line.
"""

from __future__ import annotations

from pathlib import Path

from bot.importers.draft import Draft, ImportProblem, assign_entry_ids, render_yaml, summary
from bot.importers.people import People

__all__ = ["Draft", "ImportProblem", "draft_chronology", "import_file", "render_yaml", "summary"]


def read_text(path: Path) -> str:
    """The input file's text (UTF-8, BOM dropped); ImportProblem with the line if not UTF-8."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise ImportProblem(str(path), None, f"cannot read the file: {error.strerror}") from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        message = "the file is not UTF-8 text (save it as UTF-8)"
        raise ImportProblem(str(path), line, message) from None


def known_people(path: Path | None) -> People | None:
    """The people of an existing chronology (--people), validated like any data file."""
    if path is None:
        return None
    from bot.data import load_chronology

    people = People()
    for person in load_chronology(path).people.values():
        people.add_existing(person.id, person.name, person.aliases, person.description)
    return people


def draft_chronology(path: Path, people_file: Path | None = None) -> Draft:
    """Read `path` by its kind (.csv/.tsv table, .json TimelineJS, anything else an article)."""
    text = read_text(path)
    known = known_people(people_file)
    suffix = path.suffix.lower()
    if suffix in {".csv", ".tsv", ".tab"}:
        from bot.importers.table import import_table

        draft = import_table(text, str(path), known, delimiter="\t" if suffix != ".csv" else None)
    elif suffix == ".json" or text.lstrip().startswith("{"):
        from bot.importers.timelinejs import import_timelinejs

        draft = import_timelinejs(text, str(path), known)
    else:
        from bot.importers.article import import_article

        draft = import_article(text, str(path), known)
    if not draft.entries:
        reasons = "; ".join(f"line {line}: {why}" for line, why in draft.unreadable[:3])
        raise ImportProblem(
            str(path), None, "no dated entry found" + (f" ({reasons})" if reasons else "")
        )
    assign_entry_ids(draft)
    return draft


def import_file(path: Path, people_file: Path | None = None) -> tuple[Draft, str]:
    """The draft of `path` and its YAML, checked by the project's own validator."""
    from bot.data import DataError, parse_chronology

    draft = draft_chronology(path, people_file)
    yaml_text = render_yaml(draft, path.name)
    try:
        parse_chronology(yaml_text, "<draft>")
    except DataError as error:  # a bug of ours, not the user's: say so plainly
        raise ImportProblem(str(path), None, f"the draft is not valid ({error})") from None
    return draft, yaml_text
