"""The one-shot ``kitepkana search`` (issue 15): on an up-to-date library it answers without importing SQLAlchemy or
Alembic, with the library's own answer; an index behind the database is repaired first, an older schema migrated
first (the library opened whole, as every command opens it): a stale index or a database this program does not
know is never searched. And the plain ``sqlite3`` reads the search uses (app/db/reader.py) read what the ORM reads;
the library opened only to search it (app/searchonly.py, also the window's first results) hands its lock and index
over to the whole library.
"""

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import select

from app import paths as app_paths
from app.db import HEAD_REVISION
from app.db import engine as db_engine
from app.db import models as m
from app.db.reader import LibraryReader
from app.errors import LibraryLockedError
from app.library import Library
from app.lock import InstanceLock
from app.searchonly import open_for_search
from app.values import IndexOutcome, SearchRequest
from tests.conftest import ROOT
from tests.oldschema import copy_at_revision

ORM = ("sqlalchemy", "alembic", "mako")


def search(data: Path, *args: str) -> tuple[subprocess.CompletedProcess, set[str]]:
    """``kitepkana --data-dir DATA search ARGS`` in a fresh process, and the modules it imported (-X importtime)."""
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    out = subprocess.run([sys.executable, "-X", "importtime", "-m", "app", "--data-dir", str(data), "search", *args],
                         cwd=ROOT, capture_output=True, text=True, encoding="utf-8", env=env, timeout=120, check=False)
    imported = {line.rsplit("|", 1)[1].strip() for line in out.stderr.splitlines() if line.startswith("import time:")}
    return out, imported


def orm_loaded(imported: set[str]) -> list[str]:
    return sorted(name for name in imported if name.split(".")[0] in ORM)


def test_an_up_to_date_library_answers_without_sqlalchemy_as_the_library_does(sample_dir: Path) -> None:
    out, imported = search(sample_dir, "пастбищ", "--json")
    assert out.returncode == 0, out.stderr
    assert orm_loaded(imported) == []
    assert "search index was" not in out.stderr  # nothing to repair
    with Library.open(sample_dir) as lib:
        expected = lib.search(SearchRequest("пастбищ", limit=20))
    data = json.loads(out.stdout)
    assert [h["id"] for h in data["hits"]] == [h.id for h in expected.hits] and data["total"] == expected.total >= 3
    assert [h["snippet"] for h in data["hits"]] == [h.snippet for h in expected.hits]
    assert data["facets"] == expected.to_dict()["facets"]


def test_an_index_behind_the_database_is_repaired_before_the_search(sample_dir: Path) -> None:
    with sqlite3.connect(sample_dir / "library.sqlite") as con:  # a commit whose index update never happened
        con.execute("UPDATE library_meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'content_version'")
    con.close()
    out, _ = search(sample_dir, "пастбищ", "--json")
    assert out.returncode == 0, out.stderr
    assert "The search index was repaired to match the library." in out.stderr
    assert json.loads(out.stdout)["total"] >= 3
    again, imported = search(sample_dir, "пастбищ", "--json")
    assert "search index was" not in again.stderr and orm_loaded(imported) == []


def test_an_older_schema_is_migrated_before_the_search(sample_template: Path, tmp_path: Path) -> None:
    old = copy_at_revision(sample_template, tmp_path / "old", "0003")
    out, imported = search(old, "пастбищ", "--json")
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["total"] >= 3
    assert "alembic" in imported  # the library was opened whole, and migrated
    assert LibraryReader(old / "library.sqlite").revisions() == [HEAD_REVISION]


def test_no_library_yet_is_made_then_searched(tmp_path: Path) -> None:
    out, _ = search(tmp_path / "new", "--no-sample", "пастбищ")
    assert out.returncode == 0, out.stderr
    assert "0 result(s)" in out.stdout
    assert LibraryReader(tmp_path / "new" / "library.sqlite").revisions() == [HEAD_REVISION]


