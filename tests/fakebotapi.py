"""A small, strict fake of the Telegram Bot API, served over real HTTP on 127.0.0.1.

Point a real python-telegram-bot `Application` at it (`base_url=f"{api.base_url}/bot"`), push
updates the way Telegram would deliver them (long polling or webhook), and inspect every call
the bot made. It is as strict as Telegram where a bot can get things wrong: HTML is parsed
(unescaped `<` or `&`, unknown or unbalanced tags are a 400), texts are limited to 4096
visible characters, callback data to 64 bytes, inline answers to 50 results with unique ids
and to a deadline, identical edits are "message is not modified"; photos must be real PNG or
JPEG uploads within Telegram's dimensions (or the file_id of one sent before) with captions of
at most 1024 visible characters. Faults (429 with
`retry_after`, 500, a dropped connection) are injected on demand.

A plain module (no pytest inside) so that the benchmarks can drive the bot through it too:

    async with FakeBotAPI() as api:
        config = Config(token=api.token, api_url=api.base_url, ...)
        ...
        await api.push_message("Varga 2009")
        (call,) = await api.wait_for("sendMessage")
"""

from __future__ import annotations

import asyncio
import contextlib
import copy
import itertools
import json
import random
import re
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import aiohttp
from aiohttp import web
from telegram import Update

DEFAULT_TOKEN = "123456789:AAFakeTokenForTestsOnly_xyzXYZ0123456789"
MAX_TEXT = 4096
MAX_CAPTION = 1024
MAX_PHOTO_BYTES = 10 * 1024 * 1024
MAX_CALLBACK_DATA = 64
MAX_INLINE_RESULTS = 50
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
_AS_SET = object()  # post_webhook: send the secret the bot registered

# Parameters PTB sends as plain strings; every other form value is JSON-encoded by PTB.
STRING_PARAMS = {
    "text",
    "caption",
    "query",
    "inline_query_id",
    "callback_query_id",
    "inline_message_id",
    "next_offset",
    "url",
    "secret_token",
    "parse_mode",
    "language_code",
    "action",
    "ip_address",
}


class ApiError(Exception):
    """An error answer of the fake API (status and Telegram's description)."""

    def __init__(self, status: int, description: str, retry_after: int | None = None):
        super().__init__(description)
        self.status = status
        self.description = description
        self.retry_after = retry_after


def bad_request(text: str) -> ApiError:
    return ApiError(400, f"Bad Request: {text}")


# --- Telegram's HTML: parse like the server does ------------------------------------------------

_TAG = re.compile(
    r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)"
    r"((?:\s+[a-zA-Z-]+(?:\s*=\s*(?:\"[^\"<>]*\"|'[^'<>]*'|[^\s>\"'<]+))?)*)\s*>"
)
_ATTR = re.compile(r"([a-zA-Z-]+)(?:\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s>\"']+)))?")
_ENTITY = re.compile(r"&(?:(lt|gt|amp|quot)|#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6}));")
_NAMED = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
_PLAIN = re.compile(r"[^<&]+")  # a run of text with neither a tag nor an entity in it
_TAG_TYPES = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "tg-spoiler": "spoiler",
    "span": "spoiler",
    "a": "text_link",
    "code": "code",
    "pre": "pre",
    "blockquote": "blockquote",
    "tg-emoji": "custom_emoji",
}


def utf16_len(text: str) -> int:
    """Length in UTF-16 code units: the unit of Telegram's entity offsets."""
    return len(text.encode("utf-16-le")) // 2


def _tag_attributes(name: str, raw: str, at: int) -> dict[str, str]:
    attrs = {m[1].lower(): m[2] or m[3] or m[4] or "" for m in _ATTR.finditer(raw)}
    if name == "a" and not attrs.get("href"):
        raise bad_request(f'can\'t parse entities: Tag "a" must have href at byte offset {at}')
    if name == "span" and attrs.get("class") != "tg-spoiler":
        raise bad_request(f'can\'t parse entities: Tag "span" must have class "tg-spoiler" at {at}')
    return attrs


