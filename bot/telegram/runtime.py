"""The bot's plumbing: state, bounded memories, per-chat ordering, retry, errors, logging.

Nothing here words a reply or knows a surface: the handlers (private, group, inline, buttons,
admin) read `get_state(context)` and `app.py` wires the rest in. Sections, in order:

- state: the engine the bot answers from (swapped by a reload), its limits, its memories;
- memories: which answer belongs to which question, the per-user rate of group questions, and
  each private chat's last question (what a follow-up is read against);
- ordering: updates of one chat in order, different chats at the same time;
- retry: one retry of idempotent Bot API calls after a transient fault;
- errors: the global error handler;
- logging: log lines that never show the bot token or the webhook secret.
"""

from __future__ import annotations

import asyncio
import logging
import sys
import time
import weakref
from collections import OrderedDict, deque
from collections.abc import Awaitable, Callable, Hashable, Iterable
from dataclasses import dataclass, field
from enum import Enum
from typing import Any, TypeVar

from telegram import InlineQueryResultArticle, ReplyParameters, Update
from telegram.error import (
    BadRequest,
    Forbidden,
    NetworkError,
    RetryAfter,
    TelegramError,
)
from telegram.ext import BaseUpdateProcessor, ContextTypes

from bot.context import Context
from bot.engine import Engine
from bot.telegram.languages import ChronologyStore, LanguageStore, words_of
from bot.telegram.texts import SOMETHING_WENT_WRONG
from bot.words import Words

logger = logging.getLogger(__name__)
T = TypeVar("T")

# --- state ---------------------------------------------------------------------------------

STATE_KEY = "chronobot"


class EngineHolder:
    """Holds the current Engine; handlers read `.engine` on every update.

    `swap` replaces it in one assignment, so a reload switches engines between two updates:
    engine calls are synchronous on the event loop, no query is ever half on each engine.
    """

    def __init__(self, engine: Engine):
        self._engine = engine

    @property
    def engine(self) -> Engine:
        return self._engine

    def swap(self, new_engine: Engine) -> Engine:
        """Make `new_engine` current; return the previous one (the caller closes it)."""
        old, self._engine = self._engine, new_engine
        return old


@dataclass(frozen=True)
class Limits:
    """Sizes and rates of the bot; the defaults suit Telegram, tests and benchmarks vary them."""

    private_page: int = 5  # entries per answer message in private chats
    group_page: int = 3  # groups get shorter answers
    inline_page: int = 20  # inline results per page (Telegram allows 50)
    inline_cache_time: int = 60  # seconds Telegram may cache an inline answer
    group_questions: int = 4  # per user and group ...
    group_window: float = 60.0  # ... in this many seconds
    remembered_replies: int = 2000
    remembered_pictures: int = 200  # timeline pictures whose Telegram file_id is kept
    remembered_users: int = 10_000
    # Inline answers kept for inline_cache_time seconds, and the articles (one entry each)
    # kept while the engine serves: a few MB at most (an answer holds inline_page articles).
    remembered_inline_answers: int = 200
    remembered_articles: int = 1000
    thread_seconds: float = 30 * 60  # how long a private chat's last question is followed up
    # AIORateLimiter: Telegram's own flood limits, and retries after a 429
    overall_max_rate: float = 30
    group_max_rate: float = 20
    max_retries: int = 3


