"""Where a feed comes from: a web server (:class:`HttpSource`) or a folder such as a USB drive (:class:`FolderSource`).

Both fetch the manifest and its signature as bytes (verifying is the client's job) and download feed files
resumably into ``.part`` files that are checked against the size and SHA-256 the feed promised before they
are renamed into place (:mod:`sync.download`). Everything that goes wrong is raised as a typed error with a
code and a plain-words message (:class:`~sync.errors.SourceError`, :class:`~sync.errors.DownloadError`);
no bare ``requests`` or ``OSError`` leaves this module.

Over HTTP, what is worth retrying is retried: refused or dropped connections, timeouts, 429 and 5xx (by
urllib3, with exponential backoff, honouring ``Retry-After``), and a body cut off in the middle (by our own
loop, continuing with ``Range: bytes=N-`` from the bytes already in ``.part``). A 404 or 403 is raised at
once. An unchanged feed costs one conditional request (``If-None-Match`` / ``If-Modified-Since`` → 304).

Every request ends (:mod:`sync.httpwatch`): it has an overall deadline and a minimum speed, and a cancel stops
it within a fraction of a second, the manifest included. Everything is asked for as ``Accept-Encoding:
identity`` and stored exactly as it arrives, never decompressed here (the feed's own gzip files are checked
against their SHA-256 as they are; a compressed answer cannot blow up in memory). Redirects are followed only
to the feed's own server and to the hosts the user allowed (the ``sync_extra_hosts`` setting).

A reading room's access code comes as the password of the address (``sync.httpwatch.with_access_code``): it is
taken out of it at once, so ``location`` never holds it, and it is sent to that PC only, never along a redirect.
"""

from __future__ import annotations

import http.client
import json
import os
import re
import socket
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Self

import requests
import urllib3.exceptions

from app import __version__, fsutil
from sync import httpwatch
from sync.download import DEFAULT_RESERVE, PartFile, TokenBucket
from sync.errors import FeedError, SourceError
from sync.feedformat import MANIFEST_NAME, MAX_MANIFEST_BYTES, SIGNATURE_NAME, path_problem, resolve
from sync.httpwatch import Limits, Stopped, Watch, WatchedAdapter, hostname, pause, retry_policy

MAX_SIGNATURE_BYTES = 1024 * 1024
MAX_BACKOFF = 30.0  # seconds; also the longest Retry-After we wait for
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
MAX_REDIRECTS = 10
READ = 64 * 1024  # at most this per read of a body: reads return as soon as something came
FOLDER_CHUNK = 256 * 1024  # a slow USB stick still answers a read this size well within a second
# A body cut off in the middle, or a read that timed out, while requests streams it.
_BODY_ERRORS = (requests.RequestException, urllib3.exceptions.HTTPError, http.client.HTTPException)


@dataclass(frozen=True)
class ManifestFetch:
    manifest: bytes  # the bytes of feed.json
    signature: bytes  # the bytes of feed.json.sig (b"" when there is none: the client reports "unsigned")
    etag: str | None  # validators to send next time (HTTP); None for folders
    last_modified: str | None


class Source:
    """A place holding a feed. Use :func:`open_source`; close it (or use ``with``) when done."""

    location: str  # the URL or folder, for messages

    def fetch_manifest(self, *, etag: str | None = None, last_modified: str | None = None,
                       cancelled: Callable[[], bool] | None = None) -> ManifestFetch | None:
        """The manifest and its signature; None when the server says 304 Not Modified (an unchanged portal
        costs one small conditional request). ``cancelled()`` is polled while they come (a cancel raises
        :class:`~sync.errors.DownloadCancelled`)."""
        raise NotImplementedError

    def fetch_file(self, path: str, dest: Path, *, size: int, sha256: str,
                   progress: Callable[[int, int], None] | None = None, cancelled: Callable[[], bool] | None = None,
                   bandwidth_limit: int | None = None) -> None:
        """Download feed-relative ``path`` to ``dest`` (resuming from ``dest.with_name(dest.name + '.part')`` if
        present), verify size and SHA-256, fsync, then rename atomically to ``dest``. Raises typed errors.

        ``progress(done, total)`` is called after every chunk; ``cancelled()`` is polled between chunks (a
        cancel raises :class:`~sync.errors.DownloadCancelled` and keeps the ``.part``); ``bandwidth_limit``
        is in bytes per second.
        """
        raise NotImplementedError

    def close(self) -> None:
        pass

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.location!r})"


