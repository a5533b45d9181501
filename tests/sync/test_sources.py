"""Feed sources against a real HTTP server on loopback (``httpserver.py``) and real folders: manifests with
304s, resumable downloads through dropped connections, 5xx, timeouts, damage, cancels, the bandwidth limit
and the free-space check. Nothing of ``requests`` is mocked."""

import hashlib
import os
import shutil
import socket
import time
from pathlib import Path

import pytest

from sync.errors import DownloadCancelled, DownloadError, FeedError, SourceError
from sync.feedformat import MANIFEST_NAME, SIGNATURE_NAME, read_manifest
from sync.sources import FolderSource, HttpSource, ManifestFetch, open_source
from tests.sync.httpserver import make_file

SIZE = 1_000_000


def make_blob_root(root: Path) -> Path:
    """A folder holding one 1 MB blob at its content address."""
    data = make_file(root / "tmp", SIZE, seed=1)
    sha = hashlib.sha256(data).hexdigest()
    target = root / "blobs" / sha[:2] / sha
    target.parent.mkdir(parents=True)
    (root / "tmp").rename(target)
    return root


@pytest.fixture
def blob_root(tmp_path: Path) -> Path:
    return make_blob_root(tmp_path / "served")


class Blob:
    def __init__(self, root: Path) -> None:
        self.file = next((root / "blobs").rglob("*"))
        while self.file.is_dir():
            self.file = next(self.file.iterdir())
        self.data = self.file.read_bytes()
        self.sha256 = hashlib.sha256(self.data).hexdigest()
        self.size = len(self.data)
        self.rel = self.file.relative_to(root).as_posix()
        self.url_path = "/" + self.rel


@pytest.fixture
def blob(blob_root: Path) -> Blob:
    return Blob(blob_root)


@pytest.fixture
def server(http_server, blob_root: Path):
    return http_server(blob_root)


def http(server, **kw) -> HttpSource:
    """A source with test-sized waits: short timeouts and backoff."""
    return open_source(server.url, **{"timeout": 5, "retries": 3, "backoff": 0.01, **kw})


def fetch(source, blob: Blob, dest: Path, **kw) -> None:
    source.fetch_file(blob.rel, dest, size=blob.size, sha256=blob.sha256, **kw)


def part_of(dest: Path) -> Path:
    return dest.with_name(dest.name + ".part")


# --- manifests ---------------------------------------------------------------------------------------


def test_manifest_then_304_costs_one_small_request(feed_server, sample_feed: Path) -> None:
    with http(feed_server) as source:
        got = source.fetch_manifest()
        assert isinstance(got, ManifestFetch)
        assert got.manifest == (sample_feed / MANIFEST_NAME).read_bytes()
        assert got.signature == (sample_feed / SIGNATURE_NAME).read_bytes()
        assert got.etag and got.last_modified
        feed_server.clear_log()

        assert source.fetch_manifest(etag=got.etag, last_modified=got.last_modified) is None
        (only,) = feed_server.log  # not even the signature is fetched again
        assert (only.path, only.status, only.sent) == ("/feed.json", 304, 0)
        assert only.headers["if-none-match"] == got.etag
        assert source.fetch_manifest(last_modified=got.last_modified) is None

        # a new publish: the same validators now fetch the new manifest
        new = got.manifest.replace(b'"title": "Sample"', b'"title": "Sample 2"')
        (sample_feed / MANIFEST_NAME).write_bytes(new)
        later = time.time() + 5
        os.utime(sample_feed / MANIFEST_NAME, (later, later))
        again = source.fetch_manifest(etag=got.etag, last_modified=got.last_modified)
        assert again is not None and again.manifest == new and again.etag != got.etag


