"""Hostile feeds: each is built with the real publisher, then altered the way an attacker, a broken server or a
damaged drive would (tests/sync/forge.py), and offered to a library that follows the genuine feed. Every one is
refused with a plain message; nothing is applied (content, cursor, index, files), ``check`` stays clean and the
user's notes and bookmarks are intact.

The table's rows name what is tried; ``expect`` is the error code the refusal carries, ``says`` a few words the
message must contain (it is what a librarian or the CLI user reads).
"""

from __future__ import annotations

import dataclasses
import gzip
import json
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from app.errors import KitepkanaError
from app.incoming import FileRef
from app.library import Library
from app.settings import Settings
from app.syncstore import SyncStore
from app.values import SearchRequest
from sync import signing
from sync.changes import TaxonomyUpsert, Upsert, encode_change
from sync.client import SyncOptions, run_sync, trust_key
from sync.feedformat import MANIFEST_NAME, SIGNATURE_NAME, blob_path, segment_path
from sync.publisher import publish
from tests.sync.forge import (
    deleted,
    edit_title,
    forge_at,
    manifest_doc,
    retitled,
    small_authoring,
    state_of,
    write_change_file,
    write_manifest,
)

PRACTICE = "hearings-ivanovka-ru"
DOCUMENT = "doc-water-toolkit-ru"


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """The portal's key and feeds at v0 (one item), v1 (two) and v2 (a changed title); a library at v1 with a
    note and a bookmark; a second publisher the library also trusts (for another feed); an untrusted stranger."""
    root = tmp_path_factory.mktemp("hostile")
    keys = {name: signing.generate_keypair(root / f"{name}.key") for name in ("portal", "other", "stranger", "new")}
    authoring = small_authoring(root / "authoring", rels=(f"practices/{PRACTICE}.md",))
    feed = root / "feed"
    publish(authoring, feed, keys["portal"].private, feed_id="portal", title="Portal")
    v0 = shutil.copytree(feed, root / "feed-v0")
    small_authoring(root / "more", rels=(f"documents/{DOCUMENT}.md",))
    shutil.copytree(root / "more" / "documents", authoring / "documents")
    publish(authoring, feed, keys["portal"].private)
    library = root / "library"
    with Library.open(library) as lib:
        settings = Settings(lib.paths)
        trust_key(settings, keys["portal"].public)
        trust_key(settings, keys["other"].public)
        run_sync(lib, str(feed), SyncOptions(accept_new_feed=True))
        lib.add_note(PRACTICE, "ask the council")
        lib.set_bookmark(DOCUMENT, True)
    edit_title(authoring / "practices" / f"{PRACTICE}.md", "A genuine new title")
    publish(authoring, feed, keys["portal"].private)
    return {"root": root, "keys": keys, "v0": v0, "v2": feed, "library": library}


@dataclass(frozen=True)
class Ctx:
    feed: Path  # a copy of v2, free to alter
    keys: dict
    v0: Path
    tmp: Path

    def key(self, name: str) -> Path:
        return self.keys[name].private

    @property
    def seq(self) -> int:
        return manifest_doc(self.feed)["seq"]

    def resign(self, mutate: Callable[[dict], object], key: str = "portal") -> None:
        doc = manifest_doc(self.feed)
        mutate(doc)
        write_manifest(self.feed, doc, self.key(key))

    def segment(self, n: int = -1) -> dict:
        return manifest_doc(self.feed)["segments"][n]

    def rewrite_last_segment(self, data: bytes | list, *, records: int | None = None) -> None:
        """Replace the newest segment's file and re-sign the manifest so size and hash match it."""
        doc = manifest_doc(self.feed)
        entry = doc["segments"][-1]
        entry.update(write_change_file(self.feed, entry["path"], data))
        if records is not None:
            entry["records"] = records
        write_manifest(self.feed, doc, self.key("portal"))

    def last_records(self) -> list:
        from sync.changes import read_segment
        from sync.feedformat import read_manifest

        manifest = read_manifest((self.feed / MANIFEST_NAME).read_bytes())
        entry = manifest.segments[-1]
        return list(read_segment(self.feed / entry.path, entry))


