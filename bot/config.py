"""Runtime configuration from the environment (flags of `chronobot serve` override it)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_DATA = Path(__file__).resolve().parent.parent / "data" / "events.yaml"
DEFAULT_API_URL = "https://api.telegram.org"


def default_data_path() -> Path:
    """CHRONOBOT_DATA, or the chronology bundled with the package."""
    return Path(os.environ.get("CHRONOBOT_DATA") or DEFAULT_DATA)


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


@dataclass(frozen=True)
class Config:
    token: str = field(repr=False)  # never printed: repr hides it
    data_path: Path = DEFAULT_DATA
    db_path: Path | None = None  # None: bot.index.default_index_path(data_path)
    api_url: str = DEFAULT_API_URL
    admins: frozenset[int] = frozenset()
    webhook_url: str | None = None
    webhook_secret: str | None = field(default=None, repr=False)
    listen: str = "0.0.0.0"
    port: int = 8443

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None) -> Config:
        """Read every setting from `env` (default os.environ); token may be empty here."""
        env = dict(os.environ if env is None else env)
        db = env.get("CHRONOBOT_INDEX")
        return cls(
            token=env.get("TELEGRAM_BOT_TOKEN", "").strip(),
            data_path=Path(env.get("CHRONOBOT_DATA") or DEFAULT_DATA),
            db_path=Path(db) if db else None,
            api_url=(env.get("TELEGRAM_API_URL") or DEFAULT_API_URL).rstrip("/"),
            admins=parse_admin_ids(env.get("CHRONOBOT_ADMINS", "")),
            webhook_url=env.get("CHRONOBOT_WEBHOOK_URL") or None,
            webhook_secret=env.get("CHRONOBOT_WEBHOOK_SECRET") or None,
            listen=env.get("CHRONOBOT_LISTEN") or "0.0.0.0",
            port=int(env.get("CHRONOBOT_PORT") or 8443),
        )
