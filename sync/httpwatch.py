"""Bounds on every HTTP request of a feed source: an overall deadline, a minimum speed, and a cancel that is
seen within a fraction of a second, even while a read is blocked on a server that has gone quiet.

A :class:`Watch` covers one request from the moment it is sent until its body is read or given up. A small
thread looks at it ten times a second; when the user cancels, the deadline passes, or the body came slower than
the minimum speed over the last window, it shuts the request's socket down. The read blocked in the requesting
thread then returns at once, and the requesting code raises the watch's typed error (:meth:`Watch.check`)
instead of whatever the broken read said. Without this, a server trickling one byte a second keeps a read
(and a sync) going for days: every byte resets the socket's read timeout.

The socket is found through the connection classes below (:class:`WatchedAdapter` puts them into a requests
session): a connection hands its socket to the watch of the thread using it just before it waits for the
answer. urllib3's own retries wait through :class:`WatchedRetry`, so a cancel or the deadline also ends the
wait between tries. Connecting (DNS, TCP, TLS) is bounded by the connect timeout only.
"""

from __future__ import annotations

import collections
import socket
import threading
import time
import urllib.parse
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, Self

import urllib3
from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
from urllib3.util import Retry

from sync.errors import DownloadCancelled, SourceError

TICK = 0.1  # seconds between two looks at a request: a cancel is seen within about this


@dataclass(frozen=True)
class Limits:
    """What every request must manage. Tests lower them so that a trickle is caught in a second or two."""

    min_speed: int = 1024  # bytes per second, averaged over ``window``: slower than a poor mobile link is broken
    window: float = 30.0  # seconds
    deadline: float = 300.0  # seconds for any request (connecting, retries, answer), plus size / min_speed


class Stopped(Exception):  # (a signal, not an error: the watch holds the real one)
    """Raised inside urllib3's retry wait when the watch has stopped the request; :meth:`Watch.check` raises
    the typed error."""


_local = threading.local()


def current() -> Watch | None:
    """The watch of the request this thread is making, if any."""
    return getattr(_local, "watch", None)


def _rate(n: float) -> str:
    return f"{n / 1024:.3g} KB/s" if n >= 1024 else f"{n:.0f} bytes/s"


def _duration(seconds: float) -> str:
    return f"{seconds / 60:.0f} minutes" if seconds >= 120 else f"{seconds:.3g} seconds"


