"""Writing content records into the library database, inside a caller's transaction.

Used by the importer now and by sync later: the same records, the same rules. User-data tables are
never touched here.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from sqlalchemy import delete, insert, select, update
from sqlalchemy.orm import Session

from app.db import models as m
from app.incoming import ItemRecord, TaxonomyEntry
from app.markdown import html_to_text, render_html
from app.media import MediaStore
from app.progress import Progress
from app.subtitles import read_cues
from app.textextract import extract, extractable

PROGRESS_EVERY = 200  # records between two progress reports
MODEL_BY_KIND = {"practice": m.Practice, "lesson": m.Lesson, "document": m.Document, "event": m.Event}


@dataclass
class ApplyResult:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)
    # (item id, the origin that owns it): changes refused because the item belongs to another source
    clashes: list[tuple[str, str]] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.deleted)


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def upsert_taxonomy(session: Session, *, topics: Iterable[TaxonomyEntry] = (), target_groups:
                    Iterable[TaxonomyEntry] = (), regions: Iterable[TaxonomyEntry] = ()) -> int:
    """Add or relabel taxonomy entries (entries are never deleted: items may still use them)."""
    changed = 0
    for model, entries in ((m.Topic, topics), (m.TargetGroup, target_groups), (m.Region, regions)):
        for e in entries:  # parents come before children in the region list
            row = session.get(model, e.id)
            values = {"label_ky": e.ky, "label_ru": e.ru, "label_en": e.en}
            if model is m.Region:
                values |= {"type": e.type, "parent_id": e.parent}
            if row is None:
                session.add(model(id=e.id, **values))
                changed += 1
            elif any(getattr(row, k) != v for k, v in values.items()):
                for k, v in values.items():
                    setattr(row, k, v)
                changed += 1
    session.flush()
    return changed


def _body_html(record: ItemRecord) -> str:
    """Render the body; images point into the media store (``media:SHA``), never elsewhere."""
    rendered = render_html(record.body_md)
    images = {f.name: f.sha256 for f in record.files if f.role == "image"}

    def swap(match: re.Match[str]) -> str:
        src = html.unescape(match.group(2))
        sha = images.get(src)
        return f'{match.group(1)}"media:{sha}"' if sha else f'{match.group(1)}""'

    return re.sub(r'(<img src=)"([^"]*)"', swap, rendered)


def translation_group(record: ItemRecord, session: Session, pending: dict[str, ItemRecord]) -> str:
    """The id of the original text of a translation chain."""
    seen = {record.id}
    current = record
    while current.translation_of and current.translation_of not in seen:
        seen.add(current.translation_of)
        nxt = pending.get(current.translation_of)
        if nxt is None:
            row = session.get(m.Item, current.translation_of)
            return row.translation_group if row else current.translation_of
        current = nxt
    return current.id


def is_feed_origin(origin: str) -> bool:
    return origin.startswith("feed:")


def may_change(owner: str, origin: str, *, same_text: bool = False) -> bool:
    """Whether changes from ``origin`` may replace or delete an item that came from ``owner``.

    A feed's items belong to that feed: no other feed and no local import may change or delete them. A local
    import's items may be replaced by another import (the librarian's own files); a feed may take one over only
    when it brings exactly the same text (the sample imported at first start, then synced from its feed)."""
    if owner == origin or not is_feed_origin(owner) and not is_feed_origin(origin):
        return True
    return not is_feed_origin(owner) and same_text


def upsert_items(session: Session, records: list[ItemRecord], *, media: MediaStore, origin: str,
                 result: ApplyResult | None = None, progress: Progress | None = None) -> ApplyResult:
    """Add, replace or leave each record; new items go in by bulk inserts (a first sync brings thousands)."""
    result = result or ApplyResult()
    done, total = 0, len(records)

    def tick() -> None:
        nonlocal done
        done += 1
        if progress and (done % PROGRESS_EVERY == 0 or done == total):
            progress(done, total, "writing the library")

    pending = {r.id: r for r in records}
    existing: dict[str, m.Item] = {}
    for ids in chunked(list(pending)):
        existing.update((row.id, row) for row in session.scalars(select(m.Item).where(m.Item.id.in_(ids))))
    now = utcnow()
    blobs: dict[str, m.Blob] = {}  # added in this unit of work (autoflush is off while filling)
    texts: set[str] = set()
    new: list[ItemRecord] = []
    for r in records:
        h = r.content_hash
        row = existing.get(r.id)
        if row is not None and not may_change(row.origin, origin, same_text=row.content_hash == h):
            result.clashes.append((r.id, row.origin))  # reported, not applied
            tick()
            continue
        if row is not None and row.content_hash == h:
            if row.origin != origin:  # the same text now comes from another source (e.g. a feed)
                row.origin = origin
            result.unchanged.append(r.id)
            tick()
            continue
        if row is None:
            new.append(r)
            continue
        if row.kind != r.kind:
            session.delete(row)  # a kind change: replace the whole row (joined tables differ)
            session.flush()
            new.append(r)
            continue
        with session.no_autoflush:
            result.updated.append(r.id)
            row.content_hash, row.updated_at = h, now
            _fill(session, row, r, media=media, origin=origin, group=translation_group(r, session, pending),
                  blobs=blobs, texts=texts)
            session.add(row)
        tick()
    session.flush()
    if new:
        _insert_new(session, new, media=media, origin=origin, now=now, pending=pending, tick=tick)
        result.added.extend(r.id for r in new)
    return result


def chunked(values: list, size: int = 500) -> Iterator[list]:
    """Slices for ``IN (...)`` lists: SQLite on Windows takes at most 32,766 parameters per statement."""
    for start in range(0, len(values), size):
        yield values[start:start + size]


def _item_values(r: ItemRecord, *, origin: str, group: str) -> dict:
    """The ``items`` columns of a record (the same for a new row and an updated one)."""
    body_html = _body_html(r)
    return {"lang": r.lang, "title": r.title, "summary": r.summary, "body_md": r.body_md, "body_html": body_html,
            "body_text": html_to_text(body_html), "year": r.year, "region_id": r.region,
            "organisation": r.organisation, "authors": list(r.authors), "source_url": r.source_url,
            "translation_group": group, "origin": origin}


def _kind_values(r: ItemRecord) -> dict:
    """The columns of the kind's own table."""
    if r.kind == "practice":
        return {"award": r.award}
    if r.kind == "lesson":
        return {"duration": r.duration, "course": r.course, "course_order": r.course_order}
    if r.kind == "event":
        return {"starts": dt.datetime.fromisoformat(r.starts) if r.starts else None,
                "ends": dt.datetime.fromisoformat(r.ends) if r.ends else None,
                "format": r.format, "location": r.location, "recording_id": r.recording}
    return {}


