"""The interface's catalogs: every message the code marks has a translation in every language,
the translations keep the message's placeholders, and the compiled .mo the bot loads is the
.po as it is now (`make messages` rebuilds both)."""

from __future__ import annotations

import io
import string
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from bot.words import ENGLISH_CODE, LANGUAGES

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "bot" / "locale"
OTHER_LANGUAGES = [code for code in LANGUAGES if code != ENGLISH_CODE]


def source_messages() -> set[tuple[str | None, str]]:
    """(context, msgid) of every message marked in the code, as `pybabel extract` finds them."""
    method_map = [("bot/**.py", "python")]
    found = set()
    for _file, _line, message, _comments, context in extract_from_dir(
        str(ROOT), method_map, options_map={"bot/**.py": {}}
    ):
        msgid = message[0] if isinstance(message, tuple) else message
        found.add((context, msgid))
    return found


def catalog(code: str):
    with (LOCALE / code / "LC_MESSAGES" / "chronobot.po").open("rb") as file:
        return read_po(file, locale=code)


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


@pytest.fixture(scope="module")
def marked() -> set[tuple[str | None, str]]:
    return source_messages()


def test_the_code_marks_the_messages_of_every_surface(marked):
    msgids = {msgid for _, msgid in marked}
    assert "No matching entry." in msgids  # render
    assert len(marked) > 40


@pytest.mark.parametrize("code", OTHER_LANGUAGES)
def test_every_marked_message_is_translated(code, marked):
    translations = catalog(code)
    missing = []
    for context, msgid in sorted(marked, key=str):
        message = translations.get(msgid, context=context)
        if message is None or message.fuzzy:
            missing.append(msgid)
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if not all(strings):
            missing.append(msgid)
    assert not missing, f"untranslated in {code} (run `make messages` and translate): {missing}"


@pytest.mark.parametrize("code", OTHER_LANGUAGES)
def test_catalog_holds_no_message_the_code_no_longer_has(code, marked):
    stale = [m.id for m in catalog(code) if m.id and (m.context, _msgid(m.id)) not in marked]
    assert not stale, f"obsolete in {code} (run `make messages`): {stale}"


def _msgid(msgid: str | tuple[str, ...]) -> str:
    return msgid[0] if isinstance(msgid, tuple) else msgid


@pytest.mark.parametrize("code", OTHER_LANGUAGES)
def test_translations_use_only_the_message_placeholders(code):
    for message in catalog(code):
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        allowed = set().union(*(placeholders(i) for i in ids))
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for text in strings:
            assert placeholders(text) <= allowed, (message.id, text)


@pytest.mark.parametrize("code", OTHER_LANGUAGES)
def test_compiled_catalog_is_the_po_file_as_it_is_now(code):
    compiled = io.BytesIO()
    write_mo(compiled, catalog(code))
    committed = (LOCALE / code / "LC_MESSAGES" / "chronobot.mo").read_bytes()
    assert compiled.getvalue() == committed, f"{code}: the .mo is stale: run `make messages`"
