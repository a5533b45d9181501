"""Every download ends (issue 11, point 6), against the real loopback server: a trickling server is dropped
with a plain message, a hanging request or a wait between retries is cancelled within a second, redirects lead
only to the feed's own server or to hosts the user allowed, and everything is asked for and stored as it is
(``Accept-Encoding: identity``, nothing decompressed here). The limits are lowered so each test takes seconds."""

import gzip
import hashlib
import threading
import time
import tracemalloc
from pathlib import Path

import pytest

from app.errors import CancelledError
from app.settings import BY_KEY
from sync.errors import DownloadCancelled, SourceError
from sync.feedformat import MANIFEST_NAME, SIGNATURE_NAME
from sync.httpwatch import Limits
from sync.sources import open_source
from tests.sync.test_sources import Blob, fetch, make_blob_root, part_of

FAST = Limits(min_speed=1000, window=1.0, deadline=30.0)  # a test-sized minimum speed: 1 kB/s over 1 s


@pytest.fixture
def blob_root(tmp_path: Path) -> Path:
    return make_blob_root(tmp_path / "served")


@pytest.fixture
def blob(blob_root: Path) -> Blob:
    return Blob(blob_root)


@pytest.fixture
def server(http_server, blob_root: Path):
    return http_server(blob_root)


def http(server, **kw):
    return open_source(server.url, **{"timeout": 10, "retries": 2, "backoff": 0.01, "limits": FAST, **kw})


def within(seconds: float, fn) -> BaseException | None:
    """Run ``fn`` in a thread; fail unless it ends within ``seconds``. Return what it raised (None if nothing)."""
    outcome: list[BaseException | None] = []

    def run() -> None:
        try:
            fn()
            outcome.append(None)
        except BaseException as e:  # noqa: BLE001 - handed to the test
            outcome.append(e)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(seconds)
    assert outcome, f"still running after {seconds} s"
    return outcome[0]


class CancelAfter:
    """A cancel flag that goes up ``seconds`` after it is made (as a user clicking Cancel)."""

    def __init__(self, seconds: float) -> None:
        self._event = threading.Event()
        self._timer = threading.Timer(seconds, self._raise)
        self._timer.start()
        self.at: float | None = None

    def _raise(self) -> None:
        self.at = time.monotonic()
        self._event.set()

    def __call__(self) -> bool:
        return self._event.is_set()

    def seen_after(self) -> float:
        assert self.at is not None, "the cancel never came"
        return time.monotonic() - self.at


# --- slow, silent and endless servers ----------------------------------------------------------------


def test_a_trickling_server_is_dropped_with_a_plain_message(server, blob: Blob, tmp_path: Path) -> None:
    server.trickle(blob.url_path, nbytes=1, every=0.02, times=None)  # ~50 bytes a second, each resetting timeouts
    dest = tmp_path / "blob"
    started = time.monotonic()
    with http(server) as source:
        error = within(8, lambda: fetch(source, blob, dest))
    assert isinstance(error, SourceError) and error.code == "too_slow" and error.transient, error
    assert "too slowly" in str(error) and "tried again at the next update" in str(error)
    assert 1.0 <= time.monotonic() - started < 4.0  # (the window is 1 s)
    assert len(server.requests_for(blob.url_path)) == 1  # dropped, not retried at once: later, by the next sync
    assert part_of(dest).read_bytes() == blob.data[: part_of(dest).stat().st_size]  # what came is kept
    server.clear_faults()
    with http(server) as source:
        fetch(source, blob, dest)  # the next try resumes and gets there
    assert dest.read_bytes() == blob.data


def test_a_trickled_manifest_is_dropped_too(feed_server) -> None:
    feed_server.trickle("/" + MANIFEST_NAME, nbytes=1, every=0.02)
    with http(feed_server) as source:
        error = within(8, source.fetch_manifest)
    assert isinstance(error, SourceError) and error.code == "too_slow", error


def test_a_slow_link_that_keeps_the_minimum_speed_gets_there(server, blob: Blob, tmp_path: Path) -> None:
    server.throttle(blob.url_path, rate=400_000)
    with http(server, limits=Limits(min_speed=50_000, window=1.0, deadline=30.0)) as source:
        fetch(source, blob, tmp_path / "blob")  # 2.5 s at 400 kB/s, never under 50 kB/s
    assert (tmp_path / "blob").read_bytes() == blob.data


