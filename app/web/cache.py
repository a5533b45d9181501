"""Rendered pages kept in memory, so a page that many visitors open is rendered once.

A page of the reading room depends only on the library's content, the page's language and its address (path
and query): the same three give the same bytes for as long as this server runs. So a rendered page is kept
under that key, and a page of an older content version is never served: the version is part of the key, and
a sync that changes the content makes every older entry unreachable (they age out of the LRU).

The same key names the page for the browser too: its ``ETag``. A browser that comes back (the back button, a
shared link opened twice) sends ``If-None-Match`` and gets ``304 Not Modified`` without a render and
without the page's bytes crossing the Wi-Fi again.

Profiled before this (10,000 items, one thread, no HTTP): a search page cost 15 ms of CPU (the engine 9 ms,
the template 4 ms, the facet links 1 ms) and an item page 6 ms (the item's database rows 4 ms). A page from here
is sent before Flask is asked (``app/web/kept.py``): 0.04 ms of CPU instead of Flask's 0.2 ms.

Every page, kept or not, first asks for the content version (:class:`ContentVersion`), so that question must
cost next to nothing: under load (50 clients) a pooled connection and a query per page were a fifth of the
server's time, and with more threads than the pool keeps, connections were opened and closed all the while.
"""

from __future__ import annotations

import hashlib
import queue
import secrets
import sqlite3
import threading
from collections import OrderedDict
from pathlib import Path


class PageCache:
    """An LRU of rendered pages, bounded by their total size in bytes; thread-safe."""

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self._pages: OrderedDict[tuple, bytes] = OrderedDict()
        self._size = 0
        self._lock = threading.Lock()
        # ETags of one server run only: a new version of the program may render the same key differently
        self._salt = secrets.token_hex(4)
        self.hits = self.misses = self.not_modified = 0

    def etag(self, key: tuple) -> str:
        return self._salt + hashlib.blake2b(repr(key).encode("utf-8"), digest_size=12).hexdigest()

    def get(self, key: tuple) -> bytes | None:
        with self._lock:
            body = self._pages.get(key)
            if body is None:
                self.misses += 1
                return None
            self._pages.move_to_end(key)
            self.hits += 1
            return body

    def peek(self, key: tuple) -> bytes | None:
        """The page if kept, without counting it as asked for (``app/web/kept.py`` counts what it serves)."""
        return self._pages.get(key)

    def served(self, key: tuple, *, not_modified: bool = False) -> None:
        """A kept page was sent (or, ``not_modified``, a 304 for it): counted, and kept longest."""
        with self._lock:
            if not_modified:
                self.not_modified += 1
                return
            self.hits += 1
            if key in self._pages:
                self._pages.move_to_end(key)

    def put(self, key: tuple, body: bytes) -> None:
        if len(body) > self.max_bytes // 8:  # one huge page must not push out everything else
            return
        with self._lock:
            old = self._pages.pop(key, None)
            if old is not None:
                self._size -= len(old)
            self._pages[key] = body
            self._size += len(body)
            while self._size > self.max_bytes and self._pages:
                _, dropped = self._pages.popitem(last=False)
                self._size -= len(dropped)

    def stats(self) -> dict[str, int]:
        with self._lock:
            return {"pages": len(self._pages), "bytes": self._size, "hits": self.hits, "misses": self.misses,
                    "not_modified": self.not_modified}


class ContentVersion:
    """The library's content version, read from the database again only when something was committed to it since
    the last read, by this program or another (a sync in the desktop app while ``kitepkana serve`` shares the same
    library). SQLite's ``PRAGMA data_version`` says so without reading a table: it changes on a connection whenever
    another connection has committed. Connections of its own, which never write, one per thread asking at once
    (taken from and given back to a queue): a single connection behind a lock made every page wait in line while
    SQLite ran without the GIL, and under load cost more than the query it saved."""

    def __init__(self, database: Path) -> None:
        self.database = database
        self._idle: queue.SimpleQueue[list] = queue.SimpleQueue()  # [connection, data_version, content version]

    def get(self) -> int:
        try:
            slot = self._idle.get_nowait()
        except queue.Empty:
            slot = [sqlite3.connect(self.database, timeout=30, check_same_thread=False, isolation_level=None), None, 0]
        try:
            conn = slot[0]
            changes = conn.execute("PRAGMA data_version").fetchone()[0]
            if changes != slot[1]:
                # a commit between the two statements leaves ``changes`` behind: the next call reads again
                row = conn.execute("SELECT value FROM library_meta WHERE key = 'content_version'").fetchone()
                slot[1], slot[2] = changes, int(row[0]) if row and row[0] else 0
            return slot[2]
        finally:
            self._idle.put(slot)

    def close(self) -> None:
        """Close the connections (the server has stopped: none is in use); a later ``get`` opens one again."""
        while True:
            try:
                self._idle.get_nowait()[0].close()
            except queue.Empty:
                return
