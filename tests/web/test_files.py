"""Files of the reading room over HTTP: Range on a video, path tricks that must never reach a file, the access
code, the limits, and /feed/ synced by a second library with the portal's signature checked."""

# ruff: noqa: F811 — pytest fixtures imported from tests/sync/conftest.py and tests/smallfeed.py are parameters here
from __future__ import annotations

import http.client
import sys
import threading
import time

import pytest

from app.cli import main
from app.library import Library
from app.web.limits import Limits
from sync.client import SyncOptions, run_sync
from sync.errors import SignatureError
from tests.smallfeed import small_feed, synced, synced_template  # noqa: F401 — fixtures
from tests.sync.conftest import keys  # noqa: F401 — a fixture

LESSON = "lesson-elibrary-ky"


def _video(library: Library):
    return next(f for f in library.get_item(LESSON).files if f.role == "video")


def test_range_on_a_video_gives_206_and_the_right_bytes(web, sample_library) -> None:
    video = _video(sample_library)
    data = sample_library.media_path(video.sha256).read_bytes()
    r = web.get(f"/media/{video.sha256}", headers={"Range": "bytes=1000-1999"})
    assert r.status_code == 206
    assert r.headers["Content-Range"] == f"bytes 1000-1999/{len(data)}"
    assert r.content == data[1000:2000]
    assert r.headers["Content-Type"] == "video/mp4" and r.headers["Accept-Ranges"] == "bytes"
    tail = web.get(f"/media/{video.sha256}", headers={"Range": "bytes=-100"})
    assert tail.status_code == 206 and tail.content == data[-100:]
    whole = web.get(f"/media/{video.sha256}")
    assert whole.status_code == 200 and whole.content == data
    beyond = web.get(f"/media/{video.sha256}", headers={"Range": f"bytes={len(data) + 10}-"})
    assert beyond.status_code == 416


def test_a_file_that_could_run_as_a_page_is_only_ever_a_download(web, sample_library) -> None:
    from app.web.files import INLINE

    for mime in ("text/html", "image/svg+xml", "application/xhtml+xml", "application/javascript", "text/plain"):
        assert INLINE.fullmatch(mime) is None, mime
    video = _video(sample_library)
    r = web.get(f"/item/{LESSON}/file/{video.sha256}")
    assert r.headers["Content-Type"] == "application/octet-stream"
    assert r.headers["Content-Disposition"].startswith("attachment")
    assert r.headers["X-Content-Type-Options"] == "nosniff"


TRICKS = ["/../../../../etc/passwd", "/media/..%2f..%2f..%2fetc%2fpasswd", "/media/%2e%2e/%2e%2e/canary.txt",
          "/static/..%2fsite.py", "/static/../site.py", "/static/%2e%2e%2fserver.py", "/feed/..%2f..%2fsettings.json",
          "/feed/../canary.txt", "/feed/blobs/../../canary.txt", "//etc/passwd", "/C:/Windows/win.ini",
          "/media/C:%5cWindows%5cwin.ini", "/item/..%5c..%5ccanary.txt", "/item/%2fetc%2fpasswd",
          "/media/%2fetc%2fpasswd", "/{data}/canary.txt", "/media/{data}%2fcanary.txt", "/static/{data}/canary.txt",
          "/feed/{data}/canary.txt", "/item/x/file/..%2f..%2fcanary.txt", "/lang/en?next=/../canary.txt"]


def test_path_tricks_never_reach_a_file(web, sample_library) -> None:
    data = sample_library.paths.data
    (data / "canary.txt").write_text("CANARY", encoding="utf-8")
    opened: list[str] = []
    me = threading.get_ident()
    recording = True

    def watch(event: str, args: tuple) -> None:
        if recording and event == "open" and threading.get_ident() != me and isinstance(args[0], (str, bytes)):
            opened.append(str(args[0]))  # a file opened by the server's threads

    sys.addaudithook(watch)  # (cannot be removed: it stops recording at the end of the test)
    for trick in TRICKS:
        path = trick.format(data=str(data).lstrip("/"))
        conn = http.client.HTTPConnection("127.0.0.1", web.room.port, timeout=10)
        conn.request("GET", path)  # sent as written: no client normalises it
        r = conn.getresponse()
        body = r.read()
        conn.close()
        assert r.status in (303, 400, 404), (path, r.status)
        assert b"CANARY" not in body and b"root:" not in body, path
    video = _video(sample_library)
    assert web.get(f"/media/{video.sha256}", headers={"Range": "bytes=0-9"}).status_code == 206
    recording = False
    assert str(sample_library.media_path(video.sha256)) in opened  # the hook sees what the server opens
    media = str(sample_library.paths.media)
    suspicious = [p for p in opened if any(word in p for word in ("canary", "passwd", "win.ini", "server.py", "site.py"))
                  or (p.startswith(str(data)) and not p.startswith(media))]
    assert not suspicious


