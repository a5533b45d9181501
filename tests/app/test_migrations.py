"""Migrations: the revision chain walks up and down and ends equal to the models; a kill inside the first creation
or a migration step loses nothing; a library an older version left half-made is started afresh, restored from its
backup, or refused and kept."""

import multiprocessing
import os
import shutil
import signal
import sqlite3
import sys
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from app.db import engine as db_engine
from app.db.models import Base
from app.errors import DatabaseDamagedError
from app.library import Library
from tests.conftest import SAMPLE
from tests.oldschema import copy_at_revision, legacy_upgrade


def _revisions() -> list[str]:
    script = ScriptDirectory.from_config(db_engine.alembic_config())
    return [r.revision for r in reversed(list(script.walk_revisions()))]


def test_chain_walks_up_and_down_and_matches_models(tmp_path: Path) -> None:
    engine = db_engine.make_engine(tmp_path / "walk.sqlite")
    cfg = db_engine.alembic_config()
    revisions = _revisions()
    assert revisions[0] == "0001" and revisions[-1] == db_engine.head_revision()
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
        assert db_engine.current_revision(lib.engine) == db_engine.head_revision()
        with lib.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_backup_copies_a_live_wal_database(tmp_path: Path, catalog: Path) -> None:
    with Library.open(tmp_path / "lib") as lib:
        lib.import_folder(catalog)
        lib.add_note("water-ru", "заметка")
        cut_short = lib.paths.backups / "library-20240101-000000-test.sqlite.partial"  # a backup a kill cut short
        cut_short.write_bytes(b"SQLite format 3\0")
        backup = db_engine.backup_database(lib.paths.database, lib.paths.backups, label="test")
        assert not cut_short.exists() and [p.name for p in lib.paths.backups.iterdir()] == [backup.name]
    con = sqlite3.connect(backup)
    try:
        assert con.execute("select count(*) from items").fetchone()[0] == 3
        assert con.execute("select text from notes").fetchone()[0] == "заметка"
    finally:
        con.close()


def test_outdated_database_is_backed_up_then_upgraded(tmp_path: Path) -> None:
    revisions = _revisions()
    if len(revisions) < 2:
        pytest.skip("only one revision so far: nothing older to upgrade from")
    db_path = tmp_path / "lib" / "library.sqlite"
    db_path.parent.mkdir()
    engine = db_engine.make_engine(db_path)
    with engine.begin() as conn:
        cfg = db_engine.alembic_config()
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


# --- crash safety: kills inside the first creation and inside each migration step ---------------------------
# A child process opens the library and SIGKILLs itself just before the n-th schema statement (CREATE, ALTER,
# DROP, or the alembic_version row a step ends with) on the library's database; the next open must find the
# library whole, at head, with everything it held. The hook lives here, not in the program.

def _open_and_kill(data_dir: str, kill_at: int) -> None:
    """In the child: open the library, SIGKILLed just before the ``kill_at``-th schema statement."""
    from sqlalchemy import Engine, event

    from tests.oldschema import is_schema_statement

    count = [0]

    def kill(conn, _cursor, statement, *_args) -> None:
        if is_schema_statement(statement) and str(conn.engine.url.database).endswith("library.sqlite"):
            count[0] += 1
            if count[0] == kill_at:
                os.kill(os.getpid(), signal.SIGKILL)

    event.listen(Engine, "before_cursor_execute", kill)
    Library.open(data_dir).close()
    sys.exit(3)  # the kill point was never reached


def _schema_statements_of_open(data_dir: Path) -> list[str]:
    """The schema statements a first open of (a copy of) ``data_dir`` runs on its database, in order."""
    from sqlalchemy import Engine, event

    from tests.oldschema import is_schema_statement

    seen: list[str] = []

    def record(conn, _cursor, statement, *_args) -> None:
        if is_schema_statement(statement) and str(conn.engine.url.database).endswith("library.sqlite"):
            seen.append(" ".join(statement.split())[:60])

    event.listen(Engine, "before_cursor_execute", record)
    try:
        Library.open(data_dir).close()
    finally:
        event.remove(Engine, "before_cursor_execute", record)
    return seen


