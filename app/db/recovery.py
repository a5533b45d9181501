"""Repairing a database an older version left half-made: started afresh, restored from a backup, or kept aside.

Versions before this one ran each CREATE/ALTER of a migration as its own transaction, so a power cut or a
kill in the middle of the first creation or of a migration left some of the step done and ``alembic_version``
not saying so; every later start then failed (``table blobs already exists``). What such a database gets:

- no revision, no rows in any table (a first creation cut short): its tables are dropped and it is created
  afresh, in the same transaction as the creation;
- rows in it: the newest backup in ``backups/`` (one is made before every migration) whose schema is whole
  at its revision and that holds every row the damaged database holds (notes, bookmarks, history, content)
  is copied over it with SQLite's backup API (one transaction), then migrated as usual; the damaged file is
  first copied aside (``library-damaged-<time>.sqlite`` in the data folder);
- no such backup: the file is renamed aside, never deleted, and :class:`DatabaseDamagedError` says where.

"Whole" compares tables, their columns and index names with what the revision chain makes on an empty
database; the text of the CREATE statements is not compared (older library versions may word it differently).
"""

from __future__ import annotations

import logging
import sqlite3
from datetime import UTC, datetime
from functools import cache
from pathlib import Path

from alembic import command
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, create_engine

from app.db import engine as db_engine
from app.errors import DatabaseDamagedError

log = logging.getLogger(__name__)

Schema = dict[str, tuple[frozenset[str], frozenset[str]]]  # table -> (its columns, its index names)


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _tables(con: sqlite3.Connection, schema: str = "main") -> list[str]:
    rows = con.execute(f"SELECT name FROM {schema}.sqlite_master WHERE type = 'table' "
                       "AND name NOT LIKE 'sqlite_%' AND name != 'alembic_version'")
    return sorted(name for (name,) in rows)


def schema_of(con: sqlite3.Connection, schema: str = "main") -> Schema:
    out = {}
    for table in _tables(con, schema):
        columns = frozenset(row[1] for row in con.execute(f"PRAGMA {schema}.table_info({_q(table)})"))
        indexes = frozenset(row[1] for row in con.execute(f"PRAGMA {schema}.index_list({_q(table)})")
                            if not row[1].startswith("sqlite_autoindex"))
        out[table] = (columns, indexes)
    return out


@cache
def revisions() -> tuple[str, ...]:
    return tuple(r.revision for r in ScriptDirectory.from_config(db_engine.alembic_config()).walk_revisions())


@cache
def expected_schema(revision: str) -> Schema:
    """The schema the revision chain makes up to ``revision``, built in memory."""
    engine = create_engine("sqlite://")
    try:
        with engine.begin() as conn:
            cfg = db_engine.alembic_config()
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, revision)
            return schema_of(conn.connection.driver_connection)
    finally:
        engine.dispose()


def schema_is_whole(engine: Engine, current: str | None) -> bool:
    """Whether the database is what ``current`` says: no tables without a revision, the revision's tables else.

    A revision this program does not know (a newer program's database) is left to Alembic to report."""
    with engine.connect() as conn:
        con = conn.connection.driver_connection
        if current is None:
            return not _tables(con)
        if current not in revisions():
            return True
        return schema_of(con) == expected_schema(current)


def _has_rows(con: sqlite3.Connection, table: str, schema: str = "main") -> bool:
    return con.execute(f"SELECT 1 FROM {schema}.{_q(table)} LIMIT 1").fetchone() is not None


def is_blank(db_path: Path) -> bool:
    """No row in any table: nothing that starting afresh could lose."""
    con = sqlite3.connect(db_path, timeout=30)
    try:
        return not any(_has_rows(con, t) for t in _tables(con))
    finally:
        con.close()


def drop_everything(conn: Connection) -> None:
    """In the creation's own transaction: drop what a cut-short creation or migration left in a database that
    holds nothing (nothing is dropped if rows appeared since, written by another process)."""
    con = conn.connection.driver_connection
    if any(_has_rows(con, t) for t in _tables(con)):
        return
    for table in [*_tables(con), "alembic_version"]:
        conn.exec_driver_sql(f"DROP TABLE IF EXISTS {_q(table)}")


def _read_only(path: Path) -> str:
    return path.resolve().as_uri() + "?mode=ro"  # (as_uri escapes what a URI cannot hold: spaces, '?', '#', '%')


