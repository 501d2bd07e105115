"""Logging that never shows the bot token or the webhook secret.

The HTTP client logs request URLs, and Telegram's URLs contain the token
(`.../bot<token>/getUpdates`); PTB also logs request parameters (the webhook secret) at
DEBUG and puts the token into the text of `InvalidToken`. So every handler gets a filter
that redacts the secrets from the final message and from tracebacks, and the HTTP client's
loggers are kept at WARNING.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterable

REDACTED = "[REDACTED]"
NOISY_LOGGERS = ("httpx", "httpcore")  # one line per request, URL included


def _variants(secret: str) -> tuple[str, ...]:
    # URLs may carry the token percent-encoded (':' -> '%3A').
    return tuple({secret, secret.replace(":", "%3A"), secret.replace(":", "%3a")})


class RedactingFilter(logging.Filter):
    """Replaces every secret in a record's message and traceback with [REDACTED]."""

    def __init__(self, secrets: Iterable[str | None]):
        super().__init__()
        self.secrets = tuple(
            sorted({v for s in secrets if s for v in _variants(s)}, key=len, reverse=True)
        )

    def redact(self, text: str) -> str:
        for secret in self.secrets:
            text = text.replace(secret, REDACTED)
        return text

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg, record.args = self.redact(record.getMessage()), None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = self.redact(record.exc_text)
        if record.stack_info:
            record.stack_info = self.redact(record.stack_info)
        return True


def redact(text: str, secrets: Iterable[str | None]) -> str:
    """`text` with the secrets replaced: for messages printed outside logging."""
    return RedactingFilter(secrets).redact(text)


def install_redaction(secrets: Iterable[str | None], logger: logging.Logger | None = None) -> None:
    """Add a RedactingFilter to every handler of `logger` (default: the root logger)."""
    log_filter = RedactingFilter(secrets)
    for handler in (logger or logging.getLogger()).handlers:
        handler.addFilter(log_filter)


def configure_logging(level: int | str, secrets: Iterable[str | None]) -> None:
    """Log to stderr at `level` (unless logging is set up already), never showing `secrets`."""
    root = logging.getLogger()
    if not root.handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        root.addHandler(handler)
    root.setLevel(level)
    install_redaction(secrets, root)
    for name in NOISY_LOGGERS:
        logging.getLogger(name).setLevel(logging.WARNING)
