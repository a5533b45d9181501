"""The resumable downloader's file side, shared by every source (HTTP and folder).

A download goes to ``<dest>.part`` beside its destination. What is already there is kept and hashed, so an
interrupted download (a dropped connection, a cancel, a power cut, a pulled USB drive) continues where it
stopped. When all bytes are there the file is checked against the size and SHA-256 the feed promised,
fsynced, closed (Windows cannot rename an open file) and renamed onto ``dest``: ``dest`` is either absent
or complete and verified, never half a file. A ``.part`` whose content turns out wrong is deleted, so the
next try starts clean. Also here: the free-space check and the bandwidth limiter (a token bucket).
"""

from __future__ import annotations

import errno
import hashlib
import os
import shutil
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Self

from app import fsutil
from sync.errors import DownloadCancelled, DownloadError

MB = 1024 * 1024
CHUNK = 128 * 1024
# Kept free after a download, so the database, the search index and Windows itself still have room.
DEFAULT_RESERVE = 64 * MB

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]


def part_path(dest: Path) -> Path:
    return dest.with_name(dest.name + ".part")


def _mb(n: int) -> str:
    return f"{n / MB:,.1f}"


def check_free_space(folder: Path, need: int, *, reserve: int = DEFAULT_RESERVE) -> None:
    """Raise :class:`DownloadError` ``no_space`` unless ``folder``'s drive has ``need`` bytes plus ``reserve``
    free. A drive whose free space cannot be read is not blocked (the write itself will tell)."""
    try:
        free = shutil.disk_usage(folder).free
    except OSError:
        return
    if need + reserve > free:
        raise DownloadError(f"not enough free space on {folder}: need {_mb(need + reserve)} MB, "
                            f"{_mb(free)} MB free", code="no_space")


