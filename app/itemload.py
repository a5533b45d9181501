"""An item, and what its screen shows, read in one or two SQL statements: ``Library.get_item`` and ``item_page``.

Through the ORM an item cost about 10 statements (the row, its kind's row, topics, target groups, files, related
ids, the region and each of its parents, translations, cues) and an item page 5 more (related summaries and their
topics, bookmark, notes, history): about 4 ms, most of an uncached page of the reading room (issue 13). Here one
Core statement reads the row with its kind's table joined and everything it owns as correlated subqueries
aggregated to JSON (SQLite's JSON1, built in since 3.38): topics, target groups, files with their blobs, related
ids, translations; for a page also the related items' summaries, the bookmark and the resume position.

JSON keeps integers and text exactly, but SQLite writes a REAL into it with 15 significant digits (a cue at
62.345000000000006 s would come back as 62.345). So the rows with floats — a lesson's transcript cues, a page's
notes — come as plain rows from a second statement, only when the first found some.

Taxonomy labels are not read per item: they are kept per content version (as the reading room's facet labels and
the search's label index are). The item statement reads the version too, so the first item after a sync that
changed the taxonomy reads it again (one more statement, once).
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Engine, bindparam, exists, func, literal, null, select, union_all

from app.db import models as m
from app.errors import NotFoundError
from app.values import CueInfo, FileInfo, ItemDetail, ItemPage, ItemSummary, Label, NoteInfo

_ITEM, _FILE, _BLOB = m.Item.__table__, m.ItemFile.__table__, m.Blob.__table__
_TOPIC, _GROUP, _REL = m.ItemTopic.__table__, m.ItemTargetGroup.__table__, m.ItemRelation.__table__
_PRACTICE, _LESSON, _EVENT = m.Practice.__table__, m.Lesson.__table__, m.Event.__table__
_CUE, _NOTE = m.Cue.__table__, m.Note.__table__
_ID = bindparam("item_id")


def iso_seconds(value: datetime | None) -> str:
    """A stored time as the core's values carry it (``""`` for none)."""
    return value.isoformat(timespec="seconds") if value is not None else ""


def _json_list(*columns, where, from_=None):
    """A correlated subquery: the rows' ``columns`` as one JSON array of arrays (``[]`` for none)."""
    q = select(func.json_group_array(func.json_array(*columns) if len(columns) > 1 else columns[0]))
    return (q.select_from(from_) if from_ is not None else q).where(where).scalar_subquery()


def _item_statement(*, page: bool):
    item, related = _ITEM, _ITEM.alias("related_item")
    version = select(m.Meta.value).where(m.Meta.key == "content_version").scalar_subquery()
    translations = _ITEM.alias("translation")
    columns = [
        item, _PRACTICE.c.award, _LESSON.c.duration, _LESSON.c.course, _LESSON.c.course_order, _EVENT.c.starts,
        _EVENT.c.ends, _EVENT.c.format, _EVENT.c.location, _EVENT.c.recording_id, version.label("version"),
        exists().where(_CUE.c.item_id == item.c.id).label("has_cues"),
        _json_list(_TOPIC.c.topic_id, where=_TOPIC.c.item_id == item.c.id).label("topic_ids"),
        _json_list(_GROUP.c.group_id, where=_GROUP.c.item_id == item.c.id).label("group_ids"),
        _json_list(_REL.c.position, _REL.c.related_id, where=_REL.c.item_id == item.c.id).label("relations"),
        _json_list(translations.c.lang, translations.c.id,
                   where=translations.c.translation_group == item.c.translation_group).label("translations"),
        _json_list(_FILE.c.position, _FILE.c.id, _FILE.c.role, _FILE.c.sha256, _FILE.c.name, _BLOB.c.mime,
                   _BLOB.c.size, _BLOB.c.present, _FILE.c.lang, _FILE.c.title,
                   from_=_FILE.join(_BLOB, _BLOB.c.sha256 == _FILE.c.sha256),
                   where=_FILE.c.item_id == item.c.id).label("files"),
    ]
    if page:
        related_topics = _TOPIC.alias("related_topic")
        columns += [
            _json_list(_REL.c.position, related.c.id, related.c.kind, related.c.lang, related.c.title,
                       related.c.summary, related.c.year, related.c.region_id, related.c.updated_at,
                       func.json(_json_list(related_topics.c.topic_id,
                                            where=related_topics.c.item_id == related.c.id)),
                       from_=_REL.join(related, related.c.id == _REL.c.related_id),
                       where=_REL.c.item_id == item.c.id).label("related_rows"),
            exists().where(m.Bookmark.item_id == item.c.id).label("bookmarked"),
            select(m.HistoryEntry.position).where(m.HistoryEntry.item_id == item.c.id).scalar_subquery()
            .label("resume"),
            select(func.count()).where(_NOTE.c.item_id == item.c.id).scalar_subquery().label("note_count"),
        ]
    return (select(*columns)
            .select_from(item.outerjoin(_PRACTICE, _PRACTICE.c.id == item.c.id)
                         .outerjoin(_LESSON, _LESSON.c.id == item.c.id).outerjoin(_EVENT, _EVENT.c.id == item.c.id))
            .where(item.c.id == _ID))




