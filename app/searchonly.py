"""A library opened only to search it: the one-shot ``kitepkana search`` without SQLAlchemy (issue 15).

Opening :class:`app.library.Library` imports SQLAlchemy's ORM, our models and the content code: a quarter of a
second or more, on a command that takes half a second in all. A search needs none of it when the database's
schema is the one this program knows and the index is in step: the index answers, and the few rows a search
reads (the content version, the hits' texts, the taxonomy labels) come through plain ``sqlite3``
(app/db/reader.py). So :func:`open_for_search` opens that much, and says when the whole library must be opened
instead (no database yet, a schema to migrate, or an empty library that gets the sample): never a search of a
database this program does not understand.

An index that needs a repair or a rebuild is brought in step here as the library does it (with the same
progress and messages): the ORM is imported then, for that, through :meth:`SearchOnlyLibrary._session`.

The app's window opens its library the same way first (``exclusive``, with the instance lock), so its first
results and the facets' labels are on screen before the ORM is imported; then ``Library(paths, opened=…)`` takes
over the lock and the index (:meth:`SearchOnlyLibrary.hand_over`), and the window the whole library.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Self

from app import paths as app_paths
from app.db import HEAD_REVISION
from app.db.reader import LibraryReader
from app.lock import InstanceLock, WriterLock
from app.media import MediaStore
from app.progress import Cancelled, Progress, Stage, subrange
from app.search.manager import IndexManager
from app.values import IndexOutcome, Label, SearchRequest, SearchResponse

if TYPE_CHECKING:
    from pathlib import Path

    from sqlalchemy import Engine
    from sqlalchemy.orm import Session


class SearchOnlyLibrary:
    """What ``kitepkana search`` and the window's first results call of a library (``ensure_index``, ``search``,
    ``taxonomy``, ``thumbnails``), on a database at the schema's head. Holds the instance lock when opened
    ``exclusive`` (as :class:`app.library.Library`), else only for a rebuild."""

    def __init__(self, paths: app_paths.Paths, reader: LibraryReader, *,
                 instance_lock: InstanceLock | None = None) -> None:
        self.paths = paths
        self.instance_lock = instance_lock
        self.writer_lock = WriterLock(paths.lock_file, held=lambda: self.instance_lock is not None)
        self.media = MediaStore(paths.media)
        self._reader = reader
        self._engine: Engine | None = None
        self._maker = None
        self._handed_over = False
        self.search_index = IndexManager(paths.index, reader, self._session, hold_lock=self.writer_lock.hold)

    def _session(self) -> Session:
        """An ORM session, for a repair or a rebuild of the index only: SQLAlchemy is imported here."""
        if self._maker is None:
            from sqlalchemy.orm import sessionmaker

            from app.db import engine as db_engine

            self._engine = db_engine.make_engine(self.paths.database)
            self._maker = sessionmaker(self._engine, expire_on_commit=False)
        return self._maker()

    def ensure_index(self, *, progress: Progress | None = None, cancelled: Cancelled | None = None,
                     warm: bool = True) -> IndexOutcome:
        """As :meth:`app.library.Library.ensure_index`."""
        status = self.search_index.ensure(progress=subrange(progress, 0, 100, stage=Stage.INDEX),
                                          cancelled=cancelled)
        if warm:
            self.search_index.warm()
        return status

    def search(self, request: SearchRequest) -> SearchResponse:
        return self.search_index.search(request)

    def taxonomy(self) -> dict[str, list[Label]]:
        """As :meth:`app.library.Library.taxonomy`: topics, target groups and regions, each list by id."""
        out: dict[str, list[Label]] = {"topics": [], "target_groups": [], "regions": []}
        for fieldname, entry_id, (ky, ru, en) in self._reader.labels():
            out[fieldname].append(Label(entry_id, ky, ru, en))
        return {name: sorted(labels, key=lambda label: label.id) for name, labels in out.items()}

    def thumbnails(self, ids: Iterable[str]) -> dict[str, Path]:
        """As :meth:`app.library.Library.thumbnails`."""
        return {item_id: self.media.path(sha256) for item_id, sha256 in self._reader.thumbnails(ids).items()}

    def hand_over(self) -> tuple[InstanceLock | None, IndexManager]:
        """The instance lock and the index, for the :class:`app.library.Library` that takes over from this one
        (``Library(paths, opened=…)``); closing this one then leaves them open."""
        self._handed_over = True
        if self._engine is not None:
            self._engine.dispose()
            self._engine = self._maker = None
        return self.instance_lock, self.search_index

    def close(self) -> None:
        if self._engine is not None:
            self._engine.dispose()
        if self._handed_over:
            return
        self.search_index.close()
        if self.instance_lock is not None:
            self.instance_lock.release()
            self.instance_lock = None

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_for_search(paths: app_paths.Paths, *, sample: bool = True,
                    exclusive: bool = False) -> SearchOnlyLibrary | None:
    """The library of ``paths`` opened to search it, or None when it must be opened whole (app.library.Library):
    no database yet, a schema older or newer than this program's (migrations, or their refusal), or — with
    ``sample`` — an empty library, which gets the bundled sample first. ``exclusive`` takes the instance lock
    first, as the Library does (LibraryLockedError)."""
    lock = InstanceLock(paths.lock_file).acquire() if exclusive else None
    try:
        reader = LibraryReader(paths.database)
        if reader.revisions() != [HEAD_REVISION] or (sample and reader.is_empty()):
            reader.close()  # (the whole library opens the file next: migrations, the sample)
            if lock is not None:
                lock.release()
            return None
        return SearchOnlyLibrary(paths.ensure(), reader, instance_lock=lock)
    except BaseException:
        if lock is not None:
            lock.release()
        raise
