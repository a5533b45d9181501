"""PCs nearby: each sharing Kitepkana PC announces its reading room on the local network, and others find it.

DNS-SD over multicast DNS (service type ``_kitepkana._tcp``), with the ``zeroconf`` package: the protocol
Bonjour and Avahi speak, so it crosses the same networks they do (Wi-Fi routers pass the multicast group
224.0.0.251:5353 on the local segment), answers from a PC go away with a "goodbye" when it stops sharing and
expire on their own when it is switched off, and nothing listens on a port of our own choosing. A UDP
broadcast of our own would do less (no expiry, no answers to a late browser) for the same firewall rule.

The TXT record says where the feed is (``path=/feed/``), which feed and how new (``feed=<id>``, ``seq=<n>``:
the kept manifest's; a hint only — the update dialog reads ``<url>feed.json`` for the truth, signed) and
whether an access code is asked (``code=1``).

Announcing starts with the reading room (``ReadingRoom(..., announce=True)``: the desktop's "Share on this
network" and ``kitepkana serve``) and ends with it; ``browse()`` is what the update dialog calls.
"""

from __future__ import annotations

import ipaddress
import logging
import socket
import threading
from dataclasses import dataclass, field
from urllib.parse import urlsplit

log = logging.getLogger("kitepkana.web")

SERVICE = "_kitepkana._tcp.local."
FEED_PATH = "/feed/"
_own_names: set[str] = set()  # services this process announces: browse() leaves them out


@dataclass(frozen=True)
class NearbyLibrary:
    name: str  # the sharing PC's name, as its owner sees it (the computer's name)
    url: str  # its feed: ``kitepkana sync URL`` updates from it
    host: str  # an IPv4 address
    port: int
    feed_id: str = ""  # the feed it keeps ("" when it follows none)
    seq: int = -1  # that feed's sequence number as it last synced (-1: unknown)
    access_code: bool = False  # the feed asks for the access code (http://code:CODE@host:port/feed/)
    addresses: tuple[str, ...] = field(default=())  # every address it announced, best first


def _zeroconf(interfaces: list[str] | None):
    from zeroconf import InterfaceChoice, IPVersion, Zeroconf

    return Zeroconf(interfaces=interfaces or InterfaceChoice.All, ip_version=IPVersion.V4Only)


def _interfaces(addresses: list[str]) -> list[str] | None:
    """Loopback only when the reading room is bound there (tests, ``--bind 127.0.0.1``); otherwise every
    network of this PC."""
    if addresses and all(ipaddress.ip_address(a).is_loopback for a in addresses):
        return ["127.0.0.1"]
    return None


class Announcer:
    """The DNS-SD announcement of one reading room; :meth:`start` returns at once (the registration's probes
    take about a second and run in a thread of their own), :meth:`stop` says goodbye."""

    def __init__(self, *, name: str, port: int, addresses: list[str], properties: dict[str, str]) -> None:
        self.port, self.addresses, self.properties = int(port), addresses, properties
        label = "".join(c if c.isalnum() or c in "-_ " else "-" for c in name).strip()[:40] or "Kitepkana"
        self.name = f"{label} ({port}).{SERVICE}"
        self._zc = None
        self._info = None
        self._thread: threading.Thread | None = None

    def start(self) -> Announcer:
        self._thread = threading.Thread(target=self._register, name="nearby-announce", daemon=True)
        self._thread.start()
        return self

    def _register(self) -> None:
        from zeroconf import NonUniqueNameException, ServiceInfo

        try:
            self._zc = _zeroconf(_interfaces(self.addresses))
            self._info = ServiceInfo(SERVICE, self.name, port=self.port, properties=self.properties,
                                     addresses=[socket.inet_aton(a) for a in self.addresses],
                                     server=f"{socket.gethostname().split('.')[0] or 'kitepkana'}.local.")
            _own_names.add(self.name.lower())
            self._zc.register_service(self._info, allow_name_change=True)
            self.name = self._info.name
            _own_names.add(self.name.lower())
        except (OSError, NonUniqueNameException) as e:  # no multicast here (no network, a firewall): no neighbours
            log.warning("could not announce the reading room on the network: %s", e)
            self._close()

    def stop(self, *, wait: bool = False) -> None:
        """Say goodbye (the registration's probes and the goodbye take about a second: in a thread of their own,
        so "Stop sharing" never freezes the window; ``wait`` for the command line, which exits next)."""
        thread = threading.Thread(target=self._goodbye, name="nearby-goodbye", daemon=True)
        thread.start()
        if wait:
            thread.join(10)

    def _goodbye(self) -> None:
        if self._thread is not None:
            self._thread.join(10)
        if self._zc is not None and self._info is not None:
            try:
                self._zc.unregister_service(self._info)
            except Exception as e:  # noqa: BLE001 — stopping must never fail over a goodbye packet
                log.info("reading room announcement: no goodbye: %s", e)
        self._close()

    def _close(self) -> None:
        _own_names.discard(self.name.lower())
        zc, self._zc = self._zc, None
        if zc is not None:
            zc.close()


