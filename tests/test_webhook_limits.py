"""The webhook of a whole `chronobot serve`: only Telegram's small, secret-bearing requests
get through.

A request without the secret token, or with a wrong one, gets 403; a body over 1 MB is
refused before it is read (tornado answers 400 and closes the connection, or the client sees
the connection close while still sending); none of them is processed, and the bot keeps
serving. The secret comes from CHRONOBOT_WEBHOOK_SECRET here, and appears in no output.
"""

from __future__ import annotations

import asyncio
import json
import signal
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pytest
import pytest_asyncio

from bot.telegram.app import WEBHOOK_MAX_BODY
from tests.fakebotapi import SECRET_HEADER, FakeBotAPI
from tests.test_telegram_serve import webhook_serve

pytestmark = pytest.mark.asyncio(loop_scope="module")

SECRET = "webhook-secret_0123456789abcdefABCDEF"
REFUSED = "refused"  # the connection was closed instead of an answer


class Webhook:
    """A running `chronobot serve` in webhook mode, and a client for its webhook URL."""

    def __init__(self, api: FakeBotAPI, process: asyncio.subprocess.Process, log: Path):
        self.api, self.process, self.log = api, process, log
        self.url = api.webhook["url"]
        self.client = aiohttp.ClientSession(trust_env=False)

    async def post(self, body: bytes | object, headers: dict[str, str]) -> int | str:
        """POST raw `body` (bytes, or an async iterator: sent chunked); the status or REFUSED."""
        try:
            async with self.client.post(self.url, data=body, headers=headers) as response:
                return response.status
        except (aiohttp.ClientOSError, aiohttp.ServerDisconnectedError):
            return REFUSED

    def update(self, text: str) -> bytes:
        return json.dumps({"update_id": 10**6, "message": self.api.message(text)}).encode()

    def answers_mentioning(self, entry_id: str) -> list[str]:
        sent = [c.result["text"] for c in self.api.calls_to("sendMessage") if c.ok]
        return [text for text in sent if entry_id in text]

    async def answered(self, text: str) -> str:
        """Deliver `text` the way Telegram would; return the bot's answer."""
        await self.api.push_message(text)
        (answer,) = await self.api.wait_for("sendMessage", timeout=30)
        return answer.result["text"]


@pytest_asyncio.fixture(loop_scope="module", scope="module")
async def webhook(tmp_path_factory) -> AsyncIterator[Webhook]:
    tmp_path = tmp_path_factory.mktemp("webhook")
    async with FakeBotAPI() as api:
        log = tmp_path / "serve.log"
        async with webhook_serve(api, tmp_path, log, CHRONOBOT_WEBHOOK_SECRET=SECRET) as process:
            hook = Webhook(api, process, log)
            try:
                yield hook
            finally:
                await hook.client.close()
            process.send_signal(signal.SIGTERM)
            assert await asyncio.wait_for(process.wait(), 30) == 0


JSON = {"Content-Type": "application/json"}


async def test_the_configured_secret_is_registered_and_honoured(webhook):
    assert webhook.api.webhook["secret_token"] == SECRET
    assert "okafor-2008-09-02" in await webhook.answered("Okafor")
    assert webhook.api.webhook_statuses[-1] == 200


@pytest.mark.parametrize(
    "secret",
    [None, "", "wrong", SECRET.upper(), SECRET + "x", SECRET[:-1]],
    ids=["missing", "empty", "wrong", "other-case", "longer", "shorter"],
)
async def test_request_without_the_exact_secret_gets_403_and_is_not_processed(webhook, secret):
    headers = dict(JSON) if secret is None else {**JSON, SECRET_HEADER: secret}
    assert await webhook.post(webhook.update("Varga 2009"), headers) == 403
    # Updates are handled in order: when this is answered, the forged one would have been.
    assert "varga-2007-01-20" in await webhook.answered("Varga 2007")
    assert not webhook.answers_mentioning("varga-2009-04-11")


async def test_secret_in_the_url_instead_of_the_header_gets_403(webhook):
    url = f"{webhook.url}?secret_token={SECRET}"
    async with webhook.client.post(url, data=webhook.update("Varga 2009"), headers=JSON) as resp:
        assert resp.status == 403


async def test_oversized_body_is_refused_unread_and_not_processed(webhook):
    body = webhook.update("Varga 2009 " + "x" * (2 * 1024 * 1024))
    assert len(body) > 2 * WEBHOOK_MAX_BODY
    status = await webhook.post(body, {**JSON, SECRET_HEADER: SECRET})
    assert status in (400, 413, REFUSED)
    assert "varga-2007-01-20" in await webhook.answered("Varga 2007")
    assert not webhook.answers_mentioning("varga-2009-04-11")


async def test_oversized_chunked_body_is_refused_too(webhook):
    """Without a Content-Length the server counts what arrives, and stops at the limit."""
    update = webhook.update("Varga 2009 ")

    async def chunks():
        yield update[:-3]
        for _ in range(40):
            yield b"x" * 65536  # 2.5 MB in all
        yield update[-3:]

    status = await webhook.post(chunks(), {**JSON, SECRET_HEADER: SECRET})
    assert status in (400, 413, REFUSED)
    assert "okafor-2008-09-02" in await webhook.answered("Okafor")


async def test_body_under_the_limit_is_processed(webhook):
    """The limit is far above any real update: a 200 kB message is still answered."""
    body = webhook.update("Okafor " + "lighthouse " * 18_000)
    assert 150_000 < len(body) < WEBHOOK_MAX_BODY
    assert await webhook.post(body, {**JSON, SECRET_HEADER: SECRET}) == 200
    (answer,) = await webhook.api.wait_for("sendMessage", timeout=30)
    assert "okafor-2008-09-02" in answer.result["text"]


async def test_neither_token_nor_secret_reached_the_output(webhook):
    """Runs last in this module: the log covers every request above, at DEBUG."""
    output = webhook.log.read_text()
    assert "DEBUG" in output and "Webhook" in output
    assert webhook.api.token not in output
    assert webhook.api.token.replace(":", "%3A") not in output
    assert SECRET not in output
