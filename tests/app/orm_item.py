"""The ORM way ``Library.get_item`` and ``item_page`` read an item before issue 13 (``app/itemload.py`` replaced
it), kept word for word as the reference: the tests check the new reading gives equal values, and
``tests/bench/bench_item_load.py`` times it as the baseline in the same run."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app.db import models as m
from app.errors import NotFoundError
from app.itemload import iso_seconds as _iso
from app.library import Library
from app.values import CueInfo, FileInfo, ItemDetail, ItemPage, Label


def _label(row: m.Topic | m.TargetGroup | m.Region) -> Label:
    return Label(row.id, row.label_ky, row.label_ru, row.label_en)


def orm_item_page(lib: Library, item_id: str) -> ItemPage:
    item = orm_get_item(lib, item_id)
    with lib._read() as s:
        bookmarked = s.get(m.Bookmark, item_id) is not None
        notes = tuple(lib._note_info(s, n) for n in s.scalars(select(m.Note).where(m.Note.item_id == item_id)
                                                              .order_by(m.Note.created_at)))
        history = s.get(m.HistoryEntry, item_id)
    return ItemPage(item=item, related=tuple(lib.summaries(item.related)), bookmarked=bookmarked, notes=notes,
                    resume=history.position if history else None)


def orm_get_item(lib: Library, item_id: str) -> ItemDetail:
    with lib._read() as s:
        r = s.get(m.Item, item_id, options=[selectinload(m.Item.topics), selectinload(m.Item.target_groups),
                                             selectinload(m.Item.files), selectinload(m.Item.relations)])
        if r is None:
            raise NotFoundError(f"no item with id '{item_id}'")
        path: list[Label] = []
        region = r.region
        while region is not None:
            path.insert(0, _label(region))
            region = s.get(m.Region, region.parent_id) if region.parent_id else None
        translations = dict(s.execute(select(m.Item.lang, m.Item.id)
                                      .where(m.Item.translation_group == r.translation_group)).all())
        extra: dict = {}
        if isinstance(r, m.Practice):
            extra = {"award": r.award}
        elif isinstance(r, m.Lesson):
            extra = {"duration": r.duration, "course": r.course, "course_order": r.course_order,
                     "cues": tuple(CueInfo(c.lang, c.start, c.end, c.text) for c in r.cues)}
        elif isinstance(r, m.Event):
            extra = {"starts": _iso(r.starts) or None, "ends": _iso(r.ends) or None, "format": r.format,
                     "location": r.location, "recording": r.recording_id}
        return ItemDetail(
            id=r.id, kind=r.kind, lang=r.lang, title=r.title, summary=r.summary, body_md=r.body_md,
            body_html=r.body_html, body_text=r.body_text, year=r.year,
            region=_label(r.region) if r.region else None, region_path=tuple(path),
            topics=tuple(_label(t) for t in r.topics), target_groups=tuple(_label(g) for g in r.target_groups),
            authors=tuple(r.authors or ()), organisation=r.organisation, source_url=r.source_url,
            translation_group=r.translation_group, translations=translations,
            related=tuple(x.related_id for x in r.relations),
            files=tuple(FileInfo(role=f.role, sha256=f.sha256, name=f.name, mime=f.blob.mime, size=f.blob.size,
                                 present=f.blob.present, lang=f.lang, title=f.title) for f in r.files),
            created_at=_iso(r.created_at), updated_at=_iso(r.updated_at), **extra)