def test_overlong_addresses_are_refused(web) -> None:
    r = web.get("/search?q=" + "a" * 5000)
    assert r.status_code in (414, 431)
    r = web.get("/item/" + "a" * 3000)
    assert r.status_code in (404, 414)


def test_the_access_code(sample_library, serve) -> None:
    web = serve(sample_library, access_code="4521")
    video = _video(sample_library)
    for path in ("/", f"/item/{LESSON}", f"/media/{video.sha256}", "/search?q=суу"):
        r = web.get(path, headers={"Accept-Language": "ru"})
        assert r.status_code == 303 and r.headers["Location"].startswith("/code?next="), path
    assert web.get("/static/style.css").status_code == 200  # the code page needs its style
    form = web.get("/code?next=/lessons", headers={"Accept-Language": "ru"})
    assert "Код доступа" in form.text and 'type="password"' in form.text
    wrong = web.post("/code", data={"code": "1111", "next": "/lessons"}, headers={"Accept-Language": "ru"})
    assert wrong.status_code == 403 and "Код неверный" in wrong.text
    assert web.get("/").status_code == 303
    right = web.post("/code", data={"code": "4521", "next": "/lessons"})
    assert right.status_code == 303 and right.headers["Location"] == "/lessons"
    assert web.get("/lessons").status_code == 200
    assert web.get(f"/media/{video.sha256}", headers={"Range": "bytes=0-9"}).status_code == 206
    # trying every code is stopped: ten wrong ones, then "too many requests"
    codes = [web.post("/code", data={"code": f"{n:04d}"}).status_code for n in range(12)]
    assert codes[:9] == [403] * 9 and codes[-1] == 429
    # another PC's sync gives the code as a password (http://code:CODE@PC:8080/feed/)
    other = serve(sample_library, access_code="4521")
    assert other.get("/feed/feed.json").status_code == 401
    assert other.get("/feed/feed.json", auth=("kitepkana", "1111")).status_code == 401
    assert other.get("/feed/feed.json", auth=("kitepkana", "4521")).status_code == 404  # (no feed here)


def test_requests_per_client_are_limited(sample_library, serve) -> None:
    web = serve(sample_library, limits=Limits(requests_per_minute=60, burst=5))
    codes = [web.get("/static/style.css").status_code for _ in range(8)]
    assert codes[:5] == [200] * 5 and codes[-1] == 429
    r = web.get("/", headers={"Accept-Language": "en"})
    assert r.status_code == 429 and r.headers["Retry-After"] and "Too many requests" in r.text


def test_concurrent_video_streams_are_limited(sample_library, serve) -> None:
    web = serve(sample_library, limits=Limits(requests_per_minute=0, video_streams=1))
    video = _video(sample_library)
    assert web.room.streams.take()  # one video is being sent now
    r = web.get(f"/media/{video.sha256}", headers={"Accept-Language": "en"})
    assert r.status_code == 503 and "Too many people are watching" in r.text
    web.room.streams.give_back()
    assert web.get(f"/media/{video.sha256}").status_code == 200
    deadline = time.monotonic() + 3
    while web.room.streams.busy and time.monotonic() < deadline:  # (given back just after the last byte)
        time.sleep(0.02)
    assert web.room.streams.busy == 0  # the slot came back when the response was done


def test_a_big_request_body_is_refused(web) -> None:
    r = web.post("/code", data={"code": "x" * 100_000})
    assert r.status_code in (400, 413)


def test_another_library_syncs_from_the_feed_with_the_signature_checked(synced, serve, keys, tmp_path) -> None:
    web = serve(synced)
    url = web.base + "/feed/"
    kept = synced.paths.data / "feeds" / "small-feed"
    assert web.get("/feed/feed.json").content == (kept / "feed.json").read_bytes()  # the portal's, unchanged
    assert web.get("/feed/feed.json.sig").content == (kept / "feed.json.sig").read_bytes()
    with Library.open(tmp_path / "stranger") as stranger:  # trusts only the real portal's key: refused
        with pytest.raises(SignatureError):
            run_sync(stranger, url, SyncOptions(accept_new_feed=True))
        assert stranger.is_empty()
    with Library.open(tmp_path / "second") as second:
        report = run_sync(second, url, SyncOptions(extra_keys=(keys.public,), accept_new_feed=True))
        assert report.status != "unchanged"
        assert sorted(i.id for i in second.list_items()) == sorted(i.id for i in synced.list_items())
        pdf = next(f for f in second.get_item("doc-water-toolkit-ru").files if f.mime == "application/pdf")
        assert second.media.verify(pdf.sha256) is None
        assert second.media_path(pdf.sha256).read_bytes() == synced.media_path(pdf.sha256).read_bytes()
    # the command line, as a librarian types it on the other PC
    assert main(["--data-dir", str(tmp_path / "third"), "sync", url, "--trust", str(keys.public),
                 "--accept-new-feed"]) == 0
    with Library.open(tmp_path / "third") as third:
        assert len(third.list_items()) == len(synced.list_items())