def parse_html(html: str) -> tuple[str, list[dict[str, Any]]]:
    """Telegram's HTML parse mode: the visible text and its entities (UTF-16 offsets).

    Stricter than Telegram in one way: a bare `&` that starts no entity is an error, because
    in our bot it can only mean a missing `html.escape`.
    """
    out: list[str] = []
    entities: list[dict[str, Any]] = []
    stack: list[tuple[str, dict[str, str], int]] = []
    offset = 0  # UTF-16 units written so far
    pos = 0
    while pos < len(html):
        char = html[pos]
        if char == "<":
            match = _TAG.match(html, pos)
            if not match:
                raise bad_request(
                    f"can't parse entities: Unsupported start tag at byte offset {pos}"
                )
            closing, name = match[1] == "/", match[2].lower()
            if name not in _TAG_TYPES:
                raise bad_request(
                    f'can\'t parse entities: Unsupported start tag "{name}" at byte offset {pos}'
                )
            if closing:
                if not stack or stack[-1][0] != name:
                    raise bad_request(
                        f"can't parse entities: Unmatched end tag at byte offset {pos}, expected \""
                        f'{stack[-1][0] if stack else ""}", found "{name}"'
                    )
                open_name, attrs, start = stack.pop()
                if offset > start:
                    entity: dict[str, Any] = {
                        "type": _TAG_TYPES[open_name],
                        "offset": start,
                        "length": offset - start,
                    }
                    if open_name == "a":
                        entity["url"] = attrs["href"]
                    entities.append(entity)
            else:
                stack.append((name, _tag_attributes(name, match[3], pos), offset))
            pos = match.end()
            continue
        if char == "&":
            match = _ENTITY.match(html, pos)
            if not match:
                raise bad_request(
                    f'can\'t parse entities: unescaped "&" (no entity) at byte offset {pos}'
                )
            if match[1]:
                char = _NAMED[match[1]]
            else:
                code = int(match[2]) if match[2] else int(match[3], 16)
                if not 0 < code <= 0x10FFFF or 0xD800 <= code <= 0xDFFF:
                    raise bad_request(f"can't parse entities: bad character code at {pos}")
                char = chr(code)
            pos = match.end()
        else:
            char = _PLAIN.match(html, pos).group()  # the whole run at once, not per character
            pos += len(char)
        out.append(char)
        offset += utf16_len(char)
    if stack:
        raise bad_request(
            "can't parse entities: Can't find end tag corresponding to start tag "
            f'"{stack[-1][0]}"'
        )
    entities.sort(key=lambda e: (e["offset"], -e["length"]))
    return "".join(out), entities


def check_text(text: Any, parse_mode: str | None) -> tuple[str, list[dict[str, Any]]]:
    """Validate a message text as sendMessage would; return the visible text and entities."""
    if not isinstance(text, str) or not text.strip():
        raise bad_request("message text is empty")
    plain, entities = parse_html(text) if (parse_mode or "").upper() == "HTML" else (text, [])
    if not plain.strip():
        raise bad_request("message text is empty")
    if utf16_len(plain) > MAX_TEXT:  # Telegram counts UTF-16 units, like entity offsets
        raise bad_request("message is too long")
    return plain, entities


def check_caption(caption: Any, parse_mode: str | None) -> tuple[str, list[dict[str, Any]]]:
    """Validate a photo caption (may be absent); return the visible text and entities."""
    if caption is None or caption == "":
        return "", []
    if not isinstance(caption, str):
        raise bad_request("can't parse caption")
    plain, entities = parse_html(caption) if (parse_mode or "").upper() == "HTML" else (caption, [])
    if utf16_len(plain) > MAX_CAPTION:
        raise bad_request("message caption is too long")
    return plain, entities


@dataclass(frozen=True)
class Upload:
    """A file the bot uploaded in a multipart request."""

    filename: str | None
    content_type: str
    data: bytes


def image_size(data: bytes) -> tuple[int, int]:
    """Width and height of a PNG or JPEG upload, as Telegram would find them; else a 400."""
    if data.startswith(b"\x89PNG\r\n\x1a\n") and data[12:16] == b"IHDR":
        return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    if data.startswith(b"\xff\xd8"):
        at = 2
        while at + 9 < len(data):
            marker, length = data[at + 1], int.from_bytes(data[at + 2 : at + 4], "big")
            if 0xC0 <= marker <= 0xC3:
                height = int.from_bytes(data[at + 5 : at + 7], "big")
                return int.from_bytes(data[at + 7 : at + 9], "big"), height
            at += 2 + length
    raise bad_request("IMAGE_PROCESS_FAILED")


def check_photo(data: bytes) -> tuple[int, int]:
    """Telegram's limits on a photo: 10 MB, sides adding up to 10,000, a ratio of at most 20."""
    if len(data) > MAX_PHOTO_BYTES:
        raise bad_request("PHOTO_SAVE_FILE_INVALID")
    width, height = image_size(data)
    if (
        not width
        or not height
        or width + height > 10_000
        or max(width, height) > 20 * min(width, height)
    ):
        raise bad_request("PHOTO_INVALID_DIMENSIONS")
    return width, height


