"""Answers worked out in a second process, so that the event loop keeps serving Telegram.

Working out an answer is Python CPU work (reading the question, ranking in SQLite, rendering
the page): about a millisecond at 10,000 entries, a few at a million. On the event loop it
holds up every other chat's update and HTTP exchange meanwhile. With the answer worker
(`CHRONOBOT_ANSWER_WORKER`, on by default where there are two cores or more), a child
process does that work with its own engine on the same index, and the event loop only sends
what comes back: private and group questions (`question_view`) and inline queries
(`inline_answer`).

The child is forked from the bot, so it shares the code the bot has loaded; it opens the
index itself (a SQLite connection must not cross a fork). It answers for one engine: when a
reload replaces it, the next question starts a child for the new one. Should the child die,
that question is answered in the bot's own process and the next one starts another child.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import pickle
import signal
import sqlite3
import time
import weakref
from collections.abc import Callable
from multiprocessing import Pipe
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from bot.engine import Engine

logger = logging.getLogger(__name__)

# The child's side: what it is asked to do, by name, with the engine it opened.
Job = Callable[..., Any]


class WorkerGone(Exception):
    """The child ended (or could not start) before it answered."""


class AnswerWorker:
    """A child process that runs `jobs` (by name) on its own engine, one at a time."""

    # Questions handed to the child at once; the others wait in the event loop. Sending never
    # blocks the loop so (a pipe holds 64 KB, a question a few): otherwise the bot, stuck
    # writing questions, and the child, stuck writing answers nobody reads, would wait forever.
    IN_FLIGHT = 8

    def __init__(self, jobs: dict[str, Job]):
        self._jobs = jobs
        self._slots = asyncio.Semaphore(self.IN_FLIGHT)
        self._engine: Engine | None = None  # whose index the child answers from
        self._pid: int | None = None
        self._conn: Connection | None = None
        self._pending: dict[int, asyncio.Future[Any]] = {}
        self._asked = 0
        self._answered = 0  # by the current child
        # The engine whose child ended before it answered anything (it could not open the
        # index, say): its questions are answered in the bot, not by a new child each time.
        self._given_up: weakref.ref[Engine] | None = None

    async def run(self, engine: Engine, job: str, *args: Any, **options: Any) -> Any:
        """`jobs[job](child_engine, *args, **options)`, worked out in the child for `engine`'s
        index. Raises WorkerGone if the child ends first (the caller answers itself)."""
        async with self._slots:
            conn = self._ready(engine)
            self._asked += 1
            asked = self._asked
            future = asyncio.get_running_loop().create_future()
            self._pending[asked] = future
            message = pickle.dumps((asked, job, args, options), pickle.HIGHEST_PROTOCOL)
            try:
                conn.send_bytes(message)
            except OSError:
                self._pending.pop(asked, None)
                self._gone()
                raise WorkerGone from None
            return await future

    def stop(self) -> int | None:
        """End the child (the bot is stopping, or the engine it answered for was replaced);
        return its exit code (negative: the signal that ended it), None without a child."""
        conn, pid = self._conn, self._pid
        self._conn = self._pid = self._engine = None
        if conn is not None:
            with contextlib.suppress(RuntimeError):  # no loop runs any more: nobody reads
                asyncio.get_running_loop().remove_reader(conn.fileno())
            conn.close()  # the child reads the end of its pipe and exits
        code = _reap(pid) if pid is not None else None
        for future in self._pending.values():
            if not future.done():
                future.set_exception(WorkerGone())
        self._pending.clear()
        return code

    @property
    def pid(self) -> int | None:
        """The child's process id, while it runs."""
        return self._pid

    def start(self, engine: Engine) -> None:
        """Start the child for `engine`'s index now (else the first question starts it)."""
        self._ready(engine)

    def _ready(self, engine: Engine) -> Connection:
        if self._given_up is not None and self._given_up() is engine:
            raise WorkerGone("the answer worker could not answer from this index")
        if self._engine is not engine or self._conn is None:
            self.stop()
            self._start(engine)
        assert self._conn is not None
        return self._conn

    def _start(self, engine: Engine) -> None:
        path = database_path(engine.connection)
        bots_end, childs_end = Pipe()
        pid = os.fork()
        if pid == 0:  # the child: never returns into the bot's code
            code = 1
            try:
                _keep_only(childs_end)
                _serve(path, childs_end, self._jobs)
                code = 0
            finally:
                os._exit(code)
        childs_end.close()
        self._engine, self._pid, self._conn = engine, pid, bots_end
        self._answered = 0
        asyncio.get_running_loop().add_reader(bots_end.fileno(), self._receive)
        logger.info("Answer worker started (pid %s)", pid)

    def _receive(self) -> None:
        """One answer has come back (the loop saw the pipe readable): hand it to its asker."""
        conn = self._conn
        if conn is None:
            return
        try:
            asked, ok, value = pickle.loads(conn.recv_bytes())
        except (EOFError, OSError):
            logger.warning("The answer worker ended; answering in the bot until it restarts")
            self._gone()
            return
        self._answered += 1
        future = self._pending.pop(asked, None)
        if future is None or future.done():
            return
        if ok:
            future.set_result(value)
        else:
            future.set_exception(WorkerGone(value))

    def _gone(self) -> None:
        engine, answered = self._engine, self._answered
        failed = (self.stop() or 0) > 0  # it exited with an error, rather than being killed
        if failed and not answered and engine is not None:
            logger.error("The answer worker failed before its first answer; answering in the bot")
            self._given_up = weakref.ref(engine)


def database_path(conn: sqlite3.Connection) -> Path:
    """The file of the main database of `conn`."""
    for _, name, file in conn.execute("PRAGMA database_list"):
        if name == "main":
            return Path(file)
    raise ValueError("the connection has no main database file")


def _reap(pid: int, patience: float = 5.0) -> int:
    """Wait for child `pid` to end (killing it after `patience` seconds); its exit code."""
    deadline = time.monotonic() + patience
    while True:
        ended, status = os.waitpid(pid, os.WNOHANG)
        if ended:
            return os.waitstatus_to_exitcode(status)
        if time.monotonic() > deadline:
            os.kill(pid, signal.SIGKILL)
            return os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1])
        time.sleep(0.005)


def _keep_only(conn: Connection) -> None:
    """In the child, right after the fork: of the bot's open files keep only `conn` and the
    standard streams. The others (its sockets to Telegram, its own SQLite file, the pipe's
    other end, the event loop's) must not stay open in this process: the bot closing them
    would not close them. Signals are the bot's too: none may reach its event loop through
    the loop's wakeup descriptor, and Ctrl-C or SIGTERM end this process at once."""
    signal.set_wakeup_fd(-1)
    for number in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(number, signal.SIG_DFL)
    kept = conn.fileno()
    os.closerange(3, kept)
    os.closerange(kept + 1, os.sysconf("SC_OPEN_MAX"))


def _serve(path: Path, conn: Connection, jobs: dict[str, Job]) -> None:
    """The child: open the index, then answer until the bot closes the pipe."""
    engine = Engine.open(path).warm()
    while True:
        try:
            asked, job, args, options = pickle.loads(conn.recv_bytes())
        except (EOFError, OSError):
            return
        try:
            result = (asked, True, jobs[job](engine, *args, **options))
        except Exception as error:  # the bot answers this one itself, and logs the error
            result = (asked, False, f"{type(error).__name__}: {error}")
        conn.send_bytes(pickle.dumps(result, pickle.HIGHEST_PROTOCOL))