def _cues(r: ItemRecord, media: MediaStore) -> list[dict]:
    """A lesson's transcript, read from its subtitle files that are on this PC."""
    cues = []
    for f in r.files:
        if r.kind == "lesson" and f.role == "subtitles" and media.has(f.sha256):
            cues.extend({"lang": f.lang, "start": c.start, "end": c.end, "text": c.text}
                        for c in read_cues(media.path(f.sha256).read_bytes()))
    return cues


def _fill(session: Session, row: m.Item, r: ItemRecord, *, media: MediaStore, origin: str, group: str,
          blobs: dict[str, m.Blob], texts: set[str]) -> None:
    for key, value in (_item_values(r, origin=origin, group=group) | _kind_values(r)).items():
        setattr(row, key, value)
    row.topics = [session.get(m.Topic, t) for t in dict.fromkeys(r.topics)]
    row.target_groups = [session.get(m.TargetGroup, g) for g in dict.fromkeys(r.target_groups)]
    for f in r.files:
        blob = blobs.get(f.sha256) or session.get(m.Blob, f.sha256)
        if blob is None:
            blob = m.Blob(sha256=f.sha256, size=f.size, mime=f.mime, present=media.has(f.sha256))
            session.add(blob)
        blobs[f.sha256] = blob
        if extractable(f.mime) and blob.present and f.sha256 not in texts and session.get(m.FileText, f.sha256) is None:
            got = extract(media.path(f.sha256), f.mime)
            session.add(m.FileText(sha256=f.sha256, text=got.text, pages=got.pages, error=got.error))
            texts.add(f.sha256)
        if not blob.present and media.has(f.sha256):
            blob.present = True
    row.files = [m.ItemFile(role=f.role, lang=f.lang, sha256=f.sha256, name=f.name, title=f.title, position=i)
                 for i, f in enumerate(r.files)]
    row.relations = [m.ItemRelation(related_id=rid, position=i) for i, rid in enumerate(dict.fromkeys(r.related))]
    if isinstance(row, m.Lesson):
        row.cues = [m.Cue(**c) for c in _cues(r, media)]