def test_a_missing_signature_is_empty_and_a_non_feed_is_refused(http_server, tmp_path: Path) -> None:
    root = tmp_path / "site"
    root.mkdir()
    server = http_server(root)
    with http(server) as source:
        with pytest.raises(SourceError) as none:
            source.fetch_manifest()
        assert none.value.code == "not_a_feed" and "feed.json" in str(none.value)
        (root / MANIFEST_NAME).write_bytes(b"<html>Please log in to the Wi-Fi</html>")
        with pytest.raises(SourceError) as login_page:
            source.fetch_manifest()
        assert login_page.value.code == "not_a_feed"
        (root / MANIFEST_NAME).write_bytes(b'{"format": 1}')
        assert source.fetch_manifest().signature == b""  # the client refuses it as "unsigned"


def test_manifest_fetch_survives_500s_and_a_cut(feed_server, sample_feed: Path) -> None:
    feed_server.fail("/feed.json", status=503, times=2)
    feed_server.drop_after("/feed.json.sig", 10)
    with http(feed_server) as source:
        got = source.fetch_manifest()
    assert got.signature == (sample_feed / SIGNATURE_NAME).read_bytes()
    assert [e.status for e in feed_server.requests_for("/feed.json")] == [503, 503, 200]


# --- downloads ---------------------------------------------------------------------------------------


def test_a_segment_of_a_real_feed_downloads_and_verifies(feed_server, sample_feed: Path, tmp_path: Path) -> None:
    manifest = read_manifest((sample_feed / MANIFEST_NAME).read_bytes())
    seg = manifest.segments[0]
    seen: list[tuple[int, int]] = []
    with http(feed_server) as source:
        source.fetch_file(seg.path, tmp_path / "seg.gz", size=seg.size, sha256=seg.sha256,
                          progress=lambda done, total: seen.append((done, total)))
    assert (tmp_path / "seg.gz").read_bytes() == (sample_feed / seg.path).read_bytes()
    assert not part_of(tmp_path / "seg.gz").exists()
    assert seen[0] == (0, seg.size) and seen[-1] == (seg.size, seg.size)
    (req,) = feed_server.requests_for(seg.path)
    assert req.headers["accept-encoding"] == "identity" and req.range is None


def test_a_dropped_connection_resumes_without_fetching_bytes_again(server, blob: Blob, tmp_path: Path) -> None:
    cut = 300_000
    server.drop_after(blob.url_path, cut)
    dest = tmp_path / "out" / "blob"
    with http(server) as source:
        fetch(source, blob, dest)
    assert dest.read_bytes() == blob.data and not part_of(dest).exists()
    first, second = server.requests_for(blob.url_path)
    assert (first.status, first.sent, first.fault) == (200, cut, "drop")
    assert (second.status, second.range) == (206, f"bytes={cut}-")
    assert first.sent + second.sent == blob.size  # not one byte twice


def test_a_link_that_keeps_dropping_still_gets_there(server, blob: Blob, tmp_path: Path) -> None:
    server.drop_after(blob.url_path, 150_000, times=5)  # five cuts: more than `retries`, but each brings bytes
    with http(server, retries=2) as source:
        fetch(source, blob, tmp_path / "blob")
    assert (tmp_path / "blob").read_bytes() == blob.data
    log = server.requests_for(blob.url_path)
    assert len(log) == 6 and sum(e.sent for e in log) == blob.size


def test_500s_are_retried_with_backoff_then_succeed(server, blob: Blob, tmp_path: Path) -> None:
    server.fail(blob.url_path, status=500, times=2)
    with http(server) as source:
        fetch(source, blob, tmp_path / "blob")
    assert (tmp_path / "blob").read_bytes() == blob.data
    assert [e.status for e in server.requests_for(blob.url_path)] == [500, 500, 200]


def test_retry_after_is_honoured(server, blob: Blob, tmp_path: Path) -> None:
    server.fail(blob.url_path, status=503, times=1, retry_after=1)
    started = time.monotonic()
    with http(server) as source:
        fetch(source, blob, tmp_path / "blob")
    assert time.monotonic() - started >= 0.9
    assert [e.status for e in server.requests_for(blob.url_path)] == [503, 200]


