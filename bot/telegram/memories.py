"""The bot's memories: small, bounded, in memory only (nothing on disk); the oldest go first.

Which answer belongs to which question, the pictures already uploaded, each private chat's
last question (what a follow-up is read against), inline answers and their articles, and the
per-user rate of group questions. `state.BotState` holds one of each.
"""

from __future__ import annotations

import time
import weakref
from collections import OrderedDict, deque
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from enum import Enum

from telegram import InlineQueryResultArticle

from bot.context import Context
from bot.engine import Engine


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


class PictureMemory:
    """Pictures already uploaded, as Telegram's file_id and caption: sent again, never redrawn.

    Keyed by what the picture shows (the index's content and the question), so a reload with
    new data draws anew, and bounded like every other memory here.
    """

    def __init__(self, capacity: int = 200):
        self._capacity = capacity
        self._pictures: OrderedDict[tuple[str, str], tuple[str, str]] = OrderedDict()

    def remember(self, key: tuple[str, str], file_id: str, caption: str) -> None:
        self._pictures[key] = (file_id, caption)
        self._pictures.move_to_end(key)
        while len(self._pictures) > self._capacity:
            self._pictures.popitem(last=False)

    def recall(self, key: tuple[str, str]) -> tuple[str, str] | None:
        """(file_id, caption) of that picture, if still remembered."""
        found = self._pictures.get(key)
        if found is not None:
            self._pictures.move_to_end(key)
        return found

    def forget(self, key: tuple[str, str]) -> None:
        self._pictures.pop(key, None)

    def __len__(self) -> int:
        return len(self._pictures)


@dataclass(frozen=True, slots=True)
class Thread:
    """A private chat's last question: what a follow-up is read against."""

    question_id: int  # the user's message
    answer_id: int  # the bot's answer to it
    after: Context | None  # the context that question was itself read against
    context: Context  # the context its answer leaves (bot.context.context_of)
    at: float  # when it was asked (clock seconds)


class ThreadMemory:
    """The last question of each private chat, for follow-ups: in memory only, bounded, and
    forgotten after `ttl` seconds (a question asked half an hour later starts afresh)."""

    def __init__(
        self, ttl: float, capacity: int = 10_000, clock: Callable[[], float] = time.monotonic
    ):
        self._ttl = ttl
        self._capacity = capacity
        self._clock = clock
        self._threads: OrderedDict[int, Thread] = OrderedDict()

    def last(self, chat_id: int) -> Thread | None:
        """The chat's last question, unless it is older than the time to live."""
        thread = self._threads.get(chat_id)
        if thread is not None and self._clock() - thread.at >= self._ttl:
            del self._threads[chat_id]
            return None
        return thread

    def context(self, chat_id: int) -> Context | None:
        """What the chat's next question is read against, or None."""
        thread = self.last(chat_id)
        return thread.context if thread else None

    def remember(
        self,
        chat_id: int,
        question_id: int,
        answer_id: int,
        after: Context | None,
        context: Context,
    ) -> None:
        self._threads.pop(chat_id, None)
        self._threads[chat_id] = Thread(question_id, answer_id, after, context, self._clock())
        while len(self._threads) > self._capacity:
            self._threads.popitem(last=False)

    def answered_again(self, chat_id: int, answer_id: int, context: Context) -> None:
        """The chat's last answer now shows another reading (a button): follow that one."""
        thread = self.last(chat_id)
        if thread is not None and thread.answer_id == answer_id:
            self.remember(chat_id, thread.question_id, answer_id, thread.after, context)

    def __len__(self) -> int:
        return len(self._threads)


# An inline answer: its articles and the offset of its next page (None: the last page).
InlineAnswer = tuple[tuple[InlineQueryResultArticle, ...], str | None]


class InlineMemory:
    """Inline answers given lately, and the articles they were made of, for one engine.

    Telegram asks again for each page, each pause in typing and each user (our answers are
    personal: worded in the user's language); the same query in the same language gets the
    same articles for `ttl` seconds (what Telegram itself may cache), and an entry shown again
    with the same words highlighted is not rendered again. Both are bounded. `use(engine)`
    comes first: answers of another engine (before a reload) are never given.
    """

    def __init__(
        self,
        ttl: float,
        answers: int = 200,
        articles: int = 1000,
        clock: Callable[[], float] = time.monotonic,
    ):
        self._ttl = ttl
        self._clock = clock
        self._capacity = (answers, articles)
        self._engine: weakref.ref[Engine] | None = None
        self._answers: OrderedDict[Hashable, tuple[float, InlineAnswer]] = OrderedDict()
        self._articles: OrderedDict[Hashable, InlineQueryResultArticle] = OrderedDict()

    def use(self, engine: Engine) -> InlineMemory:
        """What follows is made by `engine`: if it is another than before, forget everything."""
        if self._engine is None or self._engine() is not engine:
            self._answers.clear()
            self._articles.clear()
            self._engine = weakref.ref(engine)
        return self

    def answer(self, key: Hashable) -> InlineAnswer | None:
        """The answer remembered for `key`, unless older than the time to live."""
        found = self._answers.get(key)
        if found is None:
            return None
        if self._clock() - found[0] >= self._ttl:
            del self._answers[key]
            return None
        return found[1]

    def remember_answer(self, key: Hashable, answer: InlineAnswer) -> None:
        self._answers.pop(key, None)
        self._answers[key] = (self._clock(), answer)
        while len(self._answers) > self._capacity[0]:
            self._answers.popitem(last=False)

    def article(self, key: Hashable) -> InlineQueryResultArticle | None:
        """The article remembered for `key`, if any."""
        found = self._articles.get(key)
        if found is not None:
            self._articles.move_to_end(key)
        return found

    def remember_article(self, key: Hashable, article: InlineQueryResultArticle) -> None:
        self._articles[key] = article
        while len(self._articles) > self._capacity[1]:
            self._articles.popitem(last=False)

    def __len__(self) -> int:
        return len(self._answers)


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
