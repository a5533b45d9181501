"""Sync benchmark, run on demand (not part of the test suite)::

    python tests/bench/bench_sync.py                    # the issue's figures (~10–15 min on 2 cores)
    python tests/bench/bench_sync.py --items 2000 --big 5000 --runs 3 --no-download   # a quick look

Prints, with medians of ``--runs`` runs and the load average:

1. **Initial sync of ``--items`` (10,000) records over loopback HTTP, including indexing** (target ≥ 300
   records/s). The items come from ``tests/bench/corpus.py`` (vocabulary of ``../shared/corpus``, read in place),
   are written as an authoring folder and published with ``sync.publisher.publish``; the loopback test server
   (``tests/sync/httpserver.py``) serves the feed and ``run_sync`` fills a new library, twice over: a new data
   folder (``kitepkana sync`` on a new PC; ``--runs`` runs) and a library whose (empty) search index the app
   made at its first start (one run unless ``--all-runs``).
   A breakdown says where the time goes.
2. **Incremental sync of ``--changes`` (100) changes** (60 % updated, 30 % added, 10 % deleted) into a library of
   ``--items`` and one of ``--big`` (50,000) items: each run publishes one more segment (the publisher's own code,
   driven with records: an authoring folder of 50,000 files takes minutes to write and validate) and syncs it.
   The time must follow the number of changes, not the library's size: both times and their ratio are printed.
   The big library is filled by an initial sync of a feed published from records (its time is printed too);
   it and the generated feeds are kept in the work folder and re-used by the next run (``--fresh`` rebuilds).
3. **Downloads**: blob throughput against a plain copy, and bytes downloaded again after an interruption at 50 %
   of a 200 MB file — ``tests/bench/bench_download.py``, run as it is (``--no-download`` skips it; run it alone
   with ``python tests/bench/bench_download.py``).

Old-PC modes (issue 15, ``tests/bench/oldpc.py``): ``--cores 1`` pins the benchmark and every process it
starts (the index workers too) to one CPU — the target of part 1 holds there as well; ``--io`` adds, per
sync, the bytes read (``/proc/self/io`` of this process: the loopback server's reads of the feed files
count too, as a disk read on the serving side) and the files Python opened, with the spinning-disk estimate.

Work files go to ``--workdir`` (default ``/tmp/kitepkana-bench-sync``), never into the repository; generated
feeds are kept there and re-used by the next run with the same sizes (``--fresh`` rebuilds them).
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import yaml

from app.authoring.loader import Catalog
from app.incoming import ItemRecord
from app.library import Library
from app.search.manager import IndexManager
from app.syncstore import SyncStore
from app.values import IndexOutcome
from sync import feedformat, signing
from sync.client import SyncOptions, run_sync
from sync.feedstate import FeedState
from sync.publisher import _read_current, _Run, publish
from sync.sources import HttpSource
from tests.bench import corpus as bench_corpus
from tests.bench import oldpc
from tests.sync.httpserver import TestServer

MB = 1024 * 1024
TARGET_RECORDS_PER_S = 300


def load() -> str:
    return "load {:.2f} {:.2f} {:.2f}".format(*os.getloadavg())


def _cpu() -> float:
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def median(values: list[float]) -> float:
    return statistics.median(values)


def fmt_runs(values: list[float]) -> str:
    return "[" + ", ".join(f"{v:.2f}" for v in values) + "]"


# --- timing where a sync spends its time (in this process only) -------------------------------------------

class Breakdown:
    """Adds up the time spent in downloads, database transactions and search index updates during a sync."""

    PATCHES = ((HttpSource, "fetch_file", "downloads"), (HttpSource, "fetch_manifest", "downloads"),
               (IndexManager, "items_changed", "index"), (SyncStore, "apply", "database+index"))

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self.io: oldpc.Io | None = None
        self.cpu = 0.0  # CPU seconds of this process and the processes it waited for (index writers), in the sync

    @contextlib.contextmanager
    def active(self) -> Iterator[Breakdown]:
        originals = []
        for owner, name, label in self.PATCHES:
            original = getattr(owner, name)
            originals.append((owner, name, original))

            def timed(*args, _orig=original, _label=label, **kwargs):
                t0 = time.perf_counter()
                try:
                    return _orig(*args, **kwargs)
                finally:
                    self.seconds[_label] = self.seconds.get(_label, 0.0) + time.perf_counter() - t0
            setattr(owner, name, timed)
        try:
            yield self
        finally:
            for owner, name, original in originals:
                setattr(owner, name, original)

    def describe(self, total: float) -> str:
        index = self.seconds.get("index", 0.0)
        database = self.seconds.get("database+index", 0.0) - index
        downloads = self.seconds.get("downloads", 0.0)
        rest = total - index - database - downloads
        return (f"downloads {downloads:.2f} s, reading+checking records and the rest {rest:.2f} s, "
                f"database {database:.2f} s, search index {index:.2f} s")


# --- feeds ----------------------------------------------------------------------------------------------

def write_authoring_folder(folder: Path, records: list[ItemRecord]) -> None:
    """An authoring folder (the import format) holding ``records``: one Markdown file with front matter each."""
    shutil.rmtree(folder, ignore_errors=True)
    shutil.copytree(bench_corpus.SAMPLE / "_taxonomy", folder / "_taxonomy")
    for r in records:
        meta: dict = {"id": r.id, "kind": r.kind, "lang": r.lang, "title": r.title}
        if r.summary:
            meta["summary"] = r.summary
        if r.topics:
            meta["topics"] = list(r.topics)
        if r.region:
            meta["region"] = r.region
        if r.target_groups:
            meta["target_groups"] = list(r.target_groups)
        if r.year:
            meta["year"] = r.year
        if r.kind == "lesson":
            meta.update(duration=r.duration, course=r.course, course_order=r.course_order)
        elif r.kind == "event":
            meta.update(starts=r.starts.replace("T", " ")[:16], ends=r.ends.replace("T", " ")[:16], format=r.format)
        sub = folder / r.kind / r.id[-2:]
        sub.mkdir(parents=True, exist_ok=True)
        front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=10_000)
        (sub / f"{r.id}.md").write_text(f"---\n{front}---\n{r.body_md}", encoding="utf-8")


def publish_records(feed: Path, key: Path, records: list[ItemRecord], taxonomy: bench_corpus.Taxonomy, *,
                    feed_id: str, title: str):
    """``publish`` without an authoring folder: the publisher's own planning and writing, fed with records."""
    private = signing.load_private(key)
    public = private.public_key()
    kid = signing.key_id(public)
    catalog = Catalog(root=feed.parent / title, items=list(records), topics=taxonomy.topics,
                      target_groups=taxonomy.target_groups, regions=taxonomy.regions)
    run = _Run(catalog, feed, private, kid, feed_id=feed_id, title=title, keep_segments=None, programs=None, progress=None,
               cancelled=None)
    if not run.plan(_read_current(feed, kid, public)):
        return run.report
    feed.mkdir(parents=True, exist_ok=True)
    return run.write()