class TokenBucket:
    """Limits throughput to ``rate`` bytes per second, with bursts of at most ``burst`` bytes. Thread-safe, so
    one bucket can be shared by the downloads of a source."""

    def __init__(self, rate: int, *, burst: int | None = None) -> None:
        if rate <= 0:
            raise ValueError("the bandwidth limit must be positive")
        self.rate = rate
        self.burst = burst if burst is not None else max(1024, min(CHUNK, rate // 4))
        self._tokens = float(self.burst)
        self._last = time.monotonic()
        self._lock = threading.Lock()

    def chunk_size(self) -> int:
        """A read size that lets the limit act smoothly (about 8 reads per second)."""
        return max(1024, min(CHUNK, self.burst, self.rate // 8))

    def take(self, n: int, cancelled: Cancelled | None = None) -> None:
        """Wait until ``n`` bytes may pass (in short sleeps, so a cancel is seen quickly)."""
        with self._lock:
            now = time.monotonic()
            self._tokens = min(self.burst, self._tokens + (now - self._last) * self.rate)
            self._last = now
            self._tokens -= n  # may go negative: the debt is paid by sleeping below
            wait = -self._tokens / self.rate if self._tokens < 0 else 0.0
        deadline = time.monotonic() + wait
        while (left := deadline - time.monotonic()) > 0:
            if cancelled is not None and cancelled():
                return  # the caller checks ``cancelled`` itself and raises
            time.sleep(min(left, 0.05))


class PartFile:
    """The ``.part`` file of one download: resume, append, verify, rename into place.

    ``name`` (the feed path) and ``origin`` (the source's location) only make messages readable.
    Use as a context manager: leaving it without :meth:`finish` closes the part and keeps it for resuming.
    """

    def __init__(self, dest: Path, *, size: int, sha256: str, name: str, origin: str,
                 progress: Progress | None = None, cancelled: Cancelled | None = None,
                 bucket: TokenBucket | None = None, reserve: int = DEFAULT_RESERVE) -> None:
        self.dest = Path(dest)
        self.part = part_path(self.dest)
        self.size = size
        self.sha256 = sha256.lower()
        self.name = name
        self.origin = origin
        self._progress = progress
        self._cancelled = cancelled
        self.bucket = bucket
        self.reserve = reserve
        self.have = 0
        self.resumed_from = 0
        self._hash = hashlib.sha256()
        self._file = None

    # --- lifecycle -----------------------------------------------------------------------------------

    def __enter__(self) -> Self:
        self.open()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def open(self) -> None:
        """Check free space, open the part (keeping what it holds) and hash its content."""
        self.check_cancelled()
        folder = self.dest.parent
        try:
            folder.mkdir(parents=True, exist_ok=True)
            have = self.part.stat().st_size if self.part.is_file() else 0
            if have > self.size:  # cannot be a prefix of the file we want
                self._unlink_part()
                have = 0
        except OSError as e:
            raise self._write_error(e) from e
        check_free_space(folder, self.size - have, reserve=self.reserve)
        self.have = self.resumed_from = have  # (so that closing on an error below keeps the part)
        try:
            self._file = open(self.part, "r+b" if have else "wb")  # noqa: SIM115 - kept open across writes
            self.have = self.resumed_from = self._hash_existing(have)
        except OSError as e:
            self.close()
            raise self._write_error(e) from e
        except BaseException:  # a cancel while hashing what was there
            self.close()
            raise
        self.report()

    def _hash_existing(self, have: int) -> int:
        """Hash the first ``have`` bytes of the part; return how many there really were."""
        f = self._file
        f.seek(0)
        read = 0
        while read < have:
            self.check_cancelled()
            chunk = f.read(min(1 << 20, have - read))
            if not chunk:
                break
            self._hash.update(chunk)
            read += len(chunk)
        f.seek(read)
        f.truncate()  # whatever happens to the file, its content stays what was hashed
        return read

    def close(self) -> None:
        """Close the part and keep it (flushed and fsynced, so a power cut does not lose what came); an empty
        part is not worth keeping."""
        f, self._file = self._file, None
        if f is None:
            return
        try:
            f.flush()
            os.fsync(f.fileno())
        except OSError:
            pass
        finally:
            f.close()
        if self.have == 0:
            self._unlink_part()

    def discard(self) -> None:
        """Close and delete the part: its content is known to be wrong."""
        self.close()
        self._unlink_part()

    # --- writing -------------------------------------------------------------------------------------

    @property
    def complete(self) -> bool:
        return self.have >= self.size

    def restart(self) -> None:
        """Throw away what the part holds and start from byte 0 (e.g. a server that ignored Range)."""
        try:
            self._file.seek(0)
            self._file.truncate()
        except OSError as e:
            raise self._write_error(e) from e
        self._hash = hashlib.sha256()
        self.have = 0
        self.report()

    def write(self, data: bytes) -> None:
        """Append ``data`` (waiting for the bandwidth limit), then honour a cancel: bytes already received are
        kept, so a resume does not fetch them again."""
        if self.have + len(data) > self.size:
            self.discard()
            raise DownloadError(f"{self.name} on {self.origin} is larger than the {self.size:,} bytes the feed "
                                "says; the partial file was removed", code="size_mismatch", path=self.name)
        if self.bucket is not None:
            self.bucket.take(len(data), self._cancelled)
        try:
            self._file.write(data)
        except OSError as e:
            raise self._write_error(e) from e
        self._hash.update(data)
        self.have += len(data)
        self.report()
        if not self.complete:  # the last byte is in: finishing costs less than resuming later
            self.check_cancelled()

    def report(self) -> None:
        if self._progress is not None:
            self._progress(self.have, self.size)

    def check_cancelled(self) -> None:
        # Raise only: the part is closed (fsynced) on leaving the ``with``, after the connection is closed, so a
        # server does not keep sending into the socket while the disk syncs.
        if self._cancelled is not None and self._cancelled():
            raise DownloadCancelled(f"the download of {self.name} was cancelled; it continues where it stopped "
                                    "next time", path=self.name)

    def wait(self, seconds: float) -> None:
        """Sleep between retries, watching for a cancel."""
        deadline = time.monotonic() + seconds
        while (left := deadline - time.monotonic()) > 0:
            self.check_cancelled()
            time.sleep(min(left, 0.05))
        self.check_cancelled()

    # --- the end -------------------------------------------------------------------------------------

    def size_mismatch(self, actual: int) -> DownloadError:
        """The source's file has another size than the feed says: the part is useless, delete it."""
        self.discard()
        return DownloadError(f"{self.name} is {actual:,} bytes on {self.origin} but the feed says {self.size:,}: "
                             "the source holds another file (a damaged or unfinished copy?)",
                             code="size_mismatch", path=self.name)

    def finish(self) -> None:
        """Verify size and SHA-256, fsync, close, and rename the part onto ``dest``."""
        if self.have != self.size:
            raise self.size_mismatch(self.have)
        if self._hash.hexdigest() != self.sha256:
            self.discard()
            raise DownloadError(f"{self.name} from {self.origin} arrived damaged: its content does not match the "
                                "SHA-256 the feed gives. The partial file was removed; the next try starts over.",
                                code="hash_mismatch", path=self.name)
        f, self._file = self._file, None
        try:
            try:
                f.flush()
                os.fsync(f.fileno())
            finally:
                f.close()  # Windows cannot rename a file that is still open
            fsutil.replace(self.part, self.dest)
            fsutil.fsync_dir(self.dest.parent)
        except OSError as e:
            raise self._write_error(e, self.dest) from e

    # --- helpers -------------------------------------------------------------------------------------

    def _unlink_part(self) -> None:
        fsutil.unlink_quietly(self.part)

    def _write_error(self, e: OSError, path: Path | None = None) -> DownloadError:
        path = path or self.part
        if e.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)):
            try:
                free = _mb(shutil.disk_usage(self.dest.parent).free)
            except OSError:
                free = "?"
            return DownloadError(f"not enough free space on {self.dest.parent}: need "
                                 f"{_mb(self.size - self.have + self.reserve)} MB, {free} MB free",
                                 code="no_space", path=self.name)
        return DownloadError(f"could not write {path}: {e.strerror or e}", code="write_failed", path=self.name)
