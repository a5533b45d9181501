"""The content-addressed media store: every file is stored once, named by its SHA-256.

Layout: ``media/ab/abcdef…`` (two-character fan-out keeps folders small on FAT32). Writes go to a
``.part`` file in the same folder, are fsynced and renamed into place, so a power cut leaves either
the old state or the whole new file — never a half file under a real name.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from app import fsutil
from app.errors import CancelledError

CHUNK = 1 << 20
SHA_RE = re.compile(r"^[0-9a-f]{64}$")


class MediaError(Exception):
    """A media file could not be stored or is not what it should be."""


@dataclass(frozen=True)
class StoredFile:
    sha256: str
    size: int


def sha256_file(path: Path, *, cancelled: Callable[[], bool] | None = None) -> StoredFile:
    h = hashlib.sha256()
    size = 0
    with open(path, "rb") as f:
        while chunk := f.read(CHUNK):
            if cancelled and cancelled():
                raise CancelledError("cancelled; nothing half-done was kept")
            h.update(chunk)
            size += len(chunk)
    return StoredFile(h.hexdigest(), size)


class MediaStore:
    def __init__(self, root: Path) -> None:
        self.root = root

    def path(self, sha256: str) -> Path:
        if not SHA_RE.match(sha256):
            raise ValueError(f"not a SHA-256: {sha256!r}")
        return self.root / sha256[:2] / sha256

    def has(self, sha256: str) -> bool:
        return self.path(sha256).is_file()

    def put_file(self, source: Path, *, expected_sha256: str | None = None) -> StoredFile:
        """Copy ``source`` into the store (hashing while copying). Idempotent."""
        with open(source, "rb") as f:
            return self.put_stream(f, expected_sha256=expected_sha256)

    def put_bytes(self, data: bytes) -> StoredFile:
        sha = hashlib.sha256(data).hexdigest()
        if self.has(sha):
            return StoredFile(sha, len(data))
        import io

        return self.put_stream(io.BytesIO(data), expected_sha256=sha)

    def put_stream(self, stream: BinaryIO, *, expected_sha256: str | None = None) -> StoredFile:
        if expected_sha256 and self.has(expected_sha256):
            return StoredFile(expected_sha256, self.path(expected_sha256).stat().st_size)
        self.root.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix="incoming-", suffix=".part", dir=self.root)
        tmp = Path(tmp_name)
        h = hashlib.sha256()
        size = 0
        try:
            with os.fdopen(fd, "wb") as out:
                while chunk := stream.read(CHUNK):
                    h.update(chunk)
                    size += len(chunk)
                    out.write(chunk)
                out.flush()
                os.fsync(out.fileno())
            sha = h.hexdigest()
            if expected_sha256 and sha != expected_sha256:
                raise MediaError(f"content has SHA-256 {sha}, expected {expected_sha256}")
            return self.adopt(tmp, StoredFile(sha, size))
        finally:
            fsutil.unlink_quietly(tmp)

    def adopt(self, tmp: Path, stored: StoredFile) -> StoredFile:
        """Move an already hashed and fsynced file (e.g. a finished download) into place."""
        target = self.path(stored.sha256)
        if target.is_file() and target.stat().st_size == stored.size:
            return stored
        target.parent.mkdir(parents=True, exist_ok=True)
        fsutil.replace(tmp, target)
        fsutil.fsync_dir(target.parent)
        return stored

    def verify(self, sha256: str) -> str | None:
        """Re-hash a stored file; return what is wrong with it, or None."""
        p = self.path(sha256)
        if not p.is_file():
            return "missing"
        actual = sha256_file(p).sha256
        if actual != sha256:
            return f"corrupted (its content hashes to {actual[:12]}…)"
        return None

    def all_hashes(self) -> Iterable[str]:
        if not self.root.is_dir():
            return
        for sub in self.root.iterdir():
            if sub.is_dir() and len(sub.name) == 2:
                for f in sub.iterdir():
                    if SHA_RE.match(f.name):
                        yield f.name

    def collect_garbage(self, referenced: set[str]) -> tuple[int, int]:
        """Delete files nobody references and stale ``.part`` leftovers. Returns (files, bytes) freed."""
        count = freed = 0
        for sha in list(self.all_hashes()):
            if sha not in referenced:
                p = self.path(sha)
                size = p.stat().st_size
                if fsutil.unlink_quietly(p):
                    count += 1
                    freed += size
        if self.root.is_dir():
            for part in self.root.glob("incoming-*.part"):
                fsutil.unlink_quietly(part)
        return count, freed

    def export_copy(self, sha256: str, target: Path) -> None:
        shutil.copyfile(self.path(sha256), target)