def revision_of(path: Path) -> str | None:
    try:
        con = sqlite3.connect(_read_only(path), uri=True, timeout=30)
    except sqlite3.Error:
        return None
    try:
        row = con.execute("SELECT version_num FROM alembic_version").fetchone()
        return row[0] if row else None
    except sqlite3.Error:
        return None
    finally:
        con.close()


def holds_everything(db_path: Path, backup: Path) -> bool:
    """Every row of every table of the database is in the backup (on the columns both have).

    Columns or tables the interrupted step added hold nothing of the user's: the step was cut short at start,
    before the program could write anything."""
    con = sqlite3.connect(db_path, timeout=30)
    try:
        con.execute("ATTACH DATABASE ? AS b", (str(backup),))
        backup_tables = set(_tables(con, "b"))
        for table in _tables(con):
            if not _has_rows(con, table):
                continue
            if table not in backup_tables:
                return False
            ours = [row[1] for row in con.execute(f"PRAGMA main.table_info({_q(table)})")]
            theirs = {row[1] for row in con.execute(f"PRAGMA b.table_info({_q(table)})")}
            cols = ", ".join(_q(c) for c in ours if c in theirs)
            missing = con.execute(f"SELECT 1 FROM (SELECT {cols} FROM main.{_q(table)} EXCEPT "
                                  f"SELECT {cols} FROM b.{_q(table)}) LIMIT 1").fetchone()
            if missing is not None:
                return False
        return True
    finally:
        con.close()


def fitting_backup(db_path: Path, backup_dir: Path) -> tuple[Path, str] | None:
    """The newest backup that is whole at its revision and holds everything the database holds."""
    for backup in sorted(backup_dir.glob("library-*.sqlite"), reverse=True):
        revision = revision_of(backup)
        if revision is None or revision not in revisions():
            continue
        try:
            con = sqlite3.connect(_read_only(backup), uri=True)
            try:
                whole = schema_of(con) == expected_schema(revision)
            finally:
                con.close()
            if whole and holds_everything(db_path, backup):
                return backup, revision
        except sqlite3.Error as e:  # a damaged backup is only not a candidate
            log.warning("backup %s cannot be read: %s", backup.name, e)
    return None


def _aside_name(db_path: Path) -> Path:
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    return db_path.with_name(f"library-damaged-{stamp}.sqlite")


def restore_or_refuse(db_path: Path, backup_dir: Path) -> str:
    """Restore the fitting backup over the damaged database (kept aside first); returns its revision.

    Without one, renames the database aside and raises :class:`DatabaseDamagedError`."""
    found = fitting_backup(db_path, backup_dir)
    if found is None:
        raise _refuse(db_path)
    backup, revision = found
    for stale in db_path.parent.glob("library-damaged-*.sqlite.partial"):  # a copy an earlier kill cut short
        stale.unlink(missing_ok=True)
    kept = _aside_name(db_path)
    partial = kept.with_name(kept.name + ".partial")
    db_engine.copy_database(db_path, partial)
    partial.replace(kept)
    # over the damaged file rather than renamed into its place: the library file never goes missing, and a
    # kill during the copy leaves the damaged file as it was (this runs again at the next start)
    db_engine.copy_database(backup, db_path)
    log.warning("the database was left half-migrated by an older version; restored from %s (the damaged file "
                "was kept as %s)", backup.name, kept.name)
    return revision


def _refuse(db_path: Path) -> DatabaseDamagedError:
    what = ("The library's database was left half-changed when an earlier version of Kitepkana was stopped "
            "while updating it, and no backup holds all of its notes, bookmarks and history.")
    kept = _aside_name(db_path)
    try:
        con = sqlite3.connect(db_path, timeout=30)
        try:  # its journal into the file, so that the file alone is whole
            con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            con.close()
        wal = db_path.with_name(db_path.name + "-wal")
        if wal.is_file() and wal.stat().st_size:
            raise OSError("another program still has the database open")
        db_path.replace(kept)
        for extra in ("-wal", "-shm"):
            db_path.with_name(db_path.name + extra).unlink(missing_ok=True)
    except (OSError, sqlite3.Error) as e:
        log.warning("could not move the damaged database aside: %s", e)
        return DatabaseDamagedError(f"{what} Nothing was deleted: it stays at {db_path}. Close every program that "
                                    "uses it and start Kitepkana again, or ask for help.", kept=str(db_path))
    return DatabaseDamagedError(f"{what} Nothing was deleted: it was moved to {kept}. The next start begins with "
                                "an empty library; ask for help to get your notes back from that file.",
                                kept=str(kept))
