"""The `chronobot` command as other tools use it: exit codes, JSON keys, messages."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
OTHER = Path(__file__).parent / "fixtures" / "other_chronology.yaml"


def run(*args: str, tmp_path: Path, stdin: str | None = None, **env: str):
    environment = {
        **os.environ,
        "CHRONOBOT_INDEX": str(tmp_path / "index.sqlite"),
        "CHRONOBOT_DATA": "",
        "TELEGRAM_BOT_TOKEN": "",
        **env,
    }
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        capture_output=True,
        text=True,
        input=stdin,
        env=environment,
        cwd=ROOT,
        timeout=120,
    )


def test_ask_json_keeps_the_documented_keys(tmp_path: Path) -> None:
    result = run("ask", "--json", "--", "Lavrov", "2009", tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout)
    assert {"question", "interpretation", "relaxed", "notice", "results"} <= answer.keys()
    assert {"people", "from", "to", "terms"} <= answer["interpretation"].keys()
    assert answer["interpretation"]["people"] == ["lavrov"]
    assert (answer["interpretation"]["from"], answer["interpretation"]["to"]) == (
        "2009-01-01",
        "2009-12-31",
    )
    first = answer["results"][0]
    assert {"id", "date", "date_text", "people", "text", "note", "cites", "score"} <= first.keys()
    assert "Sergei Lavrov" in first["people"]


def test_ask_json_gives_notices_as_data_beside_the_sentence(tmp_path: Path) -> None:
    result = run("ask", "--json", "--", "What did Macron say about the Moon?", tmp_path=tmp_path)
    answer = json.loads(result.stdout)
    assert answer["relaxed"] is True
    assert "Macron" in answer["notice"]
    assert [n["kind"] for n in answer["notices"]] == ["unknown_person"]
    assert answer["notices"][0]["words"] == ["Macron"]
    assert answer["interpretation"]["unknown_names"] == ["Macron"]


def test_ask_json_shows_order_periods_and_date_reading(tmp_path: Path) -> None:
    result = run(
        "ask", "--json", "--", "latest", "Patrushev", "in 2012 and 2013", tmp_path=tmp_path
    )
    reading = json.loads(result.stdout)["interpretation"]
    assert reading["order"] == "newest"
    assert reading["periods"] == [["2012-01-01", "2012-12-31"], ["2013-01-01", "2013-12-31"]]
    numeric = json.loads(run("ask", "--json", "--", "09.07.2007", tmp_path=tmp_path).stdout)
    assert numeric["interpretation"]["date_reading"] == "day-first"
    assert [n["kind"] for n in numeric["notices"]] == ["date_reading"]


def test_ask_with_no_answer_still_exits_zero(tmp_path: Path) -> None:
    result = run("ask", "--json", "What did Merkel say?", tmp_path=tmp_path)
    assert result.returncode == 0
    answer = json.loads(result.stdout)
    assert answer["results"] == [] and "Merkel" in answer["notice"]


def test_empty_question_is_a_usage_error(tmp_path: Path) -> None:
    result = run("ask", "  ", tmp_path=tmp_path)
    assert result.returncode == 2
    assert "give a question" in result.stderr


def test_ask_on_invalid_data_names_file_line_and_field(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(OTHER.read_text().replace("date: 1822", "dat_text: 1822"))
    result = run("ask", "--data", str(bad), "Turing", tmp_path=tmp_path)
    assert result.returncode == 1
    assert f"{bad}:" in result.stderr and "events[0]" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "index.sqlite").exists()


def test_validate_reports_ok_and_errors(tmp_path: Path) -> None:
    ok = run("validate", str(OTHER), tmp_path=tmp_path)
    assert ok.returncode == 0 and "5 entries" in ok.stdout
    bad = tmp_path / "bad.yaml"
    bad.write_text("events: [")
    failed = run("validate", str(bad), tmp_path=tmp_path)
    assert failed.returncode == 1 and f"{bad}:" in failed.stderr


def test_index_builds_the_named_file(tmp_path: Path) -> None:
    db = tmp_path / "named.sqlite"
    result = run("index", "--data", str(OTHER), "--db", str(db), tmp_path=tmp_path)
    assert result.returncode == 0 and db.exists()


def test_chat_answers_each_line_and_pages_with_more(tmp_path: Path) -> None:
    result = run("chat", "--data", str(OTHER), tmp_path=tmp_path, stdin="Turing\n\nHopper 1952\n")
    assert result.returncode == 0
    blocks = result.stdout.split("\n\n")
    assert "Alan Turing" in blocks[0] and "2 entries" in blocks[0]
    assert "A-0 system" in result.stdout


def test_chat_more_shows_the_next_page_until_there_is_none(tmp_path: Path) -> None:
    result = run("chat", tmp_path=tmp_path, stdin="Putin\nmore\ntell me more\n")
    assert "(showing 1–5)" in result.stdout and "(showing 6–" in result.stdout
    last = result.stdout.rstrip().split("\n\n")[-1]
    assert last.startswith("That was all: 7 entries, all shown.")


@pytest.mark.parametrize("command", ["ask Turing", "chat"])
def test_python_dash_m_bot_is_the_same_command(tmp_path: Path, command: str) -> None:
    result = run(*command.split(), "--data", str(OTHER), tmp_path=tmp_path, stdin="Turing\n")
    assert result.returncode == 0 and "Alan Turing" in result.stdout


def test_check_is_healthy_with_a_token_and_never_prints_it(tmp_path: Path) -> None:
    token = "123456:ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghi"
    result = run("check", tmp_path=tmp_path, TELEGRAM_BOT_TOKEN=token)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("ok:") and len(result.stdout.strip().splitlines()) == 1
    assert token not in result.stdout + result.stderr


def test_check_is_unhealthy_without_a_token_or_with_bad_data(tmp_path: Path) -> None:
    assert run("check", tmp_path=tmp_path).returncode == 1
    bad = tmp_path / "bad.yaml"
    bad.write_text("chronology: {}\n")
    token = "123456:ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghi"
    result = run("check", "--data", str(bad), tmp_path=tmp_path, TELEGRAM_BOT_TOKEN=token)
    assert result.returncode == 1 and "unhealthy: data:" in result.stdout


# --- settings: read once, from the environment, by bot.config alone ----------------------

TOKEN = "123456:ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghi"
BAD_SETTINGS = [
    ("CHRONOBOT_PORT", "abc"),
    ("CHRONOBOT_PORT", "70000"),
    ("CHRONOBOT_ADMINS", "x"),
    ("CHRONOBOT_LOG_LEVEL", "loud"),
]


@pytest.mark.parametrize(("variable", "value"), BAD_SETTINGS)
def test_serve_refuses_a_bad_setting_naming_the_variable(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], variable: str, value: str
) -> None:
    from bot.cli import main

    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", TOKEN)
    monkeypatch.setenv(variable, value)
    assert main(["serve"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"chronobot serve: {variable}: {value!r}") and TOKEN not in err


@pytest.mark.parametrize(("variable", "value"), BAD_SETTINGS)
def test_check_reports_a_bad_setting_naming_the_variable(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], variable: str, value: str
) -> None:
    from bot.cli import main

    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", TOKEN)
    monkeypatch.setenv(variable, value)
    assert main(["check"]) == 1
    out = capsys.readouterr().out
    assert out.startswith(f"unhealthy: {variable}: {value!r}") and len(out.splitlines()) == 1


def test_every_setting_is_read_by_config(tmp_path: Path) -> None:
    from bot.config import Config

    env = {
        "TELEGRAM_BOT_TOKEN": f" {TOKEN} ",
        "TELEGRAM_API_URL": "http://localhost:8081/",
        "CHRONOBOT_DATA": str(OTHER),
        "CHRONOBOT_ADMINS": "12, 34",
        "CHRONOBOT_WEBHOOK_URL": "https://bot.example.org/hook",
        "CHRONOBOT_WEBHOOK_SECRET": "s3",
        "CHRONOBOT_LISTEN": "127.0.0.1",
        "CHRONOBOT_PORT": "8081",
        "CHRONOBOT_LOG_LEVEL": "debug",
        "XDG_CACHE_HOME": str(tmp_path),
    }
    config = Config.from_env(env)
    assert (config.token, config.api_url, config.data_path) == (
        TOKEN,
        "http://localhost:8081",
        OTHER,
    )
    assert (config.admins, config.port, config.log_level) == (frozenset({12, 34}), 8081, "DEBUG")
    assert config.index_path.parent == tmp_path / "chronobot"
    assert config.index_path.name.startswith("other_chronology-")
    assert Config.from_env({**env, "CHRONOBOT_INDEX": "/x/i.sqlite"}).index_path == Path(
        "/x/i.sqlite"
    )
    assert TOKEN not in repr(config) and "s3" not in repr(config)


def test_only_bot_config_reads_the_environment() -> None:
    readers = [
        str(path.relative_to(ROOT))
        for path in sorted((ROOT / "bot").rglob("*.py"))
        if "os.environ" in path.read_text() or "getenv" in path.read_text()
    ]
    assert readers == ["bot/config.py"]


def test_ask_after_reads_a_follow_up_and_json_says_what_was_inherited(tmp_path: Path) -> None:
    result = run(
        "ask", "--json", "--after", "what did Rogozin propose in 2013", "--after",
        "what about Patrushev", "--", "and before that?", tmp_path=tmp_path,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout)
    meaning = answer["interpretation"]
    assert [r["id"] for r in answer["results"]] == ["patrushev-2012-06-09"]
    assert meaning["people"] == ["patrushev"] and meaning["inherited"] == ["people", "period"]
    assert meaning["follows"]["people"] == ["patrushev"] and meaning["to"] == "2013-02-25"
    assert answer["follow_up"] == "following your question about Nikolai Patrushev · 2013"


def test_ask_after_says_what_was_carried_over_in_the_header(tmp_path: Path) -> None:
    result = run("ask", "--after", "Rogozin 2013", "and in 2011?", tmp_path=tmp_path)
    first = result.stdout.splitlines()[0]
    assert first == (
        "Dmitri Rogozin · 2011 · 1 entry — following your question about Dmitri Rogozin · 2013"
    )


def test_a_follow_up_without_a_previous_question_is_answered_on_its_own(tmp_path: Path) -> None:
    result = run("ask", "--json", "and in 2011?", tmp_path=tmp_path)
    assert result.returncode == 0
    answer = json.loads(result.stdout)
    assert answer["interpretation"]["inherited"] == [] and answer["follow_up"] is None
    assert answer["total"] == 3


def test_chat_is_a_conversation(tmp_path: Path) -> None:
    stdin = "what did Rogozin propose in 2013\nwhat about Patrushev\nwho else?\nLavrov 2009\n"
    blocks = [b for b in run("chat", tmp_path=tmp_path, stdin=stdin).stdout.split("\n\n") if b]
    leads = [b.splitlines()[0] for b in blocks if "·" in b.splitlines()[0]]
    assert leads[1].startswith("Nikolai Patrushev · 2013 · 1 entry — following your question")
    assert leads[2].startswith("other than Nikolai Patrushev · 2013 · 2 entries — following")
    assert leads[3] == "Sergei Lavrov · 2009 · 2 entries"