def test_persistent_500s_give_up_with_http_error(server, blob: Blob, tmp_path: Path) -> None:
    server.fail(blob.url_path, status=500, times=None)
    with http(server, retries=2) as source, pytest.raises(SourceError) as err:
        fetch(source, blob, tmp_path / "blob")
    assert (err.value.code, err.value.status, err.value.transient) == ("http_error", 500, True)
    assert len(server.requests_for(blob.url_path)) == 3
    assert not (tmp_path / "blob").exists() and not part_of(tmp_path / "blob").exists()


@pytest.mark.parametrize(("status", "code"), [(404, "not_found"), (403, "http_error")])
def test_404_and_403_are_raised_at_once(server, blob: Blob, tmp_path: Path, status: int, code: str) -> None:
    server.fail(blob.url_path, status=status, times=None)
    with http(server) as source, pytest.raises(SourceError) as err:
        fetch(source, blob, tmp_path / "blob")
    assert (err.value.code, err.value.status, err.value.transient) == (code, status, False)
    assert len(server.requests_for(blob.url_path)) == 1
    assert not (tmp_path / "blob").exists()


def test_a_garbled_body_is_a_hash_mismatch_and_the_next_try_starts_clean(server, blob: Blob, tmp_path: Path) -> None:
    server.garble(blob.url_path, offset=500_000, length=8, times=1)
    dest = tmp_path / "blob"
    with http(server) as source:
        with pytest.raises(DownloadError) as err:
            fetch(source, blob, dest)
        assert err.value.code == "hash_mismatch" and blob.rel in str(err.value)
        assert not dest.exists() and not part_of(dest).exists()
        fetch(source, blob, dest)
    assert dest.read_bytes() == blob.data
    assert server.requests_for(blob.url_path)[-1].range is None


def test_a_truncated_file_on_the_server_is_a_size_mismatch(server, blob: Blob, tmp_path: Path) -> None:
    server.truncate(blob.url_path, 1000)
    with http(server) as source, pytest.raises(DownloadError) as err:
        fetch(source, blob, tmp_path / "blob")
    assert err.value.code == "size_mismatch"
    assert not (tmp_path / "blob").exists() and not part_of(tmp_path / "blob").exists()


def test_a_server_ignoring_range_restarts_cleanly(server, blob: Blob, tmp_path: Path) -> None:
    dest = tmp_path / "blob"
    part_of(dest).write_bytes(blob.data[:400_000])
    server.ignore_range(blob.url_path)
    with http(server) as source:
        fetch(source, blob, dest)
    assert dest.read_bytes() == blob.data
    (req,) = server.requests_for(blob.url_path)
    assert req.range == "bytes=400000-" and req.status == 200 and req.sent == blob.size


def test_416_for_a_part_longer_than_the_servers_file(server, blob: Blob, tmp_path: Path) -> None:
    dest = tmp_path / "blob"
    part_of(dest).write_bytes(blob.data[:5000])
    server.truncate(blob.url_path, 4000)  # the server holds a shorter (damaged) copy
    with http(server) as source, pytest.raises(DownloadError) as err:
        fetch(source, blob, dest)
    assert err.value.code == "size_mismatch" and not part_of(dest).exists()
    assert [e.status for e in server.requests_for(blob.url_path)] == [416]


def test_a_complete_part_is_verified_and_renamed_without_a_request(server, blob: Blob, tmp_path: Path) -> None:
    dest = tmp_path / "blob"
    part_of(dest).write_bytes(blob.data)  # a crash between the last byte and the rename
    with http(server) as source:
        fetch(source, blob, dest)
    assert dest.read_bytes() == blob.data and server.log == []


