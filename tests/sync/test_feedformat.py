"""The feed format: strict manifest validation and change records that never fail with a bare exception."""

import gzip
import hashlib
import io
import json
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

import pytest

from app.incoming import FileRef, ItemRecord, TaxonomyEntry
from sync.changes import (
    Delete,
    TaxonomyUpsert,
    Upsert,
    decode_change,
    iter_changes,
    read_segment,
    read_snapshot,
    write_changes,
)
from sync.errors import FeedError
from sync.feedformat import (
    FEED_FORMAT,
    Manifest,
    SegmentEntry,
    SnapshotEntry,
    path_problem,
    read_manifest,
    segment_path,
    snapshot_path,
)
from tests.conftest import ROOT

SHA = "ab" * 32
RECORD = ItemRecord(id="water-ru", kind="practice", lang="ru", title="Вода", topics=("drinking-water",),
                    duration=12.5, files=(FileRef(role="attachment", sha256=SHA, size=10, name="a.pdf",
                                                  mime="application/pdf"),))
CHANGES = [
    TaxonomyUpsert(seq=5, kind="topics", entry=TaxonomyEntry(id="drinking-water", ky="Суу", ru="Вода", en="Water")),
    Upsert(seq=6, record=RECORD),
    Delete(seq=7, id="old-item"),
]


def manifest_dict() -> dict:
    return {
        "format": FEED_FORMAT, "feed_id": "portal", "title": "Portal", "key_id": "0123456789abcdef", "seq": 7,
        "created": "2025-03-01T09:30:00Z", "oldest_seq": 1,
        "segments": [
            {"from": 1, "to": 4, "path": segment_path(1, 4), "size": 100, "sha256": SHA, "records": 4},
            {"from": 5, "to": 7, "path": segment_path(5, 7), "size": 50, "sha256": SHA, "records": 3},
        ],
        "snapshot": {"seq": 4, "path": snapshot_path(4), "size": 90, "sha256": SHA, "records": 4},
        "blobs": {"count": 1, "bytes": 10},
    }


def encode(d: dict) -> bytes:
    return json.dumps(d).encode()


def test_a_valid_manifest_round_trips() -> None:
    m = read_manifest(encode(manifest_dict()))
    assert isinstance(m, Manifest) and m.seq == 7 and len(m.segments) == 2 and m.snapshot.seq == 4
    assert read_manifest(m.encode()) == m
    assert m.segments_after(0) == list(m.segments) and m.segments_after(4) == [m.segments[1]]
    assert m.segments_after(7) == []


def test_segments_after_says_when_a_client_must_take_the_snapshot() -> None:
    d = manifest_dict()
    d["segments"] = d["segments"][1:]
    d["oldest_seq"] = 5
    m = read_manifest(encode(d))
    assert m.segments_after(4) == list(m.segments)  # just in time
    assert m.segments_after(2) is None  # compacted away: resync from the snapshot


def broken(**changes) -> bytes:
    d = manifest_dict()
    for dotted, value in changes.items():
        node = d
        *parents, last = dotted.split("__")
        for p in parents:
            node = node[int(p)] if p.isdigit() else node[p]
        if value is KeyError:
            del node[last]
        else:
            node[last] = value
    return encode(d)