def _with_file(ctx: Ctx, name: str) -> None:
    """The newest segment's practice gains an attachment whose name is ``name`` (the blob itself is genuine)."""
    changes = ctx.last_records()
    pdf = next(f for c in state_of(ctx.feed).items.values() for f in c.files if f.mime == "application/pdf")
    bad = [dataclasses.replace(c, record=dataclasses.replace(c.record, files=(
        *c.record.files, FileRef(**{**dataclasses.asdict(pdf), "name": name, "role": "attachment"}))))
           if isinstance(c, Upsert) else c for c in changes]
    ctx.rewrite_last_segment(bad)


def _gzip_lines(lines: list[bytes]) -> bytes:
    return gzip.compress(b"".join(lines), mtime=0)


def _snapshot_claims(ctx: Ctx, records: int) -> None:
    forge_at(ctx.feed, ctx.key("portal"), seq=ctx.seq + 500, tail=lambda s: [retitled(s, PRACTICE, "via snapshot")])
    ctx.resign(lambda d: d["snapshot"].update(records=records))


def _snapshot_extra_lines(ctx: Ctx) -> None:
    forge_at(ctx.feed, ctx.key("portal"), seq=ctx.seq + 500, tail=lambda s: [retitled(s, PRACTICE, "via snapshot")])
    doc = manifest_doc(ctx.feed)
    snap = doc["snapshot"]
    extra = TaxonomyUpsert(seq=snap["seq"], kind="topics", entry=next(iter(state_of(ctx.feed).taxonomy["topics"].values())))
    lines = gzip.decompress((ctx.feed / snap["path"]).read_bytes()) + encode_change(extra) * 200_000
    snap.update(write_change_file(ctx.feed, snap["path"], gzip.compress(lines, mtime=0)))
    write_manifest(ctx.feed, doc, ctx.key("portal"))


def _flip(path: Path, at: int = 40) -> None:
    data = bytearray(path.read_bytes())
    data[at] ^= 0xFF
    path.write_bytes(bytes(data))


def _bad_blob(ctx: Ctx) -> None:
    """A record names a small file (subtitles-like attachment) whose bytes on the feed are not what it says."""
    fake_sha = "ab" * 32
    changes = ctx.last_records()
    bad = [dataclasses.replace(c, record=dataclasses.replace(c.record, files=(
        *c.record.files, FileRef(role="attachment", sha256=fake_sha, size=10, mime="application/pdf",
                                 name="minutes.pdf", lang=None, title=None))))
           if isinstance(c, Upsert) else c for c in changes]
    ctx.rewrite_last_segment(bad)
    target = ctx.feed / blob_path(fake_sha)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(b"0123456789")


def _record(ctx: Ctx, **fields) -> None:
    changes = ctx.last_records()
    lines = []
    for c in changes:
        line = json.loads(encode_change(c))
        if line["op"] == "upsert":
            line["record"].update(fields)
        lines.append(json.dumps(line, ensure_ascii=False).encode() + b"\n")
    ctx.rewrite_last_segment(_gzip_lines(lines))


def _raw_line(ctx: Ctx, line: dict) -> None:
    entry = ctx.segment()
    line = {"seq": entry["from"], **line}
    ctx.rewrite_last_segment(_gzip_lines([json.dumps(line).encode() + b"\n"]), records=1)
    ctx.resign(lambda d: d["segments"][-1].update({"to": entry["from"]}) or d.update(seq=entry["from"]))


def _rotation_by_stranger(ctx: Ctx) -> None:
    forge_at(ctx.feed, ctx.key("stranger"), seq=ctx.seq + 1, tail=lambda s: [retitled(s, PRACTICE, "hijacked")])
    stranger = signing.load_private(ctx.key("stranger"))
    fake = signing.rotation("portal", stranger, stranger.public_key())
    ctx.resign(lambda d: d.update(key_rotations=[{**fake.to_dict(), "from": ctx.keys["portal"].key_id}]),
               key="stranger")


def _text_manifest(ctx: Ctx, raw: bytes) -> None:
    write_manifest(ctx.feed, raw, ctx.key("portal"))


HUGE = 9_999_000_000