def test_feed_blobs_have_ranges_and_unlisted_paths_are_404(synced, serve) -> None:
    web = serve(synced)
    pdf = next(f for f in synced.get_item("doc-water-toolkit-ru").files if f.mime == "application/pdf")
    data = synced.media_path(pdf.sha256).read_bytes()
    r = web.get(f"/feed/blobs/{pdf.sha256[:2]}/{pdf.sha256}", headers={"Range": "bytes=10-19"})
    assert r.status_code == 206 and r.content == data[10:20]
    for bad in (f"/feed/blobs/00/{pdf.sha256}", "/feed/segments/99999999-99999999.jsonl.gz", "/feed/state.json",
                "/feed/blobs/" + pdf.sha256):
        assert web.get(bad).status_code == 404, bad


def test_another_pc_syncs_with_the_access_code_and_never_keeps_it(synced, serve, keys, tmp_path, caplog) -> None:
    from app.syncstore import SyncStore
    from sync.errors import SourceError
    from sync.httpwatch import split_credentials, with_access_code

    web = serve(synced, access_code="45 21")
    url = web.base + "/feed/"
    options = SyncOptions(extra_keys=(keys.public,), accept_new_feed=True)
    with Library.open(tmp_path / "second") as second:
        for given, why in ((url, "no access code was given"),
                           (with_access_code(url, "1111"), "the access code given was not accepted")):
            with pytest.raises(SourceError) as refused:
                run_sync(second, given, options)
            assert refused.value.code == "access_code" and why in str(refused.value)
            assert "1111" not in str(refused.value)
        assert second.is_empty()
        caplog.set_level("DEBUG")
        report = run_sync(second, with_access_code(url, "45 21"), options)
        assert report.status != "unchanged"
        assert sorted(i.id for i in second.list_items()) == sorted(i.id for i in synced.list_items())
        runs = SyncStore(second).last_runs()
        assert runs and all(r["location"] == url for r in runs)  # kept without the code
        database = (second.paths.data / "library.sqlite").read_bytes()
    assert b"45%2021" not in database and b"45 21" not in database
    assert "45%2021" not in caplog.text and "45 21" not in caplog.text
    # the address a librarian types on the other PC, and the parts a redirect must not carry on
    assert with_access_code(url, "45 21") == url.replace("http://", "http://code:45%2021@")
    assert split_credentials(with_access_code(url, "a:b@c")) == (url, ("code", "a:b@c"))
    assert split_credentials(url) == (url, None)


def test_a_video_is_handed_to_the_server_in_large_blocks_and_its_slot_comes_back(sample_library, serve) -> None:
    """Werkzeug's file wrappers read 8 KB at a time and waitress woke its main loop for each: ten videos at 1 MB/s
    took a whole core of the reading room (bench_reading_room: 1.4 pages/s beside them). The WSGI body is read here
    as waitress reads it."""
    from werkzeug.test import EnvironBuilder

    from app.web.files import BLOCK
    from app.web.site import create_app

    web = serve(sample_library)
    video = _video(sample_library)
    data = sample_library.media_path(video.sha256).read_bytes()
    assert len(data) > BLOCK + 5000, "the sample's video should span more than one block"
    app = create_app(web.room)
    statuses: list[str] = []
    for headers, expected in (({}, data), ({"Range": f"bytes=1000-{BLOCK + 5000}"}, data[1000:BLOCK + 5001])):
        statuses.clear()
        env = EnvironBuilder(path=f"/media/{video.sha256}", headers=headers,
                             environ_base={"REMOTE_ADDR": "127.0.0.1"}).get_environ()
        body = app(env, lambda status, _headers, _exc=None: statuses.append(status))
        assert web.room.streams.busy == 1  # a video being sent holds a slot
        blocks = list(body)
        body.close()
        assert statuses[0].startswith("206" if headers else "200") and b"".join(blocks) == expected
        assert max(map(len, blocks)) == BLOCK and len(blocks) <= len(expected) // BLOCK + 1
        assert web.room.streams.busy == 0  # given back when the server closes the body
