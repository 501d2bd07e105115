"""The bot's state: the engine it answers from (swapped by a reload), its limits, the users'
and chats' stored choices (bot.telegram.languages) and its memories (bot.telegram.memories),
kept in the Application's bot_data; handlers read it with `get_state(context)`."""

from __future__ import annotations

from dataclasses import dataclass, field

from telegram.ext import ContextTypes

from bot.engine import Engine
from bot.telegram.languages import ChronologyStore, LanguageStore, words_of
from bot.telegram.memories import (
    InlineMemory,
    PictureMemory,
    ReplyMemory,
    ThreadMemory,
    UserRateLimit,
)
from bot.telegram.worker import AnswerWorker
from bot.words import Words

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
    worker: AnswerWorker | None = None  # works out answers in a child process (worker.py)
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
