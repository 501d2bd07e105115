"""Updates in order per chat, and one retry of Bot API calls that are safe to repeat."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Hashable
from typing import Any, TypeVar

from telegram import Update
from telegram.error import BadRequest, NetworkError
from telegram.ext import BaseUpdateProcessor

logger = logging.getLogger(__name__)
T = TypeVar("T")

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
