"""The Library service: the one object the CLI, the GUI and the tests call.

It is thread-safe: every call opens its own short session; writes are serialised by a lock (SQLite
wants a single writer). It returns plain values (``app.values``), never ORM rows.
"""

from __future__ import annotations

import os
import threading
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Self

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload, sessionmaker

from app import paths as app_paths
from app.content import (
    ApplyResult,
    bump_content_version,
    chunked,
    drop_unreferenced_blob_rows,
    upsert_items,
    upsert_taxonomy,
    utcnow,
)
from app.db import engine as db_engine
from app.db import models as m
from app.errors import CancelledError, NotFoundError
from app.itemload import ItemLoader, iso_seconds
from app.lock import InstanceLock, WriterLock
from app.media import SHA_RE, MediaStore
from app.progress import Cancelled, Progress, Stage, emit, subrange
from app.values import (
    CheckReport,
    ImportReport,
    IndexOutcome,
    ItemDetail,
    ItemPage,
    ItemSummary,
    Label,
    LibraryStats,
    NoteInfo,
    SearchRequest,
    SearchResponse,
)

if TYPE_CHECKING:
    from app.searchonly import SearchOnlyLibrary


def _test_crash_point(name: str) -> None:
    """Crash-safety tests kill the process at named points (``KITEPKANA_CRASH_AT``); a no-op otherwise."""
    if os.environ.get("KITEPKANA_CRASH_AT") == name:
        os._exit(70)


