"""What keeps one visitor (or a misbehaving program) from taking the reading room for everyone else.

Requests per client: a token bucket per address. Concurrent video streams: a counter that a response gives
back when it is closed. Visitors now and today: addresses seen, for the desktop's "Share on this network" box.
All thread-safe: waitress answers from several threads.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from dataclasses import dataclass


@dataclass(frozen=True)
class Limits:
    requests_per_minute: int = 600  # per client address; 0: no limit. A page costs 1-4 requests (CSS, pictures)
    burst: int = 120  # requests a client may make at once before the rate applies
    video_streams: int = 12  # videos and big files sent at once; more wait for a free one (503 + Retry-After)
    max_url: int = 2048  # characters of path + query; longer is refused (414)
    max_body: int = 4096  # bytes of a request body (only the access code form has one)
    threads: int = 24  # waitress worker threads: a video being sent holds one, so more than video_streams
    page_cache_bytes: int = 48 << 20  # rendered pages kept in memory (app/web/cache.py)


class RateLimiter:
    """A token bucket per client address."""

    def __init__(self, per_minute: int, burst: int) -> None:
        self.rate = per_minute / 60.0
        self.burst = max(burst, 1)
        self._buckets: dict[str, tuple[float, float]] = {}  # address -> (tokens, last time)
        self._lock = threading.Lock()

    def allow(self, client: str) -> bool:
        if self.rate <= 0:
            return True
        now = time.monotonic()
        with self._lock:
            tokens, last = self._buckets.get(client, (float(self.burst), now))
            tokens = min(self.burst, tokens + (now - last) * self.rate)
            ok = tokens >= 1
            self._buckets[client] = (tokens - 1 if ok else tokens, now)
            if len(self._buckets) > 10_000:  # forget clients whose bucket is full again
                full = [k for k, (t, seen) in self._buckets.items() if t + (now - seen) * self.rate >= self.burst]
                for k in full:
                    del self._buckets[k]
            return ok


class StreamSlots:
    """At most ``limit`` big responses (videos, large files) at once."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.busy = 0
        self._lock = threading.Lock()

    def take(self) -> bool:
        with self._lock:
            if self.busy >= self.limit:
                return False
            self.busy += 1
            return True

    def give_back(self) -> None:
        with self._lock:
            self.busy = max(0, self.busy - 1)


class Visitors:
    """Client addresses seen: "now" is the last five minutes, "today" since local midnight."""

    NOW_SECONDS = 300

    def __init__(self) -> None:
        self._seen: dict[str, float] = {}
        self._today: set[str] = set()
        self._day = dt.date.today()
        self._lock = threading.Lock()

    def saw(self, client: str) -> None:
        with self._lock:
            today = dt.date.today()
            if today != self._day:
                self._day, self._today = today, set()
            self._today.add(client)
            self._seen[client] = time.monotonic()

    def now(self) -> int:
        cutoff = time.monotonic() - self.NOW_SECONDS
        with self._lock:
            self._seen = {k: t for k, t in self._seen.items() if t >= cutoff}
            return len(self._seen)

    def addresses_today(self) -> set[str]:
        with self._lock:
            return set(self._today) if self._day == dt.date.today() else set()

    def today(self) -> int:
        with self._lock:
            return len(self._today) if self._day == dt.date.today() else 0