def test_a_server_that_does_not_answer_times_out(server, blob: Blob, tmp_path: Path) -> None:
    server.delay(blob.url_path, seconds=3)
    started = time.monotonic()
    with http(server, timeout=0.3, retries=1) as source, pytest.raises(SourceError) as err:
        fetch(source, blob, tmp_path / "blob")
    assert err.value.code == "timeout" and err.value.transient
    assert time.monotonic() - started < 2.5


def test_a_body_that_stalls_times_out_and_keeps_what_came(server, blob: Blob, tmp_path: Path) -> None:
    server.stall_after(blob.url_path, 200_000, seconds=3, times=None)  # every response stalls after 200 kB
    dest = tmp_path / "blob"
    with http(server, timeout=0.3, retries=1) as source:
        fetch(source, blob, dest)  # each try brings 200 kB, so it gets there
    assert dest.read_bytes() == blob.data
    server.clear_faults()
    server.stall_after(blob.url_path, 0, seconds=3, times=None)  # now nothing comes at all
    dest2 = tmp_path / "blob2"
    part_of(dest2).write_bytes(blob.data[:100_000])
    with http(server, timeout=0.3, retries=1) as source, pytest.raises(SourceError) as err:
        fetch(source, blob, dest2)
    assert err.value.code == "timeout"
    assert part_of(dest2).read_bytes() == blob.data[:100_000] and not dest2.exists()


def test_cancel_keeps_the_part_and_a_later_try_resumes(server, blob: Blob, tmp_path: Path) -> None:
    dest = tmp_path / "blob"
    stop = {"now": False}

    def progress(done: int, total: int) -> None:
        stop["now"] = done >= 400_000

    with http(server) as source:
        with pytest.raises(DownloadCancelled) as err:
            fetch(source, blob, dest, progress=progress, cancelled=lambda: stop["now"])
        assert err.value.code == "cancelled" and isinstance(err.value, DownloadError)
        kept = part_of(dest).stat().st_size
        assert 400_000 <= kept < blob.size and not dest.exists()
        assert part_of(dest).read_bytes() == blob.data[:kept]
        fetch(source, blob, dest)
    assert dest.read_bytes() == blob.data
    assert server.requests_for(blob.url_path)[-1].range == f"bytes={kept}-"


def test_the_bandwidth_limit_is_roughly_respected(server, blob: Blob, tmp_path: Path) -> None:
    started = time.monotonic()
    with http(server) as source:
        source.fetch_file(blob.rel, tmp_path / "blob", size=blob.size, sha256=blob.sha256,
                          bandwidth_limit=500_000)  # 1 MB at 500 kB/s ≈ 2 s
    took = time.monotonic() - started
    assert 1.5 <= took <= 8, took
    assert (tmp_path / "blob").read_bytes() == blob.data


def test_not_enough_free_space_is_said_before_downloading(server, blob: Blob, tmp_path: Path) -> None:
    reserve = shutil.disk_usage(tmp_path).free * 4  # however much is free, it is not enough
    with http(server, reserve=reserve) as source, pytest.raises(DownloadError) as err:
        fetch(source, blob, tmp_path / "blob")
    assert err.value.code == "no_space"
    assert f"not enough free space on {tmp_path}" in str(err.value) and "MB free" in str(err.value)
    assert server.log == [] and not part_of(tmp_path / "blob").exists()


def test_an_unreachable_server(tmp_path: Path, blob: Blob) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with open_source(f"http://127.0.0.1:{port}/feed/", retries=1, backoff=0.01) as source:
        with pytest.raises(SourceError) as manifest:
            source.fetch_manifest()
        with pytest.raises(SourceError) as file:
            fetch(source, blob, tmp_path / "blob")
    assert manifest.value.code == file.value.code == "unreachable"
    assert f"127.0.0.1:{port}" in str(manifest.value)


