"""File-system helpers written for Windows first: atomic replace with retries, fsync, safe names."""

from __future__ import annotations

import os
import time
from pathlib import Path

# Characters FAT32 and Windows refuse in file names.
FORBIDDEN_NAME_CHARS = set('<>:"|?*') | {chr(c) for c in range(32)}


def fsync_dir(folder: Path) -> None:
    """Make a rename durable on POSIX; Windows has no directory handles to sync (and needs none)."""
    if os.name == "nt":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def replace(src: Path, dst: Path, *, attempts: int = 10, delay: float = 0.05) -> None:
    """``os.replace`` that retries briefly: on Windows a reader or a virus scanner may hold ``dst`` open."""
    for attempt in range(attempts):
        try:
            os.replace(src, dst)
            return
        except PermissionError:
            if attempt == attempts - 1:
                raise
            time.sleep(delay * (attempt + 1))


def unlink_quietly(path: Path) -> bool:
    try:
        path.unlink()
        return True
    except FileNotFoundError:
        return True
    except OSError:
        return False  # in use (Windows): tried again on the next clean-up


def unsafe_name_reason(name: str) -> str | None:
    """Why ``name`` would not survive on a FAT32 drive or Windows, or None."""
    bad = sorted({c for c in name if c in FORBIDDEN_NAME_CHARS})
    if bad:
        return "contains characters not allowed on Windows/USB drives: " + " ".join(repr(c) for c in bad)
    if name.rstrip(" .") != name:
        return "ends with a space or a dot"
    if name.split(".")[0].upper() in {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)),
                                       *(f"LPT{i}" for i in range(1, 10))}:
        return "is a reserved device name on Windows"
    return None
