"""The sync client over a real HTTP server on loopback (``tests/sync/httpserver.py``): no mocking of ``requests``.

End to end: publish → sync over HTTP → edit the authoring folder → publish → incremental sync over HTTP (only
the new segment and the new blobs travel; an unchanged feed costs one conditional request) → export to a
folder → a third library syncs from that folder; every library holds the same content, user data survived.

Then faults, each against a library at the sample feed's state (v1) syncing the edited feed (v2): connections
dropped mid-body (resumed with ``Range``), 5xx then success, a truncated and a garbled segment, a blob with the
wrong bytes, a tampered manifest, a replayed old manifest, slow answers with a short timeout. A refused sync
applies nothing (content, cursor, kept manifest unchanged), and a later clean sync succeeds.
"""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest

from app.errors import NotFoundError
from app.library import Library
from app.syncstore import SyncStore
from app.values import IndexOutcome, SearchRequest
from sync import feedformat, signing
from sync.client import SyncClient, SyncOptions, run_sync
from sync.errors import DownloadError, FeedError, SignatureError, SourceError
from sync.export import export_feed
from sync.publisher import publish
from sync.sources import open_source
from tests.conftest import SAMPLE

FEED_ID = "sample-feed"
ATTACHMENT_NAME = "solar-copy-logbook.txt"
# ~150 kB of plain text: an attachment (a small file, fetched before its item is applied) whose words are indexed
ATTACHMENT = "".join(f"Kulundu solar heater maintenance logbook, entry {i:05d}: valves checked, zxqvortal ok.\n"
                     for i in range(1800)).encode("utf-8")


# --- helpers -----------------------------------------------------------------------------------------

def opts(keys, **kw) -> SyncOptions:
    return SyncOptions(extra_keys=(keys.public,), **{"accept_new_feed": True, **kw})


def sync(lib: Library, url: str, keys, *, timeout: float | tuple[float, float] = 5, retries: int = 3,
         backoff: float = 0.01, **kw):
    """run_sync with a source whose timeout, retries and backoff suit a test (run_sync uses the defaults)."""
    source = open_source(url, timeout=timeout, retries=retries, backoff=backoff)
    try:
        return SyncClient(lib, source, opts(keys, **kw)).run()
    finally:
        source.close()


def content(lib: Library) -> dict:
    """Everything a reader sees of the library's content (not when it arrived, nor which files are downloaded)."""
    items = {}
    for summary in lib.list_items():
        d = dataclasses.asdict(lib.get_item(summary.id))
        for volatile in ("created_at", "updated_at"):
            d.pop(volatile)
        for f in d["files"]:
            f.pop("present")
        items[summary.id] = d
    return {"items": items, "taxonomy": lib.taxonomy()}


def cursor(lib: Library) -> int | None:
    feed = SyncStore(lib).feeds().get(FEED_ID)
    return feed.seq if feed else None


def state(lib: Library) -> dict:
    """What a refused sync must leave exactly as it was."""
    from sqlalchemy import select

    from app.db import models as m

    kept = lib.paths.data / "feeds" / FEED_ID
    with lib._read() as s:  # each item's content hash (of its full record) stands for its content: cheap to compare
        items = dict(s.execute(select(m.Item.id, m.Item.content_hash)).all())
    return {"content": (items, lib.taxonomy()), "cursor": cursor(lib), "content_version": lib.content_version(),
            "kept": {p.relative_to(kept).as_posix(): p.read_bytes() for p in sorted(kept.rglob("*")) if p.is_file()},
            "index": lib.search_index.index.indexed_states(), "present": present_blobs(lib)}


def present_blobs(lib: Library) -> set[str]:
    from sqlalchemy import select

    from app.db import models as m

    with lib._read() as s:
        return set(s.scalars(select(m.Blob.sha256).where(m.Blob.present.is_(True))))


def index_agrees(lib: Library) -> None:
    assert lib.ensure_index() == IndexOutcome.OK
    assert set(lib.search_index.index.indexed_states()) == {i.id for i in lib.list_items()}


