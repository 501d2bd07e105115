"""What the bot keeps about users: two small, bounded, in-memory tables (nothing on disk).

Both forget the oldest entries first, so a busy bot's memory stays flat.
"""

from __future__ import annotations

import time
from collections import OrderedDict, deque
from collections.abc import Callable
from enum import Enum


class ReplyMemory:
    """Which bot message answered which question, so an edited question edits its answer."""

    def __init__(self, capacity: int = 2000):
        self._capacity = capacity
        self._replies: OrderedDict[tuple[int, int], int] = OrderedDict()

    def remember(self, chat_id: int, question_id: int, reply_id: int) -> None:
        key = (chat_id, question_id)
        self._replies[key] = reply_id
        self._replies.move_to_end(key)
        while len(self._replies) > self._capacity:
            self._replies.popitem(last=False)

    def reply_to(self, chat_id: int, question_id: int) -> int | None:
        """The id of the bot's answer to that question, if still remembered."""
        return self._replies.get((chat_id, question_id))

    def __len__(self) -> int:
        return len(self._replies)


class Verdict(Enum):
    ALLOW = "allow"
    NOTIFY = "notify"  # over the limit: say so, once
    SILENT = "silent"  # still over the limit: say nothing


class UserRateLimit:
    """At most `limit` questions per user and chat in any `window` seconds.

    The first question over the limit gets one polite notice; the rest of the burst is
    ignored silently, so a flood of questions cannot turn into a flood of notices.
    """

    def __init__(
        self,
        limit: int,
        window: float,
        capacity: int = 10_000,
        clock: Callable[[], float] = time.monotonic,
    ):
        self._limit = limit
        self._window = window
        self._capacity = capacity
        self._clock = clock
        self._recent: OrderedDict[tuple[int, int], tuple[deque[float], bool]] = OrderedDict()

    def check(self, chat_id: int, user_id: int) -> Verdict:
        """Count one question by `user_id` in `chat_id` and say whether to answer it."""
        now = self._clock()
        key = (chat_id, user_id)
        times, notified = self._recent.pop(key, (deque(), False))
        while times and now - times[0] >= self._window:
            times.popleft()
        if len(times) < self._limit:
            times.append(now)
            verdict, notified = Verdict.ALLOW, False
        else:
            verdict = Verdict.SILENT if notified else Verdict.NOTIFY
            notified = True
        self._recent[key] = (times, notified)
        while len(self._recent) > self._capacity:
            self._recent.popitem(last=False)
        return verdict

    def __len__(self) -> int:
        return len(self._recent)
