"""The shapes a timeline picture is made of, in pixels: what the layout decides and the
drawing module draws. Plain data, so tests read a picture's geometry without its pixels."""

from __future__ import annotations

from dataclasses import dataclass, field

INK = "#222222"


@dataclass(frozen=True, slots=True)
class Text:
    x: float
    y: float
    text: str
    size: int
    color: str = INK
    bold: bool = False
    anchor: str = "lm"  # Pillow's anchors: left/middle/right + middle of the line


@dataclass(frozen=True, slots=True)
class Rect:
    x0: float
    y0: float
    x1: float
    y1: float
    color: str


@dataclass(frozen=True, slots=True)
class Line:
    x0: float
    y0: float
    x1: float
    y1: float
    color: str
    width: int = 1


@dataclass(frozen=True, slots=True)
class Dot:
    x: float
    y: float
    radius: float
    color: str


@dataclass(frozen=True, slots=True)
class Label:
    """An entry's label: its box (x0, y0, x1, y1) and the leader line down to the mark."""

    box: tuple[float, float, float, float]
    text: str
    leader_x: float
    leader_y1: float  # where the leader meets the mark


@dataclass
class Layout:
    """Shapes in drawing order: background, bars, lines, dots, then all text."""

    width: int
    height: int
    background: list[Rect] = field(default_factory=list)
    bars: list[Rect] = field(default_factory=list)
    lines: list[Line] = field(default_factory=list)
    dots: list[Dot] = field(default_factory=list)
    texts: list[Text] = field(default_factory=list)
    labels: list[Label] = field(default_factory=list)
    dropped_labels: int = 0


@dataclass(frozen=True, slots=True)
class Picture:
    """A drawn timeline: the PNG file's bytes and the layout it was drawn from."""

    png: bytes
    width: int
    height: int
    layout: Layout
