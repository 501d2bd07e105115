"""Timeline pictures of an answer: who did what when, drawn as a PNG.

collect.py reads the engine's answer into lanes and marks (or per-year counts), layout.py
places everything as shapes.py's plain shapes (no Pillow, testable geometry), draw.py draws
them with Pillow. Importing this package does not import Pillow: only drawing a picture does.
"""

from __future__ import annotations

from bot.engine import Engine
from bot.timeline.collect import Timeline, collect_timeline, index_identity
from bot.timeline.shapes import Picture
from bot.words import ENGLISH, Words

__all__ = ["Timeline", "collect_timeline", "draw_timeline", "index_identity", "render_timeline"]


def draw_timeline(timeline: Timeline, words: Words = ENGLISH) -> Picture:
    """The PNG of a non-empty timeline, worded in `words`' language."""
    from bot.timeline.draw import draw_png  # Pillow loads here, when a picture is wanted

    return draw_png(timeline, words)


def render_timeline(
    engine: Engine, question: str, words: Words = ENGLISH, chronology: str | None = None
) -> tuple[Timeline, Picture | None]:
    """The timeline of `question` (from one `chronology` if given) and its picture (None
    when no entry matched)."""
    timeline = collect_timeline(engine, question, words, chronology)
    return timeline, draw_timeline(timeline, words) if timeline.total else None