@pytest.mark.parametrize(("raw", "words"), [
    (b"\xff\xfe", "not UTF-8"),
    (b"{", "not valid JSON"),
    (b"[]", "must be an object"),
    (b'{"format": 1, "format": 1}', "appears twice"),
    (broken(format=0), "'format'"),
    (broken(format="1"), "'format' must be a whole number"),
    (broken(feed_id="Portal Feed"), "'feed_id'"),
    (broken(feed_id="con"), "reserved"),
    (broken(key_id="xyz"), "'key_id'"),
    (broken(seq=True), "'seq' must be a whole number, not true/false"),
    (broken(created="yesterday"), "'created'"),
    (broken(created="2025-03-01T09:30:00+06:00"), "UTC"),
    (broken(title=KeyError), "'title' is missing"),
    (broken(segments=[]), "non-empty list"),
    (broken(segments__1__from=6, segments__1__records=2), "no gap or overlap"),
    (broken(segments__1__from=4, segments__1__records=4), "no gap or overlap"),
    (broken(segments__0__records=3), "one per sequence number"),
    (broken(segments__1__to=6, segments__1__records=2), "but the feed's seq is 7"),
    (broken(oldest_seq=9), "between 1 and 7"),
    (broken(oldest_seq=2), "no gap or overlap"),
    (broken(segments__0__sha256="ABC"), "'segments[0].sha256'"),
    (broken(segments__0__size=-1), "'segments[0].size'"),
    (broken(segments__0__path="../etc/passwd"), "inside the feed"),
    (broken(segments__0__path="/etc/passwd"), "absolute"),
    (broken(segments__0__path="C:/feed/x.gz"), "absolute"),
    (broken(segments__0__path="segments\\x.gz"), "'/'"),
    (broken(segments__0__path="segments/a:b.gz"), "not allowed on Windows/USB"),
    (broken(segments__0__path="segments/.hidden"), "hidden"),
    (broken(segments__0__path=segment_path(5, 7).upper()), "used twice"),
    (broken(snapshot=KeyError), "'snapshot' is missing"),
    (broken(snapshot__seq=8), "'snapshot.seq'"),
    (broken(snapshot=None, oldest_seq=5, segments=manifest_dict()["segments"][1:]), "without a snapshot"),
    (broken(blobs__count="1"), "'blobs.count'"),
])
def test_invalid_manifests_are_refused_in_plain_words(raw: bytes, words: str) -> None:
    with pytest.raises(FeedError) as e:
        read_manifest(raw)
    assert e.value.code == "manifest_invalid"
    assert words in str(e.value)
    assert str(e.value).startswith("the feed's manifest")


def test_a_newer_format_asks_for_an_update() -> None:
    with pytest.raises(FeedError) as e:
        read_manifest(broken(format=FEED_FORMAT + 1))
    assert e.value.code == "feed_too_new" and "update Kitepkana" in str(e.value)


def test_unknown_manifest_fields_are_ignored() -> None:
    assert read_manifest(broken(future_field={"x": 1})).seq == 7


def test_the_optional_program_list_round_trips_and_is_left_out_when_empty() -> None:
    listed = read_manifest(broken(programs=[{"name": "kitepkana-0.2.0-setup.exe", "size": 5, "sha256": SHA}]))
    assert [(p.name, p.size, p.sha256) for p in listed.programs] == [("kitepkana-0.2.0-setup.exe", 5, SHA)]
    assert read_manifest(listed.encode()) == listed and b'"programs"' in listed.encode()
    plain = read_manifest(encode(manifest_dict()))
    assert plain.programs == () and b"programs" not in plain.encode()  # older feeds stay byte-identical


@pytest.mark.parametrize(("programs", "words"), [
    ({"name": "a.exe"}, "'programs' must be a list"),
    ([{"name": "../a.exe", "size": 1, "sha256": SHA}], "not a plain file name"),
    ([{"name": "C:\\a.exe", "size": 1, "sha256": SHA}], "not a plain file name"),
    ([{"name": "CON.exe", "size": 1, "sha256": SHA}], "not a plain file name"),
    ([{"name": "", "size": 1, "sha256": SHA}], "not a plain file name"),
    ([{"name": "a.exe", "size": 1, "sha256": "x"}], "'programs[0].sha256'"),
    ([{"name": "a.exe", "size": -1, "sha256": SHA}], "'programs[0].size'"),
    ([{"name": "a.exe", "size": 1, "sha256": SHA}, {"name": "A.EXE", "size": 1, "sha256": SHA}], "listed twice"),
])
def test_a_bad_program_list_is_refused(programs: object, words: str) -> None:
    with pytest.raises(FeedError) as e:
        read_manifest(broken(programs=programs))
    assert e.value.code == "manifest_invalid" and words in str(e.value)


def test_path_rules() -> None:
    assert path_problem("blobs/ab/" + SHA) is None
    assert path_problem("segments/./x") and path_problem("") and path_problem("a//b")
    assert path_problem("blobs/AUX/x") and path_problem("segments/x. ")


def gz(changes) -> bytes:
    buf = io.BytesIO()
    write_changes(buf, changes)
    return buf.getvalue()


