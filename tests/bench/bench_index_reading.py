"""How the search index is read: Whoosh's map against ``app.search.reading`` (issue 15), run on demand::

    python tests/bench/bench_index_reading.py --lib /tmp/kitepkana-bench/startup-50k/lib --rounds 3

Each run is a fresh process that opens the library, shows the first listing (what the app shows first),
warms the search as the app does after it, then answers the corpus's queries (``corpus.make_queries``, as
``bench_search.py`` asks them: top 20 with snippets and facet counts). It prints the first listing's time,
the resident memory after it, after the warm-up and at the end, and each query class's median and p95. The
two ways alternate (map, parts, map, parts, …); "map" puts Whoosh's own compound storage back in that
process, "parts" is the app as it is. The top hits of both are compared.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
for p in (str(ROOT), str(HERE)):
    if p not in sys.path:
        sys.path.insert(0, p)

from bench_search import CLASSES  # (the query classes bench_search asks)

WAYS = ("map", "parts")


def child(way: str, lib_dir: str, per_class: int) -> None:
    import bench_search
    import corpus
    import oldpc

    from app.library import Library
    from app.values import SearchRequest

    if way == "map":
        from whoosh.codec import base
        from whoosh.filedb.compound import CompoundStorage

        import app.search.index  # noqa: F401  (it installs the parts when imported: first that, then Whoosh's own back)

        base.CompoundStorage = CompoundStorage
    lib = Library.open(lib_dir)
    if lib.ensure_index(warm=False) != "ok":
        raise SystemExit("the index is not up to date: run bench_startup.py or the app on this library first")
    t0 = time.perf_counter()
    lib.search(SearchRequest())
    out: dict = {"first": time.perf_counter() - t0, "rss_first": oldpc.rss_mb()}
    lib.search_index.warm()
    out["rss_warm"] = oldpc.rss_mb()
    queries = corpus.make_queries(corpus.load_source(), corpus.load_sample_taxonomy(), per_class=per_class)

    def run(q: dict) -> tuple[int, list[str]]:
        r = bench_search.whoosh_query(lib, q)
        return r.total, [h.id for h in r.hits[:3]]

    res = bench_search.time_queries(run, queries)
    out["rss_end"] = oldpc.rss_mb()
    for c in CLASSES:
        out[c] = (statistics.median(res[c]["lat"]) * 1000, bench_search.pct(res[c]["lat"], 95) * 1000)
        out[c + ":tops"] = res[c]["tops"]
    print(json.dumps(out))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--lib", type=Path, required=True, help="a filled library with an up-to-date index")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--queries", type=int, default=100, help="queries per class (default 100)")
    ap.add_argument("--child", choices=WAYS, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        return child(args.child, str(args.lib), args.queries)
    print(f"Index reading benchmark — {args.lib}; {args.rounds} rounds, {args.queries} queries per class; "
          "load {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()), flush=True)
    runs: dict[str, list[dict]] = {way: [] for way in WAYS}
    for r in range(args.rounds):
        for way in WAYS:
            done = subprocess.run([sys.executable, __file__, "--lib", str(args.lib), "--queries", str(args.queries),
                                   "--child", way], cwd=ROOT, capture_output=True, text=True, check=False)
            if done.returncode != 0:
                raise SystemExit(f"the {way} run failed:\n{done.stderr[-3000:]}")
            o = json.loads(done.stdout.strip().splitlines()[-1])
            runs[way].append(o)
            print(f"   round {r + 1} {way:5s}: first listing {o['first'] * 1000:.0f} ms; resident after it "
                  f"{o['rss_first']:.0f} MB, warmed {o['rss_warm']:.0f} MB, at the end {o['rss_end']:.0f} MB; "
                  + "; ".join(f"{c} {o[c][0]:.1f}/{o[c][1]:.1f} ms" for c in CLASSES)
                  + f"; load {os.getloadavg()[0]:.2f}", flush=True)
    same = all(a[c + ":tops"] == b[c + ":tops"] for a in runs["map"] for b in runs["parts"] for c in CLASSES)
    print(f"\nsame top 3 hits for every query: {'yes' if same else 'NO'}")
    medians = {}
    for way, rs in runs.items():
        medians[way] = {k: statistics.median(o[k] for o in rs) for k in ("first", "rss_first", "rss_warm", "rss_end")}
        for c in CLASSES:
            medians[way][c] = [statistics.median(o[c][i] for o in rs) for i in (0, 1)]
    for way in WAYS:
        m, b = medians[way], medians["map"]
        print(f"{way:5s} medians: first listing {m['first'] * 1000:.0f} ms ({m['first'] / b['first']:.2f}× map); "
              f"resident {m['rss_first']:.0f} / {m['rss_warm']:.0f} / {m['rss_end']:.0f} MB (after the listing / "
              f"warmed / end; {m['rss_warm'] - b['rss_warm']:+.0f} MB warmed against map); "
              + "; ".join(f"{c} median {m[c][0]:.1f} p95 {m[c][1]:.1f} ms ({m[c][1] / b[c][1]:.2f}×)" for c in CLASSES))


if __name__ == "__main__":
    main()
