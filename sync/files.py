"""Atomic file writing for feeds: a temporary file in the target's folder, fsync, close, rename.

A reader (a web server, a client, a USB copy) sees either the old file or the whole new one, never a
part. Temporary files are named ``.tmp-…``: readers ignore dot-files, and the publisher removes
leftovers of a crashed run. The handle is closed before the rename, as Windows requires.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path
from types import TracebackType
from typing import Self

from app import fsutil
from sync.errors import PublishError

TMP_PREFIX = ".tmp-"
CHUNK = 1 << 20


class AtomicWriter:
    """``with AtomicWriter(path) as w: w.write(...)`` — hashes what is written; renames into place on success
    and removes the temporary file on any error."""

    def __init__(self, target: Path) -> None:
        self.target = Path(target)
        self._hash = hashlib.sha256()
        self.size = 0
        self._tmp: Path | None = None
        self._file = None

    @property
    def sha256(self) -> str:
        return self._hash.hexdigest()

    def __enter__(self) -> Self:
        self.target.parent.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(prefix=TMP_PREFIX, dir=self.target.parent)
        self._tmp = Path(name)
        self._file = os.fdopen(fd, "wb")
        return self

    def write(self, data: bytes) -> int:
        self._hash.update(data)
        self.size += len(data)
        return self._file.write(data)

    def flush(self) -> None:  # for gzip.GzipFile, which flushes its file object
        self._file.flush()

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        assert self._tmp is not None and self._file is not None
        try:
            if exc_type is None:
                self._file.flush()
                os.fsync(self._file.fileno())
            self._file.close()
            if exc_type is None:
                fsutil.replace(self._tmp, self.target)
                fsutil.fsync_dir(self.target.parent)
        finally:
            if not self._file.closed:
                self._file.close()
            if exc_type is not None or self._tmp.exists():
                fsutil.unlink_quietly(self._tmp)


def write_atomic(path: Path, data: bytes) -> tuple[str, int]:
    """Write ``data`` to ``path`` atomically; return its (SHA-256, size)."""
    with AtomicWriter(path) as w:
        w.write(data)
    return w.sha256, w.size


def copy_atomic(source: Path, target: Path, *, expected_sha256: str | None = None) -> tuple[str, int]:
    """Copy a file atomically, hashing while copying; return the (SHA-256, size) of what was written.

    With ``expected_sha256``, a copy whose content hashes differently never reaches ``target`` (the source
    changed since it was hashed): :class:`~sync.errors.PublishError` ``file_changed``.
    """
    with open(source, "rb") as src, AtomicWriter(target) as w:
        while chunk := src.read(CHUNK):
            w.write(chunk)
        if expected_sha256 is not None and w.sha256 != expected_sha256:
            raise PublishError(f"{source} changed while it was being published; publish again",
                               code="file_changed")
    return w.sha256, w.size


def remove_temp_files(root: Path) -> int:
    """Delete ``.tmp-*`` leftovers of interrupted writes below ``root``; return how many went."""
    n = 0
    if root.is_dir():
        for p in root.rglob(TMP_PREFIX + "*"):
            if p.is_file() and fsutil.unlink_quietly(p):
                n += 1
    return n
