"""PCs nearby, for real on loopback: a sharing reading room announces itself over multicast DNS (zeroconf) and
``browse()`` finds it with the address of its feed; stopped, it says goodbye and is no longer found."""

from __future__ import annotations

import socket
import time

import pytest

pytest.importorskip("zeroconf", reason="zeroconf is not installed (pip install -e .)")

from app.web import nearby
from tests.smallfeed import small_feed, synced, synced_template  # noqa: F401 — fixtures
from tests.sync.conftest import keys  # noqa: F401 — fixture


def _multicast_on_loopback() -> str | None:
    """Why multicast cannot work here, or None: loopback must take a membership of mDNS's group."""
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
            s.setsockopt(socket.IPPROTO_IP, socket.IP_ADD_MEMBERSHIP,
                         socket.inet_aton("224.0.0.251") + socket.inet_aton("127.0.0.1"))
    except OSError as e:
        return f"no multicast on loopback in this sandbox: {e}"
    return None


def _find(name_part: str, *, present: bool, seconds: float = 12) -> list:
    deadline = time.monotonic() + seconds
    while True:
        found = [x for x in nearby.browse(1.5, interfaces=["127.0.0.1"], include_own=True) if name_part in x.name]
        if bool(found) == present or time.monotonic() > deadline:
            return found
        time.sleep(0.2)


def test_a_sharing_pc_is_found_with_its_feed_and_gone_when_it_stops(synced, serve) -> None:  # noqa: F811
    why = _multicast_on_loopback()
    if why:
        pytest.skip(why)
    web = serve(synced, announce=True, access_code="4521")
    port = web.room.port
    found = _find(f"({port})", present=True)
    assert found, "the announcement was not found on loopback"
    pc = found[0]
    assert (pc.host, pc.port) == ("127.0.0.1", port)
    assert pc.url == f"http://127.0.0.1:{port}/feed/"
    assert pc.feed_id == "small-feed" and pc.seq >= 1 and pc.access_code
    assert web.get("/feed/feed.json", auth=("code", "4521")).status_code == 200  # the url is the real feed
    assert not [x for x in nearby.browse(1.0, interfaces=["127.0.0.1"]) if f"({port})" in x.name]  # own: left out
    web.room.stop()
    assert not _find(f"({port})", present=False), "still announced after the reading room stopped"


def test_browse_answers_an_empty_list_when_nobody_shares() -> None:
    started = time.monotonic()
    assert [x for x in nearby.browse(0.5, interfaces=["127.0.0.1"]) if x.name.startswith("nobody")] == []
    assert time.monotonic() - started < 5