# (name, how to alter the v2 feed, expected error code, words the message says, extra sync options)
CASES: list[tuple[str, Callable[[Ctx], None], str, str, dict]] = [
    # signatures and keys
    ("unsigned", lambda c: (c.feed / SIGNATURE_NAME).unlink(), "unsigned", "not signed", {}),
    ("empty signature file", lambda c: (c.feed / SIGNATURE_NAME).write_bytes(b""), "unsigned", "not signed", {}),
    ("signature file not JSON", lambda c: (c.feed / SIGNATURE_NAME).write_bytes(b"<html>"), "signature_malformed",
     "malformed", {}),
    ("signature not base64", lambda c: (c.feed / SIGNATURE_NAME).write_text(
        json.dumps({"signatures": [{"key_id": "0" * 16, "algorithm": "ed25519", "sha256": "0" * 64,
                                    "signature": "***"}]})), "signature_malformed", "malformed", {}),
    ("manifest edited after signing", lambda c: (c.feed / MANIFEST_NAME).write_bytes(
        (c.feed / MANIFEST_NAME).read_bytes().replace(b'"Portal"', b'"Portal!"')), "signature_mismatch",
     "do not belong together", {}),
    ("signature entry re-pointed at an edited manifest", lambda c: _repoint(c), "bad_signature", "not valid", {}),
    ("a new feed signed by an untrusted stranger", lambda c: c.resign(
        lambda d: d.update(key_id=c.keys["stranger"].key_id, feed_id="stranger"), key="stranger"), "untrusted_key",
     "not one of your", {}),
    ("the portal's feed signed by an untrusted stranger", lambda c: c.resign(
        lambda d: d.update(key_id=c.keys["stranger"].key_id), key="stranger"), "feed_key_changed",
     "signed by someone else", {}),
    ("another trusted key claims the portal", lambda c: forge_at(
        c.feed, c.key("other"), seq=c.seq + 1, tail=lambda s: [retitled(s, PRACTICE, "taken over")]),
     "feed_key_changed", "signed by someone else", {}),
    ("another trusted key, huge sequence number", lambda c: forge_at(
        c.feed, c.key("other"), seq=HUGE, tail=lambda s: [deleted(DOCUMENT)]), "feed_key_changed",
     "signed by someone else", {}),
    ("a key trusted for this run only claims the portal", lambda c: forge_at(
        c.feed, c.key("stranger"), seq=c.seq + 1, tail=lambda s: [retitled(s, PRACTICE, "x")]),
     "feed_key_changed", "signed by someone else", {"trust": "stranger"}),
    ("a key rotation the pinned key never signed", _rotation_by_stranger, "feed_key_changed",
     "signed by someone else", {"trust": "stranger"}),
    # replay and rollback
    ("replay of an older genuine manifest", lambda c: _copy_feed(c.v0, c.feed), "feed_went_backwards", "older",
     {}),
    ("rollback signed by the genuine key", lambda c: forge_at(
        c.feed, c.key("portal"), seq=2, tail=lambda s: [retitled(s, PRACTICE, "rolled back")]),
     "feed_went_backwards", "older", {}),
    # the manifest itself
    ("manifest over 16 MB", lambda c: c.resign(lambda d: d.update(padding="x" * (17 * 2**20))), "not_a_feed",
     "too large", {}),
    ("manifest is an HTML page", lambda c: _text_manifest(c, b"<html><body>Log in to Wi-Fi</body></html>"),
     "manifest_invalid", "not valid JSON", {}),
    ("manifest with a duplicate key", lambda c: _text_manifest(
        c, (c.feed / MANIFEST_NAME).read_bytes().replace(b'"format": 1,', b'"format": 1, "format": 1,')),
     "manifest_invalid", "twice", {}),
    ("manifest with NaN", lambda c: _text_manifest(
        c, (c.feed / MANIFEST_NAME).read_bytes().replace(b'"count": ', b'"count": NaN, "x": ')),
     "manifest_invalid", "not a number", {}),
    ("a format from the future", lambda c: c.resign(lambda d: d.update(format=99)), "feed_too_new", "newer", {}),
    ("a segment path that climbs out", lambda c: c.resign(
        lambda d: d["segments"][-1].update(path="segments/../../../outside.jsonl.gz")), "manifest_invalid",
     "stay inside", {}),
    ("an absolute segment path", lambda c: c.resign(lambda d: d["segments"][-1].update(path="C:/Windows/x.gz")),
     "manifest_invalid", "absolute", {}),
    ("segments with a gap", lambda c: c.resign(lambda d: d["segments"][-1].update(
        {"from": d["segments"][-1]["from"] + 1, "to": d["segments"][-1]["to"] + 1}) or d.update(seq=d["seq"] + 1)),
     "manifest_invalid", "gap", {}),
    # segments and snapshots
    ("truncated segment", lambda c: _truncate(c.feed / c.segment()["path"]), "size_mismatch", "another file", {}),
    ("truncated segment, manifest re-signed to match", lambda c: c.rewrite_last_segment(
        (c.feed / c.segment()["path"]).read_bytes()[:-20]), "file_damaged", "cut off", {}),
    ("segment bytes changed, same size", lambda c: _flip(c.feed / c.segment()["path"]), "hash_mismatch", "damaged",
     {}),
    ("segment with more records than its entry", lambda c: c.rewrite_last_segment(
        [*c.last_records(), dataclasses.replace(c.last_records()[-1], seq=c.segment()["to"] + 1)]),
     "file_damaged", "more records", {}),
    ("segment whose sequence numbers skip", lambda c: c.rewrite_last_segment(
        [dataclasses.replace(r, seq=r.seq + 1) for r in c.last_records()]), "file_damaged", "where", {}),
    ("segment that is a gzip bomb of junk lines", lambda c: c.rewrite_last_segment(
        gzip.compress(b"{}\n" * 5_000_000, mtime=0)), "record_invalid", "seq", {}),
    ("segment that is a gzip bomb of one endless line", lambda c: c.rewrite_last_segment(
        gzip.compress(b"x" * 60_000_000, mtime=0)), "file_damaged", "unpacks to more than", {}),
    ("snapshot that holds more records than it says", _snapshot_extra_lines, "file_damaged", "more records", {}),
    ("snapshot claiming a billion records", lambda c: _snapshot_claims(c, 10**9), "file_damaged", "incomplete", {}),
    # records
    ("an unknown operation", lambda c: _raw_line(c, {"op": "format-disk", "id": PRACTICE}), "record_invalid",
     "unknown operation", {}),
    ("an item id that is a path", lambda c: _record(c, id="../../etc/passwd"), "record_invalid",
     "not a valid item id", {}),
    ("a file hash that is not a SHA-256", lambda c: _record(c, files=[{
        "role": "attachment", "sha256": "../../x", "size": 1, "mime": "application/pdf", "name": "a.pdf"}]),
     "record_invalid", "SHA-256", {}),
    ("a file name that climbs out (../)", lambda c: _with_file(c, "../../Startup/run.pdf"), "record_invalid",
     "name", {}),
    ("an absolute file name", lambda c: _with_file(c, "/etc/passwd"), "record_invalid", "name", {}),
    ("a drive-letter file name", lambda c: _with_file(c, "C:\\Windows\\system.ini"), "record_invalid", "name", {}),
    ("a reserved Windows name", lambda c: _with_file(c, "CON"), "record_invalid", "name", {}),
    ("a small file whose bytes are not what the record says", _bad_blob, "hash_mismatch", "", {}),
]