def test_the_plain_reads_are_the_orm_reads(sample_library: Library) -> None:
    reader = LibraryReader(sample_library.paths.database)
    assert reader.revisions() == db_engine.recorded_revisions(sample_library.engine) == [HEAD_REVISION]
    assert reader.content_version() == sample_library.content_version() > 0
    assert not reader.is_empty()
    with sample_library.read_session() as s:
        ids = list(s.scalars(select(m.Item.id)))
        labels = [(field, r.id, (r.label_ky, r.label_ru, r.label_en))
                  for field, model in (("topics", m.Topic), ("target_groups", m.TargetGroup), ("regions", m.Region))
                  for r in s.scalars(select(model))]
        cues = {}
        for c in s.scalars(select(m.Cue).order_by(m.Cue.item_id, m.Cue.start)):
            cues.setdefault(c.item_id, []).append((c.start, c.lang, c.text))
        items = {i.id: i for i in s.scalars(select(m.Item))}
    assert sorted(reader.labels()) == sorted(labels)
    texts = reader.hit_texts(ids)
    assert set(texts) == set(ids)
    assert any(cue_list for _, _, cue_list in texts.values())
    for item_id, (title, text, cue_list) in texts.items():
        item = items[item_id]
        assert title == item.title and cue_list == cues.get(item_id, [])
        assert text.startswith("\n\n".join(t for t in (item.summary, item.body_text, item.organisation) if t))
    assert reader.hit_texts([]) == {} and reader.hit_texts(["no-such-item"]) == {}
    cut = reader.hit_texts(ids, most=12)  # the first 12 characters of each text
    for item_id, (title, text, cue_list) in cut.items():
        whole = texts[item_id]
        assert title == whole[0] and cue_list == whole[2] and len(text) <= len(whole[1])
        parts = [t[:12] for t in (items[item_id].summary, items[item_id].body_text, items[item_id].organisation) if t]
        assert text.startswith("\n\n".join(parts))


def test_the_reader_writes_nothing_and_makes_no_database(tmp_path: Path, sample_dir: Path) -> None:
    reader = LibraryReader(sample_dir / "library.sqlite")
    with reader.connect() as conn, pytest.raises(sqlite3.OperationalError, match="readonly"):
        conn.execute("DELETE FROM items")
    assert not reader.is_empty()
    missing = LibraryReader(tmp_path / "none.sqlite")
    assert missing.revisions() == [] and not missing.path.exists()


def test_the_reader_keeps_its_connections_until_closed(sample_dir: Path) -> None:
    reader = LibraryReader(sample_dir / "library.sqlite")
    with reader.connect() as first, reader.connect() as other:  # a read during another: a connection of its own
        assert other is not first
    with reader.connect() as again:
        assert again in (first, other)  # (failed before: a new connection for every read, 0.55 ms each)
    assert reader.content_version() > 0 and not reader.is_empty()
    reader.close()
    for conn in (first, other):
        with pytest.raises(sqlite3.ProgrammingError):
            conn.execute("SELECT 1")
    assert reader.content_version() > 0  # a read after close opens one again
    reader.close()


def test_the_search_only_library_lists_taxonomy_and_thumbnails_as_the_library(sample_library: Library) -> None:
    with sample_library.read_session() as s:
        ids = list(s.scalars(select(m.Item.id)))
    quick = open_for_search(sample_library.paths)
    try:
        assert quick.taxonomy() == sample_library.taxonomy()
        thumbnails = sample_library.thumbnails(ids)
        assert thumbnails and quick.thumbnails(ids) == thumbnails
    finally:
        quick.close()


def test_the_whole_library_takes_over_the_lock_and_the_index(sample_dir: Path) -> None:
    paths = app_paths.resolve(sample_dir)
    quick = open_for_search(paths, exclusive=True)
    assert quick.ensure_index(warm=False) == IndexOutcome.OK
    first = quick.search(SearchRequest(limit=5))
    with pytest.raises(LibraryLockedError):
        InstanceLock(paths.lock_file).acquire(wait=0)
    lib = Library(paths, opened=quick)
    quick.close()  # (handed over: closes nothing)
    assert lib.search_index is quick.search_index and lib.search(SearchRequest(limit=5)) == first
    with pytest.raises(LibraryLockedError):
        InstanceLock(paths.lock_file).acquire(wait=0)
    with sqlite3.connect(paths.database) as con:  # an index behind: repaired through the library's sessions now
        con.execute("UPDATE library_meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'content_version'")
    con.close()
    assert lib.ensure_index(warm=False) == IndexOutcome.REPAIRED
    lib.close()
    InstanceLock(paths.lock_file).acquire(wait=0).release()  # free again


def test_a_library_to_migrate_or_fill_is_not_opened_to_search_it(sample_template: Path, tmp_path: Path) -> None:
    old = copy_at_revision(sample_template, tmp_path / "old", "0003")
    assert open_for_search(app_paths.resolve(old), exclusive=True) is None
    InstanceLock(app_paths.resolve(old).lock_file).acquire(wait=0).release()  # (the lock was let go)
    assert open_for_search(app_paths.resolve(tmp_path / "none")) is None