def _insert_new(session: Session, records: list[ItemRecord], *, media: MediaStore, origin: str, now: dt.datetime,
                pending: dict[str, ItemRecord], tick: Callable[[], None]) -> None:
    """Insert items that are not in the library yet with one multi-row statement per table.

    The same rows ``_fill`` makes through the ORM, without its per-object bookkeeping: a first sync of
    10,000 items spent most of its database time there.
    """
    items, kinds, topics, groups, files, relations, cues = [], defaultdict(list), [], [], [], [], []
    for r in records:
        items.append({"id": r.id, "kind": r.kind, "content_hash": r.content_hash, "created_at": now, "updated_at": now,
                      **_item_values(r, origin=origin, group=translation_group(r, session, pending))})
        kinds[r.kind].append({"id": r.id, **_kind_values(r)})
        topics += ({"item_id": r.id, "topic_id": t} for t in dict.fromkeys(r.topics))
        groups += ({"item_id": r.id, "group_id": g} for g in dict.fromkeys(r.target_groups))
        files += ({"item_id": r.id, "role": f.role, "lang": f.lang, "sha256": f.sha256, "name": f.name,
                   "title": f.title, "position": i} for i, f in enumerate(r.files))
        relations += ({"item_id": r.id, "related_id": rid, "position": i}
                      for i, rid in enumerate(dict.fromkeys(r.related)))
        cues += ({"item_id": r.id, **c} for c in _cues(r, media))
        tick()
    refs = {f.sha256: f for r in records for f in r.files}
    known: dict[str, bool] = {}
    for shas in chunked(list(refs)):
        known.update(session.execute(select(m.Blob.sha256, m.Blob.present).where(m.Blob.sha256.in_(shas))).all())
    present = {sha for sha in refs if media.has(sha)}
    new_blobs = [{"sha256": sha, "size": f.size, "mime": f.mime, "present": sha in present}
                 for sha, f in refs.items() if sha not in known]
    arrived = [sha for sha, was in known.items() if not was and sha in present]
    has_text = set()
    for shas in chunked([sha for sha in present if extractable(refs[sha].mime)]):
        has_text.update(session.scalars(select(m.FileText.sha256).where(m.FileText.sha256.in_(shas))))
    texts = []
    for sha in present:
        if extractable(refs[sha].mime) and sha not in has_text:
            got = extract(media.path(sha), refs[sha].mime)
            texts.append({"sha256": sha, "text": got.text, "pages": got.pages, "error": got.error})
    for shas in chunked(arrived):
        session.execute(update(m.Blob).where(m.Blob.sha256.in_(shas)).values(present=True))
    for table, rows in ((m.Blob, new_blobs), (m.FileText, texts), (m.Item, items),
                        *((MODEL_BY_KIND[kind], rows) for kind, rows in kinds.items()),
                        (m.ItemTopic, topics), (m.ItemTargetGroup, groups), (m.ItemFile, files),
                        (m.ItemRelation, relations), (m.Cue, cues)):
        if rows:
            session.execute(insert(table.__table__), rows)


def delete_items(session: Session, ids: Iterable[str], result: ApplyResult | None = None, *,
                 origin: str | None = None) -> ApplyResult:
    """Delete items; with ``origin``, only those that came from it (others are reported as clashes)."""
    result = result or ApplyResult()
    for item_id in ids:
        row = session.get(m.Item, item_id)
        if row is not None and origin is not None and row.origin != origin:
            result.clashes.append((item_id, row.origin))
        elif row is not None:
            session.delete(row)
            result.deleted.append(item_id)
    session.flush()
    return result


def bump_content_version(session: Session) -> int:
    row = session.get(m.Meta, "content_version")
    version = int(row.value) + 1 if row else 1
    if row is None:
        session.add(m.Meta(key="content_version", value=str(version)))
    else:
        row.value = str(version)
    session.flush()
    return version


def unreferenced_blobs(session: Session) -> list[str]:
    used = select(m.ItemFile.sha256)
    return list(session.scalars(select(m.Blob.sha256).where(m.Blob.sha256.not_in(used))))


def drop_unreferenced_blob_rows(session: Session) -> int:
    stale = unreferenced_blobs(session)
    for shas in chunked(stale):
        session.execute(delete(m.Blob).where(m.Blob.sha256.in_(shas)))
    return len(stale)