def open_source(location: str, *, timeout: float | tuple[float, float] = 30, retries: int = 4,
                backoff: float = 0.5, reserve: int = DEFAULT_RESERVE, limits: Limits | None = None,
                extra_hosts: Iterable[str] = ()) -> Source:
    """An :class:`HttpSource` for an http(s) URL, else a :class:`FolderSource` (a path or a ``file:`` URL).

    ``timeout`` is seconds (or a ``(connect, read)`` pair), ``retries`` how often a failing request or a
    broken body is tried again, ``backoff`` the base of the exponential wait between tries (seconds),
    ``reserve`` the free space (bytes) every download must leave on the destination drive, ``limits`` the
    minimum speed and deadline of every request, ``extra_hosts`` the other servers (host names) a redirect
    may lead to (the ``sync_extra_hosts`` setting).
    """
    location = location.strip()
    if re.match(r"^https?://", location, re.IGNORECASE):
        return HttpSource(location, timeout=timeout, retries=retries, backoff=backoff, reserve=reserve,
                          limits=limits, extra_hosts=extra_hosts)
    if location.lower().startswith("file:"):
        location = fsutil.file_url_path(location)
    elif re.match(r"^[a-z][a-z0-9+.-]+://", location, re.IGNORECASE):
        raise SourceError(f"'{location}' is neither a web address (http:// or https://) nor a folder",
                          code="not_a_feed")
    return FolderSource(location, reserve=reserve)


def _backoff_time(backoff: float, failures: int) -> float:
    return min(MAX_BACKOFF, backoff * 2 ** max(0, failures - 1))


# --- HTTP --------------------------------------------------------------------------------------------


def _parse_content_range(value: str | None) -> tuple[int | None, int | None, int | None]:
    """``bytes 100-199/1000`` → (100, 199, 1000); ``bytes */1000`` → (None, None, 1000)."""
    m = re.match(r"^\s*bytes\s+(?:(\d+)-(\d+)|\*)\s*/\s*(\d+|\*)\s*$", value or "", re.IGNORECASE)
    if not m:
        return None, None, None
    start, end, total = m.groups()
    return (int(start) if start else None, int(end) if end else None,
            int(total) if total and total != "*" else None)


def _looks_like_json_object(data: bytes) -> bool:
    try:
        return isinstance(json.loads(data.decode("utf-8-sig")), dict)
    except (UnicodeDecodeError, ValueError):
        return False


