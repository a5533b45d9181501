"""Plain ``sqlite3`` reads of the library database, for the search path: the schema revision, the content
version, the texts of a page of hits and the taxonomy labels.

A one-shot ``kitepkana search`` and the search behind the app's first results need nothing else from the
database, and SQLAlchemy's ORM with our models costs a quarter of a second to import (issue 15). The SQL here
is what the ORM sent for the same reads (app/search/manager.py before), so the results are the same rows.

Each read takes a connection of the reader's own that no other thread is using, or opens one (app/db/engine.py's
busy timeout and limit of parameters), and gives it back after: one reader serves every thread, and a search does
not pay for opening a connection (0.55 ms, SQLite reading the schema again, against 5 µs for a query on a kept one).
:meth:`LibraryReader.close` closes them (the library is closed: on Windows an open connection keeps the file). It opens the file by its name, as the
engine does, and refuses writes (``PRAGMA query_only``). Not a read-only open (``mode=ro``): that one could not
recover a WAL left by a crash nor roll back a hot journal on a network share, it leaves the ``-wal`` and ``-shm``
files behind, and its ``file:`` URI cannot name a network share's path on Windows. Reads take no lock of
the library's (app/lock.py): SQLite's own locking (WAL) lets them run beside a writer.
"""

from __future__ import annotations

import queue
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from app.db import MAX_VARIABLES

BUSY_TIMEOUT = 30  # seconds, as the engine's connections wait for a writer (app/db/engine.py make_engine)
_CHUNK = 500  # ids per statement (app.content.chunked)
# (facet field of the search index, taxonomy table)
TAXONOMIES = (("topics", "topics"), ("target_groups", "target_groups"), ("regions", "regions"))

HitTexts = dict[str, tuple[str, str, list[tuple[float, str, str]]]]


class LibraryReader:
    """Read-only plain-SQL access to the library database at ``path`` (which must exist)."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._idle: queue.SimpleQueue[sqlite3.Connection] = queue.SimpleQueue()

    @contextmanager
    def connect(self) -> Iterator[sqlite3.Connection]:
        """A connection for one read (no other thread uses it meanwhile), kept for the next one after it."""
        try:
            conn = self._idle.get_nowait()
        except queue.Empty:
            conn = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT, check_same_thread=False)
            try:
                conn.execute("PRAGMA query_only=ON")
                conn.setlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER, MAX_VARIABLES)
            except BaseException:
                conn.close()
                raise
        try:
            yield conn
        except BaseException:
            conn.close()  # (not kept: a read that failed may have left it in any state)
            raise
        self._idle.put(conn)

    def close(self) -> None:
        """Close the kept connections (none is in use: the library is being closed); a later read opens one."""
        while True:
            try:
                self._idle.get_nowait().close()
            except queue.Empty:
                return

    def revisions(self) -> list[str]:
        """The schema revisions the database records (one, normally; none in a new or half-made database, or
        when there is no database file yet)."""
        if not self.path.is_file():  # (a connection would create an empty one)
            return []
        try:
            with self.connect() as conn:
                return [r[0] for r in conn.execute("SELECT version_num FROM alembic_version")]
        except sqlite3.OperationalError:  # no such table
            return []

    def content_version(self) -> int:
        """``library_meta.content_version``: bumped by every content change (app/content.py)."""
        with self.connect() as conn:
            row = conn.execute("SELECT value FROM library_meta WHERE key = ?", ("content_version",)).fetchone()
        return int(row[0]) if row else 0

    def is_empty(self) -> bool:
        with self.connect() as conn:
            return conn.execute("SELECT EXISTS (SELECT 1 FROM items)").fetchone()[0] == 0

    def labels(self) -> list[tuple[str, str, tuple[str, str, str]]]:
        """(facet field, taxonomy id, its labels in Kyrgyz, Russian and English) of every taxonomy entry."""
        entries = []
        with self.connect() as conn:
            for fieldname, table in TAXONOMIES:
                entries += [(fieldname, entry_id, (ky, ru, en)) for entry_id, ky, ru, en in
                            conn.execute(f"SELECT id, label_ky, label_ru, label_en FROM {table}")]
        return entries

    def thumbnails(self, ids: Iterable[str]) -> dict[str, str]:
        """The SHA-256 of each of ``ids``' first thumbnail present on this PC, by id (``Library.thumbnails``)."""
        ids = list(dict.fromkeys(ids))
        found: dict[str, str] = {}
        with self.connect() as conn:
            for chunk in (ids[i:i + _CHUNK] for i in range(0, len(ids), _CHUNK)):
                marks = ", ".join("?" * len(chunk))
                for item_id, sha256 in conn.execute(
                        "SELECT item_files.item_id, item_files.sha256 FROM item_files "
                        "JOIN blobs ON blobs.sha256 = item_files.sha256 "
                        f"WHERE item_files.item_id IN ({marks}) AND item_files.role = ? AND blobs.present = 1 "
                        "ORDER BY item_files.position", (*chunk, "thumbnail")):
                    found.setdefault(item_id, sha256)
        return found

    def hit_texts(self, ids: Iterable[str], *, most: int | None = None) -> HitTexts:
        """Title, searchable text and transcript cues (start, language, text) of a page of hits, by id (the index
        stores no text): the item's summary, body, organisation and its files' extracted texts, parted like
        blocks (an empty line), so a summary without a full stop does not run into the body.

        ``most``: the first characters of each of those texts only (a snippet looks at the start of the text: a
        page of 20 hits with 300 KB of text from a PDF each took 32 ms to read whole, 12 ms this way)."""
        ids = list(dict.fromkeys(ids))
        rows, files, cue_rows = [], [], []
        text = "substr({}, 1, ?)" if most is not None else "{}"  # (substr counts characters, as Python does)
        bound = (min(most, 2**31 - 1),) if most is not None else ()  # (SQLite reads substr's length as 32 bits)
        with self.connect() as conn:
            for chunk in (ids[i:i + _CHUNK] for i in range(0, len(ids), _CHUNK)):
                marks = ", ".join("?" * len(chunk))
                rows += conn.execute(f"SELECT id, title, {text.format('summary')}, {text.format('body_text')}, "
                                     f"{text.format('organisation')} FROM items WHERE id IN ({marks})",
                                     (*bound * 3, *chunk)).fetchall()
                files += conn.execute(f"SELECT item_files.item_id, {text.format('file_texts.text')} FROM item_files "
                                      "JOIN file_texts ON file_texts.sha256 = item_files.sha256 "
                                      f"WHERE item_files.item_id IN ({marks}) AND file_texts.text != ?",
                                      (*bound, *chunk, "")).fetchall()
                cue_rows += conn.execute("SELECT item_id, start, lang, text FROM transcript_cues "
                                         f"WHERE item_id IN ({marks}) ORDER BY item_id, start",
                                         chunk).fetchall()
        extra: dict[str, list[str]] = {}
        for item_id, text in files:
            extra.setdefault(item_id, []).append(text)
        cues: dict[str, list[tuple[float, str, str]]] = {}
        for item_id, start, lang, text in cue_rows:
            cues.setdefault(item_id, []).append((start, lang, text))
        return {i: (title, "\n\n".join(t for t in (summary, body, org, *extra.get(i, ())) if t), cues.get(i, []))
                for i, title, summary, body, org in rows}
