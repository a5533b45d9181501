"""Writing records into the database: new items (bulk inserts) and updated items (the ORM) end up alike,
and a batch bigger than SQLite's parameter limit goes through (Windows' SQLite allows 32,766 per statement)."""

from __future__ import annotations

import dataclasses
import hashlib
import json
from pathlib import Path

import pytest
from sqlalchemy.exc import IntegrityError

from app.authoring import load_folder
from app.db import engine as db_engine
from app.incoming import ItemRecord, TaxonomyEntry
from app.library import Library
from app.syncstore import SyncStore
from app.values import IndexStatus, SearchRequest
from tests.conftest import SAMPLE


def details(lib: Library) -> dict[str, dict]:
    """Everything the app shows of each item, without the write times."""
    out = {}
    for summary in lib.list_items():
        d = dataclasses.asdict(lib.get_item(summary.id))
        d.pop("created_at"), d.pop("updated_at")
        out[summary.id] = d
    return out


def test_items_written_new_and_items_rewritten_are_the_same(tmp_path: Path) -> None:
    fresh = Library.open(tmp_path / "fresh")
    fresh.import_folder(SAMPLE)  # every item new: the bulk path
    catalog = load_folder(SAMPLE)
    rewritten = Library.open(tmp_path / "rewritten")
    store = SyncStore(rewritten)
    for sha, source in catalog.media.items():  # the items come from feed "f", which alone may change them
        rewritten.media.put_file(source, expected_sha256=sha)
    taxonomy = [*(("topics", e) for e in catalog.topics), *(("target_groups", e) for e in catalog.target_groups),
                *(("regions", e) for e in catalog.regions)]
    assert len(store.apply(feed_id="f", taxonomy=taxonomy, upserts=catalog.items).added) == len(catalog.items)
    # every record changed upstream, then changed back: each item goes through the update path twice
    changed = [dataclasses.replace(r, title=r.title + " (old)", topics=r.topics[:1], related=(), files=r.files[:1])
               for r in catalog.items]
    assert len(store.apply(feed_id="f", upserts=changed).updated) == len(catalog.items)
    assert len(store.apply(feed_id="f", upserts=catalog.items).updated) == len(catalog.items)

    got, want = details(rewritten), details(fresh)
    assert len(want) == len(catalog.items) > 40
    lessons = [d for d in want.values() if d["kind"] == "lesson"]
    assert lessons and all(d["cues"] for d in lessons)  # transcripts came from the subtitle files
    assert any(d["files"] for d in want.values()) and any(d["topics"] for d in want.values())
    for item_id in want:
        assert got[item_id] == want[item_id], item_id
    # and both find the same (the order may differ: the rewritten index still counts its replaced documents)
    water = SearchRequest("суу", limit=100)
    found = fresh.search(water)
    assert found.total > 3 and {h.id for h in found.hits} == {h.id for h in rewritten.search(water).hits}
    fresh.close()
    rewritten.close()


def test_a_batch_bigger_than_the_parameter_limit_is_written_and_removed(tmp_path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(db_engine, "MAX_VARIABLES", 999)  # SQLite's old default: the same code path as 32,766
    lib = Library.open(tmp_path / "lib")
    store = SyncStore(lib)
    topic = TaxonomyEntry(id="water", ky="Суу", ru="Вода", en="Water")
    records = [ItemRecord(id=f"item-{n:05d}", kind="document", lang="ru", title=f"Документ {n}", topics=("water",),
                          related=(f"item-{n + 1:05d}",)) for n in range(1500)]
    result = store.apply(feed_id="f", taxonomy=[("topics", topic)], upserts=records)
    assert len(result.added) == 1500
    assert len(store.apply(feed_id="f", upserts=records).unchanged) == 1500
    assert store.kinds_of(r.id for r in records) == {r.id: "document" for r in records}
    assert lib.search(SearchRequest("документ", limit=5)).total == 1500
    result = store.apply(feed_id="f", deletes=[r.id for r in records])
    assert len(result.deleted) == 1500 and lib.list_items() == []
    lib.close()


def test_a_records_hash_is_the_one_earlier_versions_stored() -> None:
    """The hash decides whether a synced item is rewritten: it must not change between versions."""
    catalog = load_folder(SAMPLE)
    for record in catalog.items:
        plain = dataclasses.asdict(record)  # how the hash was made before records hashed themselves faster
        plain["files"] = [dataclasses.asdict(f) for f in record.files]
        canonical = json.dumps(plain, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
        assert record.to_dict() == plain
        assert record.content_hash == hashlib.sha256(canonical.encode("utf-8")).hexdigest(), record.id
    assert sum(len(r.files) for r in catalog.items) > 20
    changed = dataclasses.replace(catalog.items[0], title="другое")
    assert changed.content_hash != catalog.items[0].content_hash


def test_a_failed_batch_leaves_the_library_and_its_index_as_they_were(tmp_path: Path) -> None:
    """A batch whose last record cannot be written (an unknown topic) leaves nothing of the others."""
    with Library.open(tmp_path / "lib") as lib:
        lib.ensure_index()
        broken = ItemRecord(id="zz-broken", kind="document", lang="ru", title="Сломанная", topics=("no-such-topic",))
        catalog = load_folder(SAMPLE)
        taxonomy = [("topics", t) for t in catalog.topics] + [("target_groups", g) for g in catalog.target_groups] + [
            ("regions", r) for r in catalog.regions]
        records = [*catalog.items, broken]
        with pytest.raises(IntegrityError):
            SyncStore(lib).apply(feed_id="f", taxonomy=taxonomy, upserts=records)
        assert lib.list_items() == [] and lib.content_version() == 0 and lib.taxonomy()["topics"] == []
        assert lib.search_index.index.status(0) == IndexStatus.OK and lib.search_index.index.doc_count() == 0
        # and the same batch without the broken record goes in whole
        SyncStore(lib).apply(feed_id="f", taxonomy=taxonomy, upserts=records[:-1])
        assert len(lib.list_items()) == len(records) - 1 == lib.search_index.index.doc_count()
        assert lib.search_index.index.status(lib.content_version()) == IndexStatus.OK