def test_change_records_round_trip_and_are_deterministic() -> None:
    data = gz(CHANGES)
    assert data == gz(CHANGES)  # no time or name in the gzip header
    assert list(iter_changes(io.BytesIO(data), name="seg")) == CHANGES
    lines = gzip.decompress(data).decode().splitlines()
    assert [json.loads(line)["op"] for line in lines] == ["taxonomy", "upsert", "delete"]
    assert json.loads(lines[1])["record"] == json.loads(json.dumps(RECORD.to_dict()))


def test_a_garbled_segment_is_a_feed_error() -> None:
    data = bytearray(gz(CHANGES * 20))
    for i in range(20, len(data) - 20, 7):
        data[i] ^= 0x5A
    with pytest.raises(FeedError) as e:
        list(iter_changes(io.BytesIO(bytes(data)), name="segments/x.jsonl.gz"))
    assert e.value.code == "file_damaged"
    assert str(e.value).startswith("segments/x.jsonl.gz") and "damaged" in str(e.value)


def test_a_truncated_segment_is_a_feed_error() -> None:
    data = gz(CHANGES)
    with pytest.raises(FeedError) as e:
        list(iter_changes(io.BytesIO(data[: len(data) // 2]), name="segments/x.jsonl.gz"))
    assert e.value.code == "file_damaged" and "cut off" in str(e.value)


def test_something_that_is_not_gzip_is_a_feed_error() -> None:
    with pytest.raises(FeedError) as e:
        list(iter_changes(io.BytesIO(b"<html>502 Bad Gateway</html>"), name="seg"))
    assert "not a gzip-compressed" in str(e.value)


@pytest.mark.parametrize(("text", "words"), [
    (b"\xff\xfe\n", "not UTF-8"),
    (b"{oops}\n", "not valid JSON"),
    (b'{"seq": 1, "op": "upsert", "record": {"id": "x"}}', "no line end"),
    (b'{"seq": NaN, "op": "delete", "id": "x"}\n', "not valid JSON"),
])
def test_damaged_lines_are_feed_errors(text: bytes, words: str) -> None:
    with pytest.raises(FeedError) as e:
        list(iter_changes(io.BytesIO(gzip.compress(text)), name="seg"))
    assert words in str(e.value) and "seg, line 1" in str(e.value)


def upsert(**record_changes) -> dict:
    d = {"seq": 1, "op": "upsert", "record": json.loads(json.dumps(RECORD.to_dict()))}  # as it comes off the wire
    for k, v in record_changes.items():
        if k.startswith("file_"):
            d["record"]["files"][0][k[5:]] = v
        elif v is KeyError:
            del d["record"][k]
        else:
            d["record"][k] = v
    return d


@pytest.mark.parametrize(("obj", "words"), [
    ([], "must be a JSON object"),
    ({"seq": 0, "op": "delete", "id": "x"}, "'seq'"),
    ({"seq": 1, "op": "rename", "id": "x"}, "unknown operation"),
    ({"seq": 1, "op": "delete", "id": 5}, "'id' must be text"),
    ({"seq": 1, "op": "delete", "id": "../x"}, "not a valid item id"),
    ({"seq": 1, "op": "taxonomy", "kind": "colors", "entry": {}}, "'kind'"),
    ({"seq": 1, "op": "taxonomy", "kind": "topics", "entry": {"id": "t", "ky": "a", "ru": "b"}},
     "'entry.en' is missing"),
    ({"seq": 1, "op": "taxonomy", "kind": "regions", "entry": {"id": "r", "ky": "a", "ru": "b", "en": "c"}},
     "'entry.type'"),
    ({"seq": 1, "op": "upsert"}, "'record' must be an object"),
    (upsert(title=KeyError), "'record.title' is missing"),
    (upsert(title=5), "'record.title' must be text, not a number"),
    (upsert(kind="video"), "'record.kind'"),
    (upsert(lang="de"), "'record.lang'"),
    (upsert(year="2020"), "'record.year' must be a whole number"),
    (upsert(duration="long"), "'record.duration' must be a number"),
    (upsert(topics="water"), "'record.topics' must be a list"),
    (upsert(topics=[1]), "'record.topics[0]' must be text"),
    (upsert(related=["Bad Id"]), "'record.related[0]'"),
    (upsert(starts="soon"), "'record.starts'"),
    (upsert(files=[5]), "'record.files[0]' must be an object"),
    (upsert(file_sha256="xyz"), "'record.files[0].sha256'"),
    (upsert(file_size=-5), "'record.files[0].size'"),
    (upsert(file_size=None), "'record.files[0].size' must be a whole number, not null"),
    (upsert(file_role="poster"), "'record.files[0].role'"),
])
def test_every_field_of_a_change_is_checked(obj: object, words: str) -> None:
    with pytest.raises(FeedError) as e:
        decode_change(obj, where="seg, line 3")
    assert e.value.code == "record_invalid"
    assert str(e.value).startswith("seg, line 3: ") and words in str(e.value)


def test_unknown_record_fields_are_ignored_and_ints_are_numbers() -> None:
    change = decode_change(upsert(future_field=1, duration=12))
    assert isinstance(change, Upsert) and change.record.duration == 12.0


def test_a_segment_file_is_checked_against_its_manifest_entry(tmp_path: Path) -> None:
    data = gz(CHANGES)
    path = tmp_path / "seg.jsonl.gz"
    path.write_bytes(data)
    import hashlib

    entry = SegmentEntry(first=5, last=7, path="segments/seg.jsonl.gz", size=len(data),
                         sha256=hashlib.sha256(data).hexdigest(), records=3)
    assert list(read_segment(path, entry)) == CHANGES
    with pytest.raises(FeedError) as e:
        list(read_segment(path, SegmentEntry(4, 6, entry.path, entry.size, entry.sha256, 3), verify=False))
    assert "found record 5 where 4 should be" in str(e.value)
    with pytest.raises(FeedError) as e:
        list(read_segment(path, SegmentEntry(5, 8, entry.path, entry.size, entry.sha256, 4), verify=False))
    assert "incomplete" in str(e.value)
    path.write_bytes(data[:-3])
    with pytest.raises(FeedError) as e:
        list(read_segment(path, entry))
    assert e.value.code == "file_mismatch" and "incomplete" in str(e.value)
    path.write_bytes(data[:-1] + bytes([data[-1] ^ 1]))
    with pytest.raises(FeedError) as e:
        list(read_segment(path, entry))
    assert e.value.code == "file_mismatch" and "SHA-256" in str(e.value)
    path.unlink()
    with pytest.raises(FeedError) as e:
        list(read_segment(path, entry))
    assert e.value.code == "file_missing"


# --- bounded parsing: a file stops as soon as it holds more than its manifest entry says ------------------


def taxonomy_line(n: int, label: str = "a") -> bytes:
    return (json.dumps({"seq": 1, "op": "taxonomy", "kind": "topics",
                        "entry": {"id": f"t{n}", "ky": label, "ru": label, "en": label}}) + "\n").encode()


def stuffed_snapshot(path: Path, *, lines: int, records: int, label: str = "a") -> SnapshotEntry:
    """A snapshot of ``lines`` valid lines whose manifest entry says ``records`` (size and hash right). Built
    from one gzip member of 16 MB repeated (a file may hold several; readers join them), so it is made fast."""
    line = taxonomy_line(1, label)
    per_member = max(1, min(lines, 16 * 2**20 // len(line)))
    member = gzip.compress(line * per_member, compresslevel=9, mtime=0)
    data = member * (lines // per_member) + gzip.compress(line * (lines % per_member), mtime=0)
    path.write_bytes(data)
    return SnapshotEntry(seq=1, path="snapshots/big.jsonl.gz", size=len(data),
                         sha256=hashlib.sha256(data).hexdigest(), records=records)


def measured(fn) -> tuple[BaseException, float, int]:
    """Run ``fn`` (which must raise) twice: timed, then with memory traced (tracing slows it down). Return the
    error, the seconds the first run took and the peak of traced memory in the second."""
    errors = []
    for trace in (False, True):
        if trace:
            tracemalloc.start()
        started = time.perf_counter()
        try:
            fn()
        except Exception as e:  # noqa: BLE001 - returned to the test, which checks it
            errors.append(e)
        else:
            raise AssertionError("expected an error")
        finally:
            if trace:
                peak = tracemalloc.get_traced_memory()[1]
                tracemalloc.stop()
            else:
                took = time.perf_counter() - started
    return errors[0], took, peak


def test_a_snapshot_with_a_million_lines_for_three_records_stops_at_the_fourth(tmp_path: Path) -> None:
    entry = stuffed_snapshot(tmp_path / "big.jsonl.gz", lines=1_000_000, records=3)
    assert entry.size < 400_000  # a small file (the report: ~300 KB took 15 s and 230 MB before being refused)
    error, took, peak = measured(lambda: list(read_snapshot(tmp_path / "big.jsonl.gz", entry)))
    assert isinstance(error, FeedError) and error.code == "file_damaged"
    assert "more records than the 3 the manifest says" in str(error)
    assert took < 1.0 and peak < 5 * 2**20, (took, peak)
    print(f"\nmillion-line snapshot ({entry.size:,} bytes) refused in {took * 1000:.0f} ms, peak {peak / 2**20:.1f} MB")


def test_a_snapshot_is_read_whole_when_it_holds_what_it_says(tmp_path: Path) -> None:
    entry = stuffed_snapshot(tmp_path / "ok.jsonl.gz", lines=20, records=20)
    assert len(list(read_snapshot(tmp_path / "ok.jsonl.gz", entry))) == 20
    short = SnapshotEntry(entry.seq, entry.path, entry.size, entry.sha256, records=21)
    with pytest.raises(FeedError) as e:
        list(read_snapshot(tmp_path / "ok.jsonl.gz", short))
    assert "holds 20 records, but the manifest says 21" in str(e.value)


def test_a_segment_with_more_records_than_its_entry_stops_at_the_first_extra(tmp_path: Path) -> None:
    path = tmp_path / "seg.jsonl.gz"
    data = gzip.compress(b"".join(b'{"seq":%d,"op":"delete","id":"x%d"}\n' % (n, n) for n in range(1, 200_001)))
    path.write_bytes(data)
    entry = SegmentEntry(first=1, last=3, path="segments/s.jsonl.gz", size=len(data),
                         sha256=hashlib.sha256(data).hexdigest(), records=3)
    error, took, _peak = measured(lambda: list(read_segment(path, entry)))
    assert isinstance(error, FeedError) and "more records than the manifest says" in str(error)
    assert took < 0.5, took


def test_a_decompression_bomb_is_refused_early_without_much_memory(tmp_path: Path) -> None:
    # 15,000 valid lines of 10 kB each: 150 MB from a file of about 300 kB, for a manifest entry that
    # claims ten million records (so the record count alone would not stop it)
    entry = stuffed_snapshot(tmp_path / "bomb.jsonl.gz", lines=15_000, records=10_000_000, label="x" * 3_300)
    assert entry.size < 327_000, entry.size
    error, took, peak = measured(lambda: list(read_snapshot(tmp_path / "bomb.jsonl.gz", entry)))
    assert isinstance(error, FeedError) and error.code == "file_damaged"
    assert "damaged" in str(error) and "unpacks to more than 32 MB" in str(error)
    # (the peak is the records decoded before the limit, all kept by list() as the sync client keeps them)
    assert took < 1.5 and peak < 48 * 2**20, (took, peak)
    print(f"\nbomb ({entry.size:,} bytes, 150 MB unpacked) refused in {took * 1000:.0f} ms, "
          f"peak {peak / 2**20:.1f} MB")


def test_one_endless_line_is_refused_at_the_unpacked_limit(tmp_path: Path) -> None:
    path = tmp_path / "line.jsonl.gz"
    path.write_bytes(gzip.compress(b"[" * 2**20) * 64)  # 64 MB without a line end
    with pytest.raises(FeedError) as e, path.open("rb") as f:
        list(iter_changes(f, name="seg", max_unpacked=8 * 2**20))
    assert e.value.code == "file_damaged" and "unpacks to more than 8 MB" in str(e.value)


def test_sync_imports_no_qt() -> None:
    code = ("import sys, sync.feedformat, sync.changes, sync.signing, sync.publisher, sync.feedstate, sync.sources\n"
            "print(','.join(sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6', 'ui')))))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
