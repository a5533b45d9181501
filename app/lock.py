"""One running app per library folder: an OS-level lock on ``kitepkana.lock``.

The lock is held by an open file handle, so it disappears with the process even after a crash or a
power cut — no stale lock files to clean up by hand. On Windows the locked byte lies past the end of the file
(a locked byte cannot be read: Explorer copying a running portable folder would stop at the lock file), and a
start retries for a moment, because Windows releases a killed process's locks a little late.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Self

from app.errors import LibraryLockedError

# The named mutex a running Kitepkana holds on Windows: the installer and the uninstaller (build/installer.iss,
# AppMutex) refuse to replace or delete the program while it runs. The suffix is the start of the installer's AppId.
APP_MUTEX = "Kitepkana.Running.A99CB9C0"
_mutex_handles: list[int] = []
LOCK_OFFSET = 1 << 20  # Windows: the byte locked, far past the few bytes of process id the file holds
RETRY_SECONDS = 1.0  # how long a start waits for a lock a killed process has not released yet


class InstanceLock:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd: int | None = None

    def acquire(self, *, wait: float = RETRY_SECONDS) -> InstanceLock:
        """Take the lock, trying again for ``wait`` seconds; LibraryLockedError if another process holds it."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        deadline = time.monotonic() + wait
        while True:
            try:
                _lock(fd)
                break
            except OSError as e:
                if time.monotonic() >= deadline:
                    os.close(fd)
                    raise LibraryLockedError(f"the library in {self.path.parent} is already open in another "
                                             "Kitepkana window") from e
                time.sleep(0.1)
        os.lseek(fd, 0, os.SEEK_SET)
        os.ftruncate(fd, 0)
        os.write(fd, str(os.getpid()).encode())
        self._fd = fd
        return self

    def release(self) -> None:
        if self._fd is None:
            return
        try:
            if os.name == "nt":
                import msvcrt

                os.lseek(self._fd, LOCK_OFFSET, os.SEEK_SET)
                msvcrt.locking(self._fd, msvcrt.LK_UNLCK, 1)
            else:
                import fcntl

                fcntl.flock(self._fd, fcntl.LOCK_UN)
        finally:
            os.close(self._fd)
            self._fd = None

    def __enter__(self) -> Self:
        return self.acquire()

    def __exit__(self, *exc: object) -> None:
        self.release()


class WriterLock:
    """The instance lock held for one write (an index rebuild and its switch) by a library that does not hold it
    for its whole life: a command, the reading room, a test. Where the library holds it already (the app's
    window, a writing command) holding is free. Nested and from several threads of one library: taken once, the
    other threads wait their turn."""

    def __init__(self, path: Path, *, held: Callable[[], bool]) -> None:
        self.path = path
        self._held = held
        self._guard = threading.RLock()
        self._depth = 0
        self._lock: InstanceLock | None = None

    @contextmanager
    def hold(self, *, wait: float = RETRY_SECONDS) -> Iterator[None]:
        """Hold the lock for the block; LibraryLockedError if another process keeps it past ``wait`` seconds."""
        if self._held():
            yield
            return
        with self._guard:
            if self._depth == 0:
                try:
                    self._lock = InstanceLock(self.path).acquire(wait=wait)
                except LibraryLockedError as e:
                    raise LibraryLockedError(
                        f"The Kitepkana app (or a kitepkana command) is changing the library in {self.path.parent}: "
                        "use Update in the app, or close it and try again.") from e
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
                if self._depth == 0:
                    self._lock.release()
                    self._lock = None


def _lock(fd: int) -> None:
    if os.name == "nt":
        import msvcrt

        os.lseek(fd, LOCK_OFFSET, os.SEEK_SET)  # msvcrt locks from the current position
        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
    else:
        import fcntl

        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)


def hold_app_mutex() -> bool:
    """Hold :data:`APP_MUTEX` (in this session and globally) until the process ends; a no-op but on Windows.
    True if held."""
    if os.name != "nt" or _mutex_handles:
        return bool(_mutex_handles)
    import ctypes  # pragma: no cover - Windows only

    kernel32 = ctypes.windll.kernel32
    kernel32.CreateMutexW.restype = ctypes.c_void_p
    for name in (APP_MUTEX, "Global\\" + APP_MUTEX):
        handle = kernel32.CreateMutexW(None, False, name)
        if handle:
            _mutex_handles.append(handle)  # never closed: Windows closes it when the process ends
    return bool(_mutex_handles)