@dataclass
class BotState:
    holder: EngineHolder
    limits: Limits
    languages: LanguageStore  # the users' /language choices (on disk: see languages.py)
    chronologies: ChronologyStore = field(init=False)  # the chats' /sources choices (likewise)
    replies: ReplyMemory = field(init=False)
    group_rate: UserRateLimit = field(init=False)
    pictures: PictureMemory = field(init=False)
    threads: ThreadMemory = field(init=False)
    inline: InlineMemory = field(init=False)

    def __post_init__(self) -> None:
        self.chronologies = ChronologyStore(self.languages.path)
        self.inline = InlineMemory(
            self.limits.inline_cache_time,
            self.limits.remembered_inline_answers,
            self.limits.remembered_articles,
        )
        self.replies = ReplyMemory(self.limits.remembered_replies)
        self.threads = ThreadMemory(self.limits.thread_seconds, self.limits.remembered_users)
        self.pictures = PictureMemory(self.limits.remembered_pictures)
        self.group_rate = UserRateLimit(
            self.limits.group_questions, self.limits.group_window, self.limits.remembered_users
        )

    @property
    def engine(self) -> Engine:
        return self.holder.engine

    def words(self, update: object) -> Words:
        """The `Words` of whoever sent `update`: their /language choice or their app's."""
        return words_of(update, self.languages)

    def chronology_of(self, chat_id: int) -> tuple[str | None, str | None]:
        """The chronology the chat's questions are limited to (None: all), and the chat's
        choice when a reload removed that chronology (then forgotten), else None."""
        return self.chronologies.resolve(chat_id, self.engine.chronology_names())


def get_state(context: ContextTypes.DEFAULT_TYPE) -> BotState:
    """The bot's state, stored in bot_data by `build_application`."""
    state = context.bot_data[STATE_KEY]
    assert isinstance(state, BotState)
    return state


# --- memories: small, bounded, in memory only (nothing on disk); the oldest go first --


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


# --- ordering --------------------------------------------------------------------------
# Handled one by one, a single slow exchange with Telegram (a group's flood limit, a 429
# `retry_after`, a slow network) would hold up every other chat and make inline answers miss
# Telegram's deadline. Handled all at once, an edited question could overtake its own
# question. So each chat (for inline queries: each user, whose private chat has the same id)
# gets its own queue, and the queues run concurrently.


def ordering_key(update: object) -> Hashable | None:
    """The chat an update belongs to (the user, for inline queries); None: no ordering needed."""
    if not isinstance(update, Update):
        return None
    if update.effective_chat is not None:
        return update.effective_chat.id
    if update.effective_user is not None:
        return update.effective_user.id  # a user's private chat has the user's id
    return None


class PerChatUpdateProcessor(BaseUpdateProcessor):
    """Runs updates concurrently, except that those of one chat run one after the other."""

    def __init__(self, max_concurrent_updates: int = 256):
        super().__init__(max_concurrent_updates)
        self._locks: dict[Hashable, asyncio.Lock] = {}
        self._holders: dict[Hashable, int] = {}  # updates using each lock: bounds the dict

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        key = ordering_key(update)
        if key is None:
            await coroutine
            return
        lock = self._locks.setdefault(key, asyncio.Lock())
        self._holders[key] = self._holders.get(key, 0) + 1
        try:
            async with lock:  # asyncio.Lock is first come, first served: update order is kept
                await coroutine
        finally:
            self._holders[key] -= 1
            if not self._holders[key]:
                del self._holders[key], self._locks[key]

    @property
    def chats_in_flight(self) -> int:
        return len(self._locks)

    async def initialize(self) -> None:
        pass

    async def shutdown(self) -> None:
        pass


# --- retry -----------------------------------------------------------------------------
# AIORateLimiter already waits out 429s. A 5xx or a dropped connection surfaces as
# NetworkError: for calls that are safe to repeat (answering an inline or callback query: a
# duplicate is refused by Telegram, never shown twice) one quick retry turns a lost answer
# into a late one. Messages are not retried: a send that timed out may have arrived.

RETRY_DELAY_S = 0.2  # inline answers must arrive within seconds: retry soon, once


async def retry_once(call: Callable[[], Awaitable[T]], what: str) -> T:
    """`await call()`, and once more after a NetworkError (5xx, timeout, dropped connection)."""
    try:
        return await call()
    except BadRequest:
        raise  # a subclass of NetworkError in PTB, but Telegram's answer, not a transient fault
    except NetworkError as error:
        logger.info("%s failed (%s); retrying once", what, error.message)
        await asyncio.sleep(RETRY_DELAY_S)
        return await call()