def test_paths_and_destinations_that_cannot_work(server, blob: Blob, tmp_path: Path) -> None:
    with http(server) as source:
        with pytest.raises(FeedError):
            source.fetch_file("../secret", tmp_path / "x", size=1, sha256="0" * 64)
        (tmp_path / "a-file").write_bytes(b"")
        with pytest.raises(DownloadError) as err:
            fetch(source, blob, tmp_path / "a-file" / "blob")  # its folder cannot be made
        assert err.value.code == "write_failed"


def test_open_source_picks_the_kind() -> None:
    assert isinstance(open_source("https://portal.example/feed"), HttpSource)
    assert isinstance(open_source("E:\\kitepkana-feed"), FolderSource)
    assert isinstance(open_source("/media/usb/feed"), FolderSource)
    assert isinstance(open_source("file:///media/usb/feed"), FolderSource)
    assert open_source("http://h/feed/feed.json").base == "http://h/feed/"
    with pytest.raises(SourceError):
        open_source("ftp://portal.example/feed")


# --- folders (USB drives) ----------------------------------------------------------------------------


def test_folder_manifest(sample_feed: Path, tmp_path: Path) -> None:
    with open_source(str(sample_feed)) as source:
        got = source.fetch_manifest(etag="ignored")
    assert got.manifest == (sample_feed / MANIFEST_NAME).read_bytes() and got.etag is None
    with pytest.raises(SourceError) as gone:
        FolderSource(tmp_path / "unplugged").fetch_manifest()
    assert gone.value.code == "unreachable" and "USB" in str(gone.value)
    (tmp_path / "empty").mkdir()
    with pytest.raises(SourceError) as empty:
        FolderSource(tmp_path / "empty").fetch_manifest()
    assert empty.value.code == "not_a_feed"


def test_folder_copy_resume_and_damage(blob_root: Path, blob: Blob, tmp_path: Path) -> None:
    source = FolderSource(blob_root)
    dest = tmp_path / "out" / "blob"
    part_of(dest).parent.mkdir(parents=True)
    part_of(dest).write_bytes(blob.data[:300_000])
    seen: list[int] = []
    fetch(source, blob, dest, progress=lambda done, total: seen.append(done))
    assert dest.read_bytes() == blob.data and not part_of(dest).exists()
    assert seen[0] == 300_000  # resumed, not copied from the start

    bad = tmp_path / "bad"
    part_of(bad).write_bytes(b"\0" * 300_000)  # a damaged part from an earlier copy
    with pytest.raises(DownloadError) as err:
        fetch(source, blob, bad)
    assert err.value.code == "hash_mismatch" and not part_of(bad).exists() and not bad.exists()
    fetch(source, blob, bad)
    assert bad.read_bytes() == blob.data


def test_folder_cancel_missing_and_wrong_size(blob_root: Path, blob: Blob, tmp_path: Path) -> None:
    source = FolderSource(blob_root)
    dest = tmp_path / "blob"
    done = [0]
    with pytest.raises(DownloadCancelled):
        fetch(source, blob, dest, bandwidth_limit=2_000_000, progress=lambda n, total: done.__setitem__(0, n),
              cancelled=lambda: done[0] >= 200_000)
    assert 200_000 <= part_of(dest).stat().st_size < blob.size
    fetch(source, blob, dest)
    assert dest.read_bytes() == blob.data

    with pytest.raises(SourceError) as missing:
        source.fetch_file("blobs/00/" + "0" * 64, tmp_path / "m", size=1, sha256="0" * 64)
    assert missing.value.code == "not_found"
    blob.file.write_bytes(blob.data[:-1])
    with pytest.raises(DownloadError) as short:
        fetch(source, blob, tmp_path / "s")
    assert short.value.code == "size_mismatch"
    with pytest.raises(DownloadError) as space:
        FolderSource(blob_root, reserve=shutil.disk_usage(tmp_path).free * 4).fetch_file(
            blob.rel, tmp_path / "n", size=blob.size, sha256=blob.sha256)
    assert space.value.code == "no_space"