def _rows_statement(*, cues: bool, notes: bool):
    """The rows with floats, as plain columns: ``(what, id, lang, start or position, end, text, created_at,
    updated_at, visit_id)``, ``what`` being "c" for a cue and "n" for a note."""
    parts = []
    if cues:
        parts.append(select(literal("c").label("what"), _CUE.c.id, _CUE.c.lang, _CUE.c.start, _CUE.c.end,
                            _CUE.c.text, null(), null(), null()).where(_CUE.c.item_id == _ID))
    if notes:
        parts.append(select(literal("n"), _NOTE.c.id, null(), _NOTE.c.position, null(), _NOTE.c.text,
                            _NOTE.c.created_at, _NOTE.c.updated_at, _NOTE.c.visit_id).where(_NOTE.c.item_id == _ID))
    return union_all(*parts) if len(parts) > 1 else parts[0]


def _taxonomy_statement():
    """Topics, target groups and regions with their parents, and the content version they belong to."""
    return union_all(
        *(select(literal(kind).label("kind"), t.c.id, t.c.label_ky, t.c.label_ru, t.c.label_en,
                 (t.c.parent_id if kind == "region" else null()).label("parent_id"))
          for kind, t in (("topic", m.Topic.__table__), ("group", m.TargetGroup.__table__),
                          ("region", m.Region.__table__))),
        select(literal("version"), m.Meta.value, null(), null(), null(), null()).where(m.Meta.key == "content_version"))


@functools.cache
def _statements() -> dict:
    """Made at the first item read, not at import: building them is ~8 ms of every start otherwise."""
    return {"item": _item_statement(page=False), "page": _item_statement(page=True),
            "taxonomy": _taxonomy_statement(),
            **{(c, n): _rows_statement(cues=c, notes=n) for c in (True, False) for n in (True, False) if c or n}}


@dataclass(frozen=True)
class _Taxonomy:
    version: str | None
    labels: dict[tuple[str, str], Label]  # (kind, id) -> label; kind: topic, group, region
    parents: dict[str, str | None]  # region id -> its parent's id

    def label(self, kind: str, id_: str) -> Label:
        # (only a sync committed between two statements can name an id not here: shown by its id, not lost)
        return self.labels.get((kind, id_)) or Label(id_, id_, id_, id_)

    def covers(self, row) -> bool:
        return (all(("topic", t) in self.labels for t in json.loads(row.topic_ids))
                and all(("group", g) in self.labels for g in json.loads(row.group_ids))
                and (row.region_id is None or ("region", row.region_id) in self.labels))


