"""One retry for idempotent Bot API calls after a transient failure.

AIORateLimiter already waits out 429s. A 5xx or a dropped connection surfaces as
NetworkError: for calls that are safe to repeat (answering an inline or callback query:
a duplicate is refused by Telegram, never shown twice) one quick retry turns a lost answer
into a late one. Messages are not retried here: a send that timed out may have arrived.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import TypeVar

from telegram.error import BadRequest, NetworkError

logger = logging.getLogger(__name__)
T = TypeVar("T")
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