def edit_authoring(folder: Path) -> None:
    """The second publish: update one practice, add one (with a new attachment), delete one nothing refers to."""
    page = folder / "practices" / "water-kochkor-ru.md"
    page.write_text(page.read_text(encoding="utf-8").replace("## ", "## Обновлено. ", 1), encoding="utf-8")
    (folder / "practices" / "irrigation-suzak-ky.md").unlink()
    text = (folder / "practices" / "solar-kulundu-en.md").read_text(encoding="utf-8")
    text = text.replace("id: solar-kulundu-en", "id: solar-copy-en").replace(
        "related: [", f"attachments: [media/{ATTACHMENT_NAME}]\nrelated: [", 1)
    (folder / "practices" / "solar-copy-en.md").write_text(text, encoding="utf-8")
    (folder / "practices" / "media").mkdir(exist_ok=True)
    (folder / "practices" / "media" / ATTACHMENT_NAME).write_bytes(ATTACHMENT)


def attachment_blob() -> str:
    return "/" + feedformat.blob_path(feedformat.bytes_digest(ATTACHMENT))


def manifest_of(feed: Path) -> feedformat.Manifest:
    return feedformat.read_manifest((feed / feedformat.MANIFEST_NAME).read_bytes())


def new_segment(feed: Path) -> feedformat.SegmentEntry:
    return manifest_of(feed).segments[-1]


def add_user_data(lib: Library) -> None:
    lib.set_bookmark("irrigation-suzak-ky")
    lib.set_bookmark("water-kochkor-ru")
    lib.add_note("irrigation-suzak-ky", "көрүү керек")
    lib.add_note("water-kochkor-ru", "обсудить на сессии", position=3.0)
    lib.record_opened("lesson-pb-intro-ru", position=21.5)
    lib.record_opened("irrigation-suzak-ky")


def assert_user_data(lib: Library) -> None:
    assert sorted(lib.bookmarks()) == ["irrigation-suzak-ky", "water-kochkor-ru"]
    notes = {n.item_id: n for n in lib.notes()}
    assert set(notes) == {"irrigation-suzak-ky", "water-kochkor-ru"}
    assert notes["irrigation-suzak-ky"].text == "көрүү керек"
    assert notes["irrigation-suzak-ky"].orphaned == (not any(i.id == "irrigation-suzak-ky" for i in lib.list_items()))
    assert notes["water-kochkor-ru"].text == "обсудить на сессии" and notes["water-kochkor-ru"].position == 3.0
    assert not notes["water-kochkor-ru"].orphaned
    assert lib.resume_position("lesson-pb-intro-ru") == 21.5
    assert {i for i, _when, _pos in lib.history()} == {"lesson-pb-intro-ru", "irrigation-suzak-ky"}


# --- fixtures: a library at v1 and the feed at v2, built once per module -------------------------------

@pytest.fixture(scope="module")
def fresh_install(tmp_path_factory: pytest.TempPathFactory, sample_feed_template: Path, keys) -> dict:
    """A fresh library synced over HTTP from the sample feed (v1), then given user data; and the server's log."""
    from tests.sync.httpserver import TestServer

    folder = tmp_path_factory.mktemp("v1-library") / "library"
    with TestServer(sample_feed_template) as server, Library.open(folder) as lib:
        report = run_sync(lib, server.url, opts(keys))
        log = server.log
        add_user_data(lib)
    assert report.used_snapshot and report.to_seq == 146
    return {"folder": folder, "log": log}


@pytest.fixture(scope="module")
def v1_library_template(fresh_install: dict) -> Path:
    return fresh_install["folder"]


@pytest.fixture(scope="module")
def v2_feed_template(tmp_path_factory: pytest.TempPathFactory, sample_feed_template: Path, keys) -> Path:
    base = tmp_path_factory.mktemp("v2-feed")
    feed, authoring = base / "feed", base / "authoring"
    shutil.copytree(sample_feed_template, feed)
    shutil.copytree(SAMPLE, authoring)
    edit_authoring(authoring)
    report = publish(authoring, feed, keys.private)
    assert report.added == ["solar-copy-en"] and report.deleted == ["irrigation-suzak-ky"]
    return feed


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory, v1_library_template: Path, v2_feed_template: Path,
              keys) -> dict:
    """The content of a library at v1 and of the same library after a clean sync to v2."""
    folder = tmp_path_factory.mktemp("reference") / "library"
    shutil.copytree(v1_library_template, folder)
    with Library.open(folder) as lib:
        v1 = content(lib)
        run_sync(lib, str(v2_feed_template), opts(keys))
        return {"v1": v1, "v2": content(lib), "v2_seq": manifest_of(v2_feed_template).seq}


