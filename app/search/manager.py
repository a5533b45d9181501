"""Keeps the search index in step with the library database.

The database is the truth. After every content change the changed items are re-indexed and the index
records the new ``content_version``; if the process dies in between, the next :meth:`ensure` sees an
older version and repairs exactly the items whose hash differs. Another schema version or a damaged
index is rebuilt from scratch (with progress), never searched.

What a search reads from the database (the content version, the hits' texts, the taxonomy labels) goes through
plain ``sqlite3`` (app/db/reader.py); only a repair or a rebuild opens ORM sessions, and imports SQLAlchemy then:
a one-shot ``kitepkana search`` and the app's first results do without it (issue 15).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable
from contextlib import AbstractContextManager, ExitStack
from pathlib import Path
from typing import TYPE_CHECKING

from app.db.reader import HitTexts, LibraryReader
from app.errors import LibraryLockedError
from app.lock import RETRY_SECONDS
from app.progress import Cancelled, Progress
from app.search.index import PARALLEL_FROM, SearchIndex
from app.search.labels import LabelIndex
from app.search.service import Searcher
from app.values import IndexOutcome, IndexStatus, SearchRequest, SearchResponse

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

log = logging.getLogger(__name__)


class IndexManager:
    def __init__(self, folder: Path, reader: LibraryReader, sessions: Callable[[], Session], *,
                 hold_lock: Callable[..., AbstractContextManager] | None = None) -> None:
        """``reader`` serves the searches' reads; ``sessions`` (a sessionmaker, or what makes one on first use)
        the reads of a repair or a rebuild."""
        self.index = SearchIndex(folder, hold_lock=hold_lock)
        self.searcher = Searcher(self.index)
        self._reader = reader
        self._sessions = sessions
        self._lock = threading.RLock()
        # One search at a time: a searcher's readers share file handles (seek, then read), so two threads in one
        # searcher read each other's bytes (measured: CorruptIndexError / EOFError with three searching threads
        # while a sync changed the index). A search takes milliseconds; the reading room's threads queue here.
        self._search_lock = threading.Lock()
        self._labels: LabelIndex | None = None

    def use_sessions(self, sessions: Callable[[], Session]) -> None:
        """Repairs and rebuilds use these sessions from now on (a library taking over this index)."""
        with self._lock:
            self._sessions = sessions

    def ensure(self, *, progress: Progress | None = None, cancelled: Cancelled | None = None) -> IndexOutcome:
        """Make the index match the database. Returns what was done: OK, REPAIRED or REBUILT; or STALE when
        another process (the app) has the library for writing: it brings the index along itself, and this one
        searches the index as it is meanwhile. An index that needs a rebuild then is LibraryLockedError."""
        with self._lock, ExitStack() as held:
            version = self._reader.content_version()
            status = self.index.status(version)
            try:
                # (an index in order only wants its old generations cleaned up: not worth a wait)
                held.enter_context(self.index.hold_lock(wait=0.0 if status == IndexStatus.OK else RETRY_SECONDS))
            except LibraryLockedError as e:
                if status == IndexStatus.REBUILD:
                    raise LibraryLockedError("The search index of this library is being rebuilt by the Kitepkana "
                                             "app that has it open: search there, or close it and try again.") from e
                return IndexOutcome.OK if status == IndexStatus.OK else IndexOutcome.STALE
            self.index.remove_leftovers()  # (under the lock: no rebuild runs now)
            if status == IndexStatus.OK:
                return IndexOutcome.OK
            session = held.enter_context(self._sessions())  # (a repair or a rebuild: the ORM from here)
            if status == IndexStatus.STALE:
                try:
                    self._repair(session, version, progress=progress)
                    return IndexOutcome.REPAIRED
                except Exception:  # a repair that fails falls back to a rebuild
                    log.warning("index repair failed; rebuilding", exc_info=True)
            self.rebuild(progress=progress, cancelled=cancelled, session=session)
            return IndexOutcome.REBUILT

    def rebuild(self, *, progress: Progress | None = None, cancelled: Cancelled | None = None,
                session: Session | None = None) -> int:
        from app.search.documents import build_documents, count_items

        with self._lock:
            own = session is None
            session = session or self._sessions()
            try:
                version = self._reader.content_version()
                return self.index.rebuild(build_documents(session), total=count_items(session),
                                          content_version=version, progress=progress, cancelled=cancelled)
            finally:
                if own:
                    session.close()

    def _repair(self, session: Session, version: int, *, progress: Progress | None = None) -> None:
        from app.search.documents import all_states, build_documents

        wanted = all_states(session)
        have = self.index.indexed_states()
        changed = [i for i, h in wanted.items() if have.get(i) != h]
        removed = [i for i in have if i not in wanted]
        if progress:
            progress(0, len(changed) or 1, "updating the search index")
        self.index.update(build_documents(session, changed), remove=removed, content_version=version)
        if progress:
            progress(len(changed) or 1, len(changed) or 1, "")

    def items_changed(self, changed: Iterable[str], removed: Iterable[str] = (), *,
                      progress: Progress | None = None) -> None:
        """Called right after a content transaction committed (also when it changed nothing).

        Only an index exactly one change behind gets the partial update; one further behind (a crash
        between an earlier commit and its index update) is repaired by hash, so it is never stamped
        up to date while missing changes.
        """
        from app.search.documents import build_documents, count_items

        changed, removed = list(changed), list(removed)
        self._labels = None  # the taxonomy may have changed with the content
        with self._lock:
            version = self._reader.content_version()
            status = self.index.status(version)
            if status == IndexStatus.OK:
                return
            with self._sessions() as session:
                if status == IndexStatus.REBUILD:
                    self.rebuild(session=session, progress=progress)
                    return
                state = self.index.read_state() or {}
                if len(changed) >= PARALLEL_FROM and len(changed) * 2 >= count_items(session):
                    # most of the library changed (a first sync, a snapshot): a rebuild uses both cores
                    self.rebuild(session=session, progress=progress)
                elif state.get("content_version") == version - 1 and (changed or removed):
                    # (a version bump with no item changes — a taxonomy change, or a crashed commit re-applied —
                    # cannot tell this commit from an earlier one the index missed: repaired by hash below)
                    self.index.update(build_documents(session, changed), remove=removed, content_version=version)
                else:
                    self._repair(session, version, progress=progress)

    def search(self, request: SearchRequest) -> SearchResponse:
        with self._search_lock:  # (a listing needs no labels: they are read at the first query with words)
            return self.searcher.search(request, self._texts, self.labels() if request.text.strip() else None)

    def labels(self) -> LabelIndex:
        """The taxonomy labels, read from the database once per content change."""
        with self._lock:
            if self._labels is None:
                self._labels = LabelIndex(self._reader.labels())
            return self._labels

    def warm(self) -> None:
        """Load what the first search would (the vocabulary, the facet postings, the labels)."""
        with self._search_lock:
            self.searcher.warm()
        self.labels()

    def _texts(self, ids: list[str], *, most: int | None = None) -> HitTexts:
        """Title, searchable text and transcript cues of a page of hits (the index stores no text); ``most``: the
        first characters of each text only."""
        return self._reader.hit_texts(ids, most=most)

    def close(self) -> None:
        self.index.close()
        self._reader.close()
