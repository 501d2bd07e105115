"""Live data reload: validate the data file, rebuild the index, switch engines between queries.

SIGHUP and the admins' /reload both call `Reloader.reload`. The heavy part (parsing the YAML
and writing the index, ~900 MB at peak for 100,000 entries) runs in a child process,
`chronobot index --json`, so the serving process stays small and its event loop keeps
answering. The child writes the new index to a temporary file and moves it over the old one
(`bot.index.ensure_index`); the serving engine keeps reading the old file, which it holds
open, until the new engine is swapped in. Invalid data never reaches the index: the old one
stays in place and keeps being served.

`serve` builds its first index the same way (`prepare_index`), for the same memory reason.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Any, Protocol

from bot.chronology import DataError, DataIssue
from bot.config import child_environment
from bot.engine import Engine
from bot.render import plural

logger = logging.getLogger(__name__)

LOGGED_ISSUES = 50  # issues written to the log per failed reload; `chronobot validate` has all


class BuildFailed(OSError):
    """The index build failed for another reason than invalid data (disk, permissions, crash)."""


class Status(Enum):
    RELOADED = "reloaded"
    INVALID = "invalid"  # the data file has errors: the previous index is still served
    FAILED = "failed"  # the build failed otherwise: the previous index is still served
    BUSY = "busy"  # another reload was running: nothing was done


@dataclass(frozen=True)
class ReloadOutcome:
    """What one reload did, for the log and for the admin who asked."""

    status: Status
    data_path: Path
    seconds: float = 0.0
    entries: int = 0  # of the index now served
    people: int = 0
    issues: tuple[DataIssue, ...] = ()  # INVALID: every problem, with file, line and field
    error: str = ""  # FAILED: what went wrong

    def summary(self) -> str:
        """One line for the log."""
        match self.status:
            case Status.RELOADED:
                return (
                    f"reloaded {self.data_path}: {self.entries} entries, {self.people} people "
                    f"in {self.seconds:.2f} s"
                )
            case Status.INVALID:
                return (
                    f"{self.data_path} has {plural(len(self.issues), 'error')}; "
                    f"still serving the previous index ({self.entries} entries)"
                )
            case Status.FAILED:
                return f"reload failed: {self.error}; still serving the previous index"
        return "a reload is already running; this request was ignored"


class EngineSwap(Protocol):
    """Where the serving engine lives (bot.telegram.state.EngineHolder)."""

    @property
    def engine(self) -> Engine: ...

    def swap(self, new_engine: Engine) -> Engine: ...


# --- the build, in a child process ---------------------------------------------------------


def build_command(data_path: Path, db_path: Path) -> list[str]:
    """The public command that brings an index up to date and reports as JSON on stdout."""
    command = ["index", "--json", "--data", str(data_path), "--db", str(db_path)]
    return [sys.executable, "-m", "bot", *command]


def build_environment() -> dict[str, str]:
    """The child's environment: without secrets, logging at `serve`'s level (INFO unless set)."""
    env = child_environment()
    env.setdefault("CHRONOBOT_LOG_LEVEL", "INFO")
    return env


def _read_report(returncode: int, stdout: bytes, stderr: bytes) -> None:
    """Turn the child's report into nothing (success), DataError or BuildFailed."""
    try:
        report = json.loads(stdout.decode() or "null")
    except ValueError:
        report = None
    if not isinstance(report, dict):
        report = {}
    # The child's own log lines; a crash (no report at all) is worth more than INFO.
    level = logging.INFO if report else logging.WARNING
    for line in stderr.decode(errors="replace").splitlines():
        if line.strip():
            logger.log(level, "index build: %s", line)
    if returncode == 0 and report.get("ok"):
        return
    if report.get("issues"):
        raise DataError([DataIssue(**issue) for issue in report["issues"]])
    if report.get("error"):
        raise BuildFailed(report["error"])
    raise BuildFailed(f"the index build exited with status {returncode}")


async def build_in_child(data_path: Path, db_path: Path) -> None:
    """Validate `data_path` and bring `db_path` up to date, in a child process.

    Raises DataError (invalid data; the index is untouched) or BuildFailed. Cancelling kills
    the child; the index module clears its temporary file on the next build.
    """
    process = await asyncio.create_subprocess_exec(
        *build_command(data_path, db_path),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=build_environment(),
    )
    try:
        stdout, stderr = await process.communicate()
    except BaseException:
        with contextlib.suppress(ProcessLookupError):
            process.kill()
        await process.wait()
        raise
    _read_report(process.returncode or 0, stdout, stderr)


