"""The search index on disk: building, updating, checking and repairing it.

The index lives in ``<data>/index``. Beside the Whoosh files, ``state.json`` records the schema
version and the library's ``content_version`` the index reflects; it is written only after a
successful commit. At start :meth:`SearchIndex.ensure` compares it with the database: another schema
version or a damaged index means a rebuild (into a fresh folder, swapped in when complete); an older
content version means a repair that re-indexes exactly the items whose hash differs.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import threading
from collections.abc import Iterable
from pathlib import Path

from whoosh import index as windex

from app import fsutil
from app.errors import CancelledError
from app.progress import Cancelled, Progress
from app.search.schema import SCHEMA_VERSION, build_schema
from app.search.vocabulary import Vocabulary, VocabularyBuilder

log = logging.getLogger(__name__)
STATE_FILE = "state.json"
PARALLEL_FROM = 3000  # items; below this a single writer is faster than starting processes
PROGRESS_EVERY = 200  # documents between two progress reports of a rebuild
LIMIT_MB = 128  # postings a writer (each of the two processes) keeps in memory before it spills to disk


class IndexDamaged(Exception):
    pass


def _clean(doc: dict) -> dict:
    return {k: v for k, v in doc.items() if v not in ("", None)}


class SearchIndex:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._ix = None
        self._searcher = None
        self._lock = threading.RLock()
        self._vocabulary: Vocabulary | None = None

    # --- state -------------------------------------------------------------------------------

    def read_state(self) -> dict | None:
        try:
            return json.loads((self.folder / STATE_FILE).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None

    def _write_state(self, folder: Path, content_version: int) -> None:
        tmp = folder / (STATE_FILE + ".part")
        with open(tmp, "w", encoding="utf-8") as f:
            json.dump({"schema_version": SCHEMA_VERSION, "content_version": content_version}, f)
            f.flush()
            os.fsync(f.fileno())
        fsutil.replace(tmp, folder / STATE_FILE)

    def status(self, content_version: int) -> str:
        """'ok', 'stale' (repairable), or 'rebuild' (missing, damaged or another schema)."""
        state = self.read_state()
        if state is None or state.get("schema_version") != SCHEMA_VERSION:
            return "rebuild"
        try:
            self._open()
        except Exception:  # noqa: BLE001 — any damage means rebuild
            log.warning("search index damaged", exc_info=True)
            return "rebuild"
        return "ok" if state.get("content_version") == content_version else "stale"

    # --- opening ----------------------------------------------------------------------------------

    def _open(self):  # noqa: ANN202
        with self._lock:
            if self._ix is None:
                if not windex.exists_in(str(self.folder)):
                    raise IndexDamaged("no index")
                self._ix = windex.open_dir(str(self.folder))
                with self._ix.searcher() as s:  # touch it: a damaged segment fails here, not mid-search
                    s.doc_count()
            return self._ix

    def searcher(self):  # noqa: ANN201
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

    def close(self) -> None:
        with self._lock:
            self._vocabulary = None
            if self._searcher is not None:
                self._searcher.close()
                self._searcher = None
            if self._ix is not None:
                self._ix.close()
                self._ix = None

    # --- writing -----------------------------------------------------------------------------------

    def rebuild(self, documents: Iterable[tuple[dict, tuple[str, ...]]], *, total: int, content_version: int,
                progress: Progress | None = None, cancelled: Cancelled | None = None) -> int:
        """Build a complete new index beside the old one, then swap it in. Returns the items indexed."""
        fresh = self._fresh_folder()
        shutil.rmtree(fresh, ignore_errors=True)
        fresh.mkdir(parents=True)
        ix = windex.create_in(str(fresh), build_schema())
        parallel = total >= PARALLEL_FROM and (os.cpu_count() or 1) > 1
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
            shutil.rmtree(fresh, ignore_errors=True)
            raise
        ix.close()
        vocabulary.write(fresh)
        self._write_state(fresh, content_version)
        self._swap_in(fresh)
        return n

    def _fresh_folder(self) -> Path:
        return self.folder.with_name(self.folder.name + ".new")

    def remove_leftovers(self) -> None:
        """A half-built index of a process that was killed (the caller makes sure no rebuild runs now)."""
        shutil.rmtree(self._fresh_folder(), ignore_errors=True)

    def _swap_in(self, fresh: Path) -> None:
        self.close()  # Windows: nothing may hold the old files open while they are renamed
        old = self.folder.with_name(self.folder.name + ".old")
        shutil.rmtree(old, ignore_errors=True)
        if self.folder.exists():
            fsutil.replace(self.folder, old)
        fsutil.replace(fresh, self.folder)
        shutil.rmtree(old, ignore_errors=True)

    def update(self, documents: Iterable[tuple[dict, tuple[str, ...]]], *, remove: Iterable[str] = (),
               content_version: int) -> int:
        """Replace the documents of some items (and drop removed ones) in one commit."""
        with self._lock:
            ix = self._open()
            writer = ix.writer(limitmb=LIMIT_MB)
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
            vocabulary.append_to(self.folder)
            self._vocabulary = None
        self._write_state(self.folder, content_version)
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
                self._vocabulary = Vocabulary.load(self.folder)
            return self._vocabulary



def _cancel(writer) -> None:
    try:
        writer.cancel()
    finally:
        # Whoosh's cancel() only flags its worker processes in this process: they would wait for work
        # forever, and this process would hang when it exits (multiprocessing joins its children)
        for task in getattr(writer, "tasks", ()):
            task.terminate()
            task.join(5)