def check_reply_markup(markup: Any) -> dict | None:
    """Validate an inline keyboard (the only kind this bot sends)."""
    if markup is None:
        return None
    if not isinstance(markup, dict) or not isinstance(markup.get("inline_keyboard"), list):
        raise bad_request("can't parse reply keyboard markup JSON object")
    for row in markup["inline_keyboard"]:
        if not isinstance(row, list):
            raise bad_request("can't parse inline keyboard button: row is not an array")
        for button in row:
            if not isinstance(button, dict) or not str(button.get("text", "")).strip():
                raise bad_request("BUTTON_TEXT_INVALID")
            data = button.get("callback_data")
            kinds = {"callback_data", "url", "switch_inline_query"}
            kinds |= {"switch_inline_query_current_chat", "switch_inline_query_chosen_chat"}
            if not kinds & button.keys():
                raise bad_request("BUTTON_TYPE_INVALID")
            if data is not None and not 1 <= len(str(data).encode()) <= MAX_CALLBACK_DATA:
                raise bad_request("BUTTON_DATA_INVALID")
    return markup


# --- Updates, built the way Telegram sends them ---------------------------------------------------


def user(user_id: int = 1001, first_name: str = "Alice", username: str | None = "alice") -> dict:
    """A Telegram `User` object of a human."""
    data: dict[str, Any] = {"id": user_id, "is_bot": False, "first_name": first_name}
    if username:
        data["username"] = username
    return data


def private_chat(of: dict) -> dict:
    """The private chat with `of` (its id is the user's id, as in Telegram)."""
    return {"id": of["id"], "type": "private", "first_name": of["first_name"]}


def group_chat(chat_id: int = -1001234567890, title: str = "History club") -> dict:
    return {"id": chat_id, "type": "supergroup", "title": title}


_COMMAND = re.compile(r"(?<![\w/@])/[A-Za-z0-9_]{1,32}(?:@[A-Za-z0-9_]{3,32})?(?![\w/@])")
_MENTION = re.compile(r"(?<![\w@])@[A-Za-z0-9_]{3,32}(?![\w@])")


def text_entities(text: str) -> list[dict[str, Any]]:
    """The entities Telegram's client marks in typed text: bot commands and @mentions."""
    found = [("bot_command", m) for m in _COMMAND.finditer(text)]
    found += [("mention", m) for m in _MENTION.finditer(text)]
    entities = [
        {
            "type": kind,
            "offset": utf16_len(text[: m.start()]),
            "length": utf16_len(m[0]),
        }
        for kind, m in found
    ]
    return sorted(entities, key=lambda e: e["offset"])


def buttons_of(message: dict) -> dict[str, str]:
    """A message's inline keyboard as {label: callback_data}."""
    rows = (message.get("reply_markup") or {}).get("inline_keyboard", [])
    return {b["text"]: b.get("callback_data", "") for row in rows for b in row}


def entity_texts(message: dict, kind: str) -> list[str]:
    """The text under each entity of one type ("bold", "mention"...), read by UTF-16 offsets."""
    units = message.get("text", "").encode("utf-16-le")
    return [
        units[2 * e["offset"] : 2 * (e["offset"] + e["length"])].decode("utf-16-le")
        for e in message.get("entities", [])
        if e["type"] == kind
    ]


# --- Recorded calls -----------------------------------------------------------------------------


def _menu_key(params: dict) -> str:
    """A command menu's scope type, with ":<language_code>" for a language's own menu."""
    scope = (params.get("scope") or {"type": "default"})["type"]
    language = params.get("language_code") or ""
    if language and not re.fullmatch(r"[a-z]{2}", str(language)):
        raise bad_request("LANGUAGE_CODE_INVALID")  # Telegram: two-letter ISO 639-1 or empty
    return f"{scope}:{language}" if language else scope


@dataclass
class Call:
    """One request the bot made, with the fake's answer."""

    method: str
    params: dict[str, Any]
    status: int = 200
    result: Any = None
    description: str | None = None
    injected: bool = False  # the error was a fault injected by the test

    @property
    def ok(self) -> bool:
        return self.status == 200


@dataclass
class _Fault:
    method: str
    status: int
    retry_after: int | None
    drop: bool
    remaining: int