def _kill_points(statements: list[str]) -> dict[int, str]:
    """1-based statement number -> where: each step's first statement, one in its middle, and the alembic_version
    row that ends it (its DDL all done, the revision not yet recorded)."""
    points: dict[int, str] = {}
    step_start = 1
    for n, statement in enumerate(statements, 1):
        if "ALEMBIC_VERSION" in statement.upper() and not statement.upper().startswith("CREATE"):
            revision = statement.split("'")[1] if "'" in statement else f"step ending at {n}"
            for k, where in ((step_start, "first statement"), ((step_start + n) // 2, "middle"), (n, "revision row")):
                points.setdefault(k, f"{where} of {revision}: {statements[k - 1]}")
            step_start = n + 1
    return points


def _kill_during_open(data_dir: Path, kill_at: int) -> int:
    # children forked from a server that imported the library once: a child costs milliseconds, not an import
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(["app.library", "tests.oldschema"])
    child = ctx.Process(target=_open_and_kill, args=(str(data_dir), kill_at))
    child.start()
    child.join(120)
    return child.exitcode


def _user_data(lib: Library) -> dict:
    return {"bookmarks": sorted(lib.bookmarks()), "history": sorted((i, p) for i, _w, p in lib.history()),
            "notes": sorted((n.item_id, n.text, n.position) for n in lib.notes()),
            "items": sorted(i.id for i in lib.list_items())}


@pytest.fixture(scope="module")
def full_library(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    """A library at head with the sample catalog imported, notes, bookmarks and history; and its user data."""
    folder = tmp_path_factory.mktemp("full") / "library"
    with Library.open(folder) as lib:
        lib.import_folder(SAMPLE)
        lib.add_note("contest-orozbekov-ru", "заметка", position=2.0)
        lib.add_note("deputies-report-batken-ru", "вторая заметка")
        lib.set_bookmark("contest-orozbekov-ru")
        lib.record_opened("lesson-elibrary-ky", position=12.5)
        data = _user_data(lib)
    return folder, data


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_a_kill_inside_the_first_creation_leaves_a_library_that_opens(tmp_path: Path) -> None:
    statements = _schema_statements_of_open(tmp_path / "recorded")
    points = _kill_points(statements)
    assert any("0001" in w for w in points.values()) and any(db_engine.head_revision() in w for w in points.values())
    for k, where in sorted(points.items()):
        data_dir = tmp_path / f"killed-{k}"
        assert _kill_during_open(data_dir, k) == -signal.SIGKILL, where
        with Library.open(data_dir) as lib:  # before the fix: "table blobs already exists"
            assert db_engine.current_revision(lib.engine) == db_engine.head_revision(), where
            assert lib.check().ok, where
            lib.record_opened("x")  # usable: it writes
            assert [i for i, _w, _p in lib.history()] == ["x"]


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_a_kill_inside_each_migration_step_loses_nothing(tmp_path: Path, full_library: tuple[Path, dict]) -> None:
    folder, data = full_library
    template = copy_at_revision(folder, tmp_path / "at-0001", "0001")
    shutil.copytree(template, tmp_path / "recorded")
    points = _kill_points(_schema_statements_of_open(tmp_path / "recorded"))
    for revision in _revisions()[1:]:
        assert any(f"of {revision}" in w for w in points.values()), (revision, points)
    for k, where in sorted(points.items()):
        data_dir = shutil.copytree(template, tmp_path / f"killed-{k}")
        assert _kill_during_open(data_dir, k) == -signal.SIGKILL, where
        assert _revision_in_file(data_dir / "library.sqlite") == "0001", where  # all or nothing
        with Library.open(data_dir) as lib:
            assert db_engine.current_revision(lib.engine) == db_engine.head_revision(), where
            assert _user_data(lib) == data, where
            assert lib.check().ok, where


def _revision_in_file(path: Path) -> str | None:
    con = sqlite3.connect(path)
    try:
        return con.execute("select version_num from alembic_version").fetchone()[0]
    finally:
        con.close()


# --- libraries an older version left half-made (its DDL committed statement by statement) -------------------

def _at_0003_half_migrated(tmp_path: Path, full_library: tuple[Path, dict], *, backup: bool,
                           stop: str = "after one statement") -> Path:
    """A library at 0003 whose 0004 an older version began and was killed in (``stop``); with the backup the
    older version made first, or none."""
    folder, _data = full_library
    data_dir = copy_at_revision(folder, tmp_path / "library", "0003")
    shutil.rmtree(data_dir / "backups", ignore_errors=True)
    (data_dir / "backups").mkdir()
    db_path = data_dir / "library.sqlite"
    if backup:
        db_engine.backup_database(db_path, data_dir / "backups", label="before-0004")
    scratch = copy_at_revision(folder, tmp_path / "scratch", "0003") / "library.sqlite"
    total = legacy_upgrade(scratch)
    done = legacy_upgrade(db_path, stop_before=2 if stop == "after one statement" else total)
    assert 0 < done < total and _revision_in_file(db_path) == "0003"
    with pytest.raises(sa.exc.OperationalError, match="duplicate column|already exists"):  # what bricked it
        legacy_upgrade(shutil.copy(db_path, tmp_path / "again.sqlite"))
    return data_dir


@pytest.mark.parametrize("stop_before", [3, 18, 35, 36])
def test_a_library_half_created_by_an_older_version_starts_afresh(tmp_path: Path, stop_before: int) -> None:
    db_path = tmp_path / "library" / "library.sqlite"
    db_path.parent.mkdir()
    legacy_upgrade(db_path, stop_before=stop_before)  # tables present, alembic_version empty
    assert _revision_in_file_or_none(db_path) is None
    with Library.open(tmp_path / "library") as lib:  # before the fix: "table blobs already exists"
        assert db_engine.current_revision(lib.engine) == db_engine.head_revision()
        assert lib.check().ok
        lib.record_opened("x")
    assert not list(db_path.parent.glob("library-damaged-*"))  # nothing in it to keep


def test_an_empty_library_half_migrated_by_an_older_version_starts_afresh(tmp_path: Path) -> None:
    db_path = tmp_path / "library" / "library.sqlite"
    db_path.parent.mkdir()
    legacy_upgrade(db_path, "0003")
    legacy_upgrade(db_path, stop_before=2)  # 0004's first ALTER done, the revision still 0003
    with Library.open(tmp_path / "library") as lib:
        assert db_engine.current_revision(lib.engine) == db_engine.head_revision() and lib.check().ok


@pytest.mark.parametrize("stop", ["after one statement", "before its revision row"])
def test_a_library_half_migrated_by_an_older_version_is_restored_from_its_backup(
        tmp_path: Path, full_library: tuple[Path, dict], stop: str) -> None:
    data_dir = _at_0003_half_migrated(tmp_path, full_library, backup=True, stop=stop)
    # each start of the older version then failed after backing up the damaged file: newer, but no good
    for n in range(2):
        shutil.copy(data_dir / "library.sqlite", data_dir / "backups" / f"library-2999010{n}-000000-before-0004.sqlite")
    with Library.open(data_dir) as lib:
        assert db_engine.current_revision(lib.engine) == db_engine.head_revision()
        assert _user_data(lib) == full_library[1]
        assert lib.check().ok
    kept = list(data_dir.glob("library-damaged-*.sqlite"))
    assert len(kept) == 1 and _revision_in_file(kept[0]) == "0003"  # the damaged file, copied aside


def test_a_damaged_library_with_user_data_and_no_backup_is_refused_and_kept(
        tmp_path: Path, full_library: tuple[Path, dict]) -> None:
    data_dir = _at_0003_half_migrated(tmp_path, full_library, backup=False)
    with pytest.raises(DatabaseDamagedError, match="no backup holds all of its notes") as refused:
        Library.open(data_dir, exclusive=True)
    kept = Path(refused.value.kept)
    assert kept.parent == data_dir and kept.name.startswith("library-damaged-") and str(kept) in str(refused.value)
    assert not (data_dir / "library.sqlite").exists()
    assert _notes_in_file(kept) == 2  # never deleted
    with Library.open(data_dir, exclusive=True) as lib:  # the next start (here: a retry) begins with an empty library
        assert db_engine.current_revision(lib.engine) == db_engine.head_revision() and lib.notes() == []


def test_a_backup_without_the_newest_notes_is_not_restored(tmp_path: Path, full_library: tuple[Path, dict]) -> None:
    data_dir = _at_0003_half_migrated(tmp_path, full_library, backup=True)
    con = sqlite3.connect(data_dir / "library.sqlite")  # a note written after the backup was made
    con.execute("insert into notes (item_id, text, created_at, updated_at) values ('x', 'newer', '2025-01-01', "
                "'2025-01-01')")
    con.commit()
    con.close()
    with pytest.raises(DatabaseDamagedError) as refused:
        Library.open(data_dir)
    assert _notes_in_file(Path(refused.value.kept)) == 3


def test_a_migration_that_recreates_a_table_keeps_the_rows_that_refer_to_it(sample_dir: Path) -> None:
    from alembic.operations import Operations

    db_path = sample_dir / "library.sqlite"
    links = "select count(*) from item_topics"
    con = sqlite3.connect(db_path)
    before = con.execute(links).fetchone()[0]
    con.close()
    assert before > 0
    # what a batch migration of 'items' does in SQLite: a new table, the rows copied, the old table dropped
    with db_engine.schema_connection(db_path) as conn, \
            Operations(MigrationContext.configure(conn)).batch_alter_table("items", recreate="always") as batch:
        batch.alter_column("title", existing_type=sa.String(500), existing_nullable=False)
    with Library.open(sample_dir) as lib:
        with lib.engine.connect() as conn:
            assert conn.exec_driver_sql(links).scalar() == before  # not cascaded away with the old table
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1  # the library's own connections
        assert lib.check().ok
    with pytest.raises(RuntimeError, match="refer to missing rows"), db_engine.schema_connection(db_path) as conn:
        conn.exec_driver_sql("delete from items")  # a migration may not leave dangling references
    con = sqlite3.connect(db_path)
    assert con.execute(links).fetchone()[0] == before  # and it was rolled back whole
    con.close()


def _revision_in_file_or_none(path: Path) -> str | None:
    con = sqlite3.connect(path)
    try:
        row = con.execute("select version_num from alembic_version").fetchone()
        return row[0] if row else None
    finally:
        con.close()


def _notes_in_file(path: Path) -> int:
    con = sqlite3.connect(path)
    try:
        return con.execute("select count(*) from notes").fetchone()[0]
    finally:
        con.close()
