"""The harvest's HTTP cache, kept beside the authoring folder: validators (ETag, Last-Modified) per address,
and the bodies of pages, so an unchanged site answers ``304 Not Modified`` and costs one small request per page.

Bodies of pages are stored gzipped under ``bodies/``; files (PDFs, videos) are not stored twice: their entry
names the SHA-256 of the copy already in the authoring folder's ``media/``. A page's entry also keeps the links
it leads on to, so a page that answers 304 and is taken as written last time is not parsed again.

**Pages that are gone.** A page that answered 404 or 410 is remembered too, so a dead link that every page of the
site carries (a language switch to a version that was never written, an old menu entry) does not cost a full
request on every run. After it answered "gone" *k* times in a row it is not asked again for the next 2^k − 1 runs
(1, 3, 7, then 15 at most), or until a week has passed since it was last asked, whichever comes first; in between
links to it count as gone. The run asks an address every time while it is still an item of the folder (its
missing runs are counted from real answers, :mod:`sync.harvest.writer`) or when a sitemap or feed lists it (the
site says it exists now), and a page that answers again is an ordinary page at once.

**Pages the sitemap says are unchanged.** When a page was asked after the sitemap gave it a ``<lastmod>``, the
entry keeps that value and when the page was asked. If the next sitemap gives the same value, and the page was
asked after the last moment that value can stand for (:func:`sync.harvest.discover.lastmod_until`: a page
changed twice on one day keeps a date-only stamp), the page has not changed since: :meth:`HttpCache.unasked`
lets the run take it as it was without a request. Every page is still asked now and then (after 3½ to 7 days,
spread over the addresses so no run asks them all), which also tells a sitemap whose dates do not follow the
pages (:mod:`sync.harvest.run` then stops believing it).
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import time
from dataclasses import dataclass
from pathlib import Path

from app.fsutil import replace, unlink_quietly
from sync.harvest.discover import lastmod_until


@dataclass
class Entry:
    url: str
    etag: str | None = None
    last_modified: str | None = None
    content_type: str = ""
    final_url: str | None = None  # after redirects
    sha256: str | None = None  # files: the content, stored in the folder's media
    size: int = 0
    body: str | None = None  # pages: the name of the gzipped body under bodies/
    gone: int = 0  # pages: how many times in a row it answered 404/410
    gone_checked: float = 0.0  # when it last answered so (seconds since the epoch)
    gone_skipped: int = 0  # runs since then that did not ask
    links: list[str] | None = None  # pages: the addresses it leads on to (a page answered 304 is not read again)
    checked: float = 0.0  # pages: when the server last answered for it (seconds since the epoch)
    lastmod: str | None = None  # pages: the sitemap's <lastmod> for it when it was asked then


GONE_MAX_SKIP = 15  # runs
GONE_MAX_AGE = 7 * 24 * 3600.0  # seconds
ASK_AGAIN_AFTER = 3.5 * 24 * 3600.0  # seconds: a page left unasked on the sitemap's word is asked after 3½–7 days


class HttpCache:
    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        self.bodies = self.folder / "bodies"
        self.index_path = self.folder / "http-cache.json"
        self._entries: dict[str, Entry] = {}
        self._used: set[str] = set()
        if self.index_path.is_file():
            try:
                raw = json.loads(self.index_path.read_text(encoding="utf-8"))
                self._entries = {k: Entry(**v) for k, v in raw.items()}
            except (ValueError, TypeError):
                self._entries = {}  # a damaged cache only costs one full fetch

    def get(self, url: str) -> Entry | None:
        return self._entries.get(url)

    def body(self, entry: Entry) -> bytes | None:
        if not entry.body:
            return None
        try:
            return gzip.decompress((self.bodies / entry.body).read_bytes())
        except (OSError, EOFError, gzip.BadGzipFile):
            return None

    def put(self, entry: Entry, body: bytes | None = None) -> None:
        if body is not None:
            name = hashlib.sha256(entry.url.encode()).hexdigest()[:32] + ".gz"
            self.bodies.mkdir(parents=True, exist_ok=True)
            tmp = self.bodies / (name + ".tmp")
            tmp.write_bytes(gzip.compress(body, compresslevel=5))
            replace(tmp, self.bodies / name)
            entry.body = name
        self._entries[entry.url] = entry
        self._used.add(entry.url)

    def mark_gone(self, url: str, *, now: float | None = None) -> Entry:
        """``url`` answered 404/410: remember it (and drop the page it was)."""
        old = self._entries.get(url)
        self.forget(url)
        entry = Entry(url, gone=(old.gone if old else 0) + 1, gone_checked=time.time() if now is None else now)
        self.put(entry)
        return entry

    def still_gone(self, url: str, *, now: float | None = None) -> Entry | None:
        """The entry when ``url`` answered "gone" recently enough not to be asked this run (module docstring);
        counts this run as one that did not ask."""
        entry = self._entries.get(url)
        if entry is None or not entry.gone:
            return None
        now = time.time() if now is None else now
        if entry.gone_skipped >= min(2 ** entry.gone - 1, GONE_MAX_SKIP) or now - entry.gone_checked >= GONE_MAX_AGE:
            return None
        entry.gone_skipped += 1
        self._used.add(url)
        return entry

    def asked(self, url: str, *, lastmod: str | None, now: float | None = None) -> None:
        """The server just answered for the page ``url``; ``lastmod``: what the sitemap (read before) says of it."""
        entry = self._entries.get(url)
        if entry is not None:
            entry.checked, entry.lastmod = time.time() if now is None else now, lastmod

    def unasked(self, url: str, lastmod: str | None, *, now: float | None = None) -> tuple[Entry | None, bool]:
        """(the entry, when the sitemap's ``lastmod`` says the page has not changed since it was last asked and it
        need not be asked now; whether it would be so, but is due to be asked again: module docstring)."""
        entry = self._entries.get(url)
        if (not lastmod or entry is None or entry.lastmod != lastmod or entry.gone or entry.links is None
                or not entry.body):
            return None, False
        until = lastmod_until(lastmod)
        if until is None or entry.checked <= until:
            return None, False
        now = time.time() if now is None else now
        spread = int(hashlib.sha256(url.encode()).hexdigest()[:4], 16) / 0xFFFF  # 0…1, the same every run
        if now - entry.checked > ASK_AGAIN_AFTER * (1 + spread) or now < entry.checked:
            return None, True
        return entry, False

    def set_links(self, url: str, links: list[str]) -> None:
        entry = self._entries.get(url)
        if entry is not None:
            entry.links = list(dict.fromkeys(links))

    def touch(self, url: str) -> None:
        self._used.add(url)

    def forget(self, url: str) -> None:
        entry = self._entries.pop(url, None)
        if entry and entry.body:
            unlink_quietly(self.bodies / entry.body)

    def save(self, *, prune: bool = False) -> None:
        """Write the index; ``prune`` drops the entries this run did not use (after a complete crawl)."""
        if prune:
            for url in [u for u in self._entries if u not in self._used]:
                self.forget(url)
        self.folder.mkdir(parents=True, exist_ok=True)
        tmp = self.index_path.with_suffix(".tmp")
        # json.dumps, not json.dump: only the one-shot form uses the C encoder (five times faster on 1,000 pages);
        # vars, not asdict, which deep-copies
        text = json.dumps({k: vars(v) for k, v in self._entries.items()}, ensure_ascii=False)
        with open(tmp, "w", encoding="utf-8") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        replace(tmp, self.index_path)