@dataclass
class Chaos:
    """Random transient faults, for soak tests.

    `budget` says how many faults of each kind each method may get, e.g.
    {"sendMessage 500": 10, "sendMessage drop": 5, "answerInlineQuery 429": 3}; while some
    are left, each call of that method fails with `probability`. A fault never hits two calls
    in a row for the same chat or query: a retry, or the error handler's apology, gets
    through, as after a real transient fault.
    """

    budget: dict[str, int]
    probability: float
    seed: int = 0
    retry_after: tuple[int, ...] = (0, 1)  # of a 429, picked at random
    injected: Counter = field(default_factory=Counter)  # "method kind" -> how many so far
    _random: random.Random = field(init=False)
    _just_hit: set = field(default_factory=set)  # targets whose last call was a fault

    def __post_init__(self) -> None:
        self._random = random.Random(self.seed)

    def pick(self, method: str, params: dict[str, Any]) -> _Fault | None:
        target = _fault_target(method, params)
        if target in self._just_hit:
            self._just_hit.discard(target)
            return None
        left = [
            key
            for key, most in self.budget.items()
            if key.split()[0] == method and self.injected[key] < most
        ]
        if not left or self._random.random() >= self.probability:
            return None
        key = self._random.choice(left)
        self.injected[key] += 1
        self._just_hit.add(target)
        kind = key.split()[1]
        if kind == "drop":
            return _Fault(method, 0, None, True, 1)
        if kind == "429":
            return _Fault(method, 429, self._random.choice(self.retry_after), False, 1)
        return _Fault(method, int(kind), None, False, 1)


def _fault_target(method: str, params: dict[str, Any]) -> tuple:
    for key in ("chat_id", "callback_query_id", "inline_query_id"):
        if key in params:
            return (key, str(params[key]))
    return (method,)


@dataclass
class _Query:
    """An inline or callback query waiting for its answer."""

    created: float
    answered: bool = False
    answer: dict[str, Any] = field(default_factory=dict)


