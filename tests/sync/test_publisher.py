"""Publishing the sample catalog into a feed, and updating it, on real files — as the content team would."""

import gzip
import hashlib
import json
import shutil
import textwrap
from pathlib import Path

import pytest

from app.authoring import load_folder
from app.errors import AuthoringError, CancelledError
from sync import signing
from sync.changes import Delete, TaxonomyUpsert, Upsert, read_segment, read_snapshot
from sync.errors import FeedError, PublishError, SignatureError
from sync.feedformat import MANIFEST_NAME, SIGNATURE_NAME, blob_path, read_manifest, resolve
from sync.publisher import publish
from sync.signing import KeyPairFiles
from tests.conftest import SAMPLE
from tests.sync.conftest import tree, verified

NEW_ITEM = """
    ---
    id: new-practice-ky
    kind: practice
    lang: ky
    title: Жаңы тажрыйба
    topics: [drinking-water]
    attachments: [../media/new-protocol.pdf]
    ---
    Жаңы текст.
    """


def edit_delete_add(folder: Path) -> None:
    """Edit one item, delete one, add one (with a new attachment)."""
    edited = folder / "practices" / "lighting-karakulja-ru.md"
    edited.write_text(edited.read_text(encoding="utf-8").replace("\ntitle: ", "\ntitle: (ред.) ", 1), encoding="utf-8")
    (folder / "practices" / "irrigation-suzak-ky.md").unlink()
    (folder / "media").mkdir()
    (folder / "media" / "new-protocol.pdf").write_bytes(b"%PDF-1.4 protocol of the village meeting\n")
    (folder / "practices" / "new-practice-ky.md").write_text(textwrap.dedent(NEW_ITEM).lstrip(), encoding="utf-8")


def test_publishing_the_sample_makes_a_complete_signed_feed(sample_feed: Path, keys: KeyPairFiles) -> None:
    catalog = load_folder(SAMPLE)
    manifest, state = verified(sample_feed, keys)
    assert manifest.feed_id == "sample-feed" and manifest.title == "Sample" and manifest.key_id == keys.key_id
    # one segment with every record, numbered from 1
    taxonomy = len(catalog.topics) + len(catalog.target_groups) + len(catalog.regions)
    assert manifest.seq == taxonomy + len(catalog.items) and manifest.oldest_seq == 1
    assert [(s.first, s.last) for s in manifest.segments] == [(1, manifest.seq)]
    # the snapshot holds every item and every taxonomy entry
    snap = manifest.snapshot
    assert snap.seq == manifest.seq and snap.records == manifest.seq
    lines = list(read_snapshot(resolve(sample_feed, snap.path), snap))
    assert {c.record.id for c in lines if isinstance(c, Upsert)} == {r.id for r in catalog.items}
    assert sum(isinstance(c, TaxonomyUpsert) for c in lines) == taxonomy
    # replaying the feed gives exactly the folder's content
    assert {i: r.content_hash for i, r in state.items.items()} == {r.id: r.content_hash for r in catalog.items}
    # every file every item refers to is there, with the right hash
    files = {f.sha256: f.size for r in catalog.items for f in r.files}
    assert manifest.blobs.count == len(files) and manifest.blobs.bytes == sum(files.values())
    for sha, size in files.items():
        blob = resolve(sample_feed, blob_path(sha))
        assert blob.stat().st_size == size and hashlib.sha256(blob.read_bytes()).hexdigest() == sha
    assert not list(sample_feed.rglob(".tmp-*"))


def test_republishing_an_unchanged_folder_writes_nothing(sample_feed: Path, keys: KeyPairFiles) -> None:
    before = tree(sample_feed)
    report = publish(SAMPLE, sample_feed, keys.private)
    assert not report.changed and not report.manifest_written and report.seq == report.previous_seq
    assert tree(sample_feed) == before  # feed.json byte-identical, and nothing else touched either


