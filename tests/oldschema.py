"""Libraries as older versions of Kitepkana left them, for the migration and crash-safety tests.

- :func:`copy_at_revision`: a library folder whose database is at an older revision, built with the revision
  chain (``command.upgrade(cfg, "0003")``) and holding the rows of a library at head (on the columns the older
  schema has), as that library would have looked before the newer migrations;
- :func:`legacy_upgrade`: the upgrade as versions before the crash-safe one ran it (Alembic on a connection in
  pysqlite's default mode, so each CREATE/ALTER committed by itself), optionally stopped before the n-th
  schema statement — the state a power cut left.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from alembic import command
from sqlalchemy import Engine, event

from app.db import engine as db_engine

SCHEMA_STATEMENTS = ("CREATE", "ALTER", "DROP", "INSERT INTO ALEMBIC_VERSION", "UPDATE ALEMBIC_VERSION")


def is_schema_statement(statement: str) -> bool:
    """A statement that changes the schema, or records the revision a step reached."""
    return statement.lstrip().upper().startswith(SCHEMA_STATEMENTS)


class Interrupted(Exception):
    pass


def legacy_upgrade(db_path: Path, target: str = "head", *, stop_before: int | None = None) -> int:
    """The old ``app.db.engine.upgrade`` (without its backup), stopped before the ``stop_before``-th (1-based)
    schema statement: what was committed stays, as after a kill. Returns how many schema statements ran."""
    engine = db_engine.make_engine(db_path)
    count = [0]

    def stop(_conn, _cursor, statement, *_args) -> None:
        if is_schema_statement(statement):
            count[0] += 1
            if count[0] == stop_before:
                raise Interrupted(statement)

    event.listen(engine, "before_cursor_execute", stop)
    try:
        with engine.begin() as conn:
            cfg = db_engine.alembic_config()
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, target)
    except Interrupted:
        return count[0] - 1
    finally:
        engine.dispose()
    return count[0]


def _tables(con: sqlite3.Connection, schema: str) -> list[str]:
    return [n for (n,) in con.execute(f"SELECT name FROM {schema}.sqlite_master WHERE type = 'table' "
                                      "AND name NOT LIKE 'sqlite_%' AND name != 'alembic_version'")]


def copy_at_revision(src: Path, dst: Path, revision: str) -> Path:
    """Copy the library folder ``src`` to ``dst`` with its database rebuilt at ``revision`` (same rows)."""
    shutil.copytree(src, dst)
    db_path = dst / "library.sqlite"
    for extra in ("", "-wal", "-shm"):
        db_path.with_name(db_path.name + extra).unlink(missing_ok=True)
    engine: Engine = db_engine.make_engine(db_path)
    with engine.begin() as conn:
        cfg = db_engine.alembic_config()
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)
    engine.dispose()
    con = sqlite3.connect(db_path)  # (foreign keys off: tables are filled in any order)
    try:
        con.execute("ATTACH DATABASE ? AS s", (str(src / "library.sqlite"),))
        theirs = set(_tables(con, "s"))
        for table in _tables(con, "main"):
            if table not in theirs:
                continue
            src_cols = {row[1] for row in con.execute(f"PRAGMA s.table_info({table})")}
            cols = ", ".join(f'"{row[1]}"' for row in con.execute(f"PRAGMA main.table_info({table})")
                             if row[1] in src_cols)
            con.execute(f"INSERT INTO main.{table} ({cols}) SELECT {cols} FROM s.{table}")
        con.commit()
    finally:
        con.close()
    return dst
