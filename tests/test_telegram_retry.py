"""Idempotent Bot API calls are retried once after a transient fault, never after a refusal."""

from __future__ import annotations

import pytest
from telegram.error import BadRequest, NetworkError, TimedOut

from bot.telegram import ordering as retry


@pytest.fixture(autouse=True)
def no_delay(monkeypatch):
    monkeypatch.setattr(retry, "RETRY_DELAY_S", 0)


def flaky(*errors: Exception):
    calls = []

    async def call():
        calls.append(1)
        if len(calls) <= len(errors):
            raise errors[len(calls) - 1]
        return "ok"

    return call, calls


@pytest.mark.asyncio
@pytest.mark.parametrize("error", [NetworkError("Bad Gateway"), TimedOut()])
async def test_a_transient_fault_is_retried_once(error) -> None:
    call, calls = flaky(error)
    assert await retry.retry_once(call, "answerInlineQuery") == "ok"
    assert len(calls) == 2


@pytest.mark.asyncio
async def test_a_second_fault_is_raised() -> None:
    call, calls = flaky(NetworkError("a"), NetworkError("b"))
    with pytest.raises(NetworkError):
        await retry.retry_once(call, "answerInlineQuery")
    assert len(calls) == 2


@pytest.mark.asyncio
async def test_telegrams_refusal_is_not_retried() -> None:
    call, calls = flaky(BadRequest("Query is too old"))
    with pytest.raises(BadRequest):
        await retry.retry_once(call, "answerInlineQuery")
    assert len(calls) == 1