@pytest.fixture
def lib(v1_library_template: Path, tmp_path: Path):
    folder = tmp_path / "library"
    shutil.copytree(v1_library_template, folder)
    with Library.open(folder) as library:
        yield library


@pytest.fixture
def v2(v2_feed_template: Path, tmp_path: Path) -> Path:
    target = tmp_path / "feed-v2"
    shutil.copytree(v2_feed_template, target)
    return target


def assert_refused_nothing_applied(lib: Library, before: dict, *, verified_and_kept: tuple[str, ...] = ()) -> None:
    """``verified_and_kept``: feed files that matched the signed manifest and may be kept, although refused later."""
    after = state(lib)
    assert after["content"] == before["content"]
    assert after["cursor"] == before["cursor"] == 146
    assert after["content_version"] == before["content_version"]
    assert {k: v for k, v in after["kept"].items() if k not in verified_and_kept} == before["kept"]
    assert after["index"] == before["index"]
    assert after["present"] == before["present"]
    assert not list(lib.paths.data.rglob("*.part")), "a refused file left a .part behind"


def assert_at_v2(lib: Library, reference: dict) -> None:
    assert content(lib) == reference["v2"]
    assert cursor(lib) == reference["v2_seq"]
    index_agrees(lib)
    assert lib.check().ok
    assert_user_data(lib)


# --- end to end ----------------------------------------------------------------------------------------

def test_publish_sync_edit_publish_sync_export_third_library(keys, folder: Path, tmp_path: Path,
                                                             http_server) -> None:
    portal = tmp_path / "portal"
    publish(folder, portal, keys.private, feed_id=FEED_ID, title="Sample")
    server = http_server(portal)
    v1 = manifest_of(portal)

    with Library.open(tmp_path / "second") as second:
        # 1. a fresh library syncs over HTTP: from the snapshot, small files always, videos by policy
        first_sync = run_sync(second, server.url, opts(keys))
        assert first_sync.status == "ok" and first_sync.used_snapshot and first_sync.to_seq == v1.seq
        assert first_sync.videos_waiting == 6
        assert all(e.status == 200 for e in server.log)
        add_user_data(second)
        index_agrees(second)

        # 2. the content team edits the folder (update, add with a new file, delete) and publishes
        edit_authoring(folder)
        published = publish(folder, portal, keys.private)
        assert published.updated == ["water-kochkor-ru"] and published.added == ["solar-copy-en"]
        assert published.deleted == ["irrigation-suzak-ky"] and published.blobs_copied == 1
        v2 = manifest_of(portal)
        segment = v2.segments[-1]
        assert (segment.first, segment.last) == (v1.seq + 1, v2.seq)

        # 3. the incremental sync over HTTP fetches the new segment and the new blob, nothing old
        server.clear_log()
        second_sync = run_sync(second, server.url, opts(keys))
        assert not second_sync.used_snapshot and (second_sync.from_seq, second_sync.to_seq) == (v1.seq, v2.seq)
        assert second_sync.added == {"practice": ["solar-copy-en"]}
        assert second_sync.updated == {"practice": ["water-kochkor-ru"]}
        assert second_sync.removed == {"practice": ["irrigation-suzak-ky"]}
        assert second_sync.files_downloaded == 1 and second_sync.bytes_downloaded == len(ATTACHMENT)
        log = server.log
        assert all(e.status == 200 and e.range is None for e in log)
        fetched = [e.path for e in log]
        assert len(fetched) == len(set(fetched)), f"a file was fetched twice: {fetched}"
        assert fetched[:2] == ["/" + feedformat.MANIFEST_NAME, "/" + feedformat.SIGNATURE_NAME]
        # besides those: the new segment and the new blob; never a snapshot, an old segment or an old blob
        assert set(fetched) == {
            "/" + feedformat.MANIFEST_NAME, "/" + feedformat.SIGNATURE_NAME, "/" + segment.path, attachment_blob()}
        assert "/" + v1.segments[0].path not in fetched and "/" + v1.snapshot.path not in fetched

        # 4. unchanged portal: exactly one conditional request, answered 304
        server.clear_log()
        third_sync = run_sync(second, server.url, opts(keys))
        assert third_sync.status == "unchanged" and third_sync.added == third_sync.removed == {}
        (only,) = server.log
        assert (only.method, only.path, only.status, only.sent) == ("GET", "/" + feedformat.MANIFEST_NAME, 304, 0)
        assert only.headers.get("if-none-match") or only.headers.get("if-modified-since")

        # the second library: new content searchable (also the attachment's text), user data survived
        assert "Обновлено" in second.get_item("water-kochkor-ru").body_text
        with pytest.raises(NotFoundError):
            second.get_item("irrigation-suzak-ky")
        assert "solar-copy-en" in [h.id for h in second.search(SearchRequest("zxqvortal")).hits]
        assert "irrigation-suzak-ky" not in [h.id for h in second.search(SearchRequest("Сузак сугат")).hits]
        assert_user_data(second)
        assert next(n for n in second.notes() if n.item_id == "irrigation-suzak-ky").orphaned
        index_agrees(second)
        assert second.check().ok

        # 5. export to a drive; a third library syncs from the drive alone
        drive = tmp_path / "USB DRIVE" / "kitepkana-feed"
        exported = export_feed(second, drive)
        assert exported.seq == v2.seq and exported.blobs_missing == 6  # videos were never downloaded (policy)
        assert (drive / feedformat.MANIFEST_NAME).read_bytes() == (portal / feedformat.MANIFEST_NAME).read_bytes()
        with Library.open(tmp_path / "third") as third:
            from_drive = run_sync(third, str(drive), opts(keys))
            assert from_drive.used_snapshot and from_drive.to_seq == v2.seq
            index_agrees(third)
            assert third.check().ok

            # 6. the first library imports the edited authoring folder directly: all three hold the same content
            with Library.open(tmp_path / "first") as first:
                first.import_folder(folder)
                reference = content(first)
            assert content(second) == reference
            assert content(third) == reference
        assert_user_data(second)