def prepare_index(data_path: Path, db_path: Path) -> Path:
    """A current index of `data_path` at `db_path` (built in a child process if needed).

    Raises DataError or BuildFailed like `build_in_child`.
    """
    result = subprocess.run(
        build_command(Path(data_path), Path(db_path)),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        env=build_environment(),
        check=False,
    )
    _read_report(result.returncode, result.stdout, result.stderr)
    return Path(db_path)


# --- the switch, in the serving process ----------------------------------------------------


class Reloader:
    """Rebuilds the index of one data file and switches the served engine to it.

    One reload at a time: a request while one runs gets a BUSY outcome at once (no second
    build); send it again once the first has finished.
    """

    def __init__(self, holder: EngineSwap, data_path: Path, db_path: Path):
        self.holder = holder
        self.data_path = Path(data_path)
        self.db_path = Path(db_path)  # the very file `serve` opened at start
        self._task: asyncio.Task[ReloadOutcome] | None = None  # the running reload
        self._started = 0.0  # its start, monotonic

    @property
    def running_for(self) -> float:
        """Seconds the running reload has taken so far (0 when none runs)."""
        return time.monotonic() - self._started if self._task is not None else 0.0

    def start(self, reason: str = "") -> asyncio.Task[ReloadOutcome] | None:
        """Start a reload in the background; None (and a log line) if one is running already.

        Synchronous, so two requests handled one after the other never both start a build.
        `reason` (e.g. "SIGHUP") only goes into the log.
        """
        if self._task is not None:
            logger.info("Reload requested (%s) while one is running: ignored", reason or "?")
            return None
        self._started = time.monotonic()
        self._task = asyncio.get_running_loop().create_task(self._run(reason))
        return self._task

    async def reload(self, reason: str = "") -> ReloadOutcome:
        """Validate and index the data file, then serve it; on any failure keep the old index."""
        task = self.start(reason)
        if task is None:
            return ReloadOutcome(Status.BUSY, self.data_path)
        return await task

    async def _run(self, reason: str) -> ReloadOutcome:
        try:
            outcome = await self._reload()
        finally:
            self._task = None
        _log_outcome(outcome, reason)
        return outcome

    async def _reload(self) -> ReloadOutcome:
        started = time.monotonic()
        try:
            await build_in_child(self.data_path, self.db_path)
            # Opened and warmed (bot.engine.Engine.warm) off the event loop, which keeps
            # serving: the first questions after the swap do not wait for it.
            new_engine = await asyncio.to_thread(lambda: Engine.open(self.db_path).warm())
        except DataError as error:
            return self._kept(Status.INVALID, started, issues=tuple(error.issues))
        except Exception as error:  # whatever failed, the old engine keeps serving
            return self._kept(Status.FAILED, started, error=f"{type(error).__name__}: {error}")
        # Handlers call the engine synchronously and never keep it across an await, so after
        # this assignment no query can still be using the old engine: closing it is safe.
        old_engine = self.holder.swap(new_engine)
        old_engine.close()
        about = new_engine.about()
        return ReloadOutcome(
            Status.RELOADED,
            self.data_path,
            seconds=time.monotonic() - started,
            entries=about.entry_count,
            people=about.people_count,
        )

    def _kept(self, status: Status, started: float, **details: Any) -> ReloadOutcome:
        about = self.holder.engine.about()
        return ReloadOutcome(
            status,
            self.data_path,
            seconds=time.monotonic() - started,
            entries=about.entry_count,
            people=about.people_count,
            **details,
        )


def _log_outcome(outcome: ReloadOutcome, reason: str) -> None:
    why = f" ({reason})" if reason else ""
    match outcome.status:
        case Status.RELOADED:
            logger.info("Data %s%s", outcome.summary(), why)
        case Status.FAILED:
            logger.error("Data %s%s", outcome.summary(), why)
        case Status.INVALID:
            logger.warning("Data not reloaded%s: %s", why, outcome.summary())
            for issue in outcome.issues[:LOGGED_ISSUES]:
                logger.warning("  %s", issue)
            if len(outcome.issues) > LOGGED_ISSUES:
                logger.warning(
                    "  ... and %d more: `chronobot validate %s` lists them all",
                    len(outcome.issues) - LOGGED_ISSUES,
                    outcome.data_path,
                )


def reload_on_sighup(
    reloader: Reloader, spawn: Callable[[Coroutine[Any, Any, ReloadOutcome]], object]
) -> None:
    """Make SIGHUP (systemd's ExecReload, `kill -HUP`) reload the data in the running loop.

    `spawn` runs the reload as a task (e.g. `Application.create_task`, so that stopping the
    bot waits for it).
    """
    asyncio.get_running_loop().add_signal_handler(
        signal.SIGHUP, lambda: spawn(reloader.reload("SIGHUP"))
    )
