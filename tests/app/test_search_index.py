"""The index can't go wrong quietly: it follows imports, repairs itself after a crash, rebuilds when damaged."""

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from app.errors import CancelledError
from app.library import Library
from app.search import indexdir
from app.search.index import STATE_FILE
from app.search.schema import SCHEMA_VERSION
from app.values import IndexOutcome, IndexStatus, SearchRequest
from tests.app.conftest import write
from tests.conftest import ROOT


def ids(response) -> list[str]:
    return [h.id for h in response.hits]


def test_import_updates_the_index(catalog: Path, tmp_path: Path) -> None:
    with Library.open(tmp_path / "lib") as lib:
        lib.import_folder(catalog)
        assert lib.ensure_index() == IndexOutcome.OK  # the import already indexed everything
        assert "water-ru" in ids(lib.search(SearchRequest("водопровод")))
        page = catalog / "practices" / "water-ru.md"
        page.write_text(page.read_text(encoding="utf-8").replace("Водопровод", "Канализация")
                        .replace("водопровод", "канализацию"), encoding="utf-8")
        lib.import_folder(catalog)
        assert lib.ensure_index() == IndexOutcome.OK
        assert "water-ru" in ids(lib.search(SearchRequest("канализация")))
        assert "water-ru" not in ids(lib.search(SearchRequest("водопровод")))


def test_crash_between_database_and_index_is_repaired_at_next_start(catalog: Path, tmp_path: Path) -> None:
    data = tmp_path / "lib"
    with Library.open(data) as lib:
        lib.import_folder(catalog)
    write(catalog / "practices" / "new.md", "---\nid: new-one\nkind: practice\nlang: ru\ntitle: Новая практика\n"
                                            "---\nУникальноеслово в тексте.\n")
    code = "import sys; from app.library import Library; Library.open(sys.argv[1]).import_folder(sys.argv[2])"
    proc = subprocess.run([sys.executable, "-c", code, str(data), str(catalog)], cwd=ROOT,
                          env={**os.environ, "KITEPKANA_CRASH_AT": "after-db-commit"}, capture_output=True, text=True, check=False)
    assert proc.returncode == 70, proc.stderr  # died after the database commit, before the index update
    with Library.open(data) as lib:
        assert lib.get_item("new-one").title == "Новая практика"  # the database moved forward whole
        assert lib.ensure_index() == IndexOutcome.REPAIRED
        assert ids(lib.search(SearchRequest("уникальноеслово"))) == ["new-one"]
        assert lib.ensure_index() == IndexOutcome.OK


def test_damaged_index_is_rebuilt_not_searched(catalog: Path, tmp_path: Path) -> None:
    with Library.open(tmp_path / "lib") as lib:
        lib.import_folder(catalog)
        folder = lib.search_index.index.folder
    for f in folder.iterdir():
        if f.suffix in (".seg", ".toc") or f.name.endswith(".toc"):
            f.write_bytes(b"garbage")
    with Library.open(tmp_path / "lib") as lib:
        assert lib.ensure_index() == IndexOutcome.REBUILT
        assert "water-ru" in ids(lib.search(SearchRequest("водопровод")))


def test_other_schema_version_is_rebuilt(catalog: Path, tmp_path: Path) -> None:
    with Library.open(tmp_path / "lib") as lib:
        lib.import_folder(catalog)
        state_file = lib.search_index.index.folder / STATE_FILE
    state = json.loads(state_file.read_text())
    state["schema_version"] = -1
    state_file.write_text(json.dumps(state))
    with Library.open(tmp_path / "lib") as lib:
        assert lib.ensure_index() == IndexOutcome.REBUILT
        assert lib.ensure_index() == IndexOutcome.OK