def test_edit_delete_add_makes_exactly_one_segment(sample_feed: Path, folder: Path, keys: KeyPairFiles) -> None:
    old_manifest, _ = verified(sample_feed, keys)
    old_raw = (sample_feed / MANIFEST_NAME).read_bytes()
    edit_delete_add(folder)
    report = publish(folder, sample_feed, keys.private)
    assert report.added == ["new-practice-ky"] and report.updated == ["lighting-karakulja-ru"]
    assert report.deleted == ["irrigation-suzak-ky"] and report.taxonomy == []
    assert report.blobs_copied == 1 and report.previous_seq == old_manifest.seq

    manifest, state = verified(sample_feed, keys)
    n = old_manifest.seq
    assert manifest.seq == n + 3 == report.seq
    assert manifest.segments[:-1] == old_manifest.segments  # the old ones untouched
    new = manifest.segments[-1]
    assert (new.first, new.last, new.records) == (n + 1, n + 3, 3)
    changes = list(read_segment(resolve(sample_feed, new.path), new))
    assert [(c.seq, c.op) for c in changes] == [(n + 1, "upsert"), (n + 2, "upsert"), (n + 3, "delete")]
    assert changes[0].record.id == "lighting-karakulja-ru" and changes[0].record.title.startswith("(ред.) ")
    assert changes[1].record.id == "new-practice-ky"
    assert changes[2] == Delete(seq=n + 3, id="irrigation-suzak-ky")
    # the state equals the edited folder; the new attachment is in the feed
    catalog = load_folder(folder)
    assert {i: r.content_hash for i, r in state.items.items()} == {r.id: r.content_hash for r in catalog.items}
    pdf = hashlib.sha256(b"%PDF-1.4 protocol of the village meeting\n").hexdigest()
    assert resolve(sample_feed, blob_path(pdf)).is_file()
    # a small feed gets a fresh snapshot at the new seq
    assert manifest.snapshot.seq == n + 3 and report.snapshot == manifest.snapshot
    # the new signature file still signs the previous manifest: a reader between the two renames is fine
    sig = (sample_feed / SIGNATURE_NAME).read_bytes()
    assert signing.verify_detached(old_raw, sig, [signing.load_public(keys.public)]) == keys.key_id
    assert len(json.loads(sig)["signatures"]) == 2


def test_taxonomy_changes_and_entries_are_never_deleted(sample_feed: Path, folder: Path, keys: KeyPairFiles) -> None:
    topics = folder / "_taxonomy" / "topics.yaml"
    text = topics.read_text(encoding="utf-8")
    topics.write_text(text + "- {id: ecology, ky: Экология, ru: Экология, en: Ecology}\n", encoding="utf-8")
    report = publish(folder, sample_feed, keys.private)
    assert report.taxonomy == ["topics:ecology"] and not report.added and not report.updated
    manifest, _ = verified(sample_feed, keys)
    (change,) = read_segment(resolve(sample_feed, manifest.segments[-1].path), manifest.segments[-1])
    assert isinstance(change, TaxonomyUpsert) and change.entry.en == "Ecology"
    topics.write_text(text, encoding="utf-8")  # removed again from the folder: stays in the feed
    again = publish(folder, sample_feed, keys.private)
    assert not again.changed and "ecology" in verified(sample_feed, keys)[1].taxonomy["topics"]


def test_an_invalid_authoring_folder_writes_nothing(sample_feed: Path, folder: Path, keys: KeyPairFiles,
                                                    tmp_path: Path) -> None:
    before = tree(sample_feed)
    edit_delete_add(folder)
    bad = folder / "practices" / "lighting-karakulja-ru.md"
    bad.write_text(bad.read_text(encoding="utf-8").replace("\nlang: ru", "\nlang: de", 1), encoding="utf-8")
    with pytest.raises(AuthoringError) as e:
        publish(folder, sample_feed, keys.private)
    assert "lighting-karakulja-ru.md" in str(e.value)
    assert tree(sample_feed) == before
    fresh = tmp_path / "new-feed"
    with pytest.raises(AuthoringError):
        publish(folder, fresh, keys.private)
    assert not fresh.exists()


class Crash(Exception):
    pass


@pytest.mark.parametrize("stage", ["writing changes", "writing snapshot", "signing", "writing feed.json"])
def test_a_crash_mid_publish_leaves_the_previous_feed_valid(sample_feed: Path, folder: Path, keys: KeyPairFiles,
                                                             stage: str) -> None:
    old_raw = (sample_feed / MANIFEST_NAME).read_bytes()
    old_manifest, old_state = verified(sample_feed, keys)
    edit_delete_add(folder)
    seen = []

    def progress(done: int, total: int, message: str) -> None:
        seen.append(message)
        if message == stage:
            raise Crash(stage)

    with pytest.raises(Crash):
        publish(folder, sample_feed, keys.private, progress=progress)
    assert "new-protocol.pdf" in seen  # the blob was copied before the crash
    # the feed is what it was: same manifest, a signature that verifies it, the same content
    assert (sample_feed / MANIFEST_NAME).read_bytes() == old_raw
    manifest, state = verified(sample_feed, keys)
    assert manifest == old_manifest and state.items == old_state.items
    assert not list(sample_feed.rglob(".tmp-*"))
    # the next publish completes and cleans up what the crashed one left
    report = publish(folder, sample_feed, keys.private)
    assert report.seq == old_manifest.seq + 3 and len(report.added + report.updated + report.deleted) == 3
    manifest, state = verified(sample_feed, keys)
    assert set(state.items) == {r.id for r in load_folder(folder).items}
    on_disk = {p.relative_to(sample_feed).as_posix() for d in ("segments", "snapshots")
               for p in (sample_feed / d).iterdir()}
    assert on_disk == set(manifest.files()) | set(old_manifest.files())


