"""A small signed feed (one practice, one document with its PDF) and a library synced from it, for tests that
need a synced library but not the whole sample (tests/app/test_usbkit.py, tests/ui/test_usbkit_ui.py). Import
the fixtures into the test module (with ``keys`` from tests/sync/conftest.py)."""

import shutil
from pathlib import Path

import pytest

from app.library import Library
from sync.client import SyncOptions, run_sync
from sync.publisher import publish
from tests.conftest import SAMPLE

SMALL = ("practices/hearings-ivanovka-ru.md", "documents/doc-water-toolkit-ru.md")


@pytest.fixture(scope="module")
def small_feed(tmp_path_factory: pytest.TempPathFactory, keys) -> Path:
    root = tmp_path_factory.mktemp("small")
    authoring = root / "authoring"
    shutil.copytree(SAMPLE / "_taxonomy", authoring / "_taxonomy")
    for rel in SMALL:  # without their links to items left out
        text = (SAMPLE / rel).read_text(encoding="utf-8")
        target = authoring / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text("".join(line for line in text.splitlines(keepends=True)
                                  if not line.startswith("related:")), encoding="utf-8")
    (authoring / "documents" / "media").mkdir()
    shutil.copy(SAMPLE / "documents" / "media" / "doc-water-toolkit-ru.pdf", authoring / "documents" / "media")
    publish(authoring, root / "feed", keys.private, feed_id="small-feed", title="Small")
    return root / "feed"


@pytest.fixture(scope="module")
def synced_template(tmp_path_factory: pytest.TempPathFactory, small_feed: Path, keys) -> Path:
    folder = tmp_path_factory.mktemp("synced") / "library"
    with Library.open(folder) as lib:
        run_sync(lib, str(small_feed), SyncOptions(extra_keys=(keys.public,), accept_new_feed=True))
    return folder


@pytest.fixture
def synced(synced_template: Path, tmp_path: Path):
    """A copy of the synced library, open."""
    shutil.copytree(synced_template, tmp_path / "library")
    with Library.open(tmp_path / "library") as lib:
        yield lib


def with_file_renamed(feed: Path, dest: Path, private_key: Path, item_id: str, **changes) -> Path:
    """A copy of ``feed`` at ``dest`` in which the files (not the body pictures) of ``item_id`` carry ``changes``
    (e.g. ``name="../x.pdf"``) in every snapshot and segment, the manifest re-signed with ``private_key``: what
    a publisher holding the real key could send, past every check of our own publisher."""
    import dataclasses

    from sync import feedformat, signing
    from sync.changes import Upsert, read_segment, read_snapshot, write_changes

    shutil.copytree(feed, dest)
    manifest = feedformat.read_manifest((dest / feedformat.MANIFEST_NAME).read_bytes())

    def edit(change):
        if not (isinstance(change, Upsert) and change.record.id == item_id):
            return change
        files = tuple(f if f.role == "image" else dataclasses.replace(f, **changes) for f in change.record.files)
        return dataclasses.replace(change, record=dataclasses.replace(change.record, files=files))

    def rewrite(entry, read):
        path = dest / entry.path
        edited = [edit(c) for c in read(path, entry)]
        with open(path, "wb") as f:
            write_changes(f, edited)
        data = path.read_bytes()
        return dataclasses.replace(entry, size=len(data), sha256=feedformat.bytes_digest(data))

    raw = dataclasses.replace(manifest, segments=tuple(rewrite(s, read_segment) for s in manifest.segments),
                              snapshot=rewrite(manifest.snapshot, read_snapshot) if manifest.snapshot else None).encode()
    entry = signing.signature_entry(raw, signing.load_private(private_key))
    (dest / feedformat.SIGNATURE_NAME).write_bytes(signing.encode_signature_file([entry]))
    (dest / feedformat.MANIFEST_NAME).write_bytes(raw)
    return dest