def test_incremental_sync_downloads_only_the_new_segment_and_blobs(lib: Library, v2: Path, keys,
                                                                   http_server) -> None:
    server = http_server(v2)
    sync(lib, server.url, keys)
    fetched = {e.path for e in server.log}
    assert fetched == {"/" + feedformat.MANIFEST_NAME, "/" + feedformat.SIGNATURE_NAME, "/" + new_segment(v2).path,
                       attachment_blob()}


def test_fresh_install_downloads_at_most_1_1_times_the_minimum(fresh_install: dict,
                                                               sample_feed_template: Path) -> None:
    manifest = manifest_of(sample_feed_template)
    feed_files = [e for e in fresh_install["log"] if e.path.startswith(("/segments/", "/snapshots/"))]
    minimum = manifest.snapshot.size + sum(s.size for s in manifest.segments if s.last > manifest.snapshot.seq)
    sent = sum(e.sent for e in feed_files)
    assert sent <= 1.1 * minimum, f"{sent:,} bytes of segments and snapshots for a minimum of {minimum:,}"


# --- faults: the transfer breaks, the sync still completes ----------------------------------------------

def test_connection_dropped_mid_segment_resumes_with_range(lib: Library, v2: Path, keys, reference: dict,
                                                           http_server) -> None:
    server = http_server(v2)
    segment = new_segment(v2)
    half = segment.size // 2
    server.drop_after("/" + segment.path, half)
    report = sync(lib, server.url, keys)
    assert report.status == "ok" and report.to_seq == reference["v2_seq"]
    first, second = server.requests_for(segment.path)
    assert first.fault == "drop" and first.sent == half and first.range is None
    assert second.status == 206 and second.range == f"bytes={half}-" and second.sent == segment.size - half
    assert_at_v2(lib, reference)


