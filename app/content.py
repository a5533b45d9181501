"""Writing content records into the library database, inside a caller's transaction.

Used by the importer now and by sync later: the same records, the same rules. User-data tables are
never touched here.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from app.db import models as m
from app.markdown import html_to_text, render_html
from app.media import MediaStore
from app.records import ItemRecord, TaxonomyEntry
from app.subtitles import read_cues
from app.textextract import extract, extractable

MODEL_BY_KIND = {"practice": m.Practice, "lesson": m.Lesson, "document": m.Document, "event": m.Event}


@dataclass
class ApplyResult:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)

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


def upsert_items(session: Session, records: list[ItemRecord], *, media: MediaStore, origin: str,
                 result: ApplyResult | None = None) -> ApplyResult:
    result = result or ApplyResult()
    pending = {r.id: r for r in records}
    existing = {row.id: row for row in session.scalars(select(m.Item).where(m.Item.id.in_(list(pending))))} \
        if pending else {}
    now = utcnow()
    blobs: dict[str, m.Blob] = {}  # added in this unit of work (autoflush is off while filling)
    texts: set[str] = set()
    for r in records:
        h = r.content_hash
        row = existing.get(r.id)
        if row is not None and row.content_hash == h:
            if row.origin != origin:  # the same text now comes from another source (e.g. a feed)
                row.origin = origin
            result.unchanged.append(r.id)
            continue
        if row is not None and row.kind != r.kind:
            session.delete(row)  # a kind change: replace the whole row (joined tables differ)
            session.flush()
            row = None
        with session.no_autoflush:
            if row is None:
                row = MODEL_BY_KIND[r.kind](id=r.id, created_at=now)
                result.added.append(r.id)
            else:
                result.updated.append(r.id)
            row.content_hash, row.updated_at = h, now
            _fill(session, row, r, media=media, origin=origin, group=translation_group(r, session, pending),
                  blobs=blobs, texts=texts)
            session.add(row)
    session.flush()
    return result


def _fill(session: Session, row: m.Item, r: ItemRecord, *, media: MediaStore, origin: str, group: str,
          blobs: dict[str, m.Blob], texts: set[str]) -> None:
    row.lang, row.title, row.summary = r.lang, r.title, r.summary
    row.body_md = r.body_md
    row.body_html = _body_html(r)
    row.body_text = html_to_text(row.body_html)
    row.year, row.region_id = r.year, r.region
    row.organisation, row.authors, row.source_url = r.organisation, list(r.authors), r.source_url
    row.translation_group = group
    row.origin = origin
    row.topics = [session.get(m.Topic, t) for t in r.topics]
    row.target_groups = [session.get(m.TargetGroup, g) for g in r.target_groups]
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
    if isinstance(row, m.Practice):
        row.award = r.award
    elif isinstance(row, m.Lesson):
        row.duration, row.course, row.course_order = r.duration, r.course, r.course_order
        cues = []
        for f in r.files:
            if f.role == "subtitles" and media.has(f.sha256):
                for c in read_cues(media.path(f.sha256).read_bytes()):
                    cues.append(m.Cue(lang=f.lang, start=c.start, end=c.end, text=c.text))
        row.cues = cues
    elif isinstance(row, m.Event):
        row.starts = dt.datetime.fromisoformat(r.starts) if r.starts else None
        row.ends = dt.datetime.fromisoformat(r.ends) if r.ends else None
        row.format, row.location, row.recording_id = r.format, r.location, r.recording


def delete_items(session: Session, ids: Iterable[str], result: ApplyResult | None = None) -> ApplyResult:
    result = result or ApplyResult()
    for item_id in ids:
        row = session.get(m.Item, item_id)
        if row is not None:
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
    if stale:
        session.execute(delete(m.Blob).where(m.Blob.sha256.in_(stale)))
    return len(stale)