def _repoint(ctx: Ctx) -> None:
    raw = (ctx.feed / MANIFEST_NAME).read_bytes().replace(b'"Portal"', b'"Portal!"')
    (ctx.feed / MANIFEST_NAME).write_bytes(raw)
    doc = json.loads((ctx.feed / SIGNATURE_NAME).read_bytes())
    doc["signatures"][0]["sha256"] = signing.hashlib.sha256(raw).hexdigest()
    (ctx.feed / SIGNATURE_NAME).write_text(json.dumps(doc))


def _copy_feed(source: Path, target: Path) -> None:
    shutil.rmtree(target)
    shutil.copytree(source, target)


def _truncate(path: Path) -> None:
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


def test_the_table_is_long_enough() -> None:
    assert len(CASES) >= 30
    assert len({name for name, *_ in CASES}) == len(CASES)


def snapshot(lib: Library) -> dict:
    store = SyncStore(lib)
    return {"items": {i.id: i.title for i in lib.list_items()}, "feeds": store.feeds(),
            "version": lib.content_version(), "hits": [h.id for h in lib.search(SearchRequest("hearings")).hits],
            "notes": [(n.item_id, n.text) for n in lib.notes()], "bookmarks": lib.bookmarks()}


@pytest.mark.parametrize(("name", "alter", "expect", "says", "extra"), CASES, ids=[c[0] for c in CASES])
def test_a_hostile_feed_is_refused_and_changes_nothing(name: str, alter: Callable[[Ctx], None], expect: str,
                                                      says: str, extra: dict, world: dict, tmp_path: Path) -> None:
    feed = shutil.copytree(world["v2"], tmp_path / "feed")
    ctx = Ctx(feed=feed, keys=world["keys"], v0=world["v0"], tmp=tmp_path)
    alter(ctx)
    shutil.copytree(world["library"], tmp_path / "library")
    with Library.open(tmp_path / "library") as lib:
        before = snapshot(lib)
        trust = (world["keys"][extra["trust"]].public,) if "trust" in extra else ()
        with pytest.raises(KitepkanaError) as refused:
            run_sync(lib, str(feed), SyncOptions(extra_keys=trust))
        assert refused.value.code == expect, f"{name}: {refused.value!r}"
        assert says.lower() in str(refused.value).lower(), str(refused.value)
        assert "Traceback" not in str(refused.value) and len(str(refused.value)) < 600
        assert snapshot(lib) == before
        assert lib.check().ok
        assert not list(lib.paths.data.rglob("*.part")) or expect in ("hash_mismatch",)
    # the genuine v2 still applies afterwards
    with Library.open(tmp_path / "library") as lib:
        assert run_sync(lib, str(world["v2"]), SyncOptions()).updated
        assert {i.id: i.title for i in lib.list_items()}[PRACTICE] == "A genuine new title"
        assert [n.text for n in lib.notes(PRACTICE)] == ["ask the council"]


