"""The faster writer parts (app.search.fastwrite) give the same index, in every process that writes one."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from whoosh import index as windex

from app.library import Library
from app.search import fastwrite, index
from app.values import SearchRequest
from tests.conftest import ROOT, SAMPLE


def postings(folder: Path) -> list[tuple]:
    """Every term of the index with its documents (by item id) and weights."""
    ix = windex.open_dir(str(folder))
    with ix.searcher() as s:
        r = s.reader()
        keys = {n: f["key"] for n, f in r.iter_docs()}
        out = []
        for field, term in r.all_terms():
            m = r.postings(field, term)
            out.append((field, term, sorted((keys[d], w) for d, w in zip(m.all_ids(), _weights(r, field, term)))))
    ix.close()
    return out


def _weights(reader, field: str, term: bytes) -> list[float]:
    m = reader.postings(field, term)
    found = []
    while m.is_active():
        found.append(m.weight())
        m.next()
    return found


def test_an_index_that_spilled_to_disk_equals_one_that_did_not(tmp_path: Path, monkeypatch) -> None:
    runs = []
    runs_of = fastwrite.GroupedPostingPool._add_run
    monkeypatch.setattr(fastwrite.GroupedPostingPool, "_add_run",
                        lambda self, path: runs.append(path) or runs_of(self, path))
    with Library.open(tmp_path / "lib") as lib:
        lib.import_folder(SAMPLE)
        assert not runs  # 57 items fit in memory
        whole = postings(lib.search_index.index.folder)
        monkeypatch.setattr(index, "LIMIT_MB", 0.004)  # a run every few fields
        monkeypatch.setattr(fastwrite, "MAX_RUNS", 16)
        lib.reindex()
        assert len(runs) > 16  # more runs than are read at once: they are merged into fewer first
        assert postings(lib.search_index.index.folder) == whole
        assert len(whole) > 3000
        assert lib.search(SearchRequest("пастбищный комитет")).total >= 1


def test_field_lengths_read_at_once_give_the_postings_whoosh_own_reader_gives(tmp_path: Path, monkeypatch) -> None:
    """The commit stores each block's shortest and longest document (for BM25's block bounds): the same."""
    built = {}
    for name, reader in (("fast", fastwrite.PreloadedLengthsReader),
                         ("whoosh", fastwrite.PreloadedLengthsReader.__mro__[1])):
        monkeypatch.setattr(fastwrite.whoosh3, "W3PerDocReader", reader)
        with Library.open(tmp_path / name) as lib:
            lib.import_folder(SAMPLE)
            built[name] = blocks(lib.search_index.index.folder)
    assert built["fast"] == built["whoosh"]
    assert any(lengths[1] for _f, _t, block_list in built["fast"] for *_, lengths in block_list)


def blocks(folder: Path) -> list[tuple]:
    """Per term, per block of postings: the documents, weights and the block's length bounds."""
    ix = windex.open_dir(str(folder))
    out = []
    with ix.searcher() as s:
        r = s.reader()
        keys = {n: f["key"] for n, f in r.iter_docs()}
        for field, term in r.all_terms():
            m, term_blocks = r.postings(field, term), []
            while m.is_active():
                block = (keys[m.block_min_id()], keys[m.block_max_id()], m.block_max_weight(),
                         (m.block_min_length(), m.block_max_length()))
                if not term_blocks or term_blocks[-1] != block:
                    term_blocks.append(block)
                m.next()
            out.append((field, term, term_blocks))
    ix.close()
    return out


def test_a_process_that_reads_the_schema_writes_with_the_grouped_pool(tmp_path: Path) -> None:
    """A worker process of a parallel writer (spawned on Windows) gets the pool by reading the index's schema."""
    with Library.open(tmp_path / "lib") as lib:
        lib.ensure_index()
        folder = lib.search_index.index.folder
    code = ("import sys; from whoosh import index, writing; ix = index.open_dir(sys.argv[1]); "
            "from whoosh import multiproc; from whoosh.codec import whoosh3; "
            "print(writing.PostingPool.__module__, writing.PostingPool.__name__, whoosh3.W3PerDocReader.__name__, "
            "writing.SegmentWriter.__name__, multiproc.SegmentWriter.__name__)")
    out = subprocess.run([sys.executable, "-c", code, str(folder)], capture_output=True, text=True,
                         cwd=ROOT, check=True).stdout.split()
    assert out == ["app.search.fastwrite", "GroupedPostingPool", "PreloadedLengthsReader", "FastSegmentWriter",
                   "FastSegmentWriter"]


KILLED_MID_REBUILD = r"""
import multiprocessing, os, signal, sys
from pathlib import Path
from app.library import Library
from app.incoming import ItemRecord, TaxonomyEntry
from app.search import index
from app.syncstore import SyncStore
lib = Library.open(Path(sys.argv[1]))
topic = TaxonomyEntry(id="water", ky="Суу", ru="Вода", en="Water")
SyncStore(lib).apply(feed_id="f", taxonomy=[("topics", topic)], upserts=[
    ItemRecord(id=f"doc-{n:04d}", kind="document", lang="ru", title=f"Водопровод {n}", topics=("water",))
    for n in range(400)])
index.PARALLEL_FROM = 10
seen = []
def cancelled():
    seen.append(1)
    if len(seen) == 350:  # three batches went to the two worker processes
        print(" ".join(str(p.pid) for p in multiprocessing.active_children()), flush=True)
        os.kill(os.getpid(), signal.SIGKILL)  # the app is killed; its workers are not
    return False
lib.reindex(cancelled=cancelled)
"""


def _alive(pid: int) -> bool:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False
    return "\nState:\tZ" not in status  # a zombie has ended (nobody reaped it yet)


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads /proc")
def test_index_worker_processes_end_when_the_app_is_killed(tmp_path: Path) -> None:
    """Whoosh's workers would wait for work until the PC restarts (holding ~250 MB each, and their files)."""
    out, err = tmp_path / "out.txt", tmp_path / "err.txt"
    with open(out, "w") as stdout, open(err, "w") as stderr:  # (not pipes: the workers would keep them open)
        code = subprocess.run([sys.executable, "-c", KILLED_MID_REBUILD, str(tmp_path / "lib")], stdout=stdout,
                              stderr=stderr, cwd=ROOT, timeout=120, check=False).returncode
    assert code == -signal.SIGKILL, err.read_text()
    workers = [int(p) for p in out.read_text().split()]
    assert len(workers) == 2
    try:
        deadline = time.monotonic() + 10
        while any(_alive(p) for p in workers) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not [p for p in workers if _alive(p)], "the index writer's worker processes outlived the app"
    finally:
        for pid in workers:  # (whatever happened, none is left behind on the test machine)
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)
