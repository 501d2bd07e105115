"""What identifies the data an index was built from: a stamp of the files and a content hash.

A cached `chronobot ask` compares the stamp only (no file is read); a rebuild is skipped when
the files' sha256 is unchanged.
"""

from __future__ import annotations

from pathlib import Path


def source_hash(data_path: str | Path) -> str:
    """sha256 of the data file's bytes, read a block at a time; for several chronologies, of
    their names and hashes (see `combined_hash`)."""
    import hashlib

    from bot.sources import data_files, is_several

    files = data_files(data_path)
    hashes = []
    for file in files:
        sha = hashlib.sha256()
        with open(file, "rb") as handle:
            while block := handle.read(1 << 20):
                sha.update(block)
        hashes.append(sha.hexdigest())
    return combined_hash(files, hashes) if is_several(data_path) else hashes[0]


def combined_hash(files: list[Path], hashes: list[str]) -> str:
    """One hash for a set of chronology files: a file added, removed or changed changes it."""
    import hashlib

    listing = "".join(
        f"{file.name}\0{digest}\n" for file, digest in zip(files, hashes, strict=True)
    )
    return hashlib.sha256(listing.encode()).hexdigest()


def source_stamp(data_path: str | Path) -> str:
    """The data file's path, size, mtime and inode: while these are unchanged the content is
    taken as unchanged (as make and git do), so a cached `ask` never reads or hashes it.
    For a directory or a list, the stamps of every file: adding or removing one changes it."""
    from bot.sources import data_files, is_several

    stamps = []
    for file in data_files(data_path) if is_several(data_path) else [Path(data_path)]:
        path = file.resolve()
        info = path.stat()
        stamps.append(f"{path}|{info.st_size}|{info.st_mtime_ns}|{info.st_ino}")
    return "\n".join(stamps)
