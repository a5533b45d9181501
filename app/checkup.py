"""``kitepkana check`` / ``Library.check``: the database's integrity and foreign keys, the schema at the program's
revision, and every stored media file present with its SHA-256 (files not downloaded by policy are listed, not
counted as problems)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import select, text

from app.db import engine as db_engine
from app.db import models as m
from app.errors import CancelledError
from app.progress import Cancelled, Progress
from app.values import CheckReport

if TYPE_CHECKING:
    from app.library import Library


def check_library(library: Library, *, progress: Progress | None = None,
                  cancelled: Cancelled | None = None) -> CheckReport:
    problems: list[str] = []
    notes: list[str] = []
    with library.read_session() as s:
        integrity = [row[0] for row in s.execute(text("PRAGMA integrity_check"))]
        if integrity != ["ok"]:
            problems += [f"database: {line}" for line in integrity]
        for table, rowid, parent, _fk in s.execute(text("PRAGMA foreign_key_check")):
            problems.append(f"database: row {rowid} of '{table}' refers to a missing row of '{parent}'")
        blobs = list(s.execute(select(m.Blob.sha256, m.Blob.present)).all())
        names = dict(s.execute(select(m.ItemFile.sha256, m.ItemFile.item_id + ": " + m.ItemFile.name)).all())
    current, head = db_engine.current_revision(library.engine), db_engine.head_revision()
    if current != head:
        problems.append(f"database schema is at revision {current}, the program expects {head}")
    checked = 0
    for n, (sha, present) in enumerate(blobs):
        if cancelled and cancelled():
            raise CancelledError("cancelled; nothing half-done was kept")
        if progress:
            progress(n, len(blobs), names.get(sha, sha))
        if not present:
            notes.append(f"not downloaded: {names.get(sha, sha)}")
            continue
        wrong = library.media.verify(sha)
        checked += 1
        if wrong:
            problems.append(f"media file {sha[:12]}… ({names.get(sha, 'unreferenced')}) is {wrong}")
    if progress:
        progress(len(blobs), len(blobs), "")
    return CheckReport(problems=tuple(problems), files_checked=checked, notes=tuple(notes))