class Watch:
    """One request under watch; use as a context manager around sending it and reading its body.

    ``what`` and ``host`` make messages readable; ``cancelled()`` is polled from the watch thread (it must be
    cheap and thread-safe, like reading a flag); ``min_speed`` overrides ``limits.min_speed`` (a bandwidth
    limit below it must not count as a slow server).
    """

    def __init__(self, *, what: str, host: str, limits: Limits, cancelled: Callable[[], bool] | None = None,
                 min_speed: float | None = None) -> None:
        self.what = what
        self.host = host
        self.limits = limits
        self.min_speed = float(min_speed if min_speed is not None else limits.min_speed)
        self._cancelled = cancelled
        self.started = time.monotonic()
        self.deadline_at = self.started + limits.deadline
        self.received = 0  # body bytes
        self.expected: int | None = None
        self.reason: str | None = None  # cancelled | too_slow | deadline
        self._body_started: float | None = None
        self._samples: collections.deque[tuple[float, int]] = collections.deque()
        self._socks: list[socket.socket] = []
        self._lock = threading.Lock()
        self._done = threading.Event()
        self._thread: threading.Thread | None = None
        self._outer: Watch | None = None

    def __enter__(self) -> Self:
        self._outer = current()
        _local.watch = self
        self._thread = threading.Thread(target=self._run, name=f"watch {self.what}", daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.finish()
        _local.watch = self._outer
        if self._thread is not None:
            self._thread.join()

    def finish(self) -> None:
        """The body is all here: stop watching before the connection goes back to the pool, where shutting its
        socket down would break the next request on it."""
        with self._lock:
            self._done.set()
            self._socks.clear()

    # --- what the requesting thread says -------------------------------------------------------------

    def body(self, expected: int | None) -> None:
        """The answer came; its body of ``expected`` bytes (None: unknown) starts now. The deadline grows by
        the time the body may take at the minimum speed."""
        now = time.monotonic()
        self.expected = expected
        self._body_started = now
        self._samples.append((now, self.received))
        if expected is not None:
            self.deadline_at = self.started + self.limits.deadline + expected / self.min_speed

    def got(self, n: int) -> None:
        self.received += n

    def register(self, sock: socket.socket | None) -> None:
        """The socket the request waits on (called by the connection classes below)."""
        if sock is None:
            return
        with self._lock:
            if self._done.is_set():
                return
            self._socks.append(sock)
            if self.reason is not None:  # stopped while connecting: end it now
                _shut(sock)

    def check(self) -> None:
        """Raise the typed error if the watch stopped the request."""
        if self.reason is not None:
            raise self.error()

    def wait(self, seconds: float) -> None:
        """Sleep (between retries), ending at once with :class:`Stopped` if the watch stops the request."""
        end = time.monotonic() + max(0.0, seconds)
        while True:
            if self.reason is not None:  # (set by the watch thread)
                raise Stopped(self.reason)
            left = end - time.monotonic()
            if left <= 0:
                return
            time.sleep(min(left, TICK / 2))

    def error(self) -> Exception:
        if self.reason == "cancelled":
            return DownloadCancelled(f"the download of {self.what} was cancelled", path=self.what)
        if self.reason == "too_slow":
            return SourceError(f"{self.host} sent {self.what} too slowly (less than {_rate(self.min_speed)} for "
                               f"{self.limits.window:g} seconds), so it was stopped. It is tried again at the next "
                               "update.", code="too_slow")
        return SourceError(f"{self.host} took more than {_duration(self.deadline_at - self.started)} to send "
                           f"{self.what}, so it was stopped. It is tried again at the next update.", code="deadline")

    # --- the watch thread ----------------------------------------------------------------------------

    def _run(self) -> None:
        while not self._done.wait(TICK):
            if (reason := self._look()) is not None:
                with self._lock:  # (never after finish(): a complete body is not stopped afterwards)
                    if not self._done.is_set():
                        self.reason = reason
                        for sock in self._socks:
                            _shut(sock)
                return

    def _look(self) -> str | None:
        """Why the request must stop, if it must."""
        if self._cancelled is not None and self._cancelled():
            return "cancelled"
        now = time.monotonic()
        if now > self.deadline_at:
            return "deadline"
        if self._body_started is not None and self._too_slow(now):
            return "too_slow"
        return None

    def _too_slow(self, now: float) -> bool:
        samples = self._samples
        samples.append((now, self.received))
        window = self.limits.window
        while len(samples) > 1 and samples[1][0] <= now - window:
            samples.popleft()  # keep one sample at or before the start of the window
        t0, r0 = samples[0]
        if now - t0 < window:
            return False
        need = self.min_speed * window
        if self.expected is not None:
            need = min(need, self.expected - r0)  # the end of a small file may need less than a window's worth
        return self.received - r0 < need


def _shut(sock: socket.socket) -> None:
    try:
        sock.shutdown(socket.SHUT_RDWR)  # a recv blocked in the requesting thread returns now
    except OSError:
        pass  # already closed


# --- the plumbing that lets a watch reach the socket -------------------------------------------------


class _Watched:
    def getresponse(self, *args: Any, **kwargs: Any) -> Any:
        watch = current()
        if watch is not None:
            watch.register(self.sock)
        return super().getresponse(*args, **kwargs)


class _HTTPConnection(_Watched, HTTPConnection):
    pass


class _HTTPSConnection(_Watched, HTTPSConnection):
    pass


class _HTTPPool(HTTPConnectionPool):
    ConnectionCls = _HTTPConnection


class _HTTPSPool(HTTPSConnectionPool):
    ConnectionCls = _HTTPSConnection


_POOLS = {"http": _HTTPPool, "https": _HTTPSPool}


class WatchedAdapter(HTTPAdapter):
    """A requests adapter whose connections hand their sockets to the thread's :class:`Watch`."""

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = dict(_POOLS)

    def proxy_manager_for(self, proxy: str, **kwargs: Any) -> Any:
        manager = super().proxy_manager_for(proxy, **kwargs)
        if isinstance(manager, urllib3.ProxyManager):  # (a SOCKS manager keeps its own pools)
            manager.pool_classes_by_scheme = dict(_POOLS)
        return manager


def retry_policy(retries: int, *, backoff: float, max_backoff: float, statuses: frozenset[int]) -> WatchedRetry:
    """urllib3 retries for what happens before a response arrives: connect errors, read errors (the server
    took the request but did not answer), and ``statuses`` (429/5xx) answers to GET/HEAD."""
    return WatchedRetry(
        total=retries, connect=retries, read=retries, status=retries, other=0, redirect=10,
        allowed_methods=frozenset({"GET", "HEAD"}), status_forcelist=statuses,
        backoff_factor=backoff, backoff_max=max_backoff, respect_retry_after_header=True,
        raise_on_status=False,  # after the last try we get the 5xx response and report it ourselves
        retry_after_max=int(max_backoff),
    )


def pause(seconds: float, cancelled: Callable[[], bool] | None, what: str) -> None:
    """Sleep between tries (outside any request), in short steps so that a cancel is seen at once."""
    end = time.monotonic() + seconds
    while True:
        if cancelled is not None and cancelled():
            raise DownloadCancelled(f"the download of {what} was cancelled", path=what)
        if (left := end - time.monotonic()) <= 0:
            return
        time.sleep(min(left, TICK / 2))


def hostname(url_or_host: str) -> str:
    """The host name of a URL or of ``host[:port]``, lower-case ("" if there is none)."""
    text = str(url_or_host).strip()
    try:
        return (urllib.parse.urlsplit(text if "//" in text else "//" + text).hostname or "").rstrip(".")
    except ValueError:  # e.g. a bad port or bracket
        return ""


class WatchedRetry(Retry):
    """urllib3's retries, whose wait between tries ends when the thread's watch stops the request."""

    def sleep(self, response: Any = None) -> None:
        watch = current()
        if watch is None:
            super().sleep(response)
            return
        seconds = self.get_retry_after(response) if self.respect_retry_after_header and response else None
        watch.wait(seconds or self.get_backoff_time())


__all__ = ["Limits", "Stopped", "Watch", "WatchedAdapter", "WatchedRetry", "current", "hostname", "pause",
           "retry_policy"]


def error_chain(e: BaseException) -> Iterator[BaseException]:
    """An exception and everything it wraps (requests wraps urllib3 wraps socket errors)."""
    seen: set[int] = set()
    stack: list[object] = [e]
    while stack:
        x = stack.pop()
        if not isinstance(x, BaseException) or id(x) in seen:
            continue
        seen.add(id(x))
        yield x
        stack += [getattr(x, "reason", None), x.__cause__, x.__context__, *x.args]


def split_credentials(url: str) -> tuple[str, tuple[str, str] | None]:
    """A web address without its ``user:password@`` part, and that part (unquoted), or None when it has none."""
    parts = urllib.parse.urlsplit(url)
    if "@" not in parts.netloc:
        return url, None
    userinfo, _, host = parts.netloc.rpartition("@")
    user, _, password = userinfo.partition(":")
    bare = urllib.parse.urlunsplit(parts._replace(netloc=host))
    return bare, (urllib.parse.unquote(user), urllib.parse.unquote(password))


def with_access_code(url: str, code: str) -> str:
    """The address of a reading room's feed with its access code as the password (see the module's text)."""
    bare, _ = split_credentials(url)
    parts = urllib.parse.urlsplit(bare)
    netloc = f"code:{urllib.parse.quote(code.strip(), safe='')}@{parts.netloc}"
    return urllib.parse.urlunsplit(parts._replace(netloc=netloc))