def test_connection_dropped_mid_blob_resumes_with_range(lib: Library, v2: Path, keys, reference: dict,
                                                        http_server) -> None:
    server = http_server(v2)
    video = next(f for f in lib.get_item("lesson-pb-intro-ru").files if f.role == "video")
    blobs = {attachment_blob(): len(ATTACHMENT), "/" + feedformat.blob_path(video.sha256): video.size}
    for path, size in blobs.items():
        server.drop_after(path, size * 2 // 5)
    report = sync(lib, server.url, keys, video_policy="all")
    assert report.status == "ok" and report.files_downloaded == 7  # the attachment and the six videos
    for path, size in blobs.items():
        first, second = server.requests_for(path)
        assert first.fault == "drop" and first.sent == size * 2 // 5
        assert second.status == 206 and second.range == f"bytes={first.sent}-"
        assert first.sent + second.sent == size  # not a byte fetched twice
    assert video.sha256 in present_blobs(lib) and lib.media.verify(video.sha256) is None
    assert_at_v2(lib, reference)
    assert not lib.check().notes  # every file, videos included, is here and verified


def test_server_errors_then_success(lib: Library, v2: Path, keys, reference: dict, http_server) -> None:
    server = http_server(v2)
    segment = "/" + new_segment(v2).path
    server.fail("/" + feedformat.MANIFEST_NAME, status=500, times=2)
    server.fail(segment, status=503, times=2, retry_after=0)
    server.fail(attachment_blob(), status=502, times=1)
    report = sync(lib, server.url, keys)
    assert report.status == "ok"
    assert [e.status for e in server.requests_for(feedformat.MANIFEST_NAME)] == [500, 500, 200]
    assert [e.status for e in server.requests_for(segment)] == [503, 503, 200]
    assert [e.status for e in server.requests_for(attachment_blob())] == [502, 200]
    assert_at_v2(lib, reference)


def test_server_errors_that_persist_are_a_clear_error_and_nothing_is_applied(lib: Library, v2: Path, keys,
                                                                            reference: dict, http_server) -> None:
    server = http_server(v2)
    segment = "/" + new_segment(v2).path
    before = state(lib)
    server.fail(segment, status=500, times=None)
    with pytest.raises(SourceError) as e:
        sync(lib, server.url, keys, retries=2)
    assert e.value.code == "http_error" and e.value.status == 500 and e.value.transient
    assert "HTTP 500" in str(e.value) and segment.lstrip("/") in str(e.value)
    assert len(server.requests_for(segment)) == 3  # the first try and two retries
    assert_refused_nothing_applied(lib, before)
    server.clear_faults()
    sync(lib, server.url, keys)
    assert_at_v2(lib, reference)


# --- faults: damaged data is refused, nothing applied -------------------------------------------------

@pytest.mark.parametrize("fault", ["truncate", "garble"])
def test_damaged_segment_is_refused_and_nothing_applied(fault: str, lib: Library, v2: Path, keys,
                                                        reference: dict, http_server) -> None:
    server = http_server(v2)
    segment = new_segment(v2)
    before = state(lib)
    if fault == "truncate":
        server.truncate("/" + segment.path, segment.size - 100)  # the server holds a cut-off copy
    else:
        server.garble("/" + segment.path, offset=segment.size // 2, length=16)  # the right size, other bytes
    with pytest.raises(DownloadError) as e:
        sync(lib, server.url, keys)
    assert e.value.code == {"truncate": "size_mismatch", "garble": "hash_mismatch"}[fault]
    assert segment.path in str(e.value) and e.value.path == segment.path
    assert {"truncate": "feed says", "garble": "arrived damaged"}[fault] in str(e.value)
    assert_refused_nothing_applied(lib, before)
    assert SyncStore(lib).last_runs(1)[0]["status"] == "failed"
    # the damage is gone (a proxy's bad copy expired): the next sync succeeds
    server.clear_faults()
    sync(lib, server.url, keys)
    assert_at_v2(lib, reference)


def test_signed_but_damaged_segment_is_a_feed_error_and_nothing_applied(lib: Library, v2: Path, keys,
                                                                        reference: dict, http_server) -> None:
    """The publisher itself wrote a broken segment (its hash is in the signed manifest): FeedError file_damaged."""
    server = http_server(v2)
    raw = (v2 / feedformat.MANIFEST_NAME).read_bytes()
    manifest = feedformat.read_manifest(raw)
    segment = manifest.segments[-1]
    good = (v2 / segment.path).read_bytes()
    broken = good[: len(good) * 2 // 3]  # a gzip stream cut off: its checksum is never reached
    (v2 / segment.path).write_bytes(broken)
    damaged = dataclasses.replace(manifest, segments=(*manifest.segments[:-1], dataclasses.replace(
        segment, size=len(broken), sha256=feedformat.bytes_digest(broken))))
    private = signing.load_private(keys.private)
    new_raw = damaged.encode()
    signature = signing.encode_signature_file([signing.signature_entry(new_raw, private)])
    (v2 / feedformat.SIGNATURE_NAME).write_bytes(signature)
    (v2 / feedformat.MANIFEST_NAME).write_bytes(new_raw)
    before = state(lib)
    with pytest.raises(FeedError) as e:
        sync(lib, server.url, keys)
    assert e.value.code == "file_damaged" and segment.path in str(e.value)
    assert_refused_nothing_applied(lib, before, verified_and_kept=(segment.path,))
    # the publisher repairs the feed (the good segment, the original manifest re-signed): the sync succeeds
    (v2 / segment.path).write_bytes(good)
    (v2 / feedformat.SIGNATURE_NAME).write_bytes(signing.encode_signature_file([signing.signature_entry(raw, private)]))
    (v2 / feedformat.MANIFEST_NAME).write_bytes(raw)
    sync(lib, server.url, keys)
    assert_at_v2(lib, reference)


def test_blob_with_wrong_bytes_is_refused_and_not_marked_present(lib: Library, v2: Path, keys,
                                                                 reference: dict, http_server) -> None:
    server = http_server(v2)
    sha = feedformat.bytes_digest(ATTACHMENT)
    before = state(lib)
    server.garble(attachment_blob(), offset=1000, length=32)
    with pytest.raises(DownloadError) as e:
        sync(lib, server.url, keys)
    assert e.value.code == "hash_mismatch" and sha in str(e.value)
    # a small file is fetched before its segment is applied: the segment (verified, kept) waits, the file is not there
    assert_refused_nothing_applied(lib, before, verified_and_kept=(new_segment(v2).path,))
    assert not lib.media.has(sha)
    server.clear_faults()
    sync(lib, server.url, keys)
    assert_at_v2(lib, reference)
    attachment = next(f for f in lib.get_item("solar-copy-en").files if f.role == "attachment")
    assert attachment.present and lib.media.verify(sha) is None


def test_video_with_wrong_bytes_is_refused_and_not_marked_present(lib: Library, v2: Path, keys,
                                                                  reference: dict, http_server) -> None:
    """Videos come after the content: the content is applied, the bad video is not marked present."""
    server = http_server(v2)
    video = next(f for f in lib.get_item("lesson-pb-intro-ru").files if f.role == "video")
    server.garble("/" + feedformat.blob_path(video.sha256), offset=video.size // 2, length=64)
    with pytest.raises(DownloadError) as e:
        sync(lib, server.url, keys, video_policy="all")
    assert e.value.code == "hash_mismatch"
    assert content(lib) == reference["v2"] and cursor(lib) == reference["v2_seq"]
    assert not next(f for f in lib.get_item("lesson-pb-intro-ru").files if f.role == "video").present
    assert not lib.media.has(video.sha256) and video.sha256 not in present_blobs(lib)
    assert lib.check().ok
    assert not list(lib.paths.media.rglob("*.part"))  # the wrong bytes were thrown away, not kept to resume
    server.clear_faults()
    server.clear_log()
    report = sync(lib, server.url, keys, video_policy="all")
    # one conditional request, then the videos still missing (the refused one, and those queued after it)
    assert report.status == "unchanged" and server.log[0].status == 304
    assert all(e.status == 200 and e.path.startswith("/blobs/") and e.range is None for e in server.log[1:])
    assert "/" + feedformat.blob_path(video.sha256) in [e.path for e in server.log[1:]]
    assert next(f for f in lib.get_item("lesson-pb-intro-ru").files if f.role == "video").present
    assert lib.media.verify(video.sha256) is None
    assert_at_v2(lib, reference)


# --- faults: a feed that is not the portal's, or an old one ----------------------------------------------

@pytest.mark.parametrize("how", ["manifest_only", "manifest_and_signature_hash"])
def test_tampered_manifest_is_refused_and_nothing_applied(how: str, lib: Library, v2: Path, keys,
                                                          reference: dict, http_server) -> None:
    server = http_server(v2)
    raw = (v2 / feedformat.MANIFEST_NAME).read_bytes()
    sig = (v2 / feedformat.SIGNATURE_NAME).read_bytes()
    tampered = raw.replace(b'"title": "Sample"', b'"title": "Sampl3"')
    assert tampered != raw
    (v2 / feedformat.MANIFEST_NAME).write_bytes(tampered)
    if how == "manifest_and_signature_hash":  # the attacker also points the signature entry at the new bytes
        entries = signing.decode_signature_file(sig)
        entries[0] = dataclasses.replace(entries[0], sha256=feedformat.bytes_digest(tampered))
        (v2 / feedformat.SIGNATURE_NAME).write_bytes(signing.encode_signature_file(entries))
    before = state(lib)
    with pytest.raises(SignatureError) as e:
        sync(lib, server.url, keys)
    assert e.value.code == {"manifest_only": "signature_mismatch", "manifest_and_signature_hash": "bad_signature"}[how]
    assert "feed.json" in str(e.value)
    assert_refused_nothing_applied(lib, before)
    # nothing else fetched
    assert [e.path for e in server.log] == ["/" + feedformat.MANIFEST_NAME, "/" + feedformat.SIGNATURE_NAME]
    (v2 / feedformat.MANIFEST_NAME).write_bytes(raw)
    (v2 / feedformat.SIGNATURE_NAME).write_bytes(sig)
    sync(lib, server.url, keys)
    assert_at_v2(lib, reference)


def test_replayed_old_manifest_is_refused(lib: Library, v2: Path, sample_feed_template: Path, keys,
                                          reference: dict, http_server) -> None:
    server = http_server(v2)
    sync(lib, server.url, keys)
    assert_at_v2(lib, reference)
    at_v2 = state(lib)
    # someone (a stale mirror, an attacker) serves the old manifest with its genuine old signature
    for name in (feedformat.MANIFEST_NAME, feedformat.SIGNATURE_NAME):
        shutil.copy(sample_feed_template / name, v2 / name)
    server.clear_log()
    with pytest.raises(FeedError) as e:
        sync(lib, server.url, keys)
    assert e.value.code == "feed_went_backwards"
    assert "older" in str(e.value) and "146" in str(e.value) and str(reference["v2_seq"]) in str(e.value)
    assert [e.path for e in server.log] == ["/" + feedformat.MANIFEST_NAME, "/" + feedformat.SIGNATURE_NAME]
    after = state(lib)
    assert after == at_v2  # content, cursor, kept manifest, index, files: all as they were
    assert SyncStore(lib).last_runs(1)[0]["status"] == "failed"


# --- faults: slow answers ----------------------------------------------------------------------------------

@pytest.mark.parametrize("where", ["manifest", "segment", "attachment"])
def test_slow_answers_with_a_short_timeout_are_a_clear_error_and_nothing_applied(
        where: str, lib: Library, v2: Path, keys, reference: dict, http_server) -> None:
    server = http_server(v2)
    path = {"manifest": "/" + feedformat.MANIFEST_NAME, "segment": "/" + new_segment(v2).path,
            "attachment": attachment_blob()}[where]
    if where == "segment":
        server.stall_after(path, 0, seconds=3, times=None)  # headers, then silence
    else:
        server.delay(path, seconds=3)  # no answer at all
    before = state(lib)
    with pytest.raises(SourceError) as e:
        sync(lib, server.url, keys, timeout=0.3, retries=1)
    assert e.value.code == "timeout" and e.value.transient
    assert "stopped answering" in str(e.value) and "0.3 s" in str(e.value)
    kept = (new_segment(v2).path,) if where == "attachment" else ()  # the segment came before its small file
    assert_refused_nothing_applied(lib, before, verified_and_kept=kept)
    server.clear_faults()
    sync(lib, server.url, keys)
    assert_at_v2(lib, reference)
