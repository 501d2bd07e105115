"""Which files a data setting names: one chronology file, every `*.yaml` of a directory, or
several files joined by the OS path separator (`a.yaml:b.yaml` on Linux)."""

from __future__ import annotations

import os
from pathlib import Path


def data_files(data_path: str | Path) -> list[Path]:
    """The chronology files of a data setting, in a stable order (a directory's sorted)."""
    text = str(data_path)
    if os.pathsep in text:
        return [Path(part) for part in text.split(os.pathsep) if part]
    path = Path(text)
    if path.is_dir():
        return sorted(path.glob("*.yaml"))
    return [path]


def is_several(data_path: str | Path) -> bool:
    """True when the setting may name more than one chronology (a directory or a list)."""
    return os.pathsep in str(data_path) or Path(data_path).is_dir()


def chronology_name(path: Path) -> str:
    """How answers and entry ids name a chronology of several: its file name without .yaml."""
    return path.stem
