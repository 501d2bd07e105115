"""chronobot: ask a chronology questions (CLI and Telegram bot over one engine)."""

__version__ = "0.1.0"