def test_an_index_of_the_previous_schema_is_rebuilt_at_start_with_progress(catalog: Path, tmp_path: Path) -> None:
    """An index written by the version before (other Kyrgyz stems) is rebuilt, reporting progress, as the
    window and ``kitepkana search`` do at start; afterwards the new analysis finds what the old one missed."""
    with Library.open(tmp_path / "lib") as lib:
        lib.import_folder(catalog)
        state_file = lib.search_index.index.folder / STATE_FILE
    state = json.loads(state_file.read_text())
    assert state["schema_version"] == SCHEMA_VERSION
    state["schema_version"] = SCHEMA_VERSION - 1
    state_file.write_text(json.dumps(state))
    with Library.open(tmp_path / "lib") as lib:
        progress: list[tuple[int, int]] = []
        done = lib.ensure_index(progress=lambda done, total, message: progress.append((done, total)))
        assert done == IndexOutcome.REBUILT
        assert progress and progress[-1][0] == progress[-1][1] > 0
        assert json.loads((lib.search_index.index.folder / STATE_FILE).read_text())["schema_version"] == SCHEMA_VERSION
        assert lib.ensure_index() == IndexOutcome.OK


def test_a_command_beside_the_app_searches_a_stale_index_as_it_is(catalog: Path, tmp_path: Path) -> None:
    """The app (holding the library) brings the index along; a command beside it says so and searches meanwhile."""
    with Library.open(tmp_path / "lib") as lib:
        lib.import_folder(catalog)
        state_file = lib.search_index.index.folder / STATE_FILE
    state = json.loads(state_file.read_text())
    state["content_version"] -= 1  # one change behind
    state_file.write_text(json.dumps(state))
    with Library.open(tmp_path / "lib", exclusive=True), Library.open(tmp_path / "lib") as command:
        assert command.search_index.index.status(command.content_version()) is IndexStatus.STALE
        assert command.ensure_index(warm=False) is IndexOutcome.STALE
        assert "water-ru" in ids(command.search(SearchRequest("водопровод")))


def test_search_takes_a_request_and_the_outcomes_read_as_before(sample_library: Library) -> None:
    """One way into the search; the index's outcomes print and serialise as the words they were (CLI, logs, JSON)."""
    with pytest.raises(TypeError, match="SearchRequest"):
        sample_library.search("водопровод")  # type: ignore[arg-type]
    assert f"{IndexOutcome.REBUILT}" == "rebuilt" and json.dumps([IndexOutcome.STALE]) == '["stale"]'
    assert str(IndexStatus.REBUILD) == "rebuild"


def test_missing_index_is_built(sample_dir: Path) -> None:
    import shutil

    shutil.rmtree(sample_dir / "index", ignore_errors=True)
    with Library.open(sample_dir) as lib:
        progress = []
        assert lib.ensure_index(progress=lambda d, t, m: progress.append((d, t))) == IndexOutcome.REBUILT
        assert progress and progress[-1][0] == progress[-1][1]
        assert lib.search_index.index.doc_count() == len(lib.list_items())


def test_a_change_to_most_of_the_library_rebuilds_the_index_whole(tmp_path, monkeypatch) -> None:
    """A first import or sync changes everything: the index is rebuilt (both cores) rather than updated."""
    from app.search import index, manager

    monkeypatch.setattr(manager, "PARALLEL_FROM", 10)  # the sample has 57 items; real libraries use 3,000
    monkeypatch.setattr(index, "PARALLEL_FROM", 10)  # and two worker processes write it
    rebuilds = []
    original = manager.IndexManager.rebuild
    monkeypatch.setattr(manager.IndexManager, "rebuild",
                        lambda self, **kw: rebuilds.append(1) or original(self, **kw))
    sample = ROOT / "resources" / "sample"
    with Library.open(tmp_path / "lib") as lib:
        lib.ensure_index()
        rebuilds.clear()
        lib.import_folder(sample)
        assert rebuilds == [1], "the import of 57 items into an empty library rebuilt the index"
        assert lib.search_index.index.status(lib.content_version()) == IndexStatus.OK
        assert lib.search(SearchRequest("пастбищный комитет")).total >= 1
        assert lib.search_index.index.doc_count() == 57
        assert lib.search_index.index.indexed_states() == _db_states(lib)
        assert lib.search_index.index.vocabulary().completions("пастб")  # the vocabulary came with it
        assert indexdir.leftovers(lib.paths.index) == []

        edited = shutil.copytree(sample, tmp_path / "edited")  # every item rewritten, none new
        for page in edited.rglob("*.md"):
            page.write_text(page.read_text(encoding="utf-8") + "\nEdited.\n", encoding="utf-8")
        assert len(lib.import_folder(edited).updated) == 57
        assert rebuilds == [1, 1]
        assert lib.search_index.index.status(lib.content_version()) == IndexStatus.OK
        assert lib.search_index.index.indexed_states() == _db_states(lib)