def feed_records(feed: Path) -> tuple[dict[str, ItemRecord], bench_corpus.Taxonomy]:
    manifest = feedformat.read_manifest((feed / feedformat.MANIFEST_NAME).read_bytes())
    state = FeedState.load(feed, manifest)
    tax = bench_corpus.Taxonomy(list(state.taxonomy["topics"].values()),
                                list(state.taxonomy["target_groups"].values()),
                                list(state.taxonomy["regions"].values()))
    return dict(state.items), tax


def changed_catalog(items: dict[str, ItemRecord], source: bench_corpus.Source, taxonomy: bench_corpus.Taxonomy,
                    changes: int, run: int) -> list[ItemRecord]:
    """The feed's items with ``changes`` changes: 60 % updated, 30 % added, 10 % deleted (spread over the ids)."""
    ids = sorted(items)
    n_upd, n_add = changes * 6 // 10, changes * 3 // 10
    n_del = changes - n_upd - n_add
    step = max(1, len(ids) // (n_upd + n_del + 1))
    picked = ids[step // 2 + run::step][: n_upd + n_del]
    updated, deleted = picked[:n_upd], set(picked[n_upd:])
    out = dict(items)
    for item_id in updated:
        r = out[item_id]
        out[item_id] = dataclasses.replace(r, body_md=r.body_md + f"\nUpdated in run {run}.\n")
    for item_id in deleted:
        del out[item_id]
    for k, g in enumerate(bench_corpus.generate_items(n_add, source, taxonomy, seed=90000 + run)):
        new_id = f"new-r{run}-{k:04d}"
        out[new_id] = dataclasses.replace(g.record, id=new_id)
    return list(out.values())


def dir_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


# --- the benchmark ----------------------------------------------------------------------------------------

class Bench:
    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.work: Path = args.workdir
        self.served = self.work / "served"
        self.libs = self.work / "libs"
        self.keys_dir = self.work / "keys"
        self.server: TestServer | None = None
        self.counter = oldpc.OpenCounter() if args.io else None
        self.source = bench_corpus.load_source()
        self.taxonomy = bench_corpus.load_sample_taxonomy()

    def options(self) -> SyncOptions:
        return SyncOptions(extra_keys=(self.keys.public,), accept_new_feed=True)

    def url(self, name: str) -> str:
        return f"{self.server.url}{name}/"

    def setup_keys(self) -> None:
        self.keys_dir.mkdir(parents=True, exist_ok=True)
        key = self.keys_dir / "bench.key"
        if key.is_file():  # the key of the feeds kept from an earlier run
            pub = signing.public_key_path(key)
            self.keys = signing.KeyPairFiles(key, pub, signing.key_id(signing.load_public(pub)))
        else:
            self.keys = signing.generate_keypair(key)

    def pristine(self, name: str, size: int, build) -> Path:
        """A feed of ``size`` items built once (``build(path)``) and kept; each run works on a fresh copy of it."""
        kept = self.work / "pristine" / f"{name}-{size}"
        marker = kept.with_name(kept.name + ".done")
        if self.args.fresh or not marker.is_file():
            shutil.rmtree(kept, ignore_errors=True)
            kept.parent.mkdir(parents=True, exist_ok=True)
            note = build(kept)
            marker.write_text(note, encoding="utf-8")
        else:
            note = marker.read_text(encoding="utf-8") + " (built by an earlier run, re-used)"
        target = self.served / name
        shutil.rmtree(target, ignore_errors=True)
        shutil.copytree(kept, target)
        print(f"   feed {name}: {note}", flush=True)
        return target

    def build_published(self, feed: Path) -> str:
        n = self.args.items
        folder = self.work / "authoring"
        t0 = time.perf_counter()
        write_authoring_folder(folder, [g.record for g in bench_corpus.generate_items(n, self.source, self.taxonomy)])
        t1 = time.perf_counter()
        report = publish(folder, feed, self.keys.private, feed_id="bench-small", title="Bench small")
        t2 = time.perf_counter()
        shutil.rmtree(folder, ignore_errors=True)
        return (f"{n:,} items written as an authoring folder in {t1 - t0:.0f} s, published with `publish` in "
                f"{t2 - t1:.0f} s (seq {report.seq:,}; {dir_size(feed) / MB:.1f} MB)")

    def build_records(self, feed: Path) -> str:
        n = self.args.big
        t0 = time.perf_counter()
        records = [g.record for g in bench_corpus.generate_items(n, self.source, self.taxonomy)]
        t1 = time.perf_counter()
        report = publish_records(feed, self.keys.private, records, self.taxonomy, feed_id="bench-big",
                                 title="Bench big")
        t2 = time.perf_counter()
        return (f"{n:,} items generated in {t1 - t0:.0f} s, published from records in {t2 - t1:.0f} s "
                f"(seq {report.seq:,}; {dir_size(feed) / MB:.1f} MB)")

    def fresh_library(self, name: str, *, app_started: bool) -> Library:
        folder = self.libs / name
        shutil.rmtree(folder, ignore_errors=True)
        lib = Library.open(folder)
        if app_started:
            lib.ensure_index()  # what the app does at its first start: an empty index
        return lib

    def timed_sync(self, lib: Library, feed: str) -> tuple[float, Breakdown, object]:
        breakdown = Breakdown()
        with breakdown.active():
            mark = self.counter.start() if self.counter else None
            c0, t0 = _cpu(), time.perf_counter()
            report = run_sync(lib, self.url(feed), self.options())
            seconds = time.perf_counter() - t0
            breakdown.cpu = _cpu() - c0
            breakdown.io = self.counter.stop(mark) if self.counter else None
        return seconds, breakdown, report

    def verify(self, lib: Library, expected: int) -> None:
        items = len(lib.list_items())
        if items != expected:
            raise SystemExit(f"the library holds {items} items, expected {expected}")
        if lib.ensure_index() != IndexOutcome.OK or lib.search_index.index.doc_count() != expected:
            raise SystemExit("the search index does not match the library after the sync")

    # --- 1 -------------------------------------------------------------------------------------------
    def initial(self) -> Library:
        n = self.args.items
        print(f"\n1. Initial sync of {n:,} records over loopback HTTP, including indexing "
              f"(target ≥ {TARGET_RECORDS_PER_S} records/s) — {load()}", flush=True)
        self.pristine("small", self.args.items, self.build_published)
        manifest = feedformat.read_manifest((self.served / "small" / feedformat.MANIFEST_NAME).read_bytes())
        print(f"   the feed: snapshot {manifest.snapshot.size / MB:.1f} MB ({manifest.snapshot.records:,} records), "
              f"segments {sum(s.size for s in manifest.segments) / MB:.1f} MB")
        fetched_note = ""
        kept = None
        for app_started, label in ((False, "new data folder (`kitepkana sync` on a new PC)"),
                                   (True, "after the app's first start (an empty index exists)")):
            times, breakdowns = [], []
            for run in range(1 if app_started and not self.args.all_runs else self.args.runs):
                lib = self.fresh_library(f"initial-{int(app_started)}-{run}", app_started=app_started)
                self.server.clear_log()
                seconds, breakdown, report = self.timed_sync(lib, "small")
                if not fetched_note:
                    log = self.server.log
                    feed_dirs = (feedformat.SEGMENTS_DIR, feedformat.SNAPSHOTS_DIR)
                    feed_files = [e for e in log if e.path.split("/")[2] in feed_dirs]
                    fetched_note = (f"   a fresh sync fetched {len(log)} files, of them "
                                    + ", ".join(f"{e.path.split('/')[2]} {e.sent / MB:.1f} MB" for e in feed_files)
                                    + f" ({sum(e.sent for e in log) / MB:.1f} MB in all)")
                    print(fetched_note, flush=True)
                assert report.used_snapshot
                self.verify(lib, n)
                times.append(seconds)
                breakdowns.append(breakdown)
                if kept is None and not app_started and run == self.args.runs - 1:
                    kept = lib  # the 10k library for part 2
                else:
                    lib.close()
                    shutil.rmtree(self.libs / f"initial-{int(app_started)}-{run}", ignore_errors=True)
            t = median(times)
            rate = n / t
            mid = breakdowns[times.index(sorted(times)[len(times) // 2])]
            print(f"   {label}: runs {fmt_runs(times)} s, median {t:.2f} s = {rate:,.0f} records/s — target "
                  f"{TARGET_RECORDS_PER_S}/s: {'OK' if rate >= TARGET_RECORDS_PER_S else 'MISSED'}", flush=True)
            print(f"      median run: {mid.describe(sorted(times)[len(times) // 2])}", flush=True)
            cpu = median([b.cpu for b in breakdowns])
            print(f"      CPU (this process and the index writers it waited for): median {cpu:.2f} s = "
                  f"{n / cpu:,.0f} records per CPU-second (what a loaded machine changes least)", flush=True)
            if mid.io:
                print(f"      --io median run: {mid.io.describe()} ({mid.io.rchar / n / 1024:.1f} KB read per record)",
                      flush=True)
        return kept

    # --- 2 -------------------------------------------------------------------------------------------
    def incremental(self, lib: Library, feed: str, label: str) -> list[float]:
        items, taxonomy = feed_records(self.served / feed)
        times, notes = [], []
        for run in range(self.args.runs):
            records = changed_catalog(items, self.source, taxonomy, self.args.changes, run)
            report = publish_records(self.served / feed, self.keys.private, records, taxonomy,
                                     feed_id=f"bench-{feed}", title=f"Bench {feed}")
            assert len(report.added) + len(report.updated) + len(report.deleted) == self.args.changes, report
            assert report.snapshot is None, "a snapshot was written: the run would measure it too"
            items = {r.id: r for r in records}
            self.server.clear_log()
            seconds, breakdown, sync = self.timed_sync(lib, feed)
            changed = sum(len(v) for d in (sync.added, sync.updated, sync.removed) for v in d.values())
            assert changed == self.args.changes and not sync.used_snapshot, sync
            sent = sum(e.sent for e in self.server.log)
            times.append(seconds)
            notes.append(f"{breakdown.describe(seconds)}; {len(self.server.log)} requests, {sent / 1024:.0f} kB"
                         + (f"; --io: {breakdown.io.describe()}" if breakdown.io else ""))
        self.verify(lib, len(items))
        t = median(times)
        print(f"   {label}: runs {fmt_runs(times)} s, median {t:.2f} s "
              f"({self.args.changes / t:,.0f} changes/s)", flush=True)
        print(f"      median run: {notes[times.index(sorted(times)[len(times) // 2])]}", flush=True)
        return times

    def incremental_all(self, small_lib: Library) -> None:
        c = self.args.changes
        print(f"\n2. Incremental sync of {c} changes ({c * 6 // 10} updated, {c * 3 // 10} added, "
              f"{c - c * 6 // 10 - c * 3 // 10} deleted) — {load()}", flush=True)
        small = self.incremental(small_lib, "small", f"{self.args.items:,}-item library")
        small_lib.close()
        shutil.rmtree(self.libs, ignore_errors=True)
        self.pristine("big", self.args.big, self.build_records)
        kept = self.work / "pristine" / f"big-library-{self.args.big}"
        marker = kept.with_name(kept.name + ".done")
        if self.args.fresh or not marker.is_file():
            big_lib = self.fresh_library("big", app_started=False)
            seconds, breakdown, _report = self.timed_sync(big_lib, "big")
            self.verify(big_lib, self.args.big)
            note = (f"filled by an initial sync in {seconds:.1f} s ({self.args.big / seconds:,.0f} records/s; "
                    f"{breakdown.describe(seconds)})")
            big_lib.close()
            shutil.rmtree(kept, ignore_errors=True)
            shutil.copytree(self.libs / "big", kept)
            marker.write_text(note, encoding="utf-8")
        else:
            shutil.rmtree(self.libs / "big", ignore_errors=True)
            shutil.copytree(kept, self.libs / "big")
            note = marker.read_text(encoding="utf-8") + " (by an earlier run, re-used)"
        print(f"   the {self.args.big:,}-item library: {note}", flush=True)
        big_lib = Library.open(self.libs / "big")
        big = self.incremental(big_lib, "big", f"{self.args.big:,}-item library")
        big_lib.close()
        ratio = median(big) / median(small)
        size_ratio = self.args.big / self.args.items
        print(f"   ratio {self.args.big:,} / {self.args.items:,} items: {ratio:.2f} (the library is "
              f"{size_ratio:.0f}× bigger; a ratio near 1 means the time follows the changes, not the size)",
              flush=True)

    # --- 3 -------------------------------------------------------------------------------------------
    def downloads(self) -> None:
        cmd = [sys.executable, str(HERE / "bench_download.py"), "--mb", str(self.args.download_mb), "--runs",
               str(self.args.runs)]
        print(f"\n3. Downloads: {' '.join(Path(c).name if i < 2 else c for i, c in enumerate(cmd))} — {load()}",
              flush=True)
        subprocess.run(cmd, check=True, cwd=ROOT)

    def run(self) -> None:
        self.work.mkdir(parents=True, exist_ok=True)
        self.served.mkdir(parents=True, exist_ok=True)
        self.setup_keys()
        started = time.perf_counter()
        pinned = oldpc.pin(self.args.cores)
        print(f"Kitepkana sync benchmark — Python {platform.python_version()}, {platform.system()} "
              f"{platform.machine()}, {pinned}, {load()}; work folder {self.work}")
        print(f"   corpus: {self.source.note}", flush=True)
        with TestServer(self.served) as self.server:
            small_lib = self.initial()
            if self.args.incremental:
                self.incremental_all(small_lib)
            else:
                small_lib.close()
        shutil.rmtree(self.libs, ignore_errors=True)
        shutil.rmtree(self.served, ignore_errors=True)
        if self.args.download:
            self.downloads()
        print(f"\nTotal {time.perf_counter() - started:.0f} s — {load()}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--items", type=int, default=10_000, help="records of the initial sync (default 10,000)")
    ap.add_argument("--big", type=int, default=50_000, help="the big library of part 2 (default 50,000)")
    ap.add_argument("--changes", type=int, default=100, help="changes per incremental sync (default 100)")
    ap.add_argument("--runs", type=int, default=3, help="timed runs per figure (the median is printed)")
    ap.add_argument("--download-mb", type=int, default=200, help="blob size of part 3 (default 200 MB)")
    ap.add_argument("--no-download", dest="download", action="store_false", help="skip part 3")
    ap.add_argument("--fresh", action="store_true",
                    help="rebuild the generated feeds and the big library instead of re-using them")
    ap.add_argument("--all-runs", action="store_true",
                    help="also time the second initial-sync variant --runs times (default: once)")
    ap.add_argument("--workdir", type=Path, default=Path("/tmp/kitepkana-bench-sync"))
    ap.add_argument("--skip-incremental", dest="incremental", action="store_false",
                    help="part 1 only (the initial sync)")
    oldpc.add_arguments(ap)
    Bench(ap.parse_args()).run()


if __name__ == "__main__":
    main()
