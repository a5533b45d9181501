"""A real HTTP server on loopback for sync tests: serves a folder the way a static web server or CDN serves a
feed, and misbehaves on request the way real networks do.

What it does right: GET and HEAD, HTTP/1.1 keep-alive, single ``Range`` requests (206 with
``Content-Range``, 416 ``bytes */size`` when unsatisfiable), ``ETag`` and ``Last-Modified`` with 304 for
``If-None-Match`` / ``If-Modified-Since``. Dot-files (a publisher's ``.tmp-*``) and folders are 404.

Faults, per URL path (``"/blobs/ab/ab…"``; ``None`` = every path), each for its first ``times`` matching
requests (``None`` = always)::

    server.fail("/feed.json", status=503, times=2, retry_after=1)   # answer an error
    server.drop_after(path, 300_000)          # send the headers and 300 kB of the body, then hang up
    server.stall_after(path, 0, seconds=2)    # send headers and N bytes, then go silent, then hang up
    server.delay(path, seconds=2)             # wait before answering at all
    server.throttle(path, rate=100_000)       # send the body at ~100 kB/s
    server.truncate(path, 1000)               # serve only the first 1000 bytes (as if the file were that long)
    server.garble(path, offset=10, length=16) # flip bytes in flight (same length)
    server.ignore_range(path)                 # answer Range requests with 200 and the whole file
    server.trickle(path, nbytes=1, every=1)   # send the body one byte a second (each byte resets a read timeout)
    server.hang(path)                         # take the request and never answer (until the server stops)
    server.redirect(path, to=url)             # answer 302 with Location: url (e.g. server.url_as("localhost"))
    server.encode(path)                       # answer gzip-compressed with Content-Encoding: gzip, whatever the
                                              # client accepts; compress=False: the file's bytes as they are

Every request is logged (:class:`Logged`: method, path, headers, status, body bytes sent); ``server.log``
waits for requests still being answered, so a test can assert right after the client returns.

Bounded: port 0 on 127.0.0.1 only, daemon threads, idle keep-alive connections time out, every sleep
stops when the server stops, and :meth:`TestServer.stop` (called by the fixture) returns promptly.
"""

from __future__ import annotations

import email.utils
import gzip
import re
import socket
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Self

CHUNK = 64 * 1024


@dataclass
class Logged:
    method: str
    path: str
    headers: dict[str, str]
    status: int | None = None
    sent: int = 0  # body bytes written to the socket
    fault: str | None = None  # the fault applied, if any

    @property
    def range(self) -> str | None:
        return self.headers.get("range")


@dataclass
class _Rule:
    kind: str
    path: str | None
    times: int | None
    params: dict = field(default_factory=dict)
    used: int = 0


