"""Build and open the SQLite index of a chronology.

The index is built with sqlite-utils into a temporary file and moved into place with
`os.replace`, so readers only ever see a complete index. The source file's content hash is
stored inside it, so an unchanged YAML file is never parsed again (the fast path of
`chronobot ask` imports neither YAML nor sqlite-utils).
"""

from __future__ import annotations

from pathlib import Path

from bot.data import Chronology


def default_index_path(data_path: str | Path) -> Path:
    """Where the index of `data_path` lives unless CHRONOBOT_INDEX says otherwise."""
    raise NotImplementedError


def source_hash(data_path: str | Path) -> str:
    """sha256 of the data file's bytes."""
    raise NotImplementedError


def build_index(chronology: Chronology, db_path: str | Path, *, content_hash: str = "") -> None:
    """Write the index of `chronology` to `db_path` atomically (temp file + os.replace)."""
    raise NotImplementedError


def ensure_index(data_path: str | Path, db_path: str | Path | None = None) -> Path:
    """Return a current index for `data_path`: reuse it when the hash matches, else rebuild.

    Raises bot.data.DataError when the data is invalid (the old index is left untouched).
    """
    raise NotImplementedError
