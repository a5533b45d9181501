"""Altering real feeds the way an attacker (or a damaged drive) would: feeds are first built by the real
publisher, then their manifest, signature, segments or snapshot are rewritten here and re-signed with whatever
key the test chooses. Used by the trust tests and the hostile-feed table.
"""

from __future__ import annotations

import dataclasses
import json
import shutil
from collections.abc import Callable, Iterable
from pathlib import Path

from sync import signing
from sync.changes import Change, Delete, Upsert, write_changes
from sync.feedformat import MANIFEST_NAME, SIGNATURE_NAME, bytes_digest, read_manifest, segment_path, snapshot_path
from sync.feedstate import FeedState
from sync.keys import PrivateKey
from tests.conftest import SAMPLE

SMALL = ("practices/hearings-ivanovka-ru.md", "documents/doc-water-toolkit-ru.md")


def small_authoring(dest: Path, rels: Iterable[str] = SMALL) -> Path:
    """A small authoring folder copied from the sample (links to items left out dropped)."""
    shutil.copytree(SAMPLE / "_taxonomy", dest / "_taxonomy")
    for rel in rels:
        text = (SAMPLE / rel).read_text(encoding="utf-8")
        target = dest / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text("".join(line for line in text.splitlines(keepends=True)
                                  if not line.startswith("related:")), encoding="utf-8")
        media = SAMPLE / Path(rel).parent / "media"
        for f in media.glob(Path(rel).stem + ".*") if media.is_dir() else ():
            (target.parent / "media").mkdir(exist_ok=True)
            shutil.copy(f, target.parent / "media" / f.name)
    return dest


def edit_title(page: Path, new_title: str) -> None:
    text = page.read_text(encoding="utf-8")
    lines = [f"title: {new_title}" if line.startswith("title:") else line for line in text.splitlines()]
    page.write_text("\n".join(lines) + "\n", encoding="utf-8")


def private(key: Path | PrivateKey) -> PrivateKey:
    return key if isinstance(key, PrivateKey) else signing.load_private(key)


def manifest_doc(feed: Path) -> dict:
    return json.loads((feed / MANIFEST_NAME).read_bytes())


def write_manifest(feed: Path, doc: dict | bytes, *keys: Path | PrivateKey) -> bytes:
    """Write ``feed.json`` (a dict is encoded as the publisher does; bytes as they are) and a signature file with
    one entry per key (none: no signature file at all)."""
    raw = doc if isinstance(doc, bytes) else (json.dumps(doc, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    (feed / MANIFEST_NAME).write_bytes(raw)
    sig = feed / SIGNATURE_NAME
    if keys:
        sig.write_bytes(signing.encode_signature_file(signing.signature_entry(raw, private(k)) for k in keys))
    else:
        sig.unlink(missing_ok=True)
    return raw


def write_change_file(feed: Path, rel: str, changes: list[Change] | bytes) -> dict:
    """Write a segment or snapshot file; return its ``size`` and ``sha256`` for the manifest entry."""
    target = feed / rel
    target.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(changes, bytes):
        target.write_bytes(changes)
    else:
        with open(target, "wb") as f:
            write_changes(f, changes)
    data = target.read_bytes()
    return {"size": len(data), "sha256": bytes_digest(data)}


def state_of(feed: Path) -> FeedState:
    return FeedState.load(feed, read_manifest((feed / MANIFEST_NAME).read_bytes()))


def renumber(change: Change, seq: int) -> Change:
    return dataclasses.replace(change, seq=seq)


def forge_at(feed: Path, key: Path | PrivateKey, *, seq: int,
             tail: Callable[[FeedState], list[Change]], feed_id: str | None = None,
             created: str | None = None) -> None:
    """Rewrite ``feed`` as a feed at change ``seq``: a snapshot of its current state at ``seq - len(tail)``, then
    one segment holding ``tail(state)`` (renumbered), all signed by ``key``. The result is a perfectly valid
    feed — only its key, id or numbers say whether a library should accept it."""
    state = state_of(feed)
    extra = tail(state)
    base = seq - len(extra)
    doc = manifest_doc(feed)
    snap_rel = snapshot_path(base)
    snap = write_change_file(feed, snap_rel, [renumber(c, base) for c in state.snapshot_changes()])
    n_snap = sum(1 for _ in state.snapshot_changes())
    seg_rel = segment_path(base + 1, seq)
    seg = write_change_file(feed, seg_rel, [renumber(c, base + 1 + i) for i, c in enumerate(extra)])
    doc.update(seq=seq, oldest_seq=base + 1,
               segments=[{"from": base + 1, "to": seq, "path": seg_rel, **seg, "records": len(extra)}],
               snapshot={"seq": base, "path": snap_rel, **snap, "records": n_snap},
               key_id=signing.key_id(private(key).public_key()))
    if feed_id:
        doc["feed_id"] = feed_id
    if created:
        doc["created"] = created
    write_manifest(feed, doc, key)


def retitled(state: FeedState, item_id: str, title: str) -> Upsert:
    record = state.items[item_id]
    return Upsert(seq=1, record=dataclasses.replace(record, title=title))


def deleted(item_id: str) -> Delete:
    return Delete(seq=1, id=item_id)