def test_the_genuine_feed_passes_the_same_checks(world: dict, tmp_path: Path) -> None:
    """The control: an unaltered copy of v2 is accepted by the very same test harness."""
    feed = shutil.copytree(world["v2"], tmp_path / "feed")
    shutil.copytree(world["library"], tmp_path / "library")
    with Library.open(tmp_path / "library") as lib:
        report = run_sync(lib, str(feed), SyncOptions())
        assert report.updated and lib.check().ok
    assert segment_path(1, 1)  # the helpers' names stay importable


# --- hostile servers: the feed is genuine, the way it is served is not ------------------------------------------

SERVER_CASES: list[tuple[str, Callable[[object, Ctx], None], str, str]] = [
    ("a server trickling the manifest", lambda s, c: s.trickle("/feed.json", nbytes=1, every=0.5), "too_slow",
     "too slowly"),
    ("a server trickling the new segment", lambda s, c: s.trickle("/" + c.segment()["path"], nbytes=1, every=0.5),
     "too_slow", "too slowly"),
    ("a server that never answers", lambda s, c: s.hang("/feed.json"), "deadline", "took more than"),
    ("the manifest redirected to another host", lambda s, c: s.redirect(
        "/feed.json", to=s.url_as("localhost", "feed.json")), "redirect_refused", "another server"),
    ("the segment redirected to another host", lambda s, c: s.redirect(
        "/" + c.segment()["path"], to=s.url_as("localhost", c.segment()["path"])), "redirect_refused",
     "another server"),
    ("a manifest sent gzip-compressed", lambda s, c: s.encode("/feed.json"), "not_a_feed", "compressed"),
]


@pytest.mark.parametrize(("name", "misbehave", "expect", "says"), SERVER_CASES, ids=[c[0] for c in SERVER_CASES])
def test_a_hostile_server_is_dropped_and_changes_nothing(name: str, misbehave: Callable, expect: str, says: str,
                                                        world: dict, tmp_path: Path, http_server) -> None:
    from sync.client import SyncClient
    from sync.httpwatch import Limits
    from sync.sources import open_source

    feed = shutil.copytree(world["v2"], tmp_path / "feed")
    ctx = Ctx(feed=feed, keys=world["keys"], v0=world["v0"], tmp=tmp_path)
    server = http_server(feed)
    misbehave(server, ctx)
    shutil.copytree(world["library"], tmp_path / "library")
    with Library.open(tmp_path / "library") as lib:
        before = snapshot(lib)
        source = open_source(server.url, limits=Limits(min_speed=1000, window=1.0, deadline=4.0), retries=0,
                             backoff=0.01)
        try:
            with pytest.raises(KitepkanaError) as refused:
                SyncClient(lib, source, SyncOptions()).run()
        finally:
            source.close()
        assert refused.value.code == expect, f"{name}: {refused.value!r}"
        assert says.lower() in str(refused.value).lower(), str(refused.value)
        assert snapshot(lib) == before
        assert lib.check().ok
    server.clear_faults()
    with Library.open(tmp_path / "library") as lib:  # the same server, behaving again: the update arrives
        assert run_sync(lib, server.url, SyncOptions()).updated
        assert [n.text for n in lib.notes(PRACTICE)] == ["ask the council"]
