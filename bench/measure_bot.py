"""Bot throughput: updates per second through python-telegram-bot against a fake Bot API.

Filled in once the Telegram app and the fake server exist.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from bench.generate import Question


@dataclass(frozen=True, slots=True)
class BotResult:
    updates: int  # per surface and bot
    text_per_s: float
    echo_text_per_s: float
    inline_per_s: float
    echo_inline_per_s: float

    @property
    def inline_ratio(self) -> float:
        return self.inline_per_s / self.echo_inline_per_s


def measure_bot(db_path: Path, questions: tuple[Question, ...], updates: int) -> BotResult:
    """Throughput of chronobot and of an echo bot, text questions and inline queries."""
    raise RuntimeError("bot throughput: bot.telegram.app or tests/fakebotapi.py is not there yet")
