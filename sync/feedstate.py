"""The content a feed describes at its latest sequence number, rebuilt from its own files.

The publisher rebuilds it (latest snapshot + the segments after it) to know what changed since the last
publish; the same replay is what a client does against its database. Taxonomy entries are never
removed (as in the library: items elsewhere may still use them), so an entry that leaves the authoring
folder stays in the feed.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from app.authoring import Catalog
from app.incoming import ItemRecord, TaxonomyEntry
from sync.changes import TAXONOMY_KINDS, Change, Delete, TaxonomyUpsert, Upsert, read_segment, read_snapshot
from sync.feedformat import Manifest, resolve


def _empty_taxonomy() -> dict[str, dict[str, TaxonomyEntry]]:
    return {kind: {} for kind in TAXONOMY_KINDS}


@dataclass
class FeedState:
    seq: int = 0
    items: dict[str, ItemRecord] = field(default_factory=dict)
    taxonomy: dict[str, dict[str, TaxonomyEntry]] = field(default_factory=_empty_taxonomy)

    def apply(self, change: Change) -> None:
        if isinstance(change, Upsert):
            self.items[change.record.id] = change.record
        elif isinstance(change, Delete):
            self.items.pop(change.id, None)
        elif isinstance(change, TaxonomyUpsert):
            self.taxonomy[change.kind][change.entry.id] = change.entry  # a relabel keeps its place
        self.seq = max(self.seq, change.seq)

    @classmethod
    def load(cls, feed_root: Path, manifest: Manifest) -> FeedState:
        """Replay the feed's snapshot (if any) and the segments after it. Checks every file's hash."""
        state = cls()
        start = 0
        if manifest.snapshot is not None:
            for change in read_snapshot(resolve(feed_root, manifest.snapshot.path), manifest.snapshot):
                state.apply(change)
            start = manifest.snapshot.seq
        for segment in manifest.segments:
            if segment.last <= start:
                continue
            for change in read_segment(resolve(feed_root, segment.path), segment):
                if change.seq > start:
                    state.apply(change)
        state.seq = manifest.seq
        return state

    def diff(self, catalog: Catalog, *, first_seq: int) -> list[Change]:
        """The changes that turn this state into the catalog's, numbered from ``first_seq``.

        Order: taxonomy (topics, target groups, regions — parents first, as the folder lists them), then
        upserts of new and changed items, then deletions, each by id; items compare by content hash.
        """
        changes: list[Change] = []
        for kind, entries in (("topics", catalog.topics), ("target_groups", catalog.target_groups),
                              ("regions", catalog.regions)):
            for entry in entries:
                if self.taxonomy[kind].get(entry.id) != entry:
                    changes.append(TaxonomyUpsert(seq=first_seq + len(changes), kind=kind, entry=entry))
        folder = {r.id: r for r in catalog.items}
        for item_id in sorted(folder):
            old = self.items.get(item_id)
            if old is None or old.content_hash != folder[item_id].content_hash:
                changes.append(Upsert(seq=first_seq + len(changes), record=folder[item_id]))
        for item_id in sorted(set(self.items) - set(folder)):
            changes.append(Delete(seq=first_seq + len(changes), id=item_id))
        return changes

    def snapshot_changes(self) -> Iterator[Change]:
        """The lines of a snapshot at :attr:`seq`: every taxonomy entry, then every item by id."""
        for kind in TAXONOMY_KINDS:
            entries = self.taxonomy[kind].values()
            if kind == "regions":
                entries = _parents_first(self.taxonomy[kind])
            for entry in entries:
                yield TaxonomyUpsert(seq=self.seq, kind=kind, entry=entry)
        for item_id in sorted(self.items):
            yield Upsert(seq=self.seq, record=self.items[item_id])

    @property
    def record_count(self) -> int:
        return sum(len(v) for v in self.taxonomy.values()) + len(self.items)

    def blob_sizes(self) -> dict[str, int]:
        """SHA-256 → size of every file the current items refer to."""
        return {f.sha256: f.size for r in self.items.values() for f in r.files}


def _parents_first(regions: dict[str, TaxonomyEntry]) -> list[TaxonomyEntry]:
    """Regions ordered so that a parent always comes before its children (a region that moved under a
    parent added later would otherwise come first)."""
    out: list[TaxonomyEntry] = []
    done: set[str] = set()

    def visit(entry: TaxonomyEntry, path: set[str]) -> None:
        if entry.id in done or entry.id in path:
            return
        parent = regions.get(entry.parent) if entry.parent else None
        if parent is not None:
            visit(parent, path | {entry.id})
        done.add(entry.id)
        out.append(entry)

    for entry in regions.values():
        visit(entry, set())
    return out
