"""What sync needs from the library database: feed cursors, source validators, applying a batch of
changes in one transaction, marking downloaded files, and the "what's new" history.

Sync (``sync/client.py``) calls only this and the media store; it never opens sessions itself.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import func, select, update

from app.content import ApplyResult, bump_content_version, chunked, delete_items, upsert_items, upsert_taxonomy, utcnow
from app.db import models as m
from app.progress import Progress, part
from app.records import ItemRecord, TaxonomyEntry


@dataclass(frozen=True)
class FeedCursor:
    feed_id: str
    seq: int
    key_id: str
    title: str


@dataclass(frozen=True)
class SourceState:
    location: str
    feed_id: str | None
    etag: str | None
    last_modified: str | None


@dataclass(frozen=True)
class MissingFile:
    item_id: str
    kind: str
    role: str
    sha256: str
    size: int
    topics: tuple[str, ...]


class SyncStore:
    def __init__(self, library) -> None:  # noqa: ANN001 — app.library.Library (import cycle)
        self.lib = library

    # --- cursors and sources ------------------------------------------------------------------------

    def feeds(self) -> dict[str, FeedCursor]:
        with self.lib._read() as s:
            return {f.feed_id: FeedCursor(f.feed_id, f.seq, f.key_id, f.title) for f in s.scalars(select(m.Feed))}

    def set_cursor(self, feed_id: str, *, seq: int, key_id: str, title: str) -> None:
        with self.lib._write() as s:
            row = s.get(m.Feed, feed_id)
            if row is None:
                s.add(m.Feed(feed_id=feed_id, seq=seq, key_id=key_id, title=title, updated_at=utcnow()))
            else:
                row.seq, row.key_id, row.title, row.updated_at = seq, key_id, title, utcnow()

    def source(self, location: str) -> SourceState | None:
        with self.lib._read() as s:
            row = s.get(m.SyncSource, location)
            return SourceState(row.location, row.feed_id, row.etag, row.last_modified) if row else None

    def set_source(self, location: str, *, feed_id: str | None, etag: str | None, last_modified: str | None) -> None:
        with self.lib._write() as s:
            row = s.get(m.SyncSource, location) or m.SyncSource(location=location)
            row.feed_id, row.etag, row.last_modified, row.last_checked_at = feed_id, etag, last_modified, utcnow()
            s.add(row)

    def source_for_feed(self, feed_id: str) -> str | None:
        """The place this feed was last fetched from."""
        with self.lib._read() as s:
            return s.scalar(select(m.SyncSource.location).where(m.SyncSource.feed_id == feed_id)
                            .order_by(m.SyncSource.last_checked_at.desc()).limit(1))

    # --- content ----------------------------------------------------------------------------------

    def kinds_of(self, ids: Iterable[str]) -> dict[str, str]:
        ids = list(ids)
        if not ids:
            return {}
        with self.lib._read() as s:
            return {i: kind for chunk in chunked(ids)
                    for i, kind in s.execute(select(m.Item.id, m.Item.kind).where(m.Item.id.in_(chunk)))}

    def items_of_feed(self, feed_id: str) -> set[str]:
        with self.lib._read() as s:
            return set(s.scalars(select(m.Item.id).where(m.Item.origin == origin(feed_id))))

    def apply(self, *, feed_id: str, taxonomy: Iterable[tuple[str, TaxonomyEntry]] = (),
              upserts: list[ItemRecord] = (), deletes: Iterable[str] = (),
              progress: Progress | None = None) -> ApplyResult:
        """Write one batch of changes in one transaction, then bring the search index along.

        ``progress``: the database part moves it to 35 %, the index the rest (a rebuild is the longer part)."""
        by_kind: dict[str, list[TaxonomyEntry]] = {"topics": [], "target_groups": [], "regions": []}
        for kind, entry in taxonomy:
            by_kind[kind].append(entry)
        with self.lib._write() as s:
            tax = upsert_taxonomy(s, **by_kind)
            result = upsert_items(s, list(upserts), media=self.lib.media, origin=origin(feed_id),
                                  progress=part(progress, 0, 35))
            delete_items(s, deletes, result)
            if result.changed or tax:
                bump_content_version(s)
        self.lib.content_committed(result, taxonomy_changed=bool(tax), progress=part(progress, 35, 100))
        return result

    # --- files ------------------------------------------------------------------------------------

    def missing_files(self, *, item_ids: Iterable[str] | None = None, roles: str = "all",
                      topics: Iterable[str] | None = None) -> list[MissingFile]:
        """Files items refer to that are not on this PC yet.

        ``roles``: "all", "small" (everything but videos) or "video"; ``topics`` keeps only files of
        items in one of them. A sync asks for exactly what it will fetch, so its cost follows the
        changes, not the size of the library (every lesson's video may be waiting by policy).
        """
        with self.lib._read() as s:
            q = (select(m.ItemFile.item_id, m.Item.kind, m.ItemFile.role, m.Blob.sha256, m.Blob.size)
                 .join(m.Blob, m.Blob.sha256 == m.ItemFile.sha256).join(m.Item, m.Item.id == m.ItemFile.item_id)
                 .where(m.Blob.present.is_(False)).order_by(m.ItemFile.item_id, m.ItemFile.position))
            if roles == "small":
                q = q.where(m.ItemFile.role != "video")
            elif roles == "video":
                q = q.where(m.ItemFile.role == "video")
            if item_ids is not None:
                q = q.where(m.ItemFile.item_id.in_(list(item_ids)))
            if topics is not None:
                q = q.where(m.ItemFile.item_id.in_(select(m.ItemTopic.item_id)
                                                   .where(m.ItemTopic.topic_id.in_(list(topics)))))
            rows = s.execute(q).all()
            ids = sorted({r[0] for r in rows})
            found: dict[str, tuple[str, ...]] = {}
            for chunk in chunked(ids):
                for item_id, topic in s.execute(select(m.ItemTopic.item_id, m.ItemTopic.topic_id)
                                                .where(m.ItemTopic.item_id.in_(chunk))):
                    found[item_id] = (*found.get(item_id, ()), topic)
        return [MissingFile(i, k, r, sha, size, found.get(i, ())) for i, k, r, sha, size in rows]

    def count_missing(self, *, role: str) -> int:
        """How many files of one role are not on this PC (videos waiting by policy)."""
        with self.lib._read() as s:
            return s.scalar(select(func.count()).select_from(m.ItemFile)
                            .join(m.Blob, m.Blob.sha256 == m.ItemFile.sha256)
                            .where(m.Blob.present.is_(False), m.ItemFile.role == role)) or 0

    def mark_present(self, shas: Iterable[str]) -> None:
        shas = [x for x in shas if self.lib.media.has(x)]
        if shas:
            with self.lib._write() as s:
                s.execute(update(m.Blob).where(m.Blob.sha256.in_(shas)).values(present=True))

    # --- history ----------------------------------------------------------------------------------

    def record_run(self, *, location: str, feed_id: str | None, started_at, status: str, from_seq: int,  # noqa: ANN001
                   to_seq: int, summary: dict, error: str = "") -> int:
        with self.lib._write() as s:
            run = m.SyncRun(location=location, feed_id=feed_id, started_at=started_at, finished_at=utcnow(),
                            from_seq=from_seq, to_seq=to_seq, status=status, summary=summary, error=error)
            s.add(run)
            s.flush()
            return run.id

    def last_runs(self, limit: int = 10) -> list[dict]:
        with self.lib._read() as s:
            rows = s.scalars(select(m.SyncRun).order_by(m.SyncRun.id.desc()).limit(limit))
            return [{"id": r.id, "location": r.location, "feed_id": r.feed_id, "status": r.status,
                     "started_at": r.started_at.isoformat(timespec="seconds"),
                     "finished_at": r.finished_at.isoformat(timespec="seconds") if r.finished_at else None,
                     "from_seq": r.from_seq, "to_seq": r.to_seq, "summary": r.summary, "error": r.error}
                    for r in rows]


def origin(feed_id: str) -> str:
    return f"feed:{feed_id}"
