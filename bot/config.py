"""Settings: the one place that reads the environment (flags of the commands override it).

Every command starts from `Config.from_env()`; a bad value is a `ValueError` that names the
variable. The index build in a child process gets `child_environment()`: the same settings
without the secrets it does not need.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import NamedTuple


def _bundled_data() -> Path:
    """The chronology shipped inside the package, bot/bundled/events.yaml (in a checkout a
    symlink to data/events.yaml), so an installed `chronobot` works from any directory.

    Installed the usual way (unzipped) the resource is a file beside this module, found
    without importing importlib.resources, which costs ~15 ms on every `chronobot ask`; from a
    zip, importlib.resources extracts it to a temporary file kept for the process's life.
    """
    beside = Path(__file__).resolve().parent / "bundled" / "events.yaml"
    if beside.is_file():
        return beside
    import atexit
    import contextlib
    from importlib.resources import as_file, files

    stack = contextlib.ExitStack()
    atexit.register(stack.close)
    return stack.enter_context(as_file(files("bot.bundled").joinpath("events.yaml")))


DEFAULT_DATA = _bundled_data()
DEFAULT_API_URL = "https://api.telegram.org"
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
# Settings the index build does not need: kept out of the child's environment, so that no
# crash report or process listing of the build can show them.
SECRET_SETTINGS = ("TELEGRAM_BOT_TOKEN", "CHRONOBOT_WEBHOOK_SECRET")


def parse_admin_ids(text: str) -> frozenset[int]:
    """'123, 456' -> {123, 456}; raises ValueError naming the bad part."""
    ids = set()
    for part in text.split(","):
        part = part.strip()
        if not part:
            continue
        if not part.lstrip("-").isdigit():
            raise ValueError(f"CHRONOBOT_ADMINS: {part!r} is not a numeric Telegram user id")
        ids.add(int(part))
    return frozenset(ids)


def parse_port(text: str) -> int:
    """'8443' -> 8443; raises ValueError naming CHRONOBOT_PORT."""
    if not text.strip().isdigit() or not 0 < int(text) < 65536:
        raise ValueError(f"CHRONOBOT_PORT: {text!r} is not a port number (1-65535)")
    return int(text)


_ON = ("1", "on", "yes", "true")
_OFF = ("0", "off", "no", "false")


def parse_answer_worker(text: str | None, cores: int | None) -> bool:
    """'on' / 'off' (also 1/0, yes/no, true/false); unset: on with two cores or more.
    Raises ValueError naming CHRONOBOT_ANSWER_WORKER."""
    value = (text or "").strip().lower()
    if not value:
        return (cores or 1) >= 2
    if value in _ON:
        return True
    if value in _OFF:
        return False
    raise ValueError(f"CHRONOBOT_ANSWER_WORKER: {text!r} is neither on nor off")


def parse_log_level(text: str) -> str:
    """'info' -> 'INFO'; raises ValueError naming CHRONOBOT_LOG_LEVEL."""
    level = text.strip().upper()
    if level not in LOG_LEVELS:
        raise ValueError(
            f"CHRONOBOT_LOG_LEVEL: {text!r} is not a log level ({', '.join(LOG_LEVELS)})"
        )
    return level


def cached_index_path(data_path: Path, cache_dir: Path) -> Path:
    """The index of `data_path` in the cache: one per data file, named after it."""
    import hashlib  # only here: a cached `chronobot ask` with CHRONOBOT_INDEX set needs none

    resolved = Path(data_path).resolve()
    # The path's hash keeps two chronologies with one name apart.
    tag = hashlib.sha1(str(resolved).encode()).hexdigest()[:10]
    return cache_dir / f"{resolved.stem}-{tag}.sqlite"


class Config(NamedTuple):
    """Every setting (a named tuple, cheap to create on each start-up; copy with `_replace`)."""

    token: str = ""  # never printed: repr hides it
    data_path: Path = DEFAULT_DATA
    db_path: Path | None = None  # None: an index per data file in `cache_dir`
    cache_dir: Path = Path.home() / ".cache" / "chronobot"
    api_url: str = DEFAULT_API_URL
    admins: frozenset[int] = frozenset()
    webhook_url: str | None = None
    webhook_secret: str | None = None  # never printed either
    listen: str = "0.0.0.0"
    port: int = 8443
    log_level: str | None = None  # None: INFO for `serve`, WARNING for the other commands
    # Work out answers in a second process (bot.telegram.worker); `from_env` turns it on
    # where there are two cores or more.
    answer_worker: bool = False

    def __repr__(self) -> str:
        hidden = ("token", "webhook_secret")
        shown = (
            f"{name}={value!r}" for name, value in self._asdict().items() if name not in hidden
        )
        return f"Config({', '.join(shown)})"

    @property
    def index_path(self) -> Path:
        """The index file: CHRONOBOT_INDEX (or --db), else the cached index of the data."""
        return self.db_path or cached_index_path(self.data_path, self.cache_dir)

    @property
    def languages_path(self) -> Path:
        """The users' /language choices: a small SQLite file beside the index."""
        return self.index_path.with_name("languages.sqlite")

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Config:
        """Read every setting from `env` (default os.environ); the token may be empty here.

        Raises ValueError naming the variable whose value is not valid.
        """
        env = os.environ if env is None else env
        db = env.get("CHRONOBOT_INDEX")
        cache_home = env.get("XDG_CACHE_HOME")
        level = env.get("CHRONOBOT_LOG_LEVEL")
        return cls(
            token=env.get("TELEGRAM_BOT_TOKEN", "").strip(),
            data_path=Path(env.get("CHRONOBOT_DATA") or DEFAULT_DATA),
            db_path=Path(db) if db else None,
            cache_dir=(Path(cache_home) if cache_home else Path.home() / ".cache") / "chronobot",
            api_url=(env.get("TELEGRAM_API_URL") or DEFAULT_API_URL).rstrip("/"),
            admins=parse_admin_ids(env.get("CHRONOBOT_ADMINS", "")),
            webhook_url=env.get("CHRONOBOT_WEBHOOK_URL") or None,
            webhook_secret=env.get("CHRONOBOT_WEBHOOK_SECRET") or None,
            listen=env.get("CHRONOBOT_LISTEN") or "0.0.0.0",
            port=parse_port(env["CHRONOBOT_PORT"]) if env.get("CHRONOBOT_PORT") else 8443,
            log_level=parse_log_level(level) if level else None,
            answer_worker=parse_answer_worker(env.get("CHRONOBOT_ANSWER_WORKER"), os.cpu_count()),
        )


def child_environment(env: Mapping[str, str] | None = None) -> dict[str, str]:
    """The environment for a child process (the index build): this one without the secrets."""
    env = os.environ if env is None else env
    return {k: v for k, v in env.items() if k not in SECRET_SETTINGS}
