"""The bot's state: the engine it answers from, its limits and its bounded memories.

One `BotState` lives in `application.bot_data`; handlers reach it through `get_state`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from telegram.ext import ContextTypes

from bot.engine import Engine
from bot.telegram.memory import ReplyMemory, UserRateLimit

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
    remembered_users: int = 10_000
    # AIORateLimiter: Telegram's own flood limits, and retries after a 429
    overall_max_rate: float = 30
    group_max_rate: float = 20
    max_retries: int = 3


@dataclass
class BotState:
    holder: EngineHolder
    limits: Limits
    replies: ReplyMemory = field(init=False)
    group_rate: UserRateLimit = field(init=False)

    def __post_init__(self) -> None:
        self.replies = ReplyMemory(self.limits.remembered_replies)
        self.group_rate = UserRateLimit(
            self.limits.group_questions, self.limits.group_window, self.limits.remembered_users
        )

    @property
    def engine(self) -> Engine:
        return self.holder.engine


def get_state(context: ContextTypes.DEFAULT_TYPE) -> BotState:
    """The bot's state, stored in bot_data by `build_application`."""
    return context.bot_data[STATE_KEY]
