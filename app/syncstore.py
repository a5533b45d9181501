"""What sync needs from the library database: feed cursors, source validators, applying a batch of
changes in one transaction, marking downloaded files, and the "what's new" history.

Sync (``sync/client.py``) calls only this and the media store; it never opens sessions itself.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import delete, func, select, update

from app.content import ApplyResult, bump_content_version, chunked, delete_items, upsert_items, upsert_taxonomy, utcnow
from app.db import models as m
from app.incoming import ItemRecord, TaxonomyEntry
from app.progress import Progress, Stage, subrange
from app.values import ChangedItem

if TYPE_CHECKING:
    from app.library import Library


@dataclass(frozen=True)
class FeedCursor:
    feed_id: str
    seq: int
    key_id: str  # the key the feed is pinned to (sync/trust.py)
    title: str


@dataclass(frozen=True)
class FeedInfo:
    """A followed feed as `kitepkana feeds` and Settings show it."""

    feed_id: str
    title: str
    key_id: str
    seq: int
    updated_at: str | None  # when a sync last changed it (UTC ISO)
    manifest_created: str | None  # when the publisher wrote the newest manifest applied (UTC ISO, 'Z')
    items: int
    source: str | None  # where it was last fetched from

    def age_days(self, now: dt.datetime | None = None) -> int | None:
        """Whole days since the publisher wrote the newest update this library has of the feed."""
        if not self.manifest_created:
            return None
        created = dt.datetime.fromisoformat(self.manifest_created)
        now = now or dt.datetime.now(dt.UTC)
        return max(0, (now - created).days)

    def to_dict(self) -> dict:
        return {"feed_id": self.feed_id, "title": self.title, "key_id": self.key_id, "seq": self.seq,
                "updated_at": self.updated_at, "manifest_created": self.manifest_created,
                "age_days": self.age_days(), "items": self.items, "source": self.source}


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
    title: str = ""  # the item's, for the progress line


class SyncStore:
    def __init__(self, library: Library) -> None:
        self.lib = library

    # --- cursors and sources ------------------------------------------------------------------------

    def feeds(self) -> dict[str, FeedCursor]:
        with self.lib.read_session() as s:
            return {f.feed_id: FeedCursor(f.feed_id, f.seq, f.key_id, f.title) for f in s.scalars(select(m.Feed))}

    def set_cursor(self, feed_id: str, *, seq: int, key_id: str, title: str, manifest_created: str | None = None) -> None:
        """Move a feed's cursor; the first call for a feed also pins it to ``key_id``."""
        with self.lib.write_transaction() as s:
            row = s.get(m.Feed, feed_id)
            if row is None:
                s.add(m.Feed(feed_id=feed_id, seq=seq, key_id=key_id, title=title, updated_at=utcnow(),
                             manifest_created=manifest_created, pinned_at=utcnow()))
            else:
                row.seq, row.key_id, row.title, row.updated_at = seq, key_id, title, utcnow()
                row.manifest_created = manifest_created or row.manifest_created

    def manifest_accepted(self, feed_id: str, *, key_id: str, title: str, manifest_created: str) -> None:
        """A verified manifest of a followed feed: keep its key (a rotation moves the pin), title and time."""
        with self.lib.write_transaction() as s:
            row = s.get(m.Feed, feed_id)
            if row is not None:
                if row.key_id != key_id:
                    row.key_id, row.pinned_at = key_id, utcnow()
                row.title = title
                if not row.manifest_created or manifest_created > row.manifest_created:
                    row.manifest_created = manifest_created

    def feed_list(self) -> list[FeedInfo]:
        with self.lib.read_session() as s:
            counts = dict(s.execute(select(m.Item.origin, func.count()).group_by(m.Item.origin)).all())
            out = []
            for f in s.scalars(select(m.Feed).order_by(m.Feed.feed_id)):
                where = s.scalar(select(m.SyncSource.location).where(m.SyncSource.feed_id == f.feed_id)
                                 .order_by(m.SyncSource.last_checked_at.desc()).limit(1))
                out.append(FeedInfo(f.feed_id, f.title, f.key_id, f.seq,
                                    f.updated_at.isoformat(timespec="seconds") if f.updated_at else None,
                                    f.manifest_created, counts.get(origin(f.feed_id), 0), where))
            return out

    def newest_update(self) -> str | None:
        """When the publisher wrote the newest update this library holds (UTC ISO), over every feed."""
        with self.lib.read_session() as s:
            return s.scalar(select(func.max(m.Feed.manifest_created)))

    def forget_feed(self, feed_id: str, *, progress: Progress | None = None) -> ApplyResult:
        """Stop following a feed: its items go (the user's notes and bookmarks stay), with its cursor, its pin
        and where it came from. The next sync from it asks again, like for a feed never seen."""
        with self.lib.write_transaction() as s:
            ids = list(s.scalars(select(m.Item.id).where(m.Item.origin == origin(feed_id))))
            result = delete_items(s, ids, origin=origin(feed_id))
            s.execute(delete(m.SyncSource).where(m.SyncSource.feed_id == feed_id))
            s.execute(delete(m.Feed).where(m.Feed.feed_id == feed_id))
            if result.changed:
                bump_content_version(s)
        self.lib.update_search_index(result, progress=progress)
        return result

    def reset_feed(self, feed_id: str) -> bool:
        """Make the next sync of a feed start again from its snapshot (the pin stays). False if not followed."""
        with self.lib.write_transaction() as s:
            row = s.get(m.Feed, feed_id)
            if row is None:
                return False
            row.seq = 0
            s.execute(update(m.SyncSource).where(m.SyncSource.feed_id == feed_id)
                      .values(etag=None, last_modified=None))
            return True

    def source(self, location: str) -> SourceState | None:
        with self.lib.read_session() as s:
            row = s.get(m.SyncSource, location)
            return SourceState(row.location, row.feed_id, row.etag, row.last_modified) if row else None

    def set_source(self, location: str, *, feed_id: str | None, etag: str | None, last_modified: str | None) -> None:
        with self.lib.write_transaction() as s:
            row = s.get(m.SyncSource, location) or m.SyncSource(location=location)
            row.feed_id, row.etag, row.last_modified, row.last_checked_at = feed_id, etag, last_modified, utcnow()
            s.add(row)

    def source_for_feed(self, feed_id: str) -> str | None:
        """The place this feed was last fetched from."""
        with self.lib.read_session() as s:
            return s.scalar(select(m.SyncSource.location).where(m.SyncSource.feed_id == feed_id)
                            .order_by(m.SyncSource.last_checked_at.desc()).limit(1))

    # --- content ----------------------------------------------------------------------------------

    def kinds_of(self, ids: Iterable[str]) -> dict[str, str]:
        ids = list(ids)
        if not ids:
            return {}
        with self.lib.read_session() as s:
            return {i: kind for chunk in chunked(ids)
                    for i, kind in s.execute(select(m.Item.id, m.Item.kind).where(m.Item.id.in_(chunk)))}

    def describe(self, ids: Iterable[str]) -> dict[str, ChangedItem]:
        """Kind, language, title and translation group of the items among ``ids`` (for a sync's report)."""
        ids = list(ids)
        with self.lib.read_session() as s:
            return {r[0]: ChangedItem(*r) for chunk in chunked(ids) for r in s.execute(
                select(m.Item.id, m.Item.kind, m.Item.lang, m.Item.title, m.Item.translation_group)
                .where(m.Item.id.in_(chunk)))}

    def feed_of(self, item_id: str) -> str | None:
        """The feed an item came from (None: an import, or no such item)."""
        with self.lib.read_session() as s:
            row = s.get(m.Item, item_id)
            return row.origin.removeprefix("feed:") if row and row.origin.startswith("feed:") else None

    def feed_files(self, feed_id: str) -> list[tuple[str, int, bool]]:
        """(sha256, size, present) of every file the feed's items use — what an export carries."""
        with self.lib.read_session() as s:
            return [tuple(r) for r in s.execute(
                select(m.Blob.sha256, m.Blob.size, m.Blob.present)
                .join(m.ItemFile, m.ItemFile.sha256 == m.Blob.sha256).join(m.Item, m.Item.id == m.ItemFile.item_id)
                .where(m.Item.origin == origin(feed_id)).distinct()).all()]

    def items_of_feed(self, feed_id: str) -> set[str]:
        with self.lib.read_session() as s:
            return set(s.scalars(select(m.Item.id).where(m.Item.origin == origin(feed_id))))

    def apply(self, *, feed_id: str, taxonomy: Iterable[tuple[str, TaxonomyEntry]] = (),
              upserts: list[ItemRecord] = (), deletes: Iterable[str] = (),
              progress: Progress | None = None) -> ApplyResult:
        """Write one batch of changes in one transaction, then bring the search index along.

        ``progress``: the database part moves it to 35 %, the index the rest (a rebuild is the longer part)."""
        by_kind: dict[str, list[TaxonomyEntry]] = {"topics": [], "target_groups": [], "regions": []}
        for kind, entry in taxonomy:
            by_kind[kind].append(entry)
        with self.lib.write_transaction() as s:
            tax = upsert_taxonomy(s, **by_kind)
            result = upsert_items(s, list(upserts), media=self.lib.media, origin=origin(feed_id),
                                  progress=subrange(progress, 0, 35, stage=Stage.STORE))
            delete_items(s, deletes, result, origin=origin(feed_id))
            if result.changed or tax:
                bump_content_version(s)
        self.lib.update_search_index(result, progress=subrange(progress, 35, 100, stage=Stage.INDEX))
        return result

    # --- files ------------------------------------------------------------------------------------

    def missing_files(self, *, item_ids: Iterable[str] | None = None, roles: str = "all",
                      topics: Iterable[str] | None = None) -> list[MissingFile]:
        """Files items refer to that are not on this PC yet.

        ``roles``: "all", "small" (everything but videos) or "video"; ``topics`` keeps only files of
        items in one of them. A sync asks for exactly what it will fetch, so its cost follows the
        changes, not the size of the library (every lesson's video may be waiting by policy).
        """
        with self.lib.read_session() as s:
            q = (select(m.ItemFile.item_id, m.Item.kind, m.ItemFile.role, m.Blob.sha256, m.Blob.size, m.Item.title)
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
        return [MissingFile(i, k, r, sha, size, found.get(i, ()), title) for i, k, r, sha, size, title in rows]

    def count_missing(self, *, role: str) -> int:
        """How many files of one role are not on this PC (videos waiting by policy)."""
        with self.lib.read_session() as s:
            return s.scalar(select(func.count()).select_from(m.ItemFile)
                            .join(m.Blob, m.Blob.sha256 == m.ItemFile.sha256)
                            .where(m.Blob.present.is_(False), m.ItemFile.role == role)) or 0

    def mark_present(self, shas: Iterable[str]) -> None:
        shas = [x for x in shas if self.lib.media.has(x)]
        if shas:
            with self.lib.write_transaction() as s:
                s.execute(update(m.Blob).where(m.Blob.sha256.in_(shas)).values(present=True))

    # --- history ----------------------------------------------------------------------------------

    def record_run(self, *, location: str, feed_id: str | None, started_at, status: str, from_seq: int,
                   to_seq: int, summary: dict, error: str = "") -> int:
        with self.lib.write_transaction() as s:
            run = m.SyncRun(location=location, feed_id=feed_id, started_at=started_at, finished_at=utcnow(),
                            from_seq=from_seq, to_seq=to_seq, status=status, summary=summary, error=error)
            s.add(run)
            s.flush()
            return run.id

    def last_runs(self, limit: int = 10) -> list[dict]:
        with self.lib.read_session() as s:
            rows = s.scalars(select(m.SyncRun).order_by(m.SyncRun.id.desc()).limit(limit))
            return [{"id": r.id, "location": r.location, "feed_id": r.feed_id, "status": r.status,
                     "started_at": r.started_at.isoformat(timespec="seconds"),
                     "finished_at": r.finished_at.isoformat(timespec="seconds") if r.finished_at else None,
                     "from_seq": r.from_seq, "to_seq": r.to_seq, "summary": r.summary, "error": r.error}
                    for r in rows]


def origin(feed_id: str) -> str:
    return f"feed:{feed_id}"
