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
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Self

from app import paths as app_paths
from app.db import HEAD_REVISION
from app.db.reader import LibraryReader
from app.lock import WriterLock
from app.progress import Cancelled, Progress, Stage, subrange
from app.search.manager import IndexManager
from app.values import IndexOutcome, SearchRequest, SearchResponse

if TYPE_CHECKING:
    from sqlalchemy import Engine
    from sqlalchemy.orm import Session


class SearchOnlyLibrary:
    """What ``kitepkana search`` calls of a library (``ensure_index``, ``search``), on a database at the schema's
    head. Takes no lock of the library but the one a rebuild takes, as a library opened without ``exclusive``."""

    def __init__(self, paths: app_paths.Paths, reader: LibraryReader) -> None:
        self.paths = paths
        self.writer_lock = WriterLock(paths.lock_file, held=lambda: False)
        self._engine: Engine | None = None
        self._maker = None
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

    def close(self) -> None:
        self.search_index.close()
        if self._engine is not None:
            self._engine.dispose()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_for_search(paths: app_paths.Paths, *, sample: bool = True) -> SearchOnlyLibrary | None:
    """The library of ``paths`` opened to search it, or None when it must be opened whole (app.library.Library):
    no database yet, a schema older or newer than this program's (migrations, or their refusal), or — with
    ``sample`` — an empty library, which gets the bundled sample first."""
    reader = LibraryReader(paths.database)
    if reader.revisions() != [HEAD_REVISION]:
        return None
    if sample and reader.is_empty():
        return None
    return SearchOnlyLibrary(paths.ensure(), reader)