class TestServer:
    """Serves ``root`` on ``http://127.0.0.1:<port>/``; faults and the request log are its public face."""

    __test__ = False  # not a test class, whatever pytest thinks of the name

    def __init__(self, root: Path, *, idle_timeout: float = 5.0) -> None:
        self.root = Path(root).resolve()
        self.idle_timeout = idle_timeout
        self._rules: list[_Rule] = []
        self._log: list[Logged] = []
        self._lock = threading.Lock()
        self._idle = threading.Condition(self._lock)
        self._active = 0
        self.stopping = threading.Event()
        self._httpd: _Server | None = None
        self._thread: threading.Thread | None = None

    # --- life ----------------------------------------------------------------------------------------

    def start(self) -> TestServer:
        self._httpd = _Server(("127.0.0.1", 0), _Handler)
        self._httpd.ctl = self
        self._thread = threading.Thread(target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05},
                                        name=f"test-http-{self.port}", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self.stopping.set()
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
            self._thread.join(timeout=5)
            self._httpd = None

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    @property
    def port(self) -> int:
        return self._httpd.server_address[1]

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def url_for(self, rel: str) -> str:
        return self.url + urllib.parse.quote(rel.lstrip("/"))

    def url_as(self, host: str, rel: str = "") -> str:
        """This server under another host name (``localhost`` reaches 127.0.0.1 too): another host to a client."""
        return f"http://{host}:{self.port}/" + urllib.parse.quote(rel.lstrip("/"))

    # --- faults --------------------------------------------------------------------------------------

    def _add(self, kind: str, path: str | None, times: int | None, **params: object) -> None:
        if path is not None and not path.startswith("/"):
            path = "/" + path
        with self._lock:
            self._rules.append(_Rule(kind, path, times, params))

    def fail(self, path: str | None = None, *, status: int = 500, times: int | None = 1,
             retry_after: float | None = None) -> None:
        self._add("fail", path, times, status=status, retry_after=retry_after)

    def drop_after(self, path: str | None, nbytes: int, *, times: int | None = 1) -> None:
        self._add("drop", path, times, nbytes=nbytes)

    def stall_after(self, path: str | None, nbytes: int = 0, *, seconds: float, times: int | None = 1) -> None:
        self._add("stall", path, times, nbytes=nbytes, seconds=seconds)

    def delay(self, path: str | None = None, *, seconds: float, times: int | None = None) -> None:
        self._add("delay", path, times, seconds=seconds)

    def throttle(self, path: str | None = None, *, rate: int, times: int | None = None) -> None:
        self._add("throttle", path, times, rate=rate)

    def truncate(self, path: str | None, nbytes: int, *, times: int | None = None) -> None:
        self._add("truncate", path, times, nbytes=nbytes)

    def garble(self, path: str | None, *, offset: int = 0, length: int = 16, times: int | None = None) -> None:
        self._add("garble", path, times, offset=offset, length=length)

    def ignore_range(self, path: str | None = None, *, times: int | None = None) -> None:
        self._add("ignore_range", path, times)

    def trickle(self, path: str | None = None, *, nbytes: int = 1, every: float = 1.0,
                times: int | None = None) -> None:
        self._add("trickle", path, times, nbytes=nbytes, every=every)

    def hang(self, path: str | None = None, *, times: int | None = None) -> None:
        self._add("delay", path, times, seconds=3600.0)

    def redirect(self, path: str | None, *, to: str, status: int = 302, times: int | None = None) -> None:
        self._add("redirect", path, times, to=to, status=status)

    def encode(self, path: str | None = None, *, compress: bool = True, times: int | None = None) -> None:
        self._add("encode", path, times, compress=compress)

    def clear_faults(self) -> None:
        with self._lock:
            self._rules.clear()

    def _take(self, kind: str, path: str) -> dict | None:
        """The parameters of the first live rule of ``kind`` for ``path``, counting the use."""
        with self._lock:
            for rule in self._rules:
                if rule.kind == kind and rule.path in (None, path) and (rule.times is None or rule.used < rule.times):
                    rule.used += 1
                    return rule.params
        return None

    # --- the log -------------------------------------------------------------------------------------

    def _begin(self, method: str, path: str, headers: dict[str, str]) -> Logged:
        entry = Logged(method, path, {k.lower(): v for k, v in headers.items()})
        with self._lock:
            self._active += 1
            self._log.append(entry)
        return entry

    def _end(self) -> None:
        with self._lock:
            self._active -= 1
            self._idle.notify_all()

    def wait_idle(self, timeout: float = 3.0) -> bool:
        with self._idle:
            return self._idle.wait_for(lambda: self._active == 0, timeout=timeout)

    @property
    def log(self) -> list[Logged]:
        self.wait_idle()
        with self._lock:
            return list(self._log)

    def requests_for(self, path: str) -> list[Logged]:
        path = path if path.startswith("/") else "/" + path
        return [e for e in self.log if e.path == path]

    def clear_log(self) -> None:
        self.wait_idle()
        with self._lock:
            self._log.clear()

    def sleep(self, seconds: float) -> bool:
        """Sleep unless the server stops first; True if it slept the whole time."""
        return not self.stopping.wait(seconds)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False  # stop() must not wait for a handler sleeping in a fault
    ctl: TestServer

    def handle_error(self, request: object, client_address: object) -> None:
        import sys

        if not isinstance(sys.exc_info()[1], (ConnectionError, TimeoutError, OSError)):
            super().handle_error(request, client_address)  # a bug in the server: show it


