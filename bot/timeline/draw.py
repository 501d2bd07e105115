"""Drawing a timeline layout with Pillow into PNG bytes.

The only module that imports Pillow: the answer path never loads it, only a picture does.
The fonts are DejaVu Sans, shipped in bot/timeline/fonts (see LICENSE there), so the picture
is the same on every machine and Cyrillic names draw as well as Latin ones.
"""

from __future__ import annotations

import functools
import io
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from bot.timeline.collect import Timeline
from bot.timeline.layout import lay_out
from bot.timeline.shapes import Picture
from bot.words import ENGLISH, Words

FONTS = Path(__file__).resolve().parent / "fonts"


@functools.lru_cache(maxsize=16)
def font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont:
    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    return ImageFont.truetype(str(FONTS / name), size)


def measure(text: str, size: int, bold: bool) -> float:
    """Width in pixels of `text` in the picture's font."""
    return font(size, bold).getlength(text)


def draw_png(timeline: Timeline, words: Words = ENGLISH) -> Picture:
    """Lay out and draw a non-empty timeline, worded in `words`' language."""
    layout = lay_out(timeline, measure, words)
    image = Image.new("RGB", (layout.width, layout.height), "white")
    pen = ImageDraw.Draw(image)
    for rect in layout.background + layout.bars:
        pen.rectangle((rect.x0, rect.y0, rect.x1, rect.y1), fill=rect.color)
    for line in layout.lines:
        pen.line((line.x0, line.y0, line.x1, line.y1), fill=line.color, width=line.width)
    for dot in layout.dots:
        box = (dot.x - dot.radius, dot.y - dot.radius, dot.x + dot.radius, dot.y + dot.radius)
        pen.ellipse(box, fill=dot.color, outline="white")
    for text in layout.texts:
        pen.text(
            (text.x, text.y),
            text.text,
            fill=text.color,
            font=font(text.size, text.bold),
            anchor=text.anchor,
        )
    out = io.BytesIO()
    # Flat colours compress well at a low level; higher levels cost time for a few percent.
    image.save(out, "PNG", compress_level=3)
    return Picture(out.getvalue(), layout.width, layout.height, layout)