class HttpSource(Source):
    """A feed on a web server or CDN. One ``requests.Session`` (connections are re-used) with urllib3 retries."""

    def __init__(self, url: str, *, timeout: float | tuple[float, float] = 30, retries: int = 4,
                 backoff: float = 0.5, reserve: int = DEFAULT_RESERVE, limits: Limits | None = None,
                 extra_hosts: Iterable[str] = ()) -> None:
        url, self._credentials = httpwatch.split_credentials(url)  # an access code is never shown, logged or kept
        self.location = url
        base = url.split("#")[0].split("?")[0]
        if base.endswith("/" + MANIFEST_NAME):
            base = base[: -len(MANIFEST_NAME)]
        self.base = base if base.endswith("/") else base + "/"
        self.host = urllib.parse.urlsplit(self.base).netloc or url
        self.limits = limits or Limits()
        # where a redirect may lead: the feed's own server, and the hosts the user added
        self.allowed_hosts = {h for h in map(hostname, [self.base, *extra_hosts]) if h}
        # Connecting should be quick even on a slow link; reading may have to wait longer.
        self.timeout = tuple(timeout) if isinstance(timeout, tuple) else (min(float(timeout), 15.0), float(timeout))
        self.retries = retries
        self.backoff = backoff
        self.reserve = reserve
        self._buckets: dict[int, TokenBucket] = {}
        self._session = requests.Session()
        adapter = WatchedAdapter(max_retries=retry_policy(retries, backoff=backoff, max_backoff=MAX_BACKOFF,
                                                          statuses=RETRY_STATUSES), pool_maxsize=4)
        self._session.mount("http://", adapter)
        self._session.mount("https://", adapter)
        self._session.headers["User-Agent"] = f"Kitepkana/{__version__}"
        # the exact bytes: ranges and hashes mean what they say, and nothing compressed is unpacked here
        self._session.headers["Accept-Encoding"] = "identity"

    def close(self) -> None:
        self._session.close()

    def url(self, path: str) -> str:
        problem = path_problem(path)
        if problem:
            raise FeedError(f"unsafe path in the feed: {problem}", code="manifest_invalid")
        return self.base + urllib.parse.quote(path)

    # --- requests and their errors -------------------------------------------------------------------

    def _network_error(self, e: BaseException, what: str) -> SourceError:
        chain = list(httpwatch.error_chain(e))
        if any(isinstance(x, (requests.ConnectTimeout, urllib3.exceptions.ConnectTimeoutError)) for x in chain):
            return SourceError(f"cannot reach {self.host}: no answer within {self.timeout[0]:g} s when connecting. "
                               "Check the Internet connection and try again.", code="unreachable")
        if any(isinstance(x, (requests.Timeout, urllib3.exceptions.TimeoutError, socket.timeout)) for x in chain):
            return SourceError(f"{self.host} stopped answering while sending {what} (nothing came for "
                               f"{self.timeout[1]:g} s). The connection is too slow or broken; try again later.",
                               code="timeout")
        if any(isinstance(x, requests.exceptions.SSLError) for x in chain):
            return SourceError(f"a secure connection to {self.host} could not be made (is the computer's date and "
                               f"time right?): {chain[-1]}", code="unreachable")
        if any(isinstance(x, (urllib3.exceptions.ProtocolError, requests.exceptions.ChunkedEncodingError,
                              http.client.IncompleteRead)) for x in chain):
            return SourceError(f"the connection to {self.host} kept breaking while fetching {what}. Check the "
                               "Internet connection and try again; the download continues where it stopped.",
                               code="unreachable")
        if any(isinstance(x, (requests.exceptions.InvalidURL, requests.exceptions.MissingSchema,
                              requests.exceptions.InvalidSchema)) for x in chain):
            return SourceError(f"'{self.location}' is not a valid web address", code="unreachable")
        reason = next((x for x in reversed(chain) if isinstance(x, OSError) and x.strerror), None)
        detail = reason.strerror if reason is not None else type(chain[-1]).__name__
        return SourceError(f"cannot reach {self.host} ({detail}) while fetching {what}. Check the Internet "
                           "connection and try again.", code="unreachable")

    def _auth_for(self, url: str) -> tuple[str, str] | None:
        """The access code goes to the feed's own PC only, not to a server a redirect names."""
        return self._credentials if self._credentials and hostname(url) == hostname(self.base) else None

    def _status_error(self, resp: requests.Response, what: str) -> SourceError:
        status = resp.status_code
        if status == 401:
            given = "the access code given was not accepted" if self._credentials else "no access code was given"
            return SourceError(f"{self.host} asks for an access code for {what} ({given}). Ask the librarian of "
                               "that PC for the code.", code="access_code", status=status, location=self.location)
        if status in (404, 410):
            return SourceError(f"{what} is not on {self.host} (HTTP {status}): the feed there may be incomplete "
                               "or being published", code="not_found", status=status)
        hint = {403: "access is refused",
                429: "it is busy; try again later"}.get(status, "try again later" if status >= 500 else "")
        return SourceError(f"{self.host} answered HTTP {status} {resp.reason or ''}".rstrip() + f" for {what}"
                           + (f": {hint}" if hint else ""), code="http_error", status=status)

    def _watch(self, what: str, cancelled: Callable[[], bool] | None, bucket: TokenBucket | None = None) -> Watch:
        # a bandwidth limit the user set must not make the server look slow
        min_speed = min(self.limits.min_speed, bucket.rate / 2) if bucket else None
        return Watch(what=what, host=self.host, limits=self.limits, cancelled=cancelled, min_speed=min_speed)

    def _get(self, url: str, headers: dict[str, str], what: str, watch: Watch) -> requests.Response:
        """GET ``url`` under ``watch``, following redirects only to allowed hosts."""
        for _hop in range(MAX_REDIRECTS + 1):
            try:
                resp = self._session.get(url, headers=headers, timeout=self.timeout, stream=True,
                                         allow_redirects=False, auth=self._auth_for(url))
            except Stopped:
                watch.check()
                raise
            except requests.RequestException as e:
                watch.check()  # a connection the watch broke: say why it did
                raise self._network_error(e, what) from e
            if not resp.is_redirect:
                return resp
            target = urllib.parse.urljoin(resp.url, resp.headers["Location"])
            resp.close()
            if urllib.parse.urlsplit(target).scheme.lower() not in ("http", "https") \
                    or hostname(target) not in self.allowed_hosts:
                raise self._redirect_refused(target, what)
            url = target
        raise SourceError(f"{self.host} redirects {what} in a loop", code="http_error")

    def _redirect_refused(self, target: str, what: str) -> SourceError:
        other = hostname(target) or target[:100]
        return SourceError(f"{self.host} sends {what} on to another server, {other}. Updates are taken only from "
                           f"the feed's own server; if {other} is right (a mirror of the same publisher), add it to "
                           "the other servers allowed for updates in Settings.", code="redirect_refused")

    def _get_small(self, path: str, headers: dict[str, str], limit: int,
                   cancelled: Callable[[], bool] | None) -> tuple[requests.Response, bytes]:
        """GET a small file whole (the response is closed); a body cut off is fetched again."""
        failures = 0
        while True:
            with self._watch(path, cancelled) as watch, self._get(self.url(path), headers, path, watch) as resp:
                if resp.status_code != 200:
                    return resp, b""
                length = resp.headers.get("Content-Length", "")
                if length.isdigit() and int(length) > limit:
                    raise self._not_a_feed(f"{path} is too large ({int(length):,} bytes)")
                watch.body(int(length) if length.isdigit() else None)
                body = bytearray()
                try:
                    while chunk := resp.raw.read1(READ, decode_content=False):
                        watch.got(len(chunk))
                        body += chunk
                        if len(body) > limit:
                            raise self._not_a_feed(f"{path} is too large (over {limit:,} bytes)")
                    watch.finish()
                    watch.check()  # an end that the watch made is no end
                    return resp, bytes(body)
                except _BODY_ERRORS as e:
                    watch.check()
                    failures += 1
                    if failures > self.retries:
                        raise self._network_error(e, path) from e
            pause(_backoff_time(self.backoff, failures), cancelled, path)

    def _not_a_feed(self, why: str) -> SourceError:
        return SourceError(f"{self.location} does not hold a Kitepkana feed: {why}", code="not_a_feed")

    # --- the interface -------------------------------------------------------------------------------

    def fetch_manifest(self, *, etag: str | None = None, last_modified: str | None = None,
                       cancelled: Callable[[], bool] | None = None) -> ManifestFetch | None:
        headers = {"Cache-Control": "no-cache"}  # a proxy or CDN must ask the server, not answer from its cache
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        resp, manifest = self._get_small(MANIFEST_NAME, headers, MAX_MANIFEST_BYTES, cancelled)
        if resp.status_code == 304:
            return None
        if resp.status_code in (404, 410):
            raise self._not_a_feed(f"there is no {MANIFEST_NAME} (HTTP {resp.status_code})")
        if resp.status_code != 200:
            raise self._status_error(resp, MANIFEST_NAME)
        if not _looks_like_json_object(manifest):
            encoding = resp.headers.get("Content-Encoding", "identity").strip().lower()
            if encoding not in ("", "identity"):
                raise self._not_a_feed(f"the server sent {MANIFEST_NAME} compressed ({encoding[:40]}) although it "
                                       "was asked for it as it is (is the web server set up right?)")
            raise self._not_a_feed(f"{MANIFEST_NAME} is not a feed manifest (a Wi-Fi login page or an error page?)")
        sig_resp, signature = self._get_small(SIGNATURE_NAME, {"Cache-Control": "no-cache"}, MAX_SIGNATURE_BYTES,
                                              cancelled)
        if sig_resp.status_code in (404, 410):
            signature = b""  # unsigned: the client refuses it with SignatureError "unsigned"
        elif sig_resp.status_code != 200:
            raise self._status_error(sig_resp, SIGNATURE_NAME)
        return ManifestFetch(manifest, signature, resp.headers.get("ETag"), resp.headers.get("Last-Modified"))

    def _bucket(self, limit: int | None) -> TokenBucket | None:
        if not limit:
            return None
        return self._buckets.setdefault(limit, TokenBucket(limit))  # shared by this source's downloads

    def fetch_file(self, path: str, dest: Path, *, size: int, sha256: str,
                   progress: Callable[[int, int], None] | None = None, cancelled: Callable[[], bool] | None = None,
                   bandwidth_limit: int | None = None) -> None:
        url = self.url(path)
        bucket = self._bucket(bandwidth_limit)
        chunk_size = min(READ, bucket.chunk_size()) if bucket else READ
        with PartFile(Path(dest), size=size, sha256=sha256, name=path, origin=self.host, progress=progress,
                      cancelled=cancelled, bucket=bucket, reserve=self.reserve) as part:
            failures = 0  # consecutive tries that brought no new byte
            best = part.have  # the most bytes ever held: a server that ignores Range and cuts off makes no progress
            restarted = False
            while not part.complete:
                part.check_cancelled()
                headers = {"Range": f"bytes={part.have}-"} if part.have else {}
                # connect/read errors and 5xx are retried by urllib3
                with self._watch(path, cancelled, bucket) as watch, self._get(url, headers, path, watch) as resp:
                    status = resp.status_code
                    if status == 416:  # the part is not a prefix of the server's file
                        total = _parse_content_range(resp.headers.get("Content-Range"))[2]
                        if total is not None and total != size:
                            raise part.size_mismatch(total)
                        if restarted:
                            raise self._status_error(resp, path)
                        restarted = True
                        part.restart()
                        continue
                    if status not in (200, 206):
                        raise self._status_error(resp, path)
                    if status == 206:
                        start, _end, total = _parse_content_range(resp.headers.get("Content-Range"))
                        if total is not None and total != size:
                            raise part.size_mismatch(total)
                        if start != part.have:  # an answer to another range: start over, simply
                            part.restart()
                            failures += 1
                            if failures > self.retries:
                                raise SourceError(f"{self.host} answers requests for part of {path} wrongly",
                                                  code="http_error", status=206)
                            continue
                    else:
                        length = resp.headers.get("Content-Length", "")
                        if length.isdigit() and int(length) != size:
                            raise part.size_mismatch(int(length))
                        if part.have:  # the server ignored Range and sends everything: start clean
                            part.restart()
                    watch.body(size - part.have)
                    try:
                        # Read the raw stream as it comes: iter_content() would hold back the bytes that came just
                        # before a cut (urllib3 buffers them while it fills a whole chunk), and they would be
                        # fetched again; and the watch could not tell a slow link from a trickle.
                        while chunk := resp.raw.read1(chunk_size, decode_content=False):
                            watch.got(len(chunk))
                            part.write(chunk)
                        error: BaseException | None = None
                    except _BODY_ERRORS as e:  # the connection broke mid-body: continue from what we have
                        error = e
                    if part.complete:
                        watch.finish()
                    else:
                        part.check_cancelled()
                        watch.check()  # too slow, too long: raised now, and the next sync resumes the part
                if part.complete:
                    break
                failures = 0 if part.have > best else failures + 1
                best = max(best, part.have)
                if failures > self.retries:
                    if error is not None:
                        raise self._network_error(error, path) from error
                    raise SourceError(f"{self.host} keeps ending {path} early", code="unreachable")
                part.wait(_backoff_time(self.backoff, max(1, failures)))
            part.finish()


