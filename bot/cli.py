"""The `chronobot` command: ask, timeline, chat, validate, import, export, index, check, serve.

Kept light on purpose: `chronobot ask` on a cached index imports neither YAML,
sqlite-utils nor python-telegram-bot (they load only on the paths that need them).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable

from bot.chronology import DataError, DataIssue
from bot.cli_parser import SUBCOMMANDS, build_parser
from bot.config import Config, parse_admin_ids
from bot.engine import Engine
from bot.words import words_for

EXIT_OK, EXIT_DATA, EXIT_USAGE = 0, 1, 2
CHAT_PAGE_SIZE = 5  # the bot's page size in private chats, so the console shows the same


def _report_data_error(error: DataError) -> int:
    for issue in error.issues:
        print(issue, file=sys.stderr)
    from bot.render import plural

    print(f"{plural(len(error.issues), 'error')}; nothing was changed.", file=sys.stderr)
    return EXIT_DATA


def settings(args: argparse.Namespace) -> Config:
    """The environment's settings with this command's flags over them (ValueError if bad)."""
    config = Config.from_env()
    flag = vars(args).get  # each command has only some of the flags
    admins = flag("admins")
    return config._replace(
        data_path=flag("data") or config.data_path,
        db_path=flag("db") or config.db_path,
        api_url=(flag("api_url") or config.api_url).rstrip("/"),
        webhook_url=flag("webhook_url") or config.webhook_url,
        listen=flag("listen") or config.listen,
        port=flag("port") or config.port,
        admins=parse_admin_ids(admins) if admins is not None else config.admins,
    )


def open_engine(config: Config) -> Engine:
    """Build or reuse the index of the configured data, open the engine on it (or DataError)."""
    from bot.index import ensure_index

    return Engine.open(ensure_index(config.data_path, config.index_path))


def _knows_source(engine: Engine, name: str | None, command: str) -> bool:
    """True unless `--source` names a chronology the index lacks (then says which it has)."""
    if name is None or name in engine.chronology_names():
        return True
    known = ", ".join(engine.chronology_names())
    message = f"chronobot {command}: no chronology named {name!r}; choose one of: {known}"
    print(message, file=sys.stderr)
    return False


def cmd_ask(args: argparse.Namespace, config: Config) -> int:
    question = " ".join(args.question).strip()
    if not question:
        print("chronobot ask: give a question, e.g. chronobot ask SURNAME 2009", file=sys.stderr)
        return EXIT_USAGE
    if args.limit < 1 or args.offset < 0:
        print("chronobot ask: --limit must be >= 1 and --offset >= 0", file=sys.stderr)
        return EXIT_USAGE
    engine = open_engine(config)
    if not _knows_source(engine, args.source, "ask"):
        return EXIT_USAGE
    context = None
    if args.after:
        from bot.context import context_of

        for previous in args.after:
            answered = engine.ask(previous, limit=args.limit, after=context, chronology=args.source)
            context = context_of(answered)
    answer = engine.ask(
        question, limit=args.limit, offset=args.offset, after=context, chronology=args.source
    )
    from bot.render import render_json, render_text

    words = words_for(args.lang)
    if args.json:
        print(json.dumps(render_json(answer, words), ensure_ascii=False, indent=2))
    else:
        print(render_text(answer, words))
    return EXIT_OK


def cmd_timeline(args: argparse.Namespace, config: Config) -> int:
    from bot.timeline import render_timeline

    question = " ".join(args.question).strip()
    engine = open_engine(config)
    if not _knows_source(engine, args.source, "timeline"):
        return EXIT_USAGE
    timeline, picture = render_timeline(engine, question, words_for(args.lang), args.source)
    if picture is None:
        print(
            f"chronobot timeline: nothing to draw: no entry matches {question!r}", file=sys.stderr
        )
        return EXIT_DATA
    if str(args.output) == "-":
        sys.stdout.buffer.write(picture.png)
    else:
        try:
            args.output.write_bytes(picture.png)
        except OSError as error:
            print(
                f"chronobot timeline: cannot write {args.output}: {error.strerror}", file=sys.stderr
            )
            return EXIT_USAGE
        from bot.render import plural

        entries = plural(timeline.total, "entry", "entries")
        print(f"{args.output}: {picture.width}x{picture.height} PNG, {entries}")
    return EXIT_OK


def cmd_chat(args: argparse.Namespace, config: Config) -> int:
    """A console conversation: like a private chat, a follow-up continues the last question."""
    from bot.context import context_of
    from bot.render import render_text

    engine = open_engine(config)
    w = words_for(args.lang)
    interactive = sys.stdin.isatty()
    if interactive:
        about = engine.about()
        count = w.ngettext("{count} entry", "{count} entries", about.entry_count)
        print(
            w._(
                "{title}: {entries}. Ask a question; 'more' shows the next page, Ctrl-D quits."
            ).format(title=about.source.title, entries=count.format(count=about.entry_count))
        )
    context = None  # the last answer's: a follow-up reads against it, "more" pages on from it
    while True:
        if interactive:
            print("? ", end="", flush=True)
        line = sys.stdin.readline()
        if not line:
            return EXIT_OK
        question = line.strip()
        if not question:
            continue
        answer = engine.ask(question, limit=CHAT_PAGE_SIZE, after=context)
        if answer.results or not answer.notices:  # a greeting or "that was all" keeps the thread
            context = context_of(answer)
        print(render_text(answer, w))
        more_left = answer.offset + len(answer.results) < answer.total
        if more_left:
            print(w._("(type 'more' for the next entries)"))
        print(flush=True)


def cmd_validate(args: argparse.Namespace, config: Config) -> int:
    from bot.data import read_chronology
    from bot.sources import data_files
    from bot.validate import CountingSink

    issues: list[DataIssue] = []
    for file in data_files(args.file):  # a file, a directory of them, or a list
        sink = CountingSink()
        try:
            read_chronology(file, sink.restart)  # streams: memory does not grow with the file
        except DataError as error:
            issues.extend(error.issues)  # every file's problems, each under its own name
            continue
        print(f"{file}: OK, {sink.events} entries, {sink.people} people")
    if issues:
        raise DataError(issues)
    return EXIT_OK


def cmd_index(args: argparse.Namespace, config: Config) -> int:
    """Bring the index up to date (rebuilt only when the data changed); report it."""
    from bot.index import ensure_index, index_counts

    try:
        target = ensure_index(config.data_path, config.index_path)
    except DataError as error:
        if not args.json:
            raise
        print(json.dumps({"ok": False, "issues": [issue._asdict() for issue in error.issues]}))
        return EXIT_DATA
    except OSError as error:
        message = f"cannot write the index {config.index_path}: {error}"
        if args.json:
            print(json.dumps({"ok": False, "error": message}))
        else:
            print(f"chronobot index: {message}", file=sys.stderr)
        return EXIT_DATA
    entries, people = index_counts(target)
    if args.json:
        report = {"ok": True, "index": str(target), "entries": entries, "people": people}
        print(json.dumps(report))
    else:
        print(f"{target}: {entries} entries, {people} people, indexed from {config.data_path}")
    return EXIT_OK


def cmd_import(args: argparse.Namespace, config: Config) -> int:
    from bot.importers import ImportProblem, import_file, summary

    try:
        draft, yaml_text = import_file(args.file, args.people)
    except ImportProblem as problem:
        print(f"chronobot import: {problem}", file=sys.stderr)
        return EXIT_DATA
    if args.output:
        args.output.write_text(yaml_text, encoding="utf-8")
    else:
        sys.stdout.write(yaml_text)
    target = str(args.output) if args.output else "stdout"
    print(summary(draft, str(args.file), target), file=sys.stderr)
    return EXIT_OK


def cmd_export(args: argparse.Namespace, config: Config) -> int:
    from bot.data import load_chronology
    from bot.export import export_csv, export_timelinejs

    chronology = load_chronology(config.data_path)
    text = export_csv(chronology) if args.format == "csv" else export_timelinejs(chronology)
    if args.output:
        args.output.write_text(text, encoding="utf-8", newline="")
    else:
        sys.stdout.write(text)
    return EXIT_OK


def cmd_check(args: argparse.Namespace, config: Config) -> int:
    from bot.health import run_check

    healthy, status = run_check(config)
    print(status)
    return EXIT_OK if healthy else EXIT_DATA


def cmd_serve(args: argparse.Namespace, config: Config) -> int:
    from bot.telegram.app import serve

    return serve(config)


COMMANDS: dict[str, Callable[[argparse.Namespace, Config], int]] = {
    "ask": cmd_ask,
    "timeline": cmd_timeline,
    "chat": cmd_chat,
    "validate": cmd_validate,
    "import": cmd_import,
    "export": cmd_export,
    "index": cmd_index,
    "check": cmd_check,
    "serve": cmd_serve,
}


def main(argv: list[str] | None = None) -> int:
    words = sys.argv[1:] if argv is None else argv
    command = words[0] if words and words[0] in SUBCOMMANDS else None
    args = build_parser(command).parse_args(words)
    try:
        config = settings(args)
    except ValueError as error:
        if args.command == "check":  # a health check reports, in its one status line
            print(f"unhealthy: {error}")
            return EXIT_DATA
        print(f"chronobot {args.command}: {error}", file=sys.stderr)
        return EXIT_USAGE
    # `serve` sets up its own logging (secrets redacted); one answer of `ask` needs no log,
    # and logging costs ~7 ms to import.
    if args.command not in ("ask", "serve"):
        _configure_logging(config.log_level or "WARNING")
    try:
        return COMMANDS[args.command](args, config)
    except DataError as error:
        return _report_data_error(error)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK


def _configure_logging(level: str) -> None:
    import logging

    # No time stamps: a one-shot command's log is read at once (or relayed by `serve`, whose
    # own log has them).
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")


if __name__ == "__main__":
    sys.exit(main())