def _db_states(lib: Library) -> dict[str, str]:
    from app.search.documents import all_states

    with lib._read() as s:
        return all_states(s)


def test_a_relabelled_topic_is_found_by_its_new_name_without_reindexing(sample_library) -> None:
    """Taxonomy labels are matched at query time: a label change reaches search at once."""
    from app.content import ApplyResult, bump_content_version
    from app.db import models as m

    lib = sample_library
    filed = {h.id for h in lib.search(SearchRequest(topic="pastures", limit=100)).hits}
    unlabelled = {h.id for h in lib.search(SearchRequest("угодья", limit=100)).hits}
    assert filed - unlabelled, "premise: some pasture items do not say 'угодья' in their text"
    reindexed = []
    original = lib.search_index.index.update

    def counting_update(documents, **kw):  # records, then does the real update
        documents = list(documents)
        reindexed.append(len(documents))
        return original(documents, **kw)

    lib.search_index.index.update = counting_update
    with lib._write() as s:  # what an import or sync of a relabelled taxonomy commits
        s.get(m.Topic, "pastures").label_ru = "Зелёные угодья"
        bump_content_version(s)
    lib.update_search_index(ApplyResult())
    assert reindexed == [0], "no item was reindexed"
    assert lib.search_index.index.status(lib.content_version()) == IndexStatus.OK
    found = {h.id for h in lib.search(SearchRequest("угодья", limit=100)).hits}
    assert filed <= found, "every item filed under the relabelled topic is found by its new name"


def test_a_cancelled_parallel_rebuild_leaves_no_worker_process_behind(tmp_path, monkeypatch) -> None:
    """Whoosh's cancel() leaves its writer processes waiting for work: the app would hang when it exits."""
    import multiprocessing

    from app.incoming import ItemRecord, TaxonomyEntry
    from app.search import index
    from app.syncstore import SyncStore

    monkeypatch.setattr(index, "PARALLEL_FROM", 10)
    with Library.open(tmp_path / "lib") as lib:
        topic = TaxonomyEntry(id="water", ky="Суу", ru="Вода", en="Water")
        records = [ItemRecord(id=f"doc-{n:04d}", kind="document", lang="ru", title=f"Водопровод {n}",
                              topics=("water",)) for n in range(400)]
        SyncStore(lib).apply(feed_id="f", taxonomy=[("topics", topic)], upserts=records)
        assert lib.search(SearchRequest("водопровод")).total == 400
        seen = []

        def cancelled() -> bool:  # after three batches of 100 went to the worker processes
            seen.append(len(multiprocessing.active_children()))
            if len(seen) > 350:
                time.sleep(2)  # they have done their work and wait for more (Whoosh's cancel() does not tell them)
                return True
            return False

        with pytest.raises(CancelledError):
            lib.reindex(cancelled=cancelled)
        assert max(seen) == 2, "the rebuild ran in two worker processes"
        assert multiprocessing.active_children() == []
        assert indexdir.leftovers(lib.paths.index) == []
        assert lib.search(SearchRequest("водопровод")).total == 400  # the live index is as it was