class FakeBotAPI:
    """The fake server. Use as `async with FakeBotAPI() as api:`; see the module docstring."""

    def __init__(
        self,
        token: str = DEFAULT_TOKEN,
        *,
        username: str = "ChronoTestBot",
        bot_id: int | None = None,
        answer_deadline: float = 10.0,
        first_name: str = "Chronology",
    ):
        self.token = token
        self.bot_user = {
            "id": bot_id or int(token.split(":")[0]),
            "is_bot": True,
            "first_name": first_name,
            "username": username,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": True,
        }
        self.answer_deadline = answer_deadline  # seconds before a query is "too old"
        self.base_url = ""
        self.calls: list[Call] = []
        self.expected_errors: list[str] = []  # substrings of rejections a test provokes on purpose
        self.commands: dict[str, list[dict]] = {}  # scope type -> commands
        self.webhook: dict[str, Any] = {}
        self.confirmed_offset = 0  # every update below this id was confirmed by the bot
        self.last_update_id = 0  # of the last update pushed
        self.inline_answers: dict[str, dict[str, Any]] = {}
        self.callback_answers: dict[str, dict[str, Any]] = {}
        self.webhook_statuses: list[int] = []
        self.uploads: list[bytes] = []  # every photo uploaded, in order
        self.photos: dict[str, dict[str, Any]] = {}  # file_id -> PhotoSize, for reuse
        self._pending: list[dict] = []
        self._new_update = asyncio.Event()
        self._new_call = asyncio.Event()
        self._closing = False
        self._seen: dict[str, int] = {}
        self._faults: list[_Fault] = []
        self.chaos: Chaos | None = None  # random faults (soak tests); see Chaos
        self._update_ids = itertools.count(1)
        self._query_ids = itertools.count(5000)
        self._message_ids: dict[int, itertools.count] = {}
        self._chats: dict[int, dict] = {}
        self._messages: dict[tuple[int, int], dict] = {}
        self._queries: dict[str, _Query] = {}
        self._runner: web.AppRunner | None = None
        self._client: aiohttp.ClientSession | None = None

    # -- lifecycle

    async def __aenter__(self) -> FakeBotAPI:
        app = web.Application(client_max_size=10 * 1024 * 1024)
        app.router.add_route("*", "/bot{token}/{method}", self._handle)
        app.router.add_route("*", "/file/bot{token}/{path:.*}", self._handle_file)
        self._runner = web.AppRunner(
            app, handler_cancellation=True, shutdown_timeout=1.0, access_log=None
        )
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        self.base_url = f"http://127.0.0.1:{port}"
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        self._closing = True
        self._new_update.set()
        if self._client:
            await self._client.close()
        if self._runner:
            await self._runner.cleanup()

    # -- pushing updates

    async def push(self, update: dict) -> dict:
        """Deliver a raw update (an `update_id` is added): by webhook if one is set, else queue it.

        The update is first parsed by PTB itself: an update missing a required field would make
        polling re-fetch it forever, so it fails here instead.
        """
        update = {"update_id": next(self._update_ids), **update}
        self.last_update_id = update["update_id"]
        Update.de_json(copy.deepcopy(update), None)
        if self.webhook.get("url"):
            self.webhook_statuses.append(await self.post_webhook(update))
        else:
            self._pending.append(update)
            self._new_update.set()
        return update

    async def post_webhook(self, update: dict, secret: str | object | None = _AS_SET) -> int:
        """POST `update` to the webhook as Telegram would; `secret` overrides the header."""
        if self._client is None:
            self._client = aiohttp.ClientSession(trust_env=False)
        if secret is _AS_SET:
            secret = self.webhook.get("secret_token")
        headers = {SECRET_HEADER: secret} if secret else {}
        async with self._client.post(self.webhook["url"], json=update, headers=headers) as resp:
            return resp.status

    def _remember(self, message: dict) -> dict:
        self._chats[message["chat"]["id"]] = message["chat"]
        self._messages[(message["chat"]["id"], message["message_id"])] = message
        return message

    def _next_message_id(self, chat_id: int) -> int:
        return next(self._message_ids.setdefault(chat_id, itertools.count(1)))

    def message(
        self,
        text: str | None = None,
        *,
        sender: dict | None = None,
        chat: dict | None = None,
        reply_to: dict | None = None,
        entities: list[dict] | None = None,
        **content: Any,
    ) -> dict:
        """A user's message as Telegram sends it (commands and mentions marked as entities)."""
        sender = sender or user()
        chat = chat or private_chat(sender)
        message: dict[str, Any] = {
            "message_id": self._next_message_id(chat["id"]),
            "date": int(time.time()),
            "chat": chat,
            "from": sender,
            **content,
        }
        if text is not None:
            message["text"] = text
            marked = text_entities(text) if entities is None else entities
            if marked:
                message["entities"] = marked
        if reply_to is not None:
            message["reply_to_message"] = _public(reply_to, "reply_to_message")
        return self._remember(message)

    async def push_message(self, text: str | None = None, **kwargs: Any) -> dict:
        """Send the bot a user's message (see `message` for the arguments); return it."""
        message = self.message(text, **kwargs)
        await self.push({"message": message})
        return message

    async def push_edit(self, message: dict, text: str) -> dict:
        """The user edits `message` to `text`."""
        edited = {**message, "text": text, "edit_date": int(time.time())}
        edited.pop("entities", None)
        if marked := text_entities(text):
            edited["entities"] = marked
        self._remember(edited)
        await self.push({"edited_message": edited})
        return edited

    async def push_sticker(self, **kwargs: Any) -> dict:
        sticker = {
            "file_id": "CAACAgIAAxkBAAEBsticker",
            "file_unique_id": "AgADsticker",
            "type": "regular",
            "width": 512,
            "height": 512,
            "is_animated": False,
            "is_video": False,
            "emoji": "👍",
        }
        return await self.push_message(None, sticker=sticker, **kwargs)

    async def push_photo(self, **kwargs: Any) -> dict:
        photo = [{"file_id": "AgACphoto", "file_unique_id": "AQADphoto", "width": 90, "height": 90}]
        return await self.push_message(None, photo=photo, **kwargs)

    async def push_callback(self, message: dict, data: str, *, sender: dict | None = None) -> str:
        """The user presses a button with `data` under the bot's `message`; return the query id."""
        query_id = str(next(self._query_ids))
        self._queries[query_id] = _Query(created=time.monotonic())
        current = self._messages.get((message["chat"]["id"], message["message_id"]), message)
        await self.push(
            {
                "callback_query": {
                    "id": query_id,
                    "from": sender or user(),
                    "chat_instance": f"ci{message['chat']['id']}",
                    "data": data,
                    "message": _public(current),
                }
            }
        )
        return query_id

    async def push_inline(self, query: str, *, offset: str = "", sender: dict | None = None) -> str:
        """The user types `@bot query`; return the inline query id."""
        query_id = str(next(self._query_ids))
        self._queries[query_id] = _Query(created=time.monotonic())
        await self.push(
            {
                "inline_query": {
                    "id": query_id,
                    "from": sender or user(),
                    "query": query,
                    "offset": offset,
                    "chat_type": "sender",
                }
            }
        )
        return query_id

    # -- inspecting what the bot did

    def calls_to(self, method: str) -> list[Call]:
        """Every recorded call of `method`, failed ones included."""
        return [call for call in self.calls if call.method == method]

    async def wait_for(self, method: str, count: int = 1, timeout: float = 10.0) -> list[Call]:
        """The next `count` successful calls of `method` not returned by an earlier wait_for."""
        deadline = asyncio.get_running_loop().time() + timeout
        while True:
            ok = [call for call in self.calls_to(method) if call.ok]
            start = self._seen.get(method, 0)
            if len(ok) >= start + count:
                self._seen[method] = start + count
                return ok[start : start + count]
            remaining = deadline - asyncio.get_running_loop().time()
            if remaining <= 0:
                recent = [(c.method, c.status, c.description) for c in self.calls[-8:]]
                raise AssertionError(
                    f"timed out waiting for {count} new {method} call(s); "
                    f"got {len(ok) - start}; last calls: {recent}"
                )
            self._new_call.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._new_call.wait(), remaining)

    def sent(self, chat_id: int) -> list[dict]:
        """The bot's messages in a chat as they are now (after edits), oldest first."""
        return [
            m
            for (chat, _), m in sorted(self._messages.items())
            if chat == chat_id and m["from"]["id"] == self.bot_user["id"]
        ]

    def stored_message(self, chat_id: int, message_id: int) -> dict | None:
        return self._messages.get((chat_id, message_id))

    def unexpected_errors(self) -> list[Call]:
        """Calls the fake rejected that were neither injected nor declared expected."""
        return [
            call
            for call in self.calls
            if not call.ok
            and not call.injected
            and not any(text in (call.description or "") for text in self.expected_errors)
        ]

    # -- faults

    def fail(
        self, method: str, *, status: int = 429, retry_after: int | None = 1, times: int = 1
    ) -> None:
        """Answer the next `times` calls of `method` with an error (429 carries `retry_after`)."""
        self._faults.append(
            _Fault(method, status, retry_after if status == 429 else None, False, times)
        )

    def drop(self, method: str, *, times: int = 1) -> None:
        """Close the connection of the next `times` calls of `method` without any answer."""
        self._faults.append(_Fault(method, 0, None, True, times))

    def _take_fault(self, method: str) -> _Fault | None:
        for fault in self._faults:
            if fault.method == method and fault.remaining > 0:
                fault.remaining -= 1
                return fault
        return None

    # -- the HTTP side

    async def _handle_file(self, request: web.Request) -> web.Response:
        return web.json_response(
            {"ok": False, "error_code": 404, "description": "Not Found"}, status=404
        )

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        method = request.match_info["method"]
        params = await _read_params(request)
        call = Call(method, params)
        try:
            if request.match_info["token"] != self.token:
                raise ApiError(401, "Unauthorized")
            fault = self._take_fault(method) or (self.chaos and self.chaos.pick(method, params))
            if fault and fault.drop:
                call.status, call.injected, call.description = 0, True, "dropped"
                self._record(call)
                request.transport.close()  # type: ignore[union-attr]
                return web.Response(status=500)
            if fault:
                call.injected = True
                text = "Too Many Requests: retry after" if fault.status == 429 else "Internal error"
                raise ApiError(
                    fault.status, f"{text} {fault.retry_after or ''}".strip(), fault.retry_after
                )
            handler = getattr(self, f"_api_{method}", None)
            if handler is None:
                raise ApiError(404, "Not Found: method not found")
            call.result = await handler(params)
        except ApiError as error:
            call.status, call.description = error.status, error.description
            self._record(call)
            body: dict[str, Any] = {
                "ok": False,
                "error_code": error.status,
                "description": error.description,
            }
            if error.retry_after is not None:
                body["parameters"] = {"retry_after": error.retry_after}
            return web.json_response(body, status=error.status)
        self._record(call)
        return web.json_response({"ok": True, "result": call.result})

    def _record(self, call: Call) -> None:
        self.calls.append(call)
        self._new_call.set()

    # -- Bot API methods

    async def _api_getMe(self, params: dict) -> dict:
        return self.bot_user

    async def _api_logOut(self, params: dict) -> bool:
        return True

    async def _api_close(self, params: dict) -> bool:
        return True

    async def _api_getUpdates(self, params: dict) -> list[dict]:
        if self.webhook.get("url"):
            raise ApiError(
                409,
                "Conflict: can't use getUpdates method while webhook is active; "
                "use deleteWebhook to delete the webhook first",
            )
        offset = int(params.get("offset") or 0)
        if offset > 0:
            self.confirmed_offset = max(self.confirmed_offset, offset)
            self._pending = [u for u in self._pending if u["update_id"] >= offset]
        limit = int(params.get("limit") or 100)
        allowed = params.get("allowed_updates")
        loop = asyncio.get_running_loop()
        deadline = loop.time() + float(params.get("timeout") or 0)
        while not self._pending and not self._closing:
            remaining = deadline - loop.time()
            if remaining <= 0:
                break
            self._new_update.clear()
            try:
                await asyncio.wait_for(self._new_update.wait(), remaining)
            except TimeoutError:
                break
        updates = self._pending[:limit]
        if allowed:
            updates = [u for u in updates if set(u) - {"update_id"} <= set(allowed)]
        return updates

    async def _api_setWebhook(self, params: dict) -> bool:
        secret = params.get("secret_token")
        if secret is not None and not re.fullmatch(r"[A-Za-z0-9_-]{1,256}", secret):
            raise bad_request("secret token contains unallowed characters")
        if not str(params.get("url", "")).startswith(("https://", "http://")):
            raise bad_request("bad webhook: An HTTPS URL must be provided for webhook")
        self.webhook = dict(params)
        return True

    async def _api_deleteWebhook(self, params: dict) -> bool:
        self.webhook = {}
        if params.get("drop_pending_updates"):
            self._pending.clear()
        return True

    async def _api_getWebhookInfo(self, params: dict) -> dict:
        return {
            "url": self.webhook.get("url", ""),
            "has_custom_certificate": False,
            "pending_update_count": len(self._pending),
        }

    async def _api_setMyCommands(self, params: dict) -> bool:
        commands = params.get("commands")
        if not isinstance(commands, list) or len(commands) > 100:
            raise bad_request("commands must be a list of at most 100 commands")
        for command in commands:
            if not re.fullmatch(r"[a-z0-9_]{1,32}", str(command.get("command", ""))):
                raise bad_request("BOT_COMMAND_INVALID")
            if not 1 <= len(str(command.get("description", ""))) <= 256:
                raise bad_request("BOT_COMMAND_DESCRIPTION_INVALID")
        self.commands[_menu_key(params)] = commands
        return True

    async def _api_deleteMyCommands(self, params: dict) -> bool:
        self.commands.pop(_menu_key(params), None)
        return True

    async def _api_sendChatAction(self, params: dict) -> bool:
        self._chat(params)
        return True

    def _chat(self, params: dict) -> dict:
        chat = self._chats.get(int(params.get("chat_id", 0)))
        if chat is None:
            raise bad_request("chat not found")
        return chat

    async def _api_sendMessage(self, params: dict) -> dict:
        chat = self._chat(params)
        plain, entities = check_text(params.get("text"), params.get("parse_mode"))
        message: dict[str, Any] = {"text": plain}
        if entities:
            message["entities"] = entities
        message["html"] = params.get("text")
        return self._send(chat, params, message)

    async def _api_sendPhoto(self, params: dict) -> dict:
        """A new upload (multipart, possibly as attach://NAME) or the file_id of an earlier one."""
        chat = self._chat(params)
        photo = params.get("photo")
        if isinstance(photo, str) and photo.startswith("attach://"):
            photo = params.get(photo.removeprefix("attach://"))
        if isinstance(photo, Upload):
            width, height = check_photo(photo.data)
            number = len(self.uploads) + 1
            self.uploads.append(photo.data)
            sizes = [
                {
                    "file_id": f"AgACAgPhoto{number}{suffix}",
                    "file_unique_id": f"AQADPhoto{number}{suffix}",
                    "width": round(width * scale),
                    "height": round(height * scale),
                    "file_size": round(len(photo.data) * scale * scale),
                }
                for suffix, scale in (("s", min(1.0, 90 / max(width, height))), ("x", 1.0))
            ]
            for size in sizes:
                self.photos[size["file_id"]] = size
        elif isinstance(photo, str) and photo in self.photos:
            sizes = [self.photos[photo]]
        else:
            raise bad_request("wrong file identifier/HTTP URL specified")
        plain, entities = check_caption(params.get("caption"), params.get("parse_mode"))
        message: dict[str, Any] = {"photo": sizes}
        if plain:
            message["caption"] = plain
        if entities:
            message["caption_entities"] = entities
        message["html"] = params.get("caption")
        return self._send(chat, params, message)

    def _send(self, chat: dict, params: dict, content: dict[str, Any]) -> dict:
        """Store and return a new message of the bot with `content`, its markup and its reply."""
        markup = check_reply_markup(params.get("reply_markup"))
        message: dict[str, Any] = {
            "message_id": self._next_message_id(chat["id"]),
            "from": self.bot_user,
            "chat": chat,
            "date": int(time.time()),
            **content,
        }
        if markup and markup["inline_keyboard"]:
            message["reply_markup"] = markup
        reply = params.get("reply_parameters") or {}
        if "reply_to_message_id" in params:
            reply = {"message_id": params["reply_to_message_id"]}
        if reply:
            original = self._messages.get((chat["id"], int(reply["message_id"])))
            if original is not None:
                message["reply_to_message"] = _public(original, "reply_to_message")
            elif not reply.get("allow_sending_without_reply"):
                raise bad_request("message to be replied not found")
        self._remember(message)
        return _public(message)

    async def _api_editMessageText(self, params: dict) -> dict | bool:
        if params.get("inline_message_id"):
            check_text(params.get("text"), params.get("parse_mode"))
            check_reply_markup(params.get("reply_markup"))
            return True
        chat = self._chat(params)
        key = (chat["id"], int(params.get("message_id", 0)))
        message = self._messages.get(key)
        if message is None or message["from"]["id"] != self.bot_user["id"]:
            raise bad_request("message to edit not found")
        plain, entities = check_text(params.get("text"), params.get("parse_mode"))
        markup = check_reply_markup(params.get("reply_markup"))
        markup = markup if markup and markup["inline_keyboard"] else None
        if (plain, entities, markup) == (
            message["text"],
            message.get("entities", []),
            message.get("reply_markup"),
        ):
            raise bad_request(
                "message is not modified: specified new message content and reply markup are "
                "exactly the same as a current content and reply markup of the message"
            )
        edited = {**message, "text": plain, "edit_date": int(time.time())}
        edited["html"] = params.get("text")
        edited.pop("entities", None)
        edited.pop("reply_markup", None)
        if entities:
            edited["entities"] = entities
        if markup:
            edited["reply_markup"] = markup
        self._remember(edited)
        return _public(edited)

    async def _api_deleteMessage(self, params: dict) -> bool:
        chat = self._chat(params)
        if self._messages.pop((chat["id"], int(params.get("message_id", 0))), None) is None:
            raise bad_request("message to delete not found")
        return True

    def _open_query(self, query_id: Any) -> _Query:
        query = self._queries.get(str(query_id))
        too_old = "query is too old and response timeout expired or query ID is invalid"
        if query is None or query.answered:
            raise bad_request(too_old)
        if time.monotonic() - query.created > self.answer_deadline:
            raise bad_request(too_old)
        return query

    async def _api_answerCallbackQuery(self, params: dict) -> bool:
        query = self._open_query(params.get("callback_query_id"))
        if len(str(params.get("text") or "")) > 200:
            raise bad_request("MESSAGE_TOO_LONG")
        query.answered, query.answer = True, params
        self.callback_answers[str(params["callback_query_id"])] = params
        return True

    async def _api_answerInlineQuery(self, params: dict) -> bool:
        query = self._open_query(params.get("inline_query_id"))
        results = params.get("results")
        if not isinstance(results, list) or len(results) > MAX_INLINE_RESULTS:
            raise bad_request("RESULTS_TOO_MUCH")
        ids = [str(r.get("id", "")) for r in results]
        if len(set(ids)) != len(ids):
            raise bad_request("RESULT_ID_DUPLICATE")
        for result, result_id in zip(results, ids, strict=True):
            if not 1 <= len(result_id.encode()) <= 64:
                raise bad_request("RESULT_ID_INVALID")
            if result.get("type") == "article" and not str(result.get("title", "")).strip():
                raise bad_request("RESULT_TITLE_EMPTY")
            content = result.get("input_message_content") or {}
            check_text(content.get("message_text"), content.get("parse_mode"))
            check_reply_markup(result.get("reply_markup"))
        if len(str(params.get("next_offset") or "").encode()) > 64:
            raise bad_request("NEXT_OFFSET_INVALID")
        button = params.get("button")
        if button and not re.fullmatch(r"[A-Za-z0-9_-]{1,64}", button.get("start_parameter", "")):
            raise bad_request("START_PARAM_INVALID")
        query.answered, query.answer = True, params
        self.inline_answers[str(params["inline_query_id"])] = params
        return True


def _public(message: dict, *without: str) -> dict:
    """A stored message without the fake's own bookkeeping (the HTML sent) and `without` keys."""
    return {k: v for k, v in message.items() if k != "html" and k not in without}


async def _read_params(request: web.Request) -> dict[str, Any]:
    """Request parameters as Telegram reads them: query string, form or JSON body."""
    raw: dict[str, Any] = dict(request.query)
    if request.content_type == "application/json":
        raw.update(await request.json() or {})
        return raw
    if request.can_read_body:
        form = await request.post()
        for key, value in form.items():
            if isinstance(value, str):
                raw[key] = value
            elif isinstance(value, web.FileField):
                raw[key] = Upload(value.filename, value.content_type, value.file.read())
    return {key: _decode_value(key, value) for key, value in raw.items()}


def _decode_value(key: str, value: Any) -> Any:
    """PTB JSON-encodes every non-string parameter inside the form."""
    if key in STRING_PARAMS or not isinstance(value, str):
        return value
    try:
        return json.loads(value)
    except ValueError:
        return value
