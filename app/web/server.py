"""The reading room's server: waitress serving ``app.web.site`` from one library, startable and stoppable
in-process (the desktop's "Share on this network", the tests) or run in the foreground (``kitepkana serve``).

waitress because it is a production WSGI server in pure Python that is at home on Windows (no fork, no
C extension), with limits on request headers and bodies of its own.
"""

from __future__ import annotations

import errno
import logging
import os
import secrets
import socket
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Self

from app.errors import KitepkanaError
from app.web.cache import ContentVersion, PageCache
from app.web.limits import Limits, RateLimiter, StreamSlots, Visitors

if TYPE_CHECKING:
    from app.library import Library

log = logging.getLogger("kitepkana.web")


class ServeError(KitepkanaError):
    """The reading room could not start: ``port_in_use``, ``bad_address`` or ``cannot_listen``."""

    code = "serve_failed"

    def __init__(self, message: str, *, code: str) -> None:
        super().__init__(message)
        self.code = code


class ReadingRoom:
    def __init__(self, library: Library, *, host: str = "0.0.0.0", port: int = 8080, access_code: str = "",
                 limits: Limits | None = None, announce: bool = False) -> None:
        """``library`` is an open :class:`app.library.Library`; ``port`` 0 takes any free port; ``announce``:
        tell other Kitepkana PCs on the network about it while it runs (``app/web/nearby.py``)."""
        self.announce = announce
        self._announcer = None
        self.library = library
        self.host, self.requested_port = host, port
        self.access_code = access_code.strip()
        self.limits = limits or Limits()
        self.rate = RateLimiter(self.limits.requests_per_minute, self.limits.burst)
        self.streams = StreamSlots(self.limits.video_streams)
        self.visitors = Visitors()
        self.pages = PageCache(self.limits.page_cache_bytes)
        self.content = ContentVersion(library.paths.database)
        self.self_check_token = secrets.token_hex(8)  # the window's reach check (app/web/reach.py): no visitor
        self._server = None
        self._thread: threading.Thread | None = None
        self._labels: tuple[int, dict[str, dict]] | None = None  # (content version, taxonomy by kind and id)
        self._index_state: str | None = None  # the search index's state file (generation())

    def generation(self) -> tuple[int, int]:
        """What a rendered page depends on besides its address and language: the library's content version, and
        when the search index last changed (it is brought along just after a sync commits, so a search page
        rendered in between must not be kept as the new version's; the index rewrites its state file at the end
        of every update). Read on every page: SQLite's change counter (``cache.ContentVersion``) and one ``stat``."""
        if self._index_state is None:
            from app.search.index import STATE_FILE

            self._index_state = os.fspath(self.library.paths.index / STATE_FILE)
        try:
            indexed = os.stat(self._index_state).st_mtime_ns
        except OSError:
            indexed = -1
        return self.content.get(), indexed

    def labels(self, version: int | None = None) -> dict[str, dict]:
        """Topics, regions and target groups by id, read again only when the library's content changed (a sync
        while sharing): every search page names its facet values with them."""
        version = self.library.content_version() if version is None else version
        cached = self._labels
        if cached is None or cached[0] != version:
            taxonomy = self.library.taxonomy()
            cached = self._labels = (version, {kind: {label.id: label for label in labels}
                                               for kind, labels in taxonomy.items()})
        return cached[1]

    # --- the WSGI application and the socket ------------------------------------------------------

    def _make_server(self):
        from waitress import create_server

        from app.web.site import create_app

        app = create_app(self)
        try:
            return create_server(app, host=self.host, port=self.requested_port, threads=self.limits.threads,
                                 ident="Kitepkana", max_request_header_size=16_384,
                                 max_request_body_size=self.limits.max_body, channel_timeout=60,
                                 connection_limit=200, clear_untrusted_proxy_headers=True,
                                 # a worker thread keeps its stream slot until all but this much of the file is
                                 # handed to the socket: the slots then count the videos really being sent
                                 outbuf_high_watermark=1_048_576)
        except OSError as e:
            if e.errno in (errno.EADDRINUSE, getattr(errno, "WSAEADDRINUSE", -1)):
                raise ServeError(f"port {self.requested_port} is already used by another program: choose another "
                                 "port, or stop the other program", code="port_in_use") from e
            if isinstance(e, socket.gaierror) or e.errno == errno.EADDRNOTAVAIL:
                raise ServeError(f"this PC has no address {self.host}", code="bad_address") from e
            raise ServeError(f"cannot listen on {self.host}:{self.requested_port}: {e}", code="cannot_listen") from e

    @property
    def port(self) -> int:
        return int(self._server.effective_port) if self._server is not None else self.requested_port

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def urls(self) -> list[str]:
        """Addresses to give visitors: this PC's network addresses (not loopback when others exist)."""
        if self.host not in ("0.0.0.0", "::", ""):
            return [f"http://{self.host}:{self.port}/"]
        found = []
        try:
            for info in socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET):
                address = info[4][0]
                if not address.startswith("127.") and address not in found:
                    found.append(address)
        except OSError:
            pass
        try:  # the address of the route out (no packet is sent for a UDP "connect")
            with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
                s.connect(("10.255.255.255", 1))
                address = s.getsockname()[0]
                if not address.startswith("127.") and address not in found:
                    found.insert(0, address)
        except OSError:
            pass
        return [f"http://{a}:{self.port}/" for a in found] or [f"http://127.0.0.1:{self.port}/"]

    # --- running ----------------------------------------------------------------------------------

    def start(self) -> ReadingRoom:
        """Listen now (errors raise here, as ``ServeError``) and answer in a background thread."""
        if self.running:
            return self
        self._server = self._make_server()
        self._thread = threading.Thread(target=self._run, args=(self._server,), name="reading-room", daemon=True)
        self._thread.start()
        log.info("reading room on %s", ", ".join(self.urls()))
        self._announce()
        return self

    def _announce(self) -> None:
        if self.announce and self._announcer is None:
            from app.web.nearby import announce_room

            self._announcer = announce_room(self)

    @staticmethod
    def _run(server) -> None:
        try:
            server.run()
        except (OSError, ValueError) as e:  # its sockets closed under it while stopping: it has stopped
            log.info("reading room loop ended: %s", e)

    def serve_forever(self, *, ready: Callable[[], None] | None = None) -> None:
        """Listen and answer in this thread until interrupted (``kitepkana serve``); ``ready`` is called once the
        port is open (``urls()`` then has the real port, also for port 0)."""
        self._server = self._make_server()
        if ready is not None:
            ready()
        self._announce()
        try:
            self._server.run()
        finally:
            self._server.task_dispatcher.shutdown()
            self._stop_announcing(wait=True)
            self.content.close()

    def _stop_announcing(self, *, wait: bool = False) -> None:
        announcer, self._announcer = self._announcer, None
        if announcer is not None:
            announcer.stop(wait=wait)

    def stop(self, *, timeout: float = 5.0) -> None:
        """Stop listening and close every connection; returns when the port is free."""
        server, thread = self._server, self._thread
        self._stop_announcing()
        if server is None:
            return
        from waitress import wasyncore

        # closed from inside the loop's own thread (a trigger runs there): the loop ends when its map is empty
        try:
            server.trigger.pull_trigger(lambda: wasyncore.close_all(server._map))
        except OSError:  # the trigger's pipe is already gone (seen once in the whole test run): close from here
            wasyncore.close_all(server._map, ignore_all=True)
        if thread is not None:
            thread.join(timeout)
        server.task_dispatcher.shutdown(timeout=timeout)
        self._server = self._thread = None
        self.content.close()

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @staticmethod
    def log_error(error: BaseException) -> None:
        log.error("reading room page failed", exc_info=getattr(error, "original_exception", None) or error)