# --- errors: log (never the token), tell the user, keep serving ------------------------


def describe(update: object) -> str:
    """Which update failed, without its text (user messages stay out of the log)."""
    if not isinstance(update, Update):
        return "outside any update"
    kind = next((k for k in Update.ALL_TYPES if getattr(update, k, None) is not None), "update")
    chat = update.effective_chat
    return f"update {update.update_id} ({kind}{f', chat {chat.id}' if chat else ''})"


async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    error = context.error
    if isinstance(error, BadRequest) and "message is not modified" in error.message.lower():
        return
    if isinstance(error, (NetworkError, RetryAfter, Forbidden)):
        # Telegram or the network had a bad moment (or the user blocked the bot): no traceback.
        logger.warning("Telegram API error on %s: %s", describe(update), error)
    else:
        logger.error("Failed to handle %s", describe(update), exc_info=error)
    if not isinstance(update, Update):
        return
    # A failed button press was answered with the apology already (button_pressed always
    # answers); a blocked bot cannot write; an inline query has no chat to write to.
    if update.callback_query or isinstance(error, Forbidden) or update.effective_chat is None:
        return
    message = update.effective_message
    quote = (
        ReplyParameters(message.message_id, allow_sending_without_reply=True) if message else None
    )
    try:
        words = get_state(context).words(update)
        await context.bot.send_message(
            update.effective_chat.id, words._(SOMETHING_WENT_WRONG), reply_parameters=quote
        )
    except TelegramError as send_error:
        logger.warning(
            "Could not tell chat %s about the error: %s", update.effective_chat.id, send_error
        )


# --- logging ---------------------------------------------------------------------------
# The HTTP client logs request URLs, and Telegram's URLs contain the token
# (`.../bot<token>/getUpdates`); PTB also logs request parameters (the webhook secret) at
# DEBUG and puts the token into the text of `InvalidToken`. So every handler gets a filter
# that redacts the secrets from the final message and from tracebacks, and the HTTP client's
# loggers are kept at WARNING.

REDACTED = "[REDACTED]"
NOISY_LOGGERS = ("httpx", "httpcore")  # one line per request, URL included


def _variants(secret: str) -> tuple[str, ...]:
    # URLs may carry the token percent-encoded (':' -> '%3A').
    return tuple({secret, secret.replace(":", "%3A"), secret.replace(":", "%3a")})


class RedactingFilter(logging.Filter):
    """Replaces every secret in a record's message and traceback with [REDACTED]."""

    def __init__(self, secrets: Iterable[str | None]):
        super().__init__()
        self.secrets = tuple(
            sorted({v for s in secrets if s for v in _variants(s)}, key=len, reverse=True)
        )

    def redact(self, text: str) -> str:
        for secret in self.secrets:
            text = text.replace(secret, REDACTED)
        return text

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg, record.args = self.redact(record.getMessage()), None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = self.redact(record.exc_text)
        if record.stack_info:
            record.stack_info = self.redact(record.stack_info)
        return True


def redact(text: str, secrets: Iterable[str | None]) -> str:
    """`text` with the secrets replaced: for messages printed outside logging."""
    return RedactingFilter(secrets).redact(text)


def install_redaction(secrets: Iterable[str | None], logger: logging.Logger | None = None) -> None:
    """Add a RedactingFilter to every handler of `logger` (default: the root logger)."""
    log_filter = RedactingFilter(secrets)
    for handler in (logger or logging.getLogger()).handlers:
        handler.addFilter(log_filter)


def configure_logging(level: int | str, secrets: Iterable[str | None]) -> None:
    """Log to stderr at `level` (unless logging is set up already), never showing `secrets`."""
    root = logging.getLogger()
    if not root.handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        root.addHandler(handler)
    root.setLevel(level)
    install_redaction(secrets, root)
    for name in NOISY_LOGGERS:
        logging.getLogger(name).setLevel(logging.WARNING)
