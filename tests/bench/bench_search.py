"""Search benchmark, run on demand (not part of the test suite)::

    python tests/bench/bench_search.py                     # 10,000 and 50,000 items
    python tests/bench/bench_search.py --items 10000 --profile

Per corpus size it prints: the database fill time (info), the **index build rate** of
``lib.reindex()`` (items/s), the index size on disk, the **cold open time** (a fresh process opens the
library and the index — ``Library.open`` + ``ensure_index`` — and answers a first query; median of
≥5 runs, with the OS file cache warm) and the warm **query latency, median and p95**, per query
class (see ``corpus.make_queries``: 1–3 words, as-you-type prefixes, words + a facet filter), every
query asking for the top 20 with snippets and facet counts. Then the same for **SQLite FTS5** on the
same documents and queries (see ``fts_baseline.py``) and the Whoosh/FTS5 ratios. The machine's load
(``os.getloadavg()``) is printed with every timed phase.

Data goes to ``--workdir`` (default ``/tmp/kitepkana-bench``); ``--reuse`` keeps a filled database of
the same size from an earlier run (the corpus is deterministic). ``--profile`` adds cProfile tables for
the build and for each query class.

Issue 15 (old PCs) adds: the **one-shot** ``kitepkana search QUERY --json`` in a fresh process (bytecode
cached as in an installed app; target ≤ 0.5 s), the rebuild's **peak memory of all processes together**
(sampled every 50 ms; target ≤ 400 MB), and the p95 targets per class: ≤ 30 ms on 2 cores, ≤ 45 ms with
``--cores 1`` (``tests/bench/oldpc.py``: every process pinned to one CPU). ``--io`` adds bytes read and files
opened per query (warm) and for a one-shot search, with the spinning-disk estimate.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import math
import os
import platform
import pstats
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
for p in (str(ROOT), str(HERE)):
    if p not in sys.path:
        sys.path.insert(0, p)

import oldpc

from app.values import IndexOutcome, SearchRequest

CLASSES = ("words", "prefix", "facet")
TARGET_P95_MS = {1: 45.0}  # pinned to one core; else 30 ms
TARGET_ONESHOT = 0.5
TARGET_REBUILD_MB = 400
WARMUP = 5  # per class, before the timed runs


# --- helpers ---------------------------------------------------------------------------------------

def load() -> str:
    return "load {:.2f} {:.2f} {:.2f}".format(*os.getloadavg())


def pct(values: list[float], p: float) -> float:
    s = sorted(values)
    return s[max(0, math.ceil(p / 100 * len(s)) - 1)]


def folder_size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def mb(n: float) -> str:
    return f"{n / 2**20:.1f} MB"


def maxrss_mb(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # KiB on Linux


def child(args: list[str], profile: Path | None = None) -> dict:
    cmd = [sys.executable, str(Path(__file__).resolve()), "--child", *args]
    if profile:
        cmd += ["--profile-out", str(profile)]
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, check=False)
    wall = time.perf_counter() - t0
    if proc.returncode != 0:
        raise SystemExit(f"child {args[0]} failed:\n{proc.stderr}")
    out = json.loads(proc.stdout.strip().splitlines()[-1])
    out["wall"] = wall
    return out


def print_profile(path: Path, title: str, top: int = 22) -> None:
    for key in ("cumulative", "tottime"):
        buf = io.StringIO()
        stats = pstats.Stats(str(path), stream=buf)
        stats.strip_dirs().sort_stats(key).print_stats(top)
        text = buf.getvalue()
        start = text.find("   ncalls")
        print(f"\n--- profile: {title}, by {key} ---")
        print(text[start:].rstrip())


def whoosh_query(lib, q: dict):
    return lib.search(SearchRequest(q["text"], kind=q.get("kind"), topic=q.get("topic"), region=q.get("region"),
                                    limit=20, as_you_type=q["as_you_type"]))


def fts_query(fts, q: dict) -> dict:
    return fts.search(q["text"], kind=q.get("kind"), topic=q.get("topic"), region=q.get("region"), limit=20,
                      as_you_type=q["as_you_type"])


# --- children (fresh processes) ------------------------------------------------------------------

def child_main(argv: list[str]) -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("mode")
    ap.add_argument("paths", nargs="*")
    ap.add_argument("--profile-out")
    a = ap.parse_args(argv)
    prof = cProfile.Profile() if a.profile_out else None
    t0 = time.perf_counter()
    out: dict = {}
    if a.mode == "build-whoosh":
        from app.library import Library

        lib = Library.open(a.paths[0])
        marks: dict[str, float] = {}

        def progress(done: int, total: int, msg: str) -> None:
            if msg == "saving the index" and "saving" not in marks:
                marks["saving"] = time.perf_counter()

        peak = [0.0]
        sampling = threading.Event()

        def sample() -> None:  # the memory of this process and its workers together
            while not sampling.wait(0.05):
                peak[0] = max(peak[0], oldpc.tree_rss_mb(os.getpid()))

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        t1, c1 = time.perf_counter(), time.process_time()
        if prof:
            prof.enable()
        n = lib.reindex(progress=progress)
        if prof:
            prof.disable()
        t2 = time.perf_counter()
        sampling.set()
        sampler.join()
        lib.close()
        kids = resource.getrusage(resource.RUSAGE_CHILDREN)
        out = {"items": n, "seconds": t2 - t1, "adding": marks.get("saving", t2) - t1,
               "commit": t2 - marks.get("saving", t2), "cpu_main": time.process_time() - c1,
               "cpu_workers": kids.ru_utime + kids.ru_stime, "peak_all_mb": peak[0]}
    elif a.mode == "build-fts":
        import fts_baseline

        if prof:
            prof.enable()
        out = fts_baseline.build(Path(a.paths[0]), Path(a.paths[1]))
        if prof:
            prof.disable()
    elif a.mode == "cold-whoosh":
        q = json.loads(a.paths[1])
        from app.library import Library

        t1 = time.perf_counter()
        lib = Library.open(a.paths[0])
        t2 = time.perf_counter()
        state = lib.ensure_index()
        t3 = time.perf_counter()
        r = whoosh_query(lib, q)
        t4 = time.perf_counter()
        out = {"import": t1 - t0, "open": t2 - t1, "ensure": t3 - t2, "first_query": t4 - t3, "total": t4 - t0,
               "state": state, "hits": len(r.hits)}
    elif a.mode == "cold-fts":
        q = json.loads(a.paths[1])
        import fts_baseline

        t1 = time.perf_counter()
        fts = fts_baseline.FtsSearcher(Path(a.paths[0]))
        t2 = time.perf_counter()
        r = fts_query(fts, q)
        t3 = time.perf_counter()
        out = {"import": t1 - t0, "open": t2 - t1, "ensure": 0.0, "first_query": t3 - t2, "total": t3 - t0,
               "hits": len(r["hits"])}
    else:
        raise SystemExit(f"unknown child mode {a.mode}")
    if prof:
        prof.dump_stats(a.profile_out)
    out["maxrss_self_mb"] = maxrss_mb(resource.RUSAGE_SELF)
    out["maxrss_children_mb"] = maxrss_mb(resource.RUSAGE_CHILDREN)
    print(json.dumps(out))


# --- the benchmark ---------------------------------------------------------------------------------

def time_queries(run, queries: list[dict], *, budget: float = 0.0,
                 counts: dict[str, int] | None = None, io: oldpc.OpenCounter | None = None) -> dict[str, dict]:
    """Warm-up, then the queries of every class once; latency per class (seconds) and what came back.

    ``budget`` (seconds per class, 0 = none) stops a class early; ``counts`` runs only the first n
    queries of each class (so the baseline answers exactly the queries the other engine answered).
    """
    by_class = {c: [q for q in queries if q["cls"] == c] for c in CLASSES}
    if counts:
        by_class = {c: qs[:counts[c]] for c, qs in by_class.items()}
    for c in CLASSES:
        for q in by_class[c][:WARMUP]:
            run(q)
    out: dict[str, dict] = {}
    for c in CLASSES:
        lat, totals, tops = [], [], []
        mark = io.start() if io else None
        start = time.perf_counter()
        for q in by_class[c]:
            if budget and time.perf_counter() - start > budget:
                break
            t0 = time.perf_counter()
            r = run(q)
            lat.append(time.perf_counter() - t0)
            totals.append(r[0])
            tops.append(r[1])
        out[c] = {"lat": lat, "totals": totals, "tops": tops}
        if io:
            out[c]["io"] = io.stop(mark).per(len(lat))
    return out


def fmt_lat(stats: dict, planned: int) -> str:
    lat = stats["lat"]
    zero = sum(1 for t in stats["totals"] if t == 0)
    cut = "" if len(lat) == planned else f" of {planned}: TIME BUDGET HIT"
    return (f"median {statistics.median(lat) * 1000:7.1f} ms   p95 {pct(lat, 95) * 1000:7.1f} ms   "
            f"max {max(lat) * 1000:7.1f} ms   (n={len(lat)}{cut}, no hits: {zero}, "
            f"median total {statistics.median(stats['totals']):.0f})")


def cold(mode: str, target: Path, q: dict, runs: int) -> dict:
    results = [child([mode, str(target), json.dumps(q, ensure_ascii=False)]) for _ in range(runs)]
    return {k: statistics.median(r[k] for r in results) for k in ("import", "open", "ensure", "first_query",
                                                                    "total", "wall")}


def fmt_cold(c: dict) -> str:
    return (f"median {c['wall'] * 1000:.0f} ms wall per process (in-process {c['total'] * 1000:.0f} ms: import "
            f"{c['import'] * 1000:.0f} + open {c['open'] * 1000:.0f} + check {c['ensure'] * 1000:.0f} + first "
            f"query {c['first_query'] * 1000:.0f})")


def oneshot_args(libdir: Path, text: str) -> list[str]:
    return ["--data-dir", str(libdir), "--no-sample", "search", text, "--json"]


def fts_index_bytes(path: Path) -> tuple[int, int]:
    """(file size, size without the plain copy of titles/bodies kept for snippets)."""
    con = sqlite3.connect(path)
    total = path.stat().st_size
    texts = con.execute("SELECT coalesce(sum(pgsize), 0) FROM dbstat WHERE name IN ('docs', "
                        "'sqlite_autoindex_docs_1')").fetchone()[0]
    con.close()
    return total, total - texts


def filled_library(n: int, workdir: Path, source, taxonomy, *, reuse: bool) -> tuple[Path, dict]:
    """The library folder of ``n`` corpus items under ``workdir`` and its fill figures: an earlier run's with
    ``reuse`` (the corpus is deterministic), else filled now (also used by ``bench_search_ab.py``)."""
    import corpus

    from app.library import Library

    folder = workdir / f"n{n}"
    libdir = folder / "lib"
    marker = folder / "filled.json"
    if reuse and marker.is_file() and json.loads(marker.read_text()).get("items") == n:
        fill = json.loads(marker.read_text())
        print(f"DB fill: reused {libdir} (filled earlier in {fill['seconds']:.0f} s)")
        return libdir, fill
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    print(f"DB fill: {load()}", flush=True)
    t0 = time.perf_counter()
    with Library.open(libdir) as lib:
        fill = corpus.fill_library(lib, n, source, taxonomy)
    fill["seconds"] = time.perf_counter() - t0
    marker.write_text(json.dumps(fill))
    return libdir, fill


def run_size(n: int, args: argparse.Namespace, queries: list[dict], source, taxonomy) -> dict:
    from app.library import Library

    folder = args.workdir / f"n{n}"
    print(f"\n================ {n:,} items ================")
    libdir, fill = filled_library(n, args.workdir, source, taxonomy, reuse=args.reuse)
    print(f"DB fill (info): {fill['seconds']:.1f} s = {n / fill['seconds']:.0f} items/s "
          f"({fill['lessons_with_cues']} lessons with {fill['cues']} cues); database "
          f"{mb((libdir / 'library.sqlite').stat().st_size)}", flush=True)
    res: dict = {"n": n}

    # --- Whoosh: build -----------------------------------------------------------------------
    print(f"\n[Whoosh] build: {load()}", flush=True)
    prof = folder / "build-whoosh.prof" if args.profile else None
    built = folder / "built.json"
    if args.skip_build and built.is_file():
        b = json.loads(built.read_text())
        print("[Whoosh] --skip-build: the index and build figures below are those of an earlier run")
    else:
        b = child(["build-whoosh", str(libdir)], prof)
        built.write_text(json.dumps(b))
    from app.search import indexdir

    index_dir = indexdir.current(libdir / "index")  # the generation the pointer names
    size = folder_size(index_dir)
    segs = len(list(index_dir.glob("*.seg")))
    res["w_rate"], res["w_size"] = n / b["seconds"], size
    cpu = b["cpu_main"] + b["cpu_workers"]
    print(f"[Whoosh] index build: {b['seconds']:.1f} s = {n / b['seconds']:.0f} items/s  (adding documents "
          f"{b['adding']:.1f} s, commit/merge {b['commit']:.1f} s); CPU {cpu:.0f} s = {cpu / n * 1000:.1f} ms/item "
          f"(main {b['cpu_main']:.0f} s, workers {b['cpu_workers']:.0f} s); peak RSS main "
          f"{b['maxrss_self_mb']:.0f} MB, largest worker {b['maxrss_children_mb']:.0f} MB; {load()}")
    res["w_peak_all"] = b.get("peak_all_mb", 0.0)
    print(f"[Whoosh] index build peak memory, all processes together: {res['w_peak_all']:.0f} MB (target ≤ "
          f"{TARGET_REBUILD_MB} MB: {'met' if res['w_peak_all'] <= TARGET_REBUILD_MB else 'NOT met'})")
    print(f"[Whoosh] index size: {mb(size)} ({segs} segment(s), {size / n / 1024:.1f} KiB/item)", flush=True)
    if prof and prof.is_file():
        print_profile(prof, f"Whoosh build {n} (main process only)")

    # --- Whoosh: cold open ---------------------------------------------------------------------
    first = next(q for q in queries if q["cls"] == "facet")
    print(f"[Whoosh] cold open: {load()}", flush=True)
    cw = cold("cold-whoosh", libdir, first, args.cold_runs)
    res["w_cold"] = cw
    print(f"[Whoosh] cold open + first query ({args.cold_runs} runs): {fmt_cold(cw)}", flush=True)
    env = oldpc.bytecode_env(os.environ, args.workdir / "pycache")
    one = oldpc.oneshot(oneshot_args(libdir, first["text"]), args.cold_runs, env=env, cwd=ROOT)
    res["w_oneshot"] = statistics.median(one)
    print(f"[Whoosh] one-shot `kitepkana search {first['text']!r} --json` (bytecode cached, {len(one)} runs): "
          f"median {res['w_oneshot']:.3f} s (min {min(one):.3f}, max {max(one):.3f}); {load()}", flush=True)
    if args.io:
        io = oldpc.oneshot_io(oneshot_args(libdir, first["text"]), env=env, cwd=ROOT)
        res["w_oneshot_io"] = io
        print(f"[Whoosh] --io one-shot search: {io.describe()}", flush=True)

    # --- Whoosh: warm queries --------------------------------------------------------------------
    lib = Library.open(libdir)
    assert lib.ensure_index() == IndexOutcome.OK

    def wrun(q: dict) -> tuple[int, list[str]]:
        r = whoosh_query(lib, q)
        assert r.facets, "facet counts expected"
        return r.total, [h.id for h in r.hits]

    print(f"[Whoosh] queries: {load()}", flush=True)
    planned = {c: sum(q["cls"] == c for q in queries) for c in CLASSES}
    wq = time_queries(wrun, queries, budget=args.class_budget, io=args.counter)
    res["w_q"] = wq
    for c in CLASSES:
        print(f"[Whoosh] {c:6s} {fmt_lat(wq[c], planned[c])}")
        if args.io:
            print(f"[Whoosh] {c:6s} --io per query: {wq[c]['io'].describe()}")
    print(f"[Whoosh] after queries: {load()}", flush=True)
    if args.profile:
        by_class = {c: [q for q in queries if q["cls"] == c][:min(len(wq[c]["lat"]), args.profile_queries)]
                    for c in CLASSES}
        for c in CLASSES:
            p = cProfile.Profile()
            p.enable()
            for q in by_class[c]:
                whoosh_query(lib, q)
            p.disable()
            path = folder / f"query-{c}.prof"
            p.dump_stats(str(path))
            print_profile(path, f"Whoosh queries '{c}' at {n} ({len(by_class[c])} queries)")
    lib.close()

    # --- FTS5 ---------------------------------------------------------------------------------
    import fts_baseline

    fts_path = folder / "fts5.sqlite"
    print(f"\n[FTS5] build: {load()}", flush=True)
    prof = folder / "build-fts.prof" if args.profile else None
    fb = child(["build-fts", str(libdir), str(fts_path)], prof)
    total_bytes, index_bytes = fts_index_bytes(fts_path)
    res["f_rate"], res["f_size"] = n / fb["seconds"], index_bytes
    print(f"[FTS5] build: {fb['seconds']:.1f} s = {n / fb['seconds']:.0f} items/s (our Python analysis "
          f"{fb['analysis_seconds']:.1f} s, index creation + optimize {fb['finish_seconds']:.1f} s); peak RSS "
          f"{fb['maxrss_self_mb']:.0f} MB; {load()}")
    print(f"[FTS5] size: {mb(index_bytes)} without the plain copy of bodies kept for snippets "
          f"({mb(total_bytes)} with it)", flush=True)
    if prof:
        print_profile(prof, f"FTS5 build {n}", top=12)
    cf = cold("cold-fts", fts_path, first, args.cold_runs)
    res["f_cold"] = cf
    print(f"[FTS5] cold open + first query ({args.cold_runs} runs): {fmt_cold(cf)}", flush=True)
    fts = fts_baseline.FtsSearcher(fts_path)

    def frun(q: dict) -> tuple[int, list[str]]:
        r = fts_query(fts, q)
        return r["total"], [h["id"] for h in r["hits"]]

    print(f"[FTS5] queries: {load()}", flush=True)
    fq = time_queries(frun, queries, counts={c: len(wq[c]["lat"]) for c in CLASSES}, io=args.counter)
    res["f_q"] = fq
    for c in CLASSES:
        print(f"[FTS5]   {c:6s} {fmt_lat(fq[c], planned[c])}")
        if args.io:
            print(f"[FTS5]   {c:6s} --io per query: {fq[c]['io'].describe()}")
    fts.close()

    # --- comparison -----------------------------------------------------------------------------------
    print(f"\n[Whoosh/FTS5] build rate {res['w_rate'] / res['f_rate']:.2f}x, index size "
          f"{res['w_size'] / res['f_size']:.2f}x, cold open {cw['wall'] / cf['wall']:.2f}x (in-process "
          f"{cw['total'] / cf['total']:.2f}x); one-shot `kitepkana search` / FTS5 cold open "
          f"{res['w_oneshot'] / cf['wall']:.2f}x")
    for c in CLASSES:
        wl, fl = wq[c]["lat"], fq[c]["lat"]
        overlap = [len(set(a) & set(b)) / max(1, len(set(a) | set(b)))
                   for a, b in zip(wq[c]["tops"], fq[c]["tops"], strict=True) if a or b]
        same_total = sum(1 for a, b in zip(wq[c]["totals"], fq[c]["totals"], strict=True) if a == b)
        print(f"[Whoosh/FTS5] {c:6s} latency median {statistics.median(wl) / statistics.median(fl):5.1f}x, "
              f"p95 {pct(wl, 95) / pct(fl, 95):5.1f}x   (same total hits in {same_total}/{len(wl)} queries, "
              f"top-20 overlap {statistics.mean(overlap) if overlap else 0:.0%})")
    return res


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child_main(sys.argv[2:])
        return
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--items", type=int, nargs="+", default=[10_000, 50_000])
    ap.add_argument("--workdir", type=Path, default=Path("/tmp/kitepkana-bench"))
    ap.add_argument("--queries", type=int, default=200, help="queries per class (default 200)")
    ap.add_argument("--cold-runs", type=int, default=5)
    ap.add_argument("--reuse", action="store_true", help="reuse a database filled by an earlier run")
    ap.add_argument("--skip-build", action="store_true",
                    help="keep the index an earlier run of this size built (and show that run's build figures)")
    ap.add_argument("--profile", action="store_true", help="cProfile the build and the query classes")
    ap.add_argument("--profile-queries", type=int, default=60, help="queries per class to profile (default 60)")
    ap.add_argument("--class-budget", type=float, default=120.0,
                    help="stop a query class of the Whoosh run after this many seconds (0: never; default 120); "
                         "FTS5 then answers the same queries")
    oldpc.add_arguments(ap)
    args = ap.parse_args()
    args.workdir.mkdir(parents=True, exist_ok=True)
    pinned = oldpc.pin(args.cores)
    args.counter = oldpc.OpenCounter() if args.io else None

    import corpus
    import whoosh

    t_start = time.perf_counter()
    print(f"Kitepkana search benchmark — Python {platform.python_version()}, whoosh {whoosh.versionstring()}, "
          f"SQLite {sqlite3.sqlite_version}, {pinned}, {platform.platform()}")
    print(f"start: {load()}; workdir {args.workdir}")
    source = corpus.load_source()
    print(source.note)
    taxonomy = corpus.load_sample_taxonomy()
    queries = corpus.make_queries(source, taxonomy, per_class=args.queries)
    (args.workdir / "queries.json").write_text(json.dumps(queries, ensure_ascii=False, indent=0), encoding="utf-8")
    per_class = ", ".join(f"{c} {sum(q['cls'] == c for q in queries)}" for c in CLASSES)
    print(f"queries: {len(queries)} ({per_class}),"
          f" each: top 20 with snippets + facet counts; warm-up {WARMUP} per class; saved to "
          f"{args.workdir / 'queries.json'}")
    results = [run_size(n, args, queries, source, taxonomy) for n in args.items]

    print("\n================ summary ================")
    print(f"{'items':>7} | {'build/s W':>9} {'FTS5':>6} | {'size W':>9} {'FTS5':>9} | {'cold W':>7} {'FTS5':>6} | "
          + " | ".join(f"{c + ' med/p95 W':>19} {'FTS5':>13}" for c in CLASSES))
    for r in results:
        cells = []
        for c in CLASSES:
            w, f = r["w_q"][c]["lat"], r["f_q"][c]["lat"]
            cells.append(f"{statistics.median(w) * 1e3:8.1f}/{pct(w, 95) * 1e3:6.1f} ms "
                         f"{statistics.median(f) * 1e3:5.1f}/{pct(f, 95) * 1e3:5.1f} ms")
        print(f"{r['n']:>7} | {r['w_rate']:>9.0f} {r['f_rate']:>6.0f} | {mb(r['w_size']):>9} {mb(r['f_size']):>9} | "
              f"{r['w_cold']['wall'] * 1e3:>5.0f}ms {r['f_cold']['wall'] * 1e3:>4.0f}ms | " + " | ".join(cells))
    for r in results:
        for c in CLASSES:
            done, planned = len(r["w_q"][c]["lat"]), sum(q["cls"] == c for q in queries)
            if done < planned:
                print(f"note: at {r['n']:,} items only {done} of {planned} '{c}' queries ran (--class-budget "
                      f"{args.class_budget:.0f} s); both engines answered the same {done}")
    big = max(results, key=lambda r: r["n"])
    target = TARGET_P95_MS.get(args.cores, 30.0)
    print(f"\ntargets at {big['n']:,} items ({pinned}):")
    for c in CLASSES:
        p95 = pct(big["w_q"][c]["lat"], 95) * 1000
        print(f"   {c:6s} query p95 {p95:.1f} ms ({p95 / (pct(big['f_q'][c]['lat'], 95) * 1000):.1f}x FTS5) — target "
              f"≤ {target:.0f} ms: {'met' if p95 <= target else 'NOT met'}")
    print(f"   one-shot `kitepkana search` {big['w_oneshot']:.3f} s ({big['w_oneshot'] / big['f_cold']['wall']:.1f}x "
          f"the FTS5 cold open) — target ≤ {TARGET_ONESHOT} s: {'met' if big['w_oneshot'] <= TARGET_ONESHOT else 'NOT met'}")
    print(f"   rebuild peak memory, all processes {big['w_peak_all']:.0f} MB — target ≤ {TARGET_REBUILD_MB} MB: "
          f"{'met' if big['w_peak_all'] <= TARGET_REBUILD_MB else 'NOT met'}; build {big['w_rate']:.0f} items/s "
          f"(≥ 300: {'met' if big['w_rate'] >= 300 else 'NOT met'})")
    print(f"end: {load()}; total run time {(time.perf_counter() - t_start) / 60:.1f} min")


if __name__ == "__main__":
    main()
