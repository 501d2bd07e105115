"""What each `chronobot` command accepts: its arguments, one-line help and the parser.

`bot.cli` runs the commands; this module only describes them. `build_parser(command)` builds
the parser of one command alone, which is all a `chronobot ask` needs (see its docstring).
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

from bot.words import ENGLISH_CODE, LANGUAGES


def _add_data_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--data",
        type=Path,
        default=None,
        help="chronology YAML (default: $CHRONOBOT_DATA or bundled)",
    )
    parser.add_argument(
        "--db",
        type=Path,
        default=None,
        help="index file (default: $CHRONOBOT_INDEX or a cache path)",
    )


def _add_language_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--lang",
        choices=LANGUAGES,
        default=ENGLISH_CODE,
        help="language of the answers' wording (default en; entries stay as written)",
    )


def _ask_arguments(ask: argparse.ArgumentParser) -> None:
    _add_data_options(ask)
    ask.add_argument("--limit", type=int, default=20, help="most entries to show (default 20)")
    ask.add_argument("--offset", type=int, default=0, help="skip this many entries (paging)")
    ask.add_argument("--json", action="store_true", help="print one JSON object")
    ask.add_argument(
        "--after",
        action="append",
        default=[],
        metavar="PREVIOUS",
        help="a question asked before this one (repeat for several, oldest first): "
        "a follow-up such as 'and in 2011?' is read against it",
    )
    _add_source_option(ask)
    _add_language_option(ask)
    ask.add_argument("question", nargs="*", help="the question, e.g. a surname and a year")


def _add_source_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--source",
        metavar="NAME",
        help="answer from this one chronology only (its file name without .yaml, as /sources "
        "lists it), when --data names several",
    )


def _timeline_arguments(timeline: argparse.ArgumentParser) -> None:
    _add_data_options(timeline)
    timeline.add_argument(
        "-o", "--output", type=Path, required=True, help="PNG file to write ('-': stdout)"
    )
    _add_source_option(timeline)
    _add_language_option(timeline)
    timeline.add_argument("question", nargs="*", help="the question (none: the whole chronology)")


def _chat_arguments(chat: argparse.ArgumentParser) -> None:
    _add_data_options(chat)
    _add_language_option(chat)


def _validate_arguments(validate: argparse.ArgumentParser) -> None:
    validate.add_argument("file", type=Path)


def _import_arguments(importer: argparse.ArgumentParser) -> None:
    importer.add_argument("file", type=Path, help="article (.txt/.md), .csv/.tsv or .json")
    importer.add_argument("-o", "--output", type=Path, help="YAML to write (default: stdout)")
    importer.add_argument(
        "--people", type=Path, help="an existing chronology whose people (and ids) to reuse"
    )


def _export_arguments(export: argparse.ArgumentParser) -> None:
    export.add_argument("--format", choices=("timelinejs", "csv"), required=True)
    export.add_argument(
        "--data",
        type=Path,
        default=None,
        help="chronology YAML (default: $CHRONOBOT_DATA or bundled)",
    )
    export.add_argument("-o", "--output", type=Path, help="file to write (default: stdout)")


def _index_arguments(index: argparse.ArgumentParser) -> None:
    _add_data_options(index)
    index.add_argument("--json", action="store_true", help="print one JSON report")


def _serve_arguments(serve: argparse.ArgumentParser) -> None:
    _add_data_options(serve)
    serve.add_argument("--api-url", help="Bot API root (default $TELEGRAM_API_URL)")
    serve.add_argument("--webhook-url", help="public webhook URL (default $CHRONOBOT_WEBHOOK_URL)")
    serve.add_argument("--listen", help="webhook listen address (default $CHRONOBOT_LISTEN)")
    serve.add_argument("--port", type=int, help="webhook port (default $CHRONOBOT_PORT)")
    serve.add_argument(
        "--admins", help="comma-separated admin user ids (default $CHRONOBOT_ADMINS)"
    )


# Each command: its one-line help and what adds its arguments.
SUBCOMMANDS: dict[str, tuple[str, Callable[[argparse.ArgumentParser], None]]] = {
    "ask": ("answer one question", _ask_arguments),
    "timeline": ("draw a question's entries as a PNG", _timeline_arguments),
    "chat": ("console conversation (questions on stdin)", _chat_arguments),
    "validate": ("check a chronology file, report all errors", _validate_arguments),
    "import": (
        "draft a chronology from an article, a CSV/TSV table or TimelineJS JSON",
        _import_arguments,
    ),
    "export": ("write a chronology as TimelineJS JSON or CSV", _export_arguments),
    "index": (
        "build the index of a chronology (rebuilt only when the data changed)",
        _index_arguments,
    ),
    "check": ("health check: config, data, index, one query", _add_data_options),
    "serve": ("run the Telegram bot", _serve_arguments),
}


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The `chronobot` parser; with `command`, a parser of that command only.

    Each subparser costs argparse a few gettext catalog look-ups on disk (and each argument
    a help formatter): `chronobot ask` builds the one it parses with, not all nine. Its
    arguments, help and errors are the same either way; only `chronobot --help` lists every
    command, and that is built whole.
    """
    parser = argparse.ArgumentParser(
        prog="chronobot", description="Ask a chronology questions (CLI and Telegram bot)."
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, (summary, add_arguments) in SUBCOMMANDS.items():
        if command in (None, name):
            add_arguments(commands.add_parser(name, help=summary))
    return parser
