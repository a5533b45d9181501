"""Where the search index lives: generations in ``<data>/index``, the current one named by a small pointer file.

Windows cannot rename or delete a folder while any process holds a file in it open, and every reader holds the
index open: the app's search, a ``kitepkana search``, the reading room. So a rebuild never renames the index: it
writes a new generation folder (``index/g000007``) beside the current one, then replaces the small file
``index/current`` that names it (``os.replace`` of a file nobody keeps open; readers open it for a moment). Each
reader reads the pointer before it uses the index and moves to the new generation. An old generation is deleted
once nothing holds it: at the switch when nobody reads it (always on Linux), otherwise at a later switch or start.

Before this layout the index lived in ``index/`` itself. Without a pointer that folder is the current generation
(so an existing index is kept, not rebuilt), and its files are deleted once a generation replaces it.

Only the holder of the library's instance lock (app/lock.py) creates, switches or deletes generations, so a
clean-up never deletes a generation another process is building.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import time
from pathlib import Path

from app import fsutil

log = logging.getLogger(__name__)
POINTER = "current"
_POINTER_PART = POINTER + ".part"
_GENERATION = re.compile(r"g(\d{6,9})")
_DELETING = ".del"  # a generation renamed for deletion: nothing held it (the rename proved it), so it goes whole


def current(root: Path) -> Path:
    """The folder of the current generation: the one the pointer names, or ``root`` itself (the layout before
    generations, or no index yet) when there is no pointer or it names no generation."""
    name = _read_pointer(root)
    return root / name if name else root


def _read_pointer(root: Path) -> str | None:
    for attempt in range(5):
        try:  # (read before every search: bytes, no text layer)
            with open(root / POINTER, "rb") as f:
                name = f.read(64).strip().decode("ascii", "replace")
        except FileNotFoundError:
            return None
        except PermissionError:  # Windows: being replaced this very moment
            time.sleep(0.01 * (attempt + 1))
            continue
        except OSError:
            return None
        return name if _GENERATION.fullmatch(name) else None
    return None


def new_generation(root: Path) -> Path:
    """A new, empty generation folder, numbered past every generation there is or was pointed to: a reader that
    still knows an old generation's name never mistakes a new one for it."""
    root.mkdir(parents=True, exist_ok=True)
    numbers = [_number(p.name) for p in root.iterdir()]
    pointed = _read_pointer(root)
    numbers.append(_number(pointed) if pointed else 0)
    folder = root / f"g{max(numbers) + 1:06d}"
    folder.mkdir()
    return folder


def _number(name: str) -> int:
    match = _GENERATION.fullmatch(name.removesuffix(_DELETING))
    return int(match.group(1)) if match else 0


def switch(root: Path, folder: Path) -> None:
    """Make ``folder`` (a complete generation in ``root``) the current one, atomically."""
    if folder.parent != root or not _GENERATION.fullmatch(folder.name):
        raise ValueError(f"{folder} is not a generation of {root}")
    part = root / _POINTER_PART
    with open(part, "w", encoding="ascii", newline="\n") as f:
        f.write(folder.name + "\n")
        f.flush()
        os.fsync(f.fileno())
    fsutil.replace(part, root / POINTER)
    fsutil.fsync_dir(root)  # the switch is on disk before an old generation is deleted


def remove_unused(root: Path) -> list[str]:
    """Delete every generation but the current one (and the files of the layout before generations once a
    generation replaced them). What some process still holds open stays, for the next call. Returns what stayed.
    The caller holds the instance lock: an unfinished generation is another process's rebuild otherwise."""
    if not root.is_dir():
        return []
    pointed = _read_pointer(root)
    kept = []
    for entry in sorted(root.iterdir()):
        if entry.name in (POINTER, pointed):
            continue
        if pointed is None and not _number(entry.name) and entry.name != _POINTER_PART:
            continue  # the layout before generations: these files are the current index
        if not _remove(entry):
            kept.append(entry.name)
    if kept:
        log.info("old search index files still in use, deleted later: %s", ", ".join(kept))
    return kept


def _remove(entry: Path) -> bool:
    try:
        if entry.is_dir():
            target = entry
            if not entry.name.endswith(_DELETING):
                # A rename first: on Windows it fails while any file inside is open, so a generation a reader still
                # uses is left whole (not half-deleted under it) and tried again later
                target = entry.with_name(entry.name + _DELETING)
                os.rename(entry, target)
            shutil.rmtree(target)
        else:
            entry.unlink()
        return True
    except FileNotFoundError:
        return True
    except OSError:
        return False


def leftovers(root: Path) -> list[str]:
    """What ``root`` holds beside the pointer and the current generation (for checks and tests)."""
    pointed = _read_pointer(root)
    if pointed is None or not root.is_dir():
        return [p.name for p in root.iterdir() if _number(p.name)] if root.is_dir() else []
    return sorted(p.name for p in root.iterdir() if p.name not in (POINTER, pointed))
