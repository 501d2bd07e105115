"""`chronobot ask` on a cached index loads only what answering needs.

Its whole-process time is a benchmark (bench/measure_process.py: at most 3x a bare
`python -c "import sqlite3"`); what a test can check without timing is the cause of a
regression there: a module that a plain question does not need, imported anyway. Checked in a
fresh process (the installed `chronobot` script, so the entry point's own imports count too),
by the interpreter's import log (PYTHONPROFILEIMPORTTIME), not by the clock.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.cli import COMMANDS
from bot.cli_parser import SUBCOMMANDS, build_parser
from bot.index import ensure_index

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data" / "events.yaml"

# Each costs milliseconds to import, and a plain question on a built index uses none of them.
HEAVY = (
    "yaml",  # reading a chronology: only when the index is (re)built
    "sqlite_utils",
    "bot.data",
    "bot.validate",
    "bot.yamlstream",
    "bot.yamlfast",
    "bot.yamlplain",
    "bot.nodecheck",
    "bot.indexwriter",  # the build's writer (and sqlite_utils with it)
    "rapidfuzz",  # fuzzy lookups: only for a word or a name that matches nothing exactly
    "babel",  # other languages' wording
    "bot.catalog_words",
    "PIL",  # timeline pictures
    "bot.timeline",
    "telegram",  # the bot
    "bot.telegram",
    "bot.conversation",  # follow-ups (--after)
    "dataclasses",  # with `inspect`, ~8 ms: the answer's types are named tuples
    "inspect",
    "logging",  # a one-shot answer logs nothing
    "importlib.metadata",  # a console script that looks up its entry point
    "pkg_resources",
    "asyncio",
    "concurrent.futures",
)


def chronobot_command() -> list[str]:
    """The `chronobot` console script of this environment (else `python -m bot`)."""
    script = Path(sys.executable).parent / "chronobot"
    return [str(script)] if script.exists() else [sys.executable, "-m", "bot"]


@pytest.fixture(scope="module")
def cached_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return ensure_index(DATA, tmp_path_factory.mktemp("startup") / "index.sqlite")


def imported_by(args: list[str], index: Path) -> set[str]:
    """The modules a fresh `chronobot ARGS` process imports (it must succeed)."""
    env = dict(os.environ, CHRONOBOT_INDEX=str(index), PYTHONPROFILEIMPORTTIME="1")
    done = subprocess.run(
        [*chronobot_command(), *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert done.stdout.strip()
    # "import time:  self [us] | cumulative | <indent>module"
    return {
        line.rpartition("|")[2].strip()
        for line in done.stderr.splitlines()
        if line.startswith("import time:")
    }


def heavy_among(modules: set[str]) -> list[str]:
    return sorted(m for m in modules if any(m == h or m.startswith(h + ".") for h in HEAVY))


@pytest.mark.parametrize(
    "args",
    [
        ["ask", "--json", "what did Putin say in 1999"],
        ["ask", "Lavrov", "2009"],
        ["ask", "--json", "between 2003 and 2008"],
    ],
    ids=["json", "text", "period"],
)
def test_a_question_on_a_cached_index_imports_nothing_heavy(
    args: list[str], cached_index: Path
) -> None:
    modules = imported_by([args[0], "--data", str(DATA), *args[1:]], cached_index)
    assert "bot.engine" in modules  # the log is read right: the engine was imported
    assert heavy_among(modules) == []


def test_the_heavy_list_catches_what_a_follow_up_needs(cached_index: Path) -> None:
    """The check can fail: a follow-up (--after) does import bot.conversation."""
    args = ["ask", "--data", str(DATA), "--after", "Putin 1999", "and in 2000?"]
    assert "bot.conversation" in heavy_among(imported_by(args, cached_index))


@pytest.mark.parametrize("name", SUBCOMMANDS)
def test_a_command_parsed_alone_has_every_option_of_the_whole_parser(
    name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """`main` builds only the named command's arguments (cheaper): its help must not differ."""
    helps = []
    for parser in (build_parser(), build_parser(name)):
        with pytest.raises(SystemExit):
            parser.parse_args([name, "--help"])
        helps.append(capsys.readouterr().out)
    assert helps[0] == helps[1] and "--help" in helps[0]
    assert SUBCOMMANDS.keys() == COMMANDS.keys()
