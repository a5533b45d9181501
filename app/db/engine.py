"""Opening the library database: engine with the right SQLite pragmas, and migrations at start.

Migrations run automatically when the database is behind the code, after a backup of the file
(SQLite's online backup API, so a WAL database is copied consistently). The Alembic scripts live
inside the package (``app/db/migrations``) so the frozen app carries them.

Every migration, the first creation of the database included, is all or nothing: it runs on a
connection of its own in one explicit transaction (:func:`schema_connection`), so a power cut leaves
the database as it was before. A database an older version left half-created or half-migrated (its
DDL committed statement by statement) is repaired first, from a backup that holds everything it holds
(``app.db.recovery``).

Alembic is imported only when the schema must change: a start on an up-to-date database reads the
revision it records and compares it with :data:`app.db.HEAD_REVISION`, the newest of the scripts recorded in
code (:func:`at_head`) — Alembic and Mako are about a hundred files and a fifth of a second to import, and the
scripts four more files to read, paid by every start and every one-shot command (issue 15).
"""

from __future__ import annotations

import logging
import re
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.exc import DBAPIError
from sqlalchemy.pool import NullPool

from app import drivefs
from app.db import HEAD_REVISION, MAX_VARIABLES

log = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
KEEP_BACKUPS = 5
_REVISION_LINE = re.compile(r"^(down_)?revision\b[^=\n]*=\s*['\"]([^'\"]+)['\"]", re.MULTILINE)

if TYPE_CHECKING:
    from alembic.config import Config


def on_network_share(path: Path) -> bool:
    """Is ``path`` on a network share (a UNC path, a mapped network drive, an NFS/SMB mount)? SQLite's WAL needs
    memory shared by every process using the database, which a share cannot give: WAL there corrupts it."""
    text = str(path).replace("/", "\\")
    if text.startswith("\\\\?\\UNC\\") or (text.startswith("\\\\") and not text.startswith(("\\\\?\\", "\\\\.\\"))):
        return True  # \\server\share\..., also as a long path (\\?\UNC\server\share\...)
    return drivefs.drive_kind(path.parent if not path.is_dir() else path) == "network"


def journal_mode(path: Path, *, network: bool | None = None) -> str:
    """WAL, or DELETE (SQLite's rollback journal) for a library on a network share (``network``: None = look)."""
    if network if network is not None else on_network_share(path):
        log.warning("the library %s is on a network share: SQLite's WAL cannot work there, so the database uses "
                    "a rollback journal (slower; and only one computer at a time may open the library)", path)
        return "DELETE"
    return "WAL"


def _set_pragmas(dbapi_conn: sqlite3.Connection, *, foreign_keys: bool, journal: str = "WAL") -> None:
    # (outside any transaction: journal_mode cannot change inside one, and foreign_keys is a no-op there)
    cur = dbapi_conn.cursor()
    cur.execute(f"PRAGMA journal_mode={journal}")
    cur.execute(f"PRAGMA foreign_keys={'ON' if foreign_keys else 'OFF'}")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()
    dbapi_conn.setlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER, MAX_VARIABLES)


def make_engine(path: Path, *, network: bool | None = None) -> Engine:
    """The library's engine; on a network share (``network``: None = look) without WAL (:func:`journal_mode`)."""
    engine = create_engine(f"sqlite:///{path}", connect_args={"timeout": 30, "check_same_thread": False})
    journal = journal_mode(path, network=network)

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_conn, _record):
        _set_pragmas(dbapi_conn, foreign_keys=True, journal=journal)

    return engine


@contextmanager
def schema_connection(db_path: Path) -> Iterator[Connection]:
    """A connection in one explicit transaction for schema changes: all of it is committed, or none of it.

    Python's sqlite3 opens a transaction only before INSERT/UPDATE/DELETE, so each CREATE or ALTER of a
    migration would commit by itself (Alembic's SQLite default does not ask for more): a kill in the middle
    left half the tables and an empty ``alembic_version``, and no later start could open the library. Here the
    driver sends no BEGIN/COMMIT of its own (``isolation_level = None``) and the transaction begins explicitly
    (SQLAlchemy's pysqlite recipe, "transactional DDL"), IMMEDIATE so that no other process writes between our
    look at the schema and our change of it.

    Foreign keys are off on this connection (set before BEGIN): a batch migration recreates a table and drops
    the old one, which with foreign keys on would delete the rows that refer to it. So that no migration can
    leave dangling references, the references found broken at the end must all have been broken at the start.
    The ordinary engine (:func:`make_engine`) keeps the driver's default: its sessions never change the schema,
    and a read opens no transaction that a later write would have to upgrade.
    """
    engine = create_engine(f"sqlite:///{db_path}", poolclass=NullPool, connect_args={"timeout": 30})
    journal = "DELETE" if on_network_share(db_path) else "WAL"

    @event.listens_for(engine, "connect")
    def _connect(dbapi_conn, _record):
        dbapi_conn.isolation_level = None
        _set_pragmas(dbapi_conn, foreign_keys=False, journal=journal)

    @event.listens_for(engine, "begin")
    def _begin(conn):
        conn.exec_driver_sql("BEGIN IMMEDIATE")

    try:
        with engine.begin() as conn:
            broken_before = _broken_references(conn)
            yield conn
            broken = _broken_references(conn) - broken_before
            if broken:
                raise RuntimeError(f"the migration would leave rows that refer to missing rows: {sorted(broken)[:5]}")
    finally:
        engine.dispose()


