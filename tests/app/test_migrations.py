"""Migrations: the revision chain walks up and down on an empty database and ends equal to the models."""

import sqlite3
from pathlib import Path

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from app.db import engine as db
from app.db.models import Base
from app.library import Library


def _revisions() -> list[str]:
    script = ScriptDirectory.from_config(db.alembic_config())
    return [r.revision for r in reversed(list(script.walk_revisions()))]


def test_chain_walks_up_and_down_and_matches_models(tmp_path: Path) -> None:
    engine = db.make_engine(tmp_path / "walk.sqlite")
    cfg = db.alembic_config()
    revisions = _revisions()
    assert revisions[0] == "0001" and revisions[-1] == db.head_revision()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        for rev in revisions:
            command.upgrade(cfg, rev)
            assert MigrationContext.configure(conn).get_current_revision() == rev
        for _ in revisions:
            command.downgrade(cfg, "-1")
        assert MigrationContext.configure(conn).get_current_revision() is None
        command.upgrade(cfg, "head")
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), Base.metadata)
    assert diff == []


def test_library_migrates_on_open_with_wal_and_foreign_keys(tmp_path: Path) -> None:
    with Library.open(tmp_path / "lib") as lib:
        assert db.current_revision(lib.engine) == db.head_revision()
        with lib.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_backup_copies_a_live_wal_database(tmp_path: Path, catalog: Path) -> None:
    with Library.open(tmp_path / "lib") as lib:
        lib.import_folder(catalog)
        lib.add_note("water-ru", "заметка")
        backup = db.backup_database(lib.paths.database, lib.paths.backups, label="test")
    con = sqlite3.connect(backup)
    try:
        assert con.execute("select count(*) from items").fetchone()[0] == 3
        assert con.execute("select text from notes").fetchone()[0] == "заметка"
    finally:
        con.close()


def test_outdated_database_is_backed_up_then_upgraded(tmp_path: Path) -> None:
    revisions = _revisions()
    if len(revisions) < 2:
        import pytest

        pytest.skip("only one revision so far: nothing older to upgrade from")
    db_path = tmp_path / "lib" / "library.sqlite"
    db_path.parent.mkdir()
    engine = db.make_engine(db_path)
    with engine.begin() as conn:
        cfg = db.alembic_config()
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revisions[-2])
        conn.exec_driver_sql("insert into notes (item_id, text, created_at, updated_at) "
                             "values ('x', 'keep me', '2024-01-01', '2024-01-01')")
    engine.dispose()
    with Library.open(tmp_path / "lib") as lib:
        assert lib.last_backup is not None and lib.last_backup.is_file()
        assert [n.text for n in lib.notes()] == ["keep me"]
    con = sqlite3.connect(lib.last_backup)
    try:
        assert con.execute("select version_num from alembic_version").fetchone()[0] == revisions[-2]
    finally:
        con.close()