class ItemLoader:
    """Reads items for one library's engine; keeps its taxonomy labels per content version (thread-safe: the
    cache is replaced whole, never changed in place)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._taxonomy = _Taxonomy(version=None, labels={}, parents={})
        # the DateTime type's own parser (SQLAlchemy's SQLite storage format), for datetimes read inside JSON
        # or in a union's column typed by its first part
        dialect = engine.dialect
        parse = _ITEM.c.updated_at.type.dialect_impl(dialect).result_processor(dialect, None) or (lambda v: v)
        self._datetime: Callable[[str | datetime | None], datetime | None] = (
            lambda v: parse(v) if isinstance(v, str) else v)

    def get_item(self, item_id: str) -> ItemDetail:
        """The item, or NotFoundError: one statement, two for a lesson with a transcript."""
        return self._load(item_id, page=False)[0]

    def item_page(self, item_id: str) -> ItemPage:
        """The item with its related items' summaries, bookmark, notes and resume position: one statement (two
        when it has a transcript or notes)."""
        item, row, notes = self._load(item_id, page=True)
        related = sorted(json.loads(row.related_rows), key=lambda r: (r[0], r[1]))
        return ItemPage(
            item=item, bookmarked=bool(row.bookmarked), resume=row.resume, notes=notes,
            related=tuple(ItemSummary(id=id_, kind=kind, lang=lang, title=title, summary=summary, year=year,
                                      region=region, topics=tuple(sorted(topics)),
                                      updated_at=iso_seconds(self._datetime(updated)))
                          for _position, id_, kind, lang, title, summary, year, region, updated, topics in related))

    def _load(self, item_id: str, *, page: bool) -> tuple[ItemDetail, object, tuple[NoteInfo, ...]]:
        for attempt in range(3):
            with self.engine.connect() as c:
                row = c.execute(_statements()["page" if page else "item"], {"item_id": item_id}).first()
                if row is None:
                    raise NotFoundError(f"no item with id '{item_id}'")
                taxonomy = self._taxonomy
                if taxonomy.version != row.version or not taxonomy.covers(row):
                    taxonomy = self._taxonomy = self._read_taxonomy(c)
                    if (taxonomy.version != row.version or not taxonomy.covers(row)) and attempt < 2:
                        continue  # a sync committed between the two statements: read the item again
                cues, notes = bool(row.has_cues), page and row.note_count > 0
                rows = c.execute(_statements()[cues, notes], {"item_id": item_id}).all() if cues or notes else []
            return self._detail(row, taxonomy, rows), row, self._notes(item_id, rows)
        raise AssertionError("unreachable")  # (the last attempt always returns)

    def taxonomy(self) -> _Taxonomy:
        """The labels of the library's content version now: read again only after it changed."""
        with self.engine.connect() as c:
            version = c.execute(select(m.Meta.value).where(m.Meta.key == "content_version")).scalar()
            if self._taxonomy.version != version:
                self._taxonomy = self._read_taxonomy(c)
            return self._taxonomy

    def _read_taxonomy(self, c) -> _Taxonomy:
        labels, parents, version = {}, {}, None
        for kind, id_, ky, ru, en, parent in c.execute(_statements()["taxonomy"]):
            if kind == "version":
                version = id_
                continue
            labels[kind, id_] = Label(id_, ky, ru, en)
            if kind == "region":
                parents[id_] = parent
        return _Taxonomy(version=version, labels=labels, parents=parents)

    def _detail(self, r, taxonomy: _Taxonomy, rows) -> ItemDetail:
        path: list[Label] = []
        region = r.region_id
        while region is not None and len(path) < 20:  # (a parent loop in a damaged taxonomy must not hang)
            path.insert(0, taxonomy.label("region", region))
            region = taxonomy.parents.get(region)
        extra: dict = {}
        if r.kind == "practice":
            extra = {"award": r.award}
        elif r.kind == "lesson":
            cues = sorted((row for row in rows if row[0] == "c"), key=lambda row: (row[2], row[3], row[1]))
            extra = {"duration": r.duration, "course": r.course, "course_order": r.course_order,
                     "cues": tuple(CueInfo(lang, start, end, text) for _, _, lang, start, end, text, *_ in cues)}
        elif r.kind == "event":
            extra = {"starts": iso_seconds(r.starts) or None, "ends": iso_seconds(r.ends) or None, "format": r.format,
                     "location": r.location, "recording": r.recording_id}
        files = sorted(json.loads(r.files), key=lambda f: (f[0], f[1]))
        return ItemDetail(
            id=r.id, kind=r.kind, lang=r.lang, title=r.title, summary=r.summary, body_md=r.body_md,
            body_html=r.body_html, body_text=r.body_text, year=r.year,
            region=path[-1] if path else None, region_path=tuple(path),
            topics=tuple(taxonomy.label("topic", t) for t in sorted(json.loads(r.topic_ids))),
            target_groups=tuple(taxonomy.label("group", g) for g in sorted(json.loads(r.group_ids))),
            authors=tuple(r.authors or ()), organisation=r.organisation, source_url=r.source_url,
            translation_group=r.translation_group, translations=dict(json.loads(r.translations)),
            related=tuple(rid for _, rid in sorted(json.loads(r.relations))),
            files=tuple(FileInfo(role=role, sha256=sha, name=name, mime=mime, size=size, present=bool(present),
                                 lang=lang, title=title)
                        for _, _, role, sha, name, mime, size, present, lang, title in files),
            created_at=iso_seconds(r.created_at), updated_at=iso_seconds(r.updated_at), **extra)

    def _notes(self, item_id: str, rows) -> tuple[NoteInfo, ...]:
        notes = sorted((row for row in rows if row[0] == "n"), key=lambda row: (row[6], row[1]))
        return tuple(NoteInfo(id=id_, item_id=item_id, text=text, position=position,
                              created_at=iso_seconds(self._datetime(created)), updated_at=iso_seconds(self._datetime(updated)),
                              orphaned=False, visit_id=visit_id)
                     for _, id_, _, position, _, text, created, updated, visit_id in notes)