def _broken_references(conn: Connection) -> set[tuple]:
    return {tuple(row) for row in conn.exec_driver_sql("PRAGMA foreign_key_check")}


def alembic_config() -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    return cfg


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def scripts_head() -> str | None:
    """The newest revision of the migration scripts, read from their ``revision = '…'`` lines without
    Alembic; None when that is not clear (a test checks :data:`app.db.HEAD_REVISION` against it)."""
    revisions, parents = set(), set()
    for path in (MIGRATIONS_DIR / "versions").glob("*.py"):
        for down, value in _REVISION_LINE.findall(path.read_text(encoding="utf-8")):
            (parents if down else revisions).add(value)
    heads = revisions - parents
    return heads.pop() if len(heads) == 1 else None


def recorded_revisions(engine: Engine) -> list[str]:
    """The revisions the database records (one, normally; none in a new or half-made one), read without
    Alembic: the window's statistics show it before the first results, and Alembic and Mako take ~70 ms
    to import."""
    try:
        with engine.connect() as conn:
            return [r[0] for r in conn.exec_driver_sql("SELECT version_num FROM alembic_version")]
    except DBAPIError:  # no such table
        return []


def at_head(engine: Engine) -> bool:
    """Does the database record exactly the newest revision of the scripts (:data:`app.db.HEAD_REVISION`)?"""
    return recorded_revisions(engine) == [HEAD_REVISION]


def copy_database(src_path: Path, dst_path: Path) -> None:
    """SQLite's backup API: consistent (a WAL's committed pages included), and written in one transaction."""
    src = sqlite3.connect(src_path, timeout=30)
    try:
        dst = sqlite3.connect(dst_path, timeout=30)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()


def backup_database(db_path: Path, backup_dir: Path, *, label: str) -> Path:
    """Copy the database with SQLite's backup API; keep the newest few backups."""
    backup_dir.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    target = backup_dir / f"library-{stamp}-{label}.sqlite"
    # written under another name and renamed when whole: a copy cut short by a crash is never taken for a
    # backup (nor counted among the ones kept)
    partial = target.with_name(target.name + ".partial")
    for stale in backup_dir.glob("library-*.sqlite.partial"):
        stale.unlink(missing_ok=True)
    copy_database(db_path, partial)
    partial.replace(target)
    backups = sorted(backup_dir.glob("library-*.sqlite"))
    for old in backups[:-KEEP_BACKUPS]:
        try:
            old.unlink()
        except OSError:
            pass  # in use on Windows: it goes next time
    return target


def upgrade(engine: Engine, *, db_path: Path, backup_dir: Path, target: str = "head") -> Path | None:
    """Bring the schema to ``target`` in one transaction. Returns the backup made first, if any.

    A database left half-made by an older version is first started afresh (nothing in it yet) or restored
    from a backup that holds everything it holds; if there is none, it is renamed aside and
    :class:`app.errors.DatabaseDamagedError` raised (``app.db.recovery``).
    """
    if target == "head" and at_head(engine):  # the ordinary start: nothing to do, no Alembic imported
        return None
    current = current_revision(engine)
    wanted = head_revision() if target == "head" else target
    if current == wanted:
        return None
    from app.db import recovery  # (only when the schema changes)

    start_afresh = False
    if not recovery.schema_is_whole(engine, current):
        engine.dispose()  # every connection closed: the file may be restored or renamed aside
        if recovery.is_blank(db_path):
            log.warning("the database was left half-created; it holds nothing yet and is started afresh")
            start_afresh = True
        else:
            current = recovery.restore_or_refuse(db_path, backup_dir)
            if current == wanted:
                return None
    backup = None
    if current is not None and not start_afresh:  # an existing library: keep a copy before touching its schema
        backup = backup_database(db_path, backup_dir, label=f"before-{wanted}")
    cfg = alembic_config()
    with schema_connection(db_path) as conn:
        if start_afresh:
            recovery.drop_everything(conn)
        cfg.attributes["connection"] = conn
        from alembic import command

        command.upgrade(cfg, target)
    return backup