def test_cancelling_leaves_the_feed_as_it_was(sample_feed: Path, folder: Path, keys: KeyPairFiles) -> None:
    before = tree(sample_feed)
    edit_delete_add(folder)
    copying = []  # the user presses Cancel while the new attachment is being copied
    with pytest.raises(CancelledError):
        publish(folder, sample_feed, keys.private, progress=lambda done, total, message: copying.append(message),
                cancelled=lambda: "new-protocol.pdf" in copying)
    after = tree(sample_feed)
    assert {k: v for k, v in after.items() if not k.startswith("blobs/")} == \
        {k: v for k, v in before.items() if not k.startswith("blobs/")}
    verified(sample_feed, keys)


def test_a_damaged_feed_is_refused_and_left_alone(sample_feed: Path, folder: Path, keys: KeyPairFiles) -> None:
    edit_delete_add(folder)
    manifest, _ = verified(sample_feed, keys)
    snap = resolve(sample_feed, manifest.snapshot.path)
    data = snap.read_bytes()
    snap.write_bytes(data[: len(data) // 2])  # truncated
    before = tree(sample_feed)
    with pytest.raises(FeedError) as e:
        publish(folder, sample_feed, keys.private)
    assert "damaged" in str(e.value) and manifest.snapshot.path in str(e.value) and e.value.code == "file_mismatch"
    assert tree(sample_feed) == before


def test_a_garbled_segment_is_refused_in_plain_words(sample_feed: Path, keys: KeyPairFiles, tmp_path: Path) -> None:
    """A garbled or cut-off segment whose manifest entry matches it (the publisher's files were damaged
    before signing, or a reader skipped the hash check) is still a clear FeedError, never a crash."""
    manifest, _ = verified(sample_feed, keys)
    seg = manifest.segments[0]
    good = resolve(sample_feed, seg.path).read_bytes()
    garbled = bytearray(good)
    for i in range(100, len(garbled) - 10, 97):
        garbled[i] ^= 0xFF
    for damaged, words in ((bytes(garbled), "damaged"), (good[: len(good) // 3], "cut off")):
        p = tmp_path / "seg.jsonl.gz"
        p.write_bytes(damaged)
        with pytest.raises(FeedError) as e:
            list(read_segment(p, seg, verify=False))
        assert words in str(e.value) and seg.path in str(e.value) and e.value.code == "file_damaged"


def test_a_tampered_manifest_stops_the_publisher(sample_feed: Path, folder: Path, keys: KeyPairFiles) -> None:
    raw = (sample_feed / MANIFEST_NAME).read_text(encoding="utf-8")
    (sample_feed / MANIFEST_NAME).write_text(raw.replace('"title": "Sample"', '"title": "Evil"'), encoding="utf-8")
    edit_delete_add(folder)
    with pytest.raises(SignatureError) as e:
        publish(folder, sample_feed, keys.private)
    assert "does not verify" in str(e.value)


def test_the_feed_keeps_its_key_and_its_id(sample_feed: Path, keys: KeyPairFiles, tmp_path: Path) -> None:
    other = signing.generate_keypair(tmp_path / "other.key")
    with pytest.raises(PublishError) as e:
        publish(SAMPLE, sample_feed, other.private)
    assert e.value.code == "feed_key_mismatch" and keys.key_id in str(e.value)
    with pytest.raises(PublishError) as e:
        publish(SAMPLE, sample_feed, keys.private, feed_id="another-id")
    assert e.value.code == "feed_id_mismatch"
    stranger = tmp_path / "documents"
    stranger.mkdir()
    (stranger / "letter.docx").write_bytes(b"x")
    with pytest.raises(PublishError) as e:
        publish(SAMPLE, stranger, keys.private)
    assert e.value.code == "feed_dir_invalid" and "letter.docx" in str(e.value)
    with pytest.raises(PublishError) as e:
        publish(SAMPLE, tmp_path / "f", keys.private, feed_id="Not Valid")
    assert e.value.code == "feed_id_invalid"


def test_a_new_feed_takes_its_id_from_the_key(tmp_path: Path, keys: KeyPairFiles) -> None:
    report = publish(SAMPLE, tmp_path / "feed", keys.private)
    assert report.new_feed and report.feed_id == keys.key_id and report.title == "sample"


def test_a_title_change_rewrites_only_the_manifest(sample_feed: Path, keys: KeyPairFiles) -> None:
    before, _ = verified(sample_feed, keys)
    report = publish(SAMPLE, sample_feed, keys.private, title="Портал МСУ")
    after, _ = verified(sample_feed, keys)
    assert report.manifest_written and not report.changed and after.title == "Портал МСУ"
    assert after.seq == before.seq and after.segments == before.segments and after.snapshot == before.snapshot


def test_the_publisher_vouches_for_program_files(sample_feed: Path, keys: KeyPairFiles, tmp_path: Path) -> None:
    before, _ = verified(sample_feed, keys)
    setup = tmp_path / "kitepkana-0.2.0-setup.exe"
    setup.write_bytes(b"MZ installer")
    report = publish(SAMPLE, sample_feed, keys.private, programs=[setup])
    after, _ = verified(sample_feed, keys)  # signed: a USB kit can carry this list and a receiver can check it
    assert report.manifest_written and not report.changed and after.seq == before.seq
    assert [(p.name, p.size, p.sha256) for p in after.programs] == [
        (setup.name, setup.stat().st_size, hashlib.sha256(setup.read_bytes()).hexdigest())]
    raw = (sample_feed / MANIFEST_NAME).read_bytes()
    assert not publish(SAMPLE, sample_feed, keys.private).manifest_written  # the list stays until given again
    assert (sample_feed / MANIFEST_NAME).read_bytes() == raw
    assert publish(SAMPLE, sample_feed, keys.private, programs=[]).manifest_written
    assert verified(sample_feed, keys)[0].programs == () and b"programs" not in (sample_feed / MANIFEST_NAME).read_bytes()
    with pytest.raises(PublishError) as e:
        publish(SAMPLE, sample_feed, keys.private, programs=[tmp_path / "gone.exe"])
    assert e.value.code == "bad_option" and "gone.exe" in str(e.value)


def test_missing_blobs_are_restored_and_present_ones_reused(sample_feed: Path, folder: Path,
                                                            keys: KeyPairFiles) -> None:
    _, state = verified(sample_feed, keys)
    sha = next(f.sha256 for r in state.items.values() for f in r.files)
    resolve(sample_feed, blob_path(sha)).unlink()
    edit_delete_add(folder)
    report = publish(folder, sample_feed, keys.private)
    assert report.blobs_copied == 2  # the new attachment and the lost one
    assert resolve(sample_feed, blob_path(sha)).is_file()


def test_compaction_drops_old_segments_and_clients_can_still_catch_up(sample_feed: Path, folder: Path,
                                                                       keys: KeyPairFiles) -> None:
    first, _ = verified(sample_feed, keys)
    edited = folder / "practices" / "lighting-karakulja-ru.md"
    manifests = [first]
    for i in range(3):
        edited.write_text(edited.read_text(encoding="utf-8").replace("\ntitle: ", f"\ntitle: {i} ", 1),
                          encoding="utf-8")
        report = publish(folder, sample_feed, keys.private, keep_segments=1)
        manifests.append(verified(sample_feed, keys)[0])
    last = manifests[-1]
    assert len(last.segments) == 1 and last.oldest_seq == last.seq == first.seq + 3
    assert report.dropped_segments == [manifests[-2].segments[-1].path]
    assert last.segments_after(first.seq + 2) == list(last.segments)
    assert last.segments_after(first.seq) is None  # too far behind: take the snapshot
    # files of the previous manifest stay one more publish; older ones are gone
    names = {p.relative_to(sample_feed).as_posix()
             for d in ("segments", "snapshots") for p in (sample_feed / d).iterdir()}
    assert names == set(last.files()) | set(manifests[-2].files())
    assert not resolve(sample_feed, first.segments[0].path).exists()


def test_segments_are_gzip_json_lines(sample_feed: Path, keys: KeyPairFiles) -> None:
    manifest, _ = verified(sample_feed, keys)
    text = gzip.decompress(resolve(sample_feed, manifest.segments[0].path).read_bytes()).decode("utf-8")
    lines = text.splitlines()
    assert len(lines) == manifest.seq and text.endswith("\n")
    assert [json.loads(line)["seq"] for line in lines] == list(range(1, manifest.seq + 1))
    assert read_manifest((sample_feed / MANIFEST_NAME).read_bytes()) == manifest


def test_a_reader_refuses_an_unsigned_feed(sample_feed: Path, keys: KeyPairFiles) -> None:
    (sample_feed / SIGNATURE_NAME).unlink()
    with pytest.raises(SignatureError) as e:
        verified(sample_feed, keys)
    assert e.value.code == "unsigned"


def test_copying_a_feed_keeps_it_valid(sample_feed: Path, keys: KeyPairFiles, tmp_path: Path) -> None:
    """A feed is plain files: copied as it is (a USB drive), it still verifies with the publisher's key."""
    copy = tmp_path / "usb" / "feed"
    shutil.copytree(sample_feed, copy, ignore=shutil.ignore_patterns(".*"))
    _, state = verified(copy, keys)
    assert len(state.items) == len(load_folder(SAMPLE).items)
