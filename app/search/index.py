"""The search index on disk: building, updating, checking and repairing it.

The index lives in a generation folder of ``<data>/index``, the one the pointer file there names
(app/search/indexdir.py: nothing is ever renamed, which Windows refuses while a reader holds the files). Beside the
Whoosh files, ``state.json`` records the schema version and the library's ``content_version`` the index reflects;
it is written only after a successful commit. At start :meth:`IndexManager.ensure` compares it with the database:
another schema version or a damaged index means a rebuild (into a new generation, switched to when complete); an
older content version means a repair that re-indexes exactly the items whose hash differs.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import shutil
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager
from pathlib import Path

from whoosh import index as windex

from app import fsutil
from app.errors import CancelledError
from app.progress import Cancelled, Progress
from app.search import indexdir, reading
from app.search.schema import SCHEMA_VERSION, build_schema
from app.search.vocabulary import Vocabulary, VocabularyBuilder
from app.values import IndexStatus

log = logging.getLogger(__name__)
STATE_FILE = "state.json"
PARALLEL_FROM = 3000  # items; below this a single writer is faster than starting processes
PROGRESS_EVERY = 200  # documents between two progress reports of a rebuild
# Postings a rebuild's writer (each of the two processes) keeps in memory before it spills a sorted run to disk.
# A full rebuild at 50,000 items, all processes together (tests/bench/bench_rebuild_memory.py, alternating runs):
# with Whoosh's pool, 128 -> 576 MB at a median 481 items/s; 64 -> 461 MB at 472 items/s; below 64 memory rose
# again (more runs merged at once). With app.search.fastwrite's grouped pool (a posting costs a list slot, runs
# are merged term by term): 64 -> 437-444 MB at 500-563 items/s, 32 -> 376-381 MB at 458-629 items/s (16: 375 MB,
# no lower); with the workers spawned as on Windows, 32 -> 319 MB.
LIMIT_MB = 32
UPDATE_LIMIT_MB = 128  # an update's one writer (an import, a sync): not measured with less, so as before

reading.install()  # segments are read part by part into memory when first used, not mapped (app/search/reading.py)


class IndexDamaged(Exception):
    pass


@contextlib.contextmanager
def _unlocked(*, wait: float = 0.0) -> Iterator[None]:  # a SearchIndex on its own (benchmarks): nobody to meet
    yield


def _clean(doc: dict) -> dict:
    return {k: v for k, v in doc.items() if v not in ("", None)}


class SearchIndex:
    def __init__(self, root: Path, *, hold_lock: Callable[..., AbstractContextManager] | None = None) -> None:
        """``root``: the index's folder of generations; ``hold_lock(wait=seconds)``: holds the library's instance
        lock for a block (LibraryLockedError when another process has the library for writing past ``wait``)."""
        self.root = root
        self.hold_lock = hold_lock or _unlocked
        self._ix = None
        self._ix_folder: Path | None = None  # the generation self._ix reads
        self._searcher = None
        self._lock = threading.RLock()
        self._vocabulary: Vocabulary | None = None

    @property
    def folder(self) -> Path:
        """The current generation, as the pointer names it now (another process may have switched since)."""
        return indexdir.current(self.root)

    # --- state -------------------------------------------------------------------------------

    def read_state(self, folder: Path | None = None) -> dict | None:
        try:
            return json.loads(((folder or self.folder) / STATE_FILE).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None

    def _write_state(self, folder: Path, content_version: int) -> None:
        tmp = folder / (STATE_FILE + ".part")
        with open(tmp, "w", encoding="utf-8") as f:
            json.dump({"schema_version": SCHEMA_VERSION, "content_version": content_version}, f)
            f.flush()
            os.fsync(f.fileno())
        fsutil.replace(tmp, folder / STATE_FILE)

    def status(self, content_version: int) -> IndexStatus:
        """OK, STALE (repairable), or REBUILD (missing, damaged or another schema)."""
        folder = self.folder
        state = self.read_state(folder)
        if state is None or state.get("schema_version") != SCHEMA_VERSION:
            return IndexStatus.REBUILD
        try:
            self._open(folder)
        except Exception:  # any damage means rebuild
            log.warning("search index damaged", exc_info=True)
            return IndexStatus.REBUILD
        return IndexStatus.OK if state.get("content_version") == content_version else IndexStatus.STALE

    # --- opening ----------------------------------------------------------------------------------

    def _open(self, folder: Path | None = None):
        """The index of the current generation; a reader of an older one (another process switched) lets go of it
        and opens the new one, so the old one can be deleted."""
        with self._lock:
            folder = folder or self.folder
            if self._ix is not None and self._ix_folder != folder:
                self.close()
            if self._ix is None:
                if not windex.exists_in(str(folder)):
                    raise IndexDamaged("no index")
                # Each segment's parts are read into memory on first use (reading.install() above), never mapped: with
                # Whoosh's map every part was copied out of it at open, the whole index twice in memory before the
                # first results (59 MB of mapped pages plus the copies at 50,000 items); reading through one file
                # handle instead (FileStorage(supports_mmap=False)) made queries ~45 % slower there.
                ix = windex.open_dir(str(folder))
                try:
                    with ix.searcher() as s:  # touch it: a damaged segment fails here, not mid-search
                        s.doc_count()
                except BaseException:
                    ix.close()
                    raise
                self._ix, self._ix_folder = ix, folder
            return self._ix

    def searcher(self):
        """A cached searcher, replaced when the index changed.

        Not ``Searcher.refresh()``: it reuses the readers of unchanged segments and so misses documents
        deleted from them since (measured: an updated item was found twice).
        """
        with self._lock:
            ix = self._open()
            if self._searcher is not None and not self._searcher.up_to_date():
                self._searcher.close()
                self._searcher = None
            if self._searcher is None:
                self._searcher = ix.searcher()
            return self._searcher

    def searched_folder(self) -> Path | None:
        """The generation the searcher reads (None before the index is opened)."""
        return self._ix_folder

    def close(self) -> None:
        with self._lock:
            self._vocabulary = None
            if self._searcher is not None:
                self._searcher.close()
                self._searcher = None
            if self._ix is not None:
                self._ix.close()
                self._ix = self._ix_folder = None

    # --- writing -----------------------------------------------------------------------------------

    def rebuild(self, documents: Iterable[tuple[dict, tuple[str, ...]]], *, total: int, content_version: int,
                progress: Progress | None = None, cancelled: Cancelled | None = None) -> int:
        """Build a complete new generation beside the current one, then switch to it. Returns the items indexed.

        The instance lock is held throughout: no other process builds, switches or cleans up meanwhile."""
        with self.hold_lock():
            fresh = indexdir.new_generation(self.root)
            ix = windex.create_in(str(fresh), build_schema())
            parallel = total >= PARALLEL_FROM and usable_cores() > 1
            # two processes, each writing its own segment (no final merge): the analysis runs in both
            writer = ix.writer(limitmb=LIMIT_MB, procs=2 if parallel else 1, multisegment=parallel)
            vocabulary = VocabularyBuilder()
            n = 0
            try:
                for doc, texts in documents:
                    if cancelled and cancelled():
                        raise CancelledError("cancelled; nothing half-done was kept")
                    writer.add_document(**_clean(doc))
                    vocabulary.add_item(texts)
                    n += 1
                    if progress and (n % PROGRESS_EVERY == 0 or n == total):
                        progress(n, total, "indexing")
                if progress:
                    progress(n, total, "saving the index")
                writer.commit()
            except BaseException:
                _cancel(writer)
                ix.close()
                shutil.rmtree(fresh, ignore_errors=True)  # (what Windows still holds goes at the next clean-up)
                raise
            ix.close()
            vocabulary.write(fresh)
            self._write_state(fresh, content_version)
            self._switch_to(fresh)
        return n

    def remove_leftovers(self) -> None:
        """Old generations nothing holds any more, and the half-built one of a process that was killed. The caller
        holds the instance lock (so no rebuild runs now)."""
        for legacy in (".new", ".old"):  # the folders an older version renamed the index through
            shutil.rmtree(self.root.with_name(self.root.name + legacy), ignore_errors=True)
        indexdir.remove_unused(self.root)

    def _switch_to(self, fresh: Path) -> None:
        indexdir.switch(self.root, fresh)
        self.close()  # this process reads the new generation from now on (the others at their next search)
        indexdir.remove_unused(self.root)  # what a reader still holds (Windows) stays until a later clean-up

    def update(self, documents: Iterable[tuple[dict, tuple[str, ...]]], *, remove: Iterable[str] = (),
               content_version: int) -> int:
        """Replace the documents of some items (and drop removed ones) in one commit, in the current generation
        (under the instance lock: a rebuild elsewhere could switch away from it and delete it meanwhile)."""
        with self.hold_lock(), self._lock:
            folder = self.folder
            ix = self._open(folder)
            writer = ix.writer(limitmb=UPDATE_LIMIT_MB)
            vocabulary = VocabularyBuilder()
            n = 0
            try:
                for key in remove:
                    writer.delete_by_term("key", key)
                for doc, texts in documents:
                    writer.update_document(**_clean(doc))
                    vocabulary.add_item(texts)
                    n += 1
                writer.commit()
            except BaseException:
                writer.cancel()
                raise
            vocabulary.append_to(folder)
            self._vocabulary = None
            self._write_state(folder, content_version)
        return n

    def indexed_states(self) -> dict[str, str]:
        """item id → the hash it was indexed with."""
        s = self.searcher()
        out = {}
        for fields in s.reader().all_stored_fields():
            out[fields["key"]] = fields.get("hash", "")
        return out

    def doc_count(self) -> int:
        return self.searcher().doc_count()

    def vocabulary(self) -> Vocabulary:
        """The words of the library as written (loaded once, reloaded after an update)."""
        with self._lock:
            if self._vocabulary is None:
                if self._ix_folder is None:
                    self._open()
                self._vocabulary = Vocabulary.load(self._ix_folder)  # the generation searched (reset on a switch)
            return self._vocabulary



def usable_cores() -> int:
    """The CPUs this process may run on (an old PC, or one pinned to one core: two writer processes on one
    core only compete), not the machine's count."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # Windows and macOS have no affinity call in os
        return os.cpu_count() or 1




def _cancel(writer) -> None:
    """Cancel a writer; a parallel one's worker processes are ended first.

    Whoosh's cancel() only flags its worker processes in this process: they would wait for work forever, and
    this process would hang when it exits (multiprocessing joins its children). And it deletes the job and
    segment files the workers still hold open, which Windows refuses (a permission error instead of "cancelled"):
    so the workers are terminated and joined before it runs, and nothing holds those files any more.
    """
    tasks = getattr(writer, "tasks", ())
    for task in tasks:
        task.terminate()
    for task in tasks:
        task.join(5)
        if task.is_alive():  # (terminate is SIGTERM / TerminateProcess; never seen ignored)
            task.kill()
            task.join(5)
    for queue in (getattr(writer, "jobqueue", None), getattr(writer, "resultqueue", None)):
        if queue is not None:  # jobs nobody will read: this process must not wait at exit to hand them over
            queue.cancel_join_thread()
    try:
        writer.cancel()
    except OSError:  # a file it could not delete is in the abandoned generation: the next clean-up deletes it
        log.warning("cancelling the index writer left files behind", exc_info=True)
