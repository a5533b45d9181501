"""The search index as Windows treats it (issue 17, points 2 and 3): a folder some process holds a file of open
cannot be renamed or deleted. A rebuild switches generations through a pointer file while readers in other
processes hold the old one, writing commands are refused while the app has the library, and a cancelled parallel
rebuild ends its worker processes before their files are deleted.

Most tests here turn the Windows file-system mode (tests/windowsfs.py) on themselves, so they test the Windows
behaviour in the ordinary run too; ``pytest --windows-fs`` runs the others that way.
"""

from __future__ import annotations

import multiprocessing
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
from app.values import IndexOutcome, SearchRequest
from tests import windowsfs
from tests.app.test_cli import kitepkana
from tests.conftest import ROOT


@pytest.fixture
def windows_like(tmp_path: Path):
    """Windows' refusals for this test, with or without --windows-fs."""
    if not windowsfs.available():
        pytest.skip("the Windows file-system mode reads /proc")
    with windowsfs.windows_fs(case_root=str(tmp_path)):
        yield


def test_a_rebuild_while_another_library_on_the_folder_is_searching(sample_dir: Path) -> None:
    with Library.open(sample_dir) as app_window, Library.open(sample_dir) as command_line:
        app_window.ensure_index()
        before = app_window.search(SearchRequest("бюджет")).total
        assert before > 0  # the app's searcher now holds the index files open
        command_line.reindex()
        assert command_line.search(SearchRequest("бюджет")).total == before
        assert app_window.search(SearchRequest("бюджет")).total == before


# A reader in another process: the reading room (`kitepkana serve`) or a `kitepkana search` while the app works.
READER = r"""
import sys
from app.library import Library
from app.values import SearchRequest
with Library.open(sys.argv[1]) as lib:
    for line in sys.stdin:
        print(lib.search(SearchRequest(line.strip())).total, flush=True)
"""


def test_the_app_switches_generations_while_another_process_reads_the_old_one(sample_dir: Path,
                                                                             windows_like: None) -> None:
    root = sample_dir / "index"
    with Library.open(sample_dir, exclusive=True) as app:
        assert app.ensure_index() == IndexOutcome.OK
        reader = subprocess.Popen([sys.executable, "-c", READER, str(sample_dir)], cwd=ROOT, text=True,
                                  encoding="utf-8", stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                  env={**os.environ, "PYTHONPATH": str(ROOT)})
        try:
            def ask(words: str) -> int:
                reader.stdin.write(words + "\n")
                reader.stdin.flush()
                return int(reader.stdout.readline())

            found = ask("бюджет")
            assert found > 0  # the reader holds the current generation's files open
            old = app.search_index.index.folder.name
            assert windowsfs.holders(str(root / old)), "premise: the other process holds the index open"

            app.reindex()  # before: PermissionError at the rename of index/, after the whole rebuild

            assert app.search_index.index.folder.name != old
            assert app.search(SearchRequest("бюджет")).total == found
            assert indexdir.leftovers(root) == [old], "the generation the reader holds stays (Windows)"
            assert ask("бюджет") == found  # the reader moved to the new generation and let go of the old one
            assert app.ensure_index() == IndexOutcome.OK
            assert indexdir.leftovers(root) == [], "the old generation went once nothing held it"
        finally:
            reader.stdin.close()
            reader.wait(30)
    assert reader.returncode == 0


def test_writing_commands_are_refused_while_the_app_has_the_library_open(sample_dir: Path, tmp_path: Path) -> None:
    with Library.open(sample_dir, exclusive=True):
        started = time.monotonic()
        refused = kitepkana("--data-dir", str(sample_dir), "reindex")
        assert refused.returncode == 2, refused.stderr
        assert "The Kitepkana app is open on the library" in refused.stderr
        assert "use Update in the app, or close it" in refused.stderr
        assert "Reindexing" not in refused.stderr  # refused before any work, not at the end of it
        sync = kitepkana("--data-dir", str(sample_dir), "sync", str(tmp_path / "no-feed-here"))
        assert sync.returncode == 2 and "The Kitepkana app is open" in sync.stderr, sync.stderr
        search = kitepkana("--data-dir", str(sample_dir), "search", "бюджет")  # reading is fine
        assert search.returncode == 0, search.stderr
        assert "result(s)" in search.stdout and "0 result(s)" not in search.stdout
        assert time.monotonic() - started < 90