# --- folders (USB drives) ----------------------------------------------------------------------------


def _os_path(path: Path) -> Path:
    """On Windows, a path longer than the classic 260-character limit needs the ``\\\\?\\`` prefix."""
    if os.name == "nt":
        return Path(fsutil.long_path(str(path.absolute())))
    return path


class FolderSource(Source):
    """A feed in a folder: a USB drive, a network share, an export. Files are copied with the same ``.part``,
    verify and rename discipline as downloads, so a drive pulled out mid-copy resumes next time."""

    def __init__(self, folder: str | os.PathLike[str], *, reserve: int = DEFAULT_RESERVE) -> None:
        self.root = Path(folder)
        self.location = str(folder)
        self.reserve = reserve
        self._buckets: dict[int, TokenBucket] = {}

    def _check_root(self) -> None:
        try:
            ok = self.root.is_dir()
        except OSError:
            ok = False
        if not ok:
            raise SourceError(f"the folder {self.location} is not there (is the USB drive plugged in?)",
                              code="unreachable")

    def _read_small(self, name: str, limit: int) -> bytes | None:
        p = _os_path(self.root / name)
        try:
            if not p.is_file():
                return None
            if p.stat().st_size > limit:
                raise SourceError(f"{self.location} does not hold a Kitepkana feed: {name} is too large",
                                  code="not_a_feed")
            return p.read_bytes()
        except OSError as e:
            raise SourceError(f"could not read {name} from {self.location}: {e.strerror or e}",
                              code="read_failed") from e

    def fetch_manifest(self, *, etag: str | None = None, last_modified: str | None = None,
                       cancelled: Callable[[], bool] | None = None) -> ManifestFetch | None:
        pause(0, cancelled, MANIFEST_NAME)  # (two small reads: a cancel is looked at before them)
        self._check_root()
        manifest = self._read_small(MANIFEST_NAME, MAX_MANIFEST_BYTES)
        if manifest is None:
            raise SourceError(f"{self.location} does not hold a Kitepkana feed: there is no {MANIFEST_NAME}",
                              code="not_a_feed")
        signature = self._read_small(SIGNATURE_NAME, MAX_SIGNATURE_BYTES)
        return ManifestFetch(manifest, signature or b"", None, None)

    def fetch_file(self, path: str, dest: Path, *, size: int, sha256: str,
                   progress: Callable[[int, int], None] | None = None, cancelled: Callable[[], bool] | None = None,
                   bandwidth_limit: int | None = None) -> None:
        source = _os_path(resolve(self.root, path))
        bucket = self._buckets.setdefault(bandwidth_limit, TokenBucket(bandwidth_limit)) if bandwidth_limit else None
        with PartFile(Path(dest), size=size, sha256=sha256, name=path, origin=self.location, progress=progress,
                      cancelled=cancelled, bucket=bucket, reserve=self.reserve) as part:
            if not part.complete:
                self._copy(source, path, part, bucket.chunk_size() if bucket else FOLDER_CHUNK)
            part.finish()

    def _copy(self, source: Path, path: str, part: PartFile, chunk_size: int) -> None:
        try:
            actual = source.stat().st_size
        except FileNotFoundError:
            self._check_root()
            raise SourceError(f"{path} is not in {self.location}: the feed there is incomplete",
                              code="not_found") from None
        except OSError as e:
            self._check_root()
            raise SourceError(f"could not read {path} from {self.location}: {e.strerror or e}",
                              code="read_failed") from e
        if actual != part.size:
            raise part.size_mismatch(actual)
        try:
            with open(source, "rb") as f:
                f.seek(part.have)
                while not part.complete:
                    part.check_cancelled()
                    chunk = f.read(chunk_size)
                    if not chunk:
                        break  # shorter than it said a moment ago: finish() reports size_mismatch
                    part.write(chunk)
        except OSError as e:  # DownloadError from writing is not an OSError and passes through
            raise SourceError(f"could not read {path} from {self.location} (was the drive removed?): "
                              f"{e.strerror or e}", code="read_failed") from e