def announce_room(room) -> Announcer | None:
    """Announce a started :class:`app.web.server.ReadingRoom`; None when zeroconf is missing."""
    try:
        import zeroconf  # noqa: F401
    except ImportError:
        log.warning("zeroconf is not installed: this PC is not announced to other Kitepkana PCs")
        return None
    from app.web.files import feed_summary

    addresses = [urlsplit(u).hostname or "" for u in room.urls()]
    feed = feed_summary(room.library)
    properties = {"path": FEED_PATH, "code": "1" if room.access_code else "0"}
    if feed is not None:
        properties.update(feed=feed[0], seq=str(feed[1]))
    return Announcer(name=socket.gethostname().split(".")[0], port=room.port, addresses=addresses,
                     properties=properties).start()


def browse(timeout: float = 1.5, *, interfaces: list[str] | None = None,
           include_own: bool = False) -> list[NearbyLibrary]:
    """The Kitepkana PCs sharing on this network, found within ``timeout`` seconds, by name. Blocks: call it
    from a worker. This process's own announcement is left out unless ``include_own``. An empty list when
    nothing answered or multicast is unavailable here."""
    try:
        from zeroconf import ServiceBrowser, ServiceListener
    except ImportError:
        return []

    names: list[str] = []
    lock = threading.Lock()

    class Listener(ServiceListener):
        def add_service(self, zc, type_: str, name: str) -> None:
            with lock:
                if name not in names:
                    names.append(name)

        def update_service(self, zc, type_: str, name: str) -> None:
            self.add_service(zc, type_, name)

        def remove_service(self, zc, type_: str, name: str) -> None:
            with lock:
                if name in names:
                    names.remove(name)

    try:
        zc = _zeroconf(interfaces)
    except OSError as e:
        log.warning("cannot look for PCs nearby: %s", e)
        return []
    found: list[NearbyLibrary] = []
    try:
        browser = ServiceBrowser(zc, SERVICE, Listener())
        threading.Event().wait(timeout)
        browser.cancel()
        with lock:
            wanted = [n for n in names if include_own or n.lower() not in _own_names]
        for name in wanted:
            library = _resolve(zc, name)
            if library is not None:
                found.append(library)
    finally:
        zc.close()
    return sorted(found, key=lambda x: x.name.lower())


class Watcher:
    """Keeps finding PCs nearby while it runs, for a list on screen (the update dialog's sources):
    ``on_change(libraries)`` is called, from a thread of its own, with the whole list whenever a PC comes, changes
    or goes. :meth:`start` and :meth:`stop` return at once, so opening the dialog never waits for the network;
    without zeroconf or multicast it simply never calls."""

    def __init__(self, on_change, *, interfaces: list[str] | None = None,
                 include_own: bool = False) -> None:
        self._on_change = on_change
        self._interfaces, self._include_own = interfaces, include_own
        self._found: dict[str, NearbyLibrary] = {}
        self._lock = threading.Lock()
        self._stopped = threading.Event()
        self._zc = None
        self._browser = None

    def start(self) -> Watcher:
        threading.Thread(target=self._run, name="nearby-watch", daemon=True).start()
        return self

    def _run(self) -> None:
        try:
            from zeroconf import ServiceBrowser
        except ImportError:
            return
        try:
            zc = _zeroconf(self._interfaces)
        except OSError as e:
            log.warning("cannot look for PCs nearby: %s", e)
            return
        with self._lock:
            if self._stopped.is_set():
                zc.close()
                return
            self._zc = zc
            self._browser = ServiceBrowser(zc, SERVICE, handlers=[self._changed])

    def _changed(self, zeroconf, service_type: str, name: str, state_change) -> None:
        from zeroconf import ServiceStateChange

        if self._stopped.is_set() or (not self._include_own and name.lower() in _own_names):
            return
        if state_change is ServiceStateChange.Removed:
            library = None
        else:
            library = _resolve(zeroconf, name)  # blocks this browser thread only (zeroconf's own examples do so)
        with self._lock:
            if library is None:
                self._found.pop(name, None)
            else:
                self._found[name] = library
            current = sorted(self._found.values(), key=lambda x: x.name.lower())
        if not self._stopped.is_set():
            self._on_change(current)

    def stop(self) -> None:
        self._stopped.set()
        with self._lock:
            zc, browser, self._zc, self._browser = self._zc, self._browser, None, None

        def close() -> None:
            if browser is not None:
                browser.cancel()
            if zc is not None:
                zc.close()

        threading.Thread(target=close, name="nearby-watch-stop", daemon=True).start()


def _resolve(zc, name: str) -> NearbyLibrary | None:
    from zeroconf import ServiceInfo

    info = ServiceInfo(SERVICE, name)
    if not info.request(zc, 1500):
        return None
    addresses = [a for a in info.parsed_addresses() if ":" not in a]
    if not addresses or not info.port:
        return None
    addresses.sort(key=lambda a: ipaddress.ip_address(a).is_loopback)  # a network address before loopback
    props = {(k or b"").decode("utf-8", "replace"): (v or b"").decode("utf-8", "replace")
             for k, v in (info.properties or {}).items()}
    path = props.get("path", FEED_PATH)
    if not path.startswith("/") or "//" in path or "\\" in path:
        path = FEED_PATH
    seq = props.get("seq", "")
    label = name[: -len(SERVICE) - 1] if name.endswith("." + SERVICE) else name
    return NearbyLibrary(name=label, url=f"http://{addresses[0]}:{info.port}{path}", host=addresses[0],
                         port=info.port, feed_id=props.get("feed", ""), seq=int(seq) if seq.isdigit() else -1,
                         access_code=props.get("code") == "1", addresses=tuple(addresses))