def test_an_index_in_the_layout_before_generations_is_kept_then_replaced(sample_dir: Path,
                                                                        windows_like: None) -> None:
    root = sample_dir / "index"
    generation = indexdir.current(root)
    for f in generation.iterdir():  # what an older version left: the index in index/ itself, no pointer
        f.rename(root / f.name)
    generation.rmdir()
    (root / indexdir.POINTER).unlink()
    with Library.open(sample_dir) as lib:
        assert lib.ensure_index() == IndexOutcome.OK  # not rebuilt: the existing index is used as it is
        found = lib.search(SearchRequest("бюджет")).total
        assert found > 0
        lib.reindex()  # while this library's own searcher held the old files
        assert lib.search(SearchRequest("бюджет")).total == found
        assert indexdir.leftovers(root) == []
        assert sorted(p.name for p in root.iterdir()) == [indexdir.POINTER, lib.search_index.index.folder.name]


def test_a_half_built_generation_of_a_killed_rebuild_is_removed_at_the_next_start(sample_dir: Path) -> None:
    root = sample_dir / "index"
    half = indexdir.new_generation(root)
    (half / "MAIN_x.seg").write_bytes(b"half")
    shutil.copytree(indexdir.current(root), root.with_name("index.new"))  # an older version's half-built folder
    with Library.open(sample_dir, exclusive=True) as lib:
        assert lib.ensure_index() == IndexOutcome.OK
        assert indexdir.leftovers(root) == [] and not root.with_name("index.new").exists()


def _busy_worker(pids: list[int], root: Path) -> bool:
    """Whether an indexing worker process holds a job file open: it is indexing a batch of documents."""
    for pid in pids:
        try:
            targets = [os.readlink(f"/proc/{pid}/fd/{fd}") for fd in os.listdir(f"/proc/{pid}/fd")]
        except OSError:
            continue
        if any(t.startswith(str(root)) and t.endswith(".doclist") for t in targets):
            return True
    return False


def test_cancelling_a_busy_parallel_rebuild_ends_its_workers_before_their_files_go(tmp_path: Path, monkeypatch,
                                                                                 windows_like: None) -> None:
    from app.incoming import ItemRecord, TaxonomyEntry
    from app.search import index
    from app.syncstore import SyncStore

    monkeypatch.setattr(index, "PARALLEL_FROM", 10)
    words = " ".join(f"слово{n} водопровод арык насос" for n in range(300))
    with Library.open(tmp_path / "lib") as lib:
        topic = TaxonomyEntry(id="water", ky="Суу", ru="Вода", en="Water")
        records = [ItemRecord(id=f"doc-{n:04d}", kind="document", lang="ru", title=f"Водопровод {n}",
                              body_md=f"{words} {n}", topics=("water",)) for n in range(600)]
        SyncStore(lib).apply(feed_id="f", taxonomy=[("topics", topic)], upserts=records)
        root = lib.paths.index
        calls, busy = [], []

        def cancelled() -> bool:  # cancel while a worker indexes a batch (batches of 100 go to the two workers)
            calls.append(1)
            if len(calls) <= 100:
                return False
            if _busy_worker([p.pid for p in multiprocessing.active_children()], root):
                busy.append(True)  # caught one at work (on a fast machine a worker may be idle again at 450)
                return True
            if len(calls) <= 450:
                return False
            deadline = time.monotonic() + 20
            while not busy and time.monotonic() < deadline:
                if _busy_worker([p.pid for p in multiprocessing.active_children()], root):
                    busy.append(True)
                time.sleep(0.002)
            return True

        seen = len(windowsfs.violations)
        with pytest.raises(CancelledError):  # before: PermissionError (the workers' files deleted under them)
            lib.reindex(cancelled=cancelled)
        assert busy, "premise: a worker process was indexing when the rebuild was cancelled"
        assert windowsfs.violations[seen:] == [], "nothing was deleted while a process still held it"
        assert multiprocessing.active_children() == []
        assert indexdir.leftovers(root) == [], "the cancelled generation is gone whole"
        assert lib.search(SearchRequest("водопровод")).total == 600  # the live index is as it was
