"""Polite HTTP for the harvester: one host, robots.txt, a rate limit, retries with back-off, redirects followed
by hand (each hop checked against the host and robots.txt, loops refused), conditional GETs from the cache,
huge pages refused, legacy encodings decoded.

Each address either answers or raises :class:`FetchError` with a ``kind`` the run acts on: ``failed`` (5xx,
timeout, no connection: the previous version is kept), ``gone`` (404/410: the page is missing) or ``refused``
(robots.txt, another site, too big, a redirect loop: reported, never fetched).
"""

from __future__ import annotations

import codecs
import hashlib
import os
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import requests

from app import __version__
from sync.harvest.cache import Entry, HttpCache
from sync.harvest.errors import HarvestError
from sync.harvest.robots import Robots
from sync.harvest.urls import host_of, normalise, same_site

USER_AGENT = f"KitepkanaHarvester/{__version__} (+offline library of LSG practices)"
RETRY_STATUS = {429, 500, 502, 503, 504}
MAX_REDIRECTS = 8
CHUNK = 64 * 1024
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w:.-]+)""", re.IGNORECASE)


class FetchError(Exception):
    def __init__(self, url: str, kind: str, code: str, message: str, *, status: int | None = None) -> None:
        super().__init__(message)
        self.url, self.kind, self.code, self.status = url, kind, code, status


@dataclass
class Page:
    url: str
    final_url: str
    body: bytes
    content_type: str
    not_modified: bool  # answered 304: the body is the cached one

    @property
    def is_html(self) -> bool:
        return "html" in self.content_type or (not self.content_type and self.body[:200].lstrip()[:1] == b"<")

    def text(self) -> str:
        return decode_html(self.body, self.content_type)


@dataclass
class FileResult:
    url: str
    sha256: str
    size: int
    path: Path | None  # the new file (a temporary name in the media folder), None when not modified
    content_type: str
    not_modified: bool


def decode_html(body: bytes, content_type: str = "") -> str:
    """Header charset, then ``<meta charset>``, then UTF-8, then windows-1251 (the Cyrillic web's old default)."""
    candidates = []
    m = re.search(r"charset\s*=\s*[\"']?([\w:.-]+)", content_type or "", re.IGNORECASE)
    if m:
        candidates.append(m.group(1))
    m = _META_CHARSET.search(body[:4096])
    if m:
        candidates.append(m.group(1).decode("ascii", "replace"))
    if body.startswith(codecs.BOM_UTF8):
        return body[3:].decode("utf-8", "replace")
    for name in [*candidates, "utf-8"]:
        try:
            return body.decode(name)
        except (LookupError, UnicodeDecodeError):
            continue
    return body.decode("cp1251", "replace")


class Fetcher:
    """Fetches from one site. ``rate``: requests per second (0 = no limit)."""

    def __init__(self, start_url: str, cache: HttpCache, *, rate: float = 1.0, timeout: float = 20.0,
                 retries: int = 3, backoff: float = 1.0, max_page_bytes: int = 8_000_000,
                 file_hosts: tuple[str, ...] | list[str] = (), cancelled: Callable[[], bool] | None = None) -> None:
        start = normalise(start_url)
        if not start:
            raise HarvestError(f"'{start_url}' is not a web address (http:// or https://)", code="bad_url")
        self.start = start
        self.host = host_of(start)
        self.cache = cache
        self.interval = 1.0 / rate if rate and rate > 0 else 0.0
        self.timeout, self.retries, self.backoff, self.max_page_bytes = timeout, retries, backoff, max_page_bytes
        self.cancelled = cancelled or (lambda: False)
        self.session = requests.Session()
        # requests reads the proxy variables of the environment on every request (a millisecond each, as much as
        # the rest of an unchanged page): read them once per host, and the CA bundle once
        self.session.verify = self.session.merge_environment_settings(start, {}, None, None, None)["verify"]
        self.session.trust_env = False
        self._proxies: dict[str, dict] = {}
        self.session.headers["User-Agent"] = USER_AGENT
        self.robots: Robots | None = None
        # hosts that may serve files (never pages) for this site, e.g. its CDN; their robots.txt, read once
        self.file_hosts = {h.lower().removeprefix("www.") for h in file_hosts if h}
        self._file_robots: dict[str, Robots | None] = {}
        self.bytes_in = 0
        self.requests = 0
        self.undated_pages = 0  # answered whole without ETag or Last-Modified: every run downloads them again
        self._next_at = 0.0
        self._lock = threading.Lock()
        self._counting = threading.Lock()

    def close(self) -> None:
        self.session.close()

    # --- robots.txt ---

    def load_robots(self) -> list[str]:
        """Read robots.txt; returns the sitemaps it names. A site that does not answer stops the run."""
        url = normalise("/robots.txt", self.start)
        try:
            resp = self._request(url)
        except FetchError as e:
            raise HarvestError(f"the site {self.host} does not answer ({e}); nothing was changed",
                               code="site_unreachable") from e
        body = self._read(resp, url, limit=500_000)
        if resp.status_code >= 500:
            raise HarvestError(f"the site {self.host} answered {resp.status_code} for robots.txt; nothing was "
                               "changed", code="site_unreachable")
        self.robots = Robots.parse(decode_html(body) if resp.status_code == 200 else "")
        delay = self.robots.crawl_delay(USER_AGENT)
        if delay and delay > self.interval:
            self.interval = min(delay, 30.0)
        return list(self.robots.sitemaps)

    def _robots_of(self, host_url: str) -> Robots | None:
        """A file host's robots.txt, read on its first file; None when it did not answer (nothing is fetched from
        that host this run)."""
        host = host_of(host_url)
        if host not in self._file_robots:
            url = normalise("/robots.txt", host_url)
            try:
                resp = self._request(url)
                body = self._read(resp, url, limit=500_000)
                self._file_robots[host] = (None if resp.status_code >= 500 else
                                           Robots.parse(decode_html(body) if resp.status_code == 200 else ""))
            except FetchError:
                self._file_robots[host] = None
        return self._file_robots[host]

    def allowed(self, url: str, *, file: bool = False) -> str | None:
        """Why ``url`` must not be fetched, or None. ``file``: a file (not a page), which may also come from one
        of the recipe's ``file_hosts``."""
        if same_site(url, self.host):
            robots = self.robots
        elif file and host_of(url).removeprefix("www.") in self.file_hosts:
            robots = self._robots_of(url)
            if robots is None:
                return f"the file host {host_of(url)} did not answer for its robots.txt"
        else:
            return "another site"
        if robots is not None and not robots.allowed(USER_AGENT, url):
            return "robots.txt disallows it"
        return None

    # --- requests ---

    def _wait(self) -> None:
        with self._lock:
            now = time.monotonic()
            wait = self._next_at - now
            self._next_at = max(now, self._next_at) + self.interval
        while wait > 0:
            if self.cancelled():
                return
            time.sleep(min(wait, 0.2))
            wait -= 0.2

    def count(self, size: int = 0, *, requests: int = 0, undated: int = 0) -> None:
        """Add to the counters (several connections may be at work, :mod:`sync.harvest.run`)."""
        with self._counting:
            self.bytes_in += size
            self.requests += requests
            self.undated_pages += undated

    def _proxies_for(self, url: str) -> dict:
        host = host_of(url)
        if host not in self._proxies:
            self._proxies[host] = requests.utils.get_environ_proxies(url)
        return self._proxies[host]

    def _request(self, url: str, headers: dict | None = None) -> requests.Response:
        last: FetchError | None = None
        for attempt in range(self.retries + 1):
            if attempt:
                pause = self.backoff * 2 ** (attempt - 1)
                retry_after = last and getattr(last, "retry_after", None)
                time.sleep(min(max(pause, retry_after or 0), 30.0))
            self._wait()
            self.count(requests=1)
            try:
                resp = self.session.get(url, headers=headers, timeout=self.timeout, stream=True, allow_redirects=False,
                                        proxies=self._proxies_for(url))
            except requests.Timeout:
                last = FetchError(url, "failed", "timeout", "the server did not answer in time")
                continue
            except requests.RequestException as e:
                last = FetchError(url, "failed", "unreachable", f"no connection ({type(e).__name__})")
                continue
            self.count(20 + sum(len(k) + len(v) + 4 for k, v in resp.headers.items()))
            if resp.status_code in RETRY_STATUS:
                self._read(resp, url, limit=100_000)
                last = FetchError(url, "failed", "http_error", f"the server answered {resp.status_code}",
                                  status=resp.status_code)
                ra = resp.headers.get("Retry-After", "")
                last.retry_after = float(ra) if ra.isdigit() else None
                continue
            return resp
        assert last is not None
        raise last

    def _read(self, resp: requests.Response, url: str, *, limit: int) -> bytes:
        chunks, size = [], 0
        try:
            for chunk in resp.iter_content(CHUNK):
                size += len(chunk)
                self.count(len(chunk))
                if size > limit:
                    raise FetchError(url, "refused", "too_big", f"larger than {limit // 1_000_000 or 1} MB; skipped")
                chunks.append(chunk)
        except requests.RequestException as e:
            raise FetchError(url, "failed", "cut_off", f"the answer was cut off ({type(e).__name__})") from e
        finally:
            resp.close()
        return b"".join(chunks)

    def _release(self, resp: requests.Response, *, small: int = CHUNK) -> None:
        """Done with an answer whose body does not matter (304, a redirect, an error page): read what little
        there is, so the connection goes back to the pool (keep-alive) instead of being closed — a new TCP and TLS
        handshake for every page would cost the site and us more than the answer itself."""
        length = resp.headers.get("Content-Length", "")
        if resp.status_code == 304 or (length.isdigit() and int(length) <= small):
            try:
                for chunk in resp.iter_content(CHUNK):
                    self.count(len(chunk))
            except requests.RequestException:
                pass
        resp.close()

    def _follow(self, url: str, headers: dict, *, file: bool = False) -> tuple[str, requests.Response]:
        """GET with redirects followed by hand: every hop on this site (or a file host, for a file), allowed by
        robots.txt, no loops."""
        seen = [url]
        current = url
        for _ in range(MAX_REDIRECTS + 1):
            resp = self._request(current, headers if current == url else None)
            if resp.status_code not in (301, 302, 303, 307, 308):
                return current, resp
            self._release(resp)
            target = normalise(resp.headers.get("Location", ""), current)
            if not target:
                raise FetchError(url, "failed", "bad_redirect", "redirects to an address that is not a web address")
            if target in seen:
                raise FetchError(url, "refused", "redirect_loop", "redirects in a loop")
            why = self.allowed(target, file=file)
            if why:
                raise FetchError(url, "refused", "redirect_refused", f"redirects to {target} ({why})")
            seen.append(target)
            current = target
        raise FetchError(url, "refused", "redirect_loop", f"more than {MAX_REDIRECTS} redirects")

    def _check(self, url: str, resp: requests.Response) -> None:
        if resp.status_code in (404, 410):
            self._release(resp)
            raise FetchError(url, "gone", "not_found", f"the page is gone ({resp.status_code})",
                             status=resp.status_code)
        if resp.status_code >= 400:
            self._release(resp)
            raise FetchError(url, "failed", "http_error", f"the server answered {resp.status_code}",
                             status=resp.status_code)

    @staticmethod
    def _conditional(entry: Entry | None) -> dict:
        headers = {}
        if entry and entry.etag:
            headers["If-None-Match"] = entry.etag
        if entry and entry.last_modified:
            headers["If-Modified-Since"] = entry.last_modified
        return headers

    def get_page(self, url: str, *, recheck: bool = False, lastmod: str | None = None) -> Page:
        """A page (HTML, XML, a feed): from the cache when the server says it has not changed. A page that answered
        404/410 lately is not asked again unless ``recheck`` (:mod:`sync.harvest.cache`: pages that are gone).
        ``lastmod``: the sitemap's date for it, read before this request (kept with the answer)."""
        why = self.allowed(url)
        if why:
            raise FetchError(url, "refused", "not_allowed", why)
        if not recheck and (gone := self.cache.still_gone(url)):
            raise FetchError(url, "gone", "not_found", f"the page was gone when last asked ({gone.gone} time(s) in a "
                             "row); not asked again yet", status=404)
        entry = self.cache.get(url)
        cached = self.cache.body(entry) if entry else None
        final, resp = self._follow(url, self._conditional(entry) if cached is not None else {})
        if resp.status_code == 304 and entry and cached is not None:
            self._release(resp)
            self.cache.touch(url)
            self.cache.asked(url, lastmod=lastmod)
            return Page(url, entry.final_url or url, cached, entry.content_type, True)
        try:
            self._check(url, resp)
        except FetchError as e:
            if e.kind == "gone":
                self.cache.mark_gone(url)
            raise
        length = resp.headers.get("Content-Length", "")
        if length.isdigit() and int(length) > self.max_page_bytes:  # said beforehand: not a byte of it is read
            resp.close()
            raise FetchError(url, "refused", "too_big", f"a page of {int(length) / 1e6:.1f} MB, larger than "
                             f"{self.max_page_bytes / 1e6:.1f} MB; skipped")
        body = self._read(resp, url, limit=self.max_page_bytes)
        ctype = resp.headers.get("Content-Type", "")
        self.cache.put(Entry(url, resp.headers.get("ETag"), resp.headers.get("Last-Modified"), ctype, final), body)
        self.cache.asked(url, lastmod=lastmod)
        if not resp.headers.get("ETag") and not resp.headers.get("Last-Modified"):
            self.count(undated=1)
        return Page(url, final, body, ctype, False)

    def get_file(self, url: str, folder: Path, *, limit: int, have: Callable[[str], bool]) -> FileResult:
        """A file streamed into ``folder`` (a temporary name, SHA-256 computed on the way). ``have(sha)`` says
        whether the folder still holds the copy the cache remembers: then a 304 costs nothing more."""
        why = self.allowed(url, file=True)
        if why:
            raise FetchError(url, "refused", "not_allowed", why)
        entry = self.cache.get(url)
        usable = entry is not None and entry.sha256 is not None and have(entry.sha256)
        _, resp = self._follow(url, self._conditional(entry) if usable else {}, file=True)
        if resp.status_code == 304 and usable:
            self._release(resp)
            self.cache.touch(url)
            return FileResult(url, entry.sha256, entry.size, None, entry.content_type, True)
        self._check(url, resp)
        length = resp.headers.get("Content-Length", "")
        if length.isdigit() and int(length) > limit:
            resp.close()
            raise FetchError(url, "refused", "over_budget", f"{int(length) / 1e6:.1f} MB is more than the "
                                                            f"{limit / 1e6:.1f} MB left in this run's budget")
        folder.mkdir(parents=True, exist_ok=True)
        tmp = folder / f".part-{os.getpid()}-{hashlib.sha256(url.encode()).hexdigest()[:12]}"
        h, size = hashlib.sha256(), 0
        try:
            with open(tmp, "wb") as f:
                for chunk in resp.iter_content(CHUNK):
                    size += len(chunk)
                    self.count(len(chunk))
                    if size > limit:
                        raise FetchError(url, "refused", "over_budget", f"more than the {limit / 1e6:.1f} MB left "
                                                                        "in this run's budget")
                    if self.cancelled():
                        raise FetchError(url, "failed", "cancelled", "cancelled")
                    h.update(chunk)
                    f.write(chunk)
        except requests.RequestException as e:
            tmp.unlink(missing_ok=True)
            raise FetchError(url, "failed", "cut_off", f"the download was cut off ({type(e).__name__})") from e
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
        finally:
            resp.close()
        ctype = resp.headers.get("Content-Type", "")
        sha = h.hexdigest()
        self.cache.put(Entry(url, resp.headers.get("ETag"), resp.headers.get("Last-Modified"), ctype, None, sha,
                             size))
        return FileResult(url, sha, size, tmp, ctype, False)
