"""Faults around the index: killed builds, corrupt or missing files, unreadable data."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bot.engine import Engine
from bot.index import ensure_index, read_meta, source_hash

ROOT = Path(__file__).resolve().parent.parent


def write_chronology(path: Path, events: int, *, word: str = "alpha") -> Path:
    """A valid chronology big enough that building its index takes a noticeable time."""
    lines = ['chronology: {title: "Synthetic"}', "people:"]
    lines += [f"  p{i}: {{name: Person Number{i}}}" for i in range(50)]
    lines.append("events:")
    for i in range(events):
        year = 1900 + i * 100 // events
        lines.append(f"  - id: e{i}")
        lines.append(f'    date: "{year}"')
        lines.append(f"    people: [p{i % 50}]")
        lines.append(
            f'    text: "{word} entry {i} about topic{i % 97} and matter{i % 31} in {year}"'
        )
    path.write_text("\n".join(lines) + "\n")
    return path


BUILD = "import sys; from bot.index import ensure_index; ensure_index(sys.argv[1], sys.argv[2])"


@pytest.mark.slow
def test_killing_a_build_at_random_points_never_harms_the_previous_index(tmp_path: Path) -> None:
    data = write_chronology(tmp_path / "c.yaml", 4000, word="alpha")
    db = ensure_index(data, tmp_path / "index.sqlite")
    old_hash = source_hash(data)
    write_chronology(data, 4000, word="omega")  # the next build would replace the index
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-c", BUILD, str(data), str(tmp_path / "probe.sqlite")],
        check=True,
        cwd=ROOT,
    )
    full_build = time.perf_counter() - started
    rng = random.Random(7)
    kills = 0
    for _ in range(25):
        process = subprocess.Popen([sys.executable, "-c", BUILD, str(data), str(db)], cwd=ROOT)
        time.sleep(rng.uniform(0, full_build))
        process.send_signal(signal.SIGKILL)
        process.wait()
        kills += process.returncode == -signal.SIGKILL
        meta = read_meta(db)  # the index file is always a whole index, old or new
        assert meta["content_hash"] in {old_hash, source_hash(data)}
        conn = sqlite3.connect(db)
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        conn.close()
        if meta["content_hash"] == old_hash:
            assert Engine.open(db).ask("alpha").total == 4000
            continue
        break  # a build finished before its kill: the new index is in place, also whole
    assert kills, "no build was ever interrupted: the test proved nothing"
    ensure_index(data, db)  # the next start works and cleans up
    assert Engine.open(db).ask("omega").total == 4000
    assert not list(tmp_path.glob(".index.sqlite.*.tmp"))


def test_truncated_index_is_rebuilt_with_a_log_line(tmp_path: Path, caplog) -> None:
    data = write_chronology(tmp_path / "c.yaml", 50)
    db = ensure_index(data, tmp_path / "index.sqlite")
    with open(db, "r+b") as handle:
        handle.truncate(os.path.getsize(db) // 3)
    with caplog.at_level("INFO"):
        ensure_index(data, db)
    assert "rebuild" in caplog.text.lower() or "building" in caplog.text.lower()
    assert Engine.open(db).ask("alpha").total == 50


def test_garbage_index_is_rebuilt(tmp_path: Path) -> None:
    data = write_chronology(tmp_path / "c.yaml", 50)
    db = tmp_path / "index.sqlite"
    db.write_bytes(os.urandom(8192))
    ensure_index(data, db)
    assert Engine.open(db).about().entry_count == 50


def test_unreadable_data_file_is_a_clear_error_and_exit_1(tmp_path: Path) -> None:
    missing = tmp_path / "nope.yaml"
    result = subprocess.run(
        [sys.executable, "-m", "bot", "ask", "--data", str(missing), "anything"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "CHRONOBOT_INDEX": str(tmp_path / "i.sqlite")},
    )
    assert result.returncode == 1
    assert str(missing) in result.stderr and "Traceback" not in result.stderr


def test_missing_index_directory_is_created_on_start(tmp_path: Path) -> None:
    data = write_chronology(tmp_path / "c.yaml", 10)
    db = ensure_index(data, tmp_path / "gone" / "deeper" / "index.sqlite")
    assert Engine.open(db).about().entry_count == 10
