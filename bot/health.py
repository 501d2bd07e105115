"""`chronobot check`: is this installation able to answer questions right now?"""

from __future__ import annotations

import re

from bot.chronology import DataError
from bot.config import Config

# Telegram tokens look like "123456789:AA...": checking the shape catches a pasted quote or
# a missing part without ever printing the token itself.
_TOKEN_SHAPE = re.compile(r"^\d{3,}:[A-Za-z0-9_-]{20,}$")


def config_problems(config: Config) -> list[str]:
    """Problems with the settings, worded without any secret in them."""
    problems = []
    if not config.token:
        problems.append("TELEGRAM_BOT_TOKEN is not set")
    elif not _TOKEN_SHAPE.match(config.token):
        problems.append("TELEGRAM_BOT_TOKEN does not look like a bot token (digits:letters)")
    if not config.api_url.startswith(("http://", "https://")):
        problems.append("TELEGRAM_API_URL must start with http:// or https://")
    if config.webhook_url and not config.webhook_url.startswith("https://"):
        problems.append("CHRONOBOT_WEBHOOK_URL must be an https:// URL")
    return problems


def run_check(config: Config) -> tuple[bool, str]:
    """(healthy, one-line status): settings, data, index (built if missing), one query."""
    from bot.engine import Engine
    from bot.index import ensure_index

    problems = config_problems(config)
    try:
        engine = Engine.open(ensure_index(config.data_path, config.index_path))
    except DataError as error:
        first = error.issues[0]
        more = f" (+{len(error.issues) - 1} more)" if len(error.issues) > 1 else ""
        return False, f"unhealthy: data: {first}{more}"
    except Exception as error:  # any failure to open is exactly what a health check reports
        return False, f"unhealthy: index: {type(error).__name__}: {error}"
    try:
        about = engine.about()
        busiest = max(engine.people(), key=lambda p: p.entry_count, default=None)
        if busiest and busiest.entry_count:
            probe = busiest.name
        else:  # nobody has entries: ask for the last entry's year
            probe = str(about.last.start.year) if about.last else ""
        answer = engine.ask(probe, limit=1)
    finally:
        engine.close()
    if not answer.total:
        problems.append(f"the probe question {probe!r} found nothing")
    if problems:
        return False, "unhealthy: " + "; ".join(problems)
    return True, (
        f"ok: {about.entry_count} entries, {about.people_count} people; "
        f"probe {probe!r} -> {answer.total} entries"
    )