def test_a_bandwidth_limit_below_the_minimum_speed_is_not_a_slow_server(server, blob: Blob, tmp_path: Path) -> None:
    with http(server, limits=Limits(min_speed=1_000_000, window=1.0, deadline=30.0)) as source:
        source.fetch_file(blob.rel, tmp_path / "blob", size=blob.size, sha256=blob.sha256, bandwidth_limit=500_000)
    assert (tmp_path / "blob").read_bytes() == blob.data


def test_every_request_has_a_deadline(feed_server) -> None:
    feed_server.hang("/" + MANIFEST_NAME)  # takes the request and never answers; the read timeout is longer
    started = time.monotonic()
    with http(feed_server, limits=Limits(min_speed=1000, window=1.0, deadline=1.0)) as source:
        error = within(5, source.fetch_manifest)
    assert isinstance(error, SourceError) and error.code == "deadline" and error.transient, error
    assert "took more than 1 seconds" in str(error) and MANIFEST_NAME in str(error)
    assert time.monotonic() - started < 3.0


def test_a_hanging_manifest_request_is_cancelled_within_a_second(feed_server) -> None:
    feed_server.hang("/" + MANIFEST_NAME)
    cancel = CancelAfter(0.3)
    with http(feed_server) as source:
        error = within(5, lambda: source.fetch_manifest(cancelled=cancel))
    assert isinstance(error, DownloadCancelled) and isinstance(error, CancelledError), error
    assert cancel.seen_after() < 1.0


def test_a_stalled_file_is_cancelled_within_a_second_and_keeps_what_came(server, blob: Blob, tmp_path: Path) -> None:
    server.stall_after(blob.url_path, 300_000, seconds=30)
    dest = tmp_path / "blob"
    cancel = CancelAfter(0.5)
    with http(server) as source:
        error = within(5, lambda: fetch(source, blob, dest, cancelled=cancel))
    assert isinstance(error, DownloadCancelled), error
    assert cancel.seen_after() < 1.0
    assert part_of(dest).read_bytes() == blob.data[:300_000]


def test_the_wait_between_retries_is_cancelled_within_a_second(feed_server) -> None:
    feed_server.fail("/" + MANIFEST_NAME, status=503, retry_after=20, times=None)  # "come back in 20 s"
    cancel = CancelAfter(0.3)
    with http(feed_server) as source:
        error = within(5, lambda: source.fetch_manifest(cancelled=cancel))
    assert isinstance(error, DownloadCancelled), error
    assert cancel.seen_after() < 1.0


# --- redirects -----------------------------------------------------------------------------------------


def test_a_redirect_on_the_same_server_is_followed(feed_server, sample_feed: Path) -> None:
    feed_server.redirect("/" + MANIFEST_NAME, to=feed_server.url_for(MANIFEST_NAME) + "?moved", times=1)
    with http(feed_server) as source:
        got = source.fetch_manifest()
    assert got.manifest == (sample_feed / MANIFEST_NAME).read_bytes()


def test_a_redirect_to_another_host_is_refused_until_the_user_allows_it(feed_server, sample_feed: Path,
                                                                         blob: Blob, tmp_path: Path) -> None:
    elsewhere = feed_server.url_as("localhost", MANIFEST_NAME)  # the same loopback server, under another name
    feed_server.redirect("/" + MANIFEST_NAME, to=elsewhere)
    with http(feed_server) as source, pytest.raises(SourceError) as err:
        source.fetch_manifest()
    assert err.value.code == "redirect_refused" and not err.value.transient
    assert "localhost" in str(err.value) and "Settings" in str(err.value)
    assert [e.headers["host"].split(":")[0] for e in feed_server.log] == ["127.0.0.1"]  # never went there

    feed_server.clear_log()
    feed_server.clear_faults()
    feed_server.redirect("/" + MANIFEST_NAME, to=elsewhere, times=1)  # (there, it is served)
    with http(feed_server, extra_hosts=["LOCALHOST:8080"]) as source:  # as a user might type it
        got = source.fetch_manifest()
    assert got.manifest == (sample_feed / MANIFEST_NAME).read_bytes()
    assert feed_server.requests_for(MANIFEST_NAME)[-1].headers["host"].startswith("localhost:")


