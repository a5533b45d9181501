"""Opening the library database: engine with the right SQLite pragmas, and migrations at start.

Migrations run automatically when the database is behind the code, after a backup of the file
(SQLite's online backup API, so a WAL database is copied consistently). The Alembic scripts live
inside the package (``app/db/migrations``) so the frozen app carries them.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
KEEP_BACKUPS = 5
# SQLite's default limit of parameters per statement, as Python's own SQLite on Windows has it (Debian's
# allows 250,000): every platform gets the Windows limit, so a statement too big for Windows fails here too.
MAX_VARIABLES = 32766


def make_engine(path: Path) -> Engine:
    engine = create_engine(f"sqlite:///{path}", connect_args={"timeout": 30, "check_same_thread": False})

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_conn, _record):
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.close()
        dbapi_conn.setlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER, MAX_VARIABLES)

    return engine


def alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    return cfg


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def backup_database(db_path: Path, backup_dir: Path, *, label: str) -> Path:
    """Copy the database with SQLite's backup API; keep the newest few backups."""
    backup_dir.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    target = backup_dir / f"library-{stamp}-{label}.sqlite"
    src = sqlite3.connect(db_path)
    try:
        dst = sqlite3.connect(target)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()
    backups = sorted(backup_dir.glob("library-*.sqlite"))
    for old in backups[:-KEEP_BACKUPS]:
        try:
            old.unlink()
        except OSError:
            pass  # in use on Windows: it goes next time
    return target


def upgrade(engine: Engine, *, db_path: Path, backup_dir: Path, target: str = "head") -> Path | None:
    """Bring the schema to ``target``. Returns the backup made first, if any."""
    current = current_revision(engine)
    wanted = head_revision() if target == "head" else target
    if current == wanted:
        return None
    backup = None
    if current is not None:  # an existing library: keep a copy before touching its schema
        backup = backup_database(db_path, backup_dir, label=f"before-{wanted}")
    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, target)
    return backup