def _http_date(ts: float) -> str:
    return email.utils.formatdate(ts, usegmt=True)


def _parse_range(value: str, size: int) -> tuple[int, int] | str | None:
    """A single byte range → (first, last); "unsatisfiable"; or None to ignore the header (as RFC 9110 allows
    for syntax we do not support, e.g. several ranges)."""
    m = re.fullmatch(r"\s*bytes\s*=\s*(\d*)\s*-\s*(\d*)\s*", value)
    if not m or (not m.group(1) and not m.group(2)):
        return None
    first, last = m.groups()
    if first == "":  # the last N bytes
        n = int(last)
        if n == 0:
            return "unsatisfiable"
        return max(0, size - n), size - 1
    start = int(first)
    end = min(int(last), size - 1) if last else size - 1
    if start >= size:
        return "unsatisfiable"
    if end < start:
        return None
    return start, end


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server

    def setup(self) -> None:
        self.timeout = self.server.ctl.idle_timeout  # idle keep-alive connections end by themselves
        super().setup()

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        self._serve(head=False)

    def do_HEAD(self) -> None:
        self._serve(head=True)

    # --- answering -----------------------------------------------------------------------------------

    def _serve(self, *, head: bool) -> None:
        ctl = self.server.ctl
        path = urllib.parse.unquote(urllib.parse.urlsplit(self.path).path)
        entry = ctl._begin(self.command, path, dict(self.headers))
        try:
            self._respond(ctl, entry, path, head)
        except OSError:  # the client went away
            self.close_connection = True
        finally:
            ctl._end()

    def _simple(self, entry: Logged, status: int, *, headers: dict[str, str] | None = None, body: bytes = b"",
                head: bool = False) -> None:
        entry.status = status
        self.send_response(status)
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        if status != 304:
            self.send_header("Content-Type", "text/plain; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if body and not head:
            self.wfile.write(body)
            entry.sent += len(body)

    def _file(self, ctl: TestServer, path: str) -> Path | None:
        parts = [p for p in path.split("/") if p]
        if any(p.startswith(".") for p in parts):
            return None
        target = ctl.root.joinpath(*parts).resolve() if parts else ctl.root
        if target != ctl.root and ctl.root not in target.parents:
            return None
        return target if target.is_file() else None

    def _respond(self, ctl: TestServer, entry: Logged, path: str, head: bool) -> None:
        if (p := ctl._take("delay", path)) is not None:
            entry.fault = "delay"
            if not ctl.sleep(p["seconds"]):
                self.close_connection = True
                return
        if (p := ctl._take("redirect", path)) is not None:
            entry.fault = "redirect"
            self._simple(entry, p["status"], headers={"Location": p["to"]}, body=b"moved\n", head=head)
            return
        if (p := ctl._take("fail", path)) is not None:
            entry.fault = "fail"
            extra = {"Retry-After": f"{p['retry_after']:g}"} if p["retry_after"] is not None else {}
            self._simple(entry, p["status"], headers=extra, body=f"injected fault {p['status']}\n".encode(),
                         head=head)
            return
        file = self._file(ctl, path)
        if file is None:
            self._simple(entry, 404, body=b"not found\n", head=head)
            return
        st = file.stat()
        size = st.st_size
        if (p := ctl._take("truncate", path)) is not None:
            entry.fault = "truncate"
            size = min(size, p["nbytes"])
        etag = f'"{st.st_mtime_ns:x}-{size:x}"'
        validators = {"ETag": etag, "Last-Modified": _http_date(st.st_mtime), "Accept-Ranges": "bytes"}
        if (p := ctl._take("encode", path)) is not None:  # like a server that compresses whatever it is asked
            entry.fault = "encode"
            data = file.read_bytes()[:size]
            body = gzip.compress(data, mtime=0) if p["compress"] else data
            entry.status = 200
            self.send_response(200)
            for k, v in {**validators, "Content-Encoding": "gzip", "Content-Type": "application/octet-stream",
                         "Content-Length": str(len(body))}.items():
                self.send_header(k, v)
            self.end_headers()
            if not head:
                self.wfile.write(body)
                entry.sent += len(body)
            return

        inm = self.headers.get("If-None-Match")
        ims = self.headers.get("If-Modified-Since")
        if inm is not None:
            tags = [t.strip().removeprefix("W/") for t in inm.split(",")]
            if "*" in tags or etag in tags:
                self._simple(entry, 304, headers=validators)
                return
        elif ims is not None:
            try:
                since = email.utils.parsedate_to_datetime(ims).timestamp()
            except (TypeError, ValueError):
                since = None
            if since is not None and int(st.st_mtime) <= since:
                self._simple(entry, 304, headers=validators)
                return

        first, last, status = 0, size - 1, 200
        range_header = self.headers.get("Range")
        if range_header is not None:
            if ctl._take("ignore_range", path) is not None:
                entry.fault = "ignore_range"
            else:
                r = _parse_range(range_header, size)
                if r == "unsatisfiable":
                    self._simple(entry, 416, headers={**validators, "Content-Range": f"bytes */{size}"}, head=head)
                    return
                if r is not None:
                    first, last = r
                    status = 206

        length = max(0, last - first + 1)
        entry.status = status
        self.send_response(status)
        self.send_header("Content-Type", "application/octet-stream")
        self.send_header("Content-Length", str(length))
        if status == 206:
            self.send_header("Content-Range", f"bytes {first}-{last}/{size}")
        for k, v in validators.items():
            self.send_header(k, v)
        self.end_headers()
        if head or length == 0:
            return
        self._body(ctl, entry, path, file, first, length)

    def _body(self, ctl: TestServer, entry: Logged, path: str, file: Path, first: int, length: int) -> None:
        drop = ctl._take("drop", path)
        stall = ctl._take("stall", path)
        throttle = ctl._take("throttle", path)
        garble = ctl._take("garble", path)
        trickle = ctl._take("trickle", path)
        entry.fault = next((k for k, v in (("drop", drop), ("stall", stall), ("throttle", throttle),
                                           ("garble", garble), ("trickle", trickle)) if v is not None), entry.fault)
        limit = drop["nbytes"] if drop else length
        stall_at = stall["nbytes"] if stall else None
        rate = throttle["rate"] if throttle else None
        chunk_size = CHUNK if rate is None else max(256, min(CHUNK, rate // 20))
        if trickle:
            chunk_size = trickle["nbytes"]
        due = time.monotonic()
        with open(file, "rb") as f:
            f.seek(first)
            offset = first  # position in the file of the next byte
            while entry.sent < min(length, limit):
                if ctl.stopping.is_set():
                    break
                n = min(chunk_size, length - entry.sent, limit - entry.sent)
                if stall_at is not None and entry.sent <= stall_at < entry.sent + n:
                    n = stall_at - entry.sent
                    if n == 0:
                        ctl.sleep(stall["seconds"])
                        break  # then hang up: the client has given up long ago, or will see the cut
                data = f.read(n)
                if not data:
                    break
                if garble:
                    g0, g1 = garble["offset"], garble["offset"] + garble["length"]
                    lo, hi = max(g0, offset), min(g1, offset + len(data))
                    if lo < hi:
                        buf = bytearray(data)
                        for i in range(lo - offset, hi - offset):
                            buf[i] ^= 0x55
                        data = bytes(buf)
                self.wfile.write(data)
                entry.sent += len(data)
                offset += len(data)
                if trickle:
                    self.wfile.flush()
                    if not ctl.sleep(trickle["every"]):
                        break
                if rate is not None:
                    # like a real link: never faster than `rate`, and no burst to catch up after a hiccup
                    now = time.monotonic()
                    due = max(due, now - 0.01) + len(data) / rate
                    if due > now and not ctl.sleep(due - now):
                        break
        if entry.sent < length:  # cut off: hang up so the client sees a short body, not a stuck one
            self.close_connection = True
            try:
                self.wfile.flush()
                self.connection.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass


def make_file(path: Path, size: int, *, seed: int = 0) -> bytes:
    """Write ``size`` pseudo-random bytes (cheap, deterministic, incompressible enough) and return them."""
    import random

    data = random.Random(seed).randbytes(size)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return data


__all__ = ["Logged", "TestServer", "make_file"]