def test_a_feed_file_redirected_elsewhere_is_refused(server, blob: Blob, tmp_path: Path) -> None:
    server.redirect(blob.url_path, to=server.url_as("localhost", blob.rel), times=None)
    with http(server) as source, pytest.raises(SourceError) as err:
        fetch(source, blob, tmp_path / "blob")
    assert err.value.code == "redirect_refused"
    assert not (tmp_path / "blob").exists()


def test_the_other_hosts_are_a_declared_setting() -> None:
    setting = BY_KEY["sync_extra_hosts"]
    assert setting.type is list and setting.default == [] and setting.label


# --- identity: asked for as it is, stored as it comes --------------------------------------------------


def test_everything_is_asked_for_uncompressed(feed_server, sample_feed: Path, tmp_path: Path) -> None:
    segment = next((sample_feed / "segments").iterdir()).relative_to(sample_feed).as_posix()
    data = (sample_feed / segment).read_bytes()
    with http(feed_server) as source:
        source.fetch_manifest()
        source.fetch_file(segment, tmp_path / "seg", size=len(data), sha256=hashlib.sha256(data).hexdigest())
    paths = [e.path for e in feed_server.log]
    assert {"/" + MANIFEST_NAME, "/" + SIGNATURE_NAME, "/" + segment} <= set(paths)
    assert {e.headers.get("accept-encoding") for e in feed_server.log} == {"identity"}


def test_a_compressed_answer_is_not_unpacked(feed_server, sample_feed: Path) -> None:
    feed_server.encode("/" + MANIFEST_NAME)  # a server that gzips whatever it is asked for
    with http(feed_server) as source, pytest.raises(SourceError) as err:
        source.fetch_manifest()
    assert err.value.code == "not_a_feed" and "compressed (gzip)" in str(err.value)


def test_a_compressed_bomb_costs_nothing(http_server, tmp_path: Path) -> None:
    root = tmp_path / "served"
    root.mkdir()
    (root / MANIFEST_NAME).write_bytes(gzip.compress(b" " * 2**20, mtime=0) * 1024)  # 1 GB of spaces, ~1 MB
    server = http_server(root)
    server.encode("/" + MANIFEST_NAME, compress=False)  # sent as it is, labelled Content-Encoding: gzip
    tracemalloc.start()
    try:
        with http(server) as source, pytest.raises(SourceError) as err:
            source.fetch_manifest()
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert err.value.code == "not_a_feed" and "compressed" in str(err.value)
    assert peak < 8 * 2**20, peak


def test_a_file_served_with_a_content_encoding_is_stored_as_it_is(server, blob: Blob, tmp_path: Path) -> None:
    # e.g. a web server that labels .gz files "Content-Encoding: gzip": the bytes are the feed's file
    server.encode(blob.url_path, compress=False)
    with http(server) as source:
        fetch(source, blob, tmp_path / "blob")
    assert (tmp_path / "blob").read_bytes() == blob.data


# --- through the sync client ---------------------------------------------------------------------------


def test_a_sync_from_a_trickling_portal_ends_plainly_and_changes_nothing(feed_server, sample_feed: Path, keys,
                                                                          tmp_path: Path) -> None:
    from app.library import Library
    from sync.client import SyncClient, SyncOptions

    snapshot = next((sample_feed / "snapshots").iterdir()).relative_to(sample_feed).as_posix()
    feed_server.trickle("/" + snapshot, nbytes=1, every=0.02, times=None)
    options = SyncOptions(extra_keys=(keys.public,), accept_new_feed=True)
    with Library.open(tmp_path / "library") as lib:
        with http(feed_server) as source:
            error = within(10, lambda: SyncClient(lib, source, options).run())
        assert isinstance(error, SourceError) and error.code == "too_slow" and "too slowly" in str(error), error
        assert lib.list_items() == []
        feed_server.clear_faults()
        with http(feed_server) as source:
            SyncClient(lib, source, options).run()  # the next update gets there
        assert lib.list_items()