class Library:
    def __init__(self, paths: app_paths.Paths, *, exclusive: bool = False,
                 opened: SearchOnlyLibrary | None = None) -> None:
        """Open (and migrate) the library. ``exclusive`` takes the one-app-per-folder lock (the GUI does).
        ``opened``: the library opened only to search it (app/searchonly.py, the window's first results); this one
        takes over its instance lock and its search index."""
        self.paths = paths.ensure()
        index, self.instance_lock = None, None
        if opened is not None:
            self.instance_lock, index = opened.hand_over()
        elif exclusive:
            self.instance_lock = InstanceLock(paths.lock_file).acquire()
        # what a library without the lock takes for an index rebuild and switch (app/search/indexdir.py)
        self.writer_lock = WriterLock(paths.lock_file, held=lambda: self.instance_lock is not None)
        self.media = MediaStore(paths.media)
        self.engine = db_engine.make_engine(paths.database)
        try:  # (all or nothing; a half-made database of an older version is repaired or refused: app.db.recovery)
            self.last_backup = db_engine.upgrade(self.engine, db_path=paths.database, backup_dir=paths.backups)
        except BaseException:
            # a refused library leaves nothing open: the file stays movable, and a retry in this process is not
            # taken for another window holding the folder
            self.engine.dispose()
            if index is not None:
                index.close()
            if self.instance_lock is not None:
                self.instance_lock.release()
            raise
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        self._write_lock = threading.RLock()
        self._items = ItemLoader(self.engine)  # get_item and item_page, with the taxonomy kept per content version
        self._index = index  # the search index manager, created on first use (whoosh costs import time)
        if index is not None:
            index.use_sessions(self._sessions)
        # One search at a time: the reading room searches from many threads, and the index replaces (closes) its
        # cached searcher when the index changed, under a search that may still be reading it (seen once in the
        # reading-room bench: CorruptIndexError "Bad postings block tag"). Searching is Python under the GIL, so
        # taking turns costs little.

    @classmethod
    def open(cls, data_dir: str | Path | None = None, *, exclusive: bool = False) -> Library:
        return cls(app_paths.resolve(data_dir), exclusive=exclusive)

    def close(self) -> None:
        if self._index is not None:
            self._index.close()
        self.engine.dispose()
        if self.instance_lock is not None:
            self.instance_lock.release()
            self.instance_lock = None

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _read(self) -> Iterator[Session]:
        with self._sessions() as session:
            yield session

    @contextmanager
    def _write(self) -> Iterator[Session]:
        with self._write_lock, self._sessions() as session, session.begin():
            yield session

    # The core's other stores (app/syncstore.py) own their transactions through these two: a session to read,
    # and one write transaction (the library's single writer, committed when the block ends). Never from ui/ or
    # sync/: those call the stores' and the library's methods.
    read_session = _read
    write_transaction = _write

    # --- content ------------------------------------------------------------------------------

    def is_empty(self) -> bool:
        with self._read() as s:
            return s.scalar(select(func.count()).select_from(m.Item)) == 0

    def import_folder(self, folder: Path, *, progress: Progress | None = None,
                      cancelled: Cancelled | None = None) -> ImportReport:
        """Validate the whole folder, store its media, then write every item in one transaction."""
        from app.authoring import load_folder  # YAML and the loader: for imports only, not every start
        from app.authoring.taxonomy import Known

        folder = Path(folder)
        with self._read() as s:
            known_ids = set(s.scalars(select(m.Item.id)))
            known = Known(frozenset(s.scalars(select(m.Topic.id))), frozenset(s.scalars(select(m.TargetGroup.id))),
                          frozenset(s.scalars(select(m.Region.id))))

        catalog = load_folder(folder, known_ids=known_ids, known_taxonomy=known,
                              progress=subrange(progress, 0, 40, stage=Stage.READ),
                              cancelled=cancelled)
        # Media first: content-addressed files are harmless if the transaction below never happens.
        media_progress = subrange(progress, 40, 90, stage=Stage.COPY)
        for n, (sha, source) in enumerate(sorted(catalog.media.items())):
            if cancelled and cancelled():
                raise CancelledError("cancelled; nothing half-done was kept")
            if media_progress:
                media_progress(n, len(catalog.media), source.name)
            if not self.media.has(sha):
                self.media.put_file(source, expected_sha256=sha)
        emit(progress, 90, 100, Stage.STORE)
        with self._write() as s:
            tax_changes = upsert_taxonomy(s, topics=catalog.topics, target_groups=catalog.target_groups,
                                          regions=catalog.regions)
            result = upsert_items(s, catalog.items, media=self.media, origin=f"import:{folder.name}",
                                  progress=subrange(progress, 90, 93, stage=Stage.STORE))
            if result.changed or tax_changes:
                bump_content_version(s)
        _test_crash_point("after-db-commit")
        emit(progress, 93, 100, Stage.INDEX)
        self.update_search_index(result, progress=subrange(progress, 93, 100, stage=Stage.INDEX))
        emit(progress, 100, 100, Stage.DONE)
        return ImportReport(folder=str(folder), added=tuple(result.added), updated=tuple(result.updated),
                            unchanged=tuple(result.unchanged), taxonomy_changes=tax_changes,
                            media_files=len(catalog.media),
                            refused=tuple((i, owner.removeprefix("feed:")) for i, owner in result.clashes))

    def import_sample_if_empty(self, *, progress: Progress | None = None) -> ImportReport | None:
        """First start: fill an empty library from the bundled sample catalog."""
        if not self.is_empty():
            return None
        return self.import_folder(app_paths.sample_catalog_dir(), progress=progress)

    def update_search_index(self, result: ApplyResult, *, progress: Progress | None = None) -> None:
        """Bring the search index up to date with a content transaction (import or sync) that just committed:
        the items it added, changed and deleted; the index's cached taxonomy labels are read again.

        Called even when nothing changed: an index left behind by an earlier crash is repaired here.
        """
        # taxonomy labels are not indexed with the items (they are matched at query time): a relabelled
        # topic needs no reindexing
        self.search_index.items_changed(result.added + result.updated, result.deleted, progress=progress)

    # --- search -------------------------------------------------------------------------------

    @property
    def search_index(self):
        if self._index is None:
            from app.db.reader import LibraryReader
            from app.search.manager import IndexManager

            self._index = IndexManager(self.paths.index, LibraryReader(self.paths.database), self._sessions,
                                       hold_lock=self.writer_lock.hold)
        return self._index

    def ensure_index(self, *, progress: Progress | None = None, cancelled: Cancelled | None = None,
                     warm: bool = True) -> IndexOutcome:
        """Check the index against the database at start; repair or rebuild it. Returns what was done.

        ``warm`` also loads what a first search would (vocabulary, facet postings); the app passes False and
        warms ``search_index`` after its first results are on screen, a one-shot command never."""
        status = self.search_index.ensure(progress=subrange(progress, 0, 100, stage=Stage.INDEX),
                                          cancelled=cancelled)
        if warm:
            self.search_index.warm()
        return status

    def reindex(self, *, progress: Progress | None = None, cancelled: Cancelled | None = None) -> int:
        return self.search_index.rebuild(progress=subrange(progress, 0, 100, stage=Stage.INDEX),
                                         cancelled=cancelled)

    def search(self, request: SearchRequest) -> SearchResponse:
        """Search the library: the one way in, for the app's search box, the reading room and the CLI alike."""
        if not isinstance(request, SearchRequest):  # (the old way, search("words", kind=...), ends here by name)
            raise TypeError(f"Library.search takes a SearchRequest, not {type(request).__name__}")
        return self.search_index.search(request)

    def content_version(self) -> int:
        with self._read() as s:
            row = s.get(m.Meta, "content_version")
            return int(row.value) if row else 0

    def list_items(self, *, kind: str | None = None, lang: str | None = None, limit: int | None = None,
                   offset: int = 0) -> list[ItemSummary]:
        with self._read() as s:
            q = select(m.Item).options(selectinload(m.Item.topics)).order_by(m.Item.kind, m.Item.title)
            if kind:
                q = q.where(m.Item.kind == kind)
            if lang:
                q = q.where(m.Item.lang == lang)
            q = q.offset(offset)
            if limit:
                q = q.limit(limit)
            return [_summary(r) for r in s.scalars(q)]

    def summaries(self, ids: Iterable[str]) -> list[ItemSummary]:
        """The summary of each of ``ids`` still in the library, in the order given (a query per 500 ids)."""
        ids = list(dict.fromkeys(ids))
        found: dict[str, ItemSummary] = {}
        with self._read() as s:
            for chunk in chunked(ids):
                q = select(m.Item).options(selectinload(m.Item.topics)).where(m.Item.id.in_(chunk))
                found.update((r.id, _summary(r)) for r in s.scalars(q))
        return [found[i] for i in ids if i in found]

    def thumbnails(self, ids: Iterable[str]) -> dict[str, Path]:
        """Each of ``ids``' first thumbnail on this PC, by id: one query for a list's rows (a query per 500 ids)."""
        found: dict[str, Path] = {}
        with self._read() as s:
            for chunk in chunked(list(dict.fromkeys(ids))):
                for item_id, sha256 in s.execute(select(m.ItemFile.item_id, m.ItemFile.sha256).join(m.Blob).where(
                        m.ItemFile.item_id.in_(chunk), m.ItemFile.role == "thumbnail", m.Blob.present.is_(True))
                        .order_by(m.ItemFile.position)):
                    found.setdefault(item_id, self.media.path(sha256))
        return found

    def item_page(self, item_id: str) -> ItemPage:
        """An item with what its screen shows beside it: related items, bookmark, notes, resume position.
        One or two statements (``app.itemload``). Raises NotFoundError."""
        return self._items.item_page(item_id)

    def get_item(self, item_id: str) -> ItemDetail:
        """One item, whole: one statement, two for a lesson with a transcript (``app.itemload``). Raises
        NotFoundError."""
        return self._items.get_item(item_id)

    def media_path(self, sha256: str) -> Path:
        return self.media.path(sha256)

    def media_info(self, sha256: str) -> tuple[str, int] | None:
        """``(mime, size)`` of a file the library knows and holds in its media store; None for any other hash
        (unknown, not downloaded, or not a SHA-256). The reading room serves files only through this."""
        if not isinstance(sha256, str) or not SHA_RE.fullmatch(sha256) or not self.media.has(sha256):
            return None
        with self._read() as s:
            row = s.get(m.Blob, sha256)
            return (row.mime, row.size) if row is not None and row.present else None

    def taxonomy(self) -> dict[str, list[Label]]:
        """Topics, target groups and regions, each list by id (kept per content version, as items read them)."""
        names = {"topic": "topics", "group": "target_groups", "region": "regions"}
        out: dict[str, list[Label]] = {name: [] for name in names.values()}
        for (kind, _id), label in sorted(self._items.taxonomy().labels.items()):
            out[names[kind]].append(label)
        return out

    # --- health -------------------------------------------------------------------------------

    def stats(self) -> LibraryStats:
        with self._read() as s:
            kinds = Counter(dict(s.execute(select(m.Item.kind, func.count()).group_by(m.Item.kind)).all()))
            langs = Counter(dict(s.execute(select(m.Item.lang, func.count()).group_by(m.Item.lang)).all()))
            count = lambda model: s.scalar(select(func.count()).select_from(model))
            present = s.execute(select(func.count(), func.coalesce(func.sum(m.Blob.size), 0))
                                .where(m.Blob.present.is_(True))).one()
            return LibraryStats(
                items=sum(kinds.values()), by_kind=dict(sorted(kinds.items())), by_lang=dict(sorted(langs.items())),
                topics=count(m.Topic), regions=count(m.Region), target_groups=count(m.TargetGroup),
                media_files=present[0], media_bytes=int(present[1]),
                media_missing=s.scalar(select(func.count()).select_from(m.Blob).where(m.Blob.present.is_(False))),
                bookmarks=count(m.Bookmark), notes=count(m.Note), history=count(m.HistoryEntry),
                schema_revision=", ".join(db_engine.recorded_revisions(self.engine)) or None,
                data_dir=str(self.paths.data))

    def check(self, *, progress: Progress | None = None, cancelled: Cancelled | None = None) -> CheckReport:
        """Integrity of the database, migrations at head, every stored media file present with its hash."""
        from app.checkup import check_library

        return check_library(self, progress=progress, cancelled=cancelled)

    def collect_garbage(self) -> tuple[int, int]:
        """Forget media no item refers to any more and delete their files. Returns (files, bytes)."""
        with self._write() as s:
            drop_unreferenced_blob_rows(s)
            referenced = set(s.scalars(select(m.Blob.sha256)))
        return self.media.collect_garbage(referenced)

    # --- user data (local only) -----------------------------------------------------------------

    def _exists(self, s: Session, item_id: str) -> bool:
        return s.get(m.Item, item_id) is not None

    # Visitor mode (``app.visitor``): while a visit is on, the UI passes its ``visit_id``. What the visit writes
    # carries it, and ``clear_visitor_data`` deletes exactly that: no clock decides what is a visitor's. Rows
    # written outside the visit (the librarian's, or an earlier visit's that was kept) are left as they were.

    def set_bookmark(self, item_id: str, on: bool = True, *, visit_id: str | None = None) -> bool:
        """Bookmark an item (or remove the bookmark). A visit's bookmark carries ``visit_id``; a bookmark that was
        already there stays the librarian's. Returns ``on``."""
        with self._write() as s:
            row = s.get(m.Bookmark, item_id)
            if on and row is None:
                if not self._exists(s, item_id):
                    raise NotFoundError(f"no item with id '{item_id}'")
                s.add(m.Bookmark(item_id=item_id, created_at=utcnow(), visit_id=visit_id))
            elif on and visit_id is None:
                row.visit_id = None  # set again outside visitor mode: the librarian's now
            elif not on and row is not None:
                s.delete(row)
        return on

    def bookmarks(self) -> list[str]:
        with self._read() as s:
            return list(s.scalars(select(m.Bookmark.item_id).order_by(m.Bookmark.created_at.desc())))

    def add_note(self, item_id: str, text_: str, *, position: float | None = None,
                 visit_id: str | None = None) -> NoteInfo:
        with self._write() as s:
            if not self._exists(s, item_id):
                raise NotFoundError(f"no item with id '{item_id}'")
            now = utcnow()
            note = m.Note(item_id=item_id, text=text_, position=position, created_at=now, updated_at=now,
                          visit_id=visit_id)
            s.add(note)
            s.flush()
            return self._note_info(s, note)

    def notes(self, item_id: str | None = None) -> list[NoteInfo]:
        with self._read() as s:
            q = select(m.Note).order_by(m.Note.created_at)
            if item_id:
                q = q.where(m.Note.item_id == item_id)
            return [self._note_info(s, n) for n in s.scalars(q)]

    def delete_note(self, note_id: int, *, visit_id: str | None = None) -> bool:
        """Delete a note. With ``visit_id`` (a locked visitor PC) only a note of that visit: a visitor never
        deletes the librarian's notes. Returns whether a note was deleted."""
        with self._write() as s:
            row = s.get(m.Note, note_id)
            if row is None or (visit_id is not None and row.visit_id != visit_id):
                return False
            s.delete(row)
            return True

    def _note_info(self, s: Session, n: m.Note) -> NoteInfo:
        return NoteInfo(id=n.id, item_id=n.item_id, text=n.text, position=n.position, created_at=iso_seconds(n.created_at),
                        updated_at=iso_seconds(n.updated_at), orphaned=not self._exists(s, n.item_id), visit_id=n.visit_id)

    def record_opened(self, item_id: str, *, position: float | None = None, finished: bool = False,
                      visit_id: str | None = None) -> None:
        """The reader or viewer opened an item (one more opening in the history)."""
        self._touch_history(item_id, position=position, finished=finished, opened=True, visit_id=visit_id)

    def save_position(self, item_id: str, position: float, *, finished: bool = False,
                      visit_id: str | None = None) -> None:
        """Where the reader or viewer is in an item now (saved while it is open: not another opening)."""
        self._touch_history(item_id, position=position, finished=finished, opened=False, visit_id=visit_id)

    def _touch_history(self, item_id: str, *, position: float | None, finished: bool, opened: bool,
                       visit_id: str | None) -> None:
        """One row per item. A visitor reopening an item already in the history (the librarian's row, or one an
        earlier visit left) leaves that row as it was: clearing the visit must not delete it, and changing it
        would show the next visitor what this one read. The visitor's resume position there is not kept."""
        with self._write() as s:
            now = utcnow()
            row = s.get(m.HistoryEntry, item_id)
            if row is None:
                s.add(m.HistoryEntry(item_id=item_id, first_opened_at=now, last_opened_at=now, open_count=1,
                                     position=position, finished=finished, visit_id=visit_id))
                return
            if visit_id is not None and row.visit_id != visit_id:
                return
            if visit_id is None:
                row.visit_id = None  # opened outside visitor mode: the librarian's now
            row.last_opened_at = now
            row.open_count += int(opened)
            if position is not None:
                row.position = position
            row.finished = row.finished or finished

    def resume_position(self, item_id: str) -> float | None:
        with self._read() as s:
            row = s.get(m.HistoryEntry, item_id)
            return row.position if row else None

    def history(self, *, limit: int = 100) -> list[tuple[str, str, float | None]]:
        with self._read() as s:
            rows = s.execute(select(m.HistoryEntry.item_id, m.HistoryEntry.last_opened_at, m.HistoryEntry.position)
                             .order_by(m.HistoryEntry.last_opened_at.desc()).limit(limit)).all()
            return [(i, iso_seconds(t), p) for i, t, p in rows]

    def clear_visitor_data(self, *, visit_id: str, bookmarks: bool = True) -> int:
        """Visitor (kiosk) mode: forget what one visit left behind. Returns the number of rows deleted.

        Deletes the notes, history entries and — unless ``bookmarks=False`` — bookmarks written with
        ``visit_id`` (on a shared PC bookmarks reveal what someone read just as history does). Rows without it
        (the librarian's) are never deleted, whatever their times say: a PC clock set back cannot mix them up.
        """
        from sqlalchemy import delete

        if not visit_id:
            raise ValueError("a visit id is needed")  # never "everything without an id"
        models = (m.Note, m.HistoryEntry, m.Bookmark) if bookmarks else (m.Note, m.HistoryEntry)
        count = 0
        with self._write() as s:
            for model in models:
                count += s.execute(delete(model).where(model.visit_id == visit_id)).rowcount or 0
        return count

    def visitor_lock_record(self) -> str | None:
        """The copy of visitor mode's lock state kept in the database (``app.visitor``), or None."""
        with self._read() as s:
            return getattr(s.get(m.Meta, "visitor_lock"), "value", None)

    def save_visitor_lock_record(self, value: str) -> None:
        with self._write() as s:
            s.merge(m.Meta(key="visitor_lock", value=value))

    def space_by_kind(self) -> dict[str, int]:
        """Bytes of the files on this PC, by item kind (a file shared by two items of one kind counts once)."""
        with self._read() as s:
            files = (select(m.Item.kind, m.Blob.sha256, m.Blob.size)
                     .join(m.ItemFile, m.ItemFile.item_id == m.Item.id)
                     .join(m.Blob, m.Blob.sha256 == m.ItemFile.sha256)
                     .where(m.Blob.present.is_(True)).distinct().subquery())
            rows = s.execute(select(files.c.kind, func.sum(files.c.size)).group_by(files.c.kind)).all()
            return {kind: int(total) for kind, total in sorted(rows)}


def _summary(r: m.Item) -> ItemSummary:
    return ItemSummary(id=r.id, kind=r.kind, lang=r.lang, title=r.title, summary=r.summary, year=r.year,
                       region=r.region_id, topics=tuple(t.id for t in r.topics), updated_at=iso_seconds(r.updated_at))

